//! Test support: a real nats-server with JetStream per test, on a random loopback port, with its own store.
//!
//! The server can be stopped (SIGTERM), killed (SIGKILL) and restarted on the same port and store, for the
//! fault tests. Tests wait on conditions with deadlines ([`wait_for`]), never on fixed sleeps.

pub mod pipeline;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};

/// Where the pinned nats-server is: `NATS_SERVER_BIN`, else the project's `.tools/`, else `PATH`.
pub fn nats_server_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("NATS_SERVER_BIN") {
        return PathBuf::from(path);
    }
    let local = repo_root().join(".tools/nats-server/bin/nats-server");
    if local.exists() {
        return local;
    }
    PathBuf::from("nats-server")
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The read-only seed articles beside the repository.
pub fn seeds_dir() -> PathBuf {
    repo_root().join("../shared/seeds")
}

pub struct NatsServer {
    child: Option<Child>,
    port: u16,
    store: tempfile::TempDir,
    /// A configuration file with extra settings (authorization, TLS), if the test gave any.
    config: Option<PathBuf>,
}

impl NatsServer {
    /// Starts a fresh server and waits until it accepts connections.
    pub fn start() -> anyhow::Result<Self> {
        Self::start_with_config("")
    }

    /// Starts a fresh server with `extra` added to its configuration file (nats-server's own syntax, e.g.
    /// `authorization { token: "..." }` or a `tls { ... }` block); port, store and JetStream stay as
    /// [`NatsServer::start`] sets them.
    pub fn start_with_config(extra: &str) -> anyhow::Result<Self> {
        let store = tempfile::tempdir().context("creating JetStream store dir")?;
        let port = free_port()?;
        let config = if extra.trim().is_empty() {
            None
        } else {
            let path = store.path().join("nats-server.conf");
            std::fs::write(&path, extra).context("writing nats-server config")?;
            Some(path)
        };
        let mut server = Self {
            child: None,
            port,
            store,
            config,
        };
        server.spawn()?;
        Ok(server)
    }

    fn spawn(&mut self) -> anyhow::Result<()> {
        let binary = nats_server_binary();
        // The server's own log goes beside its store, for post-mortems of a failed test.
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.store.path().join("nats-server.log"))
            .context("opening nats-server log")?;
        let mut command = Command::new(&binary);
        if let Some(config) = &self.config {
            command.arg("-c").arg(config);
        }
        let child = command
            .args([
                "-a",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-js",
                "-sd",
            ])
            .arg(self.store.path())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .with_context(|| {
                format!("starting {} (run deploy/install-nats.sh)", binary.display())
            })?;
        self.child = Some(child);
        wait_until(Duration::from_secs(20), || {
            std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok()
        })
        .context("nats-server did not start listening")?;
        Ok(())
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    pub fn store_dir(&self) -> &Path {
        self.store.path()
    }

    /// SIGKILL: no chance to flush, as in a crash.
    pub fn kill(&mut self) -> anyhow::Result<()> {
        if let Some(mut child) = self.child.take() {
            child.kill().context("killing nats-server")?;
            child.wait().context("reaping nats-server")?;
        }
        Ok(())
    }

    /// Starts the server again on the same port and store.
    pub fn restart(&mut self) -> anyhow::Result<()> {
        self.kill()?;
        self.spawn()
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        let _ = self.kill();
    }
}

/// A port nobody listens on now. The OS may hand it out again, but not soon enough to matter in a test.
pub fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("binding a free port")?;
    Ok(listener.local_addr()?.port())
}

/// Polls `condition` until it holds or the deadline passes.
pub fn wait_until(deadline: Duration, mut condition: impl FnMut() -> bool) -> anyhow::Result<()> {
    let end = Instant::now() + deadline;
    while Instant::now() < end {
        if condition() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    bail!("condition not met within {deadline:?}")
}

/// Async form of [`wait_until`]: polls an async check until it yields `Some`.
pub async fn wait_for<T, F, Fut>(deadline: Duration, mut check: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let end = Instant::now() + deadline;
    loop {
        if let Some(value) = check().await {
            return Ok(value);
        }
        if Instant::now() >= end {
            bail!("condition not met within {deadline:?}");
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Reads every story from the stories bucket.
pub async fn stories_in_bucket(
    js: &async_nats::jetstream::Context,
    bucket: &str,
) -> anyhow::Result<Vec<dateline_shared::Story>> {
    use futures::TryStreamExt;
    let kv = js.get_key_value(bucket).await?;
    // A set: a key listing is a consumer over the bucket, and when the server's pending count is off (seen after
    // an unclean restart) it runs past the snapshot into live writes and names a key again.
    let keys: std::collections::BTreeSet<String> = kv.keys().await?.try_collect().await?;
    let mut stories = Vec::new();
    for key in keys {
        if let Some(value) = kv.get(&key).await? {
            stories.push(serde_json::from_slice(&value)?);
        }
    }
    stories.sort_by(|a: &dateline_shared::Story, b| a.id.cmp(&b.id));
    Ok(stories)
}

/// Waits until `stream` holds a number of messages that `enough` accepts; returns that number.
pub async fn wait_for_stream_messages(
    js: &async_nats::jetstream::Context,
    stream: &str,
    deadline: Duration,
    enough: impl Fn(u64) -> bool,
) -> anyhow::Result<u64> {
    let enough = &enough;
    wait_for(deadline, || async move {
        let messages = js
            .get_stream(stream)
            .await
            .ok()?
            .info()
            .await
            .ok()?
            .state
            .messages;
        enough(messages).then_some(messages)
    })
    .await
}
