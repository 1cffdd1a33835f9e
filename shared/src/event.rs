//! A typed event: one happening as one article reports it.
//!
//! The field names are dateline's public contract (see the README); consumers in other languages rely on them.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::date::PartialDate;

/// How the article presents the happening.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Reported as having happened.
    Occurred,
    /// Announced or planned: "will", "is set to", "is expected to", "scheduled".
    Expected,
    /// Possible: "could", "may", "might", "likely", "reportedly considering".
    Speculated,
    /// Someone denies it happened or will happen.
    Denied,
}

impl Status {
    /// How firmly the status asserts the happening: asserted beats expected beats speculated.
    pub fn assertiveness(self) -> u8 {
        match self {
            Status::Occurred | Status::Denied => 3,
            Status::Expected => 2,
            Status::Speculated => 1,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Occurred => "occurred",
            Status::Expected => "expected",
            Status::Speculated => "speculated",
            Status::Denied => "denied",
        }
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ActorType {
    Person,
    Organization,
    Country,
    Group,
}

/// A participant, named canonically: every way one article names the same entity maps to one `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Actor {
    pub name: String,
    pub id: String,
    #[serde(rename = "type")]
    pub actor_type: ActorType,
    /// The role the text gives ("Natural Resources Minister"), kept apart from the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// ISO 3166-1 alpha-2 code of the country the actor belongs to or is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A place resolved to a name and, when known, its country (ISO 3166-1 alpha-2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Place {
    pub name: String,
    #[serde(default)]
    pub country: Option<String>,
    /// True when the place is a whole country ("in Russia"), so that a city in it is compatible with it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_country: bool,
}

impl Place {
    /// Equal, or one inside the other (Khasan is in Russia).
    pub fn compatible_with(&self, other: &Place) -> bool {
        if self.name.eq_ignore_ascii_case(&other.name) {
            return true;
        }
        let same_country = self.country.is_some() && self.country == other.country;
        same_country && (self.is_country || other.is_country)
    }
}

/// When it happened: the resolved date at the precision known, and the words that said so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EventTime {
    /// `null` when the text names a time that cannot be resolved (a weekday with no publication date).
    pub date: Option<PartialDate>,
    pub text: String,
}

/// The sentence an event came from, with its byte offsets in the extracted text (headline, blank line, body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evidence {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One happening as one article version reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Event {
    /// Deterministic: the same article version always yields the same ids.
    pub id: String,
    /// snake_case kind from the lexicon: `arrival`, `departure`, `meeting`, `missile_launch`, ...
    pub kind: String,
    pub status: Status,
    pub actors: Vec<Actor>,
    pub place: Option<Place>,
    pub time: Option<EventTime>,
    /// Who the article says reports it ("KCNA", "South Korea's military").
    #[serde(default)]
    pub attribution: Vec<String>,
    pub article_id: String,
    #[serde(default = "first_version")]
    pub article_version: u32,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<FixedOffset>>,
    pub evidence: Evidence,
    /// How many events extraction found in this article version (0 = unknown). Lets the aggregator tell when
    /// a new version's reports are all in, before retracting what only the older version said.
    #[serde(default)]
    pub article_events: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weapon: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<Place>,
}

fn first_version() -> u32 {
    1
}

impl Event {
    pub fn date(&self) -> Option<PartialDate> {
        self.time.as_ref().and_then(|t| t.date)
    }

    pub fn actor_ids(&self) -> impl Iterator<Item = &str> {
        self.actors.iter().map(|a| a.id.as_str())
    }
}
