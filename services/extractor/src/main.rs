//! `dateline-extractor`: runs the extractor stage alone, for deployment. Run as many as you like: they share
//! one durable consumer.

// mimalloc rather than the system allocator: extraction and story encoding allocate many small strings,
// and glibc's malloc spent a sixth of `extract`'s time coalescing free chunks (benches/extract.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use clap::Parser;
use dateline_extractor::Lexicon;
use dateline_shared::nats::NatsArgs;
use dateline_shared::ops::OpsArgs;
use dateline_shared::shutdown::Shutdown;
use dateline_shared::stage::StageArgs;

/// Turns articles into typed events: reads `<prefix>.articles.>`, publishes `<prefix>.events.<kind>`.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    #[command(flatten)]
    nats: NatsArgs,
    #[command(flatten)]
    stage: StageArgs,
    #[command(flatten)]
    ops: OpsArgs,
    /// A lexicon file (TOML) to use instead of the built-in one.
    #[arg(long, env = "DATELINE_LEXICON")]
    lexicon: Option<PathBuf>,
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
    let lexicon = match &args.lexicon {
        Some(path) => Lexicon::from_path(path)
            .with_context(|| format!("loading lexicon {}", path.display()))?,
        None => Lexicon::builtin().clone(),
    };
    let (client, pipeline) = args.nats.pipeline("dateline-extractor", args.stage).await?;
    let shutdown = Shutdown::on_signals();
    let ops = dateline_shared::ops::spawn(
        &args.ops,
        client.clone(),
        pipeline.readiness.clone(),
        shutdown.clone(),
    );
    dateline_extractor::service::run(pipeline, Arc::new(lexicon), shutdown)
        .await
        .context("extractor stopped with an error")?;
    ops.await?.context("ops endpoints")?;
    client.flush().await.context("flushing NATS connection")?;
    Ok(())
}
