//! Story state through the real stages: a kill notice retracts what its article said, and a rebuild from the
//! events stream reproduces the live state exactly.

use std::time::Duration;

use chrono::NaiveDate;
use dateline_ingest::formats::Limits;
use dateline_shared::shutdown::Shutdown;
use dateline_shared::stage::wait_caught_up;
use dateline_shared::trace::TraceContext;
use dateline_shared::{Story, StoryEvent};
use dateline_tests::pipeline::{fingerprint, spawn_aggregator, RunningPipeline};
use dateline_tests::{wait_for, NatsServer};

/// A ninjs item from our own wire: the same talks, reported by two outlets.
fn ninjs(uri: &str, version: u32, outlet: &str, body: &str, pubstatus: &str) -> Vec<u8> {
    serde_json::json!({
        "uri": uri,
        "version": version.to_string(),
        "versioncreated": format!("2024-10-08T0{version}:30:00Z"),
        "copyrightholder": outlet,
        "pubstatus": pubstatus,
        "headline": "Lula and Ramaphosa hold talks",
        "body_text": body,
    })
    .to_string()
    .into_bytes()
}

fn talks(stories: &[Story]) -> Option<&StoryEvent> {
    stories
        .iter()
        .flat_map(|s| s.events.iter())
        .find(|e| e.kind == "meeting")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_notice_retracts_what_its_article_alone_said() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let pipeline = RunningPipeline::start(&server).await?;
    let publisher = pipeline.publisher();
    let limits = Limits::default();
    let first = ninjs(
        "urn:test:southwire:101",
        1,
        "Southern Wire",
        "PRETORIA, Oct 8 - Brazilian President Luiz Inacio Lula da Silva met South African President \
         Cyril Ramaphosa in Pretoria on Tuesday, officials said.",
        "usable",
    );
    let second = ninjs(
        "urn:test:capewire:7",
        1,
        "Cape Wire",
        "Brazilian President Luiz Inacio Lula da Silva met South African President Cyril Ramaphosa \
         on Tuesday, their offices said.",
        "usable",
    );
    for (name, bytes) in [("southwire-101.json", &first), ("capewire-7.json", &second)] {
        let report = publisher.ingest_document(name, bytes, &limits).await;
        assert_eq!(report.accepted, 1, "{name}: {:?}", report.rejected);
    }
    let held = wait_for(Duration::from_secs(30), || async {
        let stories = pipeline.stories().await;
        talks(&stories).filter(|e| e.sources.len() == 2).cloned()
    })
    .await?;
    assert_eq!(
        held.place.as_ref().map(|p| p.name.as_str()),
        Some("Pretoria")
    );

    // Southern Wire kills its story: the place only it gave falls back, Cape Wire's report stands.
    let kill = ninjs(
        "urn:test:southwire:101",
        2,
        "Southern Wire",
        "",
        "withdrawn",
    );
    let report = publisher
        .ingest_document("southwire-101-kill.json", &kill, &limits)
        .await;
    assert_eq!(report.accepted, 1, "{:?}", report.rejected);
    let after = wait_for(Duration::from_secs(30), || async {
        let stories = pipeline.stories().await;
        talks(&stories).filter(|e| e.sources.len() == 1).cloned()
    })
    .await?;
    assert_eq!(after.sources[0].outlet.as_deref(), Some("Cape Wire"));
    assert_eq!(after.place, None, "the place only the killed article gave");
    let last_change = after.history.last().expect("the kill is in the history");
    assert_eq!(last_change.article_id, "urn:test:southwire:101");
    pipeline.stop().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_article_can_be_followed_from_ingest_to_story_update() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let pipeline = RunningPipeline::start(&server).await?;
    let article = ninjs(
        "urn:test:southwire:202",
        1,
        "Southern Wire",
        "PRETORIA, Oct 8 - Brazilian President Luiz Inacio Lula da Silva met South African President \
         Cyril Ramaphosa in Pretoria on Tuesday, officials said.",
        "usable",
    );
    let report = pipeline
        .publisher()
        .ingest_document("southwire-202.json", &article, &Limits::default())
        .await;
    assert_eq!(report.accepted, 1, "{:?}", report.rejected);
    let (js, names) = (pipeline.js.clone(), pipeline.names.clone());
    wait_caught_up(
        &js,
        &names,
        Duration::from_millis(50),
        Duration::from_secs(30),
    )
    .await?;

    // Every message the article caused, in every stream, carries the article's trace id.
    let mut traces = Vec::new();
    for stream in [
        names.articles_stream(),
        names.events_stream(),
        names.stories_stream(),
    ] {
        let stream = js.get_stream(&stream).await?;
        let count = stream.get_info().await?.state.messages;
        assert!(count > 0, "nothing in {}", stream.cached_info().config.name);
        for sequence in 1..=count {
            let message = stream.get_raw_message(sequence).await?;
            let trace = TraceContext::from_headers(Some(&message.headers))
                .ok_or_else(|| anyhow::anyhow!("{} has no traceparent", message.subject))?;
            traces.push((message.subject.to_string(), trace));
        }
    }
    let article_trace = traces[0].1;
    assert!(
        traces
            .iter()
            .all(|(_, t)| t.trace_id == article_trace.trace_id),
        "{traces:?}"
    );
    let mut spans: Vec<_> = traces.iter().map(|(_, t)| t.span_id).collect();
    spans.sort_unstable();
    spans.dedup();
    assert_eq!(spans.len(), traces.len(), "each message is its own span");
    pipeline.stop().await
}

