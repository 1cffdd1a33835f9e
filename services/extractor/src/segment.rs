//! Tokens and sentences of wire text, with byte offsets into the text extraction reads.
//!
//! Tokens are words (letters and digits, joined by inner hyphens), numbers ("1,700", "8:10"), possessive
//! `'s`, quotes and other punctuation. Abbreviations keep their full stop ("Mr.", "Sept.", "U.S.", initials)
//! so that a sentence ends only at a real full stop, `!` or `?` followed by a capital, digit or quote, or at
//! a line break (wire paragraphs are lines). Lines that are photo captions ("view larger image ...",
//! "... PHOTO: REUTERS"), bylines, reporting credits and correction notices are flagged: they repeat or
//! re-date what the story says and are not read for events. A dateline opening a paragraph
//! ("SEOUL, Sept. 13 (Yonhap) --") is marked so that its place and date are context, not event arguments.

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    /// `'s` or `’s` after a name.
    Possessive,
    /// A quotation mark.
    Quote,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

/// What a line of the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Story,
    Caption,
    /// Bylines, credits, correction notices, "Join our channel" promotions.
    Furniture,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offsets of the sentence text.
    pub start: usize,
    pub end: usize,
    /// Token range.
    pub toks: std::ops::Range<usize>,
    /// First token after a dateline, when the sentence opens with one.
    pub content: usize,
    pub line: LineKind,
}

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "Gen", "Lt", "Col", "Sgt", "Capt", "Sen", "Rep", "Gov", "Prof", "No",
    "Jr", "Sr", "Inc", "Corp", "Co", "Mt", "vs", "Adm", "Maj", "Ft", "approx", "Vol",
];

/// The days of the week as copy capitalises them.
pub(crate) const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Time zones that go on from a clock time ("at 9 a.m. KST. Officials said ..." ends after "KST"); a
/// lowercase word ("local time") goes on from it anyway.
const ZONE_WORDS: &[&str] = &[
    "GMT", "UTC", "ET", "EST", "EDT", "PT", "PST", "PDT", "CET", "CEST", "BST", "KST", "JST", "IST",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character starting at byte `at` (a character boundary), read without decoding when it is ASCII,
/// as nearly every character of English copy is.
fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(at..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// Splits text into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 5);
    // `i` is always a character boundary: every step moves it past whole characters.
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while end < bytes.len() {
                let b = bytes[end];
                if b.is_ascii_digit()
                    || ((b == b',' || b == b'.' || b == b':')
                        && bytes.get(end + 1).is_some_and(u8::is_ascii_digit))
                {
                    end += 1;
                } else {
                    break;
                }
            }
            // "18th", "1,700km": letters glued to a number stay in it.
            while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
                end += 1;
            }
            toks.push(Token {
                start: i,
                end,
                kind: TokKind::Number,
            });
            i = end;
            continue;
        }
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            loop {
                match char_at(text, end) {
                    Some(n) if is_word_char(n) => end += n.len_utf8(),
                    Some('-') if char_at(text, end + 1).is_some_and(is_word_char) => end += 1,
                    _ => break,
                }
            }
            let word = &text[i..end];
            // U.S., U.N., D.P.R.K.: single letters with full stops.
            if end - i == c.len_utf8() && c.is_uppercase() && bytes.get(end) == Some(&b'.') {
                let mut e = end;
                loop {
                    let rest = &text[e..];
                    let mut it = rest.char_indices();
                    match (it.next(), it.next(), it.next()) {
                        (Some((_, '.')), Some((_, l)), Some((k, '.'))) if l.is_uppercase() => {
                            e += k + 1
                        }
                        _ => break,
                    }
                }
                // Either an acronym (e > end) or an initial ("George W. Bush"): keep the stop.
                end = if e > end { e } else { end + 1 };
            } else if bytes.get(end) == Some(&b'.') && ABBREVIATIONS.contains(&word) {
                end += 1;
            } else if matches!(word, "a" | "p") && text[end..].starts_with(".m.") {
                // "8:10 a.m. Wednesday": one word, so the clock time does not end the sentence.
                end += 3;
            }
            toks.push(Token {
                start: i,
                end,
                kind: TokKind::Word,
            });
            i = end;
            continue;
        }
        if c == '\'' || c == '\u{2019}' {
            let after = i + c.len_utf8();
            let rest = &text[after..];
            let prev_word = toks
                .last()
                .is_some_and(|t| t.end == i && t.kind == TokKind::Word);
            if prev_word
                && (rest.starts_with('s') || rest.starts_with('S'))
                && !rest[1..].starts_with(is_word_char)
            {
                toks.push(Token {
                    start: i,
                    end: after + 1,
                    kind: TokKind::Possessive,
                });
                i = after + 1;
                continue;
            }
            let kind = if prev_word && c == '\u{2019}' {
                TokKind::Punct
            } else {
                TokKind::Quote
            };
            toks.push(Token {
                start: i,
                end: after,
                kind,
            });
            i = after;
            continue;
        }
        let kind = if matches!(
            c,
            '"' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{00ab}' | '\u{00bb}'
        ) {
            TokKind::Quote
        } else {
            TokKind::Punct
        };
        // "--" is one dash.
        let mut end = i + c.len_utf8();
        if c == '-' && bytes.get(end) == Some(&b'-') {
            end += 1;
        }
        toks.push(Token {
            start: i,
            end,
            kind,
        });
        i = end;
    }
    toks
}

