//! One module per subcommand.

pub mod bench;
pub mod config;
pub mod dlq;
pub mod eval;
pub mod extract;
pub mod feed;
pub mod replay;
pub mod serve;
pub mod up;
pub mod watch;

use std::path::PathBuf;

use anyhow::Context as _;
use chrono::NaiveDate;
use dateline_extractor::Lexicon;
use dateline_shared::Article;

/// Loads the lexicon named on the command line, or the built-in one.
pub fn lexicon(path: Option<&PathBuf>) -> anyhow::Result<Lexicon> {
    match path {
        Some(path) => {
            Lexicon::from_path(path).with_context(|| format!("loading lexicon {}", path.display()))
        }
        None => Ok(Lexicon::builtin().clone()),
    }
}

/// Gives articles without a publication time the one the user supplied (`--published`).
pub fn supply_published(articles: &mut [Article], published: Option<NaiveDate>) {
    let Some(date) = published else { return };
    let midnight = date
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().fixed_offset());
    for article in articles.iter_mut().filter(|a| a.published_at.is_none()) {
        article.published_at = midnight;
        article.published_date_only = true;
    }
}

/// Prints what was rejected to stderr, one clear line each.
pub fn report_rejections(rejected: &[dateline_ingest::formats::Rejection]) {
    for rejection in rejected {
        eprintln!("rejected: {rejection}");
    }
}
