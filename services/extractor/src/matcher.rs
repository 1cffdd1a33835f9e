//! Lexicon phrase matching: for every token, the longest lexicon phrase that starts at it and ends on a
//! token boundary, in one walk per token over one automaton.
//!
//! The lexicon has two vocabularies: words matched ignoring ASCII case (triggers, cues, titles, weapons) and
//! names matched with their case ("the North" is the country, "north of" is not). Both are compiled into a
//! single Aho-Corasick automaton that ignores ASCII case, walked anchored; a name's case is then checked
//! against its pattern on the few bytes that matched. The automaton is the contiguous NFA (about 160 KiB for
//! the built-in lexicon): a full DFA is 2.7 MiB, and its cache misses made it slower, not faster. Phrases only count from a token's start to a token's end, so
//! instead of scanning the whole text for every overlapping match (most of which start or end inside a
//! word and are thrown away) the walk starts at each token and stops as soon as the automaton is dead —
//! after a byte or two for most words. This is what keeps lookup cheap: one pass, no allocation per token.

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use crate::segment::Token;

/// A phrase found at a token: the token index one past it and the phrase's index in its vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Token index one past the phrase.
    pub end: usize,
    pub pattern: u32,
}

/// The two vocabularies compiled for matching.
#[derive(Clone)]
pub struct PhraseMatcher {
    nfa: NFA,
    /// Automaton pattern → (is a case-sensitive name, index in its vocabulary).
    meaning: Vec<(bool, u32)>,
    /// The case-sensitive patterns' bytes, by automaton pattern (empty for case-insensitive ones).
    exact: Vec<Box<[u8]>>,
}

impl std::fmt::Debug for PhraseMatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhraseMatcher")
            .field("patterns", &self.meaning.len())
            .finish()
    }
}

/// Longest phrases per token: `ci[i]` from the case-insensitive vocabulary, `cs[i]` from the names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    pub ci: Vec<Option<Hit>>,
    pub cs: Vec<Option<Hit>>,
}

impl PhraseMatcher {
    /// Compiles `ci` (lowercase, matched ignoring ASCII case) and `cs` (matched exactly).
    pub fn new(ci: &[String], cs: &[String]) -> Result<PhraseMatcher, aho_corasick::BuildError> {
        let mut patterns: Vec<&[u8]> = Vec::with_capacity(ci.len() + cs.len());
        let mut meaning = Vec::with_capacity(ci.len() + cs.len());
        let mut exact = Vec::with_capacity(ci.len() + cs.len());
        for (i, p) in ci.iter().enumerate() {
            patterns.push(p.as_bytes());
            meaning.push((false, i as u32));
            exact.push(Box::default());
        }
        for (i, p) in cs.iter().enumerate() {
            patterns.push(p.as_bytes());
            meaning.push((true, i as u32));
            exact.push(p.as_bytes().into());
        }
        let nfa = NFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns)?;
        Ok(PhraseMatcher {
            nfa,
            meaning,
            exact,
        })
    }

    /// For each token, the longest phrase of each vocabulary starting at its first byte and ending at the
    /// last byte of a token (the same or a later one).
    pub fn longest(&self, text: &str, toks: &[Token]) -> Hits {
        let bytes = text.as_bytes();
        let mut out = Hits {
            ci: vec![None; toks.len()],
            cs: vec![None; toks.len()],
        };
        let Ok(start) = self.nfa.start_state(Anchored::Yes) else {
            return out;
        };
        for first in 0..toks.len() {
            let from = toks[first].start;
            let mut sid = start;
            let mut pos = from;
            'walk: for (last, tok) in toks.iter().enumerate().skip(first) {
                // Feed the gap before the token (spaces inside a phrase) and the token itself.
                while pos < tok.end {
                    sid = self.nfa.next_state(Anchored::Yes, sid, bytes[pos]);
                    pos += 1;
                    if self.nfa.is_dead(sid) {
                        break 'walk;
                    }
                }
                if !self.nfa.is_match(sid) {
                    continue;
                }
                let len = tok.end - from;
                for k in 0..self.nfa.match_len(sid) {
                    let pid = self.nfa.match_pattern(sid, k);
                    // Anchored states may also carry phrases that are suffixes of the walked text.
                    if self.nfa.pattern_len(pid) != len {
                        continue;
                    }
                    let (is_name, index) = self.meaning[pid.as_usize()];
                    let slot = if is_name {
                        if *self.exact[pid.as_usize()] != bytes[from..tok.end] {
                            continue;
                        }
                        &mut out.cs[first]
                    } else {
                        &mut out.ci[first]
                    };
                    // Later tokens give longer phrases; one span has one pattern per vocabulary.
                    *slot = Some(Hit {
                        end: last + 1,
                        pattern: index,
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokenize;
    use aho_corasick::AhoCorasickBuilder;

    /// The straightforward reading: every overlapping match, kept where it starts and ends on token
    /// boundaries, the longest per starting token.
    fn reference(text: &str, toks: &[Token], pats: &[String], fold: bool) -> Vec<Option<Hit>> {
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(fold)
            .build(pats)
            .unwrap();
        let mut out: Vec<Option<Hit>> = vec![None; toks.len()];
        for m in ac.find_overlapping_iter(text) {
            let Ok(first) = toks.binary_search_by_key(&m.start(), |t| t.start) else {
                continue;
            };
            let Ok(last) = toks.binary_search_by_key(&m.end(), |t| t.end) else {
                continue;
            };
            if last < first || out[first].is_some_and(|h| h.end > last) {
                continue;
            }
            out[first] = Some(Hit {
                end: last + 1,
                pattern: m.pattern().as_u32(),
            });
        }
        out
    }

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn longest_phrase_on_token_boundaries_in_both_vocabularies() {
        let ci = strings(&[
            "met",
            "met with",
            "hold talks",
            "talks",
            "north",
            "will",
            "'ll",
            "missile",
            "ballistic missile",
        ]);
        let cs = strings(&["North Korea", "the North", "Korea", "Kim Jong Un", "Kim"]);
        let m = PhraseMatcher::new(&ci, &cs).unwrap();
        for text in [
            "Kim Jong Un met with the North's envoy; they'll hold talks north of Seoul.",
            "The North fired a ballistic missile. the north metal Metal MET WITH North Koreans",
            "North Korea's Kim met Kim Jong Un's sister. THE NORTH will HOLD TALKS",
            "",
            "kim jong un met korea",
        ] {
            let toks = tokenize(text);
            let got = m.longest(text, &toks);
            assert_eq!(got.ci, reference(text, &toks, &ci, true), "{text}");
            assert_eq!(got.cs, reference(text, &toks, &cs, false), "{text}");
        }
    }

    #[test]
    fn names_keep_their_case_and_words_do_not_match_inside_words() {
        let ci = strings(&["met"]);
        let cs = strings(&["the North"]);
        let m = PhraseMatcher::new(&ci, &cs).unwrap();
        let text = "They met north of the North, not in the metal works of the north.";
        let toks = tokenize(text);
        let hits = m.longest(text, &toks);
        let found = |v: &[Option<Hit>]| -> Vec<String> {
            v.iter()
                .enumerate()
                .filter_map(|(i, h)| h.map(|h| (i, h)))
                .map(|(i, h)| text[toks[i].start..toks[h.end - 1].end].to_owned())
                .collect()
        };
        assert_eq!(found(&hits.ci), vec!["met"]);
        assert_eq!(found(&hits.cs), vec!["the North"]);
    }
}
