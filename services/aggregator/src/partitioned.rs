//! The aggregator as one of several partitions that share the writing of stories (see [`crate::ownership`]).
//!
//! Each partition reads the whole events stream in stream order through an ordered consumer and applies
//! every message to its own copy of the desk, so every copy routes every report to the same story. It then
//! encodes, stores and announces only the stories it owns, and records how far it has stored in a checkpoint
//! (`<prefix>_partitions`, one key per partition), written only after everything of the batch is acknowledged:
//! the checkpoint plays the part a consumer's ack floor plays for the other stages. A partition that starts
//! (or restarts after a crash) rebuilds its desk by replaying the stream up to its checkpoint without writing,
//! then goes on from there, writing; what a crash left half-stored is stored again, identically, because the
//! desk is deterministic (story updates carry `story id:revision` as `Nats-Msg-Id`, so the republished ones
//! are dropped). Each partition works under its own lease, so a standby per partition takes over as in the
//! single-aggregator deployment.
//!
//! Routing is not shared: every partition pays for decoding and applying every report, and saves the
//! encoding, storing and publishing of the stories it does not own.

use std::collections::BTreeSet;
use std::time::Duration;

use async_nats::jetstream::consumer::{pull, DeliverPolicy};
use async_nats::jetstream::{self, kv, Message};
use async_nats::HeaderMap;
use bytes::Bytes;
use dateline_shared::checkpoint;
use dateline_shared::lease::{self, LeaseArgs, LeaseCheck};
use dateline_shared::nats::describe_publish_failure;
use dateline_shared::shutdown::Shutdown;
use dateline_shared::stage::{self, Backoff, HandleError, Pipeline};
use futures::StreamExt;

use crate::desk::{seal_story_sources, Desk};
use crate::ownership::Partition;
use crate::service::{apply_message, put_all, update_message, AggregatorError, Incoming, STAGE};

/// Which partition of how many this instance is.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct PartitionArgs {
    /// How many aggregators share the stories of this prefix, each storing the stories it owns. Every
    /// instance of the prefix must be started with the same number; 1 runs the single aggregator.
    #[arg(long, env = "DATELINE_PARTITIONS", default_value_t = 1)]
    pub partitions: u32,
    /// Which of the partitions this instance is, from 0. Instances naming the same partition share its
    /// lease: one works, the others stand by.
    #[arg(long, env = "DATELINE_PARTITION", default_value_t = 0)]
    pub partition: u32,
}

impl Default for PartitionArgs {
    fn default() -> Self {
        Self {
            partitions: 1,
            partition: 0,
        }
    }
}

/// How long a replay may go without a message before it is counted stalled and started again.
const REPLAY_IDLE: Duration = Duration::from_secs(30);

/// Runs one partition until shutdown: waits for its lease, rebuilds its desk, then applies and stores.
pub async fn run(
    pipeline: Pipeline,
    partition: Partition,
    lease: LeaseArgs,
    shutdown: Shutdown,
) -> Result<(), AggregatorError> {
    let mut shutdown = shutdown;
    let key = partition.key();
    loop {
        let Some(held) = lease::acquire(&pipeline, &key, &lease, &mut shutdown).await else {
            return Ok(());
        };
        let mut working = held.stage_shutdown();
        let worked = work(&pipeline, partition, held.check(), &mut working).await;
        pipeline.readiness.set_unready();
        if worked.is_err() || shutdown.is_triggered() || !held.check().was_lost() {
            held.release().await;
            return worked;
        }
        tracing::warn!(
            partition = %key,
            holder = held.holder(),
            "lease lost: standing by again"
        );
    }
}

/// What a partition needs from NATS, declared, and where its checkpoint stands.
struct Setup {
    stories: kv::Store,
    reports: kv::Store,
    checkpoints: kv::Store,
    through: u64,
    /// A checkpoint of a partition of another count, which refuses the start (see [`Setup::declare`]).
    other_count: Option<String>,
}

