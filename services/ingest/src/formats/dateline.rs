//! The dateline that opens a wire story's first paragraph: `SEOUL (Reuters) -`, `SEOUL, Sept. 13 (Yonhap) --`,
//! `SEOUL/WASHINGTON/MOSCOW –`.
//!
//! It gives the place the story was filed from and, in parentheses, the agency that filed it. Being a
//! heuristic over free text, it errs towards "no dateline": a false one would cut words off the body.

/// What a dateline says, and where the story proper starts after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// "SEOUL", "SEOUL/WASHINGTON/MOSCOW", "WASHINGTON, D.C.".
    pub place: String,
    /// The agency in parentheses: "Reuters", "Yonhap".
    pub agency: Option<String>,
    /// Byte offset in the paragraph where the text after the dateline starts.
    pub rest: usize,
}

/// Datelines are short; looking further would only find dashes inside sentences.
const MAX_PREFIX_BYTES: usize = 120;
const MAX_PLACE_WORDS: usize = 6;
const MAX_AGENCY_CHARS: usize = 40;

/// Reads the dateline at the start of `paragraph`, if it has one. Only the first dash is considered: the
/// dateline always ends at it, and a later dash belongs to the story.
pub(crate) fn parse(paragraph: &str) -> Option<Dateline> {
    let (dash_at, dash) = paragraph
        .char_indices()
        .take_while(|&(i, _)| i <= MAX_PREFIX_BYTES)
        .find(|&(i, c)| is_separator(paragraph, i, c))?;
    let prefix = paragraph.get(..dash_at)?.trim();
    let mut after = dash_at + dash.len_utf8();
    if dash == '-' && paragraph.get(after..)?.starts_with('-') {
        after += 1;
    }
    let rest_text = paragraph.get(after..)?;
    let rest = after + (rest_text.len() - rest_text.trim_start().len());

    let (before_agency, agency) = split_agency(prefix)?;
    let (place, date) = match before_agency.split_once(',') {
        Some((place, tail)) => {
            let tail = tail.trim();
            if tail.chars().any(|c| c.is_ascii_digit()) {
                (place.trim().to_owned(), Some(tail))
            } else {
                // "WASHINGTON, D.C." : the part after the comma is still the place.
                (before_agency.trim().to_owned(), None)
            }
        }
        None => (before_agency.trim().to_owned(), None),
    };
    if date.is_some_and(|d| d.chars().count() > 20) || !is_place(&place, agency.is_some()) {
        return None;
    }
    Some(Dateline {
        place,
        agency,
        rest,
    })
}

/// A hyphen separates only with spaces around it (`PORT-AU-PRINCE` is one word); a double hyphen, en dash
/// or em dash separates however it is spaced.
fn is_separator(text: &str, at: usize, c: char) -> bool {
    match c {
        '–' | '—' => true,
        '-' => {
            let before = text.get(..at).unwrap_or_default();
            let after = text.get(at + 1..).unwrap_or_default();
            let after = after.strip_prefix('-').unwrap_or(after);
            before.ends_with(char::is_whitespace)
                && (after.is_empty() || after.starts_with(char::is_whitespace))
        }
        _ => false,
    }
}

/// Splits `SEOUL (Reuters)` into the place part and the agency. `None` when the parentheses hold
/// something that is not an agency name.
fn split_agency(prefix: &str) -> Option<(&str, Option<String>)> {
    let Some(inner_end) = prefix.strip_suffix(')') else {
        return Some((prefix, None));
    };
    let open = inner_end.rfind('(')?;
    let agency = inner_end.get(open + 1..)?.trim();
    let good = agency.chars().next().is_some_and(char::is_uppercase)
        && agency.chars().count() <= MAX_AGENCY_CHARS
        && !agency.contains(['(', ')']);
    good.then(|| {
        (
            inner_end.get(..open).unwrap_or_default(),
            Some(agency.to_owned()),
        )
    })
}

/// A place is written in capitals (`SEOUL`, `SÃO PAULO`, `ST. PETERSBURG`); with an agency after it the
/// looser `Seoul (Reuters)` style is accepted, as the agency already shows it is a dateline.
fn is_place(place: &str, has_agency: bool) -> bool {
    let allowed =
        |c: char| c.is_alphabetic() || matches!(c, ' ' | '/' | '.' | '\'' | '’' | '-' | ',');
    let words: Vec<&str> = place
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    if words.is_empty()
        || words.len() > MAX_PLACE_WORDS
        || letters < 2
        || !place.chars().all(allowed)
    {
        return false;
    }
    let all_caps = place
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let title_case = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    all_caps || (has_agency && title_case)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place_agency_rest(text: &str) -> Option<(String, Option<String>, &str)> {
        parse(text).map(|d| (d.place, d.agency, text.get(d.rest..).unwrap_or_default()))
    }

    #[test]
    fn reads_agency_datelines() {
        let (place, agency, rest) =
            place_agency_rest("NAIROBI (Reuters) - Kenya's president flew out.").unwrap();
        assert_eq!(
            (place.as_str(), agency.as_deref(), rest),
            ("NAIROBI", Some("Reuters"), "Kenya's president flew out.")
        );
        let (place, agency, rest) = place_agency_rest(
            "BEIJING, March 4 (Xinhua) -- Chinese Premier Li Qiang met delegates.",
        )
        .unwrap();
        assert_eq!(
            (place.as_str(), agency.as_deref(), rest),
            (
                "BEIJING",
                Some("Xinhua"),
                "Chinese Premier Li Qiang met delegates."
            )
        );
        let (place, agency, _) =
            place_agency_rest("Kyiv (AFP) \u{2014} Ukraine's leader said.").unwrap();
        assert_eq!((place.as_str(), agency.as_deref()), ("Kyiv", Some("AFP")));
    }

    #[test]
    fn reads_datelines_without_agency() {
        let (place, agency, rest) =
            place_agency_rest("MANILA/TOKYO \u{2013} The two leaders met.").unwrap();
        assert_eq!(
            (place.as_str(), agency, rest),
            ("MANILA/TOKYO", None, "The two leaders met.")
        );
        let (place, _, _) =
            place_agency_rest("PORT-AU-PRINCE - Haiti's council named a premier.").unwrap();
        assert_eq!(place, "PORT-AU-PRINCE");
        let (place, _, _) =
            place_agency_rest("WASHINGTON, D.C. (AP) \u{2014} Lawmakers returned.").unwrap();
        assert_eq!(place, "WASHINGTON, D.C.");
        let (place, _, rest) =
            place_agency_rest("SÃO PAULO\u{2014}Brazil's central bank held rates.").unwrap();
        assert_eq!(
            (place.as_str(), rest),
            ("SÃO PAULO", "Brazil's central bank held rates.")
        );
    }

    #[test]
    fn ignores_dashes_inside_sentences() {
        for text in [
            "North Korean leader Kim Jong-un arrived on Tuesday - officials said.",
            "The talks - the first in years - ended.",
            "Kim Jong Un - Putin summit begins",
            "Officials said (privately) - nothing more.",
            "",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
