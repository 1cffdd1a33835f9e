//! Publishing validated articles to JetStream, exactly once per article version.
//!
//! Every article goes to `<prefix>.articles.<outlet>` with `Nats-Msg-Id` = `<id>@v<version>`: JetStream drops a
//! re-sent copy inside its duplicate window and says so in the ack, which is how `feed` counts duplicates.

use async_nats::jetstream;
use async_nats::HeaderMap;
use dateline_shared::trace::TraceContext;
use dateline_shared::{headers, Article, Names};

use crate::formats::{Limits, Parsed, Rejection};

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("encoding article {id}: {source}")]
    Encode {
        id: String,
        source: serde_json::Error,
    },
    #[error("publishing article {id}: {reason}")]
    Publish { id: String, reason: String },
}

/// What JetStream made of one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    Accepted,
    /// The same id and version was already in the stream.
    Duplicate,
}

/// Totals of one ingest run, as `dateline feed` prints them.
#[derive(Debug, Default)]
pub struct IngestReport {
    pub accepted: usize,
    pub duplicates: usize,
    /// Inputs refused as bad, with the reason.
    pub rejected: Vec<Rejection>,
    /// Good articles JetStream did not take (NATS unavailable): to be sent again.
    pub failed: Vec<PublishError>,
}

impl IngestReport {
    pub fn merge(&mut self, other: IngestReport) {
        self.accepted += other.accepted;
        self.duplicates += other.duplicates;
        self.rejected.extend(other.rejected);
        self.failed.extend(other.failed);
    }
}

#[derive(Clone)]
pub struct Publisher {
    js: jetstream::Context,
    names: Names,
}

impl Publisher {
    pub fn new(js: jetstream::Context, names: Names) -> Self {
        Self { js, names }
    }

    /// Publishes articles pipelined (all sent, then all acks awaited); results in input order.
    pub async fn publish_all(&self, articles: &[Article]) -> Vec<Result<Published, PublishError>> {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let mut pending = Vec::with_capacity(articles.len());
        for article in articles {
            pending.push(self.send(article, &now).await);
        }
        // Every acknowledgement is awaited at once: each has its own timeout, and acks lost with a crashed server
        // would otherwise cost that timeout one after another.
        let acked = futures::future::join_all(pending.into_iter().map(|sent| async move {
            match sent {
                Ok(ack) => Ok(ack.await),
                Err(e) => Err(e),
            }
        }))
        .await;
        let mut results = Vec::with_capacity(articles.len());
        for (article, sent) in articles.iter().zip(acked) {
            let result = match sent {
                Ok(acked) => match acked {
                    Ok(ack) if ack.duplicate => Ok(Published::Duplicate),
                    Ok(_) => Ok(Published::Accepted),
                    Err(e) => Err(PublishError::Publish {
                        id: article.id.clone(),
                        reason: dateline_shared::nats::describe_publish_failure(&e),
                    }),
                },
                Err(e) => Err(e),
            };
            let outcome = match &result {
                Ok(Published::Accepted) => "accepted",
                Ok(Published::Duplicate) => "duplicate",
                Err(_) => "failed",
            };
            metrics::counter!("dateline_articles_in_total", "outcome" => outcome).increment(1);
            results.push(result);
        }
        results
    }

    async fn send(
        &self,
        article: &Article,
        now: &str,
    ) -> Result<jetstream::context::PublishAckFuture, PublishError> {
        let payload = serde_json::to_vec(article).map_err(|source| PublishError::Encode {
            id: article.id.clone(),
            source,
        })?;
        let mut headers = HeaderMap::new();
        headers.insert("Nats-Msg-Id", article.msg_id().as_str());
        headers.insert(headers::INGESTED_AT, now);
        let trace = TraceContext::for_article(&article.msg_id());
        trace.insert_into(&mut headers);
        tracing::debug!(trace_id = %trace.trace_hex(), article = %article.msg_id(), "publishing article");
        self.js
            .publish_with_headers(
                self.names.article_subject(article.outlet.as_deref()),
                headers,
                payload.into(),
            )
            .await
            .map_err(|e| PublishError::Publish {
                id: article.id.clone(),
                reason: dateline_shared::nats::describe_publish_failure(&e),
            })
    }

    /// Parses one input document and publishes every valid article in it.
    pub async fn ingest_document(
        &self,
        input_name: &str,
        bytes: &[u8],
        limits: &Limits,
    ) -> IngestReport {
        let parsed = crate::formats::parse_document(input_name, bytes, limits);
        self.ingest_parsed(parsed).await
    }

    pub async fn ingest_parsed(&self, parsed: Parsed) -> IngestReport {
        let mut report = IngestReport {
            rejected: parsed.rejected,
            ..Default::default()
        };
        for rejection in &report.rejected {
            tracing::warn!(input = %rejection.input, reason = %rejection.reason, "article rejected");
            metrics::counter!("dateline_articles_rejected_total", "reason" => rejection.reason.code()).increment(1);
        }
        for result in self.publish_all(&parsed.articles).await {
            match result {
                Ok(Published::Accepted) => report.accepted += 1,
                Ok(Published::Duplicate) => report.duplicates += 1,
                Err(error) => {
                    tracing::error!(%error, "article not published");
                    report.failed.push(error);
                }
            }
        }
        report
    }
}
