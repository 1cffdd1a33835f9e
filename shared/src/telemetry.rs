//! Logging set-up shared by every binary: human-readable by default, JSON with `--log-json`, filtered by
//! `RUST_LOG` (default `info`). Logs go to stderr so that stdout stays clean for data (`dateline extract`).

use tracing_subscriber::{fmt, EnvFilter};

pub fn init(json: bool) {
    init_with_writer(json, std::io::stderr);
}

/// [`init`] with another destination than plain stderr (the CLI's writes around its progress bars).
pub fn init_with_writer<W>(json: bool, writer: W)
where
    W: for<'a> fmt::MakeWriter<'a> + Send + Sync + 'static,
{
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = fmt().with_env_filter(filter).with_writer(writer);
    // try_init: a second call (tests, an embedded service) keeps the first subscriber instead of panicking.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.compact().try_init()
    };
}
