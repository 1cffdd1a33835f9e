//! Reading publication dates as wires write them: a full RFC 3339 timestamp or a bare calendar date.
//!
//! A bare date becomes midnight UTC with the date-only flag set (the convention of
//! [`dateline_shared::Article::published_at`]), so downstream never mistakes it for a known time of day.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// A publication time, and whether only its date was known.
pub(crate) type Published = (DateTime<FixedOffset>, bool);

/// Reads `2023-09-13T08:30:00+09:00` (or `Z`) or `2023-09-13`. A timestamp without an offset is refused:
/// guessing its zone could move it to another day.
pub(crate) fn parse_published(text: &str) -> Option<Published> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some((at, false));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .map(date_only)
}

/// Midnight UTC of `date`, flagged as date-only.
pub(crate) fn date_only(date: NaiveDate) -> Published {
    (
        date.and_time(chrono::NaiveTime::MIN)
            .and_utc()
            .fixed_offset(),
        true,
    )
}

/// A feed timestamp (feed-rs gives UTC) in the article's form.
pub(crate) fn from_utc(at: DateTime<Utc>) -> Published {
    (at.fixed_offset(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_timestamps_keeping_their_offset() {
        let (at, date_only) = parse_published("2023-09-13T14:05:00+09:00").unwrap();
        assert!(!date_only);
        assert_eq!(at.to_rfc3339(), "2023-09-13T14:05:00+09:00");
        let (at, _) = parse_published(" 2024-06-19T01:00:00Z ").unwrap();
        assert_eq!(at.to_rfc3339(), "2024-06-19T01:00:00+00:00");
    }

    #[test]
    fn a_bare_date_is_midnight_utc_and_flagged() {
        let (at, date_only) = parse_published("2023-09-12").unwrap();
        assert!(date_only);
        assert_eq!(at.to_rfc3339(), "2023-09-12T00:00:00+00:00");
    }

    #[test]
    fn refuses_what_it_would_have_to_guess() {
        for text in [
            "2023-09-13T14:05:00",
            "13/09/2023",
            "yesterday",
            "2023-02-30",
            "",
        ] {
            assert_eq!(parse_published(text), None, "{text}");
        }
    }
}
