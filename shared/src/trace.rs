//! Trace context across NATS: one article can be followed from ingest to every story update it caused.
//!
//! Each message carries a W3C Trace Context `traceparent` header (`00-<trace id>-<span id>-01`). Ingest starts
//! the trace of an article version; every stage continues it on what it publishes (same trace id, a new span
//! id), and logs the trace id with what it did. The format is the W3C one so that an OpenTelemetry-instrumented
//! consumer in another language joins the same trace. Ids are hashes of the message ids, not random, so that a
//! redelivered message continues the trace it started rather than starting a new one.

use async_nats::HeaderMap;

/// The W3C Trace Context header.
pub const TRACEPARENT: &str = "traceparent";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraceContext {
    pub trace_id: [u8; 16],
    pub span_id: [u8; 8],
}

impl TraceContext {
    /// The trace of one article version, started by ingest.
    pub fn for_article(msg_id: &str) -> Self {
        let trace = hash(&["trace", msg_id]);
        let span = hash(&["span", msg_id]);
        let mut trace_id = [0; 16];
        let mut span_id = [0; 8];
        trace_id.copy_from_slice(&trace[..16]);
        span_id.copy_from_slice(&span[..8]);
        Self { trace_id, span_id }
    }

    /// The same trace, one step further: the span of a message derived from this one.
    pub fn child(&self, msg_id: &str) -> Self {
        let span = hash(&["span", &self.trace_hex(), msg_id]);
        let mut span_id = [0; 8];
        span_id.copy_from_slice(&span[..8]);
        Self {
            trace_id: self.trace_id,
            span_id,
        }
    }

    /// Reads `traceparent` from a message's headers; `None` when absent or malformed.
    pub fn from_headers(headers: Option<&HeaderMap>) -> Option<Self> {
        Self::parse(headers?.get(TRACEPARENT)?.as_str())
    }

    /// Parses `00-<32 hex>-<16 hex>-<2 hex>`; an all-zero trace or span id is invalid, as the spec says.
    pub fn parse(header: &str) -> Option<Self> {
        let mut parts = header.trim().split('-');
        let (version, trace, span, flags) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if version.len() != 2 || version == "ff" || flags.len() != 2 || parts.next().is_some() {
            return None;
        }
        let trace_id: [u8; 16] = decode_hex(trace)?.try_into().ok()?;
        let span_id: [u8; 8] = decode_hex(span)?.try_into().ok()?;
        if trace_id == [0; 16] || span_id == [0; 8] {
            return None;
        }
        Some(Self { trace_id, span_id })
    }

    pub fn header(&self) -> String {
        format!("00-{}-{}-01", self.trace_hex(), hex(&self.span_id))
    }

    /// The trace id as logs show it.
    pub fn trace_hex(&self) -> String {
        hex(&self.trace_id)
    }

    pub fn insert_into(&self, headers: &mut HeaderMap) {
        headers.insert(TRACEPARENT, self.header().as_str());
    }
}

fn hash(parts: &[&str]) -> [u8; 32] {
    *crate::ids::hash_parts(parts).as_bytes()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_context_round_trips_through_its_header() {
        let article = TraceContext::for_article("ap-0317@v2");
        let header = article.header();
        assert_eq!(header.len(), 55);
        assert_eq!(TraceContext::parse(&header), Some(article));
    }

    #[test]
    fn children_keep_the_trace_and_get_their_own_span() {
        let article = TraceContext::for_article("ap-0317@v2");
        let event = article.child("ev-1");
        assert_eq!(event.trace_id, article.trace_id);
        assert_ne!(event.span_id, article.span_id);
        assert_ne!(event.span_id, article.child("ev-2").span_id);
        assert_eq!(
            event,
            article.child("ev-1"),
            "a redelivery continues the same span"
        );
    }

    #[test]
    fn malformed_headers_are_ignored() {
        for bad in [
            "",
            "00-abc-def-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        ] {
            assert_eq!(TraceContext::parse(bad), None, "{bad:?}");
        }
        let example = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assert_eq!(
            TraceContext::parse(example).map(|t| t.header()),
            Some(example.to_owned())
        );
    }
}
