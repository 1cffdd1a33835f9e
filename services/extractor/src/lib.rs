//! dateline extractor library.
pub mod eval;
