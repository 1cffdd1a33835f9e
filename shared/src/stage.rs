//! The loop every consuming stage runs: pull from a durable consumer, handle one message, ack only after the
//! handler's own output is acknowledged, and dead-letter what cannot be handled.
//!
//! Delivery contract: a handler returns `Ok` only once everything it published has been acknowledged by
//! JetStream, so a crash at any point leads to redelivery, never to loss; handlers are idempotent (their
//! outputs carry deterministic `Nats-Msg-Id`s), so redelivery never doubles anything.

use std::future::Future;
use std::time::Duration;

use async_nats::jetstream::consumer::{pull, AckPolicy, Consumer, DeliverPolicy};
use async_nats::jetstream::message::AckKind;
use async_nats::jetstream::{self, Message};
use async_nats::HeaderMap;
use futures::{FutureExt, StreamExt};

use crate::headers;
use crate::shutdown::Shutdown;
use crate::subjects::Names;

/// Why a handler could not handle a message.
#[derive(Debug, thiserror::Error)]
pub enum HandleError {
    /// The message itself is bad (unparseable, rejected by validation): retrying cannot help.
    #[error("{0}")]
    Poison(String),
    /// Something outside the message failed (a publish timed out, NATS is restarting): retry later.
    #[error("{0}")]
    Transient(String),
}

#[derive(Debug, thiserror::Error)]
pub enum StageError {
    #[error("binding consumer {consumer} on stream {stream}: {reason}")]
    Consumer {
        stream: String,
        consumer: String,
        reason: String,
    },
    #[error("pulling messages from {consumer}: {reason}")]
    Pull { consumer: String, reason: String },
}

/// What a stage does with the messages it pulled.
///
/// Messages come in batches of whatever was already delivered (up to [`MAX_BATCH`]), so a handler can pipeline
/// its publishes and coalesce its writes; it returns one result per message, in order, and `Ok` means:
/// everything published for that message is acknowledged.
pub trait Handler {
    fn handle_batch(
        &mut self,
        messages: &[Message],
    ) -> impl std::future::Future<Output = Vec<Result<(), HandleError>>>;
}

/// The most messages handed to a handler at once, and the pull request size.
pub const MAX_BATCH: usize = 1024;

/// How a consuming stage treats its messages: retries, patience and backpressure.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct StageArgs {
    /// Seconds a message may stay unacknowledged before JetStream redelivers it.
    #[arg(long, env = "DATELINE_ACK_WAIT_SECS", default_value_t = 30)]
    pub ack_wait_secs: u64,
    /// Deliveries before a message is dead-lettered.
    #[arg(long, env = "DATELINE_MAX_DELIVER", default_value_t = 5)]
    pub max_deliver: i64,
    /// Unacknowledged messages allowed out to one stage at once (backpressure).
    #[arg(long, env = "DATELINE_MAX_ACK_PENDING", default_value_t = 2048)]
    pub max_ack_pending: i64,
    /// Milliseconds a batch that starts big (a backlog) waits for more messages to join it, up to the batch
    /// size. Bigger batches mean fewer writes (the aggregator writes each story a batch touches once); a
    /// batch of a few messages never waits. 0 takes only what is already delivered.
    #[arg(long, env = "DATELINE_BATCH_LINGER_MS", default_value_t = DEFAULT_BATCH_LINGER_MS)]
    pub batch_linger_ms: u64,
}

/// The default linger: long enough that a busy aggregator writes a hot story once per tens of its reports
/// rather than once per few.
pub const DEFAULT_BATCH_LINGER_MS: u64 = 15;

impl StageArgs {
    pub fn batch_linger(&self) -> Duration {
        Duration::from_millis(self.batch_linger_ms)
    }
}

impl Default for StageArgs {
    fn default() -> Self {
        Self {
            ack_wait_secs: 30,
            max_deliver: 5,
            max_ack_pending: 2048,
            batch_linger_ms: DEFAULT_BATCH_LINGER_MS,
        }
    }
}

