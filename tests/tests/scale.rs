//! Scale-out: extractors share one durable consumer, so adding an instance never doubles work: two
//! instances draining a backlog make exactly the events one makes. How much faster two are is a throughput
//! figure, measured with `dateline bench --extractors 2`; a test asserting a speed-up on a shared 2-core
//! machine only measures the machine's load.

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
    anyhow::ensure!(
        produced == expected,
        "{extractors} extractor(s) made {produced} events where extraction yields {expected}"
    );
    trigger.trigger();
    for task in tasks {
        task.await??;
    }
    Ok((took, produced))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_extractors_share_a_backlog_and_make_every_event_once() -> anyhow::Result<()> {
    let (one, by_one) = drain(1).await?;
    let (two, by_two) = drain(2).await?;
    eprintln!("one extractor {one:?}, two {two:?} (informative only; see `dateline bench`)");
    assert_eq!(
        by_one, by_two,
        "two extractors made {by_two} events where one made {by_one}"
    );
    Ok(())
}
