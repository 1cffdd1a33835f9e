//! "It" as the subject of a trigger verb: the state or organisation the text was talking about.
//!
//! Wire copy names a launching or striking state once and then goes on with a pronoun: "China's military
//! said it had test-fired an ICBM", "The North has stepped up testing. It said it had tested a hypersonic
//! missile". Without this the event has no actor and is dropped. "It" is far more often a thing (the
//! missile, the report), so it is resolved only where it is the subject of an event verb ("it fired", "it
//! had launched", not "it was launched", where it is the missile), and only to a country or an
//! organisation: the last one named as a subject earlier in the sentence, else the subject of one of the
//! two sentences before.

use crate::doc::Doc;
use crate::entities::{Entities, Mention, Ref};
use crate::lexicon::{Entry, Form};

/// Words between "it" and its verb that leave "it" the verb's subject.
const BETWEEN: &[&str] = &[
    "had",
    "has",
    "have",
    "also",
    "then",
    "later",
    "again",
    "successfully",
    "reportedly",
    "just",
    "recently",
    "previously",
    "earlier",
    "first",
    "last",
    "once",
    "would",
    "will",
    "could",
    "may",
    "might",
    "'d",
];

/// Prepositions: a name after one is not the subject of its clause.
const PREPS: &[&str] = &[
    "of", "in", "to", "with", "by", "from", "at", "for", "on", "against", "into", "over", "toward",
    "towards", "between", "about", "than",
];

/// Verbs of telling whose object is the one told, not a subject: "notified Japan".
const ADDRESSING_VERBS: &[&str] = &[
    "notified",
    "informed",
    "told",
    "warned",
    "urged",
    "asked",
    "alerted",
    "notifying",
    "informing",
    "telling",
    "warning",
    "urging",
    "asking",
];

/// How far back (in sentences) an antecedent is looked for.
const REACH: usize = 2;

/// Adds a mention for each subject "it" of an event verb, bound to the state or organisation it stands for.
pub fn resolve(doc: &Doc<'_>, ents: &mut Entities) {
    let lex = doc.lex();
    let mut added: Vec<Mention> = Vec::new();
    // (sentence, ref) of the last sentence subject that was a state or an organisation.
    let mut previous: Option<(usize, Ref)> = None;
    for (s, sent) in doc.sents.iter().enumerate() {
        let (from, to) = (sent.content, sent.toks.end);
        let subjects: Vec<(usize, Ref)> = ents
            .in_range(from, to)
            .iter()
            .filter(|m| m.start >= from && !m.anaphor)
            .filter(|m| m.start == from || !doc.is_any(m.start - 1, PREPS))
            // "hours before polls opened in the U.S. presidential election, when it launched": after a
            // preposition and its "the", a name is no subject either.
            .filter(|m| {
                m.start < from + 2
                    || !(doc.is(m.start - 1, "the") && doc.is_any(m.start - 2, PREPS))
            })
            // "Pyongyang notified Japan's coast guard that it would launch": the addressee of a verb of
            // telling is its object; "it" goes on with whoever told.
            .filter(|m| m.start == from || !doc.is_any(m.start - 1, ADDRESSING_VERBS))
            .filter_map(|m| match m.refs[..] {
                [r @ Ref::Country(_)] => Some((m.start, r)),
                [r @ Ref::Org(o)] => {
                    let org = &lex.orgs[o as usize];
                    (org.country.is_some() || org.group).then_some((m.start, r))
                }
                _ => None,
            })
            .collect();
        for k in from..to {
            // "The Israeli military said its aircraft struck a depot": the forces a state or group
            // calls its own act for it.
            let own_forces = matches!(doc.tok(k), "its" | "Its")
                && k + 1 < to
                && doc.is_any(k + 1, crate::frames::OWN_FORCES);
            let end = if own_forces { k + 2 } else { k + 1 };
            if !(own_forces || matches!(doc.tok(k), "it" | "It"))
                || !subject_of_event_verb(doc, end, to)
            {
                continue;
            }
            let here = subjects
                .iter()
                .rev()
                .find(|&&(at, _)| at < k)
                .map(|&(_, r)| r);
            let before = previous.filter(|&(ps, _)| ps + REACH >= s).map(|(_, r)| r);
            if let Some(r) = here.or(before) {
                added.push(Mention {
                    start: k,
                    end,
                    refs: vec![r],
                    possessive: false,
                    anaphor: true,
                });
            }
        }
        if let Some(&(_, r)) = subjects.first() {
            previous = Some((s, r));
        }
    }
    if !added.is_empty() {
        ents.mentions.extend(added);
        ents.mentions.sort_by_key(|m| (m.start, m.end));
    }
}

