//! The `dateline-extractor` binary connects to a nats-server that requires nkey authentication (`NATS_NKEY`)
//! or decentralised JWT authentication (`--nats-creds`), runs its stage, and never logs the seed, even at
//! debug level. The other services take the same flags (`dateline_shared::nats::NatsArgs`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../../../tests/common/child_log.rs"]
mod child_log;
#[path = "../../../tests/common/nats_auth.rs"]
mod nats_auth;

const BIN: &str = env!("CARGO_BIN_EXE_dateline-extractor");

/// A nats-server with JetStream and `config`, on a free loopback port, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(dir: &Path, config: &str) -> Self {
        let binary = std::env::var_os("NATS_SERVER_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                let local = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../../.tools/nats-server/bin/nats-server");
                if local.exists() {
                    local
                } else {
                    PathBuf::from("nats-server")
                }
            });
        let port = free_port();
        let conf = dir.join("nats-server.conf");
        std::fs::write(&conf, config).expect("writing nats-server.conf");
        let child = Command::new(&binary)
            .arg("-c")
            .arg(&conf)
            .args(["-a", "127.0.0.1", "-p", &port.to_string(), "-js", "-sd"])
            .arg(dir.join("store"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {} (NATS_SERVER_BIN): {e}", binary.display()));
        let server = Self { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "nats-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Runs the extractor against `server` with `envs` and `args` until it says its stage is running (consumer
/// bound, so connecting, JetStream and declaring all worked); returns its debug-level log.
fn run_until_stage_running(server: &Server, envs: &[(&str, &Path)], args: &[&str]) -> String {
    let mut command = Command::new(BIN);
    for (name, value) in envs {
        command.env(name, value);
    }
    let child = command
        .env("NATS_URL", server.url())
        .env("RUST_LOG", "debug")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting the extractor");
    let logged = child_log::stderr_until(child, "stage running", Duration::from_secs(30));
    assert!(logged.contains("stage running"), "{logged}");
    logged
}

#[test]
fn connects_with_an_nkey_seed_from_nats_nkey() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let user = nkeys::KeyPair::new_user();
    let server = Server::start(
        dir.path(),
        &format!(
            "authorization {{ users = [ {{ nkey: \"{}\" }} ] }}\n",
            user.public_key()
        ),
    );
    let seed = user.seed().expect("a seed");
    let seed_file = dir.path().join("dateline.nk");
    std::fs::write(&seed_file, &seed).expect("writing the seed");
    let logged = run_until_stage_running(&server, &[("NATS_NKEY", &seed_file)], &[]);
    assert!(!logged.contains(&seed), "the logs show the seed:\n{logged}");
}

#[test]
fn connects_with_a_creds_file_from_nats_creds() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let operator = nats_auth::Operator::default();
    let server = Server::start(
        dir.path(),
        &operator
            .server_config(dir.path())
            .expect("writing the operator JWT"),
    );
    let (creds, seed) = nats_auth::creds(&operator.account);
    let creds_file = dir.path().join("dateline.creds");
    std::fs::write(&creds_file, creds).expect("writing the creds file");
    let path = creds_file.to_string_lossy().into_owned();
    let logged = run_until_stage_running(&server, &[], &["--nats-creds", &path]);
    assert!(!logged.contains(&seed), "the logs show the seed:\n{logged}");
}