/// Everything a stage needs to reach the pipeline: JetStream, the names, and the settings.
#[derive(Clone)]
pub struct Pipeline {
    pub js: jetstream::Context,
    pub names: Names,
    pub durability: crate::nats::Durability,
    pub stage: StageArgs,
    /// Set once the stage's consumer is bound; served on `/readyz`.
    pub readiness: crate::ops::Readiness,
}

impl Pipeline {
    /// Declares the streams and bucket (idempotently) and returns the stories bucket.
    pub async fn declare(
        &self,
    ) -> Result<async_nats::jetstream::kv::Store, crate::nats::NatsError> {
        crate::nats::declare_pipeline(&self.js, &self.names, self.durability).await
    }

    /// A consumer spec with this pipeline's stage settings.
    pub fn consumer(&self, stage: &'static str, stream: String, filter: String) -> ConsumerSpec {
        ConsumerSpec {
            stage,
            durable: self.names.consumer(stage),
            stream,
            filter,
            max_deliver: self.stage.max_deliver,
            ack_wait: Duration::from_secs(self.stage.ack_wait_secs),
            max_ack_pending: self.stage.max_ack_pending,
        }
    }
}

/// A stage's durable pull consumer, shared by all its instances.
#[derive(Debug, Clone)]
pub struct ConsumerSpec {
    pub stage: &'static str,
    pub stream: String,
    pub durable: String,
    pub filter: String,
    /// Attempts before a message is dead-lettered.
    pub max_deliver: i64,
    pub ack_wait: Duration,
    /// Backpressure: at most this many unacknowledged messages are out to this stage at once.
    pub max_ack_pending: i64,
}

impl ConsumerSpec {
    /// Creates the consumer, or binds to it and brings its settings up to date. Idempotent.
    pub async fn bind(
        &self,
        js: &jetstream::Context,
    ) -> Result<Consumer<pull::Config>, StageError> {
        let error = |reason: String| StageError::Consumer {
            stream: self.stream.clone(),
            consumer: self.durable.clone(),
            reason,
        };
        let stream = js
            .get_stream(&self.stream)
            .await
            .map_err(|e| error(e.to_string()))?;
        let config = pull::Config {
            durable_name: Some(self.durable.clone()),
            description: Some(format!("dateline {} stage", self.stage)),
            ack_policy: AckPolicy::Explicit,
            deliver_policy: DeliverPolicy::All,
            ack_wait: self.ack_wait,
            max_deliver: self.max_deliver,
            max_ack_pending: self.max_ack_pending,
            filter_subject: self.filter.clone(),
            ..Default::default()
        };
        match stream.get_consumer::<pull::Config>(&self.durable).await {
            Ok(_) => js
                .update_consumer_on_stream(config, &self.stream)
                .await
                .map_err(|e| error(e.to_string()))?,
            Err(_) => stream
                .create_consumer(config)
                .await
                .map_err(|e| error(e.to_string()))?,
        };
        stream
            .get_consumer(&self.durable)
            .await
            .map_err(|e| error(e.to_string()))
    }
}

/// The longest one exchange with NATS may take before a stage counts it as failed: a publish, an ack, a consumer
/// lookup. async-nats bounds its own requests (5 s for JetStream), but not the queueing in front of them: while
/// the client reconnects it stops draining its outgoing buffer, and a publish waits for room there for as long
/// as the outage lasts. Bounded, a stalled exchange becomes a transient failure and is retried.
pub const NATS_TIMEOUT: Duration = Duration::from_secs(10);

/// How long one attempt at a stage's set-up (declaring the streams, binding the consumer, loading state) may
/// take: several requests, each bounded by async-nats, but queued behind a reconnect like any other.
pub const SETUP_TIMEOUT: Duration = Duration::from_secs(30);

/// An exchange with NATS that did not finish within its bound.
#[derive(Debug, thiserror::Error)]
#[error("{what}: no answer from NATS within {after:?}")]
pub struct TimedOut {
    pub what: String,
    pub after: Duration,
}

/// Runs `future` for at most [`NATS_TIMEOUT`]; `what` names the exchange in the error.
pub async fn bounded<F: Future>(what: &str, future: F) -> Result<F::Output, TimedOut> {
    tokio::time::timeout(NATS_TIMEOUT, future)
        .await
        .map_err(|_| TimedOut {
            what: what.to_owned(),
            after: NATS_TIMEOUT,
        })
}

