//! How the push endpoint is switched on and secured: the `--push-*` flags (also `[ingest] push_*` in the
//! config file), turned into checked [`PushSettings`].
//!
//! The token is deliberately not a flag: a flag's value shows in `ps` and in `--help` defaults. It comes
//! from a file (`--push-token-file`) or from `DATELINE_PUSH_TOKEN`. Listening beyond loopback without a
//! token is refused, since anyone who can reach the port could then publish to the wire.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use super::token::{BearerToken, TokenError};

/// The environment variable that may hold the push token itself.
pub const TOKEN_ENV: &str = "DATELINE_PUSH_TOKEN";

/// Requests larger than this are refused with 413 unless configured otherwise.
pub const DEFAULT_MAX_BODY_BYTES: usize = 16 << 20;

#[derive(Debug, Clone, clap::Args)]
pub struct PushArgs {
    /// Serve `POST /articles` for webhook delivery on this address; a bare port binds 127.0.0.1.
    #[arg(long, env = "DATELINE_PUSH_LISTEN", value_parser = parse_listen)]
    pub push_listen: Option<SocketAddr>,
    /// A file holding the bearer token senders must present (alternatively set DATELINE_PUSH_TOKEN).
    #[arg(long, env = "DATELINE_PUSH_TOKEN_FILE")]
    pub push_token_file: Option<PathBuf>,
    /// Largest push request body accepted, in bytes; larger ones get 413.
    #[arg(long, env = "DATELINE_PUSH_MAX_BODY_BYTES", default_value_t = DEFAULT_MAX_BODY_BYTES)]
    pub push_max_body_bytes: usize,
}

/// A push endpoint ready to bind.
#[derive(Debug, Clone)]
pub struct PushSettings {
    pub listen: SocketAddr,
    /// `None` only on a loopback address.
    pub token: Option<BearerToken>,
    pub max_body_bytes: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum PushConfigError {
    #[error(transparent)]
    Token(#[from] TokenError),
    #[error("push token given twice: both --push-token-file and {TOKEN_ENV} are set; keep one")]
    TwoTokens,
    #[error("refusing to serve push on {0} without a token: anyone reaching it could publish; set --push-token-file or {TOKEN_ENV}, or listen on 127.0.0.1")]
    OpenWithoutToken(SocketAddr),
    #[error("--push-max-body-bytes must be at least 1")]
    ZeroBodyLimit,
}

/// `8090` means `127.0.0.1:8090`; anything else must be a full socket address.
pub fn parse_listen(text: &str) -> Result<SocketAddr, String> {
    if let Ok(port) = text.parse::<u16>() {
        return Ok(SocketAddr::from((Ipv4Addr::LOCALHOST, port)));
    }
    text.parse().map_err(|_| {
        format!("`{text}` is not a port or an address such as 127.0.0.1:8090 or [::1]:8090")
    })
}

impl PushArgs {
    /// The endpoint's settings, or `None` when push is off; reads the token from its file or from the
    /// environment.
    pub fn settings(&self) -> Result<Option<PushSettings>, PushConfigError> {
        self.settings_with(std::env::var(TOKEN_ENV).ok())
    }

    /// [`PushArgs::settings`] with the environment's token passed in, for tests.
    pub fn settings_with(
        &self,
        env_token: Option<String>,
    ) -> Result<Option<PushSettings>, PushConfigError> {
        let Some(listen) = self.push_listen else {
            return Ok(None);
        };
        if self.push_max_body_bytes == 0 {
            return Err(PushConfigError::ZeroBodyLimit);
        }
        let token = match (&self.push_token_file, env_token) {
            (Some(_), Some(_)) => return Err(PushConfigError::TwoTokens),
            (Some(path), None) => Some(BearerToken::from_file(path)?),
            (None, Some(secret)) => Some(BearerToken::new(&secret, TOKEN_ENV)?),
            (None, None) => None,
        };
        if token.is_none() && !listen.ip().is_loopback() {
            return Err(PushConfigError::OpenWithoutToken(listen));
        }
        Ok(Some(PushSettings {
            listen,
            token,
            max_body_bytes: self.push_max_body_bytes,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(listen: &str) -> PushArgs {
        PushArgs {
            push_listen: Some(parse_listen(listen).expect("test address")),
            push_token_file: None,
            push_max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }

    #[test]
    fn a_bare_port_binds_loopback() {
        assert_eq!(
            parse_listen("8090"),
            Ok(SocketAddr::from(([127, 0, 0, 1], 8090)))
        );
        assert_eq!(
            parse_listen("0.0.0.0:80"),
            Ok(SocketAddr::from(([0, 0, 0, 0], 80)))
        );
        let error = parse_listen("localhost:x").unwrap_err();
        assert!(error.contains("`localhost:x`"), "{error}");
    }

    #[test]
    fn off_unless_an_address_is_given() {
        let off = PushArgs {
            push_listen: None,
            ..args("1")
        };
        assert!(off.settings_with(None).expect("valid").is_none());
    }

    #[test]
    fn beyond_loopback_a_token_is_required() {
        let error = args("0.0.0.0:8090").settings_with(None).unwrap_err();
        assert!(error.to_string().contains("0.0.0.0:8090"), "{error}");
        let open = args("0.0.0.0:8090")
            .settings_with(Some("t0ken".into()))
            .expect("valid")
            .expect("on");
        assert!(open.token.is_some());
        let local = args("8090")
            .settings_with(None)
            .expect("valid")
            .expect("on");
        assert!(local.token.is_none());
    }

    #[test]
    fn the_token_comes_from_one_place() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("push.token");
        std::fs::write(&file, "from-file\n").expect("write token");
        let with_file = PushArgs {
            push_token_file: Some(file.clone()),
            ..args("8090")
        };
        assert!(with_file
            .settings_with(None)
            .expect("valid")
            .and_then(|s| s.token)
            .is_some());
        assert!(matches!(
            with_file.settings_with(Some("env".into())),
            Err(PushConfigError::TwoTokens)
        ));
        let missing = PushArgs {
            push_token_file: Some(dir.path().join("absent")),
            ..args("8090")
        };
        let error = missing.settings_with(None).unwrap_err().to_string();
        assert!(error.contains("absent"), "{error}");
    }
}