/// Phrases that mark a caption or furniture line wherever they stand in it, matched ignoring ASCII case
/// in one pass over the line (a line is read once, not once per phrase, and never copied to lowercase).
const LINE_MARKS: &[&str] = &[
    "photo:",
    "(photo",
    " photo",
    " shows ",
    " picture",
    "photo/",
    "reuters/",
    "correct",
    "attn",
    "updates",
    "reporting by",
];

/// The marks of [`LINE_MARKS`] that are also credits when capitalised as agencies print them: "PHOTO:",
/// "(PHOTO", "REUTERS/" (a lowercase "reuters/" in a story is not a credit).
const EXACT_MARKS: &[(usize, &str)] = &[(0, "PHOTO:"), (1, "(PHOTO"), (6, "REUTERS/")];

static LINE_MARKER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(LINE_MARKS)
            // A fixed list of short ASCII phrases: building it cannot fail (a unit test builds it).
            .expect("line marks compile")
    });

/// Which of [`LINE_MARKS`] occur in the line (bit `i`, ignoring case), and which of [`EXACT_MARKS`] occur
/// as printed (bit `16 + i` for the mark at index `i`).
fn line_marks(line: &str) -> u32 {
    let mut found = 0u32;
    for m in LINE_MARKER.find_overlapping_iter(line) {
        let i = m.pattern().as_usize();
        found |= 1 << i;
        if EXACT_MARKS
            .iter()
            .any(|&(j, exact)| j == i && line.as_bytes()[m.start()..m.end()] == *exact.as_bytes())
        {
            found |= 1 << (16 + i);
        }
    }
    found
}

