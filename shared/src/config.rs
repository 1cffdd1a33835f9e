//! One TOML configuration file shared by every dateline binary.
//!
//! Precedence is flags > environment > file > defaults. The file is applied by setting, before the command line
//! is parsed, the environment variable behind each key that the environment does not already set; so every
//! setting has exactly one definition (its clap argument) and the file can never disagree with `--help`.
//! `deploy/dateline.toml` documents every key. The one list, `[[ingest.sources]]`, is read as typed values by
//! [`crate::sources`] and checked here along with the rest.

use std::path::Path;

/// (section, key, environment variable) for every key the file may hold.
pub const KEYS: &[(&str, &str, &str)] = &[
    ("nats", "url", "NATS_URL"),
    ("nats", "prefix", "DATELINE_PREFIX"),
    ("nats", "creds", "NATS_CREDS"),
    ("nats", "token", "NATS_TOKEN"),
    ("nats", "user", "NATS_USER"),
    ("nats", "password", "NATS_PASSWORD"),
    ("nats", "nkey", "NATS_NKEY"),
    ("nats", "tls_ca", "NATS_CA"),
    ("nats", "tls_cert", "NATS_CERT"),
    ("nats", "tls_key", "NATS_KEY"),
    ("nats", "require_tls", "NATS_REQUIRE_TLS"),
    ("nats", "replicas", "DATELINE_REPLICAS"),
    ("nats", "duplicate_window_secs", "DATELINE_DUPLICATE_WINDOW"),
    ("stage", "ack_wait_secs", "DATELINE_ACK_WAIT_SECS"),
    ("stage", "max_deliver", "DATELINE_MAX_DELIVER"),
    ("stage", "max_ack_pending", "DATELINE_MAX_ACK_PENDING"),
    ("stage", "batch_linger_ms", "DATELINE_BATCH_LINGER_MS"),
    ("ops", "metrics_addr", "DATELINE_METRICS_ADDR"),
    ("ingest", "watch", "DATELINE_WATCH"),
    ("ingest", "max_article_bytes", "DATELINE_MAX_ARTICLE_BYTES"),
    ("ingest", "push_listen", "DATELINE_PUSH_LISTEN"),
    ("ingest", "push_token_file", "DATELINE_PUSH_TOKEN_FILE"),
    (
        "ingest",
        "push_max_body_bytes",
        "DATELINE_PUSH_MAX_BODY_BYTES",
    ),
    ("extractor", "lexicon", "DATELINE_LEXICON"),
    ("aggregator", "instance", "DATELINE_INSTANCE"),
    ("aggregator", "lease_secs", "DATELINE_LEASE_SECS"),
    ("aggregator", "partitions", "DATELINE_PARTITIONS"),
    ("aggregator", "partition", "DATELINE_PARTITION"),
];

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("reading config {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("config {path}: {message}")]
    Invalid { path: String, message: String },
}

/// The environment assignments a config file stands for, checked: unknown sections or keys and values of the
/// wrong type are errors naming the file and the key.
pub fn assignments(path: &Path) -> Result<Vec<(&'static str, String)>, ConfigError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: shown.clone(),
        source,
    })?;
    parse(&shown, &text)
}

pub fn parse(path: &str, text: &str) -> Result<Vec<(&'static str, String)>, ConfigError> {
    let invalid = |message: String| ConfigError::Invalid {
        path: path.to_owned(),
        message,
    };
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| invalid(e.to_string()))?;
    let mut out = Vec::new();
    for (section, values) in &table {
        let values = values
            .as_table()
            .ok_or_else(|| invalid(format!("`{section}` must be a section ([{section}])")))?;
        for (key, value) in values {
            if section == "ingest" && key == "sources" {
                // A list of tables, read and checked as typed values by `crate::sources`.
                continue;
            }
            let Some((_, _, env)) = KEYS.iter().find(|(s, k, _)| s == section && k == key) else {
                let known: Vec<String> = KEYS
                    .iter()
                    .filter(|(s, _, _)| s == section)
                    .map(|(_, k, _)| k.to_string())
                    .chain((section == "ingest").then(|| "sources".to_owned()))
                    .collect();
                return Err(invalid(if known.is_empty() {
                    format!("unknown section [{section}]")
                } else {
                    format!(
                        "unknown key `{key}` in [{section}] (known: {})",
                        known.join(", ")
                    )
                }));
            };
            let text = match value {
                toml::Value::String(s) => s.clone(),
                toml::Value::Integer(i) if *i >= 0 => i.to_string(),
                toml::Value::Boolean(b) => b.to_string(),
                toml::Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| invalid(format!("[{section}] {key} must be a list of strings")))?
                    .join(","),
                other => {
                    return Err(invalid(format!(
                        "[{section}] {key} has an unusable value {other}"
                    )))
                }
            };
            out.push((*env, text));
        }
    }
    crate::sources::from_table(path, &table)?;
    Ok(out)
}

/// Applies the file named by `--config FILE` in `args` or by `DATELINE_CONFIG`, if any, to the environment.
/// Call first thing in `main`, before parsing the command line.
pub fn apply_from_args() -> Result<(), ConfigError> {
    let args: Vec<String> = std::env::args().collect();
    let from_flag = args
        .iter()
        .position(|a| a == "--config")
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| {
            args.iter()
                .find_map(|a| a.strip_prefix("--config=").map(str::to_owned))
        });
    let Some(path) = from_flag.or_else(|| std::env::var("DATELINE_CONFIG").ok()) else {
        return Ok(());
    };
    for (env, value) in assignments(Path::new(&path))? {
        if std::env::var_os(env).is_none() {
            // Called at the start of main, before any other thread exists to read the environment.
            std::env::set_var(env, value);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_environment_variables() {
        let text =
            "[nats]\nurl = \"nats://a:4222\"\nreplicas = 3\n[ingest]\nwatch = [\"/a\", \"/b\"]\n";
        let mut env = parse("x.toml", text).unwrap();
        env.sort();
        assert_eq!(
            env,
            vec![
                ("DATELINE_REPLICAS", "3".to_owned()),
                ("DATELINE_WATCH", "/a,/b".to_owned()),
                ("NATS_URL", "nats://a:4222".to_owned())
            ]
        );
    }

    #[test]
    fn mistakes_name_the_file_and_the_key() {
        let error = parse("deploy/x.toml", "[nats]\nurll = \"x\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("deploy/x.toml") && error.contains("`urll`") && error.contains("url"),
            "{error}"
        );
        let error = parse("x.toml", "[natz]\nurl = 1\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("unknown section [natz]"), "{error}");
        let error = parse("x.toml", "[nats]\nreplicas = -1\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("replicas"), "{error}");
        assert!(parse("x.toml", "[nats\n").is_err());
        let error = parse("x.toml", "[[ingest.sources]]\nfeed = \"gopher://x\"\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("[[ingest.sources]] #1"), "{error}");
    }
}
