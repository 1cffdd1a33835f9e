//! The extractor service: the async shell around [`extract`](crate::extract).
//!
//! For each batch of articles: extract their events, publish every event to `<prefix>.events.<kind>` with its
//! deterministic id as `Nats-Msg-Id` (all sent before any acknowledgement is awaited), and ack each article
//! only once all of its events are acknowledged. A kill notice (`pubstatus: withdrawn`) yields no events but
//! a [`Withdrawal`] on `<prefix>.withdrawals.<outlet>`, which the aggregator applies in order with the events. An
//! article that makes extraction fail is dead-lettered; the rest flows.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use async_nats::jetstream::context::PublishAckFuture;
use async_nats::jetstream::{self, Message};
use async_nats::HeaderMap;
use bytes::Bytes;
use dateline_shared::nats::describe_publish_failure;
use dateline_shared::stage::{self, HandleError, Pipeline, StageError};
use dateline_shared::trace::TraceContext;
use dateline_shared::{headers, Article, Event, Names, PubStatus, Withdrawal};

use crate::Lexicon;

pub const STAGE: &str = "extractor";

#[derive(Debug, thiserror::Error)]
pub enum ExtractorError {
    #[error(transparent)]
    Stage(#[from] StageError),
}

pub struct Extractor {
    js: jetstream::Context,
    names: Names,
    lexicon: Arc<Lexicon>,
}

impl Extractor {
    pub fn new(js: jetstream::Context, names: Names, lexicon: Arc<Lexicon>) -> Self {
        Self { js, names, lexicon }
    }

    /// What one article message yields, without NATS.
    pub fn events_of(&self, payload: &[u8]) -> Result<Extracted, HandleError> {
        events_of(&self.lexicon, payload)
    }

    /// Extracts a batch of articles on a blocking thread: extraction is pure CPU work, and running it on the
    /// async workers would stall the NATS connection (and every acknowledgement) behind it.
    async fn extract_batch(&self, payloads: Vec<Bytes>) -> Vec<Result<Extracted, HandleError>> {
        let lexicon = Arc::clone(&self.lexicon);
        let count = payloads.len();
        tokio::task::spawn_blocking(move || {
            payloads
                .iter()
                .map(|payload| events_of(&lexicon, payload))
                .collect()
        })
        .await
        .unwrap_or_else(|error| {
            (0..count)
                .map(|_| {
                    Err(HandleError::Transient(format!(
                        "extraction task failed: {error}"
                    )))
                })
                .collect()
        })
    }

    /// Sends a kill notice without waiting for its acknowledgement.
    async fn send_withdrawal(
        &self,
        withdrawal: &Withdrawal,
        trace: TraceContext,
    ) -> Result<Vec<PublishAckFuture>, HandleError> {
        let transient =
            |what: &str, e: &dyn std::fmt::Display| HandleError::Transient(format!("{what}: {e}"));
        let mut headers = HeaderMap::new();
        headers.insert("Nats-Msg-Id", withdrawal.msg_id().as_str());
        trace.child(&withdrawal.msg_id()).insert_into(&mut headers);
        let payload =
            serde_json::to_vec(withdrawal).map_err(|e| transient("encoding withdrawal", &e))?;
        let ack = self
            .js
            .publish_with_headers(
                self.names.withdrawal_subject(withdrawal.outlet.as_deref()),
                headers,
                payload.into(),
            )
            .await
            .map_err(|e| transient("publishing withdrawal", &describe_publish_failure(&e)))?;
        Ok(vec![ack])
    }

