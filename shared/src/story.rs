//! A story: the aggregator's live account of a developing set of happenings, and the changes it publishes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::event::{Actor, Event, EventTime, Evidence, Place, Status};
pub use crate::story_sources::{OutletCount, SealedPage, SealedVolume, Sources};

/// The current state of one story, as kept in the `dateline_stories` KV bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Story {
    pub id: String,
    pub title: String,
    /// Bumped by every applied report that changes the story.
    pub revision: u64,
    pub updated_at: DateTime<Utc>,
    /// Closed stories have gone quiet: archived in the bucket, no longer matched against new reports.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closed: bool,
    pub events: Vec<StoryEvent>,
}

/// One real-world happening merged from any number of reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StoryEvent {
    pub id: String,
    pub kind: String,
    pub status: Status,
    pub actors: Vec<Actor>,
    pub place: Option<Place>,
    pub time: Option<EventTime>,
    pub attribution: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weapon: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// The sentence of the report that set the event's status.
    pub evidence: Evidence,
    /// How each resolved field is supported, and the alternatives seen.
    #[serde(default)]
    pub support: Vec<FieldSupport>,
    /// Who reported this event: the count, a tally per outlet, and the reports oldest first — the older ones
    /// in sealed pages once there are many (see [`Sources`]).
    #[serde(default)]
    pub sources: Sources,
    /// Every report merged into this event, in full; the fields above are derived from them. Held in the
    /// aggregator's memory and stored in the reports bucket; never serialized with the story (stored value,
    /// published update, API), which names them in `sources`, so none of those grows with every
    /// corroborating report — and writing a story copies nothing to leave them out.
    #[serde(default, skip_serializing)]
    #[schemars(skip)]
    pub reports: Vec<Event>,
    /// Every change to this event's fields, oldest first.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

/// One report behind a story event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Source {
    pub event_id: String,
    pub article_id: String,
    pub article_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<chrono::DateTime<chrono::FixedOffset>>,
}

impl Source {
    pub fn of(report: &Event) -> Self {
        Source {
            event_id: report.id.clone(),
            article_id: report.article_id.clone(),
            article_version: report.article_version,
            outlet: report.outlet.clone(),
            status: report.status,
            published_at: report.published_at,
        }
    }
}

/// One value a field took in the reports, and who said so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Alternative {
    pub value: String,
    pub reports: usize,
    pub outlets: Vec<String>,
    /// The firmest status among the reports giving this value.
    pub status: Status,
}

/// Provenance of one resolved field: the value held first, then the others seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FieldSupport {
    pub field: String,
    pub values: Vec<Alternative>,
}

/// A past change of one field of one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HistoryEntry {
    pub revision: u64,
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub article_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
}

/// What one applied report changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Change {
    pub event_id: String,
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub because: Because,
}

/// The report behind a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Because {
    pub article_id: String,
    #[serde(default)]
    pub outlet: Option<String>,
}

/// The message published on `<prefix>.stories.<story_id>` for every story change: what changed and why, with
/// the new state of the events the changes touched. It does not carry the whole story: a big story holds
/// dozens of events, and sending all of them with every change was a third of what the aggregator sent the
/// broker. The whole story, at the same revision or newer, is in the stories bucket (and `GET /stories/<id>`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StoryUpdate {
    pub story: StoryHead,
    /// The events the changes touched, in their new state, in story order. An event a change retracted
    /// (`field` "event", `to` null) is gone from the story and not here.
    pub events: Vec<StoryEvent>,
    pub changes: Vec<Change>,
}

/// A story without its events: enough to list it and to tell whether an update is newer than a copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StoryHead {
    pub id: String,
    pub title: String,
    pub revision: u64,
    pub updated_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closed: bool,
    /// The ids of the story's events after this update, in story order.
    pub event_ids: Vec<String>,
}

impl StoryUpdate {
    /// The update for `changes` just made to `story`.
    pub fn of(story: &Story, changes: &[Change]) -> Self {
        StoryUpdate {
            story: StoryHead::of(story),
            events: Self::touched(story, changes).cloned().collect(),
            changes: changes.to_vec(),
        }
    }

    /// The events of `story` that `changes` touched, in story order: the events an update carries.
    pub fn touched<'a>(
        story: &'a Story,
        changes: &'a [Change],
    ) -> impl Iterator<Item = &'a StoryEvent> + 'a {
        story
            .events
            .iter()
            .filter(|e| changes.iter().any(|c| c.event_id == e.id))
    }

    /// Brings a copy of the story up to this update: head fields, and the events in the order the update
    /// names them, the touched ones in their new state. An update not newer than the copy changes nothing.
    /// Fields of events the update did not touch stay as the copy had them (a corroborating report that
    /// changes no field is stored but not published, so their source counts may lag the bucket).
    ///
    /// Returns false, leaving the copy as it was, when the update names an event the copy lacks and does
    /// not carry: an update was missed, and the story is to be read whole again.
    pub fn apply_to(&self, story: &mut Story) -> bool {
        if self.story.id != story.id || self.story.revision <= story.revision {
            return true;
        }
        let mut events = Vec::with_capacity(self.story.event_ids.len());
        for id in &self.story.event_ids {
            let event = self
                .events
                .iter()
                .chain(&story.events)
                .find(|e| e.id == *id);
            match event {
                Some(event) => events.push(event.clone()),
                None => return false,
            }
        }
        story.events = events;
        story.title.clone_from(&self.story.title);
        story.revision = self.story.revision;
        story.updated_at = self.story.updated_at;
        story.closed = self.story.closed;
        true
    }
}

impl StoryHead {
    pub fn of(story: &Story) -> Self {
        StoryHead {
            id: story.id.clone(),
            title: story.title.clone(),
            revision: story.revision,
            updated_at: story.updated_at,
            closed: story.closed,
            event_ids: story.events.iter().map(|e| e.id.clone()).collect(),
        }
    }
}

impl Story {
    pub fn event(&self, id: &str) -> Option<&StoryEvent> {
        self.events.iter().find(|e| e.id == id)
    }

    /// The publication time of the newest report the story holds.
    pub fn last_reported(&self) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        self.events
            .iter()
            .flat_map(|e| e.sources.iter())
            .filter_map(|s| s.published_at)
            .max()
    }
}
