//! Nothing lost, nothing doubled: the same articles through a faulty run and a fault-free run end in the same
//! stories. Faults are real: nats-server is SIGKILLed and restarted on its store, a node of a three-node
//! cluster is SIGKILLed under load and restarted, stages are aborted mid-stream and started again, and poison
//! messages are put straight on the articles subjects.

use std::time::{Duration, Instant};

use async_nats::HeaderMap;
use chrono::NaiveDate;
use dateline_ingest::publish::Publisher;
use dateline_shared::lease::{self, Holder, LeaseArgs};
use dateline_shared::nats::NatsArgs;
use dateline_shared::ops::Readiness;
use dateline_shared::shutdown::Shutdown;
use dateline_shared::stage::Pipeline;
use dateline_shared::Article;
use dateline_tests::pipeline::{
    assert_same_stories, connect, extracted_reports, fingerprint, progress, report_count,
    spawn_aggregator, spawn_aggregator_as, spawn_extractor, wait_for_reports, RunningPipeline,
};
use dateline_tests::{wait_for, wait_for_stream_messages, NatsCluster, NatsServer};

/// Articles about a few dozen happenings over less than the aggregator's quiet period, so that no story
/// closes mid-test and a faulty run's reordering cannot change which story a report joins.
fn corpus(count: usize) -> Vec<Article> {
    let start = NaiveDate::from_ymd_opt(2024, 5, 6).unwrap_or_default();
    dateline_ingest::synthetic::articles(42, count, 36, start)
}

