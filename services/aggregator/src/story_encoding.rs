//! A story's JSON, put together from the JSON of its events as it was when each last changed.
//!
//! The aggregator writes a story once per batch that touches it, and publishes every change with the events
//! it touched. A big story holds dozens of events and most reports change one of them, yet encoding every
//! event again on each write was a quarter of the aggregator's CPU on big stories (support, history and
//! sources of every event). The desk keeps each open event's JSON here and drops it whenever it changes the
//! event, so a write encodes only the events that changed. Debug builds (every test) check each result
//! against serde's encoding of the whole value.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use dateline_shared::{Change, Story, StoryEvent, StoryHead, StoryUpdate};
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

/// Serializes exactly as [`StoryUpdate`] does, with its events already encoded.
#[derive(Serialize)]
struct UpdateParts<'a> {
    story: &'a StoryHead,
    events: Vec<&'a RawValue>,
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
        let events: Vec<&StoryEvent> = story.events.iter().collect();
        let json = self.with_events(&events, keep, |events| {
            serde_json::to_vec(&StoryParts {
                id: &story.id,
                title: &story.title,
                revision: story.revision,
                updated_at: &story.updated_at,
                closed: story.closed,
                events,
            })
        })?;
        debug_assert_eq!(
            String::from_utf8_lossy(&json),
            String::from_utf8_lossy(&serde_json::to_vec(story)?),
            "the kept JSON of story {} is out of date: an event changed without being forgotten",
            story.id
        );
        Ok(json)
    }

    /// The update published on the story's subject: its head, the events `changes` touched, and the changes.
    pub fn update_json(
        &mut self,
        story: &Story,
        changes: &[Change],
        keep: bool,
    ) -> serde_json::Result<Vec<u8>> {
        let head = StoryHead::of(story);
        let touched: Vec<&StoryEvent> = StoryUpdate::touched(story, changes).collect();
        let json = self.with_events(&touched, keep, |events| {
            serde_json::to_vec(&UpdateParts {
                story: &head,
                events,
                changes,
            })
        })?;
        debug_assert_eq!(
            String::from_utf8_lossy(&json),
            String::from_utf8_lossy(&serde_json::to_vec(&StoryUpdate::of(story, changes))?),
            "the kept JSON of story {} is out of date: an event changed without being forgotten",
            story.id
        );
        Ok(json)
    }

    /// Calls `encode` with the JSON of `events`: kept JSON where there is some, the others encoded now (and
    /// kept when `keep`).
    fn with_events<R>(
        &mut self,
        events: &[&StoryEvent],
        keep: bool,
        encode: impl FnOnce(Vec<&RawValue>) -> serde_json::Result<R>,
    ) -> serde_json::Result<R> {
        let fresh = events
            .iter()
            .map(|event| match self.by_event.contains_key(&event.id) {
                true => Ok(None),
                false => encode_event(event).map(Some),
            })
            .collect::<serde_json::Result<Vec<Option<Box<RawValue>>>>>()?;
        let result = {
            let raws = events
                .iter()
                .zip(&fresh)
                .map(|(event, fresh)| {
                    self.by_event
                        .get(&event.id)
                        .or(fresh.as_ref())
                        .map(|raw| &**raw)
                        .ok_or_else(|| {
                            serde::ser::Error::custom("an event was neither kept nor encoded")
                        })
                })
                .collect::<serde_json::Result<Vec<&RawValue>>>()?;
            encode(raws)?
        };
        if keep {
            for (event, raw) in events.iter().zip(fresh) {
                if let Some(raw) = raw {
                    self.by_event.insert(event.id.clone(), raw);
                }
            }
        }
        Ok(result)
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
