//! A story: the aggregator's live account of a developing set of happenings, and the changes it publishes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::event::{Actor, Event, EventTime, Evidence, Place, Status};

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
    /// Who reported this event, one entry per report, oldest first: enough to show and count sources.
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

/// The sources of a story event, each kept with its JSON rendered once.
///
/// Why: a story is written to the bucket after every batch that touches it, and its sources grow with every
/// corroborating report; encoding all of them again on each write was a quarter of the aggregator's CPU. A
/// source never changes once made, so it is encoded when it joins and written as those bytes from then on.
/// Reads see a plain slice of [`Source`].
#[derive(Debug, Clone, Default)]
pub struct Sources {
    list: Vec<Source>,
    /// `rendered[i]` is `list[i]` as JSON, or `None` if encoding it failed (then it is encoded on each write).
    rendered: Vec<Option<Box<serde_json::value::RawValue>>>,
}

impl Sources {
    /// Inserts a source at `index` (as [`Vec::insert`]), encoding it once.
    pub fn insert(&mut self, index: usize, source: Source) {
        self.rendered
            .insert(index, serde_json::value::to_raw_value(&source).ok());
        self.list.insert(index, source);
    }

    pub fn push(&mut self, source: Source) {
        self.insert(self.list.len(), source);
    }
}

impl std::ops::Deref for Sources {
    type Target = [Source];

    fn deref(&self) -> &[Source] {
        &self.list
    }
}

impl<'a> IntoIterator for &'a Sources {
    type Item = &'a Source;
    type IntoIter = std::slice::Iter<'a, Source>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl FromIterator<Source> for Sources {
    fn from_iter<I: IntoIterator<Item = Source>>(iter: I) -> Self {
        let mut sources = Sources::default();
        for source in iter {
            sources.push(source);
        }
        sources
    }
}

impl PartialEq for Sources {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list
    }
}

impl Serialize for Sources {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// One source: its stored JSON if it has one, else encoded now.
        struct One<'a>(&'a Source, Option<&'a serde_json::value::RawValue>);
        impl Serialize for One<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self.1 {
                    Some(rendered) => rendered.serialize(serializer),
                    None => self.0.serialize(serializer),
                }
            }
        }
        serializer.collect_seq(
            self.list
                .iter()
                .zip(&self.rendered)
                .map(|(source, rendered)| One(source, rendered.as_deref())),
        )
    }
}

impl<'de> Deserialize<'de> for Sources {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Source>::deserialize(deserializer).map(Sources::from_iter)
    }
}

impl schemars::JsonSchema for Sources {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        Vec::<Source>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Vec::<Source>::json_schema(generator)
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

/// The message published on `dateline.stories.<story_id>` for every story change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StoryUpdate {
    pub story: Story,
    pub changes: Vec<Change>,
}

impl StoryUpdate {
    /// The update subscribers receive, encoded without copying the story (its events' full reports are never
    /// serialized: see [`StoryEvent::reports`]).
    pub fn encode(story: &Story, changes: &[Change]) -> serde_json::Result<Vec<u8>> {
        /// Serializes exactly as [`StoryUpdate`] does, from borrowed parts.
        #[derive(Serialize)]
        struct Borrowed<'a> {
            story: &'a Story,
            changes: &'a [Change],
        }
        serde_json::to_vec(&Borrowed { story, changes })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn source(n: u32, outlet: Option<&str>) -> Source {
        Source {
            event_id: format!("ev-{n:04}"),
            article_id: format!("wire-\"{n}\"\\é"),
            article_version: n,
            outlet: outlet.map(str::to_owned),
            status: Status::Expected,
            published_at: format!("2024-03-0{n}T10:15:00+05:30").parse().ok(),
        }
    }

    #[test]
    fn sources_encode_and_decode_exactly_as_a_plain_list() {
        let plain = vec![
            source(3, Some("Press Trust of India")),
            source(1, None),
            source(2, Some("Antara")),
        ];
        let mut kept: Sources = plain[..1].iter().cloned().collect();
        kept.insert(0, plain[1].clone());
        kept.push(plain[2].clone());
        let mut expected = plain.clone();
        expected.swap(0, 1);

        assert_eq!(&*kept, expected.as_slice());
        // Byte for byte when compact (the bucket, updates, the API) and as a JSON value; pretty printing
        // keeps each source on one line, the same JSON.
        let compact = serde_json::to_string(&kept).ok();
        assert_eq!(compact, serde_json::to_string(&expected).ok());
        assert_eq!(
            serde_json::to_value(&kept).ok(),
            serde_json::to_value(&expected).ok()
        );
        let pretty: Option<serde_json::Value> = serde_json::to_string_pretty(&kept)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok());
        assert_eq!(pretty, serde_json::to_value(&expected).ok());
        let back: Sources =
            serde_json::from_str(&serde_json::to_string(&kept).unwrap_or_default()).unwrap();
        assert_eq!(back, kept);
    }
}
