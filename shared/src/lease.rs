//! One active instance of a single-writer stage: a lease held in a KV bucket, the other instances standing by.
//!
//! The aggregator is one state machine per prefix: its desk decides which story each report joins, and two
//! desks deciding at once could start one happening in two stories. So every aggregator instance first takes
//! the stage's lease, a key in `<prefix>_leases` whose value names the holder; the others stand by, polling.
//! The holder renews the key every quarter of the lease's lifetime, and the bucket's `max_age` is that
//! lifetime, so a holder that stops renewing (a crash, a cut network) loses the lease by expiry and a standby
//! takes it, loads the stories and carries on from the consumer's ack floor. A clean shutdown deletes the
//! key once the batch in hand is acked, so that handover is immediate.
//!
//! Fencing: a holder that has not renewed for three quarters of the lifetime stops writing
//! ([`LeaseCheck::is_current`]) before any standby can take over, as long as no process is paused for longer
//! than the remaining quarter. What slips past that (a frozen VM waking up mid-write) is still caught by the
//! aggregator's optimistic story writes and its reload when the stories bucket holds writes it did not make.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use async_nats::jetstream::kv;
use bytes::Bytes;

use crate::shutdown::{Shutdown, ShutdownTrigger};
use crate::stage::{bounded, Pipeline};

/// How an instance of a single-writer stage names itself and how long its lease lasts.
#[derive(Debug, Clone, clap::Args)]
pub struct LeaseArgs {
    /// This instance's name in the stage's lease. It must differ between instances running at once and should
    /// stay the same across restarts of one (a pod or host name), so that a restarted instance takes its
    /// own lease back at once instead of waiting for it to expire. Defaults to the host name and process id.
    #[arg(long, env = "DATELINE_INSTANCE")]
    pub instance: Option<String>,
    /// Seconds a lease lasts unrenewed: how long a standby waits before taking over from a crashed holder.
    #[arg(long, env = "DATELINE_LEASE_SECS", default_value_t = DEFAULT_LEASE_SECS)]
    pub lease_secs: u64,
}

pub const DEFAULT_LEASE_SECS: u64 = 10;

impl Default for LeaseArgs {
    fn default() -> Self {
        Self {
            instance: None,
            lease_secs: DEFAULT_LEASE_SECS,
        }
    }
}

impl LeaseArgs {
    pub fn holder(&self) -> String {
        self.instance
            .clone()
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(default_instance)
    }

    pub fn lifetime(&self) -> Duration {
        Duration::from_secs(self.lease_secs.max(1))
    }
}

fn default_instance() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/proc/sys/kernel/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_owned());
    format!("{host}-{}", std::process::id())
}

/// Who holds a lease now, as the bucket says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    Nobody,
    Instance(String),
}

/// Reads who holds `stage`'s lease (`None` when the bucket cannot be read).
pub async fn holder(pipeline: &Pipeline, stage: &str) -> Option<Holder> {
    let bucket = pipeline
        .js
        .get_key_value(pipeline.names.leases_bucket())
        .await
        .ok()?;
    match bucket.entry(stage).await.ok()? {
        Some(entry) if entry.operation == kv::Operation::Put => Some(Holder::Instance(
            String::from_utf8_lossy(&entry.value).into_owned(),
        )),
        _ => Some(Holder::Nobody),
    }
}

/// The revision of our last renewal, when it was acknowledged, and whether the lease is gone.
#[derive(Debug)]
struct State {
    revision: u64,
    renewed: Instant,
    lost: bool,
}

/// A cheap handle on a held lease, for the stage to ask before it writes.
#[derive(Debug, Clone)]
pub struct LeaseCheck {
    state: Arc<Mutex<State>>,
    lifetime: Duration,
}

impl LeaseCheck {
    /// The shared state; a renewer that panicked mid-update leaves nothing half-written worth refusing.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether the lease is surely still ours: renewed less than three quarters of its lifetime ago. The key
    /// expires a whole lifetime after the server stored that renewal, which was before we heard of it.
    pub fn is_current(&self) -> bool {
        let state = self.state();
        !state.lost && state.renewed.elapsed() < self.lifetime * 3 / 4
    }

    pub fn was_lost(&self) -> bool {
        self.state().lost
    }
}

/// A lease this instance holds. Dropping it stops the renewals (the lease then expires); [`HeldLease::release`]
/// hands it over at once.
#[derive(Debug)]
pub struct HeldLease {
    bucket: kv::Store,
    stage: String,
    holder: String,
    check: LeaseCheck,
    stage_shutdown: Shutdown,
    renewer: tokio::task::JoinHandle<()>,
}

