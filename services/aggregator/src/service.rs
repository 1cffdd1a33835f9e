//! The aggregator service: the async shell around [`Desk`](crate::Desk).
//!
//! For each batch of events: apply them to the desk in order; for every report that changed fields, publish
//! the story update to `<prefix>.stories.<id>` with `Nats-Msg-Id` = story id + revision; store the reports the
//! batch added as one page, and the pages of sources the touched stories seal; write each story the batch
//! touched to the KV bucket once, with the revision we last read (optimistic concurrency); then ack. A crash
//! anywhere in between redelivers the events to a desk reloaded from KV, which recomputes the same revisions,
//! so the republished updates are dropped as duplicates and the KV writes complete. Nothing is lost or counted
//! twice; coalescing the writes per story is what lets a hot story take many reports a second.

use std::collections::{BTreeSet, HashMap};

use async_nats::jetstream::context::PublishAckFuture;
use async_nats::jetstream::{self, kv};
use async_nats::HeaderMap;
use bytes::Bytes;
use dateline_shared::lease::{self, LeaseArgs, LeaseCheck};
use dateline_shared::nats::{describe_publish_failure, Durability};
use dateline_shared::stage::{self, HandleError, Pipeline, StageError};
use dateline_shared::trace::TraceContext;
use dateline_shared::{headers, Change, Event, Names, Story, Withdrawal};
use futures::{StreamExt, TryStreamExt};

use crate::desk::{seal_story_sources, Desk, Outcome};
use crate::report_pages::Entry;

pub const STAGE: &str = "aggregator";

/// How long one attempt at declaring the pipeline and loading every story may take. Each read is bounded on
/// its own; this only caps the whole, which grows with the number of stories.
pub(crate) const LOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(600);

#[derive(Debug, thiserror::Error)]
pub enum AggregatorError {
    #[error("reading stories from bucket {bucket}: {reason}")]
    Load { bucket: String, reason: String },
    /// Another kind of aggregator already writes this prefix's stories: running both would write them twice.
    #[error("refusing to start: {0}")]
    Refused(String),
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
    /// Every report the stories hold, in full, in pages (stories only name them): see `report_pages`.
    reports: kv::Store,
    desk: Desk,
    revisions: HashMap<String, u64>,
    /// The stories bucket's last sequence that the desk reflects: anything later was written by someone else
    /// (another instance, or the late writes of a crashed one) and the desk must be reloaded before it acts.
    seen_sequence: u64,
    /// The desk may be ahead of the bucket (a batch failed to store and the reload failed too): it must be
    /// reloaded before it takes another event, or a redelivered event would meet its own earlier effects.
    stale: bool,
    /// The lease this instance works under, asked before every batch and before its stories are written, so
    /// an instance that lost it leaves the batch to the new holder rather than writing beside it.
    lease: Option<LeaseCheck>,
}

