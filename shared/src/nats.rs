//! Connecting to NATS and declaring the JetStream resources dateline needs.
//!
//! Every binary flattens [`NatsArgs`] into its command line, so credentials and TLS work the same everywhere.
//! Secrets are read from flags or the environment but never echoed: `--help` hides env values and `Debug`
//! redacts them.

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
            .field("url", &self.url)
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
    #[error("connecting to NATS at {url}: {source}")]
    Connect {
        url: String,
        source: async_nats::ConnectError,
    },
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

    /// Connects with retries on the initial connection, so a service may start before its server.
    pub async fn connect(&self, client_name: &str) -> Result<async_nats::Client, NatsError> {
        let mut options = async_nats::ConnectOptions::new()
            .name(client_name)
            .retry_on_initial_connect()
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
        if let Some(token) = &self.token {
            options = options.token(token.clone());
        }
        if let (Some(user), Some(password)) = (&self.user, &self.password) {
            options = options.user_and_password(user.clone(), password.clone());
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
        let servers: Vec<&str> = self.url.split(',').map(str::trim).collect();
        let addrs: Vec<async_nats::ServerAddr> =
            servers.iter().filter_map(|s| s.parse().ok()).collect();
        options
            .connect(addrs)
            .await
            .map_err(|source| NatsError::Connect {
                url: self.url.clone(),
                source,
            })
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

/// The KV bucket holding every report a story holds, in full, key = event id. Stories in the stories bucket
/// name their reports (`sources`) without carrying them, so a story's value stays small however many reports
/// corroborate it; a restarted aggregator reads both. Reports are written once and never change.
pub async fn reports_bucket(
    js: &jetstream::Context,
    names: &Names,
    durability: Durability,
) -> Result<kv::Store, NatsError> {
    let name = names.reports_bucket();
    js.create_or_update_key_value(kv::Config {
        bucket: name.clone(),
        description: "Every report held by a story, key = event id".to_owned(),
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
