//! Attribution: who a sentence says reports what it tells.
//!
//! Sources are the noun phrase before an attribution verb ("South Korea's military said", "state news
//! agency KCNA reported", "Kremlin spokesman Dmitry Peskov told reporters"), after it when inverted ("...,"
//! said Mr Michael Madden), or after a prefix ("according to KCNA", "citing an unnamed Russian official").
//! A source names a person or a known organisation when the phrase holds one ("Japan's Kyodo news" →
//! "Kyodo"), else it is the phrase itself, short and without its article ("Russia's foreign ministry",
//! "U.S. officials"). Coordinated sources are split ("South Korea's military and Japan's coast guard").
//! The phrase's tokens are not event arguments, and a time right after the verb ("said on Tuesday") dates
//! the report, not the happening.

use crate::doc::Doc;
use crate::entities::{Entities, Ref};
use crate::lexicon::Entry;
use crate::segment::TokKind;
use crate::time;

#[derive(Debug, Default, Clone)]
pub struct Attribution {
    pub sources: Vec<String>,
    /// Token ranges of the source phrases and verbs.
    pub spans: Vec<(usize, usize)>,
    /// Token indices just after attribution verbs: a time expression starting there dates the report.
    pub report_times: Vec<usize>,
}

impl Attribution {
    pub fn covers(&self, i: usize) -> bool {
        self.spans.iter().any(|&(a, b)| a <= i && i < b)
    }
}

const STOPS: &[&str] = &[
    "that",
    "which",
    "who",
    "when",
    "while",
    "as",
    "after",
    "before",
    "because",
    "but",
    "if",
    "said",
    "says",
    "reported",
    "told",
    "had",
    "has",
    "have",
    "will",
    "would",
    "could",
    "may",
    "might",
    "is",
    "are",
    "was",
    "were",
    "also",
    "it",
    "its",
    "where",
    "there",
    "than",
    "not",
    "though",
    "although",
    "whereas",
    "unless",
    "since",
    "what",
    "how",
    "why",
    "whom",
    "whose",
    "amid",
    "including",
    "like",
];

/// Auxiliaries and adverbs between a source and its verb ("had earlier said", "first reported").
const BEFORE_VERB: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "earlier",
    "later",
    "then",
    "first",
    "initially",
    "previously",
    "repeatedly",
    "again",
    "already",
    "separately",
    "publicly",
    "recently",
];

/// "images released by KCNA showed", "a statement issued by the ministry said": material credited to its
/// publisher, who is then the source.
const PUBLISHED: &[&str] = &[
    "released",
    "published",
    "issued",
    "broadcast",
    "aired",
    "posted",
    "shared",
    "distributed",
    "carried",
    "circulated",
];

const CUT: &[&str] = &[
    "with", "of", "at", "in", "from", "who", "on", "for", "to", "by", "speaking",
];

