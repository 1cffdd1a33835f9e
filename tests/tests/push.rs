//! The push endpoint (`POST /articles`) over real HTTP against a real nats-server: authentication, every
//! accepted body shape, per-item rejections, the body limit, and 503 when NATS does not acknowledge — after
//! which the retry is accepted, so nothing is lost.

use std::net::SocketAddr;
use std::time::Duration;

use dateline_ingest::formats::Limits;
use dateline_ingest::publish::Publisher;
use dateline_ingest::push::{BearerToken, PushSettings};
use dateline_shared::shutdown::{Shutdown, ShutdownTrigger};
use dateline_shared::Names;
use dateline_tests::{wait_for, NatsServer};
use serde_json::{json, Value};

const TOKEN: &str = "wire-desk-7f3a9c";

fn article(id: &str, headline: &str, body: &str) -> Value {
    json!({
        "id": id,
        "outlet": "Harbour Wire",
        "headline": headline,
        "published_at": "2026-03-04T09:15:00Z",
        "body": body,
    })
}

fn port_article() -> Value {
    article(
        "hw-0101",
        "Dock workers end strike at Port Velna after wage deal",
        "PORT VELNA (Harbour Wire) - Dock workers at Port Velna returned to work on Wednesday after union \
         leaders accepted a two-year wage agreement, ending a nine-day stoppage that had left container \
         ships queuing offshore.",
    )
}

struct Endpoint {
    url: String,
    http: reqwest::Client,
    trigger: ShutdownTrigger,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Endpoint {
    async fn start(publisher: Publisher, max_body_bytes: usize) -> anyhow::Result<Self> {
        let settings = PushSettings {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            token: Some(BearerToken::new(TOKEN, "test")?),
            max_body_bytes,
        };
        let listener = dateline_ingest::push::bind(&settings).await?;
        let url = format!("http://{}/articles", listener.local_addr()?);
        let router = dateline_ingest::push::router(publisher, Limits::default(), &settings);
        let (trigger, shutdown) = Shutdown::new();
        let task = tokio::spawn(dateline_ingest::push::serve(listener, router, shutdown));
        Ok(Self {
            url,
            http: dateline_ingest::fetch::client()?,
            trigger,
            task,
        })
    }

    /// POSTs `body` with the right token; returns the status and the JSON reply.
    async fn post(&self, content_type: &str, body: String) -> anyhow::Result<(u16, Value)> {
        let response = self
            .http
            .post(&self.url)
            .bearer_auth(TOKEN)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await?;
        let status = response.status().as_u16();
        let reply = serde_json::from_slice(&response.bytes().await?)?;
        Ok((status, reply))
    }

    async fn stop(self) -> anyhow::Result<()> {
        self.trigger.trigger();
        self.task.await??;
        Ok(())
    }
}

async fn publisher(
    server: &NatsServer,
) -> anyhow::Result<(Publisher, async_nats::jetstream::Context, Names)> {
    let client = async_nats::connect(server.url()).await?;
    // A short ack timeout, so the test of an unreachable NATS does not wait the default five seconds.
    let js = async_nats::jetstream::ContextBuilder::new()
        .timeout(Duration::from_secs(1))
        .build(client);
    let names = Names::new("dateline")?;
    Ok((Publisher::new(js.clone(), names.clone()), js, names))
}

fn durability() -> dateline_shared::nats::Durability {
    dateline_shared::nats::NatsArgs::default().durability()
}

async fn stored_articles(
    js: &async_nats::jetstream::Context,
    names: &Names,
) -> anyhow::Result<u64> {
    let mut stream = js.get_stream(names.articles_stream()).await?;
    Ok(stream.info().await?.state.messages)
}

#[tokio::test]
async fn only_the_right_bearer_token_gets_in() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let (publisher, js, names) = publisher(&server).await?;
    dateline_shared::nats::declare_pipeline(&js, &names, durability()).await?;
    let endpoint = Endpoint::start(publisher, 1 << 20).await?;
    let body = port_article().to_string();
    for token in [
        None,
        Some("wire-desk-7f3a9"),
        Some("wire-desk-7f3a9c-extra"),
    ] {
        let mut request = endpoint.http.post(&endpoint.url).body(body.clone());
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await?;
        assert_eq!(response.status().as_u16(), 401, "token {token:?}");
        assert_eq!(
            response
                .headers()
                .get("www-authenticate")
                .map(|v| v.as_bytes()),
            Some(&b"Bearer"[..])
        );
        let reply: Value = serde_json::from_slice(&response.bytes().await?)?;
        assert!(
            reply["error"]
                .as_str()
                .unwrap_or_default()
                .contains("bearer token"),
            "{reply}"
        );
    }
    assert_eq!(stored_articles(&js, &names).await?, 0);
    endpoint.stop().await
}

