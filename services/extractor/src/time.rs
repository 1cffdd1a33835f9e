//! Time expressions and their normalisation against the publication date.
//!
//! Recognised: weekdays ("on Tuesday", "late on Thursday", "around Saturday", "as early as Wednesday",
//! "last Friday", "next Monday"), month-day dates with or without a year ("Sept. 12", "September 12",
//! "April 25, 2019", "25 April 2019"), months ("in July", "late January", "in April 2019"), years
//! ("in 2019"), and relative words ("yesterday", "today", "tonight", "overnight", "tomorrow", "last week",
//! "earlier this week", "this week", "next week", "last month", "next month", "last year"), and a day or
//! month in a year counted from publication's ("Oct. 7 last year", "in March next year").
//!
//! Resolution depends on the direction the event lies in: a past report ("arrived on Tuesday") takes the
//! most recent such day on or before publication, an expected one ("will meet on Wednesday") the next on or
//! after it; a weekday naming the publication day is that day either way. A month without a year is the most
//! recent such month not after publication (past) or the next one not before it (future); a month-day without
//! a year is put in the year that keeps it on the right side of publication (with a week's slack for late
//! copy). Weeks resolve to a month when the whole week lies in one month, else to nothing (the text is kept);
//! "last month" is that month. Without a publication date only explicit years resolve; the rest keep their
//! text with a `null` date.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dateline_shared::PartialDate;

use crate::doc::{Doc, Lower};
use crate::segment::TokKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Weekday {
        day: Weekday,
        strict: i8,
    },
    MonthDay {
        month: u32,
        day: u32,
        year: Option<i32>,
    },
    Month {
        month: u32,
        year: Option<i32>,
    },
    Year(i32),
    /// Days from publication.
    Relative(i64),
    /// "later in the day": the day the sentence has just told, else publication's ([`find`] decides).
    SameDay,
    /// Weeks from publication's week (-1 last week, 0 this week, 1 next week).
    Week(i64),
    /// Months from publication's month.
    MonthRel(i64),
    YearRel(i64),
    /// "Oct. 7 last year", "in March next year": a day or month in a year counted from publication's.
    MonthDayInYear {
        month: u32,
        day: u32,
        years: i64,
    },
    MonthInYear {
        month: u32,
        years: i64,
    },
    /// "about 10 hours later": after the time just told, on a day the text does not say.
    HoursLater,
    /// "reported Sunday that ... the previous day": days from a weekday the sentence told.
    WeekdayPlus {
        day: Weekday,
        strict: i8,
        days: i64,
    },
}