impl Setup {
    async fn declare(pipeline: &Pipeline, partition: Partition) -> Result<Setup, String> {
        let (js, names) = (&pipeline.js, &pipeline.names);
        let stories = dateline_shared::nats::declare_pipeline(js, names, pipeline.durability)
            .await
            .map_err(|e| e.to_string())?;
        let reports = dateline_shared::nats::reports_bucket(js, names, pipeline.durability)
            .await
            .map_err(|e| e.to_string())?;
        let checkpoints = js
            .create_or_update_key_value(kv::Config {
                bucket: names.partitions_bucket(),
                description: "How far into the events stream each aggregator partition has stored"
                    .to_owned(),
                history: 1,
                storage: jetstream::stream::StorageType::File,
                num_replicas: pipeline.durability.replicas,
                ..Default::default()
            })
            .await
            .map_err(|e| format!("declaring bucket {}: {e}", names.partitions_bucket()))?;
        let keys: Vec<String> = match checkpoints.keys().await {
            Ok(keys) => keys.filter_map(|k| async { k.ok() }).collect().await,
            Err(e) => return Err(format!("listing partition checkpoints: {e}")),
        };
        let other_count = keys
            .into_iter()
            .find(|k| checkpoint::count_of(k) != Some(partition.count()));
        let through = match checkpoints.get(partition.key()).await {
            Ok(Some(value)) => parse_checkpoint(&value)?,
            Ok(None) => 0,
            Err(e) => return Err(format!("reading checkpoint {}: {e}", partition.key())),
        };
        Ok(Setup {
            stories,
            reports,
            checkpoints,
            through,
            other_count,
        })
    }
}

/// The partition checkpoints the prefix holds; none when there is no such bucket (or it cannot be read:
/// the check this serves is a guard at start-up, not a lock).
pub(crate) async fn checkpoint_keys(pipeline: &Pipeline) -> Vec<String> {
    let listed = async {
        let bucket = pipeline
            .js
            .get_key_value(pipeline.names.partitions_bucket())
            .await
            .ok()?;
        let keys = bucket.keys().await.ok()?;
        Some(keys.filter_map(|k| async { k.ok() }).collect().await)
    };
    stage::bounded("listing partition checkpoints", listed)
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

fn parse_checkpoint(value: &[u8]) -> Result<u64, String> {
    checkpoint::parse(value).ok_or_else(|| {
        format!(
            "checkpoint {:?} is not a stream sequence",
            String::from_utf8_lossy(value)
        )
    })
}

async fn work(
    pipeline: &Pipeline,
    partition: Partition,
    lease: LeaseCheck,
    shutdown: &mut Shutdown,
) -> Result<(), AggregatorError> {
    let Some(setup) = stage::until_done(
        shutdown,
        STAGE,
        "declaring the pipeline and reading the partition's checkpoint",
        crate::service::LOAD_TIMEOUT,
        || Setup::declare(pipeline, partition),
    )
    .await
    else {
        return Ok(());
    };
    if let Some(other) = &setup.other_count {
        return Err(AggregatorError::Refused(format!(
            "the bucket {} holds the checkpoint {other} of a partitioning other than this instance's {} \
             partitions; every aggregator of a prefix must be started with the same --partitions (to \
             re-partition, stop them all and delete the bucket: each partition then replays the events \
             stream and rewrites the stories it owns)",
            pipeline.names.partitions_bucket(),
            partition.count()
        )));
    }
    if let Some(lease::Holder::Instance(single)) = lease::holder(pipeline, STAGE).await {
        return Err(AggregatorError::Refused(format!(
            "the single aggregator {single} holds the lease {STAGE} in {}: it writes every story of this \
             prefix, and partitions beside it would write them twice. Stop it first",
            pipeline.names.leases_bucket()
        )));
    }
    let through = setup.through;
    let Some(desk) = stage::until_done(
        shutdown,
        STAGE,
        "replaying the events stream",
        crate::service::LOAD_TIMEOUT,
        || replay(pipeline, through),
    )
    .await
    else {
        return Ok(());
    };
    tracing::info!(
        partition = %partition.key(),
        through,
        stories = desk.len(),
        "desk rebuilt from the events stream; storing from here"
    );
    let mut writer = Writer {
        pipeline,
        partition,
        lease,
        setup,
        desk,
        position: through,
    };
    pipeline.readiness.set_ready();
    writer.consume(shutdown).await;
    Ok(())
}

/// Rebuilds the desk as it stood after stream sequence `through`: every message up to it applied in order,
/// nothing written (what those messages did was stored before the checkpoint moved past them).
async fn replay(pipeline: &Pipeline, through: u64) -> Result<Desk, String> {
    let mut desk = Desk::new();
    if through == 0 {
        return Ok(desk);
    }
    let names = &pipeline.names;
    let mut stream = pipeline
        .js
        .get_stream(names.events_stream())
        .await
        .map_err(|e| e.to_string())?;
    let state = stream
        .info()
        .await
        .map_err(|e| e.to_string())?
        .state
        .clone();
    if state.last_sequence < through {
        return Err(format!(
            "the events stream ends at sequence {} but this partition stored through {through}: the stream \
             was purged or replaced",
            state.last_sequence
        ));
    }
    if state.first_sequence > 1 {
        tracing::warn!(
            first = state.first_sequence,
            "the events stream no longer begins at its first message: the rebuilt desk lacks what the older \
             messages said, and may route later reports unlike the other partitions"
        );
    }
    let mut messages = stream
        .create_consumer(pull::OrderedConfig {
            deliver_policy: DeliverPolicy::All,
            ..Default::default()
        })
        .await
        .map_err(|e| e.to_string())?
        .messages()
        .await
        .map_err(|e| e.to_string())?;
    let now = chrono::Utc::now();
    let mut replayed = 0u64;
    loop {
        let next = tokio::time::timeout(REPLAY_IDLE, messages.next())
            .await
            .map_err(|_| format!("no message for {REPLAY_IDLE:?} after {replayed} replayed"))?;
        let message = match next {
            Some(Ok(message)) => message,
            Some(Err(e)) => return Err(e.to_string()),
            None => return Err("the replay's stream ended".to_owned()),
        };
        let sequence = message.info().map_err(|e| e.to_string())?.stream_sequence;
        if sequence > through {
            break;
        }
        // Poison was dead-lettered when first met; here it only has to be skipped again.
        let _ = apply_message(&mut desk, names, &Incoming::from_message(&message), now);
        replayed += 1;
        if sequence == through {
            break;
        }
    }
    // Stories closed during the replay were archived by their owners when they first closed.
    desk.take_closed();
    metrics::counter!("dateline_partition_replayed_total").increment(replayed);
    Ok(desk)
}

/// Everything a batch leaves to store, worked out once so that a failed store is retried with exactly the
/// same values (sealing sources changes the desk, so it must not run twice for one batch).
#[derive(Default)]
struct BatchOutput {
    updates: Vec<(String, HeaderMap, Bytes)>,
    pages: Vec<(String, Bytes)>,
    stories: Vec<(String, Bytes)>,
    poison: Vec<(Message, String)>,
    through: u64,
}

/// A partition at work: its desk, and how far into the events stream it has stored.
struct Writer<'a> {
    pipeline: &'a Pipeline,
    partition: Partition,
    lease: LeaseCheck,
    setup: Setup,
    desk: Desk,
    position: u64,
}

