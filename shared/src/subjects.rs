//! The names of everything dateline creates in NATS, derived from one configurable prefix.
//!
//! With the default prefix `dateline`:
//! - articles: subjects `dateline.articles.<outlet>`, stream `DATELINE_ARTICLES`
//! - events: subjects `dateline.events.<kind>`, stream `DATELINE_EVENTS`, which also carries kill notices on
//!   `dateline.withdrawals.<outlet>`
//! - story changes: subjects `dateline.stories.<story_id>`, stream `DATELINE_STORIES`
//! - story state: KV bucket `dateline_stories`, the reports stories hold: KV bucket `dateline_reports`
//! - dead letters: subjects `dateline.dlq.<stage>`, stream `DATELINE_DLQ`

use crate::ids::subject_token;

#[derive(Debug, thiserror::Error)]
#[error("subject prefix `{0}` must be one token of ASCII letters, digits, `_` or `-`")]
pub struct BadPrefix(pub String);

/// Subject, stream, consumer and bucket names for one deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    prefix: String,
}

impl Default for Names {
    fn default() -> Self {
        Self {
            prefix: "dateline".to_owned(),
        }
    }
}

impl Names {
    pub fn new(prefix: &str) -> Result<Self, BadPrefix> {
        let valid = !prefix.is_empty()
            && prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if valid {
            Ok(Self {
                prefix: prefix.to_owned(),
            })
        } else {
            Err(BadPrefix(prefix.to_owned()))
        }
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    fn stream(&self, what: &str) -> String {
        format!(
            "{}_{what}",
            self.prefix.to_ascii_uppercase().replace('-', "_")
        )
    }

    pub fn articles_stream(&self) -> String {
        self.stream("ARTICLES")
    }

    pub fn events_stream(&self) -> String {
        self.stream("EVENTS")
    }

    pub fn stories_stream(&self) -> String {
        self.stream("STORIES")
    }

    pub fn dlq_stream(&self) -> String {
        self.stream("DLQ")
    }

    pub fn stories_bucket(&self) -> String {
        format!("{}_stories", self.prefix.replace('-', "_"))
    }

    pub fn reports_bucket(&self) -> String {
        format!("{}_reports", self.prefix.replace('-', "_"))
    }

    /// The bucket of single-writer leases: which instance of a stage is the active one (see `lease`).
    pub fn leases_bucket(&self) -> String {
        format!("{}_leases", self.prefix.replace('-', "_"))
    }

    /// The bucket of aggregator partitions' checkpoints: how far into the events stream each has stored.
    pub fn partitions_bucket(&self) -> String {
        format!("{}_partitions", self.prefix.replace('-', "_"))
    }

    pub fn article_subject(&self, outlet: Option<&str>) -> String {
        format!(
            "{}.articles.{}",
            self.prefix,
            subject_token(outlet.unwrap_or("unknown"))
        )
    }

    pub fn event_subject(&self, kind: &str) -> String {
        format!("{}.events.{}", self.prefix, subject_token(kind))
    }

    pub fn story_subject(&self, story_id: &str) -> String {
        format!("{}.stories.{}", self.prefix, subject_token(story_id))
    }

    pub fn dlq_subject(&self, stage: &str) -> String {
        format!("{}.dlq.{}", self.prefix, subject_token(stage))
    }

    /// `<prefix>.<what>.>`: every subject of one family.
    /// Where the kill notice of an article from `outlet` goes (in the events stream).
    pub fn withdrawal_subject(&self, outlet: Option<&str>) -> String {
        format!(
            "{}.withdrawals.{}",
            self.prefix,
            subject_token(outlet.unwrap_or("unknown"))
        )
    }

    /// Whether a subject is a kill notice's.
    pub fn is_withdrawal(&self, subject: &str) -> bool {
        subject
            .strip_prefix(self.prefix.as_str())
            .is_some_and(|rest| rest.starts_with(".withdrawals."))
    }

    pub fn all(&self, what: &str) -> String {
        format!("{}.{what}.>", self.prefix)
    }

    /// The durable consumer a stage shares among all its instances.
    pub fn consumer(&self, stage: &str) -> String {
        format!("{}_{stage}", self.prefix.replace('-', "_"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_match_the_documented_contract() {
        let names = Names::default();
        assert_eq!(names.articles_stream(), "DATELINE_ARTICLES");
        assert_eq!(names.events_stream(), "DATELINE_EVENTS");
        assert_eq!(names.stories_stream(), "DATELINE_STORIES");
        assert_eq!(names.stories_bucket(), "dateline_stories");
        assert_eq!(names.leases_bucket(), "dateline_leases");
        assert_eq!(
            names.article_subject(Some("Reuters")),
            "dateline.articles.reuters"
        );
        assert_eq!(names.article_subject(None), "dateline.articles.unknown");
        assert_eq!(
            names.event_subject("missile_launch"),
            "dateline.events.missile_launch"
        );
        assert_eq!(names.dlq_subject("extractor"), "dateline.dlq.extractor");
        assert_eq!(names.all("events"), "dateline.events.>");
    }

    #[test]
    fn a_prefix_is_one_safe_token() {
        assert!(Names::new("dateline.test").is_err());
        assert!(Names::new("").is_err());
        assert_eq!(Names::new("t-1").unwrap().articles_stream(), "T_1_ARTICLES");
    }
}