impl Drop for HeldLease {
    fn drop(&mut self) {
        self.renewer.abort();
    }
}

impl HeldLease {
    pub fn check(&self) -> LeaseCheck {
        self.check.clone()
    }

    /// A shutdown for the stage's work under this lease: fires when the process is asked to stop, or when the
    /// lease is lost.
    pub fn stage_shutdown(&self) -> Shutdown {
        self.stage_shutdown.clone()
    }

    pub fn holder(&self) -> &str {
        &self.holder
    }

    /// Deletes the key (only if it is still our renewal), so that a standby takes over without waiting for
    /// it to expire.
    pub async fn release(self) {
        self.renewer.abort();
        let revision = {
            let state = self.check.state();
            (!state.lost).then_some(state.revision)
        };
        metrics::gauge!("dateline_lease_held", "stage" => self.stage.clone()).set(0.0);
        let Some(revision) = revision else {
            return;
        };
        let deleted = within(
            "releasing the lease",
            self.bucket
                .delete_expect_revision(&self.stage, Some(revision)),
        )
        .await;
        match deleted {
            Ok(()) => tracing::info!(stage = %self.stage, holder = %self.holder, "lease released"),
            Err(error) => {
                tracing::warn!(stage = %self.stage, %error, "lease not released; it expires instead")
            }
        }
    }
}

