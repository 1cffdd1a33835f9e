//! How a stage gathers its batches, against a real nats-server: a backlog is taken in big batches (that is
//! what lets the aggregator write a hot story once per many reports), never bigger than the limit, each
//! message once; a trickle is handled at once, however long the linger for a backlog.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use async_nats::jetstream::Message;
use dateline_shared::shutdown::{Shutdown, ShutdownTrigger};
use dateline_shared::stage::{self, HandleError, Handler, StageArgs, LINGER_FROM, MAX_BATCH};
use dateline_tests::{pipeline, wait_for, NatsServer};

/// Records the payload of every message of every batch it is handed.
#[derive(Clone, Default)]
struct Recorder {
    batches: Arc<Mutex<Vec<Vec<String>>>>,
}

impl Recorder {
    fn batches(&self) -> Vec<Vec<String>> {
        self.batches.lock().map(|b| b.clone()).unwrap_or_default()
    }

    fn handled(&self) -> usize {
        self.batches().iter().map(Vec::len).sum()
    }
}

impl Handler for Recorder {
    async fn handle_batch(&mut self, messages: &[Message]) -> Vec<Result<(), HandleError>> {
        let payloads = messages
            .iter()
            .map(|m| String::from_utf8_lossy(&m.payload).into_owned())
            .collect();
        if let Ok(mut batches) = self.batches.lock() {
            batches.push(payloads);
        }
        messages.iter().map(|_| Ok(())).collect()
    }
}

/// Runs a stage over the articles stream with `linger`, handing its batches to a recorder.
async fn run_stage(
    server: &NatsServer,
    linger: Duration,
) -> anyhow::Result<(
    dateline_shared::stage::Pipeline,
    Recorder,
    ShutdownTrigger,
    tokio::task::JoinHandle<Result<(), stage::StageError>>,
)> {
    let mut pipeline = pipeline::connect(server).await?;
    pipeline.stage = StageArgs {
        batch_linger_ms: u64::try_from(linger.as_millis())?,
        ..pipeline.stage
    };
    let spec = pipeline.consumer("batching", pipeline.names.articles_stream(), String::new());
    let recorder = Recorder::default();
    let (stop, shutdown) = Shutdown::new();
    let task = tokio::spawn({
        let (pipeline, mut recorder) = (pipeline.clone(), recorder.clone());
        async move { stage::run(&pipeline, &spec, shutdown, &mut recorder).await }
    });
    Ok((pipeline, recorder, stop, task))
}

async fn publish(
    pipeline: &dateline_shared::stage::Pipeline,
    range: std::ops::Range<usize>,
) -> anyhow::Result<()> {
    let subject = pipeline.names.article_subject(Some("Batching Wire"));
    let mut acks = Vec::new();
    for n in range {
        acks.push(
            pipeline
                .js
                .publish(subject.clone(), format!("m{n}").into())
                .await?,
        );
    }
    for ack in acks {
        ack.await?;
    }
    Ok(())
}

#[tokio::test]
async fn a_backlog_is_taken_in_big_batches_each_message_once() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let backlog = 3 * MAX_BATCH;
    let publisher = pipeline::connect(&server).await?;
    publish(&publisher, 0..backlog).await?;

    let (_pipeline, recorder, stop, task) = run_stage(&server, Duration::from_millis(200)).await?;
    wait_for(Duration::from_secs(60), || async {
        (recorder.handled() >= backlog).then_some(())
    })
    .await
    .with_context(|| format!("{} of {backlog} handled", recorder.handled()))?;
    stop.trigger();
    task.await??;

    let batches = recorder.batches();
    let mut seen: Vec<String> = batches.iter().flatten().cloned().collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), backlog, "every message handled exactly once");
    assert!(
        batches.iter().all(|b| b.len() <= MAX_BATCH),
        "no batch over {MAX_BATCH}: {:?}",
        batches.iter().map(Vec::len).collect::<Vec<_>>()
    );
    // Lingering fills the batches: the backlog goes in a handful of batches, not hundreds of small ones.
    assert!(
        batches.len() <= 8,
        "{backlog} messages took {} batches: {:?}",
        batches.len(),
        batches.iter().map(Vec::len).collect::<Vec<_>>()
    );
    Ok(())
}

#[tokio::test]
async fn a_trickle_is_handled_at_once_whatever_the_linger() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    // A linger far longer than the deadlines below: a message arriving alone must not wait for it.
    let (pipeline, recorder, stop, task) = run_stage(&server, Duration::from_secs(60)).await?;
    for n in 0..5 {
        publish(&pipeline, n..n + 1).await?;
        wait_for(Duration::from_secs(10), || async {
            (recorder.handled() > n).then_some(())
        })
        .await
        .with_context(|| format!("message {n} of a trickle was kept waiting"))?;
    }
    stop.trigger();
    task.await??;
    assert!(recorder.batches().iter().all(|b| b.len() < LINGER_FROM));
    Ok(())
}
