//! Connecting to NATS and declaring the JetStream resources dateline needs.
//!
//! Every binary flattens [`NatsArgs`] into its command line, so credentials and TLS work the same everywhere.
//! Secrets are read from flags or the environment but never echoed: `--help` hides the values of
//! `NATS_URL` (which may carry `user:password@`), `NATS_TOKEN` and `NATS_PASSWORD`; `Debug`, errors and logs
//! show the URL with its credentials redacted ([`redact_url`]).
//!
//! Connecting retries while the server is unreachable (a service may start before its server), but fails at
//! once, saying what to check, when the server refuses the credentials or TLS cannot be established:
//! retrying those cannot help.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use async_nats::jetstream::{self, kv, stream};
use clap::Args;

use crate::subjects::Names;

/// How to reach NATS. Flags override the `NATS_*` environment variables.
#[derive(Clone, Args)]
pub struct NatsArgs {
    /// NATS server URL(s), comma-separated.
    #[arg(
        long = "nats",
        env = "NATS_URL",
        hide_env_values = true,
        default_value = "nats://127.0.0.1:4222"
    )]
    pub url: String,
    /// Subject prefix: subjects are `<prefix>.articles.*`, streams `<PREFIX>_ARTICLES`, ...
    #[arg(long, env = "DATELINE_PREFIX", default_value = "dateline")]
    pub prefix: String,
    /// A `.creds` file (JWT + nkey seed).
    #[arg(long = "nats-creds", env = "NATS_CREDS")]
    pub creds: Option<PathBuf>,
    /// A token for token authentication.
    #[arg(long = "nats-token", env = "NATS_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// User for user/password authentication.
    #[arg(long = "nats-user", env = "NATS_USER")]
    pub user: Option<String>,
    /// Password for user/password authentication.
    #[arg(long = "nats-password", env = "NATS_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// A file holding an nkey seed (`SU...`).
    #[arg(long = "nats-nkey", env = "NATS_NKEY")]
    pub nkey_file: Option<PathBuf>,
    /// CA certificate(s) to trust for TLS (PEM).
    #[arg(long = "nats-tls-ca", env = "NATS_CA")]
    pub tls_ca: Option<PathBuf>,
    /// Client certificate for mutual TLS (PEM); needs --nats-tls-key.
    #[arg(long = "nats-tls-cert", env = "NATS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// Client key for mutual TLS (PEM).
    #[arg(long = "nats-tls-key", env = "NATS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Refuse to connect without TLS.
    #[arg(long = "nats-require-tls", env = "NATS_REQUIRE_TLS")]
    pub require_tls: bool,
    /// JetStream replicas for the streams and bucket dateline creates (3 on a three-node cluster).
    #[arg(long, env = "DATELINE_REPLICAS", default_value_t = 1)]
    pub replicas: usize,
    /// JetStream duplicate window, in seconds: a re-sent article or event inside it is dropped.
    #[arg(long, env = "DATELINE_DUPLICATE_WINDOW", default_value_t = 24 * 3600)]
    pub duplicate_window_secs: u64,
}

impl fmt::Debug for NatsArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redact = |s: &Option<String>| s.as_ref().map(|_| "<redacted>");
        f.debug_struct("NatsArgs")
            .field("url", &redact_url(&self.url))
            .field("prefix", &self.prefix)
            .field("creds", &self.creds)
            .field("token", &redact(&self.token))
            .field("user", &self.user)
            .field("password", &redact(&self.password))
            .field("nkey_file", &self.nkey_file)
            .field("tls_ca", &self.tls_ca)
            .field("tls_cert", &self.tls_cert)
            .field("require_tls", &self.require_tls)
            .field("replicas", &self.replicas)
            .finish()
    }
}

