//! `dateline bench`: the end-to-end load generator. Starts a nats-server with file storage and the real
//! extractor and aggregator binaries as separate processes, publishes synthetic wire copy at a given rate (or
//! as fast as possible), and reports sustained throughput, ingest → story-update latency percentiles, and the
//! CPU time and peak memory of every process.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use chrono::{DateTime, NaiveDate, Utc};
use dateline_ingest::publish::Publisher;
use dateline_shared::headers;
use dateline_shared::nats::NatsArgs;
use futures::StreamExt;
use tokio::process::{Child, Command};

use crate::local_nats::LocalNats;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Articles to publish.
    #[arg(long, default_value_t = 20_000)]
    articles: usize,
    /// Articles per second; 0 publishes as fast as JetStream takes them.
    #[arg(long, default_value_t = 0)]
    rate: u64,
    /// Distinct happenings the articles report (fewer = more corroborating reports per event).
    #[arg(long, default_value_t = 2_000)]
    storylines: usize,
    /// Extractor processes.
    #[arg(long, default_value_t = 1)]
    extractors: usize,
    /// Aggregator processes, each a partition storing the stories it owns; 1 runs the single aggregator.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=64))]
    aggregator_partitions: u32,
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    let store = tempfile_dir()?;
    let port = free_port()?;
    let server = LocalNats::start(port, &store).await?;
    let url = format!("nats://127.0.0.1:{port}");
    let result = bench(&args, &url, server.pid()).await;
    server.stop().await;
    let _ = std::fs::remove_dir_all(&store);
    result
}

fn tempfile_dir() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("dateline-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// A service binary built beside this one.
fn sibling(name: &str) -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let path = exe
        .parent()
        .map(|d| d.join(name))
        .context("locating binaries")?;
    if !path.exists() {
        bail!(
            "{} not found: build it first (cargo build --release --workspace)",
            path.display()
        );
    }
    Ok(path)
}

fn spawn_stage(binary: &Path, url: &str, env: &[(&str, String)]) -> anyhow::Result<Child> {
    Command::new(binary)
        .args(["--nats", url])
        .envs(env.iter().map(|(k, v)| (k, v)))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("starting {}", binary.display()))
}

