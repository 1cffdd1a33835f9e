//! `dateline up` as a user runs it: the binary, a real nats-server, a real HTTP feed and real folders. Every
//! source the `--config` file lists runs beside the drop folder, and SIGTERM stops it all cleanly.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use axum::routing::get;
use dateline_shared::Names;
use dateline_tests::{
    stories_in_bucket, wait_for, wait_for_stream_messages, wait_until, NatsServer,
};

const FEED: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Wire: politics</title><link>http://harbour.example/</link>
<description>Politics desk</description>
<item><guid>hw-5101</guid><title>Chilean president arrives in Buenos Aires for two-day visit</title>
<pubDate>Wed, 04 Mar 2026 13:10:00 GMT</pubDate>
<description>BUENOS AIRES (Harbour Wire) - Chilean President Gabriel Boric arrived in Buenos Aires on Wednesday
for a two-day visit, the Argentine foreign ministry said.</description></item>
<item><guid>hw-5102</guid><title>Boric and Milei hold talks on lithium and border crossings</title>
<pubDate>Thu, 05 Mar 2026 16:40:00 GMT</pubDate>
<description>BUENOS AIRES (Harbour Wire) - Chilean President Gabriel Boric met Argentine President Javier Milei
at the Casa Rosada on Thursday, the two governments said.</description></item>
</channel></rss>"#;

const FILED_ARTICLE: &str = r#"{"id": "pw-7781", "outlet": "Pampas Wire", "published_at": "2026-03-05T18:00:00Z",
 "headline": "Boric leaves Buenos Aires for Montevideo",
 "body": "BUENOS AIRES (Pampas Wire) - Chilean President Gabriel Boric left Buenos Aires on Thursday evening for Montevideo, his office said."}"#;

/// Terminates the child on drop, so a failed assertion leaves no pipeline running.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn serve_feed() -> anyhow::Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/politics.rss", listener.local_addr()?);
    let router = axum::Router::new().route(
        "/politics.rss",
        get(|| async { ([("content-type", "application/rss+xml")], FEED) }),
    );
    tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(url)
}

fn write_config(path: &Path, feed: &str, folder: &Path) -> anyhow::Result<()> {
    let config = format!(
        "[[ingest.sources]]\nfeed = \"{feed}\"\ninterval_secs = 60\n\n\
         [[ingest.sources]]\nfolder = \"{}\"\npoll_ms = 100\n",
        folder.display()
    );
    std::fs::write(path, config)?;
    Ok(())
}

#[tokio::test]
async fn up_runs_the_configured_feeds_and_folders_and_stops_on_sigterm() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let work = tempfile::tempdir()?;
    let wire_folder = work.path().join("pampas");
    std::fs::create_dir_all(&wire_folder)?;
    let config = work.path().join("dateline.toml");
    write_config(&config, &serve_feed().await?, &wire_folder)?;

    let child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("--config")
        .arg(&config)
        .args(["up", "--http", "off", "--nats", &server.url(), "--drop"])
        .arg(work.path().join("drop"))
        .current_dir(work.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let mut up = Running(child);

    let client = async_nats::connect(server.url()).await?;
    let js = async_nats::jetstream::new(client);
    let names = Names::new("dateline")?;
    // The feed's two items arrive without anyone touching a folder.
    wait_for_stream_messages(
        &js,
        &names.articles_stream(),
        Duration::from_secs(60),
        |n| n >= 2,
    )
    .await?;
    // A file dropped into the configured folder (not the default drop folder) is ingested and moved aside.
    std::fs::write(wire_folder.join("pw-7781.json"), FILED_ARTICLE)?;
    let articles = wait_for_stream_messages(
        &js,
        &names.articles_stream(),
        Duration::from_secs(30),
        |n| n >= 3,
    )
    .await?;
    assert_eq!(articles, 3);
    // The file is moved aside only after its publish is acknowledged, so the move trails the stream.
    let filed = wire_folder.join("pw-7781.json");
    wait_for(Duration::from_secs(30), || async {
        (!filed.exists()).then_some(())
    })
    .await?;
    // And all three reach the story desk.
    let stories = wait_for(Duration::from_secs(30), || async {
        let stories = stories_in_bucket(&js, &names.stories_bucket()).await.ok()?;
        let reports: usize = stories
            .iter()
            .flat_map(|s| &s.events)
            .map(|e| e.sources.count())
            .sum();
        (reports >= 3).then_some(stories)
    })
    .await?;
    let kinds: std::collections::BTreeSet<&str> = stories
        .iter()
        .flat_map(|s| &s.events)
        .map(|e| e.kind.as_str())
        .collect();
    for kind in ["arrival", "meeting", "departure"] {
        assert!(kinds.contains(kind), "no {kind} in {stories:#?}");
    }

    let pid = up.0.id().to_string();
    let sent = Command::new("kill").args(["-TERM", &pid]).status()?;
    assert!(sent.success());
    let mut exit = None;
    wait_until(Duration::from_secs(30), || {
        exit = up.0.try_wait().ok().flatten();
        exit.is_some()
    })?;
    assert!(exit.is_some_and(|status| status.success()), "{exit:?}");
    Ok(())
}
