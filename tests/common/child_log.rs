//! Reading a service binary's log as it runs: its stderr, line by line, until a line says what the test
//! waits for or a deadline passes; then the process is stopped. Included with `#[path]` by the binary tests
//! that need it (each needs its own crate's `CARGO_BIN_EXE_*`).

use std::io::{BufRead, BufReader};
use std::process::Child;
use std::time::{Duration, Instant};

/// Collects `child`'s stderr (it must be piped) until a line contains `needle` or `deadline` passes, kills
/// the child, and returns everything read.
pub fn stderr_until(mut child: Child, needle: &str, deadline: Duration) -> String {
    let Some(stderr) = child.stderr.take() else {
        panic!("the child's stderr must be piped");
    };
    let (lines, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let end = Instant::now() + deadline;
    let mut logged = String::new();
    while !logged.contains(needle) {
        let left = end.saturating_duration_since(Instant::now());
        match received.recv_timeout(left) {
            Ok(line) => logged.push_str(&format!("{line}\n")),
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    logged
}
