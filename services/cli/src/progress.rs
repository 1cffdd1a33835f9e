//! Progress bars for long commands, drawn on stderr only when stderr is a terminal (hidden otherwise, so
//! CI logs and test output stay clean), and kept intact while log lines are written.
//!
//! A log line written to stderr while a bar is drawn would tear the bar; [`LogWriter`] (installed as the
//! log writer by `main`) therefore writes each line through [`ProgressBar::suspend`] of the bar that is
//! active, if any.

use std::io::{IsTerminal as _, Write};
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

static ACTIVE: Mutex<Option<ProgressBar>> = Mutex::new(None);

fn active() -> Option<ProgressBar> {
    ACTIVE.lock().ok().and_then(|bar| bar.clone())
}

/// A bar over `len` items with rate and ETA, registered as the active bar until [`Active::finish`] or drop.
pub fn bar(len: u64, unit: &str) -> Active {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(len), target);
    let template = format!(
        "[{{elapsed_precise}}] {{wide_bar}} {{human_pos}}/{{human_len}} {unit} · {{per_sec}} · ETA {{eta}} · {{msg}}"
    );
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    if let Ok(mut slot) = ACTIVE.lock() {
        *slot = Some(bar.clone());
    }
    Active(bar)
}

/// The active bar; unregisters itself when dropped.
pub struct Active(ProgressBar);

impl Active {
    pub fn bar(&self) -> &ProgressBar {
        &self.0
    }

    /// Removes the bar from the screen, leaving room for the summary.
    pub fn finish(self) {
        self.0.finish_and_clear();
    }
}

impl Drop for Active {
    fn drop(&mut self) {
        if let Ok(mut slot) = ACTIVE.lock() {
            *slot = None;
        }
    }
}

/// Writes log output to stderr around the active progress bar.
#[derive(Debug, Clone, Copy, Default)]
pub struct LogWriter;

impl Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match active() {
            Some(bar) => bar.suspend(|| std::io::stderr().write(buf)),
            None => std::io::stderr().write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogWriter {
    type Writer = LogWriter;

    fn make_writer(&'a self) -> Self::Writer {
        *self
    }
}