    /// Sends one article's events without waiting for JetStream: the acknowledgements come back later, so a
    /// whole batch of articles costs one round trip, not one per event.
    async fn send(
        &self,
        events: &[Event],
        ingested_at: Option<&str>,
        trace: TraceContext,
    ) -> Result<Vec<PublishAckFuture>, HandleError> {
        let transient =
            |what: &str, e: &dyn std::fmt::Display| HandleError::Transient(format!("{what}: {e}"));
        let mut acks = Vec::with_capacity(events.len());
        for event in events {
            let mut headers = HeaderMap::new();
            headers.insert("Nats-Msg-Id", event.id.as_str());
            trace.child(&event.id).insert_into(&mut headers);
            headers.insert(
                headers::ARTICLE,
                format!("{}@v{}", event.article_id, event.article_version).as_str(),
            );
            if let Some(at) = ingested_at {
                headers.insert(headers::INGESTED_AT, at);
            }
            let payload = serde_json::to_vec(event).map_err(|e| transient("encoding event", &e))?;
            let ack = stage::bounded(
                "publishing event",
                self.js.publish_with_headers(
                    self.names.event_subject(&event.kind),
                    headers,
                    payload.into(),
                ),
            )
            .await
            .map_err(|e| HandleError::Transient(e.to_string()))?
            .map_err(|e| transient("publishing event", &describe_publish_failure(&e)))?;
            acks.push(ack);
        }
        Ok(acks)
    }
}

/// What an article message yields: its events, or, for a kill notice, the withdrawal of its earlier versions.
#[derive(Debug, Clone, PartialEq)]
pub enum Extracted {
    Events(Vec<Event>),
    Withdrawn(Withdrawal),
}

/// One article's events. A panic inside extraction is a poison article, not a crash.
fn events_of(lexicon: &Lexicon, payload: &[u8]) -> Result<Extracted, HandleError> {
    let article: Article = serde_json::from_slice(payload)
        .map_err(|e| HandleError::Poison(format!("article is not valid JSON: {e}")))?;
    // Ingest never publishes such an id, but anything can be put on the subject; the id goes into the
    // events' headers, where a line break would not travel.
    if !dateline_shared::ids::is_usable_id(&article.id) {
        let shown: String = article.id.chars().take(80).collect();
        return Err(HandleError::Poison(format!(
            "unusable article id `{}`: empty, longer than {} bytes or with control characters",
            shown.escape_debug(),
            dateline_shared::ids::MAX_ID_BYTES
        )));
    }
    if article.pubstatus == PubStatus::Withdrawn {
        // A kill notice says nothing new about the world: its text ("this story has been withdrawn") is not
        // extracted, it retracts what the earlier versions said.
        return Ok(Extracted::Withdrawn(Withdrawal::of(&article)));
    }
    std::panic::catch_unwind(AssertUnwindSafe(|| {
        Extracted::Events(crate::extract(&article, lexicon))
    }))
    .map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        HandleError::Poison(format!(
            "extraction failed on article {}: {what}",
            article.id
        ))
    })
}

/// The trace an article message carries; one started here when its publisher sent none.
fn trace_of(message: &Message) -> TraceContext {
    TraceContext::from_headers(message.headers.as_ref()).unwrap_or_else(|| {
        let id = message
            .headers
            .as_ref()
            .and_then(|h| h.get("Nats-Msg-Id"))
            .map(|v| v.as_str().to_owned())
            .unwrap_or_else(|| {
                message
                    .info()
                    .map(|i| i.stream_sequence.to_string())
                    .unwrap_or_default()
            });
        TraceContext::for_article(&id)
    })
}

/// Waits for every acknowledgement of what one article yielded; `Ok` once all are stored.
async fn confirm(extracted: &Extracted, acks: Vec<PublishAckFuture>) -> Result<(), HandleError> {
    for acked in
        futures::future::join_all(acks.into_iter().map(std::future::IntoFuture::into_future)).await
    {
        acked.map_err(|e| {
            HandleError::Transient(format!(
                "event not acknowledged: {}",
                describe_publish_failure(&e)
            ))
        })?;
    }
    match extracted {
        Extracted::Events(events) => {
            for event in events {
                metrics::counter!("dateline_events_total", "kind" => event.kind.clone(), "status" => event.status.as_str())
                    .increment(1);
            }
        }
        Extracted::Withdrawn(_) => metrics::counter!("dateline_withdrawals_total").increment(1),
    }
    metrics::counter!("dateline_articles_extracted_total").increment(1);
    Ok(())
}

impl stage::Handler for Extractor {
    async fn handle_batch(&mut self, messages: &[Message]) -> Vec<Result<(), HandleError>> {
        let payloads = messages.iter().map(|m| m.payload.clone()).collect();
        let extracted = self.extract_batch(payloads).await;
        let mut sent = Vec::with_capacity(messages.len());
        for (message, events) in messages.iter().zip(extracted) {
            let ingested = message
                .headers
                .as_ref()
                .and_then(|h| h.get(headers::INGESTED_AT))
                .map(|v| v.as_str().to_owned());
            let outcome = match events {
                Ok(extracted) => {
                    let trace = trace_of(message);
                    let sending = match &extracted {
                        Extracted::Events(events) => {
                            tracing::debug!(trace_id = %trace.trace_hex(), events = events.len(), "article extracted");
                            self.send(events, ingested.as_deref(), trace).await
                        }
                        Extracted::Withdrawn(withdrawal) => {
                            tracing::debug!(trace_id = %trace.trace_hex(), article = %withdrawal.article_id, "article withdrawn");
                            self.send_withdrawal(withdrawal, trace).await
                        }
                    };
                    sending.map(|acks| (extracted, acks))
                }
                Err(error) => Err(error),
            };
            sent.push(outcome);
        }
        // Every acknowledgement is awaited at once: each has its own timeout, and acks lost with a crashed server
        // would otherwise cost that timeout one after another — minutes for a batch, with nothing logged.
        let confirming = sent.into_iter().map(|outcome| async move {
            match outcome {
                Ok((extracted, acks)) => confirm(&extracted, acks).await,
                Err(error) => Err(error),
            }
        });
        futures::future::join_all(confirming).await
    }
}

