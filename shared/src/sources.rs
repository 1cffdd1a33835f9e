//! The wire subscriptions ingest runs: `[[ingest.sources]]` in the configuration file, each a feed to poll
//! or a drop folder to watch.
//!
//! A list of tables has no place in the flat key → environment-variable mapping of [`crate::config`], so it
//! is read here as typed values with serde, from the same file, and checked as strictly: an unknown key, a
//! missing or doubled kind, a URL that is not http(s) or an interval of zero is an error naming the file,
//! the entry and the problem — at `dateline config check` and at start-up, never at the first poll.
//!
//! ```toml
//! [[ingest.sources]]
//! feed = "https://example.org/world.rss"
//! interval_secs = 120          # default 300
//! max_backoff_secs = 1800      # after errors, polls slow down to at most this; default 3600
//!
//! [[ingest.sources]]
//! folder = "/var/spool/dateline/reuters"
//! poll_ms = 500                # default 500
//! ```

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::config::ConfigError;

pub const DEFAULT_FEED_INTERVAL: Duration = Duration::from_secs(300);
pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(3600);
pub const DEFAULT_FOLDER_POLL: Duration = Duration::from_millis(500);

/// One configured source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Feed(FeedSource),
    Folder(FolderSource),
}

/// An RSS/Atom (or any supported format) URL polled with conditional GET.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedSource {
    pub url: String,
    /// Time between polls while the feed answers.
    pub interval: Duration,
    /// The longest wait between polls while it keeps failing.
    pub max_backoff: Duration,
}

/// A drop folder swept for new files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderSource {
    pub dir: PathBuf,
    pub poll: Duration,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Feed(feed) => write!(
                f,
                "feed {} every {}s (after errors at most every {}s)",
                feed.url,
                feed.interval.as_secs(),
                feed.max_backoff.as_secs()
            ),
            Source::Folder(folder) => write!(
                f,
                "folder {} every {}ms",
                folder.dir.display(),
                folder.poll.as_millis()
            ),
        }
    }
}

/// An entry as written; [`entry`] turns it into a [`Source`] or says what is wrong.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    feed: Option<String>,
    folder: Option<PathBuf>,
    interval_secs: Option<u64>,
    max_backoff_secs: Option<u64>,
    poll_ms: Option<u64>,
}

/// The sources in the configuration file at `path`; none when it has no `[[ingest.sources]]`.
pub fn load(path: &Path) -> Result<Vec<Source>, ConfigError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: shown.clone(),
        source,
    })?;
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| ConfigError::Invalid {
            path: shown.clone(),
            message: e.to_string(),
        })?;
    from_table(&shown, &table)
}

/// The sources in an already parsed configuration file, checked.
pub fn from_table(path: &str, table: &toml::Table) -> Result<Vec<Source>, ConfigError> {
    let invalid = |message: String| ConfigError::Invalid {
        path: path.to_owned(),
        message,
    };
    let Some(listed) = table.get("ingest").and_then(|i| i.get("sources")) else {
        return Ok(Vec::new());
    };
    let entries = listed.as_array().ok_or_else(|| {
        invalid("[ingest] sources must be a list of tables, written [[ingest.sources]]".to_owned())
    })?;
    let mut sources = Vec::with_capacity(entries.len());
    for (i, value) in entries.iter().enumerate() {
        let n = i + 1;
        let written: Entry = value.clone().try_into().map_err(|e: toml::de::Error| {
            invalid(format!("[[ingest.sources]] #{n}: {}", e.message()))
        })?;
        let source = entry(written)
            .map_err(|problem| invalid(format!("[[ingest.sources]] #{n}: {problem}")))?;
        if sources.contains(&source) {
            return Err(invalid(format!(
                "[[ingest.sources]] #{n}: listed twice ({source})"
            )));
        }
        sources.push(source);
    }
    Ok(sources)
}

