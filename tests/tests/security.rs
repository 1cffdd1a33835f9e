//! Connecting to a secured NATS, against real nats-server processes configured for token auth, user/password
//! auth, nkeys, decentralised JWT auth (`.creds` files), TLS and mutual TLS: the services connect with the
//! right credentials (given as flags or inside the URL) and run a stage, fail at once with an error naming the
//! problem with wrong ones, and never write a secret to their logs or errors. Certificates are generated for
//! the test with `rcgen`; nkeys with the `nkeys` crate, and the operator, account and user JWTs of
//! decentralised auth are signed here by hand (a JWT is two base64url JSON parts signed with an ed25519 nkey).

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dateline_shared::nats::NatsArgs;
use dateline_shared::shutdown::Shutdown;
use dateline_tests::pipeline::{spawn_extractor, test_stage_args};
use dateline_tests::{wait_for_stream_messages, NatsServer};

#[path = "../common/nats_auth.rs"]
mod nats_auth;

const TOKEN: &str = "tok-7c1e55a0d2b94f3e";
const PASSWORD: &str = "pw-3f9a2e61b8c04d7a";

/// Everything the process logs (every level, every target, async-nats included) while a test runs. Works
/// because `#[tokio::test]` runs every task on the test's own thread.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Logs {
    fn capture(&self) -> tracing::subscriber::DefaultGuard {
        let sink = self.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || sink.clone())
            .finish();
        tracing::subscriber::set_default(subscriber)
    }

    fn text(&self) -> String {
        let bytes = self.0.lock().map(|b| b.clone()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut bytes) = self.0.lock() {
            bytes.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Connects as a service does and proves the connection works: declares the pipeline, runs the extractor
/// stage, publishes an article and sees its events come out.
async fn run_a_stage(nats: &NatsArgs) -> anyhow::Result<()> {
    let (client, pipeline) = nats.pipeline("dateline-test", test_stage_args()).await?;
    pipeline.declare().await?;
    let (trigger, shutdown) = Shutdown::new();
    let extractor = spawn_extractor(pipeline.clone(), shutdown);
    let article = dateline_shared::Article {
        id: "kcna-sec-1".to_owned(),
        version: 1,
        outlet: Some("KCNA".to_owned()),
        headline: Some("Kim arrives in Russia".to_owned()),
        published_at: chrono::DateTime::parse_from_rfc3339("2023-09-12T08:00:00+09:00").ok(),
        published_date_only: false,
        dateline: None,
        byline: None,
        url: None,
        pubstatus: Default::default(),
        body: "North Korean leader Kim Jong Un arrived in Russia's Far East on Tuesday, KCNA said."
            .to_owned(),
    };
    let publisher =
        dateline_ingest::publish::Publisher::new(pipeline.js.clone(), pipeline.names.clone());
    for result in publisher.publish_all(&[article]).await {
        result?;
    }
    wait_for_stream_messages(
        &pipeline.js,
        &pipeline.names.events_stream(),
        Duration::from_secs(30),
        |messages| messages > 0,
    )
    .await?;
    trigger.trigger();
    tokio::time::timeout(Duration::from_secs(20), extractor).await???;
    client.flush().await?;
    Ok(())
}

/// Connects with credentials the server refuses; the error must come at once (no endless retrying) and
/// say what to check.
async fn refused(nats: &NatsArgs) -> String {
    match tokio::time::timeout(Duration::from_secs(15), nats.connect("dateline-test")).await {
        Ok(Ok(_)) => panic!("connected with wrong credentials"),
        Ok(Err(error)) => error.to_string(),
        Err(_) => panic!("no answer within 15 s: wrong credentials must fail, not retry"),
    }
}

/// Every attempt is refused clearly: an authorization violation, with `hint` (the flags to check) when given.
async fn refusals(attempts: impl IntoIterator<Item = NatsArgs>, hint: Option<&str>) -> Vec<String> {
    let mut errors = Vec::new();
    for nats in attempts {
        let error = refused(&nats).await;
        assert!(error.contains("authorization violation"), "{error}");
        if let Some(hint) = hint {
            assert!(error.contains(hint), "{error}");
        }
        errors.push(error);
    }
    errors
}

fn assert_no_secret(what: &str, text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!text.contains(secret), "{what} shows a secret:\n{text}");
    }
}