impl Default for NatsArgs {
    fn default() -> Self {
        Self::for_url("nats://127.0.0.1:4222")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum NatsError {
    #[error("reading NATS credentials from {path}: {source}")]
    Credentials {
        path: PathBuf,
        source: std::io::Error,
    },
    /// `url` is already redacted; `hint` says what to check.
    #[error("connecting to NATS at {url}: {source}{hint}")]
    Connect {
        url: String,
        source: async_nats::ConnectError,
        hint: &'static str,
    },
    #[error("no usable NATS server URL in `{url}`: {reason}")]
    Url { url: String, reason: String },
    #[error(transparent)]
    Prefix(#[from] crate::subjects::BadPrefix),
    #[error("declaring stream {name}: {source}")]
    Stream {
        name: String,
        source: async_nats::jetstream::context::CreateStreamError,
    },
    #[error("declaring key-value bucket {name}: {source}")]
    Bucket {
        name: String,
        source: async_nats::jetstream::context::CreateKeyValueError,
    },
}

impl NatsArgs {
    /// Defaults with another server URL; for tests and embedded use.
    pub fn for_url(url: &str) -> Self {
        Self {
            url: url.to_owned(),
            prefix: "dateline".to_owned(),
            creds: None,
            token: None,
            user: None,
            password: None,
            nkey_file: None,
            tls_ca: None,
            tls_cert: None,
            tls_key: None,
            require_tls: false,
            replicas: 1,
            duplicate_window_secs: 24 * 3600,
        }
    }

    pub fn names(&self) -> Result<Names, crate::subjects::BadPrefix> {
        Names::new(&self.prefix)
    }

    /// Connects, retrying while no server is reachable, so a service may start before its server. Refused
    /// credentials and TLS failures end it at once with [`NatsError::Connect`] and a hint.
    pub async fn connect(&self, client_name: &str) -> Result<async_nats::Client, NatsError> {
        let shown = redact_url(&self.url);
        let addrs = self.server_addrs()?;
        let mut delay = Duration::from_millis(250);
        loop {
            match self
                .options(client_name)
                .await?
                .connect(addrs.clone())
                .await
            {
                Ok(client) => return Ok(client),
                Err(source) => {
                    if let Some(hint) = permanent_failure_hint(&source) {
                        return Err(NatsError::Connect {
                            url: shown,
                            source,
                            hint,
                        });
                    }
                    tracing::warn!(url = %shown, error = %source, retry_in_ms = delay.as_millis() as u64, "NATS not reachable yet; retrying");
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(Duration::from_secs(5));
                }
            }
        }
    }

    /// The servers to try, without credentials: those in the URL are handed over separately by
    /// [`NatsArgs::options`], so that the client library, which logs server addresses at debug level, never
    /// holds them in an address.
    fn server_addrs(&self) -> Result<Vec<async_nats::ServerAddr>, NatsError> {
        self.url
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|server| {
                let (scheme, _, host) = split_userinfo(server);
                format!("{scheme}{host}")
                    .parse()
                    .map_err(|e: std::io::Error| NatsError::Url {
                        url: redact_url(&self.url),
                        reason: format!("`{}`: {e}", redact_url(server)),
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .and_then(|addrs| {
                if addrs.is_empty() {
                    Err(NatsError::Url {
                        url: redact_url(&self.url),
                        reason: "no server given".to_owned(),
                    })
                } else {
                    Ok(addrs)
                }
            })
    }

    async fn options(&self, client_name: &str) -> Result<async_nats::ConnectOptions, NatsError> {
        let mut options = async_nats::ConnectOptions::new()
            .name(client_name)
            .connection_timeout(Duration::from_secs(5));
        if let Some(path) = &self.creds {
            options =
                options
                    .credentials_file(path)
                    .await
                    .map_err(|source| NatsError::Credentials {
                        path: path.clone(),
                        source,
                    })?;
        }
        // Credentials in the URL (`nats://user:password@host`, `nats://token@host`) count unless flags give
        // their own.
        let from_url = self
            .url
            .split(',')
            .find_map(|server| split_userinfo(server.trim()).1);
        if let Some(token) = &self.token {
            options = options.token(token.clone());
        }
        if let (Some(user), Some(password)) = (&self.user, &self.password) {
            options = options.user_and_password(user.clone(), password.clone());
        }
        match from_url {
            Some(userinfo) if self.token.is_none() && self.user.is_none() => {
                options = match userinfo.split_once(':') {
                    Some((user, password)) => {
                        options.user_and_password(user.to_owned(), password.to_owned())
                    }
                    None => options.token(userinfo.to_owned()),
                };
            }
            _ => {}
        }
        if let Some(path) = &self.nkey_file {
            let seed = std::fs::read_to_string(path).map_err(|source| NatsError::Credentials {
                path: path.clone(),
                source,
            })?;
            options = options.nkey(seed.trim().to_owned());
        }
        if let Some(ca) = &self.tls_ca {
            options = options.add_root_certificates(ca.clone());
        }
        if let (Some(cert), Some(key)) = (&self.tls_cert, &self.tls_key) {
            options = options.add_client_certificate(cert.clone(), key.clone());
        }
        if self.require_tls {
            options = options.require_tls(true);
        }
        Ok(options)
    }

    /// Connects and bundles what a stage needs. Keep the client to flush it on the way out.
    pub async fn pipeline(
        &self,
        client_name: &str,
        stage: crate::stage::StageArgs,
    ) -> Result<(async_nats::Client, crate::stage::Pipeline), NatsError> {
        let client = self.connect(client_name).await?;
        let pipeline = crate::stage::Pipeline {
            js: jetstream::new(client.clone()),
            names: self.names()?,
            durability: self.durability(),
            stage,
            readiness: Default::default(),
        };
        Ok((client, pipeline))
    }

    /// The durability settings every dateline stream shares.
    pub fn durability(&self) -> Durability {
        Durability {
            replicas: self.replicas,
            duplicate_window: Duration::from_secs(self.duplicate_window_secs),
        }
    }
}

/// What to check when a connection failure cannot be cured by waiting; `None` for failures that can
/// (server down, timeouts, DNS).
fn permanent_failure_hint(error: &async_nats::ConnectError) -> Option<&'static str> {
    use async_nats::ConnectErrorKind as Kind;
    match error.kind() {
        Kind::AuthorizationViolation | Kind::Authentication => Some(
            " (the server refused the credentials: check --nats-user/--nats-password, --nats-token, \
             --nats-nkey or --nats-creds)",
        ),
        Kind::Tls => Some(
            " (TLS failed: check --nats-tls-ca names the CA that signed the server's certificate, that the \
             URL's host is a name in that certificate, and any client certificate the server requires)",
        ),
        Kind::ServerParse => Some(""),
        // A failed TLS handshake (an untrusted certificate, a name mismatch) comes as an I/O error wrapping
        // the rustls error.
        Kind::Io if is_tls_failure(error) => permanent_failure_hint_for(Kind::Tls),
        _ => None,
    }
}

fn permanent_failure_hint_for(kind: async_nats::ConnectErrorKind) -> Option<&'static str> {
    permanent_failure_hint(&async_nats::ConnectError::new(kind))
}

/// Whether a rustls error is anywhere in `error`'s chain of sources.
fn is_tls_failure(error: &async_nats::ConnectError) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(error);
    while let Some(cause) = source {
        if cause.is::<async_nats::rustls::Error>() {
            return true;
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            if io
                .get_ref()
                .is_some_and(|inner| inner.is::<async_nats::rustls::Error>())
            {
                return true;
            }
        }
        source = cause.source();
    }
    false
}

/// One server URL split around its credentials: (`scheme://`, `user:password` or `token` if any, the rest).
fn split_userinfo(server: &str) -> (&str, Option<&str>, &str) {
    let (scheme, rest) = match server.find("://") {
        Some(at) => server.split_at(at + 3),
        None => ("", server),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest.get(..authority_end).and_then(|a| a.rfind('@')) {
        Some(at) => (
            scheme,
            rest.get(..at),
            rest.get(at + 1..).unwrap_or_default(),
        ),
        None => (scheme, None, rest),
    }
}

/// A failed JetStream publish, described for logs and retries. The client reports "no stream found for given
/// subject" whenever no server answered the publish — which on a cluster also happens for a few seconds while
/// the stream elects a new leader, so the message says both.
pub fn describe_publish_failure(error: &jetstream::context::PublishError) -> String {
    match error.kind() {
        jetstream::context::PublishErrorKind::StreamNotFound => {
            "no server answered for the stream (missing, or electing a new leader)".to_owned()
        }
        _ => error.to_string(),
    }
}

/// `url` (one or a comma-separated list) with any credentials replaced: `nats://alice:***@host:4222`, a
/// token as `nats://***@host:4222`. For logs, errors and `Debug`.
pub fn redact_url(url: &str) -> String {
    url.split(',')
        .map(|server| match split_userinfo(server) {
            (scheme, Some(userinfo), host) => {
                let shown = match userinfo.split_once(':') {
                    Some((user, _)) => format!("{user}:***"),
                    None => "***".to_owned(),
                };
                format!("{scheme}{shown}@{host}")
            }
            (_, None, _) => server.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The settings that decide what survives a crash; see `deploy/README.md` for why these values.
#[derive(Debug, Clone, Copy)]
pub struct Durability {
    pub replicas: usize,
    pub duplicate_window: Duration,
}

/// Creates, or checks and updates, every stream and the bucket of the pipeline. Idempotent: every service calls
/// it at start-up, so any one of them can come up first.
pub async fn declare_pipeline(
    js: &jetstream::Context,
    names: &Names,
    durability: Durability,
) -> Result<kv::Store, NatsError> {
    let week = Duration::from_secs(7 * 24 * 3600);
    let streams = [
        (
            names.articles_stream(),
            vec![names.all("articles")],
            week,
            "Articles from the wire, one per version",
        ),
        (
            names.events_stream(),
            vec![names.all("events"), names.all("withdrawals")],
            week,
            "Typed events extracted from articles, and kill notices",
        ),
        (
            names.stories_stream(),
            vec![names.all("stories")],
            week,
            "Story changes: new state and what changed",
        ),
        (
            names.dlq_stream(),
            vec![names.all("dlq")],
            4 * week,
            "Messages a stage gave up on, with the reason",
        ),
    ];
    for (name, subjects, max_age, description) in streams {
        let config = stream::Config {
            name: name.clone(),
            description: Some(description.to_owned()),
            subjects,
            storage: stream::StorageType::File,
            num_replicas: durability.replicas,
            duplicate_window: durability.duplicate_window.min(max_age),
            max_age,
            ..Default::default()
        };
        js.create_or_update_stream(config)
            .await
            .map_err(|source| NatsError::Stream { name, source })?;
    }
    stories_bucket(js, names, durability).await
}

/// The KV bucket holding every report a story holds, in full, in pages of one batch each (the aggregator's
/// `report_pages`), and the sealed pages of stories' sources (`sources.<hash>`, see
/// [`crate::story_sources`]). Stories in the stories bucket name their reports without carrying them, and
/// carry only their recent sources, so a story's value stays small however many reports corroborate it; a
/// restarted aggregator reads both. Pages are written once and never change.
pub async fn reports_bucket(
    js: &jetstream::Context,
    names: &Names,
    durability: Durability,
) -> Result<kv::Store, NatsError> {
    let name = names.reports_bucket();
    js.create_or_update_key_value(kv::Config {
        bucket: name.clone(),
        description: "Every report held by a story, in pages of one batch each".to_owned(),
        history: 1,
        // Longer than any story stays open (young for 21 days, closed after 14 quiet ones) with room to spare.
        max_age: Duration::from_secs(90 * 24 * 3600),
        storage: stream::StorageType::File,
        num_replicas: durability.replicas,
        ..Default::default()
    })
    .await
    .map_err(|source| NatsError::Bucket { name, source })
}

/// Completes the sources of every event of a story read back (see [`crate::story_sources`]) from the
/// sealed volumes and pages stored in the reports bucket. Fails naming the first one missing or unreadable.
pub async fn resolve_sources(reports: &kv::Store, story: &mut crate::Story) -> Result<(), String> {
    let volume_keys = story
        .events
        .iter()
        .filter(|e| !e.sources.is_complete())
        .flat_map(|e| e.sources.volumes().iter().map(|v| v.key.clone()))
        .collect();
    let volumes = read_entries(
        reports,
        "source volume",
        volume_keys,
        crate::story_sources::read_volume,
    )
    .await?;
    for event in &mut story.events {
        event
            .sources
            .resolve_volumes(|key| volumes.get(key).cloned())?;
    }
    let page_keys = story
        .events
        .iter()
        .filter(|e| !e.sources.is_complete())
        .flat_map(|e| e.sources.sealed().iter().map(|p| p.key.clone()))
        .collect();
    let pages = read_entries(
        reports,
        "source page",
        page_keys,
        crate::story_sources::read_page,
    )
    .await?;
    for event in &mut story.events {
        event.sources.resolve(|key| pages.get(key).cloned())?;
    }
    Ok(())
}

/// Reads each of `keys` once from the reports bucket with `read`; a key not stored is left out (the caller
/// names it as missing). Fails naming the first entry unreadable.
async fn read_entries<T>(
    reports: &kv::Store,
    what: &str,
    keys: Vec<String>,
    read: fn(&[u8]) -> serde_json::Result<T>,
) -> Result<std::collections::HashMap<String, T>, String> {
    let mut entries = std::collections::HashMap::new();
    for key in keys {
        if entries.contains_key(&key) {
            continue;
        }
        let value = reports
            .get(&key)
            .await
            .map_err(|e| format!("reading {what} {key}: {e}"))?;
        if let Some(value) = value {
            let entry = read(&value).map_err(|e| format!("{what} {key} is not valid: {e}"))?;
            entries.insert(key, entry);
        }
    }
    Ok(entries)
}

/// The KV bucket holding each story's current state.
pub async fn stories_bucket(
    js: &jetstream::Context,
    names: &Names,
    durability: Durability,
) -> Result<kv::Store, NatsError> {
    let name = names.stories_bucket();
    js.create_or_update_key_value(kv::Config {
        bucket: name.clone(),
        description: "Current state of every story, key = story id".to_owned(),
        history: 5,
        storage: stream::StorageType::File,
        num_replicas: durability.replicas,
        ..Default::default()
    })
    .await
    .map_err(|source| NatsError::Bucket { name, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unanswered_publish_says_a_leader_election_may_be_why() {
        use jetstream::context::{PublishError, PublishErrorKind};
        let unanswered =
            describe_publish_failure(&PublishError::new(PublishErrorKind::StreamNotFound));
        assert!(unanswered.contains("electing a new leader"), "{unanswered}");
        let timed_out = describe_publish_failure(&PublishError::new(PublishErrorKind::TimedOut));
        assert_eq!(
            timed_out,
            PublishError::new(PublishErrorKind::TimedOut).to_string()
        );
    }

    #[test]
    fn credentials_in_urls_are_redacted() {
        assert_eq!(
            redact_url("nats://alice:s3cret@nats-1:4222,tls://bob:pw@nats-2:4222/x"),
            "nats://alice:***@nats-1:4222,tls://bob:***@nats-2:4222/x"
        );
        assert_eq!(
            redact_url("nats://t0ken@127.0.0.1:4222"),
            "nats://***@127.0.0.1:4222"
        );
        assert_eq!(redact_url("a:b@host:4222"), "a:***@host:4222");
        assert_eq!(redact_url("nats://127.0.0.1:4222"), "nats://127.0.0.1:4222");
        let args = NatsArgs {
            token: Some("t0ken-value".into()),
            password: Some("pass-value".into()),
            ..NatsArgs::for_url("nats://alice:url-secret@host:4222")
        };
        let shown = format!("{args:?}");
        for secret in ["t0ken-value", "pass-value", "url-secret"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }

    #[test]
    fn an_unusable_url_is_named_without_its_secret() {
        let args = NatsArgs::for_url("nats://alice:url-secret@host:notaport");
        let error = args.server_addrs().unwrap_err().to_string();
        assert!(error.contains("nats://alice:***@host:notaport"), "{error}");
        assert!(!error.contains("url-secret"), "{error}");
        let error = NatsArgs::for_url(" , ").server_addrs().unwrap_err();
        assert!(error.to_string().contains("no server given"), "{error}");
    }
}
