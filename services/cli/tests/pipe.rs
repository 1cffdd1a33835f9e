//! Offline commands are made to be piped (`dateline extract corpus/ | head`): a reader that stops early
//! ends the command quietly and successfully, as it does `grep` or `jq`, not with a panic or an error.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn a_reader_that_stops_early_ends_extract_cleanly() -> anyhow::Result<()> {
    // Far more output (about a megabyte of events) than a pipe buffers, so extract is still writing when
    // the reader goes away.
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/dev/articles");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["extract", articles])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stdout"))?;
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first)?;
    let event: serde_json::Value = serde_json::from_str(&first)?;
    assert!(event["kind"].is_string(), "first line is no event: {first}");
    // The reader is dropped here: the pipe is closed with most of the output unread.
    let output = child.wait_with_output()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "extract failed: {stderr}");
    assert!(!stderr.contains("panicked"), "extract panicked: {stderr}");
    Ok(())
}
