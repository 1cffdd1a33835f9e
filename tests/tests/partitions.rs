//! Aggregators partitioned by story ownership against a real nats-server: each partition replays the whole
//! events stream through its own desk and stores only the stories it owns (`dateline_aggregator::partitioned`).
//! Every check compares the stories bucket with what one desk makes of the same stream in stream order, story
//! ids and revisions included, so a report routed differently by two partitions, lost or doubled shows.

use std::time::Duration;

use chrono::NaiveDate;
use dateline_aggregator::ownership::Partition;
use dateline_ingest::publish::Publisher;
use dateline_shared::lease::LeaseArgs;
use dateline_shared::ops::Readiness;
use dateline_shared::shutdown::Shutdown;
use dateline_shared::stage::Pipeline;
use dateline_shared::{Article, Story};
use dateline_tests::pipeline::{
    connect, extracted_reports, fingerprint, report_count, spawn_aggregator_as, spawn_extractor,
    spawn_partition, stories_of_stream, wait_for_reports,
};
use dateline_tests::{
    stories_in_bucket, stream_messages, wait_for, wait_for_stream_messages, NatsServer,
};

/// Synthetic articles whose ids carry the seed, so that two corpora published to one pipeline are all new
/// articles rather than duplicates of each other.
fn corpus(seed: u64, count: usize) -> Vec<Article> {
    let start = NaiveDate::from_ymd_opt(2024, 9, 2).unwrap_or_default();
    let mut articles = dateline_ingest::synthetic::articles(seed, count, 30, start);
    for article in &mut articles {
        article.id = format!("{}-s{seed}", article.id);
    }
    articles
}

/// A story as it must match between the partitions' bucket and the single desk: id, revision and content.
fn state(stories: &[Story]) -> Vec<(String, u64, Vec<String>)> {
    let mut state: Vec<_> = stories
        .iter()
        .map(|s| {
            (
                s.id.clone(),
                s.revision,
                fingerprint(std::slice::from_ref(s)),
            )
        })
        .collect();
    state.sort();
    state
}

fn owned_by(stories: &[Story], partition: Partition) -> Vec<Story> {
    stories
        .iter()
        .filter(|s| partition.owns(&s.id))
        .cloned()
        .collect()
}

/// Publishes the articles and waits until the extractor has put all their events on the events stream.
async fn publish_and_extract(
    pipeline: &Pipeline,
    articles: &[Article],
    events_before: u64,
) -> anyhow::Result<u64> {
    let publisher = Publisher::new(pipeline.js.clone(), pipeline.names.clone());
    for result in publisher.publish_all(articles).await {
        result?;
    }
    let expected = events_before + extracted_reports(articles) as u64;
    let events = pipeline.names.events_stream();
    let waited = wait_for_stream_messages(&pipeline.js, &events, Duration::from_secs(60), |held| {
        held >= expected
    })
    .await;
    match waited {
        Ok(held) => Ok(held),
        Err(e) => {
            let held = stream_messages(&pipeline.js, &events).await;
            anyhow::bail!("{e}: the events stream holds {held:?} of {expected} events")
        }
    }
}

async fn checkpoint(pipeline: &Pipeline, partition: Partition) -> Option<u64> {
    let bucket = pipeline
        .js
        .get_key_value(pipeline.names.partitions_bucket())
        .await
        .ok()?;
    dateline_shared::checkpoint::parse(&bucket.get(partition.key()).await.ok()??)
}

/// Waits until the partition has stored everything the events stream holds now.
async fn wait_stored_to_end(pipeline: &Pipeline, partition: Partition) -> anyhow::Result<()> {
    let mut stream = pipeline
        .js
        .get_stream(pipeline.names.events_stream())
        .await?;
    let last = stream.info().await?.state.last_sequence;
    let waited = wait_for(Duration::from_secs(90), || async {
        (checkpoint(pipeline, partition).await? >= last).then_some(())
    })
    .await;
    if let Err(e) = waited {
        let stored = checkpoint(pipeline, partition).await;
        anyhow::bail!(
            "{e}: partition {} stored through {stored:?} of {last}",
            partition.key()
        );
    }
    Ok(())
}