/// Finds the attribution of tokens `from..to` (one sentence).
pub fn find(doc: &Doc<'_>, ents: &Entities, from: usize, to: usize) -> Attribution {
    let mut out = Attribution::default();
    let mut i = from;
    while i < to {
        let Some((end, entries)) = doc.ci_at(i) else {
            i += 1;
            continue;
        };
        let verb = entries.contains(&Entry::AttribVerb);
        let prefix = entries.contains(&Entry::AttribPrefix);
        if !(verb || prefix) {
            i += 1;
            continue;
        }
        if prefix {
            let np_end = phrase_end(doc, end, to);
            add(doc, ents, &mut out, end, np_end);
            // "According to South Korea's Joint Chiefs of Staff (JCS),": the short name is the source's.
            let np_end = if doc.is(np_end, "(") {
                (np_end + 1..to.min(np_end + 6))
                    .find(|&k| doc.is(k, ")"))
                    .map_or(np_end, |k| k + 1)
            } else {
                np_end
            };
            out.spans.push((i, np_end));
            i = np_end.max(end);
            continue;
        }
        // Passive "was quoted as saying": the source follows "by", if anywhere.
        // ("had not been told about it": its subject was told, it tells nothing.)
        if doc.is_any(i.wrapping_sub(1), &["was", "were", "been", "being", "be"]) {
            i = end;
            continue;
        }
        // "the single missile first reported by Seoul": a participle whose source follows "by".
        if end < to && doc.is(end, "by") {
            let np_end = phrase_end(doc, end + 1, to);
            if np_end > end + 1 {
                add(doc, ents, &mut out, end + 1, np_end);
                out.spans.push((i, np_end));
            }
            i = np_end.max(end + 1);
            continue;
        }
        let mut np_to = i;
        while np_to > from && doc.is_any(np_to - 1, BEFORE_VERB) {
            np_to -= 1;
        }
        // "U.S. officials, who first said the visit was imminent, said ...": the relative clause's source is
        // the phrase it hangs on, when that phrase is the sentence's subject. "... held talks with Putin, who
        // said ..." leaves Putin to the talks.
        let relative = np_to > from + 2 && doc.is(np_to - 1, "who") && doc.is(np_to - 2, ",");
        if relative {
            np_to -= 2;
        }
        // "A U.S. official, speaking on condition of anonymity, said": past the aside to its subject.
        if np_to > from + 3 && doc.is(np_to - 1, ",") {
            if let Some(k) = (np_to.saturating_sub(12).max(from)..np_to - 1)
                .find(|&k| doc.is(k, ",") && doc.is(k + 1, "speaking"))
            {
                out.spans.push((k, np_to));
                np_to = k;
            }
        }
        // "visited a hospital on Thursday and said ...": a coordinated verb shares the clause's subject, so
        // the words before "and" are the first verb's arguments (and its time), not a source.
        if np_to > from && doc.is(np_to - 1, "and") {
            out.report_times.push(end);
            i = end;
            continue;
        }
        // "the North's Korean Central News Agency (KCNA) said": skip the parenthesis.
        if np_to > from + 2 && doc.is(np_to - 1, ")") {
            if let Some(open) = (from..np_to - 1).rev().find(|&k| doc.is(k, "(")) {
                out.spans.push((open, np_to));
                np_to = open;
            }
        }
        let mut np_from = np_to;
        let mut steps = 0;
        while np_from > from && steps < 10 {
            let k = np_from - 1;
            let ok = match doc.kind(k) {
                TokKind::Word => {
                    !STOPS.iter().any(|s| doc.tok(k).eq_ignore_ascii_case(s))
                        && (!is_trigger(doc, k) || briefed_on(doc, k))
                }
                TokKind::Possessive | TokKind::Number => true,
                _ => false,
            };
            if !ok {
                break;
            }
            np_from = k;
            steps += 1;
            // "in raids the Taliban said killed 46 people": a determiner right after a lowercase noun opens
            // the source of a clause that hangs on the noun; of, for and the like join it to the source.
            if k > from
                && doc.is_any(k, &["the", "a", "an"])
                && doc.is_word(k - 1)
                && !doc.is_cap(k - 1)
                && !doc.is_any(
                    k - 1,
                    &[
                        "of", "for", "at", "from", "in", "with", "to", "on", "by", "and",
                    ],
                )
            {
                break;
            }
        }
        // "and" only coordinates sources when no clause ends before it.
        let mut cut_and = np_from;
        for k in np_from..np_to {
            if doc.is(k, "and")
                && ents.in_range(np_from, k).is_empty()
                && !(np_from..k).any(|j| doc.is_cap(j))
            {
                cut_and = k + 1;
            }
        }
        np_from = cut_and;
        if relative && np_from > from {
            out.report_times.push(end);
            i = end;
            continue;
        }
        if relative {
            out.spans.push((np_to, np_to + 2));
        }
        if np_from < np_to {
            add(doc, ents, &mut out, np_from, np_to);
            out.spans.push((np_from, end));
            // "told Reuters": the addressee is not a source, nor an actor.
            if doc.is_any(i, &["told", "tells"]) {
                if let Some(m) = ents.in_range(end, end + 1).first() {
                    out.spans.push((m.start, m.end));
                }
            }
        } else if doc.is_cap(end) || doc.is_any(end, &["the", "a", "an", "Mr", "Mrs", "Ms", "Dr"]) {
            // Inverted: '"...," said the minister.'
            let np_end = phrase_end(doc, end, to);
            // "..., said the minister." ends the sentence or clause; "but said Lavrov will visit" is the
            // verb's own complement, not an inverted source.
            let closes = np_end >= to || doc.kind(np_end) != TokKind::Word;
            if np_end > end && closes {
                add(doc, ents, &mut out, end, np_end);
                out.spans.push((i, np_end));
            }
        }
        out.report_times.push(end);
        i = end;
    }
    out
}

