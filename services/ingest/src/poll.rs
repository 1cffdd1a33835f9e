//! Polling feeds: each configured RSS/Atom URL (or any document URL in a supported format) is fetched on its
//! interval with conditional GET, and what is new in it is published.
//!
//! Why this shape: a wire feed is polled for months, mostly to hear "nothing new". A 304 (or a body identical
//! to the last one, from servers that send no validators) must therefore cost no parsing and no publishing,
//! and a feed that fails must be polled less and less often — up to a cap, so that it is picked up again
//! soon after it recovers — rather than hammered or forgotten. The decisions (what a response means, when to
//! poll next) are a pure core, [`FeedState`]; [`FeedPoller`] is the thin async shell around it.
//!
//! Waits are jittered (each shortened by up to a quarter, never lengthened past the interval or the cap) so
//! that many feeds configured alike, or failing together when their host goes down, do not poll in lockstep;
//! a server's `Retry-After` (429, 503) is honoured, up to the configured cap.
//!
//! When a feed does change, only its items not in the previous body are published: a feed of fifty items
//! that gains one costs one publish, not fifty duplicates for JetStream to drop.
//!
//! Nothing is lost on a failure: validators are only remembered once every article in the body was
//! acknowledged, so after a publishing failure the next poll fetches the whole body again, and JetStream's
//! `Nats-Msg-Id` deduplication drops what did get through.

use std::collections::HashSet;
use std::time::Duration;

use dateline_shared::shutdown::Shutdown;
use dateline_shared::sources::FeedSource;
use dateline_shared::Article;

use crate::fetch::{FetchError, Fetched, Validators};
use crate::formats::{Limits, Parsed};
use crate::publish::{IngestReport, Publisher};

/// What to do with the answer to one poll.
#[derive(Debug)]
pub enum Step {
    /// 304: the feed has not changed since the validators we sent.
    NotModified,
    /// 200 with exactly the body already published.
    SameBody,
    /// A new body to parse and publish.
    Ingest {
        bytes: Vec<u8>,
        validators: Validators,
        digest: blake3::Hash,
    },
    Failed(FetchError),
}

/// How one poll ended, as far as the schedule is concerned.
#[derive(Debug)]
pub enum Outcome {
    /// Nothing new (304 or the same body).
    Unchanged,
    /// A new body, every article in it acknowledged (or rejected as bad: re-reading it would not help).
    Published {
        validators: Validators,
        digest: blake3::Hash,
        /// `Nats-Msg-Id`s of every article in the body.
        articles: HashSet<String>,
    },
    /// The fetch failed or NATS did not acknowledge every article.
    Failed {
        /// The server's `Retry-After`, when it sent one.
        retry_after: Option<Duration>,
    },
}

/// The largest share of a wait that jitter removes.
pub const JITTER: f64 = 0.25;

/// What is remembered about a feed between polls.
#[derive(Debug, Default, Clone)]
pub struct FeedState {
    validators: Validators,
    last_body: Option<blake3::Hash>,
    /// `Nats-Msg-Id`s of the articles in the last published body.
    last_articles: HashSet<String>,
    failures: u32,
    /// What the server asked for on the last failure.
    retry_after: Option<Duration>,
}

impl FeedState {
    /// The validators to send with the next request.
    pub fn validators(&self) -> &Validators {
        &self.validators
    }

    /// Failed polls since the last one that worked.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// What a fetch result means, given what was published before.
    pub fn assess(&self, fetched: Result<Fetched, FetchError>) -> Step {
        match fetched {
            Err(error) => Step::Failed(error),
            Ok(Fetched::NotModified) => Step::NotModified,
            Ok(Fetched::Body { bytes, validators }) => {
                let digest = blake3::hash(&bytes);
                if self.last_body == Some(digest) {
                    Step::SameBody
                } else {
                    Step::Ingest {
                        bytes,
                        validators,
                        digest,
                    }
                }
            }
        }
    }

    /// The articles of a new body that were not in the last published one.
    pub fn unseen(&self, articles: Vec<Article>) -> Vec<Article> {
        articles
            .into_iter()
            .filter(|a| !self.last_articles.contains(&a.msg_id()))
            .collect()
    }

