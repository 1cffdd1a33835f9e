//! Status of one mention: occurred, expected, speculated or denied, from the cues that scope over it.
//!
//! A cue counts only inside the trigger's clause and between the trigger and its subject ("Kim and Putin
//! were expected to meet"), or, for a noun trigger, among its modifiers and the predicate right after it
//! ("the upcoming talks", "the summit would likely take place"). So "Hours ahead of the anticipated summit,
//! North Korea launched ..." is a launch that occurred. A complement clause inherits a denial from the
//! clause that governs it ("dismissed a report that the North had fired ..."). Denial beats speculation
//! beats expectation; "would likely" is speculation. A wish ("wants to", "hopes to") before the trigger makes no
//! event; after it, it belongs to another verb. Hypothetical clauses ("if", "whether") and summaries of
//! many happenings ("several times", "repeatedly") make no event at all.

use dateline_shared::Status;

use crate::doc::Doc;
use crate::lexicon::{Cue, Entry};

/// What the cues around a mention say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Event(Status),
    /// Conditional, hypothetical or habitual: not one happening.
    NotAnEvent,
}

/// Cues in tokens `from..to`.
pub fn cues(doc: &Doc<'_>, from: usize, to: usize) -> Vec<Cue> {
    cues_at(doc, from, to).into_iter().map(|(_, c)| c).collect()
}

/// Cues in tokens `from..to` with the token each starts at.
pub fn cues_at(doc: &Doc<'_>, from: usize, to: usize) -> Vec<(usize, Cue)> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        match doc.ci_find(i, |e| match e {
            Entry::Cue(c) => Some(*c),
            _ => None,
        }) {
            Some((e, c)) if e <= to && !is_month_may(doc, i) => {
                out.push((i, c));
                i = e;
            }
            _ => i += 1,
        }
    }
    out
}

/// "in May", "on May 9", "May 2021": the month, not the modal.
fn is_month_may(doc: &Doc<'_>, i: usize) -> bool {
    doc.tok(i) == "May"
        && ((i > 0
            && doc.is_any(
                i - 1,
                &[
                    "in", "on", "since", "until", "till", "by", "early", "late", "mid", "of",
                    "last", "next", "this", "before", "after", "from", "through", "during",
                ],
            ))
            || (i + 1 < doc.len() && doc.kind(i + 1) == crate::segment::TokKind::Number))
}

/// Combines cues into a status. `governing_denial` is a denial verb governing the clause.
pub fn read(cues: &[Cue], governing_denial: bool) -> Reading {
    if cues
        .iter()
        .any(|c| matches!(c, Cue::Hypothetical | Cue::Habitual | Cue::Wish))
    {
        return Reading::NotAnEvent;
    }
    if governing_denial || cues.contains(&Cue::Denied) {
        return Reading::Event(Status::Denied);
    }
    if cues.contains(&Cue::Speculated) {
        return Reading::Event(Status::Speculated);
    }
    if cues.contains(&Cue::Expected) {
        return Reading::Event(Status::Expected);
    }
    Reading::Event(Status::Occurred)
}

/// True when tokens `from..to` hold a verb of speculation ("it was speculated that", "analysts predicted that").
pub fn has_speculation_verb(doc: &Doc<'_>, from: usize, to: usize) -> bool {
    (from..to).any(|i| {
        doc.is_any(
            i,
            &[
                "speculated",
                "predicted",
                "suspect",
                "suspected",
                "rumoured",
                "rumored",
                "believes",
                "believe",
                "possible",
            ],
        )
    })
}

/// True when tokens `from..to` hold a denial verb ("denied", "dismissed", "rejected", "brushed aside").
pub fn has_denial_verb(doc: &Doc<'_>, from: usize, to: usize) -> bool {
    (from..to).any(|i| {
        doc.is_any(
            i,
            &[
                "denied",
                "denies",
                "deny",
                "dismissed",
                "dismisses",
                "rejected",
                "rejects",
            ],
        ) || (doc.is_any(i, &["brushed", "brushes"]) && doc.is(i + 1, "aside"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;

    fn status(text: &str) -> Reading {
        let doc = Doc::new(text, Lexicon::builtin());
        read(&cues(&doc, 0, doc.len()), false)
    }

    #[test]
    fn cue_priority() {
        assert_eq!(status("is expected to"), Reading::Event(Status::Expected));
        assert_eq!(status("would likely"), Reading::Event(Status::Speculated));
        assert_eq!(status("could"), Reading::Event(Status::Speculated));
        assert_eq!(status("did not"), Reading::Event(Status::Denied));
        assert_eq!(status("was set to"), Reading::Event(Status::Expected));
        assert_eq!(status("if"), Reading::NotAnEvent);
        assert_eq!(status("several times"), Reading::NotAnEvent);
        assert_eq!(status("would like to"), Reading::NotAnEvent);
        assert_eq!(status("hopes to"), Reading::NotAnEvent);
        assert_eq!(status("quickly"), Reading::Event(Status::Occurred));
        assert_eq!(read(&[Cue::Expected], true), Reading::Event(Status::Denied));
        assert_eq!(
            status("is due to visit in May"),
            Reading::Event(Status::Expected)
        );
        assert_eq!(status("talks on May 9"), Reading::Event(Status::Occurred));
        assert_eq!(status("talks may"), Reading::Event(Status::Speculated));
    }
}
