//! The shared secret a webhook sender presents as `Authorization: Bearer <token>`.
//!
//! Only a BLAKE3 digest of the token is kept, and a presented token is checked by comparing digests:
//! `blake3::Hash` compares in constant time, and hashing first means neither the token's length nor its
//! content leaks through timing. The token itself is never logged, printed or shown in `--help`.

use std::fmt;
use std::path::Path;

use axum::http::HeaderValue;

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("reading push token file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("push token from {origin} is empty")]
    Empty { origin: String },
}

/// A bearer token, held as its digest.
#[derive(Clone)]
pub struct BearerToken {
    digest: blake3::Hash,
}

impl BearerToken {
    /// The token in `secret`, surrounding whitespace (a trailing newline in a file) removed. `origin` says
    /// where it came from, for the error when it is empty.
    pub fn new(secret: &str, origin: &str) -> Result<Self, TokenError> {
        let secret = secret.trim();
        if secret.is_empty() {
            return Err(TokenError::Empty {
                origin: origin.to_owned(),
            });
        }
        Ok(Self {
            digest: blake3::hash(secret.as_bytes()),
        })
    }

    pub fn from_file(path: &Path) -> Result<Self, TokenError> {
        let shown = path.display().to_string();
        let secret = std::fs::read_to_string(path).map_err(|source| TokenError::Read {
            path: shown.clone(),
            source,
        })?;
        Self::new(&secret, &shown)
    }

    /// Whether an `Authorization` header carries this token (scheme `Bearer`, any case).
    pub fn admits(&self, authorization: Option<&HeaderValue>) -> bool {
        let Some(value) = authorization.and_then(|v| v.to_str().ok()) else {
            return false;
        };
        let Some((scheme, presented)) = value.split_once(' ') else {
            return false;
        };
        scheme.eq_ignore_ascii_case("bearer")
            && blake3::hash(presented.trim().as_bytes()) == self.digest
    }
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BearerToken(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(value: &str) -> HeaderValue {
        HeaderValue::from_str(value).expect("test header is valid")
    }

    #[test]
    fn admits_only_the_right_bearer_token() {
        let token = BearerToken::new("s3cret-wire\n", "test").expect("token");
        assert!(token.admits(Some(&header("Bearer s3cret-wire"))));
        assert!(token.admits(Some(&header("bearer s3cret-wire"))));
        assert!(!token.admits(Some(&header("Bearer s3cret-wir"))));
        assert!(!token.admits(Some(&header("Bearer s3cret-wire-and-more"))));
        assert!(!token.admits(Some(&header("Basic s3cret-wire"))));
        assert!(!token.admits(Some(&header("s3cret-wire"))));
        assert!(!token.admits(None));
    }

    #[test]
    fn an_empty_token_is_refused_and_the_secret_never_printed() {
        let error = BearerToken::new("  \n", "/etc/dateline/push.token").unwrap_err();
        assert_eq!(
            error.to_string(),
            "push token from /etc/dateline/push.token is empty"
        );
        let token = BearerToken::new("hunter2", "test").expect("token");
        assert!(!format!("{token:?}").contains("hunter2"));
    }
}
