//! `dateline feed`: publish article files, folders, JSON Lines or stdin to the pipeline, with a progress bar
//! (rate and ETA, on a terminal only) and a summary of what was accepted, duplicated, rejected — grouped by
//! reason — and not published.

mod summary;

use anyhow::Context as _;
use dateline_ingest::formats::Limits;
use dateline_ingest::publish::{IngestReport, Publisher};
use dateline_shared::nats::NatsArgs;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Article files, folders, http(s) URLs of feeds, or `-` for stdin (any supported format).
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Largest article accepted, in bytes (headline + body).
    #[arg(long, default_value_t = Limits::default().max_article_bytes)]
    max_article_bytes: usize,
    #[command(flatten)]
    nats: NatsArgs,
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    let names = args.nats.names()?;
    let client = args.nats.connect("dateline-feed").await?;
    let js = async_nats::jetstream::new(client.clone());
    dateline_shared::nats::declare_pipeline(&js, &names, args.nats.durability()).await?;
    let limits = Limits {
        max_article_bytes: args.max_article_bytes,
        ..Limits::default()
    };
    let publisher = Publisher::new(js, names);
    let http = dateline_ingest::fetch::client()?;
    let inputs = dateline_ingest::inputs::expand(&args.inputs)?;
    let progress = crate::progress::bar(inputs.len() as u64, "files");
    let mut total = IngestReport::default();
    // One unreadable file among thousands should not lose the run: it is counted and named at the end.
    let mut unreadable = Vec::new();
    for input in &inputs {
        let name = if input == "-" {
            "stdin"
        } else {
            input.as_str()
        };
        match dateline_ingest::inputs::load(input, &http, &limits).await {
            Ok(bytes) => total.merge(publisher.ingest_document(name, &bytes, &limits).await),
            Err(error) => unreadable.push(error.to_string()),
        }
        progress.bar().set_message(format!(
            "{} accepted, {} rejected",
            total.accepted,
            total.rejected.len()
        ));
        progress.bar().inc(1);
    }
    progress.finish();
    client.flush().await.context("flushing NATS connection")?;
    eprint!("{}", summary::details(&total, &unreadable));
    println!("{}", summary::totals(&total, unreadable.len()));
    if !total.failed.is_empty() {
        anyhow::bail!(
            "{} articles were not published; feed them again",
            total.failed.len()
        );
    }
    if !unreadable.is_empty() {
        anyhow::bail!("{} inputs could not be read", unreadable.len());
    }
    Ok(())
}
