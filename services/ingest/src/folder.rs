//! A drop folder, the way wire services deliver by FTP/SFTP: new files appear, each is ingested once, then
//! moved to `processed/` (or to `rejected/` with a `.reason` note when nothing in it was usable).
//!
//! Files whose names start with `.` or end in `.tmp`/`.part` are still being written and are left alone;
//! senders write under such a name and rename when done.

use std::path::{Path, PathBuf};
use std::time::Duration;

use dateline_shared::shutdown::Shutdown;

use crate::formats::Limits;
use crate::publish::{IngestReport, Publisher};

pub struct DropFolder {
    dir: PathBuf,
}

impl DropFolder {
    pub fn new(dir: impl Into<PathBuf>) -> std::io::Result<Self> {
        let dir = dir.into();
        std::fs::create_dir_all(dir.join("processed"))?;
        std::fs::create_dir_all(dir.join("rejected"))?;
        Ok(Self { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Files ready to ingest, oldest name first.
    pub fn ready_files(&self) -> std::io::Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&self.dir)? {
            let entry = entry?;
            if !entry.file_type()?.is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name.ends_with(".tmp") || name.ends_with(".part") {
                continue;
            }
            files.push(entry.path());
        }
        files.sort();
        Ok(files)
    }

    /// Ingests every ready file once and moves it out of the way.
    pub async fn sweep(
        &self,
        publisher: &Publisher,
        limits: &Limits,
    ) -> std::io::Result<IngestReport> {
        let mut total = IngestReport::default();
        for path in self.ready_files()? {
            let name = path.display().to_string();
            let bytes = tokio::fs::read(&path).await?;
            let report = publisher.ingest_document(&name, &bytes, limits).await;
            if !report.failed.is_empty() {
                // NATS is unavailable: keep the file where it is and try again on the next sweep.
                tracing::warn!(file = %name, "publishing failed; the file stays for the next sweep");
                total.merge(report);
                continue;
            }
            let usable = report.accepted + report.duplicates > 0;
            let file_name = path.file_name().map(|n| n.to_owned()).unwrap_or_default();
            let target = if usable { "processed" } else { "rejected" };
            let destination = self.dir.join(target).join(&file_name);
            tokio::fs::rename(&path, &destination).await?;
            if !usable {
                let reasons: Vec<String> =
                    report.rejected.iter().map(ToString::to_string).collect();
                let mut note = destination.into_os_string();
                note.push(".reason");
                tokio::fs::write(note, reasons.join("\n") + "\n").await?;
            }
            tracing::info!(file = %name, accepted = report.accepted, duplicates = report.duplicates,
                rejected = report.rejected.len(), "file ingested");
            total.merge(report);
        }
        Ok(total)
    }

    /// Sweeps every `interval` until shutdown.
    pub async fn watch(
        &self,
        publisher: &Publisher,
        limits: &Limits,
        interval: Duration,
        mut shutdown: Shutdown,
    ) {
        tracing::info!(dir = %self.dir.display(), "watching drop folder");
        loop {
            if let Err(error) = self.sweep(publisher, limits).await {
                tracing::error!(dir = %self.dir.display(), %error, "drop folder sweep failed");
            }
            tokio::select! {
                _ = shutdown.wait() => break,
                _ = tokio::time::sleep(interval) => {}
            }
        }
    }
}
