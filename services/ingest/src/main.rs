//! `dateline-ingest`: runs the ingest stage alone, for deployment: polls the feeds and watches the drop
//! folders listed as `[[ingest.sources]]` in the configuration file (and folders given with `--watch`),
//! serves the push endpoint when asked, and publishes every valid article to `<prefix>.articles.<outlet>`.
//! All sources run concurrently; SIGTERM or Ctrl-C stops them after the publish in flight is acknowledged.

// mimalloc rather than the system allocator: extraction and story encoding allocate many small strings,
// and glibc's malloc spent a sixth of `extract`'s time coalescing free chunks (benches/extract.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use clap::Parser;
use dateline_ingest::formats::Limits;
use dateline_ingest::publish::Publisher;
use dateline_ingest::push::PushArgs;
use dateline_shared::nats::NatsArgs;
use dateline_shared::ops::{OpsArgs, Readiness};
use dateline_shared::shutdown::Shutdown;
use dateline_shared::sources::{FolderSource, Source};

/// Takes articles from wire feeds, drop folders and webhooks and publishes them, validated and deduplicated,
/// to JetStream. Feeds are listed as [[ingest.sources]] in the --config file.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// A drop folder to watch (repeatable). Ingested files move to `processed/`, unusable ones to `rejected/`.
    #[arg(long = "watch", env = "DATELINE_WATCH", value_delimiter = ',')]
    watch: Vec<PathBuf>,
    /// How often to look for new files in --watch folders, in milliseconds.
    #[arg(long, default_value_t = 500)]
    poll_ms: u64,
    /// Largest article accepted, in bytes (headline + body).
    #[arg(long, env = "DATELINE_MAX_ARTICLE_BYTES", default_value_t = Limits::default().max_article_bytes)]
    max_article_bytes: usize,
    #[command(flatten)]
    push: PushArgs,
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
    let push = args.push.settings()?;
    let mut sources = match &args.config {
        Some(path) => dateline_shared::sources::load(path)?,
        None => Vec::new(),
    };
    for dir in &args.watch {
        let folder = Source::Folder(FolderSource {
            dir: dir.clone(),
            poll: Duration::from_millis(args.poll_ms),
        });
        // The file's `[ingest] watch` reaches us through DATELINE_WATCH too; one watcher per folder.
        if !sources.contains(&folder) {
            sources.push(folder);
        }
    }
    if sources.is_empty() && push.is_none() {
        anyhow::bail!(
            "nothing to ingest from: list [[ingest.sources]] in the --config file, or give --watch DIR or --push-listen ADDR"
        );
    }
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
    let mut push_endpoint = None;
    if let Some(settings) = &push {
        let listener = dateline_ingest::push::bind(settings).await?;
        let router = dateline_ingest::push::router(publisher.clone(), limits.clone(), settings);
        let shutdown = shutdown.clone();
        push_endpoint = Some(tokio::spawn(async move {
            dateline_ingest::push::serve(listener, router, shutdown)
                .await
                .context("push endpoint")
        }));
    }
    let sources = dateline_ingest::sources::spawn_all(sources, &publisher, &limits, &shutdown)?;
    readiness.set_ready();
    let ops = dateline_shared::ops::spawn(&args.ops, client.clone(), readiness, shutdown.clone());
    if let Some(task) = push_endpoint {
        task.await.context("push endpoint panicked")??;
    }
    for source in sources {
        source.await.context("ingest source panicked")?;
    }
    ops.await?.context("ops endpoints")?;
    client.flush().await.context("flushing NATS connection")?;
    Ok(())
}