/// Whether the words from `k` are an active event verb, after at most three auxiliaries or adverbs.
/// "It killed Ismail Haniyeh ... in a strike on a guesthouse": a killing told with the strike it was done
/// in is the strike's verb.
fn subject_of_event_verb(doc: &Doc<'_>, mut k: usize, to: usize) -> bool {
    let limit = (k + 3).min(to);
    while k < limit && doc.is_any(k, BETWEEN) {
        k += 1;
    }
    let trigger_at = |j: usize, noun: bool, of_kind: Option<u16>| {
        doc.ci_find(j, |e| match e {
            Entry::Trigger { form, kind, .. }
                if (*form == Form::Noun) == noun && of_kind.is_none_or(|x| x == *kind) =>
            {
                Some(())
            }
            _ => None,
        })
        .is_some()
    };
    // ("killed ... in a meeting" is no strike: only an attack noun makes the killing one.)
    let attack = doc.lex().kind_index("attack").map(|x| x as u16);
    let killing_in_a_strike = attack.is_some()
        && doc.is_any(k, &["killed", "assassinated"])
        && (k + 1..to.min(k + 16)).any(|j| {
            doc.is(j, "in") && (trigger_at(j + 2, true, attack) || trigger_at(j + 3, true, attack))
        });
    k < to && (trigger_at(k, false, None) || killing_in_a_strike)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{entities, Lexicon};

    /// The ids each "it" of `text` was bound to, in order.
    fn bound(text: &str) -> Vec<String> {
        let lex = Lexicon::builtin();
        let doc = Doc::new(text, lex);
        let ents = entities::find(&doc);
        ents.mentions
            .iter()
            .filter(|m| m.anaphor && matches!(doc.tok(m.start), "it" | "It"))
            .map(|m| ents.actor_id(lex, m.refs[0]))
            .collect()
    }

    #[test]
    fn it_is_the_state_that_reports_or_was_named_before() {
        assert_eq!(
            bound("Chile's navy said on Monday it had test-fired two cruise missiles."),
            vec!["chile"]
        );
        assert_eq!(
            bound("Peru has stepped up its drills. It said later that it launched a rocket off its coast."),
            vec!["peru"]
        );
    }

    #[test]
    fn its_forces_act_for_the_state_that_calls_them_its_own() {
        let lex = Lexicon::builtin();
        let text = "Peru's defence ministry said its aircraft had struck a rebel camp. Peru praised its troops.";
        let doc = Doc::new(text, lex);
        let ents = entities::find(&doc);
        let bound: Vec<(&str, String)> = ents
            .mentions
            .iter()
            .filter(|m| m.anaphor && doc.tok(m.start) == "its")
            .map(|m| (doc.tok(m.start + 1), ents.actor_id(lex, m.refs[0])))
            .collect();
        // Only the forces that are the subject of an event verb are bound.
        assert_eq!(bound, vec![("aircraft", "peru".to_owned())]);
    }

    #[test]
    fn it_as_a_thing_or_a_passive_subject_stays_unbound() {
        // The missile was launched: "it" is the missile, not a launcher.
        assert!(bound("Chile fired a missile on Monday. It was launched from a ship.").is_empty());
        // Not the subject of an event verb.
        assert!(bound("Chile said it regretted the decision.").is_empty());
        // A person is never "it".
        assert!(bound("Gabriel Boric spoke. It said it launched a rocket.").is_empty());
    }

    #[test]
    fn it_killed_in_a_strike_is_the_striking_state() {
        assert_eq!(
            bound("Peru hunts the rebels. It killed their leader in a drone strike on Monday."),
            vec!["peru"]
        );
        // A killing alone is no event verb.
        assert!(bound("Peru hunts the rebels. It killed their leader.").is_empty());
    }
}
