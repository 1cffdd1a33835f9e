//! `dateline eval`: precision, recall and F1 of extraction against a gold-annotated corpus.

use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A corpus folder with `articles/` and `gold/` (see corpus/dev/README.md).
    gold_dir: PathBuf,
    /// A lexicon file (TOML) to use instead of the built-in one.
    #[arg(long, env = "DATELINE_LEXICON")]
    lexicon: Option<PathBuf>,
    /// List every miss, false positive and field mismatch, not only the first few.
    #[arg(long)]
    all_errors: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let lexicon = super::lexicon(args.lexicon.as_ref())?;
    let corpus = dateline_extractor::eval::load_corpus(&args.gold_dir)?;
    let pairs: Vec<_> = corpus
        .into_iter()
        .map(|(article, gold)| {
            let events = dateline_extractor::extract(&article, &lexicon);
            (gold, events)
        })
        .collect();
    let report = dateline_extractor::eval::score(&pairs);
    // Written, not printed: `dateline eval ... | head` closes the pipe early, which main treats as done.
    let mut out = std::io::stdout().lock();
    if args.all_errors {
        writeln!(out, "{report:#}")?;
    } else {
        writeln!(out, "{report}")?;
    }
    Ok(())
}
