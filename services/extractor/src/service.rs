//! The extractor service: the async shell around [`extract`](crate::extract).
//!
//! For each batch of articles: extract their events, publish every event to `<prefix>.events.<kind>` with its
//! deterministic id as `Nats-Msg-Id` (all sent before any acknowledgement is awaited), and ack each article
//! only once all of its events are acknowledged. An
//! article that makes extraction fail is dead-lettered; the rest flows.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use async_nats::jetstream::context::PublishAckFuture;
use async_nats::jetstream::{self, Message};
use async_nats::HeaderMap;
use bytes::Bytes;
use dateline_shared::stage::{self, HandleError, Pipeline, StageError};
use dateline_shared::{headers, Article, Event, Names};

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

    /// Extracts one article's events, without NATS.
    pub fn events_of(&self, payload: &[u8]) -> Result<Vec<Event>, HandleError> {
        events_of(&self.lexicon, payload)
    }

    /// Extracts a batch of articles on a blocking thread: extraction is pure CPU work, and running it on the
    /// async workers would stall the NATS connection (and every acknowledgement) behind it.
    async fn extract_batch(&self, payloads: Vec<Bytes>) -> Vec<Result<Vec<Event>, HandleError>> {
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

    /// Sends one article's events without waiting for JetStream: the acknowledgements come back later, so a
    /// whole batch of articles costs one round trip, not one per event.
    async fn send(
        &self,
        events: &[Event],
        ingested_at: Option<&str>,
    ) -> Result<Vec<PublishAckFuture>, HandleError> {
        let transient =
            |what: &str, e: &dyn std::fmt::Display| HandleError::Transient(format!("{what}: {e}"));
        let mut acks = Vec::with_capacity(events.len());
        for event in events {
            let mut headers = HeaderMap::new();
            headers.insert("Nats-Msg-Id", event.id.as_str());
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
            .map_err(|e| transient("publishing event", &e))?;
            acks.push(ack);
        }
        Ok(acks)
    }
}

/// One article's events. A panic inside extraction is a poison article, not a crash.
fn events_of(lexicon: &Lexicon, payload: &[u8]) -> Result<Vec<Event>, HandleError> {
    let article: Article = serde_json::from_slice(payload)
        .map_err(|e| HandleError::Poison(format!("article is not valid JSON: {e}")))?;
    std::panic::catch_unwind(AssertUnwindSafe(|| crate::extract(&article, lexicon))).map_err(
        |panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            HandleError::Poison(format!(
                "extraction failed on article {}: {what}",
                article.id
            ))
        },
    )
}

/// Waits for every acknowledgement of one article's events; `Ok` once all are stored.
async fn confirm(events: &[Event], acks: Vec<PublishAckFuture>) -> Result<(), HandleError> {
    for acked in
        futures::future::join_all(acks.into_iter().map(std::future::IntoFuture::into_future)).await
    {
        acked.map_err(|e| HandleError::Transient(format!("event not acknowledged: {e}")))?;
    }
    for event in events {
        metrics::counter!("dateline_events_total", "kind" => event.kind.clone(), "status" => event.status.as_str())
            .increment(1);
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
                Ok(events) => match self.send(&events, ingested.as_deref()).await {
                    Ok(acks) => Ok((events, acks)),
                    Err(error) => Err(error),
                },
                Err(error) => Err(error),
            };
            sent.push(outcome);
        }
        // Every acknowledgement is awaited at once: each has its own timeout, and acks lost with a crashed server
        // would otherwise cost that timeout one after another — minutes for a batch, with nothing logged.
        let confirming = sent.into_iter().map(|outcome| async move {
            match outcome {
                Ok((events, acks)) => confirm(&events, acks).await,
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