#[tokio::test]
async fn token_auth_right_token_connects_wrong_one_fails_clearly() -> anyhow::Result<()> {
    let logs = Logs::default();
    let _guard = logs.capture();
    let server =
        NatsServer::start_with_config(&format!("authorization {{ token: \"{TOKEN}\" }}\n"))?;

    let good = NatsArgs {
        token: Some(TOKEN.to_owned()),
        ..NatsArgs::for_url(&server.url())
    };
    run_a_stage(&good).await?;
    // The token inside the URL works as well, as NATS clients accept it.
    let in_url = server.url().replace("nats://", &format!("nats://{TOKEN}@"));
    run_a_stage(&NatsArgs::for_url(&in_url)).await?;

    let errors = refusals(
        [
            NatsArgs {
                token: Some("tok-wrong".to_owned()),
                ..NatsArgs::for_url(&server.url())
            },
            NatsArgs::for_url(&server.url()),
            NatsArgs::for_url(&server.url().replace("nats://", "nats://tok-wrong@")),
        ],
        Some("check --nats-user/--nats-password, --nats-token"),
    )
    .await;
    for error in &errors {
        assert!(
            error.contains(&format!("127.0.0.1:{}", server_port(&server))),
            "{error}"
        );
    }
    assert_no_secret("an error", &errors.join("\n"), &[TOKEN, "tok-wrong"]);
    assert_no_secret("Debug of the settings", &format!("{good:?}"), &[TOKEN]);
    let logged = logs.text();
    assert!(logged.contains("connected successfully"), "{logged}");
    assert_no_secret("the logs", &logged, &[TOKEN, "tok-wrong"]);
    Ok(())
}

#[tokio::test]
async fn user_password_auth_right_password_connects_wrong_one_fails_clearly() -> anyhow::Result<()>
{
    let logs = Logs::default();
    let _guard = logs.capture();
    let server = NatsServer::start_with_config(&format!(
        "authorization {{ users = [ {{ user: \"dateline\", password: \"{PASSWORD}\" }} ] }}\n"
    ))?;

    let good = NatsArgs {
        user: Some("dateline".to_owned()),
        password: Some(PASSWORD.to_owned()),
        ..NatsArgs::for_url(&server.url())
    };
    run_a_stage(&good).await?;
    let in_url = server
        .url()
        .replace("nats://", &format!("nats://dateline:{PASSWORD}@"));
    run_a_stage(&NatsArgs::for_url(&in_url)).await?;

    let wrong_password = NatsArgs {
        user: Some("dateline".to_owned()),
        password: Some("pw-wrong".to_owned()),
        ..NatsArgs::for_url(&server.url())
    };
    let wrong_in_url =
        NatsArgs::for_url(&server.url().replace("nats://", "nats://dateline:pw-wrong@"));
    let errors = refusals(
        [
            wrong_password,
            wrong_in_url,
            NatsArgs::for_url(&server.url()),
        ],
        None,
    )
    .await;
    // The URL in an error keeps the user, so the operator can tell which account was refused.
    assert!(
        errors[1].contains("nats://dateline:***@127.0.0.1"),
        "{}",
        errors[1]
    );
    assert_no_secret("an error", &errors.join("\n"), &[PASSWORD, "pw-wrong"]);
    assert_no_secret("Debug of the settings", &format!("{good:?}"), &[PASSWORD]);
    let logged = logs.text();
    assert!(logged.contains("connected successfully"), "{logged}");
    assert_no_secret("the logs", &logged, &[PASSWORD, "pw-wrong"]);
    Ok(())
}

