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
        talks(&stories).filter(|e| e.sources.count() == 2).cloned()
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
        talks(&stories).filter(|e| e.sources.count() == 1).cloned()
    })
    .await?;
    assert_eq!(
        after.sources.recent()[0].outlet.as_deref(),
        Some("Cape Wire")
    );
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

/// One report of a state visit's talks, as the extractor would publish it: the `n`th article about it.
fn talks_report(n: usize) -> dateline_shared::Event {
    let outlets = [
        "Antara",
        "Bernama",
        "Vietnam News Agency",
        "Philippine News Agency",
    ];
    let published = chrono::DateTime::parse_from_rfc3339("2025-05-27T08:00:00+07:00")
        .unwrap_or_default()
        + chrono::Duration::seconds(n as i64 * 20);
    serde_json::from_value(serde_json::json!({
        "id": format!("ev-talks-{n:05}"),
        "kind": "meeting",
        "status": "occurred",
        "actors": [
            {"name": "Prabowo Subianto", "id": "prabowo-subianto", "type": "person", "role": "President"},
            {"name": "Anwar Ibrahim", "id": "anwar-ibrahim", "type": "person", "role": "Prime Minister"}
        ],
        "place": {"name": "Kuala Lumpur", "country": "MY"},
        "time": {"date": "2025-05-27", "text": "on Tuesday"},
        "attribution": ["officials"],
        "article_id": format!("wire-asean-{n:05}"),
        "article_version": 1,
        "outlet": outlets[n % outlets.len()],
        "published_at": published.to_rfc3339(),
        "evidence": {"text": "Prabowo held talks with Anwar in Kuala Lumpur on Tuesday.", "start": 0, "end": 57},
    }))
    .unwrap_or_else(|e| panic!("the report template is valid: {e}"))
}

async fn publish_reports(
    js: &async_nats::jetstream::Context,
    names: &dateline_shared::Names,
    reports: impl Iterator<Item = dateline_shared::Event>,
) -> anyhow::Result<()> {
    // Acknowledgements awaited in rounds: the client bounds how many may be outstanding.
    let mut acks = Vec::new();
    for report in reports {
        if acks.len() == 256 {
            for ack in acks.drain(..) {
                let ack: async_nats::jetstream::context::PublishAckFuture = ack;
                ack.await?;
            }
        }
        let mut headers = async_nats::HeaderMap::new();
        headers.insert("Nats-Msg-Id", report.id.as_str());
        acks.push(
            js.publish_with_headers(
                names.event_subject(&report.kind),
                headers,
                serde_json::to_vec(&report)?.into(),
            )
            .await?,
        );
    }
    for ack in acks {
        ack.await?;
    }
    Ok(())
}

/// A happening reported thousands of times stays one small stored value: its older sources are sealed in pages
/// beside the reports, a restarted aggregator reads them back and goes on counting, and the API lists them all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_happening_reported_thousands_of_times_stays_a_small_value_and_loses_no_source(
) -> anyhow::Result<()> {
    const REPORTS: usize = 8_000;
    let server = NatsServer::start()?;
    let pipeline = RunningPipeline::start(&server).await?;
    let (js, names) = (pipeline.js.clone(), pipeline.names.clone());
    publish_reports(&js, &names, (0..REPORTS).map(talks_report)).await?;
    let wait = Duration::from_secs(120);
    wait_caught_up(&js, &names, Duration::from_millis(100), wait).await?;
    let stories = pipeline.stories().await;
    assert_eq!(stories.len(), 1, "one story");
    let event = &stories[0].events[0];
    assert_eq!(event.sources.count(), REPORTS);
    let ids: std::collections::BTreeSet<&str> =
        event.sources.iter().map(|s| s.event_id.as_str()).collect();
    assert_eq!(ids.len(), REPORTS, "every source read back once");
    let stored = js
        .get_key_value(names.stories_bucket())
        .await?
        .get(&stories[0].id)
        .await?
        .map(|v| v.len())
        .unwrap_or_default();
    // A plain list of 8,000 sources (~170 bytes each) would be over a megabyte, past what one KV value may
    // hold; sealed, each source costs its share of a volume's key (a page key alone would be ~13 bytes).
    assert!(
        stored < REPORTS * 2,
        "the stored story is {stored} bytes for {REPORTS} reports"
    );

    // A restarted aggregator reads the pages back and counts on.
    let inner = pipeline.pipeline.clone();
    pipeline.stop().await?;
    let (trigger, shutdown) = Shutdown::new();
    let aggregator = spawn_aggregator(inner, shutdown);
    publish_reports(&js, &names, (REPORTS..REPORTS + 10).map(talks_report)).await?;
    wait_caught_up(&js, &names, Duration::from_millis(100), wait).await?;
    let stories = dateline_tests::stories_in_bucket(&js, &names.stories_bucket()).await?;
    let event = &stories[0].events[0];
    assert_eq!(event.sources.count(), REPORTS + 10);
    assert_eq!(
        event.sources.outlets()[0].reports,
        (REPORTS + 10).div_ceil(4)
    );

    // The desk's API lists every source of the event.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let router = dateline_aggregator::web::router(js.clone(), names.clone());
    let server_task = tokio::spawn(async move { axum::serve(listener, router).await });
    let url = format!(
        "http://{address}/stories/{}/events/{}/sources",
        stories[0].id, event.id
    );
    let http = dateline_ingest::fetch::client()?;
    let listed: Vec<dateline_shared::Source> =
        serde_json::from_slice(&http.get(&url).send().await?.bytes().await?)?;
    assert_eq!(listed.len(), REPORTS + 10);
    assert_eq!(listed[0].event_id, "ev-talks-00000");
    let missing = http
        .get(format!(
            "http://{address}/stories/{}/events/ev-none/sources",
            stories[0].id
        ))
        .send()
        .await?;
    assert_eq!(missing.status(), reqwest::StatusCode::NOT_FOUND);
    server_task.abort();
    trigger.trigger();
    tokio::time::timeout(Duration::from_secs(20), aggregator).await???;
    Ok(())
}