/// Publishes every article, retrying the ones NATS did not take (ingest is at-least-once, dedup makes it once).
async fn publish_until_taken(publisher: &Publisher, articles: &[Article]) -> anyhow::Result<()> {
    let mut pending: Vec<Article> = articles.to_vec();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
    while !pending.is_empty() {
        let results = publisher.publish_all(&pending).await;
        pending = pending
            .into_iter()
            .zip(results)
            .filter(|(_, r)| r.is_err())
            .map(|(a, _)| a)
            .collect();
        if tokio::time::Instant::now() > deadline {
            anyhow::bail!("{} articles could not be published", pending.len());
        }
        if !pending.is_empty() {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    Ok(())
}

/// The reference: the corpus through a pipeline with no faults.
async fn fault_free(articles: &[Article]) -> anyhow::Result<Vec<String>> {
    let server = NatsServer::start()?;
    let pipeline = RunningPipeline::start(&server).await?;
    publish_until_taken(&pipeline.publisher(), articles).await?;
    let expected_reports = extracted_reports(articles);
    let waited = wait_for(Duration::from_secs(120), || async {
        let stories = pipeline.stories().await;
        (report_count(&stories) == expected_reports).then_some(stories)
    })
    .await;
    let stories = match waited {
        Ok(stories) => stories,
        Err(e) => anyhow::bail!(
            "{e}: {} of {expected_reports} reports held",
            report_count(&pipeline.stories().await)
        ),
    };
    pipeline.stop().await?;
    Ok(fingerprint(&stories))
}

/// How many writes the stories bucket has taken: one request, cheap enough to poll for the first.
async fn story_writes(pipeline: &RunningPipeline) -> Option<u64> {
    let bucket = pipeline
        .js
        .get_key_value(pipeline.names.stories_bucket())
        .await
        .ok()?;
    Some(bucket.status().await.ok()?.info.state.messages)
}

/// A crash test's start: the fault-free reference for `count` articles, and a fresh server holding those
/// articles, published, with no stage running yet.
struct Backlog {
    expected: Vec<String>,
    expected_reports: usize,
    /// Kept for the test's length: dropping it stops the server.
    _server: NatsServer,
    pipeline: Pipeline,
}

impl Backlog {
    /// Waits until a quarter of the reports are stored: the stages are mid-stream.
    async fn wait_for_a_quarter(&self) -> anyhow::Result<()> {
        let (js, bucket) = (&self.pipeline.js, self.pipeline.names.stories_bucket());
        wait_for(Duration::from_secs(60), || async {
            let stories = dateline_tests::stories_in_bucket(js, &bucket).await.ok()?;
            (report_count(&stories) > self.expected_reports / 4).then_some(())
        })
        .await
    }

    /// Waits until every report is stored, then checks the stories are the fault-free run's.
    async fn assert_finished_as_reference(&self) -> anyhow::Result<()> {
        let (js, bucket) = (&self.pipeline.js, self.pipeline.names.stories_bucket());
        let stories = match wait_for_reports(js, &bucket, self.expected_reports).await {
            Ok(stories) => stories,
            Err(held) => anyhow::bail!(
                "{held} of {} reports held; {}",
                self.expected_reports,
                progress(&self.pipeline).await
            ),
        };
        assert_eq!(
            report_count(&stories),
            self.expected_reports,
            "reports doubled"
        );
        assert_eq!(fingerprint(&stories), self.expected);
        Ok(())
    }
}

async fn published_backlog(count: usize) -> anyhow::Result<Backlog> {
    let articles = corpus(count);
    let expected = fault_free(&articles).await?;
    let server = NatsServer::start()?;
    let pipeline = connect(&server).await?;
    let publisher = Publisher::new(pipeline.js.clone(), pipeline.names.clone());
    publish_until_taken(&publisher, &articles).await?;
    Ok(Backlog {
        expected,
        expected_reports: extracted_reports(&articles),
        _server: server,
        pipeline,
    })
}

/// nats-server is SIGKILLed twice and restarted on its store each time: first while the stages are starting
/// (declaring the streams and bucket, binding their consumers), then mid-stream (the aggregator has stored its
/// first stories, the rest of the first 300 articles are in flight: pulled, half-published or unacknowledged).
/// The stages must ride both out on their own: requests lost in the crash time out and are retried, the pull
/// streams are replaced, unacknowledged messages come back and are deduplicated. Meanwhile the wire keeps
/// publishing, and re-sends 100 articles around the outage.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broker_killed_and_restarted_mid_stream_loses_nothing() -> anyhow::Result<()> {
    // The stages' own account of the outage, shown with a failure (RUST_LOG to change the level).
    dateline_shared::telemetry::init(false);
    let articles = corpus(600);
    let expected = fault_free(&articles).await?;
    let expected_reports = extracted_reports(&articles);

    let mut server = NatsServer::start()?;
    let pipeline = RunningPipeline::start(&server).await?;
    server.kill()?;
    server.restart()?;
    let publisher = pipeline.publisher();
    publish_until_taken(&publisher, &articles[..300]).await?;
    wait_for(Duration::from_secs(60), || async {
        (story_writes(&pipeline).await? > 0).then_some(())
    })
    .await?;
    let at_kill = progress(&pipeline.pipeline).await;
    server.kill()?;
    server.restart()?;
    publish_until_taken(&publisher, &articles[300..]).await?;
    // A wire re-sends around an outage: the duplicate window drops what was already taken.
    publish_until_taken(&publisher, &articles[250..350]).await?;

    let waited = wait_for_reports(
        &pipeline.js,
        &pipeline.names.stories_bucket(),
        expected_reports,
    )
    .await;
    let stories = match waited {
        Ok(stories) => stories,
        Err(held) => {
            let log = std::fs::read_to_string(server.store_dir().join("nats-server.log"))
                .unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(15).collect();
            anyhow::bail!(
                "{held} of {expected_reports} reports held; {}\nat the kill: {at_kill}\nserver log (newest first):\n{}",
                progress(&pipeline.pipeline).await,
                tail.join("\n")
            );
        }
    };
    assert_same_stories(&stories, expected_reports, &expected);
    pipeline.stop().await
}

/// Who leads a stream's RAFT group (a server name), as the stream's own info says.
async fn stream_leader(js: &async_nats::jetstream::Context, stream: &str) -> Option<String> {
    let mut stream = js.get_stream(stream).await.ok()?;
    stream.info().await.ok()?.cluster.as_ref()?.leader.clone()
}

/// Every stream of the pipeline (the buckets' included) as JetStream names them.
fn pipeline_streams(pipeline: &RunningPipeline) -> Vec<String> {
    let names = &pipeline.names;
    vec![
        names.articles_stream(),
        names.events_stream(),
        names.stories_stream(),
        names.dlq_stream(),
        format!("KV_{}", names.stories_bucket()),
        format!("KV_{}", names.reports_bucket()),
    ]
}

/// Where each stream's replicas stand: `leader n1, n2 current, n3 offline lag 12`, for waits and failures.
async fn replica_states(pipeline: &RunningPipeline) -> Vec<(String, Option<String>, bool)> {
    let mut states = Vec::new();
    for name in pipeline_streams(pipeline) {
        let info = async {
            let mut stream = pipeline.js.get_stream(&name).await.ok()?;
            stream.info().await.ok()?.cluster.clone()
        }
        .await;
        let (shown, caught_up) = match info {
            Some(cluster) => {
                let replicas: Vec<String> = cluster
                    .replicas
                    .iter()
                    .map(|peer| {
                        format!(
                            "{}{}{} lag {}",
                            peer.name,
                            if peer.current { " current" } else { "" },
                            if peer.offline { " offline" } else { "" },
                            peer.lag.unwrap_or_default()
                        )
                    })
                    .collect();
                let caught_up = cluster.leader.is_some()
                    && cluster.replicas.len() == 2
                    && cluster.replicas.iter().all(|p| p.current && !p.offline);
                (
                    Some(format!(
                        "leader {:?}, {}",
                        cluster.leader,
                        replicas.join(", ")
                    )),
                    caught_up,
                )
            }
            None => (None, false),
        };
        states.push((name, shown, caught_up));
    }
    states
}

/// A three-node JetStream cluster on loopback, every stream and bucket with three replicas, the stages given
/// all three URLs. 2,000 articles; once a fifth of the reports are stored, the node leading the events stream
/// is SIGKILLed, the rest of the articles (and 200 re-sent ones) are published to the two survivors, and the node
/// is restarted on its store while the stages are still working through the backlog. The survivors elect new
/// leaders, the clients move to a live node, requests lost with the node are retried; nothing may be lost or
/// doubled, and the restarted node must catch up on every stream.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cluster_node_killed_mid_stream_loses_nothing() -> anyhow::Result<()> {
    dateline_shared::telemetry::init(false);
    let articles = corpus(2_000);
    let began = Instant::now();
    // The reference run while the cluster forms: electing its meta leader is mostly waiting (RAFT election
    // timeouts of several seconds, more after a split vote).
    let reference = async {
        let expected = fault_free(&articles).await;
        (expected, began.elapsed())
    };
    let cluster = async {
        let cluster = NatsCluster::start(3).await;
        (cluster, began.elapsed())
    };
    let ((expected, reference_took), (cluster, cluster_took)) = tokio::join!(reference, cluster);
    let (expected, mut cluster) = (expected?, cluster?);
    let expected_reports = extracted_reports(&articles);
    let nats = NatsArgs {
        replicas: 3,
        ..NatsArgs::for_url(&cluster.urls())
    };
    let pipeline = RunningPipeline::with_args(&nats, 1).await?;
    let publisher = pipeline.publisher();
    let half = articles.len() / 2;
    let formed_at = began.elapsed();
    publish_until_taken(&publisher, &articles[..half]).await?;
    // Mid-stream: a fifth of the reports stored, the rest of the first half pulled, half-published or waiting.
    wait_for(Duration::from_secs(60), || async {
        (report_count(&pipeline.stories().await) > expected_reports / 5).then_some(())
    })
    .await?;
    let events = pipeline.names.events_stream();
    let victim = wait_for(Duration::from_secs(10), || {
        stream_leader(&pipeline.js, &events)
    })
    .await?;
    let at_kill = progress(&pipeline.pipeline).await;
    let led: Vec<String> = {
        let mut led = Vec::new();
        for stream in pipeline_streams(&pipeline) {
            if stream_leader(&pipeline.js, &stream).await.as_deref() == Some(victim.as_str()) {
                led.push(stream);
            }
        }
        led
    };
    let held_at_kill = report_count(&pipeline.stories().await);
    let node = cluster
        .node_mut(&victim)
        .ok_or_else(|| anyhow::anyhow!("no node named {victim}"))?;
    node.kill()?;
    let killed_at = began.elapsed();

    publish_until_taken(&publisher, &articles[half..]).await?;
    // A wire re-sends around an outage: the duplicate window drops what was already taken.
    publish_until_taken(&publisher, &articles[half - 100..half + 100]).await?;
    let new_leader = wait_for(Duration::from_secs(30), || async {
        stream_leader(&pipeline.js, &events)
            .await
            .filter(|leader| *leader != victim)
    })
    .await?;
    // What the stages had stored when the node came back ("?" if the bucket could not be read just then).
    let held_at_restart =
        dateline_tests::stories_in_bucket(&pipeline.js, &pipeline.names.stories_bucket())
            .await
            .map_or_else(|_| "?".to_owned(), |s| report_count(&s).to_string());
    if let Some(node) = cluster.node_mut(&victim) {
        node.restart()?;
    }

    let waited = wait_for_reports(
        &pipeline.js,
        &pipeline.names.stories_bucket(),
        expected_reports,
    )
    .await;
    let stories = match waited {
        Ok(stories) => stories,
        Err(held) => {
            anyhow::bail!(
                "{held} of {expected_reports} reports held; {}\nat the kill of {victim}: {at_kill}\nreplicas: {:?}\n{}",
                progress(&pipeline.pipeline).await,
                replica_states(&pipeline).await,
                cluster.log_tails(15)
            );
        }
    };
    let finished_at = began.elapsed();
    assert_same_stories(&stories, expected_reports, &expected);
    let dead = wait_for_stream_messages(
        &pipeline.js,
        &pipeline.names.dlq_stream(),
        Duration::from_secs(10),
        |_| true,
    )
    .await?;
    assert_eq!(
        dead,
        0,
        "messages dead-lettered: {}",
        progress(&pipeline.pipeline).await
    );

    // The restarted node catches up: every stream has its three replicas again, all current.
    let caught_up = wait_for(Duration::from_secs(30), || async {
        let states = replica_states(&pipeline).await;
        states.iter().all(|(_, _, ok)| *ok).then_some(())
    })
    .await;
    if caught_up.is_err() {
        panic!(
            "{victim} did not catch up: {:?}",
            replica_states(&pipeline).await
        );
    }
    eprintln!(
        "{} articles, {expected_reports} reports: reference run {reference_took:?}; cluster formed in \
         {cluster_took:?}, streams declared at {formed_at:?}; {victim} (leader of {}) killed at {killed_at:?} with {held_at_kill} reports held; \
         {new_leader} took over the events; {victim} restarted with {held_at_restart} held; all held at \
         {finished_at:?}; {victim} caught up at {:?}",
        articles.len(),
        led.join(", "),
        began.elapsed()
    );
    pipeline.stop().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stages_aborted_mid_stream_and_restarted_lose_nothing() -> anyhow::Result<()> {
    let backlog = published_backlog(600).await?;
    let pipeline = &backlog.pipeline;

    // Two extractors share the work; the aggregator and one extractor are aborted mid-stream, like a crash:
    // no shutdown, no acks for what they had in hand.
    let (_keep, shutdown) = Shutdown::new();
    let first = spawn_extractor(pipeline.clone(), shutdown.clone());
    let second = spawn_extractor(pipeline.clone(), shutdown.clone());
    let aggregator = spawn_aggregator(pipeline.clone(), shutdown.clone());
    backlog.wait_for_a_quarter().await?;
    first.abort();
    aggregator.abort();
    let _ = first.await;
    let _ = aggregator.await;

    let (trigger, shutdown) = Shutdown::new();
    let aggregator = spawn_aggregator(pipeline.clone(), shutdown.clone());
    backlog.assert_finished_as_reference().await?;
    trigger.trigger();
    _keep.trigger();
    aggregator.await??;
    second.await??;
    Ok(())
}

/// Two aggregators on one prefix: one works and the other stands by (never bound, never ready). The active
/// one is aborted mid-stream like a crash, so its lease is left to expire; the standby then takes the lease,
/// loads the stories and carries on from the ack floor, and the stories are those of a fault-free run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_standby_aggregator_takes_over_from_a_crashed_one_and_nothing_is_lost_or_doubled(
) -> anyhow::Result<()> {
    let backlog = published_backlog(600).await?;
    let pipeline = &backlog.pipeline;

    let (_keep, shutdown) = Shutdown::new();
    let extractor = spawn_extractor(pipeline.clone(), shutdown.clone());
    // Each instance its own readiness, so each says whether it is the one working.
    let instance = || Pipeline {
        readiness: Readiness::default(),
        ..pipeline.clone()
    };
    let lease = |name: &str| LeaseArgs {
        instance: Some(name.to_owned()),
        lease_secs: 2,
    };
    let (first_pipeline, second_pipeline) = (instance(), instance());
    let first = spawn_aggregator_as(first_pipeline.clone(), lease("first"), shutdown.clone());
    wait_for(Duration::from_secs(30), || async {
        first_pipeline.readiness.is_ready().then_some(())
    })
    .await?;
    let second = spawn_aggregator_as(second_pipeline.clone(), lease("second"), shutdown.clone());
    backlog.wait_for_a_quarter().await?;
    assert!(
        !second_pipeline.readiness.is_ready(),
        "the second aggregator worked beside the first"
    );
    assert_eq!(
        lease::holder(pipeline, "aggregator").await,
        Some(Holder::Instance("first".to_owned()))
    );
    first.abort();
    let _ = first.await;

    wait_for(Duration::from_secs(30), || async {
        second_pipeline.readiness.is_ready().then_some(())
    })
    .await?;
    backlog.assert_finished_as_reference().await?;
    assert_eq!(
        lease::holder(pipeline, "aggregator").await,
        Some(Holder::Instance("second".to_owned()))
    );
    _keep.trigger();
    second.await??;
    extractor.await??;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poison_messages_are_dead_lettered_and_the_rest_flows() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let pipeline = RunningPipeline::start(&server).await?;
    let names = pipeline.names.clone();

    // Straight onto the subject, past ingest's validation: the extractor must cope on its own. Every kind
    // of message that is not an article: not JSON, JSON of the wrong shape, nesting far past serde_json's
    // recursion limit, and a well-formed article whose id would inject a header into the events it yields
    // (async-nats panics on a header value with a line break).
    let poisons: [(&str, Vec<u8>, &str); 4] = [
        ("poison-1", b"{not json".to_vec(), "not valid JSON"),
        (
            "poison-2",
            br#"{"id": 7, "body": ["not", "text"]}"#.to_vec(),
            "not valid JSON",
        ),
        (
            "poison-3",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            "not valid JSON",
        ),
        (
            "poison-4",
            serde_json::to_vec(&Article {
                id: "kcna-1\r\nNats-Expected-Stream: ELSEWHERE".to_owned(),
                ..corpus(1).remove(0)
            })?,
            "unusable article id",
        ),
    ];
    for (id, payload, _) in &poisons {
        let mut headers = HeaderMap::new();
        headers.insert("Nats-Msg-Id", *id);
        pipeline
            .js
            .publish_with_headers(
                names.article_subject(Some("junk")),
                headers,
                payload.clone().into(),
            )
            .await?
            .await?;
    }
    let good = corpus(6);
    publish_until_taken(&pipeline.publisher(), &good).await?;
    let expected_reports = extracted_reports(&good);
    wait_for(Duration::from_secs(60), || async {
        (report_count(&pipeline.stories().await) == expected_reports).then_some(())
    })
    .await?;

    let poison_count = poisons.len() as u64;
    wait_for_stream_messages(
        &pipeline.js,
        &names.dlq_stream(),
        Duration::from_secs(30),
        |messages| messages == poison_count,
    )
    .await?;
    let dlq = pipeline.js.get_stream(names.dlq_stream()).await?;
    for sequence in 1..=poisons.len() as u64 {
        let letter = dlq.get_raw_message(sequence).await?;
        let msg_id = letter
            .headers
            .get("Nats-Msg-Id")
            .map(|v| v.as_str().to_owned())
            .unwrap_or_default();
        let (_, payload, want) = poisons
            .iter()
            .find(|(id, _, _)| msg_id.ends_with(id))
            .ok_or_else(|| anyhow::anyhow!("unexpected dead letter {msg_id}"))?;
        let reason = letter
            .headers
            .get(dateline_shared::headers::DLQ_REASON)
            .map(|v| v.as_str().to_owned());
        assert!(
            reason.as_deref().is_some_and(|r| r.contains(want)),
            "{msg_id}: reason {reason:?}"
        );
        assert_eq!(letter.subject.as_str(), names.dlq_subject("extractor"));
        assert_eq!(
            letter
                .headers
                .get(dateline_shared::headers::DLQ_SUBJECT)
                .map(|v| v.as_str()),
            Some(names.article_subject(Some("junk")).as_str())
        );
        assert_eq!(letter.payload.as_ref(), payload.as_slice());
    }
    pipeline.stop().await
}
