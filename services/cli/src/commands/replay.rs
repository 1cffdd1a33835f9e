//! `dateline replay`: offline extraction and aggregation in publication order; the final stories as JSON.

use std::path::PathBuf;

use chrono::NaiveDate;
use dateline_aggregator::Desk;
use dateline_ingest::formats::Limits;
use serde_json::json;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Article files, folders, or `-` for stdin (any supported format).
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Publication date for articles that carry none.
    #[arg(long)]
    published: Option<NaiveDate>,
    /// A lexicon file (TOML) to use instead of the built-in one.
    #[arg(long, env = "DATELINE_LEXICON")]
    lexicon: Option<PathBuf>,
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    let lexicon = super::lexicon(args.lexicon.as_ref())?;
    let mut parsed =
        dateline_ingest::inputs::parse_inputs(&args.inputs, &Limits::default()).await?;
    super::report_rejections(&parsed.rejected);
    super::supply_published(&mut parsed.articles, args.published);
    // Publication order, as the wire would have delivered them; undated last, input order kept on ties.
    parsed
        .articles
        .sort_by_key(|a| (a.published_at.is_none(), a.published_at));
    let mut desk = Desk::new();
    let now = chrono::Utc::now();
    for article in &parsed.articles {
        for event in dateline_extractor::extract(article, &lexicon) {
            desk.apply(event, now);
        }
    }
    let stories: Vec<_> = desk.stories().collect();
    println!(
        "{}",
        serde_json::to_string_pretty(&json!({ "stories": stories }))?
    );
    Ok(())
}
