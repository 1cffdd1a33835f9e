//! Fetching feeds and documents over HTTP(S), with conditional GET so that polling an unchanged feed costs
//! the publisher a 304 and us nothing.

use std::time::Duration;

use crate::formats::Limits;

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("fetching {url}: {reason}")]
    Request { url: String, reason: String },
    #[error("fetching {url}: HTTP {status}{}", retry_after.map(|d| format!(" (retry after {}s)", d.as_secs())).unwrap_or_default())]
    Status {
        url: String,
        status: u16,
        /// What the server asked for in `Retry-After` (429, 503), as a wait from now.
        retry_after: Option<Duration>,
    },
    #[error("fetching {url}: larger than {limit} bytes")]
    TooLarge { url: String, limit: usize },
}

/// What the server said last time, sent back so it can answer "not modified".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug)]
pub enum Fetched {
    NotModified,
    Body {
        bytes: Vec<u8>,
        validators: Validators,
    },
}

/// An HTTP client for wire sources: bounded timeouts, a clear user agent, rustls with the ring provider.
pub fn client() -> Result<reqwest::Client, FetchError> {
    // Installing twice is harmless (the second call reports the first provider), so ignore the result.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .user_agent(concat!("dateline/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| FetchError::Request {
            url: String::new(),
            reason: e.to_string(),
        })
}

/// reqwest's own message ("error sending request for url ...") hides the cause (connection refused, DNS,
/// TLS); the chain of sources says what actually went wrong.
fn with_causes(error: &reqwest::Error) -> String {
    let mut reason = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        reason.push_str(": ");
        reason.push_str(&cause.to_string());
        source = cause.source();
    }
    reason
}

/// A `Retry-After` value (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) as a wait from `now`; `None`
/// when it is neither. A date already past means "now".
pub fn retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

pub fn is_url(input: &str) -> bool {
    input.starts_with("http://") || input.starts_with("https://")
}

/// GETs `url`, conditionally when validators are known, reading at most the document limit.
pub async fn fetch(
    client: &reqwest::Client,
    url: &str,
    validators: &Validators,
    limits: &Limits,
) -> Result<Fetched, FetchError> {
    let request_error = |e: reqwest::Error| FetchError::Request {
        url: url.to_owned(),
        reason: with_causes(&e),
    };
    let mut request = client.get(url);
    if let Some(etag) = &validators.etag {
        request = request.header(reqwest::header::IF_NONE_MATCH, etag);
    }
    if let Some(modified) = &validators.last_modified {
        request = request.header(reqwest::header::IF_MODIFIED_SINCE, modified);
    }
    let mut response = request.send().await.map_err(request_error)?;
    let status = response.status();
    if status == reqwest::StatusCode::NOT_MODIFIED {
        return Ok(Fetched::NotModified);
    }
    if !status.is_success() {
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| retry_after(v, std::time::SystemTime::now()));
        return Err(FetchError::Status {
            url: url.to_owned(),
            status: status.as_u16(),
            retry_after,
        });
    }
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
            .map(str::to_owned)
    };
    let validators = Validators {
        etag: header(reqwest::header::ETAG),
        last_modified: header(reqwest::header::LAST_MODIFIED),
    };
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(request_error)? {
        if bytes.len() + chunk.len() > limits.max_document_bytes {
            return Err(FetchError::TooLarge {
                url: url.to_owned(),
                limit: limits.max_document_bytes,
            });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Fetched::Body { bytes, validators })
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use super::retry_after;

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_784_000_000);
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(retry_after(" 5 ", now), Some(Duration::from_secs(5)));
        let in_ninety = httpdate::fmt_http_date(now + Duration::from_secs(90));
        assert_eq!(retry_after(&in_ninety, now), Some(Duration::from_secs(90)));
        let past = httpdate::fmt_http_date(now - Duration::from_secs(90));
        assert_eq!(retry_after(&past, now), Some(Duration::ZERO));
        assert_eq!(retry_after("soon", now), None);
        assert_eq!(retry_after("-3", now), None);
    }
}