fn server_port(server: &NatsServer) -> String {
    server
        .url()
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// A CA, a server certificate it signed for 127.0.0.1 and localhost, and a client certificate it signed for
/// mutual TLS, as PEM files in `dir` (`ca.pem`, `server.pem`, `server-key.pem`, `client.pem`, `client-key.pem`).
fn make_certificates(dir: &std::path::Path) -> anyhow::Result<()> {
    use rcgen::{
        BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose,
        IsCa, KeyPair,
    };
    let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "dateline test CA");
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate()?)?;
    let mut server_params =
        CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])?;
    server_params
        .distinguished_name
        .push(DnType::CommonName, "dateline test nats-server");
    let server_key = KeyPair::generate()?;
    let server_cert = server_params.signed_by(&server_key, &ca)?;
    std::fs::write(dir.join("ca.pem"), ca.pem())?;
    std::fs::write(dir.join("server.pem"), server_cert.pem())?;
    std::fs::write(dir.join("server-key.pem"), server_key.serialize_pem())?;
    let mut client_params = CertificateParams::new(Vec::<String>::new())?;
    client_params
        .distinguished_name
        .push(DnType::CommonName, "dateline-extractor");
    client_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let client_key = KeyPair::generate()?;
    let client_cert = client_params.signed_by(&client_key, &ca)?;
    std::fs::write(dir.join("client.pem"), client_cert.pem())?;
    std::fs::write(dir.join("client-key.pem"), client_key.serialize_pem())?;
    Ok(())
}

#[tokio::test]
async fn tls_with_the_ca_connects_without_it_fails_clearly() -> anyhow::Result<()> {
    let certs = tempfile::tempdir()?;
    make_certificates(certs.path())?;
    let server = NatsServer::start_with_config(&format!(
        "tls {{\n  cert_file: \"{}\"\n  key_file: \"{}\"\n}}\n",
        certs.path().join("server.pem").display(),
        certs.path().join("server-key.pem").display()
    ))?;
    let url = server.url().replace("nats://", "tls://");

    let trusted = NatsArgs {
        tls_ca: Some(certs.path().join("ca.pem")),
        require_tls: true,
        ..NatsArgs::for_url(&url)
    };
    run_a_stage(&trusted).await?;

    // Without the CA the server's certificate is from an unknown issuer.
    for nats in [NatsArgs::for_url(&url), NatsArgs::for_url(&server.url())] {
        let error = refused(&nats).await;
        assert!(error.contains("TLS"), "{error}");
        assert!(error.contains("check --nats-tls-ca"), "{error}");
    }

    // A server without TLS, for a client that requires it.
    let plain = NatsServer::start()?;
    let strict = NatsArgs {
        require_tls: true,
        ..NatsArgs::for_url(&plain.url())
    };
    let error = refused(&strict).await;
    assert!(error.contains("TLS"), "{error}");
    Ok(())
}

#[tokio::test]
async fn mutual_tls_with_a_client_certificate_connects_without_one_fails_clearly(
) -> anyhow::Result<()> {
    let logs = Logs::default();
    let _guard = logs.capture();
    let certs = tempfile::tempdir()?;
    make_certificates(certs.path())?;
    let server = NatsServer::start_with_config(&format!(
        "tls {{\n  cert_file: \"{}\"\n  key_file: \"{}\"\n  ca_file: \"{}\"\n  verify: true\n}}\n",
        certs.path().join("server.pem").display(),
        certs.path().join("server-key.pem").display(),
        certs.path().join("ca.pem").display()
    ))?;
    let url = server.url().replace("nats://", "tls://");
    let ca_only = NatsArgs {
        tls_ca: Some(certs.path().join("ca.pem")),
        require_tls: true,
        ..NatsArgs::for_url(&url)
    };
    let with_certificate = NatsArgs {
        tls_cert: Some(certs.path().join("client.pem")),
        tls_key: Some(certs.path().join("client-key.pem")),
        ..ca_only.clone()
    };
    run_a_stage(&with_certificate).await?;

    // The server asks for a certificate the client does not have.
    let error = refused(&ca_only).await;
    assert!(error.contains("TLS"), "{error}");
    assert!(error.contains("client certificate"), "{error}");
    let key = std::fs::read_to_string(certs.path().join("client-key.pem"))?;
    let key_body = key.lines().nth(1).unwrap_or_default().to_owned();
    assert!(!key_body.is_empty());
    assert_no_secret("an error", &error, &[&key_body]);
    assert_no_secret("the logs", &logs.text(), &[&key_body]);
    Ok(())
}

