//! Why an input was refused, said so that whoever reads the log can find the input and fix it.
//!
//! Each reason has a stable [`RejectReason::code`] for metrics labels, while its message carries the detail
//! (byte offset, line and column, the offending text).

use std::fmt;

/// The problem with one input (a whole document or one item in it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RejectReason {
    /// No body text (only whitespace), and not a withdrawal notice.
    #[error("empty body")]
    Empty,
    /// A JSON array without a single item: a batch that carries nothing is a sender's mistake, and saying
    /// nothing about it would let a broken export go unnoticed.
    #[error("no articles: the JSON array is empty")]
    EmptyArray,
    #[error("not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 { offset: usize },
    /// NUL bytes or a large share of control characters: binary data, not text.
    #[error("binary data, not text")]
    Binary,
    #[error("too large: {bytes} bytes, limit {limit}")]
    TooLarge { bytes: usize, limit: usize },
    /// The message starts with the position: "at line 3, column 12: expected `,` or `}`".
    #[error("malformed JSON {0}")]
    MalformedJson(String),
    #[error("nested deeper than {limit} levels")]
    TooDeep { limit: usize },
    #[error("malformed feed: {0}")]
    MalformedFeed(String),
    /// JSON that is neither an article (`body`) nor ninjs (`uri`, `versioncreated`, `body_text`, ...).
    #[error("unknown JSON shape: neither an article (no `body`) nor ninjs (no `uri`, `versioncreated`, `body_text`, `body_html` or `headlines`)")]
    UnknownShape,
    /// A publication date before 1900 or in the future (RFC 3339 text of the date).
    #[error("absurd publication date {0}")]
    AbsurdDate(String),
    #[error("line too long: {bytes} bytes, limit {limit}")]
    LineTooLong { bytes: usize, limit: usize },
    /// A field with the wrong JSON type, e.g. a number where the body text should be.
    #[error("field `{field}` should be {expected}, found {found}")]
    BadField {
        field: &'static str,
        expected: &'static str,
        found: String,
    },
    /// A date that cannot be read at all (as opposed to [`RejectReason::AbsurdDate`], readable but wrong).
    #[error("{field} is not a date: `{text}` (expected RFC 3339 or YYYY-MM-DD)")]
    BadDate { field: &'static str, text: String },
    /// An id that cannot travel as a `Nats-Msg-Id` header: empty, too long, or with control characters.
    #[error("unusable id `{0}`")]
    BadId(String),
}

impl RejectReason {
    /// A stable snake_case label, for metrics.
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::Empty => "empty",
            RejectReason::EmptyArray => "empty_array",
            RejectReason::NotUtf8 { .. } => "not_utf8",
            RejectReason::Binary => "binary",
            RejectReason::TooLarge { .. } => "too_large",
            RejectReason::MalformedJson(_) => "malformed_json",
            RejectReason::TooDeep { .. } => "too_deep",
            RejectReason::MalformedFeed(_) => "malformed_feed",
            RejectReason::UnknownShape => "unknown_shape",
            RejectReason::AbsurdDate(_) => "absurd_date",
            RejectReason::LineTooLong { .. } => "line_too_long",
            RejectReason::BadField { .. } => "bad_field",
            RejectReason::BadDate { .. } => "bad_date",
            RejectReason::BadId(_) => "bad_id",
        }
    }
}

/// One refused input: which one, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// Names the input: "path", "path:17" (a JSON Lines line), "path#item 3" (a feed entry or array element).
    pub input: String,
    pub reason: RejectReason,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.input, self.reason)
    }
}

impl std::error::Error for Rejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejections_name_the_input_then_the_problem() {
        let rejection = Rejection {
            input: "feeds/x.jsonl:17".into(),
            reason: RejectReason::MalformedJson("at column 12: expected `,` or `}`".into()),
        };
        assert_eq!(
            rejection.to_string(),
            "feeds/x.jsonl:17: malformed JSON at column 12: expected `,` or `}`"
        );
        let rejection = Rejection {
            input: "wire/a.txt".into(),
            reason: RejectReason::NotUtf8 { offset: 41 },
        };
        assert_eq!(
            rejection.to_string(),
            "wire/a.txt: not valid UTF-8 (first bad byte at offset 41)"
        );
    }

    #[test]
    fn codes_are_distinct_snake_case() {
        let reasons = [
            RejectReason::Empty,
            RejectReason::EmptyArray,
            RejectReason::NotUtf8 { offset: 0 },
            RejectReason::Binary,
            RejectReason::TooLarge { bytes: 2, limit: 1 },
            RejectReason::MalformedJson(String::new()),
            RejectReason::TooDeep { limit: 1 },
            RejectReason::MalformedFeed(String::new()),
            RejectReason::UnknownShape,
            RejectReason::AbsurdDate(String::new()),
            RejectReason::LineTooLong { bytes: 2, limit: 1 },
            RejectReason::BadField {
                field: "body",
                expected: "a string",
                found: "a number".into(),
            },
            RejectReason::BadDate {
                field: "published_at",
                text: String::new(),
            },
            RejectReason::BadId(String::new()),
        ];
        let mut codes: Vec<_> = reasons.iter().map(RejectReason::code).collect();
        assert!(codes.iter().all(|c| c
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), reasons.len());
    }
}
