//! dateline's ingest stage as a library: turning whatever the wire delivers into validated
//! [`dateline_shared::Article`]s.
//!
//! [`formats`] recognises and parses the input formats (plain text, JSON articles, JSON Lines, IPTC ninjs,
//! RSS/Atom) without any I/O, so every rule about what an input means can be tested on bytes alone;
//! [`validate`] holds the checks every article must pass before it is published, whatever its source.

pub mod formats;
pub mod validate;

pub use formats::{detect, parse_document, Format, Limits, Parsed, RejectReason, Rejection};
pub use validate::validate;

// The async side: inputs, HTTP fetching, publishing, drop folders and the push endpoint.
pub mod fetch;
pub mod folder;
pub mod inputs;
pub mod poll;
pub mod publish;
pub mod push;
pub mod sources;
pub mod synthetic;
