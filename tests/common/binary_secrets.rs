//! The secrets check every service binary's tests run: no secret in `--help` (clap would print environment
//! values beside each flag) and none in the start-up logs, even at debug level and with credentials inside
//! `NATS_URL`. Included by `services/*/tests/secrets.rs` with `#[path]`, since each needs its own crate's
//! `CARGO_BIN_EXE_*`; those files include `child_log.rs` beside it too.

use std::process::{Command, Stdio};
use std::time::Duration;

/// Secret values, each in the environment variable a deployment would put it in.
const SECRETS: [(&str, &str); 4] = [
    ("NATS_PASSWORD", "env-password-5b1d"),
    ("NATS_TOKEN", "env-token-9e2a"),
    ("DATELINE_PUSH_TOKEN", "env-push-token-4c7f"),
    ("NATS_URL", "nats://alice:url-password-7a3c@127.0.0.1:1"),
];

fn command(binary: &str) -> Command {
    let mut command = Command::new(binary);
    for (name, value) in SECRETS {
        command.env(name, value);
    }
    command
}

fn assert_no_secret(what: &str, text: &str) {
    for secret in [
        "env-password-5b1d",
        "env-token-9e2a",
        "env-push-token-4c7f",
        "url-password-7a3c",
    ] {
        assert!(!text.contains(secret), "{what} shows {secret}:\n{text}");
    }
}

/// `--help` names the credential flags but shows none of the values the environment holds.
pub fn help_hides_secret_environment_values(binary: &str) {
    let output = command(binary)
        .arg("--help")
        .output()
        .expect("running --help");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("--nats-password"), "{help}");
    assert_no_secret("--help", &help);
}

/// Started with credentials everywhere (and `extra_args`), the service's debug logs show the URL redacted.
pub fn start_up_logs_never_print_credentials(binary: &str, extra_args: &[&str]) {
    // Nothing listens on the URL's port: the service logs its connection attempts, at debug level too.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let child = command(binary)
        .env(
            "NATS_URL",
            format!("nats://alice:url-password-7a3c@127.0.0.1:{port}"),
        )
        .env("RUST_LOG", "debug")
        .args(extra_args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting the service");
    let logged =
        crate::child_log::stderr_until(child, "NATS not reachable yet", Duration::from_secs(30));
    assert!(logged.contains("NATS not reachable yet"), "{logged}");
    assert!(logged.contains("alice:***@127.0.0.1"), "{logged}");
    assert_no_secret("the start-up logs", &logged);
}
