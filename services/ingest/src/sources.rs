//! Running the configured wire subscriptions: every `[[ingest.sources]]` entry (feeds and drop folders) as
//! its own task until shutdown.
//!
//! One place for it because two binaries run sources — `dateline-ingest` in deployment and `dateline up`
//! on a desk — and a source configured in the file must behave the same in both.

use dateline_shared::shutdown::Shutdown;
use dateline_shared::sources::{FolderSource, Source};
use futures::future::BoxFuture;
use tokio::task::JoinHandle;

use crate::fetch::FetchError;
use crate::folder::DropFolder;
use crate::formats::Limits;
use crate::poll::FeedPoller;
use crate::publish::Publisher;

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("opening drop folder {dir}: {source}")]
    Folder { dir: String, source: std::io::Error },
    #[error(transparent)]
    HttpClient(#[from] FetchError),
}

/// Starts one task per source; each stops when `shutdown` triggers (a publish in flight is finished first).
/// Fails before starting anything when a folder cannot be opened or created.
pub fn spawn_all(
    sources: Vec<Source>,
    publisher: &Publisher,
    limits: &Limits,
    shutdown: &Shutdown,
) -> Result<Vec<JoinHandle<()>>, SourceError> {
    let http = crate::fetch::client()?;
    let mut runs: Vec<BoxFuture<'static, ()>> = Vec::with_capacity(sources.len());
    for source in sources {
        let (publisher, limits, shutdown) = (publisher.clone(), limits.clone(), shutdown.clone());
        match source {
            Source::Feed(feed) => {
                let poller = FeedPoller::new(feed, http.clone(), publisher, limits);
                runs.push(Box::pin(poller.run(shutdown)));
            }
            Source::Folder(FolderSource { dir, poll }) => {
                let folder = DropFolder::new(&dir).map_err(|source| SourceError::Folder {
                    dir: dir.display().to_string(),
                    source,
                })?;
                runs.push(Box::pin(async move {
                    folder.watch(&publisher, &limits, poll, shutdown).await
                }));
            }
        }
    }
    Ok(runs.into_iter().map(tokio::spawn).collect())
}
