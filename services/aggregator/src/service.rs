//! The aggregator service: the async shell around [`Desk`](crate::Desk).
//!
//! For each batch of events: apply them to the desk in order; for every report that changed fields, publish
//! the story update to `<prefix>.stories.<id>` with `Nats-Msg-Id` = story id + revision; write each story the
//! batch touched to the KV bucket once, with the revision we last read (optimistic concurrency); then ack. A
//! crash anywhere in between redelivers the events to a desk reloaded from KV, which recomputes the same
//! revisions, so the republished updates are dropped as duplicates and the KV writes complete. Nothing is lost
//! or counted twice; coalescing the writes per story is what lets a hot story take many reports a second.

use std::collections::{BTreeSet, HashMap};

use async_nats::jetstream::context::PublishAckFuture;
use async_nats::jetstream::{self, kv};
use async_nats::HeaderMap;
use bytes::Bytes;
use dateline_shared::nats::Durability;
use dateline_shared::stage::{self, HandleError, Pipeline, StageError};
use dateline_shared::{headers, Change, Event, Names, Story, StoryUpdate};
use futures::TryStreamExt;

use crate::desk::{Desk, Outcome};

pub const STAGE: &str = "aggregator";

/// How long one attempt at declaring the pipeline and loading every story may take. Each read is bounded on
/// its own; this only caps the whole, which grows with the number of stories.
const LOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(600);

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
    /// The desk may be ahead of the bucket (a batch failed to store and the reload failed too): it must be
    /// reloaded before it takes another event, or a redelivered event would meet its own earlier effects.
    stale: bool,
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
            stale: false,
        };
        aggregator.reload().await?;
        Ok(aggregator)
    }

    pub fn desk(&self) -> &Desk {
        &self.desk
    }

    /// Replaces the in-memory desk with what the bucket holds. Every read is bounded, so a reload caught by an
    /// outage fails (and is retried) rather than hanging.
    async fn reload(&mut self) -> Result<(), AggregatorError> {
        let load_error = |reason: String| AggregatorError::Load {
            bucket: self.names.stories_bucket(),
            reason,
        };
        let mut stories = Vec::new();
        let mut revisions = HashMap::new();
        let listed = stage::bounded("listing stories", async {
            self.bucket
                .keys()
                .await
                .map_err(|e| e.to_string())?
                // A set: when the server's pending count is off (seen after an unclean restart) the listing
                // runs past its snapshot and names a key again.
                .try_collect::<std::collections::BTreeSet<String>>()
                .await
                .map_err(|e| e.to_string())
        })
        .await;
        let keys = match listed {
            Ok(Ok(keys)) => keys,
            Ok(Err(reason)) => return Err(load_error(reason)),
            Err(timed_out) => return Err(load_error(timed_out.to_string())),
        };
        for key in keys {
            let read = stage::bounded("reading a story", self.bucket.entry(&key)).await;
            let entry = match read {
                Ok(Ok(Some(entry))) => entry,
                Ok(Ok(None)) => continue,
                Ok(Err(e)) => return Err(load_error(format!("story {key}: {e}"))),
                Err(timed_out) => return Err(load_error(format!("story {key}: {timed_out}"))),
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
        self.stale = false;
        Ok(())
    }

    /// Applies a batch of event messages in order, then stores their effects: every story update is published
    /// (pipelined, one round trip for the batch), and every story the batch touched is written to the bucket
    /// once, with its final state. One result per message; on any storage failure the desk falls back to what
    /// the bucket holds and the whole batch is retried, which re-applies it identically.
    pub async fn apply_batch(
        &mut self,
        messages: &[(&[u8], Option<&str>)],
    ) -> Vec<Result<(), HandleError>> {
        if self.stale {
            if let Err(error) = self.reload().await {
                let reason = format!("desk not reloaded after a failed batch: {error}");
                return messages
                    .iter()
                    .map(|_| Err(HandleError::Transient(reason.clone())))
                    .collect();
            }
        }
        let now = chrono::Utc::now();
        let mut results: Vec<Result<(), HandleError>> = Vec::with_capacity(messages.len());
        let mut touched = BTreeSet::new();
        let mut published = Vec::new();
        let mut failure = None;
        for (payload, ingested_at) in messages {
            let event: Event = match serde_json::from_slice(payload) {
                Ok(event) => event,
                Err(e) => {
                    results.push(Err(HandleError::Poison(format!(
                        "event is not valid JSON: {e}"
                    ))));
                    continue;
                }
            };
            let kind = event.kind.clone();
            let outcome = self.desk.apply(event, now);
            metrics::counter!("dateline_reports_applied_total", "kind" => kind, "outcome" => outcome.label())
                .increment(1);
            if let Some(story) = outcome.story_id() {
                touched.insert(story.to_owned());
            }
            if let Outcome::Changed { story, changes } = &outcome {
                if failure.is_none() {
                    match self.send_update(story, changes, *ingested_at).await {
                        Ok(ack) => published.push(ack),
                        Err(error) => failure = Some(error),
                    }
                }
            }
            results.push(Ok(()));
        }
        if failure.is_none() {
            failure = self.store_batch(published, touched).await.err();
        }
        if let Some(error) = failure {
            // The desk moved ahead of storage: fall back to what storage holds, so the redelivery re-applies.
            tracing::warn!(%error, "batch not stored; reloading desk");
            if let Err(reload) = self.reload().await {
                tracing::error!(error = %reload, "reload failed; the next batch tries again first");
                self.stale = true;
            }
            let reason = error.to_string();
            for result in &mut results {
                if result.is_ok() {
                    *result = Err(HandleError::Transient(reason.clone()));
                }
            }
        }
        results
    }

    /// Sends one story update without waiting for its acknowledgement. The message id is the story id and
    /// revision, so the update republished after a crash is dropped as a duplicate.
    async fn send_update(
        &self,
        story_id: &str,
        changes: &[Change],
        ingested_at: Option<&str>,
    ) -> Result<PublishAckFuture, HandleError> {
        let transient =
            |what: &str, e: &dyn std::fmt::Display| HandleError::Transient(format!("{what}: {e}"));
        let story = self.desk.story(story_id).ok_or_else(|| {
            HandleError::Transient(format!("story {story_id} vanished from the desk"))
        })?;
        let mut headers = HeaderMap::new();
        let msg_id = format!("{}:{}", story.id, story.revision);
        headers.insert("Nats-Msg-Id", msg_id.as_str());
        if let Some(at) = ingested_at {
            headers.insert(headers::INGESTED_AT, at);
        }
        let payload = serde_json::to_vec(&StoryUpdate::published(story, changes.to_vec()))
            .map_err(|e| transient("encoding update", &e))?;
        stage::bounded(
            "publishing story update",
            self.js.publish_with_headers(
                self.names.story_subject(&story.id),
                headers,
                payload.into(),
            ),
        )
        .await
        .map_err(|e| HandleError::Transient(e.to_string()))?
        .map_err(|e| transient("publishing story update", &e))
    }

    /// Waits for the batch's updates to be acknowledged, then writes each touched story once, and the stories
    /// closed as quiet with their final state.
    async fn store_batch(
        &mut self,
        published: Vec<PublishAckFuture>,
        touched: BTreeSet<String>,
    ) -> Result<(), HandleError> {
        let updates = published.len();
        // Awaited at once, not one after another: acks lost with a crashed server would each cost a full timeout.
        let acked = futures::future::join_all(
            published
                .into_iter()
                .map(std::future::IntoFuture::into_future),
        )
        .await;
        for ack in acked {
            ack.map_err(|e| HandleError::Transient(format!("story update not acknowledged: {e}")))?;
        }
        metrics::counter!("dateline_story_updates_total").increment(updates as u64);
        let closed = self.desk.take_closed();
        let mut writes = Vec::with_capacity(touched.len() + closed.len());
        for id in &touched {
            if let Some(story) = self.desk.story(id) {
                writes.push(self.write(story));
            }
        }
        for story in &closed {
            writes.push(self.write(story));
        }
        let mut first_error = None;
        for (id, written) in futures::future::join_all(writes).await {
            match written {
                Ok(revision) => {
                    self.revisions.insert(id, revision);
                }
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        if let Some(error) = first_error {
            return Err(error);
        }
        for story in &closed {
            self.revisions.remove(&story.id);
        }
        metrics::counter!("dateline_stories_closed_total").increment(closed.len() as u64);
        Ok(())
    }

    /// Writes one story with the revision last seen, so a concurrent writer is detected, never overwritten.
    /// Returns the story id and its new bucket revision.
    fn write(
        &self,
        story: &Story,
    ) -> impl std::future::Future<Output = (String, Result<u64, HandleError>)> + use<> {
        let id = story.id.clone();
        let value = serde_json::to_vec(story).map(Bytes::from);
        let expected = self.revisions.get(&story.id).copied();
        let bucket = self.bucket.clone();
        async move {
            let value = match value {
                Ok(value) => value,
                Err(e) => {
                    return (
                        id,
                        Err(HandleError::Transient(format!("encoding story: {e}"))),
                    )
                }
            };
            let written = match expected {
                Some(revision) => {
                    stage::bounded("story write", bucket.update(&id, value, revision))
                        .await
                        .map_err(|e| e.to_string())
                        .and_then(|w| w.map_err(|e| e.to_string()))
                }
                None => stage::bounded("story write", bucket.create(&id, value))
                    .await
                    .map_err(|e| e.to_string())
                    .and_then(|w| w.map_err(|e| e.to_string())),
            };
            let written = written
                .map_err(|reason| HandleError::Transient(format!("writing story {id}: {reason}")));
            (id, written)
        }
    }
}

/// Runs the aggregator stage until shutdown.
pub async fn run(
    pipeline: Pipeline,
    shutdown: dateline_shared::shutdown::Shutdown,
) -> Result<(), AggregatorError> {
    let names = &pipeline.names;
    let mut shutdown = shutdown;
    let started = stage::until_done(
        &mut shutdown,
        STAGE,
        "declaring the pipeline and loading the stories",
        LOAD_TIMEOUT,
        || Aggregator::start(pipeline.js.clone(), names.clone(), pipeline.durability),
    )
    .await;
    let Some(mut aggregator) = started else {
        return Ok(());
    };
    let mut spec = pipeline.consumer(STAGE, names.events_stream(), names.all("events"));
    // One aggregator applies events in stream order; a small window keeps redeliveries close to that order.
    spec.max_ack_pending = spec.max_ack_pending.min(256);
    stage::run(&pipeline, &spec, shutdown, &mut aggregator).await?;
    Ok(())
}

impl stage::Handler for Aggregator {
    async fn handle_batch(
        &mut self,
        messages: &[jetstream::Message],
    ) -> Vec<Result<(), HandleError>> {
        let batch: Vec<(&[u8], Option<&str>)> = messages
            .iter()
            .map(|message| {
                let ingested = message
                    .headers
                    .as_ref()
                    .and_then(|h| h.get(headers::INGESTED_AT))
                    .map(|v| v.as_str());
                (message.payload.as_ref(), ingested)
            })
            .collect();
        self.apply_batch(&batch).await
    }
}
