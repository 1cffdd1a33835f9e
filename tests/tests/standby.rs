//! One active aggregator per prefix, the others standing by: the lease (`dateline_shared::lease`) against a
//! real nats-server. A clean shutdown hands the lease over at once; a holder whose lease is taken stops
//! working until it can take it back. (A crashed holder's lease expiring is a fault test, in `faults.rs`.)

use std::time::Duration;

use chrono::NaiveDate;
use dateline_ingest::publish::Publisher;
use dateline_shared::lease::{self, Holder, LeaseArgs};
use dateline_shared::ops::Readiness;
use dateline_shared::shutdown::Shutdown;
use dateline_shared::stage::Pipeline;
use dateline_shared::Article;
use dateline_tests::pipeline::{
    connect, extracted_reports, report_count, spawn_aggregator_as, spawn_extractor,
    wait_for_reports,
};
use dateline_tests::{wait_for, NatsServer};

fn articles(count: usize) -> Vec<Article> {
    let start = NaiveDate::from_ymd_opt(2024, 5, 6).unwrap_or_default();
    dateline_ingest::synthetic::articles(7, count, 4, start)
}

/// A pipeline handle with its own readiness, so each aggregator instance says whether it is the one working.
fn instance(pipeline: &Pipeline) -> Pipeline {
    Pipeline {
        readiness: Readiness::default(),
        ..pipeline.clone()
    }
}

fn lease(name: &str, secs: u64) -> LeaseArgs {
    LeaseArgs {
        instance: Some(name.to_owned()),
        lease_secs: secs,
    }
}

/// Waits until the stories hold `expected` reports, and no more.
async fn wait_for_reports_held(pipeline: &Pipeline, expected: usize) -> anyhow::Result<()> {
    let bucket = pipeline.names.stories_bucket();
    match wait_for_reports(&pipeline.js, &bucket, expected).await {
        Ok(stories) => {
            anyhow::ensure!(report_count(&stories) == expected, "reports doubled");
            Ok(())
        }
        Err(held) => anyhow::bail!("{held} of {expected} reports held"),
    }
}

async fn wait_ready(pipeline: &Pipeline, ready: bool) -> anyhow::Result<()> {
    wait_for(Duration::from_secs(20), || async {
        (pipeline.readiness.is_ready() == ready).then_some(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clean_shutdown_hands_the_lease_to_the_standby_at_once() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let pipeline = connect(&server).await?;
    let publisher = Publisher::new(pipeline.js.clone(), pipeline.names.clone());
    let corpus = articles(40);
    let (first_half, second_half) = corpus.split_at(20);
    let (_keep, shutdown) = Shutdown::new();
    let extractor = spawn_extractor(pipeline.clone(), shutdown.clone());

    // A lease far longer than the test: only a release lets the standby in.
    let (first_pipeline, second_pipeline) = (instance(&pipeline), instance(&pipeline));
    let (stop_first, first_shutdown) = Shutdown::new();
    let first = spawn_aggregator_as(first_pipeline.clone(), lease("first", 600), first_shutdown);
    wait_ready(&first_pipeline, true).await?;
    let second = spawn_aggregator_as(
        second_pipeline.clone(),
        lease("second", 600),
        shutdown.clone(),
    );
    for result in publisher.publish_all(first_half).await {
        result?;
    }
    wait_for_reports_held(&pipeline, extracted_reports(first_half)).await?;
    assert!(!second_pipeline.readiness.is_ready(), "the standby worked");

    stop_first.trigger();
    first.await??;
    assert_eq!(
        lease::holder(&pipeline, "aggregator").await,
        Some(Holder::Nobody),
        "a clean shutdown releases the lease"
    );
    wait_ready(&second_pipeline, true).await?;
    assert_eq!(
        lease::holder(&pipeline, "aggregator").await,
        Some(Holder::Instance("second".to_owned()))
    );
    // The new holder carries on from the stories the first one stored.
    for result in publisher.publish_all(second_half).await {
        result?;
    }
    wait_for_reports_held(&pipeline, extracted_reports(&corpus)).await?;

    _keep.trigger();
    second.await??;
    extractor.await??;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_holder_whose_lease_is_taken_stops_working_until_it_takes_it_back() -> anyhow::Result<()>
{
    let server = NatsServer::start()?;
    let pipeline = connect(&server).await?;
    let publisher = Publisher::new(pipeline.js.clone(), pipeline.names.clone());
    let corpus = articles(20);
    let (_keep, shutdown) = Shutdown::new();
    let extractor = spawn_extractor(pipeline.clone(), shutdown.clone());
    let holder = instance(&pipeline);
    let aggregator = spawn_aggregator_as(holder.clone(), lease("holder", 2), shutdown.clone());
    wait_ready(&holder, true).await?;

    // Another instance's name written over the holder's renewal, as a partitioned holder would find on its
    // return: the next renewal fails and the holder stands down.
    let leases = pipeline
        .js
        .get_key_value(pipeline.names.leases_bucket())
        .await?;
    leases.put("aggregator", "intruder".into()).await?;
    wait_ready(&holder, false).await?;
    // The intruder never renews, so its lease expires and the holder takes the lease back and works again.
    wait_ready(&holder, true).await?;
    assert_eq!(
        lease::holder(&pipeline, "aggregator").await,
        Some(Holder::Instance("holder".to_owned()))
    );
    for result in publisher.publish_all(&corpus).await {
        result?;
    }
    wait_for_reports_held(&pipeline, extracted_reports(&corpus)).await?;

    _keep.trigger();
    aggregator.await??;
    extractor.await??;
    Ok(())
}
