//! The aggregator: merges the reports of one real-world happening across articles into a live story.
//!
//! The core is pure and synchronous — [`desk::Desk::apply`] takes one event and returns what changed — so it
//! is tested without NATS and replayed offline by `dateline replay`. [`service`] is the thin async shell that
//! feeds it from JetStream and persists its output.
//!
//! - [`matching`]: is this report about a happening we already hold?
//! - [`event_index`]: the held events a report could be about, by kind and principal actor.
//! - [`resolve`]: a story event's fields, derived from all its reports, with provenance.
//! - [`story_encoding`]: a story's JSON from its events' JSON, kept until they change.
//! - [`title`]: a story's headline, following its most important event.
//! - [`desk`]: all open stories, routing reports to them, and the changes each report makes.
//! - [`ownership`]: which of several aggregator partitions stores a story.
//! - [`partitioned`]: the shell of one such partition: the whole desk, its own stories stored.
//! - [`report_pages`]: the reports a batch adds, stored as one value.
//! - [`web`]: the live desk, a read-only HTTP API and page over the stories, with changes streamed live.

pub mod desk;
pub mod event_index;
pub mod matching;
pub mod ownership;
pub mod partitioned;
pub mod report_pages;
pub mod resolve;
pub mod service;
pub mod story_encoding;
pub mod title;
pub mod web;

pub use desk::{Desk, Outcome};
