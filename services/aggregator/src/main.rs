//! `dateline-aggregator`: runs the aggregator stage alone, for deployment.

// mimalloc rather than the system allocator: extraction and story encoding allocate many small strings,
// and glibc's malloc spent a sixth of `extract`'s time coalescing free chunks (benches/extract.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::Context as _;
use clap::Parser;
use dateline_shared::nats::NatsArgs;
use dateline_shared::ops::OpsArgs;
use dateline_shared::shutdown::Shutdown;
use dateline_shared::stage::StageArgs;

/// Merges events into live stories: reads `<prefix>.events.>`, writes the `<prefix>_stories` bucket and
/// publishes every change on `<prefix>.stories.<id>`.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    #[command(flatten)]
    nats: NatsArgs,
    #[command(flatten)]
    stage: StageArgs,
    #[command(flatten)]
    ops: OpsArgs,
    #[command(flatten)]
    lease: dateline_shared::lease::LeaseArgs,
    #[command(flatten)]
    partitions: dateline_aggregator::partitioned::PartitionArgs,
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
    let (client, pipeline) = args
        .nats
        .pipeline("dateline-aggregator", args.stage)
        .await?;
    let shutdown = Shutdown::on_signals();
    let ops = dateline_shared::ops::spawn(
        &args.ops,
        client.clone(),
        pipeline.readiness.clone(),
        shutdown.clone(),
    );
    let partition = dateline_aggregator::ownership::Partition::new(
        args.partitions.partition,
        args.partitions.partitions,
    )?;
    let stopped = if partition.count() > 1 {
        dateline_aggregator::partitioned::run(pipeline, partition, args.lease, shutdown).await
    } else {
        dateline_aggregator::service::run(pipeline, args.lease, shutdown).await
    };
    stopped.context("aggregator stopped with an error")?;
    ops.await?.context("ops endpoints")?;
    client.flush().await.context("flushing NATS connection")?;
    Ok(())
}