/// The line starts with `prefix` (lowercase ASCII), ignoring ASCII case.
fn starts_ci(line: &str, prefix: &str) -> bool {
    line.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn line_kind(line: &str) -> LineKind {
    let t = line.trim();
    let marks = line_marks(t);
    let has = |mark: &str| {
        LINE_MARKS
            .iter()
            .position(|m| *m == mark)
            .is_some_and(|i| marks & (1 << i) != 0)
    };
    let has_exact = |mark: &str| {
        EXACT_MARKS
            .iter()
            .find(|(_, m)| *m == mark)
            .is_some_and(|&(i, _)| marks & (1 << (16 + i)) != 0)
    };
    if starts_ci(t, "view larger image")
        || has_exact("PHOTO:")
        || has_exact("(PHOTO")
        || starts_ci(t, "this photo")
        || starts_ci(t, "this file photo")
        || starts_ci(t, "file photo")
        || starts_ci(t, "photo:")
        || (has(" photo") && has(" shows "))
        || starts_ci(t, "this handout")
        || (has(" picture") && has(" shows "))
        // Agency photo credits: "(AP Photo/Efrem Lukatsky)", "REUTERS/Umit Bektas".
        || has("photo/")
        || has_exact("REUTERS/")
        || ends_with_credit(t)
    {
        return LineKind::Caption;
    }
    if (t.starts_with('(')
        && (has("correct") || has("attn") || has("updates") || has("reporting by")))
        || (starts_ci(t, "by ") && t.len() < 80)
        || starts_ci(t, "join ")
        || starts_ci(t, "remote video")
        || starts_ci(t, "editing by")
        || starts_ci(t, "reporting by")
        || starts_ci(t, "date ")
        // Correction notices retell what an earlier version got wrong: "CORRECTION: An earlier version ...".
        || starts_ci(t, "correction:")
        || starts_ci(t, "clarification:")
        || starts_ci(t, "an earlier version of this")
    {
        return LineKind::Furniture;
    }
    LineKind::Story
}

/// A caption credited after a dash, as South Asian and some European outlets print them: "Residents gather
/// near the site on Wednesday. — Reuters". Story paragraphs end on their own sentence, never on a credit.
fn ends_with_credit(line: &str) -> bool {
    // The credit's words (letters and "/") run to the end of the line right after the dash: when the
    // line's last other character is no dash (a story line's full stop, most often) there is no credit,
    // and the line is not searched for one.
    let credit_from = line
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic() || c == '/' || c.is_whitespace())
        .last()
        .map_or(line.len(), |(i, _)| i);
    if !line[..credit_from].ends_with(['\u{2014}', '-']) {
        return false;
    }
    let Some((before, credit)) = line.rsplit_once(" — ").or_else(|| line.rsplit_once(" - "))
    else {
        return false;
    };
    before.trim_end().ends_with('.')
        && (1..=3).contains(&credit.split_whitespace().count())
        && credit.split_whitespace().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars().all(|c| c.is_alphabetic() || c == '/')
        })
}

/// The end of a dateline opening `line` ("SEOUL (Reuters) - ", "MOSCOW, November 4. /TASS/. ", "Hanoi (AFP) - ",
/// "New Delhi, Mar 11 (PTI) ", "RAWALPINDI: "), if any. A city in mixed case is a dateline only when an
/// agency in parentheses follows it, so that a sentence opening with a name and a dash is not cut.
fn dateline_end(line: &str) -> Option<usize> {
    let first_len = line
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(line.len(), |(i, _)| i);
    let first = &line[..first_len];
    if first.chars().count() < 3 || !first.starts_with(char::is_uppercase) {
        return None;
    }
    let all_caps = first.chars().all(char::is_uppercase);
    // A dateline sits in the first 110 bytes; the cut backs off to a character boundary.
    let mut cut = line.len().min(110);
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    let window = &line[..cut];
    if all_caps && window[first.len()..].starts_with(": ") {
        return Some(first.len() + 2);
    }
    let agency = agency_end(window);
    // A mixed-case opening is a dateline only with an agency before its dash: without one, no dash counts.
    if !all_caps && agency.is_none() {
        return None;
    }
    let mut best: Option<usize> = None;
    for sep in [
        " -- ",
        " - ",
        " \u{2013} ",
        " \u{2014} ",
        "/TASS/. ",
        "/TASS/ ",
    ] {
        if let Some(at) = window.find(sep) {
            let end = at + sep.len();
            let agency_before = agency.is_some_and(|a| a <= at + 1);
            if (all_caps || agency_before) && best.is_none_or(|b| end < b) {
                best = Some(end);
            }
        }
    }
    // "New Delhi, Mar 11 (PTI) India on Monday ...": the agency alone closes the dateline.
    best.or(agency)
}

