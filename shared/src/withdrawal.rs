//! A kill notice: the publisher withdrew an article, and every report taken from it must go.
//!
//! Wire services withdraw stories they got wrong (IPTC `pubstatus: withdrawn`/`canceled`). The extractor
//! turns such a notice into a [`Withdrawal`] on `<prefix>.withdrawals.<outlet>`, carried in the events stream
//! so the aggregator sees it in order with the article's events.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::Article;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Withdrawal {
    pub article_id: String,
    /// The version of the kill notice: every report from an earlier version of the article is removed.
    pub article_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<FixedOffset>>,
}

impl Withdrawal {
    pub fn of(article: &Article) -> Self {
        Withdrawal {
            article_id: article.id.clone(),
            article_version: article.version,
            outlet: article.outlet.clone(),
            published_at: article.published_at,
        }
    }

    /// The `Nats-Msg-Id`: one notice per article version, however often it is redelivered.
    pub fn msg_id(&self) -> String {
        format!("withdrawal:{}@v{}", self.article_id, self.article_version)
    }
}