/// "a source briefed on the talks", "officials familiar with the negotiations": the happening at `k` is what
/// the source knows of, part of its description, not a happening told.
fn briefed_on(doc: &Doc<'_>, k: usize) -> bool {
    k >= 3
        && doc.is(k - 1, "the")
        && doc.is_any(k - 2, &["on", "with", "to", "in"])
        && doc.is_any(k - 3, DESCRIBED_BY)
}

/// Words after which a source's phrase goes on with what it knows of: "briefed on", "familiar with".
const DESCRIBED_BY: &[&str] = &["briefed", "familiar", "close", "involved"];

/// "state media reported", "Iran's state news agency said": a source that stands for the state's own
/// outlet without naming it. When the article names that outlet elsewhere, a reader lists it by name.
pub fn is_state_media(source: &str) -> bool {
    const HEADS: &[&str] = &[
        "state media",
        "state-run media",
        "state news agency",
        "state-run news agency",
        "official news agency",
        "state television",
        "state-run television",
        "state tv",
        "state broadcaster",
        "official media",
    ];
    let lower = source.trim().to_lowercase();
    HEADS.iter().any(|h| {
        lower
            .strip_suffix(h)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
    })
}

fn is_trigger(doc: &Doc<'_>, k: usize) -> bool {
    doc.ci_find(k, |e| {
        matches!(e, Entry::Trigger { .. } | Entry::Cue(_)).then_some(())
    })
    .is_some()
}

fn phrase_end(doc: &Doc<'_>, from: usize, to: usize) -> usize {
    let mut e = from;
    while e < to && e < from + 10 {
        let ok = match doc.kind(e) {
            TokKind::Word => {
                !STOPS.iter().any(|s| doc.tok(e).eq_ignore_ascii_case(s)) && !is_trigger(doc, e)
            }
            TokKind::Possessive | TokKind::Number => true,
            _ => false,
        };
        if !ok {
            break;
        }
        e += 1;
    }
    e
}

fn add(doc: &Doc<'_>, ents: &Entities, out: &mut Attribution, from: usize, to: usize) {
    let mut start = from;
    for k in from..=to {
        if k == to || doc.is(k, "and") {
            if let Some(name) = source_name(doc, ents, start, k) {
                if !out.sources.contains(&name) {
                    out.sources.push(name);
                }
            }
            start = k + 1;
        }
    }
}