/// "last year", "this year", "next year" at `k`: years from publication's.
fn year_after(doc: &Doc<'_>, k: usize, to: usize) -> Option<i64> {
    if k + 1 >= to || !doc.is(k + 1, "year") {
        return None;
    }
    match doc.lower(k).as_str() {
        "last" => Some(-1),
        "this" => Some(0),
        "next" => Some(1),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    pub start: usize,
    pub end: usize,
    pub when: When,
    /// Only a future reading makes sense ("tomorrow", "next week").
    pub future_only: bool,
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

fn month_of(word: &str) -> Option<(u32, bool)> {
    let w = word.trim_end_matches('.');
    let lower = Lower::of(w);
    let lower = lower.as_str();
    let full = lower.len() > 4 || matches!(lower, "may" | "june" | "july");
    MONTHS
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|&(_, m)| (m, full || word.ends_with('.') || lower == "sept"))
}

fn number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// How far back (in tokens, a few paragraphs) a time counted from an earlier one looks for it.
const LOOKBACK: usize = 400;

/// "that year", "the same year", "of that year", "of the same year" at `k`: the token index one past it.
fn that_year(doc: &Doc<'_>, k: usize, to: usize) -> Option<usize> {
    let k = if doc.is(k, "of") { k + 1 } else { k };
    if k + 1 < to && doc.is(k, "that") && doc.is(k + 1, "year") {
        return Some(k + 2);
    }
    (k + 2 < to && doc.is(k, "the") && doc.is(k + 1, "same") && doc.is(k + 2, "year"))
        .then_some(k + 3)
}

/// The last year the text names before token `i`, with its month when one is written before it
/// ("January 2019", "Jan. 8, 2019"), reading back at most a few paragraphs.
fn anchor_before(doc: &Doc<'_>, i: usize) -> Option<(i32, Option<u32>)> {
    let k = (i.saturating_sub(LOOKBACK)..i)
        .rev()
        .find(|&k| doc.kind(k) == TokKind::Number && year_of(doc.tok(k)).is_some())?;
    let year = year_of(doc.tok(k))?;
    let month = (k.saturating_sub(4)..k).rev().find_map(|m| {
        month_of(doc.tok(m))
            .filter(|(_, sure)| *sure)
            .map(|(n, _)| n)
    });
    Some((year, month))
}

/// The last day of a month the text writes before token `i` ("on Nov. 19", "April 25, 2019"): month, day
/// and the year when written with it.
fn day_before(doc: &Doc<'_>, i: usize) -> Option<(u32, u32, Option<i32>)> {
    (i.saturating_sub(LOOKBACK)..i).rev().find_map(|k| {
        let (month, sure) = month_of(doc.tok(k))?;
        if !sure || !doc.tok(k).starts_with(char::is_uppercase) {
            return None;
        }
        let day = number(doc.tok(k + 1)).filter(|d| (1..=31).contains(d))?;
        let at = if doc.is(k + 2, ",") { k + 3 } else { k + 2 };
        Some((month, day, year_of(doc.tok(at))))
    })
}

/// "a day later", "two days later", "the next day", "the following day", "the previous day", "a day
/// earlier" at the unit or the adjective `i`: days from the day the text last wrote.
/// A weekday or "yesterday" told in this sentence or the three before, nearer than any date, is the base
/// ("landed on Tuesday ... He met the governor the following day"): the dateline's date is not.
fn days_from_the_day_told(doc: &Doc<'_>, i: usize, to: usize, day_parts: bool) -> Option<TimeExpr> {
    let (start, end, days) = days_offset(doc, i, to)?;
    if day_parts {
        let shifted = day_last_told(doc, start).and_then(|when| match when {
            When::Weekday { day, strict } => Some(When::WeekdayPlus { day, strict, days }),
            When::WeekdayPlus {
                day,
                strict,
                days: d,
            } => Some(When::WeekdayPlus {
                day,
                strict,
                days: d + days,
            }),
            When::Relative(d) => Some(When::Relative(d + days)),
            _ => None,
        });
        if let Some(when) = shifted {
            return Some(TimeExpr {
                start,
                end,
                when,
                future_only: false,
            });
        }
    }
    let (month, day, year) = day_before(doc, i)?;
    // Counted on a year without 29 February unless the text names one.
    let base = NaiveDate::from_ymd_opt(year.unwrap_or(2001), month, day)?;
    let d = base + Duration::days(days);
    Some(TimeExpr {
        start,
        end,
        when: When::MonthDay {
            month: d.month(),
            day: d.day(),
            year: year.map(|_| d.year()),
        },
        future_only: false,
    })
}

/// "went on to the palace that evening", "had flown in that morning": at "that", the day the text last
/// told (a weekday, a date, "a day earlier"), in its sentence or the three before.
fn that_part_of_the_day(doc: &Doc<'_>, i: usize, to: usize) -> Option<TimeExpr> {
    if i + 1 >= to
        || !doc.is(i, "that")
        || !doc.is_any(i + 1, &["morning", "afternoon", "evening", "night"])
    {
        return None;
    }
    let when = day_last_told(doc, i)?;
    Some(TimeExpr {
        start: i,
        end: i + 2,
        when,
        future_only: false,
    })
}

/// The day the text last told before token `i` (a weekday, a date, "a day earlier", "yesterday"), in its
/// sentence or the three before. Those sentences are read without day parts, so the look-back never nests.
fn day_last_told(doc: &Doc<'_>, i: usize) -> Option<When> {
    let here = doc.sents.partition_point(|s| s.toks.end <= i);
    (here.saturating_sub(3)..=here).rev().find_map(|s| {
        let sent = doc.sents.get(s)?;
        let end = if s == here { i } else { sent.toks.end };
        find_with(doc, sent.toks.start, end, false)
            .into_iter()
            .rev()
            .find_map(|x| {
                matches!(
                    x.when,
                    When::Weekday { .. }
                        | When::WeekdayPlus { .. }
                        | When::MonthDay { .. }
                        | When::MonthDayInYear { .. }
                        | When::Relative(_)
                )
                .then_some(x.when)
            })
    })
}

/// The span of "a day later", "the next day", "the previous day" at `i` (see [`days_from_the_day_told`])
/// and the days it counts.
fn days_offset(doc: &Doc<'_>, i: usize, to: usize) -> Option<(usize, usize, i64)> {
    let count = |w: &str| match w {
        "a" | "one" => Some(1),
        "two" => Some(2),
        "three" => Some(3),
        _ => None,
    };
    // Read at the unit, the word most tokens are not: "a" is too common to head an expression. Its first
    // letter is tested first: this runs for most tokens.
    let head = doc.tok(i).as_bytes().first().map(u8::to_ascii_lowercase);
    const DAY_PARTS: &[&str] = &["day", "evening", "night", "morning", "afternoon"];
    if i == 0
        || !matches!(head, Some(b'd' | b'n' | b'f' | b'p' | b'e' | b'm' | b'a'))
        || !doc.is_any(i, &["day", "days", "next", "following", "previous"])
            && !doc.is_any(i, DAY_PARTS)
    {
        return None;
    }
    // "The evening before, he had held talks": the day before the one told, when "before" closes the
    // phrase ("the day before the vote" is dated by the vote).
    let closing = |k: usize| k >= to || doc.is_any(k, &[",", ".", ";"]);
    let (start, end, days) = if doc.is(i - 1, "the")
        && doc.is_any(i, DAY_PARTS)
        && doc.is_any(i + 1, &["before", "after"])
        && closing(i + 2)
    {
        (i - 1, i + 2, if doc.is(i + 1, "before") { -1 } else { 1 })
    } else if let Some(n) = count(&doc.lower(i - 1))
        .filter(|_| doc.is_any(i, &["day", "days"]) && doc.is_any(i + 1, &["later", "earlier"]))
    {
        let sign = if doc.is(i + 1, "later") { 1 } else { -1 };
        (i - 1, i + 2, sign * n)
    } else if doc.is(i - 1, "the")
        && doc.is_any(i, &["next", "following", "previous"])
        && doc.is(i + 1, "day")
    {
        (i - 1, i + 2, if doc.is(i, "previous") { -1 } else { 1 })
    } else {
        return None;
    };
    (end <= to).then_some((start, end, days))
}

/// "that year" after "in", "later" or "earlier"; "the same year"; "the following year"; "the following
/// month", "the next month": at `i`, dated from [`anchor_before`]; "earlier that month" is the month last
/// named.
fn anaphoric(doc: &Doc<'_>, i: usize, to: usize) -> Option<TimeExpr> {
    if !doc.is_any(i, &["that", "same", "following", "next"]) {
        return None;
    }
    let the = i > 0 && doc.is(i - 1, "the");
    let (start, end, years, months) = if doc.is(i, "that")
        && i > 0
        && doc.is_any(i - 1, &["in", "later", "earlier", "of"])
        && doc.is(i + 1, "year")
    {
        (
            i - usize::from(doc.is_any(i - 1, &["later", "earlier"])),
            i + 2,
            0,
            None,
        )
    } else if the && doc.is(i, "same") && doc.is(i + 1, "year") {
        (i - 1, i + 2, 0, None)
    } else if the && doc.is_any(i, &["following", "next"]) && doc.is(i + 1, "year") {
        (i - 1, i + 2, 1, None)
    } else if the && doc.is_any(i, &["following", "next"]) && doc.is(i + 1, "month") {
        (i - 1, i + 2, 0, Some(1))
    } else if doc.is(i, "that")
        && i > 0
        && doc.is_any(i - 1, &["later", "earlier", "in"])
        && doc.is(i + 1, "month")
    {
        // "Earlier that month": the month the text last named, in whatever year it has.
        let month = (i.saturating_sub(LOOKBACK)..i).rev().find_map(|k| {
            month_of(doc.tok(k))
                .filter(|(_, sure)| *sure)
                .map(|(m, _)| m)
        })?;
        return Some(TimeExpr {
            start: i - 1,
            end: i + 2,
            when: When::Month { month, year: None },
            future_only: false,
        });
    } else {
        return None;
    };
    if end > to {
        return None;
    }
    let (year, month) = anchor_before(doc, i)?;
    let when = match months {
        None => When::Year(year + years),
        Some(n) => {
            let m = month? + n;
            let (year, month) = if m > 12 {
                (year + 1, m - 12)
            } else {
                (year, m)
            };
            When::Month {
                month,
                year: Some(year),
            }
        }
    };
    Some(TimeExpr {
        start,
        end,
        when,
        future_only: false,
    })
}

/// "the previous day" at `i`, counted from `told`, the day just told as a weekday or "yesterday"; a date or a
/// span told before it is no base, and then the offset is not looked for at all.
fn counted_from(told: When, doc: &Doc<'_>, i: usize, to: usize) -> Option<(usize, usize, When)> {
    let shifted = |days: i64| match told {
        When::Weekday { day, strict } => Some(When::WeekdayPlus { day, strict, days }),
        When::Relative(d) => Some(When::Relative(d + days)),
        _ => None,
    };
    shifted(0)?;
    let (start, end, days) = days_offset(doc, i, to)?;
    Some((start, end, shifted(days)?))
}

/// Every time expression in tokens `from..to`.
pub fn find(doc: &Doc<'_>, from: usize, to: usize) -> Vec<TimeExpr> {
    find_with(doc, from, to, true)
}

/// [`find`]; `day_parts` reads "that evening" too. The sentences "that evening" looks back over are read
/// without it, so its look-back never nests (it would be exponential in a text of such sentences).
fn find_with(doc: &Doc<'_>, from: usize, to: usize, day_parts: bool) -> Vec<TimeExpr> {
    let mut out: Vec<TimeExpr> = Vec::new();
    let mut i = from;
    while i < to {
        // "KCNA reported Sunday that Kim had overseen a test the previous day": counted from the day the
        // sentence has just told as a weekday or "yesterday", not from a date written paragraphs before.
        if let Some((start, end, when)) = out.last().and_then(|x| counted_from(x.when, doc, i, to))
        {
            out.push(TimeExpr {
                start,
                end,
                when,
                future_only: false,
            });
            i = end;
            continue;
        }
        if let Some(mut t) = at(doc, i, to, day_parts) {
            // "met Meloni on Thursday evening, after meeting Starmer earlier in the day": the day is the
            // one just told; with none told, it is the report's own (as `at` reads it).
            if t.when == When::SameDay {
                let told = out.iter().rev().find(|x| {
                    matches!(
                        x.when,
                        When::Weekday { .. }
                            | When::WeekdayPlus { .. }
                            | When::MonthDay { .. }
                            | When::MonthDayInYear { .. }
                            | When::Relative(_)
                    )
                });
                (t.when, t.future_only) =
                    told.map_or((When::Relative(0), false), |x| (x.when, x.future_only));
            }
            // "in September 2023, when he met Putin on Sept. 13": a day of the month just named with its
            // year is in that year.
            if let When::MonthDay {
                month,
                year: year @ None,
                ..
            } = &mut t.when
            {
                *year = out.iter().rev().find_map(|x| match x.when {
                    When::Month { month: m, year } if m == *month => year,
                    _ => None,
                });
            }
            i = t.end;
            out.push(t);
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a token can head a time expression at all, by its length alone: every word [`at`] reads is 3 to
/// 10 bytes ("sept.", "wednesday."), every year 4 digits. Most tokens fail this and skip the list lookups.
fn may_head(kind: TokKind, w: &str) -> bool {
    match kind {
        TokKind::Word => (3..=10).contains(&w.len()),
        TokKind::Number => w.len() == 4,
        _ => false,
    }
}

fn at(doc: &Doc<'_>, i: usize, to: usize, day_parts: bool) -> Option<TimeExpr> {
    let w = doc.tok(i);
    if !may_head(doc.kind(i), w) {
        return None;
    }
    let lower = Lower::of(w);
    let lower = lower.as_str();
    let kind = doc.kind(i);
    let prev_is = |words: &[&str]| i > 0 && doc.is_any(i - 1, words);
    // Modifiers before the head are included in the expression's text.
    let lead = |start: usize| -> usize {
        let mut s = start;
        while s > 0
            && doc.is_any(
                s - 1,
                &[
                    "on", "late", "early", "around", "by", "last", "next", "this", "until", "since",
                ],
            )
        {
            s -= 1;
        }
        if s >= 3 && doc.is(s - 1, "as") && doc.is(s - 2, "early") && doc.is(s - 3, "as") {
            s -= 3;
        }
        s
    };
    if kind == TokKind::Word {
        if let Some(&(_, day)) = WEEKDAYS.iter().find(|(n, _)| *n == lower) {
            if !w.starts_with(char::is_uppercase) {
                return None;
            }
            let strict = if prev_is(&["last"]) {
                -1
            } else if prev_is(&["next"]) {
                1
            } else {
                0
            };
            let mut end = i + 1;
            if doc.is_any(end, &["morning", "afternoon", "evening", "night"]) {
                end += 1;
            }
            return Some(TimeExpr {
                start: lead(i),
                end,
                when: When::Weekday { day, strict },
                future_only: strict == 1,
            });
        }
        if let Some((month, sure)) = month_of(w) {
            if !w.starts_with(char::is_uppercase) {
                return None;
            }
            // "25 April 2019"
            let day_before = i > 0
                && doc.kind(i - 1) == TokKind::Number
                && number(doc.tok(i - 1)).is_some_and(|d| (1..=31).contains(&d));
            if day_before {
                let day = number(doc.tok(i - 1)).unwrap_or(1);
                let mut end = i + 1;
                let mut year = None;
                if let Some(y) = (end < to).then(|| year_of(doc.tok(end))).flatten() {
                    year = Some(y);
                    end += 1;
                }
                return Some(TimeExpr {
                    start: lead(i - 1),
                    end,
                    when: When::MonthDay { month, day, year },
                    future_only: false,
                });
            }
            if i + 1 < to && doc.kind(i + 1) == TokKind::Number {
                let n = doc.tok(i + 1);
                if let Some(year) = year_of(n) {
                    return Some(TimeExpr {
                        start: lead(i),
                        end: i + 2,
                        when: When::Month {
                            month,
                            year: Some(year),
                        },
                        future_only: false,
                    });
                }
                if let Some(day) = number(n).filter(|d| (1..=31).contains(d)) {
                    let mut end = i + 2;
                    let mut year = None;
                    if doc.is(end, ",") && end + 1 < to {
                        if let Some(y) = year_of(doc.tok(end + 1)) {
                            year = Some(y);
                            end += 2;
                        }
                    } else if end < to {
                        if let Some(y) = year_of(doc.tok(end)) {
                            year = Some(y);
                            end += 1;
                        }
                    }
                    // "on October 16 that year": the year the text last named.
                    if let (None, Some(that)) = (year, that_year(doc, end, to)) {
                        if let Some((y, _)) = anchor_before(doc, i) {
                            return Some(TimeExpr {
                                start: lead(i),
                                end: that,
                                when: When::MonthDay {
                                    month,
                                    day,
                                    year: Some(y),
                                },
                                future_only: false,
                            });
                        }
                    }
                    if let (None, Some(years)) = (year, year_after(doc, end, to)) {
                        return Some(TimeExpr {
                            start: lead(i),
                            end: end + 2,
                            when: When::MonthDayInYear { month, day, years },
                            future_only: false,
                        });
                    }
                    return Some(TimeExpr {
                        start: lead(i),
                        end,
                        when: When::MonthDay { month, day, year },
                        future_only: false,
                    });
                }
            }
            // A bare month needs a preposition or modifier: "in July", "late January", not "May" the verb.
            let introduced = prev_is(&[
                "in", "since", "late", "early", "mid", "last", "next", "this", "until", "of", "by",
                "during",
            ]);
            if introduced && sure {
                // "in June that year", "in June of the same year": the year the text last named.
                if let Some((end, year)) =
                    that_year(doc, i + 1, to).and_then(|end| Some((end, anchor_before(doc, i)?.0)))
                {
                    return Some(TimeExpr {
                        start: lead(i),
                        end,
                        when: When::Month {
                            month,
                            year: Some(year),
                        },
                        future_only: false,
                    });
                }
                if let Some(years) = year_after(doc, i + 1, to) {
                    return Some(TimeExpr {
                        start: lead(i),
                        end: i + 3,
                        when: When::MonthInYear { month, years },
                        future_only: false,
                    });
                }
                return Some(TimeExpr {
                    start: lead(i),
                    end: i + 1,
                    when: When::Month { month, year: None },
                    future_only: false,
                });
            }
            return None;
        }
        // "reached the capital about 10 hours later": later than the time told, on a day not told.
        // ("hours later than expected" says how late, not when.)
        if lower == "hours" && doc.is(i + 1, "later") && !doc.is(i + 2, "than") {
            let start = (i.saturating_sub(2)..i)
                .find(|&k| {
                    doc.is_any(k, &["about", "some", "around", "several", "few"])
                        || doc.kind(k) == TokKind::Number
                        || number(doc.tok(k)).is_some()
                })
                .unwrap_or(i);
            return Some(TimeExpr {
                start,
                end: i + 2,
                when: When::HoursLater,
                future_only: false,
            });
        }
        // "a special overnight train", "an overnight flight": how long the journey lasts, not when.
        if lower == "overnight"
            && doc.is_any(
                i + 1,
                &[
                    "train", "flight", "journey", "trip", "ferry", "bus", "stay", "visit",
                ],
            )
        {
            return None;
        }
        let rel = match lower {
            "yesterday" => Some((When::Relative(-1), false)),
            "today" | "tonight" | "overnight" => Some((When::Relative(0), false)),
            "tomorrow" => Some((When::Relative(1), true)),
            _ => None,
        };
        if let Some((when, future_only)) = rel {
            return Some(TimeExpr {
                start: lead(i),
                end: i + 1,
                when,
                future_only,
            });
        }
        // "later in the day", "earlier in the day": the report's own day.
        if matches!(lower, "later" | "earlier")
            && i + 3 < to
            && doc.is(i + 1, "in")
            && doc.is(i + 2, "the")
            && doc.is(i + 3, "day")
        {
            return Some(TimeExpr {
                start: i,
                end: i + 4,
                when: When::SameDay,
                future_only: false,
            });
        }
        // "later that year", "in the same year", "the following month": counted from the year (and month)
        // the text last named, not from publication.
        if let Some(t) = anaphoric(doc, i, to)
            .or_else(|| days_from_the_day_told(doc, i, to, day_parts))
            .or_else(|| {
                day_parts
                    .then(|| that_part_of_the_day(doc, i, to))
                    .flatten()
            })
        {
            return Some(t);
        }
        // "struck ... at the weekend", "over the weekend": the weekend's first day, the Saturday nearest in
        // the tense read.
        if lower == "weekend"
            && i >= 2
            && doc.is_any(i - 1, &["the", "this", "last"])
            && (doc.is_any(i - 2, &["at", "over", "during"])
                || doc.is_any(i - 1, &["this", "last"]))
        {
            let strict = if doc.is(i - 1, "last") { -1 } else { 0 };
            let start = if doc.is(i - 1, "the") { i - 2 } else { i - 1 };
            return Some(TimeExpr {
                start,
                end: i + 1,
                when: When::Weekday {
                    day: Weekday::Sat,
                    strict,
                },
                future_only: false,
            });
        }
        // "before the end of the year", "by the end of this month": the year or month of publication.
        if lower == "end"
            && i > 0
            && i + 3 < to
            && doc.is(i - 1, "the")
            && doc.is(i + 1, "of")
            && doc.is_any(i + 2, &["the", "this"])
            && doc.is_any(i + 3, &["year", "month"])
        {
            let when = if doc.is(i + 3, "year") {
                When::YearRel(0)
            } else {
                When::MonthRel(0)
            };
            return Some(TimeExpr {
                start: i - 1,
                end: i + 4,
                when,
                future_only: false,
            });
        }
        if matches!(lower, "last" | "this" | "next") && i + 1 < to {
            let unit = doc.lower(i + 1);
            let n = match lower {
                "last" => -1,
                "this" => 0,
                _ => 1,
            };
            let earlier = i > 0 && doc.is(i - 1, "earlier");
            let start = if earlier { i - 1 } else { i };
            let when = match unit.as_str() {
                "week" => When::Week(n),
                "month" => When::MonthRel(n),
                "year" => When::YearRel(n),
                "morning" | "afternoon" | "evening" if n == 0 => When::Relative(0),
                _ => return None,
            };
            return Some(TimeExpr {
                start,
                end: i + 2,
                when,
                future_only: n == 1,
            });
        }
    }
    if kind == TokKind::Number {
        if let Some(year) = year_of(w) {
            // Not after "by": "raise trade to $18 billion by 2028" is a deadline, not a time anything
            // happened.
            if prev_is(&["in", "since", "of", "early", "late", "until", "during"]) {
                return Some(TimeExpr {
                    start: lead(i),
                    end: i + 1,
                    when: When::Year(year),
                    future_only: false,
                });
            }
        }
    }
    None
}

/// The date of a weekday told in a text published on `pubd`: the last one for past happenings, the next
/// for future ones; `strict` -1 for "last Tuesday", 1 for "next Tuesday".
fn weekday_date(pubd: NaiveDate, day: Weekday, strict: i8, future: bool) -> NaiveDate {
    let p = pubd.weekday().num_days_from_monday() as i64;
    let w = day.num_days_from_monday() as i64;
    if strict == 1 || (strict == 0 && future) {
        let mut d = (w - p).rem_euclid(7);
        if strict == 1 && d == 0 {
            d = 7;
        }
        pubd + Duration::days(d)
    } else {
        let mut d = (p - w).rem_euclid(7);
        if strict == -1 && d == 0 {
            d = 7;
        }
        pubd - Duration::days(d)
    }
}

/// Resolves an expression. `future` reads it forward from publication.
pub fn resolve(when: When, published: Option<NaiveDate>, future: bool) -> Option<PartialDate> {
    if let When::Year(y) = when {
        return Some(PartialDate::year(y));
    }
    if let When::Month {
        month,
        year: Some(y),
    } = when
    {
        return Some(PartialDate::month(y, month));
    }
    if let When::MonthDay {
        month,
        day,
        year: Some(y),
    } = when
    {
        return NaiveDate::from_ymd_opt(y, month, day).map(PartialDate::day);
    }
    let pubd = published?;
    match when {
        When::WeekdayPlus { day, strict, days } => Some(PartialDate::day(
            weekday_date(pubd, day, strict, future) + Duration::days(days),
        )),
        When::Weekday { day, strict } => {
            Some(PartialDate::day(weekday_date(pubd, day, strict, future)))
        }
        When::MonthDay {
            month,
            day,
            year: None,
        } => {
            let y = pubd.year();
            let cand = NaiveDate::from_ymd_opt(y, month, day)?;
            let slack = Duration::days(7);
            let year = if future {
                if cand + slack < pubd {
                    y + 1
                } else {
                    y
                }
            } else if cand > pubd + slack {
                y - 1
            } else {
                y
            };
            NaiveDate::from_ymd_opt(year, month, day).map(PartialDate::day)
        }
        When::Month { month, year: None } => {
            let (y, m) = (pubd.year(), pubd.month());
            let year = if future {
                if month < m {
                    y + 1
                } else {
                    y
                }
            } else if month > m {
                y - 1
            } else {
                y
            };
            Some(PartialDate::month(year, month))
        }
        When::Relative(d) => Some(PartialDate::day(pubd + Duration::days(d))),
        When::SameDay => Some(PartialDate::day(pubd)),
        When::Week(n) => {
            let monday = pubd - Duration::days(pubd.weekday().num_days_from_monday() as i64)
                + Duration::weeks(n);
            let (first, last) = if n == 0 {
                (monday, pubd)
            } else {
                (monday, monday + Duration::days(6))
            };
            (first.month() == last.month()).then(|| PartialDate::month(first.year(), first.month()))
        }
        When::MonthRel(n) => {
            let total = pubd.year() * 12 + pubd.month0() as i32 + n as i32;
            Some(PartialDate::month(
                total.div_euclid(12),
                total.rem_euclid(12) as u32 + 1,
            ))
        }
        When::YearRel(n) => Some(PartialDate::year(pubd.year() + n as i32)),
        When::MonthDayInYear { month, day, years } => {
            NaiveDate::from_ymd_opt(pubd.year() + years as i32, month, day).map(PartialDate::day)
        }
        When::MonthInYear { month, years } => {
            Some(PartialDate::month(pubd.year() + years as i32, month))
        }
        When::Year(_) | When::Month { .. } | When::MonthDay { .. } | When::HoursLater => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;

    fn first(text: &str, published: &str, future: bool) -> Option<String> {
        let doc = Doc::new(text, Lexicon::builtin());
        let t = find(&doc, 0, doc.len()).into_iter().next()?;
        let pubd = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        Some(resolve(t.when, pubd, future).map_or("null".into(), |d| d.to_string()))
    }

    // 2024-03-13 is a Wednesday.
    #[test]
    fn weekdays_look_back_for_past_and_forward_for_future() {
        assert_eq!(
            first("arrived on Tuesday", "2024-03-13", false).unwrap(),
            "2024-03-12"
        );
        assert_eq!(
            first("met on Wednesday", "2024-03-13", false).unwrap(),
            "2024-03-13"
        );
        assert_eq!(
            first("will meet on Wednesday", "2024-03-13", true).unwrap(),
            "2024-03-13"
        );
        assert_eq!(
            first("due around Saturday", "2024-03-13", true).unwrap(),
            "2024-03-16"
        );
        assert_eq!(
            first("could come as early as Friday", "2024-03-13", true).unwrap(),
            "2024-03-15"
        );
        assert_eq!(
            first("left on Sunday", "2024-03-13", false).unwrap(),
            "2024-03-10"
        );
        assert_eq!(
            first("met last Wednesday", "2024-03-13", false).unwrap(),
            "2024-03-06"
        );
        assert_eq!(first("arrived on Tuesday", "", false).unwrap(), "null");
    }

    #[test]
    fn dates_months_years() {
        assert_eq!(
            first("on Sept. 12", "2023-09-13", false).unwrap(),
            "2023-09-12"
        );
        assert_eq!(
            first("on April 25, 2019", "2023-09-13", false).unwrap(),
            "2019-04-25"
        );
        assert_eq!(
            first("on 25 April 2019", "2023-09-13", false).unwrap(),
            "2019-04-25"
        );
        assert_eq!(first("in July", "2023-09-13", false).unwrap(), "2023-07");
        assert_eq!(
            first("in November", "2023-09-13", false).unwrap(),
            "2022-11"
        );
        assert_eq!(first("in November", "2023-09-13", true).unwrap(), "2023-11");
        assert_eq!(first("in January", "2023-12-20", true).unwrap(), "2024-01");
        assert_eq!(
            first("on Jan. 14", "2024-03-11", false).unwrap(),
            "2024-01-14"
        );
        assert_eq!(
            first("on Jan. 5", "2023-12-28", true).unwrap(),
            "2024-01-05"
        );
        assert_eq!(first("in 2019", "2023-09-13", false).unwrap(), "2019");
        assert_eq!(first("in April 2019", "", false).unwrap(), "2019-04");
        assert!(first("officials may agree", "2023-09-13", false).is_none());
    }

    #[test]
    fn relative_words() {
        assert_eq!(
            first("said yesterday", "2023-09-13", false).unwrap(),
            "2023-09-12"
        );
        assert_eq!(
            first("overnight", "2023-09-13", false).unwrap(),
            "2023-09-13"
        );
        assert_eq!(first("last month", "2024-01-10", false).unwrap(), "2023-12");
        assert_eq!(first("last week", "2023-09-13", false).unwrap(), "2023-09");
        // The week of 2023-07-31 runs into August: too vague for a month.
        assert_eq!(first("last week", "2023-08-09", false).unwrap(), "null");
        assert_eq!(
            first("earlier this week", "2023-09-13", false).unwrap(),
            "2023-09"
        );
    }
}
