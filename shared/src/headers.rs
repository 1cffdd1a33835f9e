//! NATS header names dateline sets, beyond JetStream's own `Nats-Msg-Id`.

/// RFC 3339 time ingest published the article; carried to every event and story update for latency.
pub const INGESTED_AT: &str = "Dateline-Ingested-At";
/// The article id (and version) an event or story update derives from.
pub const ARTICLE: &str = "Dateline-Article";
/// Why a stage dead-lettered a message.
pub const DLQ_REASON: &str = "Dateline-Dlq-Reason";
/// The subject a dead letter was first published on.
pub const DLQ_SUBJECT: &str = "Dateline-Dlq-Subject";
/// How many times the stage tried the message before giving up.
pub const DLQ_DELIVERIES: &str = "Dateline-Dlq-Deliveries";
/// The stage that gave up.
pub const DLQ_STAGE: &str = "Dateline-Dlq-Stage";
/// How many events the extractor published for an article version (so the aggregator can tell a complete set).
pub const EVENT_COUNT: &str = "Dateline-Event-Count";