/// The wait between attempts at something that failed for reasons outside the stage (NATS restarting, a
/// leader election): 100 ms, doubling up to 5 s, so an outage costs neither a busy loop nor a long stall after
/// it ends.
#[derive(Debug)]
pub struct Backoff {
    next: Duration,
    max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self::up_to(Duration::from_secs(5))
    }
}

impl Backoff {
    const FIRST: Duration = Duration::from_millis(100);

    /// Doubling from 100 ms up to `max` (and never below the first step).
    pub fn up_to(max: Duration) -> Self {
        Self {
            next: Self::FIRST,
            max: max.max(Self::FIRST),
        }
    }

    /// Back to the shortest wait, after a success.
    pub fn reset(&mut self) {
        self.next = Self::FIRST;
    }

    /// Waits the current delay and doubles it; `false` if shutdown was asked for meanwhile.
    pub async fn wait(&mut self, shutdown: &mut Shutdown) -> bool {
        let delay = self.next.min(self.max);
        self.next = (self.next * 2).min(self.max);
        tokio::select! {
            _ = shutdown.wait() => false,
            _ = tokio::time::sleep(delay) => true,
        }
    }
}

/// Runs `attempt` until it succeeds, each attempt bounded by `limit`, logging every failure and backing off in
/// between; `None` if shutdown is asked for first.
///
/// For what a stage needs before it can work — streams declared, consumer bound, stored state loaded. NATS may
/// be starting, restarting or electing leaders, at start-up as later; giving up would only hand the same wait to
/// whatever restarts the process, and `/readyz` says "not ready" meanwhile.
pub async fn until_done<T, E, F, Fut>(
    shutdown: &mut Shutdown,
    stage: &'static str,
    what: &str,
    limit: Duration,
    mut attempt: F,
) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: std::fmt::Display,
{
    let mut backoff = Backoff::default();
    loop {
        let outcome = tokio::select! {
            biased;
            _ = shutdown.wait() => return None,
            outcome = tokio::time::timeout(limit, attempt()) => outcome,
        };
        match outcome {
            Ok(Ok(value)) => return Some(value),
            Ok(Err(error)) => tracing::warn!(stage, %error, "{what} failed; retrying"),
            Err(_) => tracing::warn!(stage, "{what}: no answer within {limit:?}; retrying"),
        }
        metrics::counter!("dateline_setup_retries_total", "stage" => stage).increment(1);
        if !backoff.wait(shutdown).await {
            return None;
        }
    }
}

/// Why a pull stream stopped yielding messages.
enum Pulled {
    /// Shutdown was asked for; the batch in hand is finished.
    Shutdown,
    /// The stream ended or reported an error: it must be replaced.
    Lost(String),
}

/// Pulls and handles messages, a batch at a time, until shutdown. The batch in hand is always finished (every
/// message acked, nak'd or dead-lettered) before the loop checks for shutdown again.
///
/// A pull stream that ends or reports any error (a missed heartbeat, a failed pull request, the consumer gone
/// after a restart, a leadership change) is dropped and the consumer bound afresh: the server-side pull request
/// lives only in the server's memory, so after a restart or failover a new one is the only sure way to get
/// messages flowing again, and binding also recreates a consumer the server lost.
pub async fn run<H: Handler>(
    pipeline: &Pipeline,
    spec: &ConsumerSpec,
    mut shutdown: Shutdown,
    handler: &mut H,
) -> Result<(), StageError> {
    let js = &pipeline.js;
    let Some(mut consumer) = bind(spec, js, &mut shutdown).await else {
        tracing::info!(stage = spec.stage, "stage stopped before it was bound");
        return Ok(());
    };
    pipeline.readiness.set_ready();
    tracing::info!(stage = spec.stage, consumer = %spec.durable, "stage running");
    let mut backoff = Backoff::default();
    loop {
        let opened = bounded(
            "opening the pull stream",
            consumer
                .stream()
                .max_messages_per_batch(MAX_BATCH)
                .heartbeat(PULL_HEARTBEAT)
                .expires(PULL_EXPIRES)
                .messages(),
        )
        .await;
        let reason = match opened {
            Ok(Ok(mut messages)) => {
                match pull(
                    &mut messages,
                    pipeline,
                    spec,
                    &mut shutdown,
                    handler,
                    &mut backoff,
                )
                .await
                {
                    Pulled::Shutdown => break,
                    Pulled::Lost(reason) => reason,
                }
            }
            Ok(Err(error)) => error.to_string(),
            Err(error) => error.to_string(),
        };
        tracing::warn!(stage = spec.stage, %reason, "pull stream lost; binding the consumer again");
        metrics::counter!("dateline_pull_errors_total", "stage" => spec.stage).increment(1);
        if !backoff.wait(&mut shutdown).await {
            break;
        }
        match bind(spec, js, &mut shutdown).await {
            Some(rebound) => consumer = rebound,
            None => break,
        }
    }
    tracing::info!(stage = spec.stage, "stage stopped: no longer pulling");
    Ok(())
}