fn entry(written: Entry) -> Result<Source, String> {
    let seconds = |key: &str, value: Option<u64>, default: Duration| match value {
        Some(0) => Err(format!("`{key}` must be at least 1")),
        Some(secs) => Ok(Duration::from_secs(secs)),
        None => Ok(default),
    };
    match (written.feed, written.folder) {
        (Some(url), None) => {
            if written.poll_ms.is_some() {
                return Err("`poll_ms` is for folders; a feed takes `interval_secs`".to_owned());
            }
            check_url(&url)?;
            let interval = seconds(
                "interval_secs",
                written.interval_secs,
                DEFAULT_FEED_INTERVAL,
            )?;
            let max_backoff = seconds(
                "max_backoff_secs",
                written.max_backoff_secs,
                DEFAULT_MAX_BACKOFF.max(interval),
            )?;
            if max_backoff < interval {
                return Err(format!(
                    "`max_backoff_secs` ({}) is shorter than `interval_secs` ({}): errors would poll more often",
                    max_backoff.as_secs(),
                    interval.as_secs()
                ));
            }
            Ok(Source::Feed(FeedSource {
                url,
                interval,
                max_backoff,
            }))
        }
        (None, Some(dir)) => {
            if written.interval_secs.is_some() || written.max_backoff_secs.is_some() {
                return Err(
                    "a folder takes `poll_ms`, not `interval_secs` or `max_backoff_secs`"
                        .to_owned(),
                );
            }
            if dir.as_os_str().is_empty() {
                return Err("`folder` is empty".to_owned());
            }
            let poll = match written.poll_ms {
                Some(0) => return Err("`poll_ms` must be at least 1".to_owned()),
                Some(ms) => Duration::from_millis(ms),
                None => DEFAULT_FOLDER_POLL,
            };
            Ok(Source::Folder(FolderSource { dir, poll }))
        }
        (Some(_), Some(_)) => {
            Err("has both `feed` and `folder`; use one entry for each".to_owned())
        }
        (None, None) => Err("needs `feed = \"https://...\"` or `folder = \"/path\"`".to_owned()),
    }
}

fn check_url(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("feed `{url}` is not an http:// or https:// URL"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || url.chars().any(char::is_whitespace) {
        return Err(format!("feed `{url}` is not a usable URL"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(text: &str) -> Result<Vec<Source>, String> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
        from_table("deploy/x.toml", &table).map_err(|e| e.to_string())
    }

    #[test]
    fn feeds_and_folders_with_defaults() {
        let listed = sources(
            "[[ingest.sources]]\nfeed = \"https://wire.example/world.rss\"\ninterval_secs = 120\n\
             [[ingest.sources]]\nfolder = \"/var/spool/dateline/harbour\"\n",
        );
        assert_eq!(
            listed,
            Ok(vec![
                Source::Feed(FeedSource {
                    url: "https://wire.example/world.rss".into(),
                    interval: Duration::from_secs(120),
                    max_backoff: DEFAULT_MAX_BACKOFF,
                }),
                Source::Folder(FolderSource {
                    dir: "/var/spool/dateline/harbour".into(),
                    poll: DEFAULT_FOLDER_POLL,
                }),
            ])
        );
        assert_eq!(sources("[nats]\nurl = \"nats://x\"\n"), Ok(Vec::new()));
    }

    #[test]
    fn mistakes_name_the_file_the_entry_and_the_problem() {
        let cases = [
            ("[[ingest.sources]]\nfeed = \"ftp://wire.example/a\"\n", "is not an http:// or https:// URL"),
            ("[[ingest.sources]]\nfeed = \"https:///a\"\n", "is not a usable URL"),
            ("[[ingest.sources]]\nfeed = \"https://w.example/\"\nintervall_secs = 3\n", "unknown field `intervall_secs`"),
            ("[[ingest.sources]]\nfeed = \"https://w.example/\"\ninterval_secs = 0\n", "`interval_secs` must be at least 1"),
            ("[[ingest.sources]]\nfeed = \"https://w.example/\"\ninterval_secs = -5\n", "#1"),
            ("[[ingest.sources]]\nfeed = \"https://w.example/\"\ninterval_secs = 600\nmax_backoff_secs = 60\n", "shorter than `interval_secs`"),
            ("[[ingest.sources]]\nfeed = \"https://w.example/\"\nfolder = \"/x\"\n", "both `feed` and `folder`"),
            ("[[ingest.sources]]\ninterval_secs = 5\n", "needs `feed"),
            ("[[ingest.sources]]\nfolder = \"/x\"\ninterval_secs = 5\n", "a folder takes `poll_ms`"),
            ("[ingest]\nsources = \"/x\"\n", "written [[ingest.sources]]"),
        ];
        for (text, expected) in cases {
            let error = sources(text).expect_err(text);
            assert!(error.starts_with("config deploy/x.toml: "), "{error}");
            assert!(error.contains(expected), "{text} gave {error}");
        }
        let error = sources(
            "[[ingest.sources]]\nfolder = \"/a\"\n[[ingest.sources]]\nfeed = \"http://w.example/\"\nfolder = \"/b\"\n",
        )
        .expect_err("second entry is wrong");
        assert!(error.contains("[[ingest.sources]] #2:"), "{error}");
        let error =
            sources("[[ingest.sources]]\nfolder = \"/a\"\n[[ingest.sources]]\nfolder = \"/a\"\n")
                .expect_err("duplicate");
        assert!(error.contains("#2: listed twice"), "{error}");
    }
}