impl Writer<'_> {
    /// Applies and stores batches until shutdown, the lease's loss, or a store that cannot finish.
    async fn consume(&mut self, shutdown: &mut Shutdown) {
        let mut backoff = Backoff::default();
        loop {
            let opened = stage::bounded("opening the ordered consumer", self.open()).await;
            let failed = match opened {
                Ok(Ok(messages)) => Ok(messages),
                Ok(Err(reason)) => Err(reason),
                Err(timed_out) => Err(timed_out.to_string()),
            };
            let mut messages = match failed {
                Ok(messages) => messages,
                Err(reason) => {
                    tracing::warn!(%reason, "ordered consumer not opened; retrying");
                    if !backoff.wait(shutdown).await {
                        return;
                    }
                    continue;
                }
            };
            loop {
                let linger = self.pipeline.stage.batch_linger();
                let Some((batch, lost)) = stage::next_batch(&mut messages, shutdown, linger).await
                else {
                    return;
                };
                if !batch.is_empty() {
                    let output = self.apply(&batch);
                    if !self.store(&output, shutdown).await {
                        return;
                    }
                    backoff.reset();
                }
                if let Some(reason) = lost {
                    tracing::warn!(%reason, "ordered consumer lost; opening another");
                    break;
                }
            }
        }
    }

    /// An ordered consumer over the events stream from the first message not yet stored.
    async fn open(&self) -> Result<pull::Ordered, String> {
        let stream = self
            .pipeline
            .js
            .get_stream(self.pipeline.names.events_stream())
            .await
            .map_err(|e| e.to_string())?;
        stream
            .create_consumer(pull::OrderedConfig {
                deliver_policy: DeliverPolicy::ByStartSequence {
                    start_sequence: self.position + 1,
                },
                ..Default::default()
            })
            .await
            .map_err(|e| e.to_string())?
            .messages()
            .await
            .map_err(|e| e.to_string())
    }

    /// Applies a batch to the desk and works out what of it this partition stores.
    fn apply(&mut self, batch: &[Message]) -> BatchOutput {
        let names = &self.pipeline.names;
        let now = chrono::Utc::now();
        let mut output = BatchOutput {
            through: self.position,
            ..BatchOutput::default()
        };
        let mut touched = BTreeSet::new();
        let mut taken_reports = Vec::new();
        for message in batch {
            let incoming = Incoming::from_message(message);
            if let Ok(info) = message.info() {
                output.through = output.through.max(info.stream_sequence);
            }
            let applied = match apply_message(&mut self.desk, names, &incoming, now) {
                Ok(applied) => applied,
                Err(reason) => {
                    // One partition dead-letters, so a poison message is parked once.
                    if self.partition.index() == 0 {
                        output.poison.push((message.clone(), reason));
                    }
                    continue;
                }
            };
            let Some(story) = applied.outcome.story_id().map(str::to_owned) else {
                continue;
            };
            if !self.partition.owns(&story) {
                continue;
            }
            if let Some(report) = applied.report {
                taken_reports.push((report, Bytes::copy_from_slice(message.payload.as_ref())));
            }
            if let crate::Outcome::Changed { changes, .. } = &applied.outcome {
                let update = update_message(
                    &mut self.desk,
                    names,
                    &story,
                    changes,
                    incoming.ingested_at,
                    incoming.trace,
                );
                match update {
                    Ok(update) => output.updates.push(update),
                    Err(error) => tracing::error!(%story, %error, "story update not encoded"),
                }
            }
            touched.insert(story);
        }
        output.pages =
            crate::report_pages::paginate(&taken_reports, crate::report_pages::MAX_PAGE_BYTES);
        let mut closed: Vec<_> = self
            .desk
            .take_closed()
            .into_iter()
            .filter(|story| self.partition.owns(&story.id))
            .collect();
        let mut sealed: Vec<_> = touched
            .iter()
            .flat_map(|id| self.desk.seal_sources(id))
            .collect();
        sealed.extend(closed.iter_mut().flat_map(seal_story_sources));
        output.pages.extend(
            sealed
                .into_iter()
                .map(|(key, value)| (key, Bytes::from(value))),
        );
        let values = touched
            .iter()
            .filter_map(|id| Some((id.clone(), self.desk.story_json(id)?)))
            .chain(
                closed
                    .iter()
                    .map(|story| (story.id.clone(), serde_json::to_vec(story))),
            );
        for (id, value) in values {
            match value {
                Ok(value) => output.stories.push((id, Bytes::from(value))),
                Err(error) => tracing::error!(story = %id, %error, "story not encoded"),
            }
        }
        metrics::counter!("dateline_stories_closed_total").increment(closed.len() as u64);
        output
    }

    /// Stores a batch's output, retrying until it is all acknowledged; `false` if shutdown or the lease's
    /// loss stopped it first (a restart then replays the batch and stores it again).
    async fn store(&mut self, output: &BatchOutput, shutdown: &mut Shutdown) -> bool {
        let mut backoff = Backoff::default();
        loop {
            if !self.lease.is_current() {
                tracing::warn!("the partition's lease is no longer surely held; not storing");
                return false;
            }
            match self.store_once(output).await {
                Ok(()) => {
                    self.position = output.through;
                    metrics::gauge!("dateline_partition_position").set(self.position as f64);
                    metrics::counter!("dateline_story_updates_total")
                        .increment(output.updates.len() as u64);
                    return true;
                }
                Err(error) => {
                    tracing::warn!(%error, "batch not stored; retrying");
                    if !backoff.wait(shutdown).await {
                        return false;
                    }
                }
            }
        }
    }

    /// Updates first, then the pages stories will name, then the stories, then the dead letters, and the
    /// checkpoint last: whatever a crash interrupts is redone from the checkpoint before.
    async fn store_once(&self, output: &BatchOutput) -> Result<(), HandleError> {
        let transient =
            |what: &str, e: &dyn std::fmt::Display| HandleError::Transient(format!("{what}: {e}"));
        let js = &self.pipeline.js;
        let mut published = Vec::with_capacity(output.updates.len());
        for (subject, headers, payload) in &output.updates {
            let sent = stage::bounded(
                "publishing story update",
                js.publish_with_headers(subject.clone(), headers.clone(), payload.clone()),
            )
            .await
            .map_err(|e| transient("publishing story update", &e))?
            .map_err(|e| transient("publishing story update", &e))?;
            published.push(std::future::IntoFuture::into_future(sent));
        }
        for acked in futures::future::join_all(published).await {
            acked.map_err(|e| {
                transient(
                    "story update not acknowledged",
                    &describe_publish_failure(&e),
                )
            })?;
        }
        put_all(&self.setup.reports, "storing page", output.pages.clone()).await?;
        put_all(&self.setup.stories, "writing story", output.stories.clone()).await?;
        for (message, reason) in &output.poison {
            stage::dead_letter(js, &self.pipeline.names, STAGE, message, reason, 1)
                .await
                .map_err(|e| transient("dead-lettering", &e))?;
            metrics::counter!("dateline_dead_letters_total", "stage" => STAGE).increment(1);
        }
        stage::bounded(
            "writing the checkpoint",
            self.setup
                .checkpoints
                .put(self.partition.key(), checkpoint::encode(output.through)),
        )
        .await
        .map_err(|e| transient("writing the checkpoint", &e))?
        .map_err(|e| transient("writing the checkpoint", &e))?;
        Ok(())
    }
}
