//! `dateline feed`: publish article files, folders, JSON Lines or stdin to the pipeline, with a summary of
//! what was accepted, duplicated and rejected (and why).

use anyhow::Context as _;
use dateline_ingest::formats::Limits;
use dateline_ingest::publish::Publisher;
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
    let mut total = dateline_ingest::publish::IngestReport::default();
    for input in dateline_ingest::inputs::expand(&args.inputs)? {
        let bytes = dateline_ingest::inputs::load(&input, &http, &limits).await?;
        let name = if input == "-" {
            "stdin"
        } else {
            input.as_str()
        };
        total.merge(publisher.ingest_document(name, &bytes, &limits).await);
    }
    client.flush().await.context("flushing NATS connection")?;
    super::report_rejections(&total.rejected);
    for failure in &total.failed {
        eprintln!("not published: {failure}");
    }
    println!(
        "accepted {}, duplicates {}, rejected {}, failed {}",
        total.accepted,
        total.duplicates,
        total.rejected.len(),
        total.failed.len()
    );
    if !total.failed.is_empty() {
        anyhow::bail!(
            "{} articles were not published; feed them again",
            total.failed.len()
        );
    }
    Ok(())
}
