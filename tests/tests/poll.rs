//! The feed poller against a real HTTP server (axum on a random loopback port, honouring conditional GET and
//! failing on demand) and a real nats-server: articles arrive once, a 304 publishes nothing, and errors make
//! the poller back off, doubling its wait (less jitter) up to the cap, until the feed recovers; a 503 with
//! `Retry-After` is waited out.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use dateline_ingest::formats::Limits;
use dateline_ingest::poll::FeedPoller;
use dateline_ingest::publish::Publisher;
use dateline_shared::shutdown::{Shutdown, ShutdownTrigger};
use dateline_shared::sources::FeedSource;
use dateline_shared::Names;
use dateline_tests::{wait_for, wait_for_stream_messages, NatsServer};
use futures::StreamExt;

const LAST_MODIFIED: &str = "Tue, 03 Mar 2026 08:00:00 GMT";

fn item(guid: &str, title: &str, description: &str) -> String {
    format!(
        "<item><guid>{guid}</guid><title>{title}</title><pubDate>Tue, 03 Mar 2026 07:30:00 GMT</pubDate>\
         <description>{description}</description></item>"
    )
}

fn rss(items: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Valley Courier: regional</title>\
         <link>http://valley.example/</link><description>Regional wire</description>{}</channel></rss>",
        items.concat()
    )
}

fn first_items() -> Vec<String> {
    vec![
        item(
            "vc-2201",
            "Flood defences hold as Amber river peaks",
            "TARNHOLM (Valley Courier) - Temporary flood barriers along the Amber river held overnight as \
             the water level peaked just below the quay wall, the county emergency office said on Tuesday.",
        ),
        item(
            "vc-2202",
            "Rail line to Oskby reopens after landslip repairs",
            "OSKBY (Valley Courier) - Passenger trains returned to the Oskby branch line on Tuesday, three \
             weeks after a landslip buried the track north of the tunnel.",
        ),
    ]
}

/// What the feed server serves and what it has seen.
#[derive(Default)]
struct Feed {
    body: String,
    etag: String,
    /// Requests still to answer with 500 (503 with this `Retry-After` when `retry_after` is set).
    failures_to_serve: usize,
    retry_after: Option<&'static str>,
    /// Every request: when, and the status answered.
    log: Vec<(Instant, u16)>,
}

type Shared = Arc<Mutex<Feed>>;

fn lock(feed: &Shared) -> std::sync::MutexGuard<'_, Feed> {
    feed.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn serve_feed(State(feed): State<Shared>, headers: HeaderMap) -> Response {
    let mut feed = lock(&feed);
    let sent = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let (status, response) = if feed.failures_to_serve > 0 {
        feed.failures_to_serve -= 1;
        match feed.retry_after {
            Some(wait) => (
                503,
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    [(header::RETRY_AFTER, wait)],
                    "feed generator restarting",
                )
                    .into_response(),
            ),
            None => (
                500,
                (StatusCode::INTERNAL_SERVER_ERROR, "feed generator down").into_response(),
            ),
        }
    } else if sent(header::IF_NONE_MATCH) == Some(feed.etag.as_str())
        || (sent(header::IF_NONE_MATCH).is_none()
            && sent(header::IF_MODIFIED_SINCE) == Some(LAST_MODIFIED))
    {
        (304, StatusCode::NOT_MODIFIED.into_response())
    } else {
        let response = (
            [
                (header::CONTENT_TYPE, "application/rss+xml".to_owned()),
                (header::ETAG, feed.etag.clone()),
                (header::LAST_MODIFIED, LAST_MODIFIED.to_owned()),
            ],
            feed.body.clone(),
        )
            .into_response();
        (200, response)
    };
    feed.log.push((Instant::now(), status));
    response
}

async fn start_feed_server(feed: Shared) -> anyhow::Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/regional.rss", listener.local_addr()?);
    let router = Router::new()
        .route("/regional.rss", get(serve_feed))
        .with_state(feed);
    tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(url)
}

fn statuses(feed: &Shared) -> Vec<u16> {
    lock(feed).log.iter().map(|(_, status)| *status).collect()
}

/// A real nats-server's pipeline declared, as ingest would find it.
async fn declared_pipeline(
    server: &NatsServer,
) -> anyhow::Result<(async_nats::Client, async_nats::jetstream::Context, Names)> {
    let client = async_nats::connect(server.url()).await?;
    let js = async_nats::jetstream::new(client.clone());
    let names = Names::new("dateline")?;
    let durability = dateline_shared::nats::NatsArgs::default().durability();
    dateline_shared::nats::declare_pipeline(&js, &names, durability).await?;
    Ok((client, js, names))
}

/// Polls `source` until the returned trigger fires.
fn spawn_poller(
    js: &async_nats::jetstream::Context,
    names: &Names,
    source: FeedSource,
) -> anyhow::Result<(ShutdownTrigger, tokio::task::JoinHandle<()>)> {
    let poller = FeedPoller::new(
        source,
        dateline_ingest::fetch::client()?,
        Publisher::new(js.clone(), names.clone()),
        Limits::default(),
    );
    let (trigger, shutdown) = Shutdown::new();
    Ok((trigger, tokio::spawn(poller.run(shutdown))))
}