impl Aggregator {
    /// Declares what the stage needs and loads every stored story.
    pub async fn start(
        js: jetstream::Context,
        names: Names,
        durability: Durability,
    ) -> Result<Self, AggregatorError> {
        let bucket = dateline_shared::nats::declare_pipeline(&js, &names, durability).await?;
        let reports = dateline_shared::nats::reports_bucket(&js, &names, durability).await?;
        let mut aggregator = Self {
            js,
            names,
            bucket,
            reports,
            desk: Desk::new(),
            revisions: HashMap::new(),
            seen_sequence: 0,
            stale: false,
            lease: None,
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
        // Read before the keys: a write landing while we load makes the next batch reload again.
        let (_, seen_sequence) = self
            .bucket_state(&self.names.stories_bucket())
            .await
            .map_err(load_error)?;
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
        self.fill_reports(&mut stories).await?;
        tracing::info!(stories = stories.len(), "desk loaded from bucket");
        self.desk = Desk::from_stories(stories);
        self.revisions = revisions;
        self.seen_sequence = seen_sequence;
        self.stale = false;
        Ok(())
    }

    /// (messages, last sequence) of a bucket's stream, fresh from the server (`kv::Store::status` is cached).
    async fn bucket_state(&self, bucket: &str) -> Result<(u64, u64), String> {
        let read = stage::bounded("reading a bucket's state", async {
            let mut stream = self
                .js
                .get_stream(format!("KV_{bucket}"))
                .await
                .map_err(|e| e.to_string())?;
            let info = stream.info().await.map_err(|e| e.to_string())?;
            Ok((info.state.messages, info.state.last_sequence))
        })
        .await;
        read.map_err(|timed_out| timed_out.to_string())?
    }

    /// Reloads the desk when the stories bucket holds writes it has not seen. A crashed instance's last
    /// writes can land after its successor loaded the bucket; acting on the older state would put a
    /// redelivered report into a second story.
    async fn catch_up_with_bucket(&mut self) -> Result<(), HandleError> {
        let (_, last) = self
            .bucket_state(&self.names.stories_bucket())
            .await
            .map_err(|e| HandleError::Transient(format!("reading the stories bucket: {e}")))?;
        if last > self.seen_sequence {
            tracing::info!(
                seen = self.seen_sequence,
                last,
                "stories bucket written by another writer; reloading desk"
            );
            self.reload()
                .await
                .map_err(|e| HandleError::Transient(e.to_string()))?;
        }
        Ok(())
    }

    /// Gives every open story's events their sources and reports back from the reports bucket (stories name
    /// their reports, and keep the older sources in sealed pages there).
    async fn fill_reports(&self, stories: &mut [Story]) -> Result<(), AggregatorError> {
        let load_error = |reason: String| AggregatorError::Load {
            bucket: self.names.reports_bucket(),
            reason,
        };
        let wanted: usize = stories
            .iter()
            .filter(|s| !s.closed)
            .flat_map(|s| s.events.iter())
            .filter(|e| e.reports.is_empty())
            .map(|e| e.sources.count())
            .sum();
        if wanted == 0 {
            return Ok(());
        }
        // One pass over the bucket (the last value of every key) rather than a request per report.
        let mut held: HashMap<String, Event> = HashMap::with_capacity(wanted);
        let mut source_pages: HashMap<String, Vec<dateline_shared::Source>> = HashMap::new();
        let mut source_volumes: HashMap<String, Vec<dateline_shared::story::SealedPage>> =
            HashMap::new();
        let (stored, _) = self
            .bucket_state(&self.names.reports_bucket())
            .await
            .map_err(load_error)?;
        if stored > 0 {
            let mut entries = self
                .reports
                .watch_all_from_revision(1)
                .await
                .map_err(|e| load_error(e.to_string()))?;
            while let Some(entry) = entries.next().await {
                let entry = entry.map_err(|e| load_error(e.to_string()))?;
                if entry.operation == kv::Operation::Put {
                    match crate::report_pages::read_entry(&entry.key, &entry.value) {
                        Ok(Entry::Reports(reports)) => {
                            held.extend(reports.into_iter().map(|r| (r.id.clone(), r)));
                        }
                        Ok(Entry::Sources(sources)) => {
                            source_pages.insert(entry.key.clone(), sources);
                        }
                        Ok(Entry::Volume(pages)) => {
                            source_volumes.insert(entry.key.clone(), pages);
                        }
                        Err(error) => {
                            tracing::error!(key = %entry.key, %error, "unreadable entry in reports bucket; skipped")
                        }
                    }
                }
                if entry.delta == 0 {
                    break;
                }
            }
        }
        let mut missing = 0;
        for (story_id, event) in stories
            .iter_mut()
            .filter(|s| !s.closed)
            .flat_map(|s| s.events.iter_mut().map(|e| (s.id.clone(), e)))
            .filter(|(_, e)| e.reports.is_empty())
        {
            event
                .sources
                .resolve_volumes(|key| source_volumes.get(key).cloned())
                .and_then(|()| event.sources.resolve(|key| source_pages.get(key).cloned()))
                .map_err(|reason| load_error(format!("story {story_id}: {reason}")))?;
            for source in &event.sources {
                match held.get(&source.event_id) {
                    Some(report) => event.reports.push(report.clone()),
                    None => missing += 1,
                }
            }
        }
        if missing > 0 {
            return Err(load_error(format!(
                "{missing} reports named by stories are not in the bucket"
            )));
        }
        Ok(())
    }

    /// Applies a batch of event messages in order, then stores their effects: every story update is published
    /// (pipelined, one round trip for the batch), and every story the batch touched is written to the bucket
    /// once, with its final state. One result per message; on any storage failure the desk falls back to what
    /// the bucket holds and the whole batch is retried, which re-applies it identically.
    pub async fn apply_batch(&mut self, messages: &[Incoming<'_>]) -> Vec<Result<(), HandleError>> {
        if let Err(error) = self.still_leased() {
            return retry_all(messages.len(), &error.to_string());
        }
        if self.stale {
            if let Err(error) = self.reload().await {
                let reason = format!("desk not reloaded after a failed batch: {error}");
                return retry_all(messages.len(), &reason);
            }
        }
        if let Err(error) = self.catch_up_with_bucket().await {
            let reason = error.to_string();
            return retry_all(messages.len(), &reason);
        }
        let now = chrono::Utc::now();
        let mut results: Vec<Result<(), HandleError>> = Vec::with_capacity(messages.len());
        let mut touched = BTreeSet::new();
        let mut published = Vec::new();
        let mut taken_reports = Vec::new();
        let mut failure = None;
        for message in messages {
            let outcome = match apply_message(&mut self.desk, &self.names, message, now) {
                Ok(Applied { outcome, report }) => {
                    if let (Some(id), Some(_)) = (report, outcome.story_id()) {
                        taken_reports.push((id, Bytes::copy_from_slice(message.payload)));
                    }
                    outcome
                }
                Err(poison) => {
                    results.push(Err(HandleError::Poison(poison)));
                    continue;
                }
            };
            if let Some(trace) = &message.trace {
                tracing::debug!(trace_id = %trace.trace_hex(), outcome = outcome.label(), story = outcome.story_id().unwrap_or(""), "report applied");
            }
            let ingested_at = &message.ingested_at;
            if let Some(story) = outcome.story_id() {
                touched.insert(story.to_owned());
            }
            if let Outcome::Changed { story, changes } = &outcome {
                if failure.is_none() {
                    match self
                        .send_update(story, changes, *ingested_at, message.trace)
                        .await
                    {
                        Ok(ack) => published.push(ack),
                        Err(error) => failure = Some(error),
                    }
                }
            }
            results.push(Ok(()));
        }
        if failure.is_none() {
            failure = self
                .store_batch(published, taken_reports, touched)
                .await
                .err();
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

    /// Fails when this instance works under a lease it can no longer be sure of.
    fn still_leased(&self) -> Result<(), HandleError> {
        match &self.lease {
            Some(lease) if !lease.is_current() => Err(HandleError::Transient(
                "the aggregator lease is no longer surely held; leaving the batch to its holder"
                    .to_owned(),
            )),
            _ => Ok(()),
        }
    }

    /// Sends one story update without waiting for its acknowledgement. The message id is the story id and
    /// revision, so the update republished after a crash is dropped as a duplicate.
    async fn send_update(
        &mut self,
        story_id: &str,
        changes: &[Change],
        ingested_at: Option<&str>,
        trace: Option<TraceContext>,
    ) -> Result<PublishAckFuture, HandleError> {
        let (subject, headers, payload) = update_message(
            &mut self.desk,
            &self.names,
            story_id,
            changes,
            ingested_at,
            trace,
        )?;
        stage::bounded(
            "publishing story update",
            self.js.publish_with_headers(subject, headers, payload),
        )
        .await
        .map_err(|e| HandleError::Transient(e.to_string()))?
        .map_err(|e| {
            HandleError::Transient(format!(
                "publishing story update: {}",
                describe_publish_failure(&e)
            ))
        })
    }

    /// Waits for the batch's updates to be acknowledged, stores the reports the batch took (before any story
    /// names them), then writes each touched story once, and the stories closed as quiet with their final state.
    async fn store_batch(
        &mut self,
        published: Vec<PublishAckFuture>,
        taken_reports: Vec<(String, Bytes)>,
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
            ack.map_err(|e| {
                HandleError::Transient(format!(
                    "story update not acknowledged: {}",
                    describe_publish_failure(&e)
                ))
            })?;
        }
        metrics::counter!("dateline_story_updates_total").increment(updates as u64);
        // One value per batch (a page of reports), not one per report: see `report_pages`. With them, the
        // pages of sources the written stories now seal (see `story_sources`): both before any story names them.
        let mut closed = self.desk.take_closed();
        let mut pages =
            crate::report_pages::paginate(&taken_reports, crate::report_pages::MAX_PAGE_BYTES);
        let mut sealed: Vec<_> = touched
            .iter()
            .flat_map(|id| self.desk.seal_sources(id))
            .collect();
        sealed.extend(closed.iter_mut().flat_map(seal_story_sources));
        pages.extend(
            sealed
                .into_iter()
                .map(|(key, value)| (key, Bytes::from(value))),
        );
        put_all(&self.reports, "storing page", pages).await?;
        self.still_leased()?;
        let mut values = Vec::with_capacity(touched.len() + closed.len());
        for id in &touched {
            if let Some(value) = self.desk.story_json(id) {
                values.push((id.clone(), value));
            }
        }
        for story in &closed {
            values.push((story.id.clone(), serde_json::to_vec(story)));
        }
        let writes: Vec<_> = values
            .into_iter()
            .map(|(id, value)| self.write(id, value))
            .collect();
        let mut first_error = None;
        let mut written_revisions = Vec::new();
        for (id, written) in futures::future::join_all(writes).await {
            match written {
                Ok(revision) => {
                    written_revisions.push(revision);
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
        // The desk reflects the bucket up to our own writes only if nobody else's came in between.
        written_revisions.sort_unstable();
        let contiguous = written_revisions
            .iter()
            .zip(self.seen_sequence + 1..)
            .all(|(revision, expected)| *revision == expected);
        if contiguous {
            if let Some(last) = written_revisions.last() {
                self.seen_sequence = *last;
            }
        }
        for story in &closed {
            self.revisions.remove(&story.id);
        }
        metrics::counter!("dateline_stories_closed_total").increment(closed.len() as u64);
        Ok(())
    }

    /// Writes one story (its JSON, `value`) with the revision last seen, so a concurrent writer is detected,
    /// never overwritten. Returns the story id and its new bucket revision.
    fn write(
        &self,
        id: String,
        value: serde_json::Result<Vec<u8>>,
    ) -> impl std::future::Future<Output = (String, Result<u64, HandleError>)> + use<> {
        let value = value.map(Bytes::from);
        let expected = self.revisions.get(&id).copied();
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
///
/// Only the holder of the stage's lease works (see [`dateline_shared::lease`]): an instance started beside an
/// active one stands by until that one stops or dies, then loads the stories and takes over. An instance that
/// loses its lease finishes the batch in hand without storing it and stands by again.
pub async fn run(
    pipeline: Pipeline,
    lease: LeaseArgs,
    shutdown: dateline_shared::shutdown::Shutdown,
) -> Result<(), AggregatorError> {
    let names = &pipeline.names;
    if let Some(checkpoint) = crate::partitioned::checkpoint_keys(&pipeline).await.first() {
        return Err(AggregatorError::Refused(format!(
            "the bucket {} holds the checkpoint {checkpoint}: this prefix's stories are written by \
             partitioned aggregators. Start this one with the same --partitions and a --partition, or stop \
             them all and delete the bucket to go back to one aggregator",
            names.partitions_bucket()
        )));
    }
    let mut shutdown = shutdown;
    loop {
        let Some(held) = lease::acquire(&pipeline, STAGE, &lease, &mut shutdown).await else {
            return Ok(());
        };
        let mut working = held.stage_shutdown();
        let started = stage::until_done(
            &mut working,
            STAGE,
            "declaring the pipeline and loading the stories",
            LOAD_TIMEOUT,
            || Aggregator::start(pipeline.js.clone(), names.clone(), pipeline.durability),
        )
        .await;
        if let Some(mut aggregator) = started {
            aggregator.lease = Some(held.check());
            // The whole events stream: events and kill notices, in one order.
            let mut spec = pipeline.consumer(STAGE, names.events_stream(), String::new());
            // One aggregator applies events in stream order; a window of two batches keeps redeliveries close
            // to that order while the next batch is delivered during this one.
            spec.max_ack_pending = spec.max_ack_pending.min(2 * stage::MAX_BATCH as i64);
            stage::run(&pipeline, &spec, working, &mut aggregator).await?;
        }
        pipeline.readiness.set_unready();
        if shutdown.is_triggered() || !held.check().was_lost() {
            held.release().await;
            return Ok(());
        }
        tracing::warn!(
            stage = STAGE,
            holder = held.holder(),
            "lease lost: standing by again"
        );
    }
}

/// Puts every entry at once (one round trip for all), failing with the first key not stored.
pub(crate) async fn put_all(
    store: &kv::Store,
    what: &str,
    entries: Vec<(String, Bytes)>,
) -> Result<(), HandleError> {
    let puts = entries.into_iter().map(|(key, value)| async move {
        let put = stage::bounded(what, store.put(&key, value)).await;
        (put, key)
    });
    for (put, key) in futures::future::join_all(puts).await {
        let failed = match put {
            Ok(Ok(_)) => continue,
            Ok(Err(e)) => e.to_string(),
            Err(timed_out) => timed_out.to_string(),
        };
        return Err(HandleError::Transient(format!("{what} {key}: {failed}")));
    }
    Ok(())
}

/// What one message of the events stream did to the desk.
pub struct Applied {
    pub outcome: Outcome,
    /// The report's id, when the message was a report (not a kill notice).
    pub report: Option<String>,
}

/// Decodes one message of the events stream (a report or a kill notice) and applies it to the desk, counting
/// the outcome. `Err` says why the message is poison.
pub fn apply_message(
    desk: &mut Desk,
    names: &Names,
    message: &Incoming<'_>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Applied, String> {
    if names.is_withdrawal(message.subject) {
        let withdrawal = serde_json::from_slice::<Withdrawal>(message.payload)
            .map_err(|e| format!("withdrawal is not valid JSON: {e}"))?;
        return Ok(Applied {
            outcome: desk.withdraw(&withdrawal, now),
            report: None,
        });
    }
    let event = serde_json::from_slice::<Event>(message.payload)
        .map_err(|e| format!("event is not valid JSON: {e}"))?;
    let kind = event.kind.clone();
    let id = event.id.clone();
    let outcome = desk.apply(event, now);
    metrics::counter!("dateline_reports_applied_total", "kind" => kind, "outcome" => outcome.label())
        .increment(1);
    Ok(Applied {
        outcome,
        report: Some(id),
    })
}

/// The story update a report's changes make: subject, headers and payload. The message id is the story id and
/// revision, so an update republished after a crash or by a replay is dropped as a duplicate.
pub(crate) fn update_message(
    desk: &mut Desk,
    names: &Names,
    story_id: &str,
    changes: &[Change],
    ingested_at: Option<&str>,
    trace: Option<TraceContext>,
) -> Result<(String, HeaderMap, Bytes), HandleError> {
    let vanished = || HandleError::Transient(format!("story {story_id} vanished from the desk"));
    let revision = desk.find(story_id).ok_or_else(vanished)?.revision;
    let payload = desk
        .update_json(story_id, changes)
        .ok_or_else(vanished)?
        .map_err(|e| HandleError::Transient(format!("encoding update: {e}")))?;
    let mut headers = HeaderMap::new();
    let msg_id = format!("{story_id}:{revision}");
    headers.insert("Nats-Msg-Id", msg_id.as_str());
    if let Some(trace) = trace {
        trace.child(&msg_id).insert_into(&mut headers);
    }
    if let Some(at) = ingested_at {
        headers.insert(headers::INGESTED_AT, at);
    }
    Ok((names.story_subject(story_id), headers, payload.into()))
}

/// The result of a batch the desk could not take: every message retried, for the same reason.
fn retry_all(messages: usize, reason: &str) -> Vec<Result<(), HandleError>> {
    (0..messages)
        .map(|_| Err(HandleError::Transient(reason.to_owned())))
        .collect()
}

/// One message of the events stream, as the aggregator reads it.
pub struct Incoming<'a> {
    pub subject: &'a str,
    pub payload: &'a [u8],
    pub ingested_at: Option<&'a str>,
    /// The trace of the article behind the message, continued on the story update it causes.
    pub trace: Option<TraceContext>,
}

impl<'a> Incoming<'a> {
    pub fn from_message(message: &'a jetstream::Message) -> Self {
        Incoming {
            subject: message.subject.as_str(),
            payload: message.payload.as_ref(),
            ingested_at: message
                .headers
                .as_ref()
                .and_then(|h| h.get(headers::INGESTED_AT))
                .map(|v| v.as_str()),
            trace: TraceContext::from_headers(message.headers.as_ref()),
        }
    }
}

impl stage::Handler for Aggregator {
    async fn handle_batch(
        &mut self,
        messages: &[jetstream::Message],
    ) -> Vec<Result<(), HandleError>> {
        let batch: Vec<Incoming<'_>> = messages.iter().map(Incoming::from_message).collect();
        self.apply_batch(&batch).await
    }
}
