//! The common crate of dateline: the data that flows between the services and the names it flows under.
//!
//! Every service depends on this crate and on nothing of each other's, so the wire contract lives in exactly
//! one place: [`article::Article`] goes in, [`event::Event`] comes out of extraction, [`story::Story`] is the
//! aggregator's state, and [`subjects`] names the NATS subjects, streams and buckets they travel through.

pub mod article;
pub mod checkpoint;
pub mod config;
pub mod date;
pub mod event;
pub mod headers;
pub mod ids;
pub mod lease;
pub mod nats;
pub mod ops;
pub mod schema;
pub mod shutdown;
pub mod sources;
pub mod stage;
pub mod story;
pub mod story_sources;
pub mod subjects;
pub mod telemetry;
pub mod trace;
pub mod withdrawal;

pub use article::{Article, PubStatus};
pub use date::PartialDate;
pub use event::{Actor, ActorType, Event, EventTime, Evidence, Place, Status};
pub use story::{Change, Source, Story, StoryEvent, StoryHead, StoryUpdate};
pub use subjects::Names;
pub use withdrawal::Withdrawal;