async fn bench(args: &Args, url: &str, server_pid: Option<u32>) -> anyhow::Result<()> {
    let nats = NatsArgs::for_url(url);
    let client = nats.connect("dateline-bench").await?;
    let js = async_nats::jetstream::new(client.clone());
    let names = nats.names()?;
    dateline_shared::nats::declare_pipeline(&js, &names, nats.durability()).await?;

    let mut stages = Vec::new();
    for _ in 0..args.extractors {
        stages.push((
            "extractor".to_owned(),
            spawn_stage(&sibling("dateline-extractor")?, url, &[])?,
        ));
    }
    let partitions = args.aggregator_partitions;
    for partition in 0..partitions {
        let env = if partitions > 1 {
            vec![
                ("DATELINE_PARTITIONS", partitions.to_string()),
                ("DATELINE_PARTITION", partition.to_string()),
            ]
        } else {
            Vec::new()
        };
        let name = if partitions > 1 {
            format!("aggregator{partition}")
        } else {
            "aggregator".to_owned()
        };
        stages.push((
            name,
            spawn_stage(&sibling("dateline-aggregator")?, url, &env)?,
        ));
    }

    let start = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap_or_default();
    let articles = dateline_ingest::synthetic::articles(1, args.articles, args.storylines, start);
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();

    // Latency: every story update carries the time its article was published by ingest.
    let mut updates = client.subscribe(names.all("stories")).await?;
    let samples = std::sync::Arc::new(std::sync::Mutex::new(Vec::<i64>::new()));
    let latencies = tokio::spawn({
        let samples = samples.clone();
        async move {
            while let Some(message) = updates.next().await {
                let at = message
                    .headers
                    .as_ref()
                    .and_then(|h| h.get(headers::INGESTED_AT))
                    .map(|v| v.as_str().to_owned());
                if let Some(at) = at.and_then(|a| a.parse::<DateTime<Utc>>().ok()) {
                    let micros = (Utc::now() - at).num_microseconds().unwrap_or(0);
                    if let Ok(mut samples) = samples.lock() {
                        samples.push(micros);
                    }
                }
            }
        }
    });

    let publisher = Publisher::new(js.clone(), names.clone());
    let began = Instant::now();
    let batch = if args.rate == 0 {
        512
    } else {
        (args.rate as usize / 100).max(1)
    };
    for (i, chunk) in articles.chunks(batch).enumerate() {
        if args.rate > 0 {
            let due = Duration::from_secs_f64((i * batch) as f64 / args.rate as f64);
            if let Some(wait) = due.checked_sub(began.elapsed()) {
                tokio::time::sleep(wait).await;
            }
        }
        for result in publisher.publish_all(chunk).await {
            result?;
        }
    }
    let published = began.elapsed();
    // Effectively no deadline: a slow run is what the figures should show, not an error.
    dateline_shared::stage::wait_caught_up(
        &js,
        &names,
        Duration::from_millis(20),
        Duration::from_secs(24 * 3600),
    )
    .await?;
    let drained = began.elapsed();

    // Every process on the machine's cores, so the budget shows what bounds the run: the stages, the broker,
    // and this process (generating and publishing the articles, as ingest does).
    let mut usage = Vec::new();
    for (name, child) in &stages {
        if let Some(pid) = child.id() {
            usage.push((name.clone(), process_usage(pid)));
        }
    }
    if let Some(pid) = server_pid {
        usage.push(("nats-server".to_owned(), process_usage(pid)));
    }
    usage.push(("publisher".to_owned(), process_usage(std::process::id())));
    for (_, child) in &mut stages {
        if let Some(pid) = child.id() {
            let _ = Command::new("kill").arg(pid.to_string()).status().await;
        }
        let _ = tokio::time::timeout(Duration::from_secs(10), child.wait()).await;
    }
    client.flush().await?;
    drop(client);
    // The subscription never ends on its own (other handles keep the connection): stop it, keep what it saw.
    latencies.abort();
    let mut samples = samples.lock().map(|s| s.clone()).unwrap_or_default();
    samples.sort_unstable();

    let n = args.articles as f64;
    println!(
        "articles: {}  ({:.1} MB of text), storylines: {}, rate: {}",
        args.articles,
        bytes as f64 / 1e6,
        args.storylines,
        if args.rate == 0 {
            "as fast as possible".to_owned()
        } else {
            format!("{}/s", args.rate)
        }
    );
    println!(
        "published in {:.2} s, processed end to end in {:.2} s",
        published.as_secs_f64(),
        drained.as_secs_f64()
    );
    println!(
        "sustained throughput: {:.0} articles/s",
        n / drained.as_secs_f64()
    );
    if samples.is_empty() {
        println!("latency: no story updates observed");
    } else {
        let pct =
            |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize] as f64 / 1000.0;
        println!(
            "ingest → story update latency over {} updates: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            samples.len(), pct(0.50), pct(0.95), pct(0.99), pct(1.0)
        );
    }
    for (name, usage) in usage {
        println!(
            "{name:<11} cpu {:.2} s, peak memory {:.1} MiB, wrote {:.0} MB",
            usage.cpu_seconds,
            usage.peak_kib as f64 / 1024.0,
            usage.written_bytes as f64 / 1e6,
        );
    }
    Ok(())
}

/// What one process has used so far, from /proc.
struct Usage {
    /// User + system.
    cpu_seconds: f64,
    /// Peak resident memory.
    peak_kib: u64,
    /// Bytes through write calls, sockets and files alike: for a stage, what it sent the broker; for the
    /// broker, what it stored plus what it delivered.
    written_bytes: u64,
}

fn process_usage(pid: u32) -> Usage {
    let ticks = 100.0; // USER_HZ on Linux
    let cpu_seconds = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            let after = stat.rsplit_once(')')?.1;
            let fields: Vec<&str> = after.split_whitespace().collect();
            let utime: f64 = fields.get(11)?.parse().ok()?;
            let stime: f64 = fields.get(12)?.parse().ok()?;
            Some((utime + stime) / ticks)
        })
        .unwrap_or(0.0);
    let field = |file: &str, name: &str| -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/{file}"))
            .ok()
            .and_then(|text| {
                let line = text.lines().find(|l| l.starts_with(name))?;
                line.split_whitespace().nth(1)?.parse().ok()
            })
            .unwrap_or(0)
    };
    Usage {
        cpu_seconds,
        peak_kib: field("status", "VmHWM:"),
        written_bytes: field("io", "wchar:"),
    }
}