/// Binds the stage's consumer, retrying until it is bound or shutdown is asked for.
async fn bind(
    spec: &ConsumerSpec,
    js: &jetstream::Context,
    shutdown: &mut Shutdown,
) -> Option<Consumer<pull::Config>> {
    until_done(
        shutdown,
        spec.stage,
        "binding the consumer",
        SETUP_TIMEOUT,
        || spec.bind(js),
    )
    .await
}

/// How often the server says "still here, nothing new" on an idle pull; two missed in a row and the stream is
/// counted lost, so a dead connection is noticed within ten seconds even when no messages flow.
const PULL_HEARTBEAT: Duration = Duration::from_secs(5);
/// How long one pull request stays open on the server before the client renews it.
const PULL_EXPIRES: Duration = Duration::from_secs(30);

/// A batch that finds at least this many messages already delivered is taken as a sign of load, and waits
/// for more: a trickle (one article's events, a few articles a second) is handled at once, so lingering
/// costs latency only when there is a backlog to catch up on.
pub const LINGER_FROM: usize = 32;

/// Lets more messages join a started batch, when it started big (see [`LINGER_FROM`]), until it is full or
/// `linger` has passed. Returns why the stream was lost, if it was. Shutdown is not watched here: the
/// linger is short, and the batch it gathers is handled to the end like any other.
async fn linger<S, E>(
    messages: &mut S,
    batch: &mut Vec<Message>,
    linger: Duration,
) -> Option<String>
where
    S: futures::Stream<Item = Result<Message, E>> + Unpin,
    E: std::fmt::Display,
{
    if linger.is_zero() || batch.len() < LINGER_FROM {
        return None;
    }
    let deadline = tokio::time::Instant::now() + linger;
    while batch.len() < MAX_BATCH {
        let Ok(next) = tokio::time::timeout_at(deadline, messages.next()).await else {
            return None;
        };
        if let Err(reason) = join(next, batch) {
            return Some(reason);
        }
    }
    None
}

/// What the stream yielded: a message joins the batch; an error or the stream's end is why it was lost.
fn join<E: std::fmt::Display>(
    next: Option<Result<Message, E>>,
    batch: &mut Vec<Message>,
) -> Result<(), String> {
    match next {
        Some(Ok(message)) => {
            batch.push(message);
            Ok(())
        }
        Some(Err(error)) => Err(error.to_string()),
        None => Err("the pull stream ended".to_owned()),
    }
}

