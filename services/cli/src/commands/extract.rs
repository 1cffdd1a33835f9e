//! `dateline extract`: offline extraction, one JSON object per event on stdout.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use dateline_ingest::formats::Limits;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Article files, folders, or `-` for stdin (any supported format).
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Publication date for articles that carry none, so that "on Tuesday" can be resolved.
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
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for article in &parsed.articles {
        for event in dateline_extractor::extract(article, &lexicon) {
            serde_json::to_writer(&mut out, &event)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(())
}