/// The end of "(Agency) " in a dateline's opening words: a short parenthesised name after a place and a
/// date made only of capitalised words, numbers, commas and full stops.
fn agency_end(window: &str) -> Option<usize> {
    let open = window.find('(')?;
    if open > 48 {
        return None;
    }
    let head = &window[..open];
    let words_ok = head.split_whitespace().all(|w| {
        let w = w.trim_end_matches([',', '.']);
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || w.contains('/')
    });
    let close = open + window[open..].find(')')?;
    let name = &window[open + 1..close];
    let name_ok = (2..=16).contains(&name.len())
        && name.starts_with(|c: char| c.is_uppercase())
        && name.chars().all(|c| c.is_alphabetic() || c == ' ');
    let after = &window[close + 1..];
    (words_ok && name_ok && after.starts_with(' ')).then_some(close + 2)
}

/// Splits tokenized text into sentences.
pub fn sentences(text: &str, toks: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let kind = line_kind(line);
        let dl = dateline_end(line).map(|e| line_start + e);
        let first = toks.partition_point(|t| t.start < line_start);
        let last = toks.partition_point(|t| t.start < line_end);
        let mut s = first;
        let mut content_of_first = dl
            .map(|d| toks.partition_point(|t| t.start < d))
            .unwrap_or(first);
        while s < last {
            let mut e = s;
            let mut quote_depth = 0usize;
            while e < last {
                let t = toks[e];
                let ch = &text[t.start..t.end];
                if t.kind == TokKind::Quote {
                    quote_depth ^= 1;
                }
                e += 1;
                // "... at 8 a.m. The ministry said": a clock time ends a sentence before a capital that
                // is not its day or its zone ("8:10 a.m. Wednesday", "11 a.m. GMT").
                if matches!(ch, "a.m." | "p.m.") && e < last {
                    let next = &text[toks[e].start..toks[e].end];
                    let continues = WEEKDAY_NAMES.contains(&next)
                        || ZONE_WORDS.contains(&next)
                        || !next.starts_with(char::is_uppercase);
                    if !continues {
                        break;
                    }
                }
                if t.kind == TokKind::Punct && matches!(ch, "." | "!" | "?") {
                    // Closing quotes belong to the sentence they close.
                    while e < last
                        && toks[e].kind == TokKind::Quote
                        && toks[e].start == toks[e - 1].end
                    {
                        e += 1;
                    }
                    if e >= last {
                        break;
                    }
                    let next = &text[toks[e].start..];
                    let starts_well = next
                        .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                        || toks[e].kind == TokKind::Quote;
                    // Inside a quotation a full stop before a capital still ends it; ellipses do not.
                    if starts_well && !(ch == "." && text[..t.start].ends_with("..")) {
                        let _ = quote_depth;
                        break;
                    }
                }
            }
            let content = content_of_first.max(s).min(e);
            content_of_first = 0;
            out.push(Sentence {
                start: toks[s].start,
                end: toks[e - 1].end,
                toks: s..e,
                content,
                line: kind,
            });
            s = e;
        }
        line_start = line_end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let toks = tokenize(text);
        sentences(text, &toks)
            .iter()
            .map(|s| text[s.start..s.end].to_owned())
            .collect()
    }

    #[test]
    fn a_clock_time_ends_a_sentence_only_before_a_new_one() {
        let s = split("Missiles were fired at 8:10 a.m. Wednesday and at 1 p.m. GMT. It came at 9 a.m. The ministry said so.");
        assert_eq!(
            s,
            vec![
                "Missiles were fired at 8:10 a.m. Wednesday and at 1 p.m. GMT.",
                "It came at 9 a.m.",
                "The ministry said so."
            ]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let s = split("Mr. Lee met U.S. envoy John F. Kerry on Sept. 4 in Hanoi. Dr Park said so. Talks ended.");
        assert_eq!(
            s,
            vec![
                "Mr. Lee met U.S. envoy John F. Kerry on Sept. 4 in Hanoi.",
                "Dr Park said so.",
                "Talks ended."
            ]
        );
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        let s = split("\"We will go,\" he said. \"It is done.\" The minister left.");
        assert_eq!(
            s,
            vec![
                "\"We will go,\" he said.",
                "\"It is done.\"",
                "The minister left."
            ]
        );
    }

    #[test]
    fn offsets_and_possessives() {
        let text = "Chile\u{2019}s leader arrived.";
        let toks = tokenize(text);
        assert_eq!(toks[1].kind, TokKind::Possessive);
        assert_eq!(&text[toks[1].start..toks[1].end], "\u{2019}s");
        assert_eq!(&text[toks[0].start..toks[0].end], "Chile");
        let nums = tokenize("about 1,700 km at 8:10 a.m. on the 18th");
        assert!(nums
            .iter()
            .any(|t| t.kind == TokKind::Number && t.end - t.start == 5));
    }

    #[test]
    fn credited_captions_and_correction_notices_are_flagged() {
        let lines = [
            ("Firefighters work at a depot hit by a drone in Lviv, Ukraine, Monday, May 5, 2025. (AP Photo/Jane Roe)", LineKind::Caption),
            ("Smoke rises over the port after the strike in Tartus, Syria, June 3, 2024. REUTERS/John Doe", LineKind::Caption),
            ("Soldiers stand near the wreckage of a drone in Quetta on Sunday. — AFP", LineKind::Caption),
            ("This handout picture released by the navy shows a frigate firing a missile.", LineKind::Caption),
            ("CORRECTION: An earlier version of this story said the rocket was launched from Sohae.", LineKind::Furniture),
            ("The dead — two soldiers and a driver — were not named.", LineKind::Story),
            ("KYIV, Ukraine (AP) — Russia fired drones at the capital overnight.", LineKind::Story),
        ];
        for (line, kind) in lines {
            assert_eq!(line_kind(line), kind, "{line}");
        }
    }

    #[test]
    fn captions_furniture_and_datelines_are_flagged() {
        let text = "By Jane Roe\n\nLIMA (Reuters) - Peru's president arrived in Quito on Monday.\n\nview larger image This photo shows the president.\n(Corrects paragraph 2)";
        let toks = tokenize(text);
        let sents = sentences(text, &toks);
        let kinds: Vec<LineKind> = sents.iter().map(|s| s.line).collect();
        assert_eq!(
            kinds,
            vec![
                LineKind::Furniture,
                LineKind::Story,
                LineKind::Caption,
                LineKind::Furniture
            ]
        );
        let lead = &sents[1];
        assert_eq!(
            &text[toks[lead.content].start..toks[lead.content].end],
            "Peru"
        );
    }

    #[test]
    fn a_long_first_line_with_wide_characters_near_the_cut_is_not_split_inside_one() {
        // 108 ASCII bytes, then a four-byte character straddling byte 110.
        let line = format!(
            "SEOUL {} {} - rest of the line",
            "x".repeat(101),
            '\u{807bc}'
        );
        assert!(!line.is_char_boundary(110));
        assert_eq!(dateline_end(&line), None);
        let near = format!("SEOUL (Yonhap) - {}{}", "y".repeat(92), '\u{807bc}');
        assert_eq!(dateline_end(&near), Some("SEOUL (Yonhap) - ".len()));
    }

    #[test]
    fn datelines_in_mixed_case_with_an_agency_or_a_colon_are_cut() {
        for (line, dateline) in [
            ("Lima (AFP) - Peru's president left.", "Lima (AFP) - "),
            (
                "Nairobi, Feb 3 (PTI) Kenya's president left.",
                "Nairobi, Feb 3 (PTI) ",
            ),
            ("KARACHI: Pakistan's navy fired a missile.", "KARACHI: "),
            (
                "LIMA (Reuters) - Peru's president left.",
                "LIMA (Reuters) - ",
            ),
        ] {
            assert_eq!(dateline_end(line), Some(dateline.len()), "{line}");
        }
        // A sentence opening with a name, a dash or a parenthesis is not a dateline.
        for line in [
            "Peru - a country of mountains - voted.",
            "Kenya (officially the Republic of Kenya) voted on Monday.",
            "Putin (right) met Kim on Monday.",
        ] {
            assert_eq!(dateline_end(line), None, "{line}");
        }
    }
}
