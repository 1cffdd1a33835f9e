//! Starting a local nats-server for `dateline up` when nothing listens at the configured URL.
//!
//! The server runs with JetStream, bound to loopback, storing under a project-local folder, and is stopped
//! (SIGTERM, then waited for) when `dateline up` exits.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use tokio::process::{Child, Command};

pub struct LocalNats {
    child: Child,
}

/// Host and port of a `nats://host:port` URL (the first, when several are given).
pub fn host_port(url: &str) -> (String, u16) {
    let first = url.split(',').next().unwrap_or(url).trim();
    let without_scheme = first.split("://").nth(1).unwrap_or(first);
    let authority = without_scheme.rsplit('@').next().unwrap_or(without_scheme);
    let authority = authority.split('/').next().unwrap_or(authority);
    match authority.rsplit_once(':') {
        Some((host, port)) => (host.to_owned(), port.parse().unwrap_or(4222)),
        None => (authority.to_owned(), 4222),
    }
}

pub async fn is_listening(url: &str) -> bool {
    let (host, port) = host_port(url);
    tokio::time::timeout(
        Duration::from_secs(1),
        tokio::net::TcpStream::connect((host.as_str(), port)),
    )
    .await
    .is_ok_and(|r| r.is_ok())
}

/// The pinned nats-server: `NATS_SERVER_BIN`, else the project's `.tools/`, else `PATH`.
pub fn binary() -> PathBuf {
    if let Some(path) = std::env::var_os("NATS_SERVER_BIN") {
        return PathBuf::from(path);
    }
    let local =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.tools/nats-server/bin/nats-server");
    if local.exists() {
        return local;
    }
    PathBuf::from("nats-server")
}

impl LocalNats {
    pub async fn start(port: u16, store: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(store).with_context(|| format!("creating {}", store.display()))?;
        let binary = binary();
        let child = Command::new(&binary)
            .args(["-a", "127.0.0.1", "-p", &port.to_string(), "-js", "-sd"])
            .arg(store)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| {
                format!(
                    "starting {} — install it with deploy/install-nats.sh",
                    binary.display()
                )
            })?;
        let url = format!("nats://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while !is_listening(&url).await {
            if Instant::now() > deadline {
                bail!("local nats-server did not start listening on port {port}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tracing::info!(port, store = %store.display(), "started local nats-server");
        Ok(Self { child })
    }

    /// The server's process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// Asks the server to stop (SIGTERM lets JetStream flush) and waits for it.
    pub async fn stop(mut self) {
        if let Some(pid) = self.child.id() {
            let _ = Command::new("kill").arg(pid.to_string()).status().await;
        }
        if tokio::time::timeout(Duration::from_secs(10), self.child.wait())
            .await
            .is_err()
        {
            let _ = self.child.kill().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::host_port;

    #[test]
    fn host_and_port_come_from_the_first_url() {
        assert_eq!(
            host_port("nats://127.0.0.1:4222"),
            ("127.0.0.1".to_owned(), 4222)
        );
        assert_eq!(
            host_port("nats://user:pw@example:5000,nats://b:1"),
            ("example".to_owned(), 5000)
        );
        assert_eq!(host_port("localhost"), ("localhost".to_owned(), 4222));
    }
}
