//! One article prepared for reading: its text, tokens, sentences and lexicon matches.
//!
//! The text is `headline + "\n\n" + body` when there is a headline, else the body; every offset in an
//! event's evidence points into it. Lexicon phrases are found by the lexicon's [`crate::matcher`] in one walk
//! per token, only where they start and end on token boundaries (so "North" never matches inside
//! "Northern", nor "met" inside "metal"); for each token the longest phrase starting there is recorded.

use crate::lexicon::{CountryForm, Entry, Lexicon};
use crate::matcher::Hit;
use crate::segment::{self, LineKind, Sentence, TokKind, Token};

/// A word in ASCII lowercase without allocating: the word itself when it has no capital (most words),
/// else a copy on the stack. The word-list comparisons that run for nearly every token use it. A
/// capitalised word longer than [`Lower::CAP`] bytes reads as empty, which changes no comparison: no listed
/// word is that long.
#[derive(Clone, Copy)]
pub enum Lower<'a> {
    Same(&'a str),
    Folded { buf: [u8; Lower::CAP], len: u8 },
}

impl<'a> Lower<'a> {
    pub const CAP: usize = 24;

    pub fn of(word: &'a str) -> Lower<'a> {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return Lower::Same(word);
        }
        let mut buf = [0u8; Lower::CAP];
        let len = if word.len() <= Lower::CAP {
            buf[..word.len()].copy_from_slice(word.as_bytes());
            buf[..word.len()].make_ascii_lowercase();
            word.len()
        } else {
            0
        };
        Lower::Folded {
            buf,
            len: len as u8,
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Lower::Same(w) => w,
            // ASCII lowercasing keeps UTF-8 valid; the fallback is unreachable.
            Lower::Folded { buf, len } => {
                std::str::from_utf8(&buf[..usize::from(*len)]).unwrap_or("")
            }
        }
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

pub struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Token>,
    pub sents: Vec<Sentence>,
    /// Token → sentence.
    pub sent_of: Vec<u32>,
    /// True inside double quotation marks.
    pub quoted: Vec<bool>,
    /// How many of the sentences are the headline's (the text opens with it): see `crate::extract`.
    pub headline_sents: usize,
    /// The place the dateline names ("HANOI" in `HANOI, May 26 (Reuters) -`), as ingest parsed it out of
    /// the body or as the body's own opening line shows it.
    pub dateline: Option<String>,
    /// The outlet that filed the story ("Antara", "Yonhap"): a national agency names its own leaders
    /// without their country ("President Prabowo Subianto").
    pub outlet: Option<String>,
    ci: Vec<Option<Hit>>,
    cs: Vec<Option<Hit>>,
    lex: &'a Lexicon,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, lex: &'a Lexicon) -> Doc<'a> {
        let toks = segment::tokenize(text);
        let sents = segment::sentences(text, &toks);
        let mut sent_of = vec![0u32; toks.len()];
        for (i, s) in sents.iter().enumerate() {
            for t in s.toks.clone() {
                sent_of[t] = i as u32;
            }
        }
        let mut quoted = vec![false; toks.len()];
        for s in &sents {
            let mut open = false;
            for t in s.toks.clone() {
                let tok = toks[t];
                let ch = &text[tok.start..tok.end];
                if tok.kind == TokKind::Quote && matches!(ch, "\"" | "\u{201c}" | "\u{201d}") {
                    open = match ch {
                        "\u{201c}" => true,
                        "\u{201d}" => false,
                        _ => !open,
                    };
                    quoted[t] = true;
                    continue;
                }
                quoted[t] = open;
            }
        }
        unquote_terms(text, &toks, &mut quoted);
        let hits = lex.matcher.longest(text, &toks);
        let (ci, cs) = (hits.ci, hits.cs);
        Doc {
            text,
            toks,
            sents,
            sent_of,
            quoted,
            headline_sents: 0,
            dateline: None,
            outlet: None,
            ci,
            cs,
            lex,
        }
    }

    pub fn lex(&self) -> &'a Lexicon {
        self.lex
    }

    /// The place naming the dateline that opens the body's first sentence, if one does: its leading words
    /// before the date, the agency or the dash ("New Delhi" in `New Delhi, Mar 11 (PTI)`).
    pub fn body_dateline(&self) -> Option<String> {
        let first = self.sents.get(self.headline_sents)?;
        if first.content <= first.toks.start {
            return None;
        }
        let words = (first.toks.start..first.content)
            .take_while(|&i| self.is_word(i))
            .count();
        (words > 0).then(|| {
            self.span(first.toks.start, first.toks.start + words)
                .to_owned()
        })
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    pub fn tok(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }

    pub fn kind(&self, i: usize) -> TokKind {
        self.toks[i].kind
    }

    /// The token at `i` in ASCII lowercase, without allocating.
    pub fn lower(&self, i: usize) -> Lower<'a> {
        Lower::of(self.tok(i))
    }

    /// The token at `i` is this word, ignoring ASCII case.
    pub fn is(&self, i: usize, word: &str) -> bool {
        self.tok_bytes(i)
            .is_some_and(|t| t.eq_ignore_ascii_case(word.as_bytes()))
    }

    /// Asked of nearly every token with lists of a few dozen words: the token's bytes are sliced once, not
    /// once per listed word, and only words of its length are compared.
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        self.tok_bytes(i).is_some_and(|t| {
            words
                .iter()
                .any(|w| w.len() == t.len() && t.eq_ignore_ascii_case(w.as_bytes()))
        })
    }

    /// The token's bytes, without the char-boundary checks of slicing the text as `str`: comparing them
    /// with ASCII words needs none.
    fn tok_bytes(&self, i: usize) -> Option<&'a [u8]> {
        let t = self.toks.get(i)?;
        self.text.as_bytes().get(t.start..t.end)
    }

    pub fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == TokKind::Word
    }

    /// Starts with a capital letter and is not all capitals (unless very short: "Jo", "Il").
    pub fn is_cap(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        let w = self.tok(i);
        if !w.chars().next().is_some_and(char::is_uppercase) {
            // "al-Sharaa", "el-Sisi": an Arabic name with its article is a name, capital after the hyphen.
            return arabic_article(w);
        }
        // Counted, not collected: this runs for nearly every token.
        let mut letters = 0;
        for c in w.chars().filter(|c| c.is_alphabetic()) {
            if letters > 0 && c.is_lowercase() {
                return true;
            }
            letters += 1;
        }
        letters <= 2
    }

    pub fn span(&self, from: usize, to: usize) -> &'a str {
        if from >= to {
            return "";
        }
        &self.text[self.toks[from].start..self.toks[to - 1].end]
    }

    /// The longest case-insensitive lexicon phrase starting at token `i`.
    pub fn ci_at(&self, i: usize) -> Option<(usize, &'a [Entry])> {
        self.ci
            .get(i)
            .copied()
            .flatten()
            .map(|h| (h.end, self.lex.ci_entries[h.pattern as usize].as_slice()))
    }

    /// The longest case-sensitive lexicon name starting at token `i`.
    pub fn cs_at(&self, i: usize) -> Option<(usize, &'a [Entry])> {
        self.cs
            .get(i)
            .copied()
            .flatten()
            .map(|h| (h.end, self.lex.cs_entries[h.pattern as usize].as_slice()))
    }

    /// A case-insensitive phrase at `i` with an entry satisfying `f`.
    pub fn ci_find<T>(&self, i: usize, f: impl Fn(&Entry) -> Option<T>) -> Option<(usize, T)> {
        let (end, entries) = self.ci_at(i)?;
        entries.iter().find_map(&f).map(|t| (end, t))
    }

    pub fn cs_find<T>(&self, i: usize, f: impl Fn(&Entry) -> Option<T>) -> Option<(usize, T)> {
        let (end, entries) = self.cs_at(i)?;
        entries.iter().find_map(&f).map(|t| (end, t))
    }

    /// A demonym starting at token `i` ("North Korean", "Houthi"): the token past it and its country.
    pub fn demonym_at(&self, i: usize) -> Option<(usize, u16)> {
        self.cs_find(i, |e| match e {
            Entry::Country {
                idx,
                how: CountryForm::Demonym,
            } => Some(*idx),
            _ => None,
        })
    }

    pub fn is_story(&self, s: usize) -> bool {
        self.sents[s].line == LineKind::Story
    }
}