/// Waits until the partitions have stored the whole stream, then checks the bucket against one desk over the
/// same stream: the same stories with the same ids, revisions and reports. Returns the stored stories.
async fn assert_stored_as_one_desk(
    pipeline: &Pipeline,
    partitions: [Partition; 2],
) -> anyhow::Result<Vec<Story>> {
    for partition in partitions {
        wait_stored_to_end(pipeline, partition).await?;
    }
    let reference = stories_of_stream(pipeline).await?;
    let stored = bucket_stories(pipeline).await?;
    assert_eq!(state(&stored), state(&reference));
    assert_eq!(report_count(&stored), report_count(&reference));
    Ok(stored)
}

async fn bucket_stories(pipeline: &Pipeline) -> anyhow::Result<Vec<Story>> {
    stories_in_bucket(&pipeline.js, &pipeline.names.stories_bucket()).await
}

/// Each instance its own readiness and lease name, as separate processes would have.
fn instance(pipeline: &Pipeline) -> Pipeline {
    Pipeline {
        readiness: Readiness::default(),
        ..pipeline.clone()
    }
}

fn lease(name: &str) -> LeaseArgs {
    LeaseArgs {
        instance: Some(name.to_owned()),
        lease_secs: 2,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_partition_stores_exactly_the_stories_it_owns_and_together_they_make_the_single_desks(
) -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let pipeline = connect(&server).await?;
    let (trigger, shutdown) = Shutdown::new();
    let extractor = spawn_extractor(pipeline.clone(), shutdown.clone());
    let events = publish_and_extract(&pipeline, &corpus(7, 300), 0).await?;
    let reference = stories_of_stream(&pipeline).await?;
    let [first, second] = [0, 1].map(|i| Partition::new(i, 2).expect("valid partition"));
    assert!(
        !owned_by(&reference, first).is_empty() && !owned_by(&reference, second).is_empty(),
        "the corpus must give each partition stories to own: {} stories",
        reference.len()
    );

    // Alone, the first partition stores its own stories, complete, and nothing of the second's.
    let first_task = spawn_partition(instance(&pipeline), first, lease("p0"), shutdown.clone());
    wait_stored_to_end(&pipeline, first).await?;
    assert_eq!(
        state(&bucket_stories(&pipeline).await?),
        state(&owned_by(&reference, first))
    );

    // The second catches up on the backlog; then both take a live trickle, side by side.
    let second_task = spawn_partition(instance(&pipeline), second, lease("p1"), shutdown.clone());
    wait_stored_to_end(&pipeline, second).await?;
    assert_eq!(state(&bucket_stories(&pipeline).await?), state(&reference));
    publish_and_extract(&pipeline, &corpus(8, 120), events).await?;
    assert_stored_as_one_desk(&pipeline, [first, second]).await?;

    trigger.trigger();
    for task in [first_task, second_task, extractor] {
        task.await??;
    }
    Ok(())
}

/// A partition aborted mid-stream (no shutdown, nothing finished) is started again: it takes its lease back,
/// replays the stream up to its checkpoint, stores again what the crash left half-stored, and carries on.
/// The abort comes while a second corpus is flowing, once the partition has stored past the first, and a
/// third is published only after it: there is a desk to rebuild and work still to do after the restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partition_aborted_mid_stream_rebuilds_its_desk_and_nothing_is_lost_or_doubled(
) -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let pipeline = connect(&server).await?;
    let (early, flowing, late) = (corpus(11, 300), corpus(12, 100), corpus(13, 200));
    let (trigger, shutdown) = Shutdown::new();
    let [first, second] = [0, 1].map(|i| Partition::new(i, 2).expect("valid partition"));
    let first_task = spawn_partition(instance(&pipeline), first, lease("p0"), shutdown.clone());
    let second_task = spawn_partition(instance(&pipeline), second, lease("p1"), shutdown.clone());
    let extractor = spawn_extractor(pipeline.clone(), shutdown.clone());
    let early_events = publish_and_extract(&pipeline, &early, 0).await?;
    wait_stored_to_end(&pipeline, second).await?;

    let publisher = Publisher::new(pipeline.js.clone(), pipeline.names.clone());
    for result in publisher.publish_all(&flowing).await {
        result?;
    }
    wait_for(Duration::from_secs(60), || async {
        (checkpoint(&pipeline, second).await? > early_events).then_some(())
    })
    .await?;
    second_task.abort();
    let _ = second_task.await;
    let aborted_at = checkpoint(&pipeline, second).await.unwrap_or_default();

    let flowing_events = early_events + extracted_reports(&flowing) as u64;
    let all_events = publish_and_extract(&pipeline, &late, flowing_events).await?;
    let second_task = spawn_partition(instance(&pipeline), second, lease("p1"), shutdown.clone());
    assert!(aborted_at < all_events, "{aborted_at} of {all_events}");
    let stored = assert_stored_as_one_desk(&pipeline, [first, second]).await?;
    let expected_reports = [&early, &flowing, &late]
        .map(|articles| extracted_reports(articles))
        .iter()
        .sum::<usize>();
    assert_eq!(
        report_count(&stored),
        expected_reports,
        "reports lost or doubled"
    );

    trigger.trigger();
    for task in [first_task, second_task, extractor] {
        task.await??;
    }
    Ok(())
}

