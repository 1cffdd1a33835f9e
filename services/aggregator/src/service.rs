//! The aggregator service: the async shell around [`Desk`](crate::Desk).
//!
//! For each event: apply it to the desk; when fields changed, publish the story update to
//! `<prefix>.stories.<id>` with `Nats-Msg-Id` = story id + revision; write the story to the KV bucket with
//! the revision we last read (optimistic concurrency); then ack. A crash anywhere in between redelivers the
//! event to a desk reloaded from KV, which recomputes the same revision, so the republished update is dropped
//! as a duplicate and the KV write completes. Nothing is lost or counted twice.

use std::collections::HashMap;

use async_nats::jetstream::{self, kv};
use async_nats::HeaderMap;
use bytes::Bytes;
use dateline_shared::nats::Durability;
use dateline_shared::stage::{self, HandleError, Pipeline, StageError};
use dateline_shared::{headers, Event, Names, Story};
use futures::TryStreamExt;

use crate::desk::{Desk, Outcome};

pub const STAGE: &str = "aggregator";

#[derive(Debug, thiserror::Error)]
pub enum AggregatorError {
    #[error("reading stories from bucket {bucket}: {reason}")]
    Load { bucket: String, reason: String },
    #[error(transparent)]
    Nats(#[from] dateline_shared::nats::NatsError),
    #[error(transparent)]
    Stage(#[from] StageError),
}

/// The live desk plus the KV revision each story was last read or written at.
pub struct Aggregator {
    js: jetstream::Context,
    names: Names,
    bucket: kv::Store,
    desk: Desk,
    revisions: HashMap<String, u64>,
}

impl Aggregator {
    /// Declares what the stage needs and loads every stored story.
    pub async fn start(
        js: jetstream::Context,
        names: Names,
        durability: Durability,
    ) -> Result<Self, AggregatorError> {
        let bucket = dateline_shared::nats::declare_pipeline(&js, &names, durability).await?;
        let mut aggregator = Self {
            js,
            names,
            bucket,
            desk: Desk::new(),
            revisions: HashMap::new(),
        };
        aggregator.reload().await?;
        Ok(aggregator)
    }

    pub fn desk(&self) -> &Desk {
        &self.desk
    }

    /// Replaces the in-memory desk with what the bucket holds.
    async fn reload(&mut self) -> Result<(), AggregatorError> {
        let load_error = |reason: String| AggregatorError::Load {
            bucket: self.names.stories_bucket(),
            reason,
        };
        let mut stories = Vec::new();
        let mut revisions = HashMap::new();
        let keys: Vec<String> = match self.bucket.keys().await {
            Ok(keys) => keys
                .try_collect()
                .await
                .map_err(|e| load_error(e.to_string()))?,
            Err(e) => return Err(load_error(e.to_string())),
        };
        for key in keys {
            let Some(entry) = self
                .bucket
                .entry(&key)
                .await
                .map_err(|e| load_error(e.to_string()))?
            else {
                continue;
            };
            if entry.operation != kv::Operation::Put {
                continue;
            }
            match serde_json::from_slice::<Story>(&entry.value) {
                Ok(story) => {
                    revisions.insert(key, entry.revision);
                    stories.push(story);
                }
                Err(error) => tracing::error!(%key, %error, "unreadable story in bucket; skipped"),
            }
        }
        tracing::info!(stories = stories.len(), "desk loaded from bucket");
        self.desk = Desk::from_stories(stories);
        self.revisions = revisions;
        Ok(())
    }

    /// Applies one event message; returns once its story update and state are stored.
    pub async fn apply_message(
        &mut self,
        payload: &[u8],
        ingested_at: Option<&str>,
    ) -> Result<(), HandleError> {
        let event: Event = serde_json::from_slice(payload)
            .map_err(|e| HandleError::Poison(format!("event is not valid JSON: {e}")))?;
        let kind = event.kind.clone();
        let outcome = self.desk.apply(event, chrono::Utc::now());
        let result = self.persist(&outcome, ingested_at).await;
        if let Err(error) = &result {
            // The desk moved ahead of storage: fall back to what storage holds, so the redelivery re-applies.
            tracing::warn!(%error, "story not stored; reloading desk");
            if let Err(reload) = self.reload().await {
                tracing::error!(error = %reload, "reload failed");
            }
        } else {
            let label = match &outcome {
                Outcome::Duplicate => "duplicate",
                Outcome::Stale => "stale",
                Outcome::Supported(_) => "supported",
                Outcome::Changed(_) => "changed",
            };
            metrics::counter!("dateline_reports_applied_total", "kind" => kind, "outcome" => label)
                .increment(1);
        }
        result
    }

    async fn persist(
        &mut self,
        outcome: &Outcome,
        ingested_at: Option<&str>,
    ) -> Result<(), HandleError> {
        let transient =
            |what: &str, e: &dyn std::fmt::Display| HandleError::Transient(format!("{what}: {e}"));
        if let Outcome::Changed(update) = outcome {
            let mut headers = HeaderMap::new();
            let msg_id = format!("{}:{}", update.story.id, update.story.revision);
            headers.insert("Nats-Msg-Id", msg_id.as_str());
            if let Some(at) = ingested_at {
                headers.insert(headers::INGESTED_AT, at);
            }
            let payload =
                serde_json::to_vec(update).map_err(|e| transient("encoding update", &e))?;
            self.js
                .publish_with_headers(
                    self.names.story_subject(&update.story.id),
                    headers,
                    payload.into(),
                )
                .await
                .map_err(|e| transient("publishing story update", &e))?
                .await
                .map_err(|e| transient("story update not acknowledged", &e))?;
            metrics::counter!("dateline_story_updates_total").increment(1);
        }
        if let Some(story) = outcome.story() {
            self.store(story).await?;
        }
        for story in self.desk.take_closed() {
            self.store(&story).await?;
            self.revisions.remove(&story.id);
            metrics::counter!("dateline_stories_closed_total").increment(1);
        }
        Ok(())
    }

    /// Writes one story with the revision last seen, so a concurrent writer is detected, never overwritten.
    async fn store(&mut self, story: &Story) -> Result<(), HandleError> {
        let value: Bytes = serde_json::to_vec(story)
            .map_err(|e| HandleError::Transient(format!("encoding story: {e}")))?
            .into();
        let written = match self.revisions.get(&story.id) {
            Some(revision) => self
                .bucket
                .update(&story.id, value, *revision)
                .await
                .map_err(|e| e.to_string()),
            None => self
                .bucket
                .create(&story.id, value)
                .await
                .map_err(|e| e.to_string()),
        };
        match written {
            Ok(revision) => {
                self.revisions.insert(story.id.clone(), revision);
                Ok(())
            }
            Err(reason) => Err(HandleError::Transient(format!(
                "writing story {}: {reason}",
                story.id
            ))),
        }
    }
}

/// Runs the aggregator stage until shutdown.
pub async fn run(
    pipeline: Pipeline,
    shutdown: dateline_shared::shutdown::Shutdown,
) -> Result<(), AggregatorError> {
    let names = &pipeline.names;
    let mut aggregator =
        Aggregator::start(pipeline.js.clone(), names.clone(), pipeline.durability).await?;
    let mut spec = pipeline.consumer(STAGE, names.events_stream(), names.all("events"));
    // One aggregator applies events in stream order; a small window keeps redeliveries close to that order.
    spec.max_ack_pending = spec.max_ack_pending.min(256);
    stage::run(&pipeline, &spec, shutdown, &mut aggregator).await?;
    Ok(())
}

impl stage::Handler for Aggregator {
    async fn handle(&mut self, message: &jetstream::Message) -> Result<(), HandleError> {
        let ingested = message
            .headers
            .as_ref()
            .and_then(|h| h.get(headers::INGESTED_AT))
            .map(|v| v.as_str().to_owned());
        self.apply_message(&message.payload, ingested.as_deref())
            .await
    }
}
