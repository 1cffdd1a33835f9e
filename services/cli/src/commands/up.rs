//! `dateline up`: the whole pipeline in one process — ingest (the drop folder, and every feed and folder the
//! `--config` file lists as `[[ingest.sources]]`), extractor and aggregator — with story updates printed live.
//! Starts a local nats-server when nothing listens at `--nats`.
//!
//! `--demo` also feeds the bundled sample articles, waits until every stage has caught up, prints the stories
//! and exits (add `--stay` to keep running).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use async_nats::jetstream::consumer::DeliverPolicy;
use dateline_ingest::formats::Limits;
use dateline_ingest::publish::Publisher;
use dateline_shared::nats::NatsArgs;
use dateline_shared::shutdown::Shutdown;
use dateline_shared::sources::{FolderSource, Source, DEFAULT_FOLDER_POLL};
use dateline_shared::stage::StageArgs;
use dateline_shared::Names;

use crate::local_nats::{self, LocalNats};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Feed the bundled sample articles, show the stories form, and exit when every stage has caught up.
    #[arg(long)]
    demo: bool,
    /// With --demo: keep running after the samples are processed.
    #[arg(long, requires = "demo")]
    stay: bool,
    /// The sample articles --demo feeds.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples"))]
    samples: PathBuf,
    /// Drop folder watched for new article files.
    #[arg(long, default_value = ".dateline/drop")]
    drop: PathBuf,
    /// Where a locally started nats-server keeps its JetStream data.
    #[arg(long, default_value = ".dateline/nats")]
    store: PathBuf,
    /// Address of the live desk (web page and HTTP API); `off` to disable.
    #[arg(long, default_value = "127.0.0.1:8080")]
    http: String,
    /// A lexicon file (TOML) to use instead of the built-in one.
    #[arg(long, env = "DATELINE_LEXICON")]
    lexicon: Option<PathBuf>,
    #[command(flatten)]
    nats: NatsArgs,
    #[command(flatten)]
    stage: StageArgs,
    #[command(flatten)]
    lease: dateline_shared::lease::LeaseArgs,
}

pub async fn run(args: Args, config: Option<&Path>) -> anyhow::Result<()> {
    let lexicon = Arc::new(super::lexicon(args.lexicon.as_ref())?);
    // Read before anything starts, so a bad source list is an error, not a half-started pipeline.
    let mut sources = match config {
        Some(path) => dateline_shared::sources::load(path)?,
        None => Vec::new(),
    };
    let drop_folder = Source::Folder(FolderSource {
        dir: args.drop.clone(),
        poll: DEFAULT_FOLDER_POLL,
    });
    if !sources.contains(&drop_folder) {
        sources.insert(0, drop_folder);
    }
    let local = if local_nats::is_listening(&args.nats.url).await {
        None
    } else {
        let (_, port) = local_nats::host_port(&args.nats.url);
        // A demo starts from a clean store so that it shows stories forming, not a replay of the last run.
        let store = if args.demo {
            args.store.join("demo")
        } else {
            args.store.clone()
        };
        if args.demo && store.exists() {
            std::fs::remove_dir_all(&store)
                .with_context(|| format!("clearing {}", store.display()))?;
        }
        Some(LocalNats::start(port, &store).await?)
    };
    let result = run_pipeline(&args, lexicon, sources).await;
    if let Some(server) = local {
        server.stop().await;
    }
    result
}

async fn run_pipeline(
    args: &Args,
    lexicon: Arc<dateline_extractor::Lexicon>,
    sources: Vec<Source>,
) -> anyhow::Result<()> {
    let (client, pipeline) = args.nats.pipeline("dateline-up", args.stage).await?;
    pipeline.declare().await?;
    let (js, names) = (pipeline.js.clone(), pipeline.names.clone());

    let (trigger, shutdown) = Shutdown::new();
    let mut signals = Shutdown::on_signals();
    let extractor = tokio::spawn(dateline_extractor::service::run(
        pipeline.clone(),
        lexicon,
        shutdown.clone(),
    ));
    let aggregator = tokio::spawn(dateline_aggregator::service::run(
        pipeline.clone(),
        args.lease.clone(),
        shutdown.clone(),
    ));
    let publisher = Publisher::new(js.clone(), names.clone());
    for source in &sources {
        eprintln!("ingesting from {source}");
    }
    let ingest =
        dateline_ingest::sources::spawn_all(sources, &publisher, &Limits::default(), &shutdown)?;
    let printer = {
        let js = js.clone();
        let names = names.clone();
        tokio::spawn(async move {
            let stream = names.stories_stream();
            if let Err(error) = super::watch::follow(
                &js,
                &stream,
                names.all("stories"),
                DeliverPolicy::New,
                false,
                |_| true,
            )
            .await
            {
                tracing::warn!(%error, "story printer stopped");
            }
        })
    };
    let desk = if args.http == "off" {
        None
    } else {
        let addr: std::net::SocketAddr = args.http.parse().with_context(|| {
            format!("--http {} is not an address like 127.0.0.1:8080", args.http)
        })?;
        eprintln!("live desk: http://{addr}/");
        Some(tokio::spawn(dateline_aggregator::web::serve(
            js.clone(),
            names.clone(),
            addr,
            shutdown.clone(),
        )))
    };
    eprintln!(
        "dateline is up: drop article files into {} (Ctrl-C to stop)",
        args.drop.display()
    );

    if args.demo {
        let inputs = vec![args.samples.display().to_string()];
        let mut report = dateline_ingest::publish::IngestReport::default();
        for input in dateline_ingest::inputs::expand(&inputs)? {
            let bytes = dateline_ingest::inputs::read_input(&input, &Limits::default())?;
            report.merge(
                publisher
                    .ingest_document(&input, &bytes, &Limits::default())
                    .await,
            );
        }
        super::report_rejections(&report.rejected);
        eprintln!(
            "fed {} sample articles ({} duplicates)",
            report.accepted, report.duplicates
        );
        tokio::select! {
            caught_up = dateline_shared::stage::wait_caught_up(&js, &names, Duration::from_millis(100), Duration::from_secs(120)) => caught_up?,
            _ = signals.wait() => {}
        }
        print_stories(&js, &names).await?;
        if !args.stay {
            trigger.trigger();
        }
    }
    if !shutdown.is_triggered() {
        signals.wait().await;
        trigger.trigger();
    }
    printer.abort();
    if let Some(desk) = desk {
        desk.await?.context("live desk")?;
    }
    for source in ingest {
        source.await.context("ingest source panicked")?;
    }
    extractor.await?.context("extractor")?;
    aggregator.await?.context("aggregator")?;
    client.flush().await.context("flushing NATS connection")?;
    Ok(())
}

async fn print_stories(js: &async_nats::jetstream::Context, names: &Names) -> anyhow::Result<()> {
    use futures::TryStreamExt;
    let kv = js.get_key_value(names.stories_bucket()).await?;
    let keys: Vec<String> = kv.keys().await?.try_collect().await?;
    println!("\n{} stories:", keys.len());
    for key in keys {
        if let Some(value) = kv.get(&key).await? {
            let story: dateline_shared::Story = serde_json::from_slice(&value)?;
            print!("{}", crate::display::render_story(&story));
        }
    }
    Ok(())
}