#[tokio::test]
async fn every_body_shape_is_accepted_once_and_bad_items_are_named() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let (publisher, js, names) = publisher(&server).await?;
    dateline_shared::nats::declare_pipeline(&js, &names, durability()).await?;
    dateline_shared::ops::prometheus();
    let endpoint = Endpoint::start(publisher, 1 << 20).await?;

    let (status, reply) = endpoint
        .post("application/json", port_article().to_string())
        .await?;
    assert_eq!(
        (status, &reply),
        (
            202,
            &json!({"accepted": 1, "duplicates": 0, "rejected": []})
        )
    );
    // The sender's retry of the same article is recognised, not stored twice.
    let (status, reply) = endpoint
        .post("application/json", port_article().to_string())
        .await?;
    assert_eq!(
        (status, &reply),
        (
            202,
            &json!({"accepted": 0, "duplicates": 1, "rejected": []})
        )
    );

    let array = json!([
        article("hw-0102", "Ferry service to Skarra islands resumes",
            "SKARRA (Harbour Wire) - The state ferry operator restored its twice-daily crossing to the \
             Skarra islands on Thursday after repairs to the harbour ramp were completed ahead of schedule."),
        article("hw-0103", "Empty filing", "   "),
        article("hw-0104", "Coastguard rescues crew of grounded trawler",
            "NORDHAVN (Harbour Wire) - A coastguard helicopter lifted six fishermen from a trawler that ran \
             aground in heavy seas off Nordhavn early on Friday, officials said."),
    ]);
    let (status, reply) = endpoint.post("application/json", array.to_string()).await?;
    assert_eq!(status, 202, "{reply}");
    assert_eq!(reply["accepted"], 2);
    assert_eq!(
        reply["rejected"],
        json!([{"input": "request#item 2", "reason": "empty body"}])
    );

    let lines = [
        article("hw-0105", "Grain terminal reopens after fire inspection",
            "ELSBERG (Harbour Wire) - The grain terminal at Elsberg reopened on Saturday after fire \
             inspectors cleared the conveyor hall damaged in last week's blaze."),
        article("hw-0106", "Pilots' union calls off weekend walkout",
            "PORT VELNA (Harbour Wire) - Harbour pilots called off a planned weekend walkout on Sunday \
             after the port authority agreed to review rest-period rules."),
    ]
    .iter()
    .map(Value::to_string)
    .collect::<Vec<_>>()
    .join("\n");
    let (status, reply) = endpoint.post("application/x-ndjson", lines).await?;
    assert_eq!(
        (status, &reply),
        (
            202,
            &json!({"accepted": 2, "duplicates": 0, "rejected": []})
        )
    );

    let ninjs = json!({
        "uri": "urn:harbourwire:2026:0107",
        "versioncreated": "2026-03-08T11:40:00Z",
        "headline": "Storm barrier closed as surge warning issued",
        "body_text": "KESSEL (Harbour Wire) - Engineers closed the Kessel storm barrier on Sunday morning \
                      after forecasters issued a surge warning for the estuary.",
        "byline": "Harbour Wire staff",
    });
    let (status, reply) = endpoint
        .post("application/ninjs+json", ninjs.to_string())
        .await?;
    assert_eq!(
        (status, &reply),
        (
            202,
            &json!({"accepted": 1, "duplicates": 0, "rejected": []})
        )
    );

    assert_eq!(stored_articles(&js, &names).await?, 6);
    let metrics = dateline_shared::ops::prometheus()
        .map(|h| h.render())
        .unwrap_or_default();
    assert!(
        metrics.contains("dateline_push_requests_total{status=\"202\"} 5"),
        "{metrics}"
    );
    endpoint.stop().await
}

#[tokio::test]
async fn malformed_and_oversized_bodies_are_refused_with_the_reason() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let (publisher, js, names) = publisher(&server).await?;
    dateline_shared::nats::declare_pipeline(&js, &names, durability()).await?;
    let endpoint = Endpoint::start(publisher, 2048).await?;

    let (status, reply) = endpoint
        .post(
            "application/json",
            r#"{"headline": "Cut off", "body": "PORT VELNA -"#.to_owned(),
        )
        .await?;
    assert_eq!(status, 400, "{reply}");
    let error = reply["error"].as_str().unwrap_or_default();
    assert!(error.contains("request: malformed JSON"), "{error}");

    let (status, reply) = endpoint
        .post("application/json", "Dock workers end strike".to_owned())
        .await?;
    assert_eq!(status, 400);
    assert_eq!(
        reply["error"],
        "Content-Type is application/json but the body is not JSON"
    );

    let (status, reply) = endpoint.post("application/json", String::new()).await?;
    assert_eq!(status, 400);
    assert_eq!(
        reply["error"],
        "no usable article in the request: request: empty body"
    );

    let mut big = port_article();
    big["body"] = Value::String("PORT VELNA (Harbour Wire) - Cranes idle. ".repeat(100));
    let (status, reply) = endpoint.post("application/json", big.to_string()).await?;
    assert_eq!(status, 413);
    assert_eq!(
        reply["error"],
        "request body larger than 2048 bytes; send fewer articles per request"
    );
    assert_eq!(stored_articles(&js, &names).await?, 0);
    endpoint.stop().await
}

#[tokio::test]
async fn without_an_ack_the_sender_is_told_to_retry_and_the_retry_lands() -> anyhow::Result<()> {
    let mut server = NatsServer::start()?;
    let (publisher, js, names) = publisher(&server).await?;
    dateline_shared::nats::declare_pipeline(&js, &names, durability()).await?;
    let endpoint = Endpoint::start(publisher, 1 << 20).await?;

    server.kill()?;
    let (status, reply) = endpoint
        .post("application/json", port_article().to_string())
        .await?;
    assert_eq!(status, 503, "{reply}");
    let error = reply["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("NATS did not acknowledge 1 of 1 articles") && error.contains("hw-0101"),
        "{error}"
    );

    server.restart()?;
    // The client reconnects on its own; the sender keeps retrying as it was told until the article lands.
    let reply = wait_for(Duration::from_secs(20), || async {
        match endpoint
            .post("application/json", port_article().to_string())
            .await
        {
            Ok((202, reply)) => Some(reply),
            _ => None,
        }
    })
    .await?;
    // The publish from before the restart may have been flushed once the client reconnected: then the retry
    // is the duplicate. Either way the article is stored exactly once.
    assert_eq!(
        reply["accepted"].as_u64().unwrap_or_default()
            + reply["duplicates"].as_u64().unwrap_or_default(),
        1,
        "{reply}"
    );
    assert_eq!(stored_articles(&js, &names).await?, 1);
    endpoint.stop().await
}