/// Instances of one prefix started with different partition counts would split the stories two ways at once:
/// the later one refuses to start, naming the bucket and what to do.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partition_started_with_another_count_refuses_to_start() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let pipeline = connect(&server).await?;
    let (trigger, shutdown) = Shutdown::new();
    let extractor = spawn_extractor(pipeline.clone(), shutdown.clone());
    publish_and_extract(&pipeline, &corpus(3, 20), 0).await?;
    let of_two = Partition::new(0, 2).expect("valid partition");
    let running = spawn_partition(instance(&pipeline), of_two, lease("a"), shutdown.clone());
    wait_stored_to_end(&pipeline, of_two).await?;

    let of_three = Partition::new(1, 3).expect("valid partition");
    let refused = spawn_partition(instance(&pipeline), of_three, lease("b"), shutdown.clone());
    let message = refusal(refused).await?;
    assert!(
        message.contains("aggregator-p0-of-2") && message.contains("--partitions"),
        "{message}"
    );
    trigger.trigger();
    running.await??;
    extractor.await??;
    Ok(())
}

/// The single aggregator and partitions would each write every story they route: whichever comes second
/// refuses, naming what it found.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_single_aggregator_and_partitions_refuse_to_run_beside_each_other() -> anyhow::Result<()>
{
    let server = NatsServer::start()?;
    let pipeline = connect(&server).await?;
    let (trigger, shutdown) = Shutdown::new();
    let extractor = spawn_extractor(pipeline.clone(), shutdown.clone());
    let articles = corpus(5, 20);
    publish_and_extract(&pipeline, &articles, 0).await?;

    let single = spawn_aggregator_as(instance(&pipeline), lease("single"), shutdown.clone());
    let expected = extracted_reports(&articles);
    let stories = pipeline.names.stories_bucket();
    wait_for_reports(&pipeline.js, &stories, expected)
        .await
        .map_err(|held| anyhow::anyhow!("{held} of {expected} reports stored"))?;
    let partition = Partition::new(0, 2).expect("valid partition");
    let refused = spawn_partition(
        instance(&pipeline),
        partition,
        lease("p0"),
        shutdown.clone(),
    );
    let message = refusal(refused).await?;
    assert!(
        message.contains("single aggregator single") && message.contains("Stop it first"),
        "{message}"
    );
    trigger.trigger();
    single.await??;
    extractor.await??;

    // Once the single one is gone, partitions take the prefix over; then it is the single one that refuses.
    let (trigger, shutdown) = Shutdown::new();
    let working = spawn_partition(
        instance(&pipeline),
        partition,
        lease("p0"),
        shutdown.clone(),
    );
    wait_stored_to_end(&pipeline, partition).await?;
    let refused = spawn_aggregator_as(instance(&pipeline), lease("single"), shutdown.clone());
    let message = refusal(refused).await?;
    assert!(
        message.contains("aggregator-p0-of-2") && message.contains("partitioned aggregators"),
        "{message}"
    );
    trigger.trigger();
    working.await??;
    Ok(())
}

async fn refusal(task: tokio::task::JoinHandle<anyhow::Result<()>>) -> anyhow::Result<String> {
    let error = tokio::time::timeout(Duration::from_secs(30), task)
        .await??
        .expect_err("an aggregator started beside another kind");
    Ok(format!("{error:#}"))
}