#[tokio::test]
async fn articles_arrive_once_304s_publish_nothing_and_errors_back_off() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let (client, js, names) = declared_pipeline(&server).await?;
    // A core subscription sees every publish, duplicates included: so it counts what the poller sends.
    let mut published = client.subscribe(names.all("articles")).await?;
    let received = Arc::new(Mutex::new(Vec::<String>::new()));
    {
        let received = received.clone();
        tokio::spawn(async move {
            while let Some(message) = published.next().await {
                let article: serde_json::Value =
                    serde_json::from_slice(&message.payload).unwrap_or_default();
                received
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(article["headline"].as_str().unwrap_or_default().to_owned());
            }
        });
    }
    let received_count = || received.lock().unwrap_or_else(|p| p.into_inner()).len();

    let feed: Shared = Arc::new(Mutex::new(Feed {
        body: rss(&first_items()),
        etag: "\"regional-1\"".into(),
        ..Feed::default()
    }));
    let url = start_feed_server(feed.clone()).await?;
    let interval = Duration::from_millis(100);
    let max_backoff = Duration::from_millis(400);
    let source = FeedSource {
        url,
        interval,
        max_backoff,
    };
    let (trigger, task) = spawn_poller(&js, &names, source)?;

    // The first poll publishes both items; the polls after it are answered 304 and publish nothing.
    wait_for(Duration::from_secs(20), || async {
        (statuses(&feed).iter().filter(|s| **s == 304).count() >= 3).then_some(())
    })
    .await?;
    assert_eq!(statuses(&feed)[0], 200);
    assert!(
        statuses(&feed)[1..].iter().all(|s| *s == 304),
        "{:?}",
        statuses(&feed)
    );
    wait_for(Duration::from_secs(5), || async {
        (received_count() >= 2).then_some(())
    })
    .await?;
    assert_eq!(
        received_count(),
        2,
        "{:?}",
        received.lock().map(|r| r.clone())
    );

    // The feed breaks for five requests, then comes back with one more item.
    let broken_from = {
        let mut feed = lock(&feed);
        let mut items = first_items();
        items.push(item(
            "vc-2203",
            "Council approves new bridge over the Amber",
            "TARNHOLM (Valley Courier) - The county council voted on Wednesday to fund a second road \
             bridge over the Amber river, with construction due to start next spring.",
        ));
        feed.body = rss(&items);
        feed.etag = "\"regional-2\"".into();
        feed.failures_to_serve = 5;
        feed.log.len()
    };
    wait_for(Duration::from_secs(30), || async {
        (received_count() >= 3).then_some(())
    })
    .await?;
    let log: Vec<(Instant, u16)> = lock(&feed).log[broken_from..].to_vec();
    let codes: Vec<u16> = log.iter().map(|(_, s)| *s).collect();
    assert_eq!(codes, [500, 500, 500, 500, 500, 200], "{codes:?}");
    // After the k-th failure in a row the poller waits interval × 2^k, capped at max_backoff, less up to a
    // quarter of jitter: the gaps before the second to sixth requests are at least 150, 300, 300, 300, 300 ms.
    // The last one would be 3.2 s without the cap; allow generous slack above the cap for a loaded machine.
    let gaps: Vec<Duration> = log.windows(2).map(|w| w[1].0 - w[0].0).collect();
    let floors = [150, 300, 300, 300, 300].map(Duration::from_millis);
    for (gap, floor) in gaps.iter().zip(floors) {
        assert!(*gap >= floor, "gaps {gaps:?} should be at least {floors:?}");
    }
    assert!(
        gaps[4] < Duration::from_millis(2000),
        "cap not honoured: {gaps:?}"
    );

    // Back to normal: the interval again, 304s, and still exactly three articles sent.
    let recovered_at = lock(&feed).log.len();
    wait_for(Duration::from_secs(20), || async {
        (lock(&feed).log.len() >= recovered_at + 2).then_some(())
    })
    .await?;
    assert!(lock(&feed).log[recovered_at..]
        .iter()
        .all(|(_, s)| *s == 304));
    assert_eq!(received_count(), 3);
    let mut stream = js.get_stream(names.articles_stream()).await?;
    assert_eq!(stream.info().await?.state.messages, 3);

    trigger.trigger();
    tokio::time::timeout(Duration::from_secs(10), task).await??;
    Ok(())
}

#[tokio::test]
async fn a_503_with_retry_after_is_waited_out() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let (_client, js, names) = declared_pipeline(&server).await?;
    let feed: Shared = Arc::new(Mutex::new(Feed {
        body: rss(&first_items()),
        etag: "\"regional-1\"".into(),
        failures_to_serve: 1,
        retry_after: Some("2"),
        ..Feed::default()
    }));
    let source = FeedSource {
        url: start_feed_server(feed.clone()).await?,
        interval: Duration::from_millis(100),
        max_backoff: Duration::from_secs(10),
    };
    let (trigger, task) = spawn_poller(&js, &names, source)?;
    wait_for(Duration::from_secs(20), || async {
        (lock(&feed).log.len() >= 2).then_some(())
    })
    .await?;
    let log: Vec<(Instant, u16)> = lock(&feed).log.clone();
    assert_eq!([log[0].1, log[1].1], [503, 200]);
    // Backoff alone would retry after 200 ms at most; the server asked for two seconds.
    let gap = log[1].0 - log[0].0;
    assert!(gap >= Duration::from_secs(2), "retried after {gap:?}");
    wait_for_stream_messages(
        &js,
        &names.articles_stream(),
        Duration::from_secs(10),
        |n| n == 2,
    )
    .await?;
    trigger.trigger();
    tokio::time::timeout(Duration::from_secs(10), task).await??;
    Ok(())
}