/// The next batch from a stream of messages (a durable's pull stream or an ordered consumer's): waits for a
/// first message, takes whatever else is already delivered (up to [`MAX_BATCH`]), and lingers for more when
/// the batch started big. Returns the batch and, if the stream was lost meanwhile, why; `None` if shutdown was
/// asked for before the first message.
pub async fn next_batch<S, E>(
    messages: &mut S,
    shutdown: &mut Shutdown,
    linger_for: Duration,
) -> Option<(Vec<Message>, Option<String>)>
where
    S: futures::Stream<Item = Result<Message, E>> + Unpin,
    E: std::fmt::Display,
{
    let next = tokio::select! {
        biased;
        _ = shutdown.wait() => return None,
        next = messages.next() => next,
    };
    let mut batch = Vec::with_capacity(MAX_BATCH);
    // Whatever else is already delivered joins the batch; waiting for more would add latency.
    let mut pending = Some(next);
    let mut lost = None;
    while let Some(next) = pending.take() {
        if let Err(reason) = join(next, &mut batch) {
            lost = Some(reason);
            break;
        }
        if batch.len() < MAX_BATCH {
            pending = messages.next().now_or_never();
        }
    }
    if lost.is_none() {
        lost = linger(messages, &mut batch, linger_for).await;
    }
    Some((batch, lost))
}

/// Handles batches from one pull stream until it is lost or shutdown is asked for.
async fn pull<H: Handler>(
    messages: &mut pull::Stream,
    pipeline: &Pipeline,
    spec: &ConsumerSpec,
    shutdown: &mut Shutdown,
    handler: &mut H,
    backoff: &mut Backoff,
) -> Pulled {
    loop {
        let Some((batch, lost)) =
            next_batch(messages, shutdown, pipeline.stage.batch_linger()).await
        else {
            return Pulled::Shutdown;
        };
        if !batch.is_empty() {
            backoff.reset();
            handle(pipeline, spec, shutdown, handler, batch).await;
        }
        if let Some(reason) = lost {
            return Pulled::Lost(reason);
        }
    }
}

/// How long a stage keeps retrying, in place, the messages of a batch that failed for reasons outside them
/// before handing them back to JetStream. A nak counts a delivery against `max_deliver`, and an outage or a
/// leader election must not use up good messages' deliveries and send them to the dead-letter stream; a failure
/// that outlasts this is treated like any other transient one.
pub const HOLD_LIMIT: Duration = Duration::from_secs(30);

/// Handles one batch to the end: what succeeds is acked and what is poison dead-lettered at once; what failed
/// transiently is kept (JetStream told it is in progress, so its ack wait does not hand it to another instance)
/// and handed to the handler again after a backoff, until it succeeds, [`HOLD_LIMIT`] passes or shutdown is
/// asked for — then it is nak'd for a later redelivery. The handler sees the retried messages in their order.
async fn handle<H: Handler>(
    pipeline: &Pipeline,
    spec: &ConsumerSpec,
    shutdown: &mut Shutdown,
    handler: &mut H,
    mut batch: Vec<Message>,
) {
    let held_since = tokio::time::Instant::now();
    // Progress is reported at least twice per ack wait, so held messages never time out while we hold them.
    let mut backoff = Backoff::up_to(spec.ack_wait / 2);
    loop {
        tracing::debug!(
            stage = spec.stage,
            messages = batch.len(),
            "handling a batch"
        );
        let mut results = handler.handle_batch(&batch).await.into_iter();
        let mut done = Vec::with_capacity(batch.len());
        let mut again = Vec::new();
        let mut reason = None;
        for message in batch {
            // A handler that returned too few results has not vouched for the rest: they are retried.
            let result = results.next().unwrap_or_else(|| {
                Err(HandleError::Transient(
                    "handler returned no result for this message".to_owned(),
                ))
            });
            match result {
                Err(HandleError::Transient(why)) => {
                    reason.get_or_insert(why);
                    again.push(message);
                }
                result => done.push((message, result)),
            }
        }
        let give_up = held_since.elapsed() >= HOLD_LIMIT || shutdown.is_triggered();
        tracing::debug!(
            stage = spec.stage,
            done = done.len(),
            again = again.len(),
            "batch handled"
        );
        if give_up || again.is_empty() {
            let why = reason.unwrap_or_default();
            done.extend(
                again
                    .into_iter()
                    .map(|m| (m, Err(HandleError::Transient(why.clone())))),
            );
            finish_batch(&pipeline.js, &pipeline.names, spec, done).await;
            return;
        }
        finish_batch(&pipeline.js, &pipeline.names, spec, done).await;
        tracing::warn!(
            stage = spec.stage,
            messages = again.len(),
            reason = reason.as_deref().unwrap_or_default(),
            "batch failed for a reason outside its messages; retrying in place"
        );
        metrics::counter!("dateline_retries_in_place_total", "stage" => spec.stage)
            .increment(again.len() as u64);
        // Unconfirmed: if NATS is down this is lost, and the worst case is a redelivery, which is harmless.
        futures::future::join_all(
            again
                .iter()
                .map(|m| bounded("reporting progress", m.ack_with(AckKind::Progress))),
        )
        .await;
        if !backoff.wait(shutdown).await {
            // Shutdown: one last attempt decides, then everything is finished or nak'd above.
            tracing::info!(stage = spec.stage, "shutdown while retrying a batch");
        }
        batch = again;
    }
}