    pub fn record(&mut self, outcome: Outcome) {
        self.retry_after = None;
        match outcome {
            Outcome::Unchanged => self.failures = 0,
            Outcome::Published {
                validators,
                digest,
                articles,
            } => {
                self.validators = validators;
                self.last_body = Some(digest);
                self.last_articles = articles;
                self.failures = 0;
            }
            Outcome::Failed { retry_after } => {
                self.failures = self.failures.saturating_add(1);
                self.retry_after = retry_after;
            }
        }
    }

    /// How long to wait before the next poll, given `jitter` drawn uniformly from [0, 1): the backoff
    /// shortened by up to [`JITTER`] of itself, but never below the server's `Retry-After` (itself capped at
    /// `max_backoff`, so a server cannot park a feed for a day).
    pub fn next_delay(&self, source: &FeedSource, jitter: f64) -> Duration {
        let planned = backoff(source.interval, source.max_backoff, self.failures);
        let jittered = planned.mul_f64(1.0 - JITTER * jitter.clamp(0.0, 1.0));
        match self.retry_after {
            Some(asked) => jittered.max(asked.min(source.max_backoff.max(source.interval))),
            None => jittered,
        }
    }
}

/// The interval while a feed answers; after `failures` failures in a row, the interval doubled that many
/// times, capped at `max_backoff` (never below the interval: a failing feed is not polled faster).
pub fn backoff(interval: Duration, max_backoff: Duration, failures: u32) -> Duration {
    let factor = 1u32.checked_shl(failures.min(31)).unwrap_or(u32::MAX);
    interval
        .checked_mul(factor)
        .unwrap_or(Duration::MAX)
        .min(max_backoff.max(interval))
}

/// Polls one feed until shutdown.
pub struct FeedPoller {
    source: FeedSource,
    client: reqwest::Client,
    publisher: Publisher,
    limits: Limits,
    state: FeedState,
}

impl FeedPoller {
    pub fn new(
        source: FeedSource,
        client: reqwest::Client,
        publisher: Publisher,
        limits: Limits,
    ) -> Self {
        Self {
            source,
            client,
            publisher,
            limits,
            state: FeedState::default(),
        }
    }

    pub fn state(&self) -> &FeedState {
        &self.state
    }

    /// Polls now and publishes what is new; returns what was published (empty when nothing was).
    pub async fn poll_once(&mut self) -> IngestReport {
        let fetched = self.fetch().await;
        self.handle(fetched).await
    }

    async fn fetch(&self) -> Result<Fetched, FetchError> {
        crate::fetch::fetch(
            &self.client,
            &self.source.url,
            self.state.validators(),
            &self.limits,
        )
        .await
    }

    async fn handle(&mut self, fetched: Result<Fetched, FetchError>) -> IngestReport {
        let url = self.source.url.as_str();
        let (outcome, report, label) = match self.state.assess(fetched) {
            Step::NotModified => (Outcome::Unchanged, IngestReport::default(), "not_modified"),
            Step::SameBody => (Outcome::Unchanged, IngestReport::default(), "unchanged"),
            Step::Failed(error) => {
                let failures = self.state.failures() + 1;
                let retry_after = match &error {
                    FetchError::Status { retry_after, .. } => *retry_after,
                    _ => None,
                };
                let retry = backoff(self.source.interval, self.source.max_backoff, failures);
                let retry = retry_after.map_or(retry, |asked| retry.max(asked));
                tracing::warn!(feed = url, %error, failures, retry_in_secs = retry.as_secs_f64(),
                    "feed poll failed; backing off");
                (
                    Outcome::Failed { retry_after },
                    IngestReport::default(),
                    "failed",
                )
            }
            Step::Ingest {
                bytes,
                validators,
                digest,
            } => {
                let parsed = crate::formats::parse_document(url, &bytes, &self.limits);
                let articles: HashSet<String> =
                    parsed.articles.iter().map(Article::msg_id).collect();
                let parsed = Parsed {
                    articles: self.state.unseen(parsed.articles),
                    ..parsed
                };
                let report = self.publisher.ingest_parsed(parsed).await;
                if report.failed.is_empty() {
                    tracing::info!(
                        feed = url,
                        accepted = report.accepted,
                        duplicates = report.duplicates,
                        rejected = report.rejected.len(),
                        "feed polled"
                    );
                    (
                        Outcome::Published {
                            validators,
                            digest,
                            articles,
                        },
                        report,
                        "published",
                    )
                } else {
                    let failures = self.state.failures() + 1;
                    let retry = backoff(self.source.interval, self.source.max_backoff, failures);
                    tracing::warn!(feed = url, failed = report.failed.len(), failures,
                        retry_in_secs = retry.as_secs_f64(),
                        "feed articles not acknowledged by NATS; fetching the feed again after backing off");
                    (Outcome::Failed { retry_after: None }, report, "failed")
                }
            }
        };
        metrics::counter!("dateline_feed_polls_total", "outcome" => label).increment(1);
        self.state.record(outcome);
        report
    }