/// The longest quoted text, in bytes, that can be a term rather than speech.
const TERM_BYTES: usize = 48;

/// Scare quotes ('a "super-large" warhead', 'a "special military operation"') mark a term, not speech: a
/// short quoted run with no punctuation inside is read as plain text, so it neither splits the clause nor
/// makes the sentence's events hearsay.
fn unquote_terms(text: &str, toks: &[Token], quoted: &mut [bool]) {
    let mut k = 0;
    while k < quoted.len() {
        if !quoted[k] {
            k += 1;
            continue;
        }
        let start = k;
        while k < quoted.len() && quoted[k] {
            k += 1;
        }
        // start..k is one run: opening mark, words, closing mark.
        if k - start < 3 {
            continue;
        }
        let inner = &text[toks[start].end..toks[k - 1].start];
        let term = toks[start].kind == TokKind::Quote
            && toks[k - 1].kind == TokKind::Quote
            && inner.len() <= TERM_BYTES
            && !inner.contains([',', '.', '!', '?', ';', ':']);
        if term {
            quoted[start..k].fill(false);
        }
    }
}

/// "al-Sharaa", "Al-Sharaa", "el-Sisi": an Arabic name with its article, one name (not two joined by a
/// hyphen, as "Russia-Ukraine" is).
pub fn arabic_article(w: &str) -> bool {
    // The article is two or three letters: only the first four bytes can hold its hyphen. (This runs for
    // every lowercase word `Doc::is_cap` is asked about.)
    let Some(dash) = w.bytes().take(4).position(|b| b == b'-') else {
        return false;
    };
    let (article, rest) = (&w[..dash], &w[dash + 1..]);
    ["al", "el", "ash", "ad", "as", "az"]
        .iter()
        .any(|a| article.eq_ignore_ascii_case(a))
        && rest.starts_with(char::is_uppercase)
}
