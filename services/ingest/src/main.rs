//! `dateline-ingest`: runs the ingest stage alone, for deployment: watches drop folders and publishes every
//! valid article to `<prefix>.articles.<outlet>`.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use clap::Parser;
use dateline_ingest::folder::DropFolder;
use dateline_ingest::formats::Limits;
use dateline_ingest::publish::Publisher;
use dateline_shared::nats::NatsArgs;
use dateline_shared::ops::{OpsArgs, Readiness};
use dateline_shared::shutdown::Shutdown;

/// Takes articles from wire drop folders and publishes them, validated and deduplicated, to JetStream.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// A drop folder to watch (repeatable). Ingested files move to `processed/`, unusable ones to `rejected/`.
    #[arg(
        long = "watch",
        env = "DATELINE_WATCH",
        value_delimiter = ',',
        required = true
    )]
    watch: Vec<PathBuf>,
    /// How often to look for new files, in milliseconds.
    #[arg(long, default_value_t = 500)]
    poll_ms: u64,
    /// Largest article accepted, in bytes (headline + body).
    #[arg(long, env = "DATELINE_MAX_ARTICLE_BYTES", default_value_t = Limits::default().max_article_bytes)]
    max_article_bytes: usize,
    #[command(flatten)]
    nats: NatsArgs,
    #[command(flatten)]
    ops: OpsArgs,
    /// Log as JSON lines instead of human-readable text.
    #[arg(long)]
    log_json: bool,
    /// A TOML configuration file (see deploy/dateline.toml); flags and environment override it.
    #[arg(long, env = "DATELINE_CONFIG")]
    config: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    dateline_shared::config::apply_from_args()?;
    let args = Args::parse();
    dateline_shared::telemetry::init(args.log_json);
    let names = args.nats.names()?;
    let client = args.nats.connect("dateline-ingest").await?;
    let js = async_nats::jetstream::new(client.clone());
    dateline_shared::nats::declare_pipeline(&js, &names, args.nats.durability()).await?;
    let publisher = Publisher::new(js, names);
    let limits = Limits {
        max_article_bytes: args.max_article_bytes,
        ..Limits::default()
    };
    let shutdown = Shutdown::on_signals();
    let readiness = Readiness::default();
    readiness.set_ready();
    let ops = dateline_shared::ops::spawn(&args.ops, client.clone(), readiness, shutdown.clone());
    let mut tasks = Vec::new();
    for dir in &args.watch {
        let folder = DropFolder::new(dir)
            .with_context(|| format!("opening drop folder {}", dir.display()))?;
        let publisher = publisher.clone();
        let shutdown = shutdown.clone();
        let interval = Duration::from_millis(args.poll_ms);
        let limits = limits.clone();
        tasks.push(tokio::spawn(async move {
            folder.watch(&publisher, &limits, interval, shutdown).await
        }));
    }
    for task in tasks {
        task.await.context("drop folder task failed")?;
    }
    ops.await?.context("ops endpoints")?;
    client.flush().await.context("flushing NATS connection")?;
    Ok(())
}