/// Finishes every message of a batch, concurrently.
async fn finish_batch(
    js: &jetstream::Context,
    names: &Names,
    spec: &ConsumerSpec,
    batch: Vec<(Message, Result<(), HandleError>)>,
) {
    let finishing = batch.into_iter().map(|(message, result)| {
        let deliveries = message.info().map(|i| i.delivered).unwrap_or(1);
        finish(js, names, spec, message, deliveries, result)
    });
    let unconfirmed: Vec<String> = futures::future::join_all(finishing)
        .await
        .into_iter()
        .flatten()
        .collect();
    if let Some(error) = unconfirmed.first() {
        // The work is done and its output deduplicated: a redelivery will be a no-op.
        tracing::warn!(
            stage = spec.stage,
            acks = unconfirmed.len(),
            %error,
            "acks not sent; those messages may be redelivered"
        );
    }
}

/// Acks, naks or dead-letters one message; returns why an ack could not be sent, if it could not.
async fn finish(
    js: &jetstream::Context,
    names: &Names,
    spec: &ConsumerSpec,
    message: Message,
    deliveries: i64,
    result: Result<(), HandleError>,
) -> Option<String> {
    let stage = spec.stage;
    match result {
        Ok(()) => {
            // A plain ack, not a confirmed one: the work is done and its output acknowledged, so an ack lost on
            // the way only means a redelivery, which deduplication makes a no-op. Waiting for the server to
            // confirm each ack would cost a reply per message on the stage's hottest path; the connection is
            // flushed before a service exits, so acks sent at shutdown still land.
            return match bounded("acknowledging", message.ack()).await {
                Ok(Ok(())) => None,
                Ok(Err(error)) => Some(error.to_string()),
                Err(error) => Some(error.to_string()),
            };
        }
        Err(HandleError::Transient(reason)) if deliveries < spec.max_deliver => {
            tracing::warn!(stage, deliveries, %reason, "will retry");
            metrics::counter!("dateline_retries_total", "stage" => stage).increment(1);
            let delay = Duration::from_millis(250 * 2u64.pow(deliveries.clamp(0, 6) as u32));
            // Unconfirmed either way: if the nak is lost, the ack wait brings the message back all the same.
            let _ = bounded("nak", message.ack_with(AckKind::Nak(Some(delay)))).await;
        }
        Err(error) => {
            let reason = error.to_string();
            tracing::error!(stage, deliveries, %reason, subject = %message.subject, "dead-lettering message");
            match dead_letter(js, names, stage, &message, &reason, deliveries).await {
                Ok(()) => {
                    metrics::counter!("dateline_dead_letters_total", "stage" => stage).increment(1);
                    let _ = bounded("term", message.ack_with(AckKind::Term)).await;
                }
                Err(error) => {
                    // Not safely parked: leave it to redelivery rather than lose it.
                    tracing::error!(stage, %error, "dead-letter publish failed; message will be redelivered");
                    let _ = bounded(
                        "nak",
                        message.ack_with(AckKind::Nak(Some(Duration::from_secs(5)))),
                    )
                    .await;
                }
            }
        }
    }
    None
}