/// A story's id, title, revision and whether it is closed.
type Head = (String, String, u64, bool);

/// Story ids, titles and revisions as well as every event: a rebuild must give the very same state.
fn full_state(stories: &[Story]) -> (Vec<Head>, Vec<String>) {
    let mut heads: Vec<_> = stories
        .iter()
        .map(|s| (s.id.clone(), s.title.clone(), s.revision, s.closed))
        .collect();
    heads.sort();
    (heads, fingerprint(stories))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rebuild_from_the_events_stream_gives_the_live_state() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let pipeline = RunningPipeline::start(&server).await?;
    let start = NaiveDate::from_ymd_opt(2024, 2, 5).unwrap_or_default();
    // Spread over more than the quiet period, so that stories also close along the way.
    let articles = dateline_ingest::synthetic::articles(11, 600, 80, start);
    for result in pipeline.publisher().publish_all(&articles).await {
        result?;
    }
    let (js, names) = (pipeline.js.clone(), pipeline.names.clone());
    wait_caught_up(
        &js,
        &names,
        Duration::from_millis(100),
        Duration::from_secs(120),
    )
    .await?;
    let live = full_state(&pipeline.stories().await);
    assert!(live.0.len() > 1, "the corpus makes several stories");
    assert!(
        live.0.iter().any(|(_, _, _, closed)| *closed),
        "some stories went quiet and closed"
    );
    let inner = pipeline.pipeline.clone();
    pipeline.stop().await?;

    // What an operator does to rebuild: drop the story buckets and the aggregator's consumer, start it.
    js.delete_key_value(names.stories_bucket()).await?;
    js.delete_key_value(names.reports_bucket()).await?;
    js.get_stream(names.events_stream())
        .await?
        .delete_consumer(&names.consumer("aggregator"))
        .await?;
    let (trigger, shutdown) = Shutdown::new();
    let aggregator = spawn_aggregator(inner, shutdown);
    wait_caught_up(
        &js,
        &names,
        Duration::from_millis(100),
        Duration::from_secs(120),
    )
    .await?;
    let rebuilt = full_state(
        &dateline_tests::stories_in_bucket(&js, &names.stories_bucket())
            .await
            .unwrap_or_default(),
    );
    trigger.trigger();
    tokio::time::timeout(Duration::from_secs(20), aggregator).await???;
    assert_eq!(rebuilt.0, live.0, "story heads differ");
    assert_eq!(rebuilt.1, live.1, "story events differ");
    Ok(())
}
