//! What an operator scrapes and probes on every service: `/metrics` (Prometheus text format, from the
//! `metrics` facade), `/healthz` (the process is up) and `/readyz` (connected to NATS, streams and consumers
//! bound). Off unless `--metrics-addr` is given.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use crate::shutdown::Shutdown;

#[derive(Debug, Clone, clap::Args)]
pub struct OpsArgs {
    /// Serve /metrics, /healthz and /readyz on this address (e.g. 127.0.0.1:9464).
    #[arg(long, env = "DATELINE_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
}

/// Set once a service has bound everything it needs; `/readyz` answers 200 only then.
#[derive(Debug, Clone, Default)]
pub struct Readiness(Arc<AtomicBool>);

impl Readiness {
    pub fn set_ready(&self) {
        self.0.store(true, Ordering::Release);
    }

    /// Not ready again: a standby that lost its lease serves nothing until it holds one again.
    pub fn set_unready(&self) {
        self.0.store(false, Ordering::Release);
    }

    pub fn is_ready(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// The process-wide Prometheus recorder, installed on first use.
pub fn prometheus() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| match PrometheusBuilder::new().install_recorder() {
            Ok(handle) => Some(handle),
            Err(error) => {
                tracing::warn!(%error, "metrics recorder not installed");
                None
            }
        })
        .as_ref()
}

pub fn router(client: async_nats::Client, readiness: Readiness) -> Router {
    Router::new()
        .route(
            "/metrics",
            get(|| async { prometheus().map(|h| h.render()).unwrap_or_default() }),
        )
        .route("/healthz", get(|| async { "ok" }))
        .route(
            "/readyz",
            get(move || {
                let connected =
                    client.connection_state() == async_nats::connection::State::Connected;
                let ready = connected && readiness.is_ready();
                async move {
                    if ready {
                        (StatusCode::OK, "ready")
                    } else {
                        (StatusCode::SERVICE_UNAVAILABLE, "not ready")
                    }
                }
            }),
        )
}

/// Serves the ops endpoints until shutdown, when an address is configured.
pub async fn serve(
    args: &OpsArgs,
    client: async_nats::Client,
    readiness: Readiness,
    mut shutdown: Shutdown,
) -> std::io::Result<()> {
    let Some(addr) = args.metrics_addr else {
        return Ok(());
    };
    prometheus();
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "serving /metrics, /healthz, /readyz");
    axum::serve(listener, router(client, readiness))
        .with_graceful_shutdown(async move { shutdown.wait().await })
        .await
}

/// Serves the ops endpoints in the background (when configured); await the handle after shutdown.
pub fn spawn(
    args: &OpsArgs,
    client: async_nats::Client,
    readiness: Readiness,
    shutdown: Shutdown,
) -> tokio::task::JoinHandle<std::io::Result<()>> {
    let args = args.clone();
    tokio::spawn(async move { serve(&args, client, readiness, shutdown).await })
}
