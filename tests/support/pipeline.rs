//! The real extractor and aggregator stages running in-process against a test's nats-server.

use std::time::Duration;

use dateline_ingest::publish::Publisher;
use dateline_shared::lease::LeaseArgs;
use dateline_shared::nats::NatsArgs;
use dateline_shared::shutdown::{Shutdown, ShutdownTrigger};
use dateline_shared::stage::{Pipeline, StageArgs};
use dateline_shared::{Names, Story};

use crate::{stories_in_bucket, NatsServer};

pub struct RunningPipeline {
    pub js: async_nats::jetstream::Context,
    pub names: Names,
    pub pipeline: Pipeline,
    trigger: ShutdownTrigger,
    tasks: Vec<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

/// Stage settings for tests: a short ack wait so that a crashed stage's messages come back quickly.
pub fn test_stage_args() -> StageArgs {
    StageArgs {
        ack_wait_secs: 3,
        max_deliver: 3,
        ..StageArgs::default()
    }
}

/// Connects to the test's server and declares the pipeline, without starting any stage.
pub async fn connect(server: &NatsServer) -> anyhow::Result<Pipeline> {
    connect_with(&NatsArgs::for_url(&server.url())).await
}

/// Connects as a service would with these settings (several URLs, replicas, credentials) and declares the
/// pipeline. Declaring is retried for a while, as the services retry their set-up: a cluster that has just
/// formed may not yet have every node ready to hold a replica.
pub async fn connect_with(nats: &NatsArgs) -> anyhow::Result<Pipeline> {
    let (_client, pipeline) = nats.pipeline("dateline-test", test_stage_args()).await?;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        match pipeline.declare().await {
            Ok(_) => break,
            Err(e) if tokio::time::Instant::now() > deadline => {
                anyhow::bail!("declaring the pipeline for 30 s: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    Ok(pipeline)
}

impl RunningPipeline {
    /// One extractor and one aggregator.
    pub async fn start(server: &NatsServer) -> anyhow::Result<Self> {
        Self::with_extractors(server, 1).await
    }

    pub async fn with_extractors(server: &NatsServer, extractors: usize) -> anyhow::Result<Self> {
        Self::with_args(&NatsArgs::for_url(&server.url()), extractors).await
    }

    /// The stages connected with `nats` (e.g. a cluster's URLs and three replicas).
    pub async fn with_args(nats: &NatsArgs, extractors: usize) -> anyhow::Result<Self> {
        let pipeline = connect_with(nats).await?;
        let (trigger, shutdown) = Shutdown::new();
        let mut tasks = Vec::new();
        for _ in 0..extractors {
            tasks.push(spawn_extractor(pipeline.clone(), shutdown.clone()));
        }
        tasks.push(spawn_aggregator(pipeline.clone(), shutdown));
        Ok(Self {
            js: pipeline.js.clone(),
            names: pipeline.names.clone(),
            pipeline,
            trigger,
            tasks,
        })
    }

    pub fn publisher(&self) -> Publisher {
        Publisher::new(self.js.clone(), self.names.clone())
    }

    pub async fn stories(&self) -> Vec<Story> {
        stories_in_bucket(&self.js, &self.names.stories_bucket())
            .await
            .unwrap_or_default()
    }

    /// Stops the stages the way SIGTERM would and checks they exit cleanly.
    pub async fn stop(self) -> anyhow::Result<()> {
        self.trigger.trigger();
        for task in self.tasks {
            tokio::time::timeout(Duration::from_secs(20), task).await???;
        }
        Ok(())
    }
}

pub fn spawn_extractor(
    pipeline: Pipeline,
    shutdown: Shutdown,
) -> tokio::task::JoinHandle<anyhow::Result<()>> {
    let lexicon = std::sync::Arc::new(dateline_extractor::Lexicon::builtin().clone());
    tokio::spawn(async move {
        dateline_extractor::service::run(pipeline, lexicon, shutdown).await?;
        Ok(())
    })
}

pub fn spawn_aggregator(
    pipeline: Pipeline,
    shutdown: Shutdown,
) -> tokio::task::JoinHandle<anyhow::Result<()>> {
    spawn_aggregator_as(pipeline, LeaseArgs::default(), shutdown)
}

/// An aggregator instance under its own name and lease lifetime (instances of one process share the default
/// name, and so one lease).
pub fn spawn_aggregator_as(
    pipeline: Pipeline,
    lease: LeaseArgs,
    shutdown: Shutdown,
) -> tokio::task::JoinHandle<anyhow::Result<()>> {
    tokio::spawn(async move {
        dateline_aggregator::service::run(pipeline, lease, shutdown).await?;
        Ok(())
    })
}

/// One partition of a partitioned aggregator (see `dateline_aggregator::partitioned`), under its own lease.
pub fn spawn_partition(
    pipeline: Pipeline,
    partition: dateline_aggregator::ownership::Partition,
    lease: LeaseArgs,
    shutdown: Shutdown,
) -> tokio::task::JoinHandle<anyhow::Result<()>> {
    tokio::spawn(async move {
        dateline_aggregator::partitioned::run(pipeline, partition, lease, shutdown).await?;
        Ok(())
    })
}

/// The stories a single desk makes of the events stream as it stands, applied in stream order with nothing
/// stored: what any aggregator deployment over that stream must end with, story ids and revisions included.
pub async fn stories_of_stream(pipeline: &Pipeline) -> anyhow::Result<Vec<Story>> {
    use async_nats::jetstream::consumer::{pull, DeliverPolicy};
    use futures::StreamExt;
    let mut stream = pipeline
        .js
        .get_stream(pipeline.names.events_stream())
        .await?;
    let last = stream.info().await?.state.last_sequence;
    let mut desk = dateline_aggregator::Desk::new();
    let mut closed = Vec::new();
    if last > 0 {
        let mut messages = stream
            .create_consumer(pull::OrderedConfig {
                deliver_policy: DeliverPolicy::All,
                ..Default::default()
            })
            .await?
            .messages()
            .await?;
        let now = chrono::Utc::now();
        while let Some(message) = messages.next().await {
            let message = message?;
            let sequence = message
                .info()
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .stream_sequence;
            // Poison is skipped, as every aggregator skips it.
            let incoming = dateline_aggregator::service::Incoming::from_message(&message);
            let _ = dateline_aggregator::service::apply_message(
                &mut desk,
                &pipeline.names,
                &incoming,
                now,
            );
            closed.extend(desk.take_closed());
            if sequence >= last {
                break;
            }
        }
    }
    let mut stories: Vec<Story> = desk.stories().cloned().chain(closed).collect();
    stories.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(stories)
}

/// A story state reduced to what must match between a faulty and a fault-free run: every event's kind,
/// status, actors, date and place, and exactly which reports support it. Story and event ids are left out:
/// they follow processing order, which faults may change.
pub fn fingerprint(stories: &[Story]) -> Vec<String> {
    let mut lines: Vec<String> = stories
        .iter()
        .flat_map(|s| s.events.iter())
        .map(|e| {
            let mut actors: Vec<&str> = e.actors.iter().map(|a| a.id.as_str()).collect();
            actors.sort_unstable();
            let mut reports: Vec<&str> = e.sources.iter().map(|r| r.event_id.as_str()).collect();
            reports.sort_unstable();
            format!(
                "{} {} {:?} {:?} {:?} reports={:?}",
                e.kind,
                e.status.as_str(),
                actors,
                e.time.as_ref().and_then(|t| t.date).map(|d| d.to_string()),
                e.place.as_ref().map(|p| p.name.as_str()),
                reports
            )
        })
        .collect();
    lines.sort();
    lines
}

/// Waits up to two minutes for the stories bucket to hold `expected` reports; the stories then, or how many
/// reports it held at the deadline.
pub async fn wait_for_reports(
    js: &async_nats::jetstream::Context,
    bucket: &str,
    expected: usize,
) -> Result<Vec<Story>, usize> {
    let waited = crate::wait_for(Duration::from_secs(120), || async {
        let stories = stories_in_bucket(js, bucket).await.ok()?;
        (report_count(&stories) >= expected).then_some(stories)
    })
    .await;
    match waited {
        Ok(stories) => Ok(stories),
        Err(_) => Err(report_count(
            &stories_in_bucket(js, bucket).await.unwrap_or_default(),
        )),
    }
}

/// How many reports extraction makes of these articles: what the stories must hold in the end.
pub fn extracted_reports(articles: &[dateline_shared::Article]) -> usize {
    let lexicon = dateline_extractor::Lexicon::builtin();
    articles
        .iter()
        .map(|a| dateline_extractor::extract(a, lexicon).len())
        .sum()
}

/// How many reports the stories hold in all.
pub fn report_count(stories: &[Story]) -> usize {
    stories
        .iter()
        .flat_map(|s| s.events.iter())
        .map(|e| e.sources.count())
        .sum()
}

/// Reports held more than once, each with every story and event holding it: what a "reports doubled"
/// failure needs to show.
fn doubled_reports(stories: &[Story]) -> Vec<String> {
    let mut holders: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for story in stories {
        for event in &story.events {
            for source in &event.sources {
                holders
                    .entry(source.event_id.as_str())
                    .or_default()
                    .push(format!("{}/{}@r{}", story.id, event.id, story.revision));
            }
        }
    }
    holders
        .into_iter()
        .filter(|(_, held)| held.len() > 1)
        .map(|(report, held)| format!("{report} in {}", held.join(", ")))
        .collect()
}

/// The stories of a run under faults are those of a fault-free run: no report held twice, none missing,
/// the same events with the same support.
pub fn assert_same_stories(stories: &[Story], expected_reports: usize, expected: &[String]) {
    let doubled = doubled_reports(stories);
    assert!(
        doubled.is_empty(),
        "{} reports held more than once, e.g. {:?}",
        doubled.len(),
        &doubled[..doubled.len().min(5)]
    );
    assert_eq!(report_count(stories), expected_reports, "reports doubled");
    assert_eq!(fingerprint(stories), expected);
}

/// Where the pipeline stands, for a test's failure message: each consumer's pending and unacknowledged
/// messages, and the dead letters.
pub async fn progress(pipeline: &Pipeline) -> String {
    use async_nats::jetstream::consumer::pull::Config;
    let names = &pipeline.names;
    let mut out = Vec::new();
    for (stream, stage) in [
        (names.articles_stream(), "extractor"),
        (names.events_stream(), "aggregator"),
    ] {
        let info = async {
            let stream = pipeline.js.get_stream(&stream).await.ok()?;
            let mut consumer = stream
                .get_consumer::<Config>(&names.consumer(stage))
                .await
                .ok()?;
            let info = consumer.info().await.ok()?.clone();
            Some(format!(
                "{stage}: pending {} unacked {} redelivered {}",
                info.num_pending, info.num_ack_pending, info.num_redelivered
            ))
        };
        out.push(
            info.await
                .unwrap_or_else(|| format!("{stage}: no consumer")),
        );
    }
    let dead = crate::stream_messages(&pipeline.js, &names.dlq_stream()).await;
    out.push(format!("dead letters: {dead:?}"));
    out.join("; ")
}