/// Runs the extractor stage until shutdown. Any number of instances may share the durable consumer.
pub async fn run(
    pipeline: Pipeline,
    lexicon: Arc<Lexicon>,
    shutdown: dateline_shared::shutdown::Shutdown,
) -> Result<(), ExtractorError> {
    let mut shutdown = shutdown;
    let declared = stage::until_done(
        &mut shutdown,
        STAGE,
        "declaring the pipeline",
        stage::SETUP_TIMEOUT,
        || pipeline.declare(),
    )
    .await;
    if declared.is_none() {
        return Ok(());
    }
    let names = &pipeline.names;
    let spec = pipeline.consumer(STAGE, names.articles_stream(), names.all("articles"));
    let mut extractor = Extractor::new(pipeline.js.clone(), names.clone(), lexicon);
    stage::run(&pipeline, &spec, shutdown, &mut extractor).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poison_reason(payload: &[u8]) -> String {
        match events_of(Lexicon::builtin(), payload) {
            Err(HandleError::Poison(reason)) => reason,
            other => panic!("expected a poison verdict, got {other:?}"),
        }
    }

    /// Whatever is put on the articles subject, the verdict is events or poison with a reason, never a panic
    /// and never a retry (retrying a bad message cannot help).
    #[test]
    fn messages_that_are_not_articles_are_poison_with_a_reason() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let deep_field = format!(
            "{{\"id\": \"a\", \"body\": \"x\", \"extra\": {}1{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        for payload in [
            &b""[..],
            b"{not json",
            b"\x89PNG\x1a\x00\x00",
            b"null",
            b"[]",
            br#"{"id": 7, "body": "Text."}"#,
            br#"{"id": "a", "body": ["not", "text"]}"#,
            br#"{"id": "a"}"#,
            br#"{"id": "a", "body": "x", "published_at": "0000-99-99"}"#,
            deep.as_bytes(),
        ] {
            let reason = poison_reason(payload);
            assert!(
                reason.starts_with("article is not valid JSON: "),
                "{reason}"
            );
        }
        // serde_json skips an unknown field without recursing, so depth there costs no stack: the article
        // stands.
        assert!(events_of(Lexicon::builtin(), deep_field.as_bytes()).is_ok());
        for id in ["", "   ", "a\r\nNats-Expected-Stream: X", &"x".repeat(513)] {
            let payload = serde_json::json!({"id": id, "body": "Kim Jong Un arrived in Vladivostok on Tuesday."});
            let reason = poison_reason(payload.to_string().as_bytes());
            assert!(reason.starts_with("unusable article id"), "{reason}");
        }
    }

    #[test]
    fn a_kill_notice_yields_a_withdrawal_not_events() {
        let payload = serde_json::json!({
            "id": "kcna-1", "version": 3, "pubstatus": "withdrawn", "body": ""
        });
        let extracted = events_of(Lexicon::builtin(), payload.to_string().as_bytes())
            .unwrap_or_else(|e| panic!("{e:?}"));
        let Extracted::Withdrawn(withdrawal) = extracted else {
            panic!("expected a withdrawal, got {extracted:?}")
        };
        assert_eq!(
            (withdrawal.article_id.as_str(), withdrawal.article_version),
            ("kcna-1", 3)
        );
    }

    #[test]
    fn a_plain_article_yields_events() {
        let payload = serde_json::json!({
            "id": "kcna-1",
            "headline": "Kim arrives in Russia",
            "published_at": "2023-09-12T08:00:00+09:00",
            "body": "North Korean leader Kim Jong Un arrived in Russia's Far East on Tuesday, KCNA said."
        });
        let extracted = events_of(Lexicon::builtin(), payload.to_string().as_bytes())
            .unwrap_or_else(|e| panic!("{e:?}"));
        let Extracted::Events(events) = extracted else {
            panic!("a usable article yields events, got {extracted:?}")
        };
        assert!(!events.is_empty());
        assert!(events.iter().all(|e| e.article_id == "kcna-1"));
    }
}
