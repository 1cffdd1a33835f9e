//! The checks every article passes before it is published, whatever format it came in.
//!
//! Parsing only proves an input had the right shape; these checks catch content that would waste or
//! mislead extraction downstream: nothing to read, too much to read, binary junk decoded as text, a
//! publication date no wire could have, an id that cannot travel as a NATS header.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use dateline_shared::{Article, PubStatus};

use crate::formats::{Limits, RejectReason};

/// How far in the future a publication date may be: wires post-date to local midnight in the next time
/// zone over, and embargoed items carry their release time.
const MAX_FUTURE: Duration = Duration::days(2);

/// Checks `article` against `limits` and the present time.
pub fn validate(article: &Article, limits: &Limits) -> Result<(), RejectReason> {
    validate_at(article, limits, Utc::now())
}

/// [`validate`] against a given `now`, so the date check is testable.
pub fn validate_at(
    article: &Article,
    limits: &Limits,
    now: DateTime<Utc>,
) -> Result<(), RejectReason> {
    check_id(&article.id)?;
    // A withdrawal notice may carry no text: its id and version are the message.
    if article.body.trim().is_empty() && article.pubstatus != PubStatus::Withdrawn {
        return Err(RejectReason::Empty);
    }
    // Size before the per-character scan below, so an oversized article costs nothing more.
    let bytes = article.full_text_len();
    if bytes > limits.max_article_bytes {
        return Err(RejectReason::TooLarge {
            bytes,
            limit: limits.max_article_bytes,
        });
    }
    if article.headline.as_deref().is_some_and(is_junk) || is_junk(&article.body) {
        return Err(RejectReason::Binary);
    }
    if let Some(at) = article.published_at {
        if at < earliest() || at > now + MAX_FUTURE {
            return Err(RejectReason::AbsurdDate(at.to_rfc3339()));
        }
    }
    Ok(())
}

fn earliest() -> DateTime<Utc> {
    let midnight = NaiveDate::from_ymd_opt(1900, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
    midnight.map_or(DateTime::<Utc>::MIN_UTC, |m| Utc.from_utc_datetime(&m))
}

fn check_id(id: &str) -> Result<(), RejectReason> {
    if !dateline_shared::ids::is_usable_id(id) {
        let shown: String = id.chars().take(80).collect();
        return Err(RejectReason::BadId(shown.escape_debug().to_string()));
    }
    Ok(())
}

/// Text that is not prose: any NUL, or more than 1% control characters (other than line breaks and tabs)
/// or U+FFFD replacement characters, the mark of bytes decoded in the wrong encoding.
fn is_junk(text: &str) -> bool {
    let mut chars = 0usize;
    let mut junk = 0usize;
    for c in text.chars() {
        chars += 1;
        match c {
            '\0' => return true,
            '\n' | '\r' | '\t' => {}
            '\u{FFFD}' => junk += 1,
            c if c.is_control() => junk += 1,
            _ => {}
        }
    }
    junk * 100 > chars
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &str) -> Article {
        Article {
            id: "test-1".into(),
            version: 1,
            outlet: Some("Anadolu".into()),
            headline: Some("Erdogan hosts Iraqi premier in Ankara".into()),
            published_at: None,
            published_date_only: false,
            dateline: Some("ANKARA".into()),
            byline: None,
            url: None,
            pubstatus: PubStatus::Usable,
            body: body.into(),
        }
    }

    const BODY: &str = "Turkish President Recep Tayyip Erdogan received Iraq's prime minister in Ankara on Monday.";

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 5, 20, 12, 0, 0).unwrap()
    }

    #[test]
    fn accepts_an_ordinary_article() {
        let mut a = article(BODY);
        a.published_at = DateTime::parse_from_rfc3339("2024-05-20T09:00:00+03:00").ok();
        assert_eq!(validate_at(&a, &Limits::default(), now()), Ok(()));
    }

    #[test]
    fn rejects_an_empty_body_unless_withdrawn() {
        assert_eq!(
            validate_at(&article(" \n\t "), &Limits::default(), now()),
            Err(RejectReason::Empty)
        );
        let mut kill = article("");
        kill.pubstatus = PubStatus::Withdrawn;
        assert_eq!(validate_at(&kill, &Limits::default(), now()), Ok(()));
    }

    #[test]
    fn rejects_oversized_counting_the_headline() {
        let limits = Limits {
            max_article_bytes: BODY.len() + 10,
            ..Limits::default()
        };
        let a = article(BODY);
        let want = BODY.len() + 2 + "Erdogan hosts Iraqi premier in Ankara".len();
        assert_eq!(
            validate_at(&a, &limits, now()),
            Err(RejectReason::TooLarge {
                bytes: want,
                limit: limits.max_article_bytes
            })
        );
    }

    #[test]
    fn rejects_absurd_dates() {
        let mut a = article(BODY);
        for text in [
            "1899-12-31T23:59:59Z",
            "2024-05-22T12:00:01Z",
            "2031-01-01T00:00:00+09:00",
        ] {
            a.published_at = DateTime::parse_from_rfc3339(text).ok();
            let err = validate_at(&a, &Limits::default(), now()).unwrap_err();
            assert_eq!(err.code(), "absurd_date", "{text}");
        }
        for text in [
            "1900-01-01T00:00:00Z",
            "2024-05-22T11:59:59Z",
            "1969-07-20T20:17:00Z",
        ] {
            a.published_at = DateTime::parse_from_rfc3339(text).ok();
            assert_eq!(validate_at(&a, &Limits::default(), now()), Ok(()), "{text}");
        }
    }

    #[test]
    fn rejects_control_character_junk() {
        assert_eq!(
            validate_at(&article("Seoul\0Tokyo"), &Limits::default(), now()),
            Err(RejectReason::Binary)
        );
        let junk: String = (0..400u32)
            .map(|i| char::from_u32(1 + i % 8).unwrap_or('x'))
            .collect();
        assert_eq!(
            validate_at(&article(&junk), &Limits::default(), now()),
            Err(RejectReason::Binary)
        );
        let mojibake = "Caf\u{FFFD} \u{FFFD}\u{FFFD} talks".repeat(5);
        assert_eq!(
            validate_at(&article(&mojibake), &Limits::default(), now()),
            Err(RejectReason::Binary)
        );
        // A stray control code (an old wire's record separator) in a long text is tolerated.
        let mostly_prose = format!("{BODY}\u{1e}{BODY}");
        assert_eq!(
            validate_at(&article(&mostly_prose), &Limits::default(), now()),
            Ok(())
        );
    }

    #[test]
    fn rejects_ids_that_cannot_be_headers() {
        for id in ["", "  ", "abc\r\nNats-Expected-Stream: x"] {
            let mut a = article(BODY);
            a.id = id.into();
            assert_eq!(
                validate_at(&a, &Limits::default(), now())
                    .unwrap_err()
                    .code(),
                "bad_id",
                "{id:?}"
            );
        }
    }
}