    /// Polls on schedule until shutdown. A fetch in progress is abandoned at shutdown (nothing of it was
    /// published yet); a publish in progress is finished first.
    pub async fn run(mut self, mut shutdown: Shutdown) {
        tracing::info!(feed = %self.source.url, interval_secs = self.source.interval.as_secs(), "polling feed");
        while !shutdown.is_triggered() {
            let fetched = tokio::select! {
                _ = shutdown.wait() => break,
                fetched = self.fetch() => fetched,
            };
            self.handle(fetched).await;
            let delay = self.state.next_delay(&self.source, fastrand::f64());
            tokio::select! {
                _ = shutdown.wait() => break,
                _ = tokio::time::sleep(delay) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(interval: u64, max_backoff: u64) -> FeedSource {
        FeedSource {
            url: "https://wire.example/harbour.rss".into(),
            interval: Duration::from_secs(interval),
            max_backoff: Duration::from_secs(max_backoff),
        }
    }

    fn body(text: &str, etag: &str) -> Result<Fetched, FetchError> {
        Ok(Fetched::Body {
            bytes: text.as_bytes().to_vec(),
            validators: Validators {
                etag: Some(etag.into()),
                last_modified: None,
            },
        })
    }

    fn server_error() -> Result<Fetched, FetchError> {
        Err(FetchError::Status {
            url: "https://wire.example/harbour.rss".into(),
            status: 500,
            retry_after: None,
        })
    }

    #[test]
    fn backoff_doubles_from_the_interval_up_to_the_cap() {
        let source = feed(60, 900);
        let delays: Vec<u64> = (0..7)
            .map(|failures| backoff(source.interval, source.max_backoff, failures).as_secs())
            .collect();
        assert_eq!(delays, [60, 120, 240, 480, 900, 900, 900]);
        assert_eq!(
            backoff(source.interval, source.max_backoff, u32::MAX),
            Duration::from_secs(900)
        );
        // A cap below the interval never makes a failing feed poll faster than a healthy one.
        assert_eq!(
            backoff(Duration::from_secs(60), Duration::from_secs(10), 3),
            Duration::from_secs(60)
        );
    }

    #[test]
    fn a_new_body_is_ingested_and_its_validators_kept() {
        let mut state = FeedState::default();
        let Step::Ingest {
            validators, digest, ..
        } = state.assess(body("<rss/>", "\"v1\""))
        else {
            panic!("a first body is new");
        };
        state.record(Outcome::Published {
            validators,
            digest,
            articles: HashSet::new(),
        });
        assert_eq!(state.validators().etag.as_deref(), Some("\"v1\""));
        assert!(matches!(
            state.assess(Ok(Fetched::NotModified)),
            Step::NotModified
        ));
        // Servers that send no validators answer 200 with the same bytes: still nothing to do.
        assert!(matches!(
            state.assess(body("<rss/>", "\"v1\"")),
            Step::SameBody
        ));
        assert!(matches!(
            state.assess(body("<rss><item/></rss>", "\"v2\"")),
            Step::Ingest { .. }
        ));
    }

    #[test]
    fn only_items_new_since_the_last_body_are_published() {
        let limits = Limits::default();
        let items = |ids: &[&str]| {
            let lines: Vec<String> = ids
                .iter()
                .map(|id| {
                    format!(
                        r#"{{"id": "{id}", "headline": "Quay {id} reopens", "body": "TARNHOLM - Quay {id} reopened on Monday after repairs."}}"#
                    )
                })
                .collect();
            crate::formats::parse_document("feed", lines.join("\n").as_bytes(), &limits).articles
        };
        let mut state = FeedState::default();
        assert_eq!(state.unseen(items(&["q1", "q2"])).len(), 2);
        state.record(Outcome::Published {
            validators: Validators::default(),
            digest: blake3::hash(b"first"),
            articles: items(&["q1", "q2"]).iter().map(Article::msg_id).collect(),
        });
        let unseen: Vec<String> = state
            .unseen(items(&["q1", "q2", "q3"]))
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(unseen, ["q3"]);
    }

    #[test]
    fn failures_back_off_and_any_answer_resets_the_schedule() {
        let source = feed(60, 900);
        let mut state = FeedState::default();
        assert_eq!(state.next_delay(&source, 0.0), Duration::from_secs(60));
        for _ in 0..3 {
            assert!(matches!(state.assess(server_error()), Step::Failed(_)));
            state.record(Outcome::Failed { retry_after: None });
        }
        assert_eq!(state.failures(), 3);
        assert_eq!(state.next_delay(&source, 0.0), Duration::from_secs(480));
        state.record(Outcome::Unchanged);
        assert_eq!(state.next_delay(&source, 0.0), Duration::from_secs(60));
    }

    #[test]
    fn jitter_only_shortens_a_wait_and_by_at_most_a_quarter() {
        let source = feed(60, 900);
        let mut state = FeedState::default();
        assert_eq!(state.next_delay(&source, 0.999_999).as_secs(), 45);
        assert_eq!(
            state.next_delay(&source, 0.5),
            Duration::from_millis(52_500)
        );
        // Out-of-range draws are clamped rather than trusted.
        assert_eq!(state.next_delay(&source, 7.0), Duration::from_secs(45));
        assert_eq!(state.next_delay(&source, -1.0), Duration::from_secs(60));
        for _ in 0..10 {
            state.record(Outcome::Failed { retry_after: None });
        }
        let capped = state.next_delay(&source, 0.999_999);
        assert!((Duration::from_secs(675)..=Duration::from_secs(900)).contains(&capped));
    }

    #[test]
    fn a_retry_after_is_honoured_up_to_the_cap_and_forgotten_once_the_feed_answers() {
        let source = feed(60, 900);
        let mut state = FeedState::default();
        state.record(Outcome::Failed {
            retry_after: Some(Duration::from_secs(600)),
        });
        // Backoff alone would say 120 s (less jitter); the server asked for ten minutes.
        assert_eq!(state.next_delay(&source, 0.9), Duration::from_secs(600));
        state.record(Outcome::Failed {
            retry_after: Some(Duration::from_secs(86_400)),
        });
        assert_eq!(state.next_delay(&source, 0.0), Duration::from_secs(900));
        // A Retry-After shorter than the backoff does not make the feed poll sooner.
        state.record(Outcome::Failed {
            retry_after: Some(Duration::from_secs(1)),
        });
        assert_eq!(state.next_delay(&source, 0.0), Duration::from_secs(480));
        state.record(Outcome::Unchanged);
        assert_eq!(state.next_delay(&source, 0.0), Duration::from_secs(60));
    }

    #[test]
    fn a_publishing_failure_keeps_the_old_validators_so_the_body_is_fetched_again() {
        let mut state = FeedState::default();
        let Step::Ingest { .. } = state.assess(body("<rss/>", "\"v1\"")) else {
            panic!("a first body is new");
        };
        state.record(Outcome::Failed { retry_after: None });
        assert_eq!(state.validators(), &Validators::default());
        assert!(matches!(
            state.assess(body("<rss/>", "\"v1\"")),
            Step::Ingest { .. }
        ));
    }
}