/// Writes `text` to a file in `dir` and returns its path.
fn write_file(dir: &std::path::Path, name: &str, text: &str) -> anyhow::Result<std::path::PathBuf> {
    let path = dir.join(name);
    std::fs::write(&path, text)?;
    Ok(path)
}

#[tokio::test]
async fn nkey_auth_right_seed_connects_wrong_one_fails_clearly() -> anyhow::Result<()> {
    let logs = Logs::default();
    let _guard = logs.capture();
    let user = nkeys::KeyPair::new_user();
    let server = NatsServer::start_with_config(&format!(
        "authorization {{ users = [ {{ nkey: \"{}\" }} ] }}\n",
        user.public_key()
    ))?;
    let dir = tempfile::tempdir()?;
    let seed = user.seed()?;
    let good = NatsArgs {
        nkey_file: Some(write_file(dir.path(), "dateline.nk", &format!("{seed}\n"))?),
        ..NatsArgs::for_url(&server.url())
    };
    run_a_stage(&good).await?;

    // A seed the server does not know, and no credentials at all.
    let stranger = nkeys::KeyPair::new_user().seed()?;
    let wrong = NatsArgs {
        nkey_file: Some(write_file(dir.path(), "stranger.nk", &stranger)?),
        ..NatsArgs::for_url(&server.url())
    };
    let errors = refusals(
        [wrong, NatsArgs::for_url(&server.url())],
        Some("--nats-nkey or --nats-creds"),
    )
    .await;
    assert_no_secret("an error", &errors.join("\n"), &[&seed, &stranger]);
    assert_no_secret("Debug of the settings", &format!("{good:?}"), &[&seed]);
    let logged = logs.text();
    assert!(logged.contains("connected successfully"), "{logged}");
    assert_no_secret("the logs", &logged, &[&seed, &stranger]);
    Ok(())
}

#[tokio::test]
async fn creds_file_auth_a_user_of_a_trusted_account_connects_a_stranger_fails_clearly(
) -> anyhow::Result<()> {
    let logs = Logs::default();
    let _guard = logs.capture();
    let dir = tempfile::tempdir()?;
    // Operator → account (with JetStream) → user: the chain of trust of decentralised auth.
    let operator = nats_auth::Operator::default();
    let server = NatsServer::start_with_config(&operator.server_config(dir.path())?)?;

    let (creds, seed) = nats_auth::creds(&operator.account);
    let good = NatsArgs {
        creds: Some(write_file(dir.path(), "dateline.creds", &creds)?),
        ..NatsArgs::for_url(&server.url())
    };
    run_a_stage(&good).await?;

    // A user of an account the operator never signed.
    let (stranger, stranger_seed) = nats_auth::creds(&nkeys::KeyPair::new_account());
    let wrong = NatsArgs {
        creds: Some(write_file(dir.path(), "stranger.creds", &stranger)?),
        ..NatsArgs::for_url(&server.url())
    };
    let errors = refusals(
        [wrong, NatsArgs::for_url(&server.url())],
        Some("--nats-nkey or --nats-creds"),
    )
    .await;
    assert_no_secret("an error", &errors.join("\n"), &[&seed, &stranger_seed]);
    assert_no_secret("Debug of the settings", &format!("{good:?}"), &[&seed]);
    let logged = logs.text();
    assert!(logged.contains("connected successfully"), "{logged}");
    assert_no_secret("the logs", &logged, &[&seed, &stranger_seed]);
    Ok(())
}
