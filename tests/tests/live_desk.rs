//! The live desk in a real headless browser: Debian's chromium driven through chromedriver (WebDriver). The
//! page is loaded, an article is fed, and the change must appear on the page without a reload.
//!
//! Set `DATELINE_SCREENSHOT=path.png` to keep a screenshot of the page (the README's picture comes from here).

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{bail, Context as _};
use base64::Engine as _;
use dateline_extractor::Lexicon;
use dateline_ingest::formats::Limits;
use dateline_shared::shutdown::Shutdown;
use dateline_shared::Article;
use dateline_tests::pipeline::{wait_for_reports, RunningPipeline};
use dateline_tests::{free_port, wait_for, wait_until, NatsServer};
use serde_json::{json, Value};

struct Driver {
    process: Child,
    base: String,
    http: reqwest::Client,
    session: String,
    _profile: tempfile::TempDir,
}

impl Driver {
    async fn start() -> anyhow::Result<Self> {
        let chromium =
            std::env::var("CHROMIUM_BIN").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
        let driver = std::env::var("CHROMEDRIVER_BIN")
            .unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned());
        if !std::path::Path::new(&driver).exists() {
            bail!("{driver} not found: install chromium and chromium-driver (deploy/test.sh does)");
        }
        let port = free_port()?;
        let process = Command::new(&driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {driver}"))?;
        wait_until(Duration::from_secs(20), || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        })?;
        let http = dateline_ingest::fetch::client()?;
        let base = format!("http://127.0.0.1:{port}");
        let profile = tempfile::tempdir()?;
        let capabilities = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--window-size=1280,900",
                     format!("--user-data-dir={}", profile.path().display())]}}}});
        let mut driver = Self {
            process,
            base,
            http,
            session: String::new(),
            _profile: profile,
        };
        let created = driver.call("POST", "/session", capabilities).await?;
        driver.session = created["sessionId"]
            .as_str()
            .context("no session id")?
            .to_owned();
        Ok(driver)
    }

    async fn call(&self, method: &str, path: &str, body: Value) -> anyhow::Result<Value> {
        let url = if path == "/session" {
            format!("{}{path}", self.base)
        } else {
            format!("{}/session/{}{path}", self.base, self.session)
        };
        let request = match method {
            "POST" => self
                .http
                .post(&url)
                .header("content-type", "application/json")
                .body(body.to_string()),
            "DELETE" => self.http.delete(&url),
            _ => self.http.get(&url),
        };
        let response: Value = serde_json::from_slice(&request.send().await?.bytes().await?)?;
        if let Some(error) = response["value"].get("error") {
            bail!(
                "webdriver {method} {path}: {error} {}",
                response["value"]["message"]
            );
        }
        Ok(response["value"].clone())
    }

    async fn script(&self, code: &str) -> anyhow::Result<Value> {
        self.call("POST", "/execute/sync", json!({"script": code, "args": []}))
            .await
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_live_desk_shows_a_new_story_as_it_forms() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let pipeline = RunningPipeline::start(&server).await?;
    let port = free_port()?;
    let addr: std::net::SocketAddr = ([127, 0, 0, 1], port).into();
    let (stop_web, web_shutdown) = Shutdown::new();
    let web = tokio::spawn(dateline_aggregator::web::serve(
        pipeline.js.clone(),
        pipeline.names.clone(),
        addr,
        web_shutdown,
    ));
    wait_until(Duration::from_secs(10), || {
        std::net::TcpStream::connect(addr).is_ok()
    })?;

    let driver = Driver::start().await?;
    driver
        .call("POST", "/url", json!({"url": format!("http://{addr}/")}))
        .await?;
    wait_for(Duration::from_secs(20), || async {
        let state = driver
            .script("return document.querySelector('#state').textContent")
            .await
            .ok()?;
        (state == "live").then_some(())
    })
    .await
    .context("the page never connected to the live stream")?;

    let article = br#"{"id": "desk-1", "outlet": "Kyodo", "published_at": "2024-07-09T10:00:00+09:00",
      "headline": "Japanese premier lands in Manila for security talks",
      "body": "MANILA (Kyodo) - Japanese Prime Minister Fumio Kishida arrived in Manila on Tuesday for talks with Philippine President Ferdinand Marcos Jr, officials said."}"#;
    ingest_one(&pipeline, "desk-1.json", article).await;

    let shown = wait_for(Duration::from_secs(30), || async {
        let text = driver
            .script("const c = document.querySelector('#changes li'); const s = document.querySelector('#stories li'); return c && s ? s.textContent + ' | ' + c.textContent : null")
            .await
            .ok()?;
        text.as_str().map(str::to_owned)
    })
    .await
    .context("no change appeared on the page")?;
    assert!(shown.contains("Fumio Kishida"), "page shows: {shown}");
    assert!(
        shown.contains("per Kyodo"),
        "the change names its source: {shown}"
    );
    let timeline = driver
        .script("return document.querySelector('#detail tbody').textContent")
        .await?;
    assert!(
        timeline.as_str().is_some_and(|t| t.contains("Manila")),
        "timeline: {timeline}"
    );

    // A later report adds an event to the story. Its update carries only that event: the page merges it
    // into the copy it holds, so the events shown before stay, in story order.
    let first_events = dateline_extractor::extract(
        &serde_json::from_slice::<Article>(article)?,
        Lexicon::builtin(),
    )
    .len();
    let stored = wait_for_reports(&pipeline.js, &pipeline.names.stories_bucket(), first_events)
        .await
        .map_err(|held| anyhow::anyhow!("{held} of {first_events} reports stored"))?;
    let [story] = &stored[..] else {
        bail!("one story expected from the first article, the bucket holds {stored:?}");
    };
    let rows_before = wait_for(Duration::from_secs(30), || async {
        let shown = rows(&driver).await.ok()?;
        (shown.len() == story.events.len()).then_some(shown)
    })
    .await
    .with_context(|| {
        format!(
            "the page never showed the {} events stored",
            story.events.len()
        )
    })?;
    let departure = br#"{"id": "desk-2", "outlet": "Philippine News Agency", "published_at": "2024-07-11T15:00:00+08:00",
      "headline": "Kishida wraps up Manila visit",
      "body": "MANILA - Japanese Prime Minister Fumio Kishida left Manila for Tokyo on Thursday after two days of talks, the presidential communications office said."}"#;
    ingest_one(&pipeline, "desk-2.json", departure).await;
    let merged = wait_for(Duration::from_secs(30), || async {
        let shown = rows(&driver).await.ok()?;
        shown
            .iter()
            .any(|r| r.contains("departure"))
            .then_some(shown)
    })
    .await
    .context("the departure never joined the story on the page")?;
    assert_eq!(
        merged[..rows_before.len()],
        rows_before[..],
        "the events shown before the update stay as they were"
    );
    assert_eq!(merged.len(), rows_before.len() + 1, "rows: {merged:?}");
    let listed = driver
        .script("return document.querySelector('#stories li .meta').textContent")
        .await?;
    let expected = format!("{} events", merged.len());
    assert!(
        listed.as_str().is_some_and(|t| t.starts_with(&expected)),
        "story list: {listed}, expected {expected}"
    );

    if let Ok(path) = std::env::var("DATELINE_SCREENSHOT") {
        let png = driver.call("GET", "/screenshot", Value::Null).await?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().context("screenshot not a string")?)?;
        std::fs::write(&path, bytes).with_context(|| format!("writing {path}"))?;
    }
    driver.call("DELETE", "", Value::Null).await?;
    stop_web.trigger();
    web.await??;
    pipeline.stop().await
}

/// The rows of the story shown in detail, as text.
async fn rows(driver: &Driver) -> anyhow::Result<Vec<String>> {
    let rows = driver
        .script("return [...document.querySelectorAll('#detail tbody tr')].map(r => r.textContent)")
        .await?;
    Ok(serde_json::from_value(rows)?)
}

/// Ingests one article, which must be accepted.
async fn ingest_one(pipeline: &RunningPipeline, name: &str, article: &[u8]) {
    let report = pipeline
        .publisher()
        .ingest_document(name, article, &Limits::default())
        .await;
    assert_eq!(report.accepted, 1, "{name}: {:?}", report.rejected);
}
