//! The loop every consuming stage runs: pull from a durable consumer, handle one message, ack only after the
//! handler's own output is acknowledged, and dead-letter what cannot be handled.
//!
//! Delivery contract: a handler returns `Ok` only once everything it published has been acknowledged by
//! JetStream, so a crash at any point leads to redelivery, never to loss; handlers are idempotent (their
//! outputs carry deterministic `Nats-Msg-Id`s), so redelivery never doubles anything.

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
pub const MAX_BATCH: usize = 256;

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
    #[arg(long, env = "DATELINE_MAX_ACK_PENDING", default_value_t = 1024)]
    pub max_ack_pending: i64,
}

impl Default for StageArgs {
    fn default() -> Self {
        Self {
            ack_wait_secs: 30,
            max_deliver: 5,
            max_ack_pending: 1024,
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

/// Pulls and handles messages, a batch at a time, until shutdown. The batch in hand is always finished (every
/// message acked, nak'd or dead-lettered) before the loop checks for shutdown again.
pub async fn run<H: Handler>(
    pipeline: &Pipeline,
    spec: &ConsumerSpec,
    mut shutdown: Shutdown,
    handler: &mut H,
) -> Result<(), StageError> {
    let (js, names) = (&pipeline.js, &pipeline.names);
    // The server may be restarting or failing over, at start-up as later: the stage keeps trying to bind,
    // logging why, until it succeeds or is asked to stop (and `/readyz` says not ready meanwhile).
    let mut backoff = Duration::from_millis(100);
    let mut consumer = loop {
        match spec.bind(js).await {
            Ok(consumer) => break consumer,
            Err(error) => {
                tracing::warn!(stage = spec.stage, %error, "cannot bind consumer yet; retrying")
            }
        }
        tokio::select! {
            _ = shutdown.wait() => return Ok(()),
            _ = tokio::time::sleep(backoff) => {}
        }
        backoff = (backoff * 2).min(Duration::from_secs(5));
    };
    pipeline.readiness.set_ready();
    tracing::info!(stage = spec.stage, consumer = %spec.durable, "stage running");
    'bound: loop {
        let pulled = consumer
            .stream()
            .max_messages_per_batch(MAX_BATCH)
            .heartbeat(Duration::from_secs(5))
            .expires(Duration::from_secs(30))
            .messages()
            .await;
        match pulled {
            Ok(mut messages) => {
                let mut errors_in_a_row = 0;
                let mut batch = Vec::with_capacity(MAX_BATCH);
                loop {
                    let next = tokio::select! {
                        biased;
                        _ = shutdown.wait() => break 'bound,
                        next = messages.next() => next,
                    };
                    // Whatever else is already delivered joins the batch; waiting for more would add latency.
                    let mut pending = next;
                    let mut stream_ended = false;
                    loop {
                        match pending {
                            Some(Ok(message)) => batch.push(message),
                            Some(Err(error)) => {
                                tracing::warn!(stage = spec.stage, %error, "pull interrupted");
                                metrics::counter!("dateline_pull_errors_total", "stage" => spec.stage)
                                    .increment(1);
                                errors_in_a_row += 1;
                                break;
                            }
                            None => {
                                stream_ended = true;
                                break;
                            }
                        }
                        if batch.len() >= MAX_BATCH {
                            break;
                        }
                        match messages.next().now_or_never() {
                            Some(next) => pending = next,
                            None => break,
                        }
                    }
                    if !batch.is_empty() {
                        errors_in_a_row = 0;
                        backoff = Duration::from_millis(100);
                        let results = handler.handle_batch(&batch).await;
                        finish_batch(js, names, spec, std::mem::take(&mut batch), results).await;
                    }
                    if stream_ended || errors_in_a_row >= 3 {
                        break;
                    }
                }
                tracing::warn!(
                    stage = spec.stage,
                    "pull stream lost; re-binding the consumer"
                );
            }
            Err(error) => tracing::warn!(stage = spec.stage, %error, "cannot pull; retrying"),
        }
        tokio::select! {
            _ = shutdown.wait() => break 'bound,
            _ = tokio::time::sleep(backoff) => {}
        }
        backoff = (backoff * 2).min(Duration::from_secs(5));
        match spec.bind(js).await {
            Ok(rebound) => consumer = rebound,
            Err(error) => tracing::warn!(stage = spec.stage, %error, "re-binding failed; retrying"),
        }
    }
    tracing::info!(stage = spec.stage, "stage stopped: no longer pulling");
    Ok(())
}

/// Finishes every message of a batch, concurrently: one round trip for all the acks, not one each.
async fn finish_batch(
    js: &jetstream::Context,
    names: &Names,
    spec: &ConsumerSpec,
    batch: Vec<Message>,
    results: Vec<Result<(), HandleError>>,
) {
    let mut results = results.into_iter();
    let finishing = batch.into_iter().map(|message| {
        // A handler that returned too few results has not vouched for the rest: they are retried.
        let result = results.next().unwrap_or_else(|| {
            Err(HandleError::Transient(
                "handler returned no result for this message".to_owned(),
            ))
        });
        let deliveries = message.info().map(|i| i.delivered).unwrap_or(1);
        finish(js, names, spec, message, deliveries, result)
    });
    futures::future::join_all(finishing).await;
}

async fn finish(
    js: &jetstream::Context,
    names: &Names,
    spec: &ConsumerSpec,
    message: Message,
    deliveries: i64,
    result: Result<(), HandleError>,
) {
    let stage = spec.stage;
    match result {
        Ok(()) => {
            if let Err(error) = message.double_ack().await {
                // The work is done and its output deduplicated: a redelivery will be a no-op.
                tracing::warn!(stage, %error, "ack not confirmed; the message may be redelivered");
            }
        }
        Err(HandleError::Transient(reason)) if deliveries < spec.max_deliver => {
            tracing::warn!(stage, deliveries, %reason, "will retry");
            metrics::counter!("dateline_retries_total", "stage" => stage).increment(1);
            let delay = Duration::from_millis(250 * 2u64.pow(deliveries.clamp(0, 6) as u32));
            let _ = message.ack_with(AckKind::Nak(Some(delay))).await;
        }
        Err(error) => {
            let reason = error.to_string();
            tracing::error!(stage, deliveries, %reason, subject = %message.subject, "dead-lettering message");
            match dead_letter(js, names, stage, &message, &reason, deliveries).await {
                Ok(()) => {
                    metrics::counter!("dateline_dead_letters_total", "stage" => stage).increment(1);
                    let _ = message.ack_with(AckKind::Term).await;
                }
                Err(error) => {
                    // Not safely parked: leave it to redelivery rather than lose it.
                    tracing::error!(stage, %error, "dead-letter publish failed; message will be redelivered");
                    let _ = message
                        .ack_with(AckKind::Nak(Some(Duration::from_secs(5))))
                        .await;
                }
            }
        }
    }
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
    js.publish_with_headers(names.dlq_subject(stage), headers, message.payload.clone())
        .await
        .map_err(|e| e.to_string())?
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

fn message_id(headers: &Option<HeaderMap>) -> Option<String> {
    headers
        .as_ref()?
        .get("Nats-Msg-Id")
        .map(|v| v.as_str().to_owned())
}

/// Waits until the extractor's and the aggregator's consumers have nothing pending or unacknowledged, twice in
/// a row (so the extractor's last events have reached the aggregator's consumer too), polling every `poll`.
/// Gives up after `deadline`.
pub async fn wait_caught_up(
    js: &jetstream::Context,
    names: &Names,
    poll: Duration,
    deadline: Duration,
) -> Result<(), StageError> {
    let stages = [
        (names.articles_stream(), names.consumer("extractor")),
        (names.events_stream(), names.consumer("aggregator")),
    ];
    let give_up = tokio::time::Instant::now() + deadline;
    let mut idle_checks = 0;
    loop {
        let mut idle = true;
        for (stream, consumer) in &stages {
            let info = async {
                let stream = js.get_stream(stream).await.ok()?;
                let mut consumer = stream.get_consumer::<pull::Config>(consumer).await.ok()?;
                consumer
                    .info()
                    .await
                    .ok()
                    .map(|i| (i.num_pending, i.num_ack_pending))
            };
            // A consumer not bound yet (or not reachable) is not idle.
            idle &= info.await == Some((0, 0));
        }
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
