//! Credentials for NATS decentralised (JWT) auth, made at test time: an operator, an account with JetStream
//! and its users, as `nsc` would make them, and the nats-server configuration that trusts them. Used by
//! `tests/tests/security.rs` and by the extractor binary's `tests/auth.rs` (with `#[path]`).
//!
//! A NATS JWT is `base64url(header).base64url(claims).base64url(signature)`, signed with the issuer's ed25519
//! nkey; nats-server checks the signature, the issuer's key type and the chain of trust (operator → account →
//! user), so the tokens are signed here by hand rather than with another dependency.

use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// A JWT with `nats` (the type-specific part of the claims) about `subject`, signed by `issuer`. `jti` is only
/// an identifier to nats-server (not checked against the claims' hash), so a unique string does.
pub fn jwt(issuer: &nkeys::KeyPair, subject: &str, nats: serde_json::Value) -> String {
    let issued_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"ed25519-nkey"}"#);
    let claims = serde_json::json!({
        "jti": format!("{subject}{issued_at}"),
        "iat": issued_at,
        "iss": issuer.public_key(),
        "sub": subject,
        "name": "dateline-test",
        "nats": nats,
    });
    let claims = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).expect("claims are JSON"));
    let signed = format!("{header}.{claims}");
    let signature = issuer
        .sign(signed.as_bytes())
        .expect("an issuer key with its seed");
    format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature))
}

/// An operator trusting one account, which may use JetStream without limits, and the system account that
/// nats-server needs to run JetStream in operator mode.
pub struct Operator {
    operator: nkeys::KeyPair,
    system: nkeys::KeyPair,
    pub account: nkeys::KeyPair,
}

impl Default for Operator {
    fn default() -> Self {
        Self {
            operator: nkeys::KeyPair::new_operator(),
            system: nkeys::KeyPair::new_account(),
            account: nkeys::KeyPair::new_account(),
        }
    }
}

impl Operator {
    /// The nats-server configuration trusting this operator and its accounts (a memory resolver preloaded with
    /// the account JWTs); the operator JWT is written to `dir`.
    pub fn server_config(&self, dir: &Path) -> std::io::Result<String> {
        let operator_jwt = jwt(
            &self.operator,
            &self.operator.public_key(),
            serde_json::json!({ "type": "operator", "version": 2 }),
        );
        let account_jwt = jwt(
            &self.operator,
            &self.account.public_key(),
            serde_json::json!({
                "type": "account", "version": 2,
                "limits": {
                    "subs": -1, "data": -1, "payload": -1, "imports": -1, "exports": -1,
                    "wildcards": true, "conn": -1, "leaf": -1,
                    "mem_storage": -1, "disk_storage": -1, "streams": -1, "consumer": -1,
                },
            }),
        );
        let system_jwt = jwt(
            &self.operator,
            &self.system.public_key(),
            serde_json::json!({ "type": "account", "version": 2 }),
        );
        let operator_file = dir.join("operator.jwt");
        std::fs::write(&operator_file, operator_jwt)?;
        Ok(format!(
            "operator: \"{}\"\nsystem_account: {system}\nresolver: MEMORY\n\
             resolver_preload: {{\n  {account}: \"{account_jwt}\"\n  {system}: \"{system_jwt}\"\n}}\n",
            operator_file.display(),
            account = self.account.public_key(),
            system = self.system.public_key(),
        ))
    }
}

/// A new user of `account` as a `.creds` file's text, the way `nsc` writes one (the user JWT, then the user's
/// nkey seed), and that seed, the secret no log may show.
pub fn creds(account: &nkeys::KeyPair) -> (String, String) {
    let user = nkeys::KeyPair::new_user();
    let user_jwt = jwt(
        account,
        &user.public_key(),
        serde_json::json!({
            "type": "user", "version": 2,
            "pub": {}, "sub": {}, "subs": -1, "data": -1, "payload": -1,
        }),
    );
    let seed = user.seed().expect("a new key has a seed");
    let text = format!(
        "-----BEGIN NATS USER JWT-----\n{user_jwt}\n------END NATS USER JWT------\n\n\
         ************************* IMPORTANT *************************\n\
         NKEY Seed printed below can be used to sign and prove identity.\n\
         NKEYs are sensitive and should be treated as secrets.\n\n\
         -----BEGIN USER NKEY SEED-----\n{seed}\n------END USER NKEY SEED------\n\n\
         *************************************************************\n"
    );
    (text, seed)
}
