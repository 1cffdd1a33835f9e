//! The push endpoint: `POST /articles`, for wires that deliver by webhook instead of feeds or drop folders.
//!
//! A request carries one JSON article, a JSON array, JSON Lines or ninjs; it goes through the same
//! [`crate::formats::parse_document`] as every other input, so what is accepted and why something is
//! rejected does not depend on how it arrived. The reply tells the sender what to do next:
//!
//! - `202 {"accepted", "duplicates", "rejected": [{"input", "reason"}]}`: done; rejected items are bad and
//!   will stay bad, re-sending them is pointless;
//! - `400` naming the problem: nothing in the body was usable;
//! - `401`: missing or wrong bearer token; `413`: body over the limit;
//! - `503`: NATS did not acknowledge every article; send the whole request again. Articles are published with
//!   their `Nats-Msg-Id`, so the ones that did get through are dropped as duplicates on the retry and nothing
//!   accepted is lost or doubled.

pub mod settings;
pub mod token;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use dateline_shared::shutdown::Shutdown;
use serde::Serialize;

pub use settings::{PushArgs, PushSettings};
pub use token::BearerToken;

use crate::formats::{detect, parse_document, Format, Limits, Rejection};
use crate::publish::Publisher;

/// How rejections name the request body: items inside it are `request:3` (JSON Lines) or `request#item 2`.
const INPUT: &str = "request";

#[derive(Clone)]
struct Endpoint {
    publisher: Publisher,
    limits: Limits,
    token: Option<Arc<BearerToken>>,
    max_body_bytes: usize,
}

/// The reply to an accepted request.
#[derive(Debug, Serialize)]
struct Receipt {
    accepted: usize,
    duplicates: usize,
    rejected: Vec<Rejected>,
}

/// The reply to a request that was not (entirely) taken.
#[derive(Debug, Serialize)]
struct Problem {
    error: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rejected: Vec<Rejected>,
}

#[derive(Debug, Serialize)]
struct Rejected {
    input: String,
    reason: String,
}

impl From<&Rejection> for Rejected {
    fn from(rejection: &Rejection) -> Self {
        Self {
            input: rejection.input.clone(),
            reason: rejection.reason.to_string(),
        }
    }
}

fn problem(status: StatusCode, error: String) -> Response {
    (
        status,
        Json(Problem {
            error,
            rejected: Vec::new(),
        }),
    )
        .into_response()
}

/// The push routes, ready to serve.
pub fn router(publisher: Publisher, limits: Limits, settings: &PushSettings) -> Router {
    let endpoint = Endpoint {
        publisher,
        limits,
        token: settings.token.clone().map(Arc::new),
        max_body_bytes: settings.max_body_bytes,
    };
    Router::new()
        .route("/articles", post(receive))
        .layer(DefaultBodyLimit::max(settings.max_body_bytes))
        // Authorization runs before the body is read, so an unauthenticated sender costs no buffering.
        .route_layer(middleware::from_fn_with_state(endpoint.clone(), authorize))
        .layer(middleware::from_fn(count_by_status))
        .with_state(endpoint)
}

/// Binds the configured address, naming it when that fails.
pub async fn bind(settings: &PushSettings) -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(settings.listen)
        .await
        .map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("binding push endpoint {}: {e}", settings.listen),
            )
        })
}

/// Serves until shutdown; requests in flight then are finished (and their articles acknowledged) first.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    mut shutdown: Shutdown,
) -> std::io::Result<()> {
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, "push endpoint: POST /articles");
    }
    axum::serve(listener, router)
        .with_graceful_shutdown(async move { shutdown.wait().await })
        .await
}

async fn authorize(State(endpoint): State<Endpoint>, request: Request, next: Next) -> Response {
    if let Some(token) = &endpoint.token {
        if !token.admits(request.headers().get(header::AUTHORIZATION)) {
            let mut response = problem(
                StatusCode::UNAUTHORIZED,
                "missing or wrong bearer token (send `Authorization: Bearer <token>`)".to_owned(),
            );
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return response;
        }
    }
    next.run(request).await
}

async fn count_by_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    metrics::counter!("dateline_push_requests_total", "status" => response.status().as_u16().to_string())
        .increment(1);
    response
}

/// The media type of a JSON-family `Content-Type`, if the request declares one.
fn declared_json(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let media = value.split(';').next()?.trim().to_ascii_lowercase();
    let json = media == "application/json"
        || media.ends_with("+json")
        || matches!(
            media.as_str(),
            "application/x-ndjson" | "application/jsonl" | "application/x-jsonlines"
        );
    json.then_some(media)
}

async fn receive(
    State(endpoint): State<Endpoint>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return problem(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "request body larger than {} bytes; send fewer articles per request",
                    endpoint.max_body_bytes
                ),
            )
        }
        Err(rejection) => {
            return problem(
                rejection.status(),
                format!("reading the request body: {}", rejection.body_text()),
            )
        }
    };
    let blank = body.iter().all(u8::is_ascii_whitespace);
    if let Some(media) = declared_json(&headers) {
        // Sniffing alone would take a non-JSON body as a plain-text article; the sender said JSON, so
        // anything else is a broken request, not an article.
        if !blank && !matches!(detect(&body), Format::Json | Format::JsonLines) {
            return problem(
                StatusCode::BAD_REQUEST,
                format!("Content-Type is {media} but the body is not JSON"),
            );
        }
    }
    let parsed = parse_document(INPUT, &body, &endpoint.limits);
    let offered = parsed.articles.len();
    let report = endpoint.publisher.ingest_parsed(parsed).await;
    let rejected: Vec<Rejected> = report.rejected.iter().map(Rejected::from).collect();
    if offered == 0 {
        let error = match report.rejected.first() {
            Some(first) => format!("no usable article in the request: {first}"),
            None => "no article in the request".to_owned(),
        };
        return (StatusCode::BAD_REQUEST, Json(Problem { error, rejected })).into_response();
    }
    if let Some(first) = report.failed.first() {
        let error = format!(
            "NATS did not acknowledge {} of {offered} articles ({first}); send the request again",
            report.failed.len()
        );
        let mut response = (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(Problem { error, rejected }),
        )
            .into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return response;
    }
    tracing::info!(
        accepted = report.accepted,
        duplicates = report.duplicates,
        rejected = rejected.len(),
        "push request ingested"
    );
    (
        StatusCode::ACCEPTED,
        Json(Receipt {
            accepted: report.accepted,
            duplicates: report.duplicates,
            rejected,
        }),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content_type(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(value).expect("test header"),
        );
        headers
    }

    #[test]
    fn json_family_content_types_are_recognised() {
        assert_eq!(
            declared_json(&content_type("application/json; charset=utf-8")).as_deref(),
            Some("application/json")
        );
        assert!(declared_json(&content_type("application/x-ndjson")).is_some());
        assert!(declared_json(&content_type("application/ninjs+json")).is_some());
        assert!(declared_json(&content_type("text/plain")).is_none());
        assert!(declared_json(&HeaderMap::new()).is_none());
    }
}
