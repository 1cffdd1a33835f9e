//! An article as dateline carries it between stages: the normalised form of whatever the wire delivered
//! (plain text, JSON, ninjs, RSS/Atom item).

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Whether an article stands or has been withdrawn by its publisher (IPTC `pubstatus`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PubStatus {
    #[default]
    Usable,
    /// A kill or withdrawal notice: every report taken from earlier versions must be removed.
    Withdrawn,
}

/// One article version. `id` + `version` identify it; a higher version of the same `id` replaces the earlier one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Article {
    pub id: String,
    #[serde(default = "first_version")]
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// When the wire published it. A date-only value is kept as midnight UTC with `published_date_only` set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub published_date_only: bool,
    /// The place in the dateline ("SEOUL" in `SEOUL (Reuters) -`): context for extraction, not an event place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "is_usable")]
    pub pubstatus: PubStatus,
    pub body: String,
}

fn first_version() -> u32 {
    1
}

fn is_usable(status: &PubStatus) -> bool {
    *status == PubStatus::Usable
}

impl Article {
    /// The calendar date the article was published on, in the publisher's own offset.
    pub fn published_date(&self) -> Option<NaiveDate> {
        self.published_at.map(|at| at.date_naive())
    }

    /// The `Nats-Msg-Id` of this article version: a re-sent copy is dropped by JetStream's duplicate window.
    pub fn msg_id(&self) -> String {
        format!("{}@v{}", self.id, self.version)
    }

    /// Headline and body as one text, the headline first, as extraction reads it.
    pub fn full_text_len(&self) -> usize {
        self.headline.as_ref().map_or(0, |h| h.len() + 2) + self.body.len()
    }
}