fn source_name(doc: &Doc<'_>, ents: &Entities, from: usize, to: usize) -> Option<String> {
    if from >= to {
        return None;
    }
    let lex = doc.lex();
    let mentions = ents.in_range(from, to);
    if let Some(m) = mentions
        .iter()
        .rev()
        // "Erdogan's office said": the office speaks, not the person who owns it.
        .find(|m| matches!(m.refs[..], [Ref::Person(_)]) && !m.possessive)
    {
        return Some(ents.actor(lex, m.refs[0]).name);
    }
    // "Images released by KCNA": the publisher named after "by" speaks for what it released.
    if let Some(m) = mentions.iter().find(|m| {
        let by = m
            .start
            .wrapping_sub(1 + usize::from(doc.is(m.start.wrapping_sub(1), "the")));
        by > from
            && doc.is(by, "by")
            && doc.is_any(by - 1, PUBLISHED)
            && matches!(m.refs[..], [Ref::Org(_)] | [Ref::Person(_)])
    }) {
        return Some(ents.actor(lex, m.refs[0]).name);
    }
    // "Iran's mission to the United Nations" is the mission, not the organisation it is accredited to.
    if let Some(m) = mentions.iter().find(|m| {
        matches!(m.refs[..], [Ref::Org(_)]) && !(from..m.start).any(|k| doc.is_any(k, CUT))
    }) {
        return Some(ents.actor(lex, m.refs[0]).name);
    }
    let mut a = from;
    while a < to
        && doc.is_any(
            a,
            &[
                "the",
                "a",
                "an",
                "unnamed",
                "unidentified",
                "anonymous",
                "some",
                "other",
            ],
        )
    {
        a += 1;
    }
    let mut b = a;
    // "a source briefed on the talks": what the source knows of is part of its description.
    let described = |b: usize| doc.is_any(b - 1, DESCRIBED_BY);
    while b < to && !(b > a && doc.is_any(b, CUT) && !described(b)) {
        b += 1;
    }
    if b == a || b - a > 6 {
        return None;
    }
    if b - a == 1
        && doc.is_any(
            a,
            &[
                "he", "she", "it", "they", "we", "i", "this", "which", "reports", "report", "one",
                "both",
            ],
        )
    {
        return None;
    }
    if !time::find(doc, a, b).is_empty() {
        return None;
    }
    Some(doc.span(a, b).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{entities, Lexicon};

    fn sources(text: &str) -> Vec<String> {
        let doc = Doc::new(text, Lexicon::builtin());
        let ents = entities::find(&doc);
        find(&doc, &ents, 0, doc.len()).sources
    }

    #[test]
    fn a_source_inside_a_clause_on_a_noun_starts_at_its_determiner() {
        assert_eq!(
            sources("Jets bombed Barmal on Tuesday in raids the Taliban said killed 46 people."),
            vec!["Taliban"]
        );
    }

    #[test]
    fn a_national_agency_carrying_a_statement_is_the_source_and_a_bare_one_is_none() {
        assert_eq!(
            sources("The pact was signed at the palace, according to a statement carried by the Saudi Press Agency."),
            vec!["Saudi Press Agency"]
        );
        assert!(sources("The plan was first discussed in March, one of them said.").is_empty());
    }

    #[test]
    fn a_source_described_by_what_it_was_briefed_on_keeps_the_description() {
        assert_eq!(
            sources("He met the delegation in Doha, a source briefed on the talks told AFP."),
            vec!["source briefed on the talks"]
        );
    }

    #[test]
    fn sources_as_written() {
        assert_eq!(
            sources("Chile fired a rocket, Peru's navy and Japan's coast guard said."),
            vec!["Peru's navy", "Japan's coast guard"]
        );
        assert_eq!(
            sources("The envoy arrived, state news agency Xinhua reported on Friday."),
            vec!["Xinhua"]
        );
        assert_eq!(
            sources("Germany's Foreign Minister Annalena Baerbock told reporters the talks ended."),
            vec!["Annalena Baerbock"]
        );
        assert_eq!(
            sources("The talks will resume, according to Indian officials."),
            vec!["Indian officials"]
        );
        assert_eq!(
            sources("Japan's Kyodo news said the ship sailed, citing an unnamed Thai official."),
            vec!["Kyodo", "Thai official"]
        );
        assert_eq!(
            sources("\"We are ready,\" said Mr Paul Jones, an analyst."),
            vec!["Paul Jones"]
        );
        assert_eq!(
            sources("Iran's mission to the United Nations said the claim was false."),
            vec!["Iran's mission"]
        );
        assert_eq!(
            sources("Chilean President Gabriel Boric's office said the talks ended."),
            vec!["Chilean President Gabriel Boric's office"]
        );
        assert!(sources("He said it was over.").is_empty());
        assert_eq!(
            sources("Photos released by Xinhua showed the envoy at the airport."),
            vec!["Xinhua"]
        );
        assert_eq!(
            sources("A statement issued by the State Department said the talks would resume."),
            vec!["State Department"]
        );
        assert_eq!(
            sources("Indian officials, who first said the trip was off, said on Monday it would go ahead."),
            vec!["Indian officials"]
        );
        assert!(sources(
            "Kim held talks there with President Vladimir Putin, who said Moscow would help."
        )
        .is_empty());
        assert_eq!(
            sources("Japan raised its count from the single missile first reported by Seoul."),
            vec!["Seoul"]
        );
        assert_eq!(
            sources("The ministry had previously said the ship was in port."),
            vec!["ministry"]
        );
        assert!(is_state_media("state media"));
        assert!(is_state_media("Iran's state news agency"));
        assert!(!is_state_media("interstate media"));
        assert!(!is_state_media("State Department"));
        assert!(sources(
            "The ministry denied it, but said Foreign Minister Ana Lopez will visit Lima."
        )
        .is_empty());
    }
}