/// [`bounded`], with a timeout and the exchange's own error told alike.
async fn within<T, E: std::fmt::Display>(
    what: &str,
    exchange: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, String> {
    bounded(what, exchange)
        .await
        .map_err(|timed_out| timed_out.to_string())?
        .map_err(|e| e.to_string())
}

/// Declares the leases bucket (idempotently), its `max_age` the lease lifetime.
async fn leases_bucket(pipeline: &Pipeline, lifetime: Duration) -> Result<kv::Store, String> {
    let config = kv::Config {
        bucket: pipeline.names.leases_bucket(),
        description: "Which instance of each single-writer stage is the active one".to_owned(),
        history: 1,
        max_age: lifetime,
        storage: async_nats::jetstream::stream::StorageType::File,
        num_replicas: pipeline.durability.replicas,
        ..Default::default()
    };
    pipeline
        .js
        .create_or_update_key_value(config)
        .await
        .map_err(|e| format!("declaring bucket {}: {e}", pipeline.names.leases_bucket()))
}

/// What one attempt at taking the lease found.
enum Attempt {
    Taken(u64),
    HeldBy(String),
}

async fn try_take(bucket: &kv::Store, stage: &str, holder: &str) -> Result<Attempt, String> {
    let current = bucket.entry(stage).await.map_err(|e| e.to_string())?;
    let value = Bytes::from(holder.to_owned());
    match current {
        Some(entry) if entry.operation == kv::Operation::Put => {
            let named = String::from_utf8_lossy(&entry.value).into_owned();
            if named != holder {
                return Ok(Attempt::HeldBy(named));
            }
            // Our own name: this instance restarted before its lease expired.
            match bucket.update(stage, value, entry.revision).await {
                Ok(revision) => Ok(Attempt::Taken(revision)),
                Err(e) if e.kind() == kv::UpdateErrorKind::WrongLastRevision => {
                    Ok(Attempt::HeldBy(named))
                }
                Err(e) => Err(e.to_string()),
            }
        }
        _ => match bucket.create(stage, value).await {
            Ok(revision) => Ok(Attempt::Taken(revision)),
            Err(e) if e.kind() == kv::CreateErrorKind::AlreadyExists => {
                Ok(Attempt::HeldBy("another instance".to_owned()))
            }
            Err(e) => Err(e.to_string()),
        },
    }
}

/// Waits until this instance holds `stage`'s lease; `None` if shutdown is asked for first. Standing by, it
/// polls every quarter of the lease's lifetime, or every second if that is sooner.
pub async fn acquire(
    pipeline: &Pipeline,
    stage: &str,
    args: &LeaseArgs,
    shutdown: &mut Shutdown,
) -> Option<HeldLease> {
    let lifetime = args.lifetime();
    let holder = args.holder();
    // Often enough that a released lease is taken within a second, whatever its lifetime.
    let poll = (lifetime / 4).clamp(Duration::from_millis(100), Duration::from_secs(1));
    let mut bucket = None;
    let mut told = None;
    loop {
        if bucket.is_none() {
            match within(
                "declaring the leases bucket",
                leases_bucket(pipeline, lifetime),
            )
            .await
            {
                Ok(declared) => bucket = Some(declared),
                Err(error) => tracing::warn!(stage, %error, "leases bucket not declared; retrying"),
            }
        }
        if let Some(store) = &bucket {
            match within("taking the lease", try_take(store, stage, &holder)).await {
                Ok(Attempt::Taken(revision)) => {
                    tracing::info!(stage, holder = %holder, "lease taken: this instance is the active one");
                    metrics::gauge!("dateline_lease_held", "stage" => stage.to_owned()).set(1.0);
                    return Some(hold(
                        store.clone(),
                        stage,
                        holder,
                        revision,
                        lifetime,
                        shutdown.clone(),
                    ));
                }
                Ok(Attempt::HeldBy(other)) => {
                    if told.as_ref() != Some(&other) {
                        tracing::info!(stage, holder = %other, "standing by: another instance holds the lease");
                        told = Some(other);
                    }
                }
                Err(error) => tracing::warn!(stage, %error, "lease not read; retrying"),
            }
        }
        tokio::select! {
            _ = shutdown.wait() => return None,
            _ = tokio::time::sleep(poll) => {}
        }
    }
}

fn hold(
    bucket: kv::Store,
    stage: &str,
    holder: String,
    revision: u64,
    lifetime: Duration,
    shutdown: Shutdown,
) -> HeldLease {
    let check = LeaseCheck {
        state: Arc::new(Mutex::new(State {
            revision,
            renewed: Instant::now(),
            lost: false,
        })),
        lifetime,
    };
    let (trigger, stage_shutdown) = Shutdown::new();
    let renewer = tokio::spawn(renew(
        bucket.clone(),
        stage.to_owned(),
        holder.clone(),
        check.clone(),
        shutdown,
        trigger,
    ));
    HeldLease {
        bucket,
        stage: stage.to_owned(),
        holder,
        check,
        stage_shutdown,
        renewer,
    }
}

/// Renews the lease every quarter of its lifetime until it is lost or the holder drops it, and passes the
/// process's shutdown on to the stage. Renewals go on through shutdown: the stage still holds the lease while
/// it finishes and acks the batch in hand.
async fn renew(
    bucket: kv::Store,
    stage: String,
    holder: String,
    check: LeaseCheck,
    mut shutdown: Shutdown,
    trigger: ShutdownTrigger,
) {
    let every = (check.lifetime / 4).max(Duration::from_millis(100));
    let mut passed_on = false;
    loop {
        tokio::select! {
            _ = shutdown.wait(), if !passed_on => {
                trigger.trigger();
                passed_on = true;
                continue;
            }
            _ = tokio::time::sleep(every) => {}
        }
        let revision = check.state().revision;
        let sent = Instant::now();
        let renewed = tokio::time::timeout(
            every,
            bucket.update(&stage, Bytes::from(holder.clone()), revision),
        )
        .await;
        let failure = match renewed {
            Ok(Ok(revision)) => {
                let mut state = check.state();
                state.revision = revision;
                state.renewed = sent;
                continue;
            }
            Ok(Err(e)) if e.kind() == kv::UpdateErrorKind::WrongLastRevision => {
                // A renewal whose acknowledgement was lost still names us: carry on from its revision.
                match bucket.entry(&stage).await {
                    Ok(Some(entry))
                        if entry.operation == kv::Operation::Put
                            && entry.value.as_ref() == holder.as_bytes() =>
                    {
                        check.state().revision = entry.revision;
                        continue;
                    }
                    Ok(_) => None,
                    Err(e) => Some(e.to_string()),
                }
            }
            Ok(Err(e)) => Some(e.to_string()),
            Err(_) => Some(format!("no answer within {every:?}")),
        };
        let expired = check.state().renewed.elapsed() >= check.lifetime;
        match failure {
            Some(reason) if !expired => {
                tracing::warn!(stage = %stage, %reason, "lease not renewed; retrying");
                continue;
            }
            Some(reason) => {
                tracing::warn!(stage = %stage, %reason, "lease expired unrenewed; standing down")
            }
            None => {
                tracing::warn!(stage = %stage, "lease taken over by another instance; standing down")
            }
        }
        check.state().lost = true;
        metrics::gauge!("dateline_lease_held", "stage" => stage.clone()).set(0.0);
        trigger.trigger();
        return;
    }
}
