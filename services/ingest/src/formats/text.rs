//! Plain-text wire stories, as agencies and newspaper sites deliver them.
//!
//! The shape, every part optional: a `date YYYY-MM-DD` line (perhaps followed by wire notes in parentheses, or
//! straight by the story), a headline, photo captions, a `By ...` byline, then the body whose first
//! paragraph opens with a dateline (`SEOUL (Reuters) -`). The metadata is lifted out and the body is what
//! remains; captions stay in the body, since telling a caption from a short paragraph is guesswork.

use chrono::NaiveDate;
use dateline_shared::ids::stable_id;
use dateline_shared::Article;

use super::dateline::{self, Dateline};
use super::dates::date_only;
use super::RejectReason;

/// Longest line read as a headline; a longer first line is the story's first sentence.
const MAX_HEADLINE_CHARS: usize = 200;
const MAX_HEADLINE_WORDS: usize = 30;
/// How many paragraphs (headline, captions, byline) may come before the dateline.
const MAX_HEADER_PARAGRAPHS: usize = 4;
/// A header paragraph is one line of at most this many characters; a longer one is body text, and a
/// "dateline" after it is a coincidence inside the story.
const MAX_HEADER_CHARS: usize = 400;

pub(crate) fn parse(text: &str) -> Result<Article, RejectReason> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let (published, rest) = date_line(&text)?;
    let mut paragraphs = paragraphs(&rest);

    let dateline = find_dateline(&paragraphs);
    let headline = match paragraphs.first() {
        Some(first) if paragraphs.len() > 1 && is_headline(first) => Some(first.clone()),
        _ => None,
    };
    let body_start = usize::from(headline.is_some());
    // Without a dateline the byline can only be found near the top.
    let byline_search_end = dateline
        .as_ref()
        .map_or(body_start + 2, |(index, _)| *index);
    let byline_at = (body_start..byline_search_end.min(paragraphs.len()))
        .find(|&i| paragraphs.get(i).is_some_and(|p| byline(p).is_some()));
    let byline = byline_at
        .and_then(|i| paragraphs.get(i))
        .and_then(|p| byline(p));

    if let Some((index, found)) = &dateline {
        if let Some(paragraph) = paragraphs.get_mut(*index) {
            *paragraph = paragraph.get(found.rest..).unwrap_or_default().to_owned();
        }
    }
    let body = paragraphs
        .iter()
        .enumerate()
        .filter(|&(i, p)| i >= body_start && Some(i) != byline_at && !p.is_empty())
        .map(|(_, p)| p.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");

    let normalised = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let (dateline_place, outlet) = match dateline {
        Some((_, Dateline { place, agency, .. })) => (Some(place), agency),
        None => (None, None),
    };
    Ok(Article {
        id: stable_id("txt-", &[&normalised]),
        version: 1,
        outlet,
        headline,
        published_at: published.map(|date| date_only(date).0),
        published_date_only: published.is_some(),
        dateline: dateline_place,
        byline,
        url: None,
        pubstatus: Default::default(),
        body,
    })
}