/// Parks a message on `<prefix>.dlq.<stage>` with its original headers, the reason and the delivery count.
pub async fn dead_letter(
    js: &jetstream::Context,
    names: &Names,
    stage: &str,
    message: &Message,
    reason: &str,
    deliveries: i64,
) -> Result<(), String> {
    let mut headers = message.headers.clone().unwrap_or_default();
    let reason_line: String = reason
        .chars()
        .filter(|c| !c.is_control())
        .take(1000)
        .collect();
    headers.insert(headers::DLQ_REASON, reason_line.as_str());
    headers.insert(headers::DLQ_SUBJECT, message.subject.as_str());
    headers.insert(headers::DLQ_STAGE, stage);
    headers.insert(headers::DLQ_DELIVERIES, deliveries.to_string().as_str());
    if let Some(id) = message_id(&message.headers) {
        headers.insert("Nats-Msg-Id", format!("dlq:{stage}:{id}").as_str());
    }
    let subject = names.dlq_subject(stage);
    let published = bounded("publishing a dead letter", async {
        js.publish_with_headers(subject, headers, message.payload.clone())
            .await?
            .await
    })
    .await;
    match published {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(error)) => Err(error.to_string()),
        Err(error) => Err(error.to_string()),
    }
}

fn message_id(headers: &Option<HeaderMap>) -> Option<String> {
    headers
        .as_ref()?
        .get("Nats-Msg-Id")
        .map(|v| v.as_str().to_owned())
}

/// Waits until the extractor's and the aggregator's consumers have nothing pending or unacknowledged, twice in
/// a row (so the extractor's last events have reached the aggregator's consumer too), polling every `poll`.
/// Partitioned aggregators (see `dateline_aggregator::partitioned`) have no durable consumer: they are caught
/// up when every partition's checkpoint has reached the end of the events stream. Gives up after `deadline`.
pub async fn wait_caught_up(
    js: &jetstream::Context,
    names: &Names,
    poll: Duration,
    deadline: Duration,
) -> Result<(), StageError> {
    let give_up = tokio::time::Instant::now() + deadline;
    let mut idle_checks = 0;
    loop {
        let idle = consumer_idle(js, &names.articles_stream(), &names.consumer("extractor")).await
            && (consumer_idle(js, &names.events_stream(), &names.consumer("aggregator")).await
                || partitions_caught_up(js, names).await);
        idle_checks = if idle { idle_checks + 1 } else { 0 };
        if idle_checks >= 2 {
            return Ok(());
        }
        if tokio::time::Instant::now() > give_up {
            return Err(StageError::Pull {
                consumer: "extractor, aggregator".to_owned(),
                reason: format!("the pipeline did not catch up within {deadline:?}"),
            });
        }
        tokio::time::sleep(poll).await;
    }
}

/// Whether a durable consumer has nothing pending or unacknowledged; a consumer not bound yet (or not
/// reachable) is not idle.
async fn consumer_idle(js: &jetstream::Context, stream: &str, consumer: &str) -> bool {
    let info = async {
        let stream = js.get_stream(stream).await.ok()?;
        let mut consumer = stream.get_consumer::<pull::Config>(consumer).await.ok()?;
        consumer
            .info()
            .await
            .ok()
            .map(|i| (i.num_pending, i.num_ack_pending))
    };
    info.await == Some((0, 0))
}

/// Whether there are partition checkpoints ([`crate::checkpoint`]), all N of them, each at the events stream's
/// end.
async fn partitions_caught_up(js: &jetstream::Context, names: &Names) -> bool {
    let checked = async {
        let end = js
            .get_stream(names.events_stream())
            .await
            .ok()?
            .info()
            .await
            .ok()?
            .state
            .last_sequence;
        let bucket = js.get_key_value(names.partitions_bucket()).await.ok()?;
        let keys: Vec<String> = bucket
            .keys()
            .await
            .ok()?
            .filter_map(|k| async { k.ok() })
            .collect()
            .await;
        let count = crate::checkpoint::count_of(keys.first()?)?;
        if keys.len() != count as usize {
            return Some(false);
        }
        for key in &keys {
            let through = crate::checkpoint::parse(&bucket.get(key).await.ok()??)?;
            if through < end {
                return Some(false);
            }
        }
        Some(true)
    };
    checked.await == Some(true)
}
