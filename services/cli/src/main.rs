//! `dateline`: the one command a user runs.
//!
//! - `up` runs the whole pipeline (starting a local nats-server when none is reachable) and shows stories live;
//! - `feed` publishes articles, `watch` follows story changes, `dlq` lists dead letters;
//! - `extract`, `replay` and `eval` work offline, without NATS, on the same pure functions the services run.

// mimalloc rather than the system allocator: extraction and story encoding allocate many small strings,
// and glibc's malloc spent a sixth of `extract`'s time coalescing free chunks (benches/extract.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod commands;
mod display;
mod local_nats;
mod progress;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "dateline",
    version,
    about = "Wire news in, typed events and live stories out"
)]
struct Cli {
    /// Log as JSON lines instead of human-readable text.
    #[arg(long, global = true)]
    log_json: bool,
    /// A TOML configuration file (see deploy/dateline.toml); flags and environment override it.
    #[arg(long, global = true, env = "DATELINE_CONFIG")]
    config: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run ingest, extractor and aggregator together and print story updates live.
    Up(commands::up::Args),
    /// Publish article files, folders, JSON Lines (or `-` for stdin) to the pipeline.
    Feed(commands::feed::Args),
    /// End-to-end load generator: throughput, latency, CPU and memory of the real services.
    Bench(commands::bench::Args),
    /// List dead letters or re-drive them after a fix.
    Dlq(commands::dlq::Args),
    /// Follow story updates live in the terminal.
    Watch(commands::watch::Args),
    /// Serve the live desk (web page + HTTP API) for a running pipeline.
    Serve(commands::serve::Args),
    /// Offline: print each article's events as JSON Lines.
    Extract(commands::extract::Args),
    /// Offline: extract and aggregate in publication order; print the final stories as JSON.
    Replay(commands::replay::Args),
    /// Check a configuration file.
    Config(commands::config::Args),
    /// Offline: score extraction against a gold-annotated corpus (precision, recall, F1).
    Eval(commands::eval::Args),
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    dateline_shared::config::apply_from_args()?;
    let cli = Cli::parse();
    dateline_shared::telemetry::init_with_writer(cli.log_json, progress::LogWriter);
    let result = match cli.command {
        Command::Up(args) => commands::up::run(args, cli.config.as_deref()).await,
        Command::Feed(args) => commands::feed::run(args).await,
        Command::Bench(args) => commands::bench::run(args).await,
        Command::Dlq(args) => commands::dlq::run(args).await,
        Command::Watch(args) => commands::watch::run(args).await,
        Command::Serve(args) => commands::serve::run(args).await,
        Command::Extract(args) => commands::extract::run(args).await,
        Command::Replay(args) => commands::replay::run(args).await,
        Command::Config(args) => commands::config::run(args),
        Command::Eval(args) => commands::eval::run(args),
    };
    match result {
        Err(error) if closed_pipe(&error) => Ok(()),
        other => other,
    }
}

/// The reader of our stdout went away (`dateline extract ... | head`): the output was wanted no further,
/// which is no failure of the command.
fn closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}
