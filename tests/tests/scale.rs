//! Scale-out: extractors share one durable consumer, so adding an instance adds throughput without doubling
//! work. Measured as a ratio of backlog drain times (one extractor vs two) on the same machine, not as an
//! absolute time.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use dateline_ingest::publish::Publisher;
use dateline_shared::shutdown::Shutdown;
use dateline_tests::pipeline::{connect, spawn_extractor};
use dateline_tests::{wait_for_stream_messages, NatsServer};

/// Time for `extractors` instances to turn a backlog of articles into events.
async fn drain(extractors: usize) -> anyhow::Result<(Duration, u64)> {
    let server = NatsServer::start()?;
    let pipeline = connect(&server).await?;
    let start = NaiveDate::from_ymd_opt(2024, 9, 2).unwrap_or_default();
    let articles = dateline_ingest::synthetic::articles(5, 3_000, 500, start);
    let publisher = Publisher::new(pipeline.js.clone(), pipeline.names.clone());
    for result in publisher.publish_all(&articles).await {
        result?;
    }
    let lexicon = dateline_extractor::Lexicon::builtin();
    let expected: u64 = articles
        .iter()
        .map(|a| dateline_extractor::extract(a, lexicon).len() as u64)
        .sum();

    let (trigger, shutdown) = Shutdown::new();
    let began = Instant::now();
    let tasks: Vec<_> = (0..extractors)
        .map(|_| spawn_extractor(pipeline.clone(), shutdown.clone()))
        .collect();
    let produced = wait_for_stream_messages(
        &pipeline.js,
        &pipeline.names.events_stream(),
        Duration::from_secs(120),
        |messages| messages >= expected,
    )
    .await?;
    let took = began.elapsed();
    trigger.trigger();
    for task in tasks {
        task.await??;
    }
    Ok((took, produced))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_extractors_drain_a_backlog_faster_than_one() -> anyhow::Result<()> {
    // Best of two runs each, alternated, as benchmarks do: a stray process on a shared machine slows one
    // run, not both.
    let mut one = Duration::MAX;
    let mut two = Duration::MAX;
    let mut produced = Vec::new();
    for _ in 0..2 {
        let (took, events) = drain(1).await?;
        one = one.min(took);
        produced.push(events);
        let (took, events) = drain(2).await?;
        two = two.min(took);
        produced.push(events);
    }
    // Sharing the consumer never doubles work: every event once, whatever the number of instances.
    produced.dedup();
    assert_eq!(
        produced.len(),
        1,
        "runs produced different event counts: {produced:?}"
    );
    let speedup = one.as_secs_f64() / two.as_secs_f64();
    eprintln!("one extractor {one:?}, two {two:?}: speed-up {speedup:.2}");
    assert!(
        speedup > 1.15,
        "two extractors were not faster: {one:?} vs {two:?}"
    );
    Ok(())
}