/// Splits off a leading `date YYYY-MM-DD` line and any `(ATTN: ...)` wire notes after the date; what
/// follows on that line is the start of the story. A `date` line with an impossible date is an error rather
/// than a headline.
fn date_line(text: &str) -> Result<(Option<NaiveDate>, String), RejectReason> {
    let trimmed = text.trim_start();
    let Some(after_keyword) = strip_prefix_ignore_case(trimmed, "date ") else {
        return Ok((None, text.to_owned()));
    };
    let after_keyword = after_keyword.trim_start();
    let token_end = after_keyword
        .find(char::is_whitespace)
        .unwrap_or(after_keyword.len());
    let (token, rest) = after_keyword.split_at(token_end);
    if !looks_like_iso_date(token) {
        return Ok((None, text.to_owned()));
    }
    let date = NaiveDate::parse_from_str(token, "%Y-%m-%d").map_err(|_| RejectReason::BadDate {
        field: "date line",
        text: token.to_owned(),
    })?;
    let (line, tail) = rest.split_once('\n').unwrap_or((rest, ""));
    let line = skip_notes(line.trim_start());
    Ok((Some(date), format!("{line}\n{tail}")))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// `NNNN-NN-NN` in shape (the date itself is checked by chrono).
fn looks_like_iso_date(token: &str) -> bool {
    token.len() == 10
        && token.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// Drops leading parenthesised wire notes; an unclosed note runs to the end of the line.
fn skip_notes(mut line: &str) -> &str {
    while line.starts_with('(') {
        let mut depth = 0usize;
        let close = line.char_indices().find_map(|(i, c)| {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => return None,
            }
            (depth == 0).then_some(i)
        });
        line = match close {
            Some(i) => line.get(i + 1..).unwrap_or_default().trim_start(),
            None => "",
        };
    }
    line
}

/// Paragraphs are separated by blank lines; lines within one keep their breaks (some sites break every
/// paragraph with a single newline) but lose surrounding spaces.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

/// The first paragraph opening with a dateline, provided everything before it looks like header material.
fn find_dateline(paragraphs: &[String]) -> Option<(usize, Dateline)> {
    for (index, paragraph) in paragraphs
        .iter()
        .enumerate()
        .take(MAX_HEADER_PARAGRAPHS + 1)
    {
        if let Some(found) = dateline::parse(paragraph) {
            return Some((index, found));
        }
        if paragraph.contains('\n') || paragraph.chars().count() > MAX_HEADER_CHARS {
            return None;
        }
    }
    None
}

/// A short single line without closing punctuation that is not a byline.
fn is_headline(paragraph: &str) -> bool {
    !paragraph.contains('\n')
        && paragraph.chars().count() <= MAX_HEADLINE_CHARS
        && paragraph.split_whitespace().count() <= MAX_HEADLINE_WORDS
        && !paragraph.ends_with(['.', ',', ';', ':'])
        && byline(paragraph).is_none()
        && dateline::parse(paragraph).is_none()
}

/// `By Hyunsu Yim and Soo-hyang Choi` gives the names; `By contrast, ...` is a sentence.
fn byline(paragraph: &str) -> Option<String> {
    if paragraph.contains('\n') || paragraph.ends_with('.') || paragraph.chars().count() > 120 {
        return None;
    }
    let names = strip_prefix_ignore_case(paragraph, "by ")?.trim();
    let words: Vec<&str> = names.split_whitespace().collect();
    let connector = |w: &str| {
        matches!(
            w,
            "and"
                | "in"
                | "de"
                | "da"
                | "del"
                | "van"
                | "von"
                | "bin"
                | "al"
                | "la"
                | "le"
                | "y"
                | "&"
        )
    };
    let name_like = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase) || connector(w.trim_end_matches(','))
    };
    (!words.is_empty() && words.len() <= 12 && words.iter().all(name_like))
        .then(|| names.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const AGENCY_STORY: &str = "\
Indonesia's Prabowo arrives in Beijing for first state visit

By Sari Wulandari and Chen Wei

JAKARTA (Antara) - Indonesian President Prabowo Subianto left for Beijing on Friday on his first overseas trip since taking office, officials said.

He is due to meet Chinese President Xi Jinping on Saturday - talks expected to cover nickel, fisheries and the South China Sea.

(Reporting by Sari Wulandari; Editing by Ana Costa)
";

    #[test]
    fn reads_headline_byline_and_agency_dateline() {
        let a = parse(AGENCY_STORY).unwrap();
        assert_eq!(
            a.headline.as_deref(),
            Some("Indonesia's Prabowo arrives in Beijing for first state visit")
        );
        assert_eq!(a.byline.as_deref(), Some("Sari Wulandari and Chen Wei"));
        assert_eq!(a.outlet.as_deref(), Some("Antara"));
        assert_eq!(a.dateline.as_deref(), Some("JAKARTA"));
        assert_eq!(a.published_at, None);
        assert!(!a.published_date_only);
        assert!(a
            .body
            .starts_with("Indonesian President Prabowo Subianto left for Beijing on Friday"));
        assert!(a
            .body
            .contains("\n\nHe is due to meet Chinese President Xi Jinping on Saturday - talks"));
        assert!(a.body.ends_with("Editing by Ana Costa)"));
        assert!(!a.body.contains("By Sari"));
        assert_eq!(a.version, 1);
        assert!(a.id.starts_with("txt-"));
    }

    #[test]
    fn date_line_with_wire_notes_and_a_dated_dateline() {
        let text = "  date 2024-11-05 (ATTN: ADDS quotes in paras 3-4; UPDATES headline)\n\n\
                    By Park Ji-won\n\n\
                    SEOUL, Nov. 5 (Yonhap) -- South Korea's foreign minister will travel to Washington this week, the ministry said Tuesday.\n\n\
                    The trip follows a call between the two presidents.\n";
        let a = parse(text).unwrap();
        assert_eq!(
            a.published_at.unwrap().to_rfc3339(),
            "2024-11-05T00:00:00+00:00"
        );
        assert!(a.published_date_only);
        assert_eq!(a.headline, None, "the notes are not a headline");
        assert_eq!(a.byline.as_deref(), Some("Park Ji-won"));
        assert_eq!(a.outlet.as_deref(), Some("Yonhap"));
        assert_eq!(a.dateline.as_deref(), Some("SEOUL"));
        assert!(a
            .body
            .starts_with("South Korea's foreign minister will travel"));
        assert!(!a.body.contains("ATTN"));
    }

    #[test]
    fn date_line_running_into_the_story() {
        let text = "date 2024-03-02 ADDIS ABABA/NAIROBI - Ethiopia and Kenya signed a power trade deal on Saturday.\n\n\
                    The agreement covers a new transmission line.";
        let a = parse(text).unwrap();
        assert_eq!(a.published_date(), NaiveDate::from_ymd_opt(2024, 3, 2));
        assert_eq!(a.dateline.as_deref(), Some("ADDIS ABABA/NAIROBI"));
        assert_eq!(a.outlet, None);
        assert_eq!(a.headline, None);
        assert_eq!(
            a.body,
            "Ethiopia and Kenya signed a power trade deal on Saturday.\n\nThe agreement covers a new transmission line."
        );
    }

    #[test]
    fn caption_between_headline_and_dateline_stays_in_the_body() {
        let text = "Macron and Lula launch Amazon fund\n\n\
                    French President Emmanuel Macron and Brazil's President Lula in Belem on Tuesday. PHOTO: AFP\n\n\
                    BELEM \u{2013} France and Brazil unveiled a plan on Tuesday to raise one billion euros for the Amazon.\n";
        let a = parse(text).unwrap();
        assert_eq!(
            a.headline.as_deref(),
            Some("Macron and Lula launch Amazon fund")
        );
        assert_eq!(a.dateline.as_deref(), Some("BELEM"));
        assert_eq!(
            a.body,
            "French President Emmanuel Macron and Brazil's President Lula in Belem on Tuesday. PHOTO: AFP\n\n\
             France and Brazil unveiled a plan on Tuesday to raise one billion euros for the Amazon."
        );
    }

    #[test]
    fn a_long_first_sentence_is_body_not_headline() {
        let text = "Japan's Prime Minister met Australia's leader in Canberra on Monday to discuss critical minerals and defence ties across the region, with both sides pledging closer cooperation on supply chains for years to come and beyond\n\n\
                    Officials said a joint statement would follow.";
        let a = parse(text).unwrap();
        assert_eq!(a.headline, None);
        assert!(a.body.starts_with("Japan's Prime Minister met"));

        let single =
            "Vietnam's president received Laos's leader in Hanoi.\nThe two discussed a rail link.";
        let a = parse(single).unwrap();
        assert_eq!(a.headline, None);
        assert_eq!(a.body, single);
    }

    #[test]
    fn the_same_text_gets_the_same_id_whatever_its_layout() {
        let a = parse(AGENCY_STORY).unwrap();
        let b = parse(&AGENCY_STORY.replace('\n', "\r\n").replace(". ", ".  ")).unwrap();
        assert_eq!(a.id, b.id);
        let other = parse(&AGENCY_STORY.replace("Friday", "Thursday")).unwrap();
        assert_ne!(a.id, other.id);
    }

    #[test]
    fn an_impossible_date_line_is_refused() {
        let err =
            parse("date 2024-02-30\n\nCAIRO - Egypt's president met Qatar's emir.").unwrap_err();
        assert_eq!(
            err,
            RejectReason::BadDate {
                field: "date line",
                text: "2024-02-30".into()
            }
        );
    }

    #[test]
    fn a_sentence_starting_with_by_is_not_a_byline() {
        assert_eq!(byline("By contrast, the ministry said nothing"), None);
        assert_eq!(byline("By Lucia Ferrer"), Some("Lucia Ferrer".into()));
        assert_eq!(
            byline("By Maria de la Cruz, Reuters"),
            Some("Maria de la Cruz, Reuters".into())
        );
    }

    #[test]
    fn notes_are_skipped_even_nested_or_unclosed() {
        assert_eq!(
            skip_notes("(ATTN: ADDS (corrected) para 4) TOKYO - Text"),
            "TOKYO - Text"
        );
        assert_eq!(skip_notes("(ATTN: unclosed"), "");
        assert_eq!(skip_notes("LIMA - Text"), "LIMA - Text");
    }
}
