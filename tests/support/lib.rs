//! Test support: a real nats-server with JetStream per test, on a random loopback port, with its own store,
//! or a three-node JetStream cluster of them ([`NatsCluster`]).
//!
//! A server can be killed (SIGKILL) and restarted on the same port and store, for the fault tests. Tests wait
//! on conditions with deadlines ([`wait_for`]), never on fixed sleeps.

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
        let listening = wait_until(Duration::from_secs(20), || {
            std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok()
        });
        if let Err(e) = listening {
            // Its log says why (a configuration it refused, a port taken).
            let _ = self.kill();
            bail!(
                "nats-server did not start listening ({e}); its log, newest first:\n{}",
                self.log_tail(10)
            );
        }
        Ok(())
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Whether the process is running (not killed by the test).
    pub fn is_running(&self) -> bool {
        self.child.is_some()
    }

    /// The server's own log, for a failed test's message: its last `lines` lines, newest first.
    pub fn log_tail(&self, lines: usize) -> String {
        let log =
            std::fs::read_to_string(self.store.path().join("nats-server.log")).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(lines).collect();
        tail.join("\n")
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

/// A JetStream cluster on loopback: `size` nats-servers named `n1`, `n2`, ..., each with its own client port,
/// route port and store, routed to one another. Nodes can be killed and restarted one at a time
/// ([`NatsServer::kill`], [`NatsServer::restart`] on [`NatsCluster::node_mut`]); a restarted node rejoins on
/// the same ports and store and catches up from the others.
pub struct NatsCluster {
    nodes: Vec<NatsServer>,
    /// Each node's monitoring port, for `/healthz`.
    monitor_ports: Vec<u16>,
}

impl NatsCluster {
    /// Starts the nodes and waits until every one is healthy (`/healthz`: routes up, in contact with an elected
    /// JetStream meta leader), so that streams can be created at once.
    pub async fn start(size: usize) -> anyhow::Result<Self> {
        let route_ports = (0..size)
            .map(|_| free_port())
            .collect::<anyhow::Result<Vec<_>>>()?;
        let monitor_ports = (0..size)
            .map(|_| free_port())
            .collect::<anyhow::Result<Vec<_>>>()?;
        let routes: Vec<String> = route_ports
            .iter()
            .map(|port| format!("nats-route://127.0.0.1:{port}"))
            .collect();
        let mut nodes = Vec::with_capacity(size);
        for (i, (port, monitor)) in route_ports.iter().zip(&monitor_ports).enumerate() {
            // Client port, store and JetStream come from NatsServer's command line; this adds the cluster.
            let config = format!(
                "server_name: n{}\nhttp: 127.0.0.1:{monitor}\ncluster {{\n  name: dateline-test\n  \
                 listen: 127.0.0.1:{port}\n  routes: [\n    {}\n  ]\n}}\n",
                i + 1,
                routes.join("\n    ")
            );
            nodes.push(NatsServer::start_with_config(&config)?);
        }
        let cluster = Self {
            nodes,
            monitor_ports,
        };
        let healthy = wait_for(Duration::from_secs(60), || async {
            for port in &cluster.monitor_ports {
                if !healthz(*port).await {
                    return None;
                }
            }
            Some(())
        })
        .await;
        if let Err(e) = healthy {
            bail!(
                "{e}: the cluster did not become healthy\n{}",
                cluster.log_tails(10)
            );
        }
        Ok(cluster)
    }

    /// Every node's client URL, comma-separated, as a service's `--nats` takes them.
    pub fn urls(&self) -> String {
        self.nodes
            .iter()
            .map(NatsServer::url)
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn nodes(&self) -> &[NatsServer] {
        &self.nodes
    }

    /// The node with this server name (`n1`, `n2`, ...), as JetStream names stream leaders and replicas.
    pub fn node_mut(&mut self, server_name: &str) -> Option<&mut NatsServer> {
        let index: usize = server_name.strip_prefix('n')?.parse().ok()?;
        self.nodes.get_mut(index.checked_sub(1)?)
    }

    /// The last lines of every node's log, for a failed test's message.
    pub fn log_tails(&self, lines: usize) -> String {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, node)| format!("--- n{} (newest first)\n{}", i + 1, node.log_tail(lines)))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Whether the nats-server monitoring on `port` answers `/healthz` with 200 (plain HTTP/1.0 by hand: the
/// support crate needs no HTTP client for one request).
async fn healthz(port: u16) -> bool {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let ask = async {
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
        stream
            .write_all(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            .await?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await?;
        Ok::<_, std::io::Error>(response)
    };
    match tokio::time::timeout(Duration::from_secs(2), ask).await {
        Ok(Ok(response)) => {
            let status = response.split(|b| *b == b'\n').next().unwrap_or_default();
            status.windows(5).any(|w| w == b" 200 ")
        }
        _ => false,
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
    // The older sources of a big story are sealed in pages in the reports bucket beside it.
    let reports = js
        .get_key_value(bucket.replace("_stories", "_reports"))
        .await?;
    let mut stories = Vec::new();
    for key in keys {
        if let Some(value) = kv.get(&key).await? {
            let mut story: dateline_shared::Story = serde_json::from_slice(&value)?;
            dateline_shared::nats::resolve_sources(&reports, &mut story)
                .await
                .map_err(|reason| anyhow::anyhow!("story {key}: {reason}"))?;
            stories.push(story);
        }
    }
    stories.sort_by(|a: &dateline_shared::Story, b| a.id.cmp(&b.id));
    Ok(stories)
}

/// How many messages `stream` holds now; `None` when the server cannot say.
pub async fn stream_messages(js: &async_nats::jetstream::Context, stream: &str) -> Option<u64> {
    Some(
        js.get_stream(stream)
            .await
            .ok()?
            .info()
            .await
            .ok()?
            .state
            .messages,
    )
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
        let messages = stream_messages(js, stream).await?;
        enough(messages).then_some(messages)
    })
    .await
}
