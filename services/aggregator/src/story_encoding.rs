//! A story's JSON, put together from the JSON of its events as it was when each last changed.
//!
//! The aggregator writes a story once per batch that touches it and publishes it whole with every change it
//! makes. A big story holds dozens of events and most reports change one of them, yet encoding every event
//! again on each write was a quarter of the aggregator's CPU on big stories (support, history and sources of
//! every event). The desk keeps each open event's JSON here and drops it whenever it changes the event, so a
//! write encodes only the events that changed. Debug builds (every test) check each result against encoding
//! the story whole.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use dateline_shared::{Change, Story, StoryEvent};
use serde::Serialize;
use serde_json::value::RawValue;

/// The JSON of open stories' events, by event id.
#[derive(Debug, Clone, Default)]
pub struct EncodedEvents {
    by_event: HashMap<String, Box<RawValue>>,
}

/// Serializes exactly as [`Story`] does, with its events already encoded.
#[derive(Serialize)]
struct StoryParts<'a> {
    id: &'a str,
    title: &'a str,
    revision: u64,
    updated_at: &'a DateTime<Utc>,
    #[serde(skip_serializing_if = "is_false")]
    closed: bool,
    events: Vec<&'a RawValue>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Serializes exactly as [`StoryUpdate`](dateline_shared::StoryUpdate) does.
#[derive(Serialize)]
struct UpdateParts<'a> {
    story: &'a RawValue,
    changes: &'a [Change],
}

impl EncodedEvents {
    /// Forgets an event's JSON: to be called whenever the event changes.
    pub fn forget(&mut self, event_id: &str) {
        self.by_event.remove(event_id);
    }

    /// Forgets the JSON of every event of a story.
    pub fn forget_story(&mut self, story: &Story) {
        for event in &story.events {
            self.by_event.remove(&event.id);
        }
    }

    /// The story as stored in the stories bucket. Events without kept JSON are encoded, and kept when `keep`
    /// (the story is open; a closed story's events would never be forgotten).
    pub fn story_json(&mut self, story: &Story, keep: bool) -> serde_json::Result<Vec<u8>> {
        let mut fresh: Vec<(usize, Box<RawValue>)> = Vec::new();
        for (i, event) in story.events.iter().enumerate() {
            if !self.by_event.contains_key(&event.id) {
                fresh.push((i, encode_event(event)?));
            }
        }
        let json = {
            let fresh_at = |i: usize| fresh.iter().find(|(at, _)| *at == i).map(|(_, raw)| &**raw);
            let events = story
                .events
                .iter()
                .enumerate()
                .map(|(i, event)| {
                    self.by_event
                        .get(&event.id)
                        .map(|raw| &**raw)
                        .or_else(|| fresh_at(i))
                        .ok_or_else(|| {
                            serde::ser::Error::custom("an event was neither kept nor encoded")
                        })
                })
                .collect::<serde_json::Result<Vec<&RawValue>>>()?;
            serde_json::to_vec(&StoryParts {
                id: &story.id,
                title: &story.title,
                revision: story.revision,
                updated_at: &story.updated_at,
                closed: story.closed,
                events,
            })?
        };
        if keep {
            for (i, raw) in fresh {
                self.by_event.insert(story.events[i].id.clone(), raw);
            }
        }
        debug_assert_eq!(
            String::from_utf8_lossy(&json),
            String::from_utf8_lossy(&serde_json::to_vec(story)?),
            "the kept JSON of story {} is out of date: an event changed without being forgotten",
            story.id
        );
        Ok(json)
    }

    /// The update published on the story's subject: its new state and what changed.
    pub fn update_json(
        &mut self,
        story: &Story,
        changes: &[Change],
        keep: bool,
    ) -> serde_json::Result<Vec<u8>> {
        let story_json = String::from_utf8(self.story_json(story, keep)?)
            .map_err(|e| serde::ser::Error::custom(format!("story JSON is not UTF-8: {e}")))?;
        let story = RawValue::from_string(story_json)?;
        serde_json::to_vec(&UpdateParts {
            story: &story,
            changes,
        })
    }

    /// How many events' JSON is kept: for tests of bounded memory.
    pub fn len(&self) -> usize {
        self.by_event.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_event.is_empty()
    }
}

fn encode_event(event: &StoryEvent) -> serde_json::Result<Box<RawValue>> {
    RawValue::from_string(serde_json::to_string(event)?)
}
