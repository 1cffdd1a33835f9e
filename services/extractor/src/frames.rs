//! Frames: each trigger word in a story sentence filled in with its arguments, one candidate per mention.
//!
//! A trigger's clause runs between clause boundaries (";", dashes, "that", "but", "before", "after",
//! ", which", ", where", a comma before an -ing participle ...). Within it:
//! - actors: the subject — the nearest name before the trigger that is not the object of a preposition,
//!   with the names coordinated with it ("Kim and Putin"), or the sentence's subject when the clause has
//!   none ("arrived ..., leaving his train to meet"); possessives ("Kim's train arrived", "Putin's meeting
//!   with Kim"); for meetings and agreements also the names after the trigger ("met X", "talks with X",
//!   "between X and Y"); after "by" for passives. Launch actors are the launching state: a person or
//!   service stands for its country. Attribution phrases are never actors;
//! - place: after the kind's prepositions, or the object of a transitive verb ("visited Hanoi", "left
//!   Pyongyang"); a ", where" clause takes the place named before it; departure's destination after
//!   "for"/"to";
//! - time: in the clause (after the trigger first), else earlier in the sentence; report times ("said on
//!   Tuesday") are skipped;
//! - weapon and count (launches, attacks), mode (travel), status ([`crate::status`]).
//!
//! A candidate is *strong* when it names enough to stand alone (a traveller and a place, two meeting
//! participants, a launching state and a weapon ...) and is not inside quotation marks; weak candidates only
//! add to an event found elsewhere in the article ([`crate::merge`]). Gerunds after "for"/"of" ("punishing
//! North Korea for launching missiles") and hypothetical or habitual clauses make no candidate at all. A
//! verbless ", and in <place> <time>" after a dated, placed happening is that act again: a candidate of its own,
//! and so is a strike's second object with its own target and time ("... at Bryansk on Tuesday and cruise
//! missiles at Kursk on Wednesday"). An attack noun with no attacker takes the subject of an "in which"
//! clause after it; a denial of an accusation ("denies X's accusation of a strike") or of carrying out a
//! strike names the one who denies as the denied attacker. A meeting noun after "on the sidelines of" is the
//! occasion, not a meeting. A strike told with no attacker takes the one its own relative clause blames it
//! on ("An air strike that Iran blamed on Israel destroyed ..."), else the one the next sentences name as
//! claiming it, blamed or held responsible for it ("blamed Israel for both" reaches past a second strike),
//! the blamer becoming a source (the claim's own retelling of the strike only adds to it); "launched ...
//! attacks" launches nothing; "a visiting delegation" tells no visit; a name before a trip noun ("wraps up
//! Australia trip") is no traveller; "a meeting of their ministers" is not the leaders' meeting; ", where"
//! hangs on the place named right before it.

use dateline_shared::{PartialDate, Place, Status};

use crate::attribution::{self, Attribution};
use crate::doc::Doc;
use crate::entities::{Entities, Mention, Ref, REPRESENTATIVES};
use crate::lexicon::{Entry, Form};
use crate::places;
use crate::status::{self, Reading};
use crate::time::{self, TimeExpr};

#[derive(Debug, Clone)]
pub struct Candidate {
    pub kind: usize,
    pub sent: usize,
    /// Token range of the trigger.
    pub trigger: (usize, usize),
    pub status: Status,
    pub actors: Vec<Ref>,
    pub place: Option<Place>,
    pub destination: Option<Place>,
    pub date: Option<PartialDate>,
    pub time_text: Option<String>,
    pub count: Option<u32>,
    pub weapon: Option<String>,
    pub mode: Option<String>,
    pub attribution: Vec<String>,
    pub strong: bool,
    /// The status rests on a cue or a verb's tense, not on a bare noun ("a summit with Putin").
    pub asserted: bool,
    /// Further objects coordinated with the launched weapon ("tested a cruise missile warhead and a new
    /// anti-aircraft missile"): each is a launch of its own, as `(weapon, count)`.
    pub also_launched: Vec<(String, Option<u32>)>,
    /// A launch's place is the site it was fired from ("from the Sunan area"), not the area it flew into.
    pub launch_site: bool,
    /// Told in "<the subject> came two days after ...": an earlier happening than the one the sentence's
    /// subject stands for, never the same one unless both are dated alike ([`crate::merge`]).
    pub precedes: Option<Precedes>,
    /// Told as the reference point of another happening ("the first visit since 2012", "since he visited
    /// in July 2000"): background, so it dates none of the happenings told around it.
    pub background: bool,
    /// The place is the trip's, lent by the narrative ([`inherit_narrative`], [`meet_where_visiting`]),
    /// not told for this happening: a guess that gives way to a place the text tells.
    pub place_borrowed: bool,
}

/// How long before the happening a sentence's subject names an earlier one took place: "came two days
/// after" is `Some(2)`, "came hours after" or "days after" is `None` (the same day or too vague to date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Precedes {
    pub days_before: Option<u64>,
    /// Token range of the gap phrase ("came two days after"): the event's time text when it dates it.
    pub gap: (usize, usize),
}

const PREPS: &[&str] = &[
    "with",
    "to",
    "of",
    "by",
    "from",
    "in",
    "at",
    "for",
    "on",
    "between",
    "against",
    "into",
    "including",
    "among",
    "toward",
    "towards",
    "over",
    "about",
    "than",
    "like",
];

/// Modals that make what follows them a possibility or a plan, not a report.
const MODALS: &[&str] = &["could", "would", "might", "may", "can", "will"];

const DETERMINERS: &[&str] = &[
    "a",
    "an",
    "the",
    "its",
    "his",
    "her",
    "their",
    "this",
    "that",
    "no",
    "any",
    "first",
    "second",
    "third",
    "latest",
    "last",
    "recent",
    "rare",
    "upcoming",
    "planned",
    "expected",
    "anticipated",
    "official",
    "state",
    "separate",
    "formal",
    "informal",
    "historic",
    "two-day",
    "three-day",
    "one-day",
    "next",
    "possible",
    "potential",
    "fresh",
    "new",
    "such",
    "further",
    "bilateral",
    "joint",
    "indirect",
    "arms",
    "summit",
    "working",
    "weekend",
];

/// "the 100th launch", "a second visit", "its latest test": an ordinal makes the trigger after it a noun.
/// ("first" and "last" also stand before verbs: "will first visit Paris".)
fn ordinal_modifier(w: &str) -> bool {
    let numbered = w.len() > 2
        && ["st", "nd", "rd", "th"].iter().any(|suffix| {
            w.strip_suffix(suffix)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        });
    numbered
        || matches!(
            w,
            "second" | "third" | "fourth" | "fifth" | "latest" | "maiden"
        )
}

/// Words that make talks a call rather than a meeting: "by video link", "held a videoconference".
const REMOTE_WORDS: &[&str] = &["videoconference", "videolink", "virtually"];

/// Adjectives that make the trigger after them a noun: "carried out military strikes", "fresh attacks".
const NOUN_MODIFIERS: &[&str] = &[
    "military",
    "retaliatory",
    "precision",
    "cross-border",
    "deadly",
    "fresh",
    "further",
    "major",
    "massive",
    "joint",
    "coordinated",
    "targeted",
    "overnight",
    "several",
    "multiple",
    "suicide",
    // "paid a return visit", "a surprise visit": kinds of visit.
    "return",
    "reciprocal",
    "official",
    "working",
    "surprise",
    "unannounced",
    "rare",
    "historic",
    "landmark",
    "brief",
    "farewell",
];

/// Verbs of a shared stance, not a deal, after "agreed to".
const STANCE_VERBS: &[&str] = &[
    "explore",
    "study",
    "consider",
    "respond",
    "react",
    "cooperate",
    "coordinate",
    "consult",
    "communicate",
    "stay",
    "keep",
    "remain",
    "continue",
    "maintain",
    "work",
    "closely",
    "jointly",
];

/// "a mock target", "simulated enemy targets": `k` is the noun of a test's aim point, no target of an attack.
fn test_aim_point(doc: &Doc<'_>, k: usize) -> bool {
    const TEST_AIMS: &[&str] = &[
        "island",
        "mock",
        "simulated",
        "dummy",
        "practice",
        "designated",
        "sea",
        "virtual",
        "hypothetical",
    ];
    doc.is_any(k, &["target", "targets"])
        && (doc.is_any(k.saturating_sub(1), TEST_AIMS)
            || (doc.is(k.saturating_sub(1), "enemy") && doc.is_any(k.saturating_sub(2), TEST_AIMS)))
}

/// What a weapon fired toward is aimed at, when it is not a sea: "toward the destroyer".
const TARGET_NOUNS: &[&str] = &[
    "destroyer",
    "warship",
    "frigate",
    "ship",
    "vessel",
    "tanker",
    "carrier",
    "freighter",
    "base",
    "bases",
    "positions",
    "troops",
    "convoy",
    "city",
    "town",
    "village",
    "airport",
    "port",
];

/// Verbs whose object is an act prevented or ended, not one reported: "to stop the attacks".
const PREVENTION_VERBS: &[&str] = &[
    "stop",
    "halt",
    "prevent",
    "deter",
    "curb",
    "thwart",
    "avert",
    "forestall",
    "end",
    "ending",
    "stopping",
    "preventing",
    "deterring",
];

const NUMBERS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("single", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("dozen", 12),
    ("both", 2),
    ("pair", 2),
];

/// "he wants Trump to meet Kim", "would like Trump to meet Kim": a wish for someone else, whose object is
/// the subject of the verb at `t`. The wish verb's index.
fn wish_for_another(doc: &Doc<'_>, cs: usize, t: usize) -> Option<usize> {
    if t < 3 || !doc.is(t - 1, "to") {
        return None;
    }
    (t.saturating_sub(12).max(cs)..t - 2).find(|&k| {
        let wish_verb = doc.is_any(k, &["wants", "want", "wanted", "wanting"])
            || (doc.is(k, "like") && k > 0 && doc.is_any(k - 1, &["would", "'d"]));
        wish_verb && (k + 1..t - 1).all(|g| doc.is_cap(g) || doc.is_any(g, &["and", "-", "."]))
    })
}

/// Clause boundaries of tokens `from..to`: indices where a new clause starts.
fn boundaries(doc: &Doc<'_>, from: usize, to: usize) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    // Inside ", who ..." / ", which ...": the comma before the main clause's verb closes it ("Xi, who flew in
    // late on Tuesday, held talks ..."), so the main clause resumes there.
    let mut relative_open = false;
    for k in from..to {
        let w = doc.tok(k);
        if relative_open && w == "," && k + 1 < to {
            let n = k + 1;
            let verb_like = doc.is_word(n)
                && !doc.is_cap(n)
                && !doc.is_any(n, DETERMINERS)
                && !doc.is_any(n, PREPS)
                && !doc.is_any(
                    n,
                    &[
                        "and", "or", "but", "then", "who", "which", "where", "when", "while", "as",
                        "after", "before", "since",
                    ],
                )
                && !doc.lower(n).ends_with("ing")
                && doc.kind(n) != crate::segment::TokKind::Number;
            if verb_like {
                out.push((n, "resume"));
                relative_open = false;
                continue;
            }
        }
        // "denied that it had fired rockets and said the ceasefire, reached in November 2024, ...": a
        // second reporting verb opens a clause of its own, as does a second verb phrase of the same
        // subject ("are set to hold their summit ... and are expected to announce ...").
        if w == "and"
            && (doc
                .ci_at(k + 1)
                .is_some_and(|(_, entries)| entries.contains(&Entry::AttribVerb))
                || doc.is_any(
                    k + 1,
                    &["are", "is", "was", "were", "will", "has", "have", "had"],
                ))
        {
            out.push((k + 1, "and"));
            continue;
        }
        match w {
            ";" | ":" | "\u{2014}" | "\u{2013}" | "--" => out.push((k + 1, "punct")),
            "-" if doc.toks[k].start > 0 && doc.text.as_bytes()[doc.toks[k].start - 1] == b' ' => {
                out.push((k + 1, "punct"))
            }
            // "India launched a missile in April, and in March it tested another": ", and" before a
            // subject pronoun of its own (after an optional short time or place phrase) opens a clause.
            "," if doc.is(k + 1, "and") && k + 2 < to && and_own_subject(doc, k + 2, to) => {
                out.push((k + 1, "and"))
            }
            // "visited Beijing in April, weeks after winning the election, and held talks with Xi": ", and"
            // before a verb closes the aside and goes on with the main clause's subject.
            "," if doc.is(k + 1, "and")
                && k + 2 < to
                && doc.ci_at(k + 2).is_some_and(|(_, es)| {
                    es.iter()
                        .any(|e| matches!(e, Entry::Trigger { form, .. } if *form != Form::Noun))
                }) =>
            {
                out.push((k + 1, "coord"))
            }
            "," => {
                let next = k + 1;
                if next < to {
                    let n = doc.lower(next);
                    let sub = matches!(
                        n.as_str(),
                        "which"
                            | "who"
                            | "whose"
                            | "where"
                            | "while"
                            | "but"
                            | "as"
                            | "although"
                            | "though"
                            | "after"
                            | "before"
                            | "when"
                            | "amid"
                            | "whereas"
                            | "because"
                            | "since"
                            | "even"
                            | "saying"
                            | "adding"
                            | "raising"
                            | "leaving"
                            | "despite"
                            | "without"
                            | "accompanied"
                    );
                    let participle = doc.is_word(next) && n.ends_with("ing") && !doc.is_cap(next);
                    if sub || participle {
                        // ", before leaving for ...": a time clause whatever the comma, so it borrows no time.
                        let what = match n.as_str() {
                            "where" => "where",
                            "after" | "before" | "since" => "temporal",
                            // ", accompanied by his wife Yoshiko, left": an aside, as a relative is.
                            "who" | "whose" | "which" | "accompanied" => "relative",
                            _ => "sub",
                        };
                        relative_open = what == "relative";
                        out.push((next, what));
                    }
                }
            }
            _ if doc.is_word(k) => {
                let lower = doc.lower(k);
                match lower.as_str() {
                    // "Earlier that month": a demonstrative before a time unit opens no clause.
                    "that"
                        if !doc.is_any(k.wrapping_sub(1), &["so", "such", "now"])
                            && !doc.is_any(
                                k + 1,
                                &[
                                    "day",
                                    "week",
                                    "month",
                                    "year",
                                    "morning",
                                    "afternoon",
                                    "evening",
                                    "night",
                                ],
                            ) =>
                    {
                        out.push((k, "that"))
                    }
                    // "in response to earlier launches", "in retaliation for a strike": the cause is
                    // another happening, told in a clause of its own.
                    "in" if doc.is_any(k + 1, &["response", "retaliation", "reprisal"])
                        && doc.is_any(k + 2, &["to", "for"]) =>
                    {
                        out.push((k, "sub"))
                    }
                    "as" if doc.is_any(k + 1, &["he", "she", "they", "it", "we", "the"])
                        || as_clause(doc, k + 1) =>
                    {
                        out.push((k, "temporal"))
                    }
                    // "before dawn on Tuesday": a time of day, not a clause.
                    "before" | "after" | "until"
                        if doc.is_any(
                            k + 1,
                            &[
                                "dawn", "daybreak", "midnight", "noon", "sunrise", "sunset", "dusk",
                            ],
                        ) => {}
                    // "would fly again before the end of the year": a deadline, not a clause.
                    "before" | "by" | "until"
                        if doc.is(k + 1, "the") && doc.is(k + 2, "end") && doc.is(k + 3, "of") => {}
                    // "The evening before, he had held talks": an adverb closing a time phrase.
                    "before" | "after" if doc.is_any(k + 1, &[",", "."]) => {}
                    "but" | "while" | "although" | "before" | "after" | "because" | "whether"
                    | "if" | "unless" | "when" | "though" | "whereas" | "since"
                        if !out.iter().any(|&(b, _)| b == k) =>
                    {
                        let what = if matches!(lower.as_str(), "after" | "before" | "since") {
                            "temporal"
                        } else {
                            "sub"
                        };
                        out.push((k, what));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        if doc.quoted[k] != doc.quoted.get(k + 1).copied().unwrap_or(false) {
            out.push((k + 1, "quote"));
        }
    }
    out.sort_unstable();
    out.dedup_by_key(|b| b.0);
    out
}

/// A subject pronoun at `k`, or after a short phrase opened by a preposition ("in March it", "on
/// Tuesday they"), or a name right before a verb that tells a happening (", and Hezbollah fired rockets").
fn and_own_subject(doc: &Doc<'_>, k: usize, to: usize) -> bool {
    const SUBJECTS: &[&str] = &["he", "she", "it", "they", "we"];
    if doc.is_any(k, SUBJECTS) {
        return true;
    }
    let name_end = (k..to.min(k + 4)).find(|&j| !doc.is_cap(j));
    if name_end.is_some_and(|j| j > k && is_verb_trigger(doc, j)) {
        return true;
    }
    doc.is_any(k, &["in", "on", "at"])
        && (k + 2..to.min(k + 5)).any(|j| {
            doc.is_any(j, SUBJECTS)
                && (k + 1..j)
                    .all(|m| doc.is_word(m) || doc.kind(m) == crate::segment::TokKind::Number)
        })
}

/// "as talks open in Jeddah", "as Pyongyang pushes ahead": "as" opening a clause of its own, its subject
/// a bare event noun or a single name followed by a present-tense verb.
fn as_clause(doc: &Doc<'_>, k: usize) -> bool {
    let event_noun = !doc.is_cap(k)
        && doc.ci_at(k).is_some_and(|(e, es)| {
            e == k + 1
                && es.iter().any(|x| {
                    matches!(
                        x,
                        Entry::Trigger {
                            form: Form::Noun,
                            ..
                        }
                    )
                })
        });
    let lower_word = |j: usize| doc.is_word(j) && !doc.is_cap(j) && !doc.is_any(j, PREPS);
    let verb = |j: usize| lower_word(j) && doc.tok(j).ends_with('s');
    // A list's verb agrees with its plural subject ("Abe, Modi hold summit", "Xi, Putin meet"); it tells a
    // happening of its own or leads into one ("... and South Korean defence chiefs met" is no such verb).
    let plural_verb = |j: usize| {
        lower_word(j)
            && !doc.tok(j).ends_with('s')
            && (has_trigger(doc, j) || has_trigger(doc, j + 1))
    };
    // "as Japan's Iwaya visits Seoul", "as Abe, Modi hold summit": names, possessives and the commas or
    // "and" of a list of them, then the verb.
    let name_end = (k..k + 8)
        .find(|&j| {
            !(doc.is_cap(j)
                || doc.kind(j) == crate::segment::TokKind::Possessive
                || (j > k && doc.is_cap(j + 1) && (doc.is(j, ",") || doc.is(j, "and"))))
        })
        .unwrap_or(k + 8);
    let listed = (k..name_end).any(|j| doc.is(j, ",") || doc.is(j, "and"));
    let named = doc.is_cap(k) && (verb(name_end) || (listed && plural_verb(name_end)));
    (event_noun && doc.is_word(k + 1) && !doc.is_cap(k + 1)) || named
}

fn clause_of(
    bounds: &[(usize, &'static str)],
    from: usize,
    to: usize,
    t: usize,
) -> (usize, usize, &'static str) {
    let mut cs = (from, "start");
    let mut ce = to;
    for &(b, what) in bounds {
        if b <= t {
            cs = (b, what);
        } else {
            ce = b;
            break;
        }
    }
    (cs.0, ce, cs.1)
}

/// Mentions usable as actors in `from..to`: not attribution, not after a preposition (unless `objects`).
fn actor_mentions<'e>(
    doc: &Doc<'_>,
    ents: &'e Entities,
    attr: &Attribution,
    from: usize,
    to: usize,
    objects: bool,
    place_spans: &[(usize, usize)],
) -> Vec<&'e Mention> {
    ents.in_range(from, to)
        .iter()
        .filter(|m| m.start >= from && m.end <= to)
        .filter(|m| !attr.covers(m.start))
        // A place is no actor, but a person named with a country before the title ("U.S. envoy Tom
        // Barrack") is more than that place.
        .filter(|m| {
            !place_spans
                .iter()
                .any(|&(a, b)| a <= m.start && m.start < b && m.end <= b)
        })
        .filter(|m| objects || m.start == 0 || !doc.is_any(m.start - 1, PREPS) || m.possessive)
        .filter(|m| objects || m.possessive || !trip_noun_at(doc, m.end))
        // "to visit Pyongyang for a summit with Kim": the object of one trigger is no subject of the next.
        .filter(|m| objects || m.start == 0 || m.possessive || !is_verb_trigger(doc, m.start - 1))
        .collect()
}

/// A clause of the sentence's that is not its main one and whose subject is what was fired or done, not
/// who did it: a passive ("after rockets were fired", "after rockets fired from Lebanon") or a weapon
/// acting ("after mortar rounds fired from across the border hit a checkpoint", "though some struck").
fn passive_in_a_clause_of_its_own(
    doc: &Doc<'_>,
    from: usize,
    cs: usize,
    opener: &str,
    t: usize,
) -> bool {
    if cs <= from || !matches!(opener, "temporal" | "sub") || t <= cs + 1 {
        return false;
    }
    let auxiliary = doc.is_any(t - 1, &["was", "were", "been", "being"]);
    let weapon_subject = (cs..t).any(|k| {
        doc.ci_find(k, |e| matches!(e, Entry::Weapon(_)).then_some(()))
            .is_some()
    });
    // "intercepted by Israeli air defences, though some struck open areas": the missiles just told.
    let quantified = t == cs + 2
        && doc.is_any(
            cs + 1,
            &[
                "some", "most", "many", "several", "others", "one", "two", "three", "few",
            ],
        );
    auxiliary || weapon_subject || quantified
}

/// "Iran's Oct. 1 barrage, when ...": the possessor of a happening of `kind` named right before a ", when"
/// clause opening at `cs`.
fn possessor_of_the_happening_told<'e>(
    doc: &Doc<'_>,
    ents: &'e Entities,
    attr: &Attribution,
    from: usize,
    cs: usize,
    kind: usize,
) -> Option<&'e Mention> {
    if !doc.is(cs, "when") || cs < from + 3 || !doc.is(cs - 1, ",") {
        return None;
    }

    let m = actor_mentions(doc, ents, attr, from, cs - 1, true, &[])
        .into_iter()
        .next_back()
        .filter(|m| {
            doc.kind(m.end) == crate::segment::TokKind::Possessive
                && m.end + 1 < cs - 1
                && cs - 1 <= m.end + 6
        })?;
    // The launch a strike is told by counts as one: "fired at Israel" is read as an attack later.
    let lex = doc.lex();
    let same = |k: u16| {
        usize::from(k) == kind
            || ["attack", "missile_launch"]
                .iter()
                .any(|n| lex.kind_index(n) == Some(usize::from(k)))
    };
    let happening = doc.is_any(cs - 2, &["barrage", "salvo", "volley"])
        || (m.end + 1..cs - 1).any(|k| {
            doc.ci_at(k).is_some_and(|(end, es)| {
                end == cs - 1
                    && es.iter().any(|e| {
                        matches!(e, Entry::Trigger { kind: k, form: Form::Noun, .. } if same(*k))
                    })
            })
        });
    happening.then_some(m)
}

/// The names a relative clause opening at `cs` ("..., who") hangs on: the mention right before the comma
/// and the ones coordinated with it ("Ovchinin, Vagner and NASA's Don Pettit, who").
fn antecedent_list(
    doc: &Doc<'_>,
    ents: &Entities,
    attr: &Attribution,
    from: usize,
    cs: usize,
    place_spans: &[(usize, usize)],
) -> Option<Vec<Ref>> {
    if !doc.is_any(cs, &["who", "whose"]) || cs == 0 || !doc.is(cs - 1, ",") {
        return None;
    }
    let before = actor_mentions(doc, ents, attr, from, cs - 1, true, place_spans);
    let last = before.iter().rposition(|m| m.end == cs - 1)?;
    let mut refs: Vec<Ref> = before[last].refs.clone();
    let mut start = before[last].start;
    for m in before[..last].iter().rev() {
        // "NASA's Don Pettit": the possessive names whom the next works for.
        if m.possessive && m.end + 1 >= start {
            start = m.start;
            continue;
        }
        let joined = m.end < start && (m.end..start).all(|g| doc.is_any(g, &["and", ","]));
        if !joined {
            break;
        }
        refs.splice(0..0, m.refs.iter().copied());
        start = m.start;
    }
    Some(refs)
}

/// "Wang, who flew into Brussels": the relative clause opening at `cs` hangs on a name right before it
/// (or a pronoun's clause has no antecedent to check).
fn antecedent_named(doc: &Doc<'_>, ents: &Entities, cs: usize) -> bool {
    if !doc.is_any(cs, &["who", "which", "whose"]) {
        return true;
    }
    let before = if cs > 0 && doc.is(cs - 1, ",") {
        cs - 1
    } else {
        cs
    };
    ents.in_range(before.saturating_sub(1), before)
        .iter()
        .any(|m| m.end == before)
}

/// "of their defence and foreign ministers", "of senior officials": at `k`, "of" and a plural representative
/// noun with only lowercase modifiers between.
fn meeting_of_representatives(doc: &Doc<'_>, k: usize, ce: usize) -> bool {
    if !doc.is(k, "of") {
        return false;
    }
    for j in k + 1..ce.min(k + 7) {
        if doc.is_any(j, REPRESENTATIVES) {
            return true;
        }
        if !doc.is_word(j) || doc.is_cap(j) || doc.is_any(j, PREPS) {
            return false;
        }
    }
    false
}

/// Nouns of a trip: a name right before one modifies it ("wraps up Australia trip"), it is no subject.
const TRIP_NOUNS: &[&str] = &[
    "trip", "trips", "tour", "tours", "visit", "visits", "journey", "swing", "leg",
];

/// A trip noun at `k`; "visits" and "tours" before a name or an article are verbs ("as Iwaya visits Seoul",
/// headline present tense), their subject the traveller.
fn trip_noun_at(doc: &Doc<'_>, k: usize) -> bool {
    doc.is_any(k, TRIP_NOUNS)
        && !(doc.is_any(k, &["visits", "tours"])
            && (doc.is_cap(k + 1) || doc.is_any(k + 1, &["the", "a"])))
}

/// The mention at `m` is the state or group a representative noun before "from" acts for; or one its
/// leaders are named by ("The leaders of Mali, Burkina Faso and Niger signed").
fn represented(doc: &Doc<'_>, m: &Mention) -> bool {
    const HEADS: &[&str] = &["leaders", "presidents", "rulers", "heads", "governments"];
    m.start >= 2
        && ((doc.is(m.start - 1, "from") && doc.is_any(m.start - 2, REPRESENTATIVES))
            || (doc.is(m.start - 1, "of")
                && (doc.is_any(m.start - 2, REPRESENTATIVES) || doc.is_any(m.start - 2, HEADS))))
}

/// "launched dozens of drone and missile attacks", "launched a wave of strikes": a launch verb whose object
/// is an attack noun carries out attacks (told by that noun); nothing is said to have been launched.
fn launched_attacks(doc: &Doc<'_>, t_end: usize, ce: usize) -> bool {
    for k in t_end..ce.min(t_end + 8) {
        let attack_noun = is_attack_noun(doc, k);
        if attack_noun {
            return true;
        }
        // The object's modifiers: "dozens of", "a wave of", "drone and missile", "new".
        let modifier = doc.kind(k) == crate::segment::TokKind::Number
            || (doc.is_word(k)
                && !doc.is_cap(k)
                && (doc.is(k, "of") || !doc.is_any(k, PREPS))
                && !doc.is_any(k, &["that", "which", "who", "but", "while", "as"]));
        if !modifier {
            return false;
        }
    }
    false
}

/// "The Israeli military said it struck weapons depots": a state's military or ministry attacks for the
/// state, which is the attacker; an armed group ("Hezbollah", "the Houthis") is an attacker of its own.
fn organs_strike_for_their_state(doc: &Doc<'_>, ents: &Entities, cands: &mut [Candidate]) {
    let lex = doc.lex();
    let Some(attack) = lex.kind_index("attack") else {
        return;
    };
    for c in cands.iter_mut().filter(|c| c.kind == attack) {
        let mut states: Vec<Ref> = Vec::with_capacity(c.actors.len());
        for &r in &c.actors {
            let organ = matches!(r, Ref::Org(o)
                if lex.orgs.get(usize::from(o)).is_some_and(|org| !org.group && !org.agency));
            let actor = match ents.country_of(lex, r) {
                Some(country) if organ => Ref::Country(country),
                _ => r,
            };
            if !states.contains(&actor) {
                states.push(actor);
            }
        }
        c.actors = states;
    }
}

/// "A missile struck a bulk carrier in the Gulf of Aden on Wednesday. The Houthis claimed responsibility
/// ...", "air strikes hit a camp in Bajil. The Saba news agency blamed the United States and Britain for the
/// raids": wire copy often tells a strike first and who carried it out in the next sentence. An attack
/// told with no attacker takes the one the next story sentences name as claiming it, as blamed or accused
/// for it, or as the owner of the forces that struck ("The Israeli military said its aircraft had
/// targeted ...").
fn attacker_named_after(doc: &Doc<'_>, ents: &Entities, cands: &mut [Candidate]) {
    let Some(attack) = doc.lex().kind_index("attack") else {
        return;
    };
    // (sentence, token) of each claim of responsibility that named an attacker.
    let mut claims: Vec<(usize, usize)> = Vec::new();
    let attack_sents: Vec<usize> = cands
        .iter()
        .filter(|c| c.kind == attack)
        .map(|c| c.sent)
        .collect();
    for c in cands.iter_mut() {
        if c.kind != attack || !c.actors.is_empty() {
            continue;
        }
        // "An air strike that Iran blamed on Israel destroyed the consulate": the sentence itself names
        // the one it is blamed on.
        let own = &doc.sents[c.sent];
        if let Some((refs, by)) = blamed_on(doc, ents, c.trigger.1, own.toks.end) {
            c.actors = refs;
            add_sources(&mut c.attribution, by);
            c.strong = c.place.is_some() || c.weapon.is_some();
            continue;
        }
        // The attacker may be named up to three story sentences on. Past a sentence that tells an attack
        // of its own the naming is that one's, unless it covers several ("Iran blamed Israel for both").
        let mut named = None;
        let mut past_another = false;
        for s in (c.sent + 1..doc.sents.len().min(c.sent + 5))
            .filter(|&s| doc.is_story(s))
            .take(3)
        {
            let sent = &doc.sents[s];
            if let Some(n) = named_attacker(doc, ents, sent.content, sent.toks.end) {
                let covers_several =
                    (sent.content..sent.toks.end).any(|k| doc.is_any(k, &["both", "them", "all"]));
                if !past_another || covers_several {
                    named = Some((s, n));
                }
                break;
            }
            if attack_sents.contains(&s) {
                past_another = true;
            }
        }
        if let Some((next, (refs, claim, by))) = named {
            c.actors = refs;
            add_sources(&mut c.attribution, by);
            c.strong = c.place.is_some() || c.weapon.is_some();
            claims.extend(claim.map(|k| (next, k)));
        }
    }
    // "The Houthis claimed responsibility on Thursday, saying their forces had targeted the vessel": the
    // strike after the claim is the claimed one told again, dated by the claim, not by itself; it only adds
    // to the attack it claims.
    for c in cands.iter_mut() {
        if c.kind == attack && claims.iter().any(|&(s, k)| c.sent == s && c.trigger.0 > k) {
            c.strong = false;
            c.date = None;
            c.time_text = None;
        }
    }
}

/// Sources added to an attribution, each once.
fn add_sources(attribution: &mut Vec<String>, sources: Vec<String>) {
    for s in sources {
        if !attribution.contains(&s) {
            attribution.push(s);
        }
    }
}

/// The attacker a sentence names: "<X> claimed responsibility", "<someone> blamed <X> for the attack",
/// "accused <X> of the strike"; with the token of "claimed" when it is a claim, and who lays a blame.
fn named_attacker(
    doc: &Doc<'_>,
    ents: &Entities,
    from: usize,
    to: usize,
) -> Option<(Vec<Ref>, Option<usize>, Vec<String>)> {
    let names = |a: usize, b: usize| -> Vec<Ref> {
        let mut refs: Vec<Ref> = Vec::new();
        for m in ents
            .in_range(a, b)
            .iter()
            .filter(|m| m.start >= a && m.end <= b)
        {
            for r in &m.refs {
                if !refs.contains(r) {
                    refs.push(*r);
                }
            }
        }
        refs
    };
    // What one is blamed for, from token `at`: an attack noun, or a word that stands for the strikes just
    // told ("blamed Israel for both").
    let tells_the_attack = |at: usize| {
        (at..to.min(at + 3)).any(|j| is_attack_noun(doc, j) || doc.is_any(j, &["raid", "raids"]))
            || (doc.is_any(at, &["both", "them", "it"]) && !doc.is_word(at + 1))
    };
    for k in from..to {
        if doc.is_any(k, &["claimed", "claims", "claiming"]) && doc.is(k + 1, "responsibility") {
            // The claimant is the subject: the last name before the verb.
            // "Yemen's Houthi rebels claimed": the named group, not the state that owns it; "Ukraine's
            // military intelligence claimed": the state, when nothing else is named.
            let before = ents.in_range(from, k);
            let inside = |m: &&Mention| m.start >= from && m.end <= k;
            let m = before
                .iter()
                .filter(inside)
                .rfind(|m| !m.possessive)
                .or_else(|| before.iter().rfind(inside))?;
            return Some((m.refs.clone(), Some(k), Vec::new()));
        }
        // "The Israeli military said hours later that its aircraft had targeted a command centre": the
        // speaker owns the forces that struck.
        if doc.is_any(k, &["said", "says"]) {
            // "said it had struck militants there": the speaker itself.
            let own_forces = (k + 1..to.min(k + 6)).find(|&j| {
                (doc.is_any(j, &["its", "their"])
                    && doc.is_any(j + 1, OWN_FORCES)
                    && (j + 2..to.min(j + 5)).any(|v| doc.is_any(v, STRUCK)))
                    || (doc.is_any(j, &["it", "they"])
                        && (j + 1..to.min(j + 3)).any(|v| doc.is_any(v, STRUCK)))
            });
            if own_forces.is_some() {
                let before = ents.in_range(from, k);
                let inside = |m: &&Mention| m.start >= from && m.end <= k;
                if let Some(m) = before.iter().rfind(inside) {
                    // A military speaks of its state's forces: the state is the attacker.
                    let states = m
                        .refs
                        .iter()
                        .map(|&r| match r {
                            Ref::Org(_) => ents.country_of(doc.lex(), r).map_or(r, Ref::Country),
                            _ => r,
                        })
                        .collect();
                    return Some((states, None, Vec::new()));
                }
            }
        }
        // "Syria's army blamed them on Israel", "blamed the raid on Israel".
        if doc.is_any(k, BLAMED) {
            let on = (k + 1..to.min(k + 5)).find(|&j| doc.is(j, "on"));
            let told = on.is_some_and(|on| {
                (k + 1..on).all(|j| {
                    doc.is_any(
                        j,
                        &["them", "it", "both", "the", "this", "that", "raid", "raids"],
                    ) || attack_noun_end(doc, j).is_some_and(|e| e <= on)
                        || (j > k + 1 && attack_noun_end(doc, j - 1).is_some_and(|e| e > j))
                })
            });
            if let (true, Some(on)) = (told, on) {
                if let Some(refs) = names_from(doc, ents, on + 1, to) {
                    return Some((refs, None, blamers(doc, ents, from, k)));
                }
            }
        }
        // "Riyadh and Washington held Iran responsible for the attack".
        if doc.is_any(k, &["held", "holds", "holding"]) {
            let resp = (k + 2..to.min(k + 10)).find(|&j| doc.is(j, "responsible"));
            if let Some(r) = resp.filter(|&r| doc.is(r + 1, "for")) {
                let refs = names(k + 1, r);
                if tells_the_attack(r + 2) && !refs.is_empty() {
                    return Some((refs, None, blamers(doc, ents, from, k)));
                }
            }
        }
        if doc.is_any(k, &["blamed", "blames", "accused", "accuses"]) {
            // "blamed the United States and Britain for the raids": the names up to "for"/"of" and what
            // they are blamed for after it.
            let stop = (k + 1..to.min(k + 12)).find(|&j| doc.is_any(j, &["for", "of"]))?;
            let refs = names(k + 1, stop);
            if tells_the_attack(stop + 1) && !refs.is_empty() {
                return Some((refs, None, blamers(doc, ents, from, k)));
            }
        }
    }
    None
}

/// Forms of "blame" that pin an attack on someone: "blamed on Israel".
const BLAMED: &[&str] = &["blamed", "blames", "blaming", "blame"];

/// "An air strike that Iran and Syria blamed on Israel", "a strike blamed on Israel": the ones the attack
/// told just before `from` is blamed on, when "blamed on" follows within a relative clause's reach.
fn blamed_on(
    doc: &Doc<'_>,
    ents: &Entities,
    from: usize,
    to: usize,
) -> Option<(Vec<Ref>, Vec<String>)> {
    let k = (from..to.min(from + 8)).find(|&k| doc.is_any(k, BLAMED) && doc.is(k + 1, "on"))?;
    // Only a clause about the attack itself: "that <names> blamed on", "blamed on" right after the noun.
    let between_ok = (from..k).all(|j| {
        doc.is_any(j, &["that", "which", "and", ","]) || ents.at(j).is_some_and(|m| !m.possessive)
    });
    if !between_ok {
        return None;
    }
    names_from(doc, ents, k + 2, to).map(|refs| (refs, blamers(doc, ents, from, k)))
}

/// Who lays the blame, as the text names them, from the subject right before the blame verb at `k`:
/// "Iran and Syria blamed" gives both, "Syria's army blamed" the army as told. The blamer is the source
/// that the attacker is who it is.
fn blamers(doc: &Doc<'_>, ents: &Entities, floor: usize, k: usize) -> Vec<String> {
    let mut a = k;
    while a > floor && k - a < 8 {
        let j = a - 1;
        let in_name = ents.at(j).is_some();
        let joiner = doc.is(j, "and") && a < k;
        let possessed = j > floor
            && doc.is_word(j)
            && !doc.is_cap(j)
            && doc.kind(j - 1) == crate::segment::TokKind::Possessive
            && a == k;
        if in_name || joiner || possessed || doc.kind(j) == crate::segment::TokKind::Possessive {
            a = j;
        } else {
            break;
        }
    }
    let mut out = Vec::new();
    let mut start = a;
    for j in a..=k {
        if j == k || doc.is(j, "and") {
            // ("The army blamed": the army.)
            let from = start + usize::from(start + 1 < j && doc.is(start, "the"));
            if from < j && ents.in_range(from, j).iter().any(|m| m.start + 1 >= from) {
                out.push(doc.span(from, j).to_owned());
            }
            start = j + 1;
        }
    }
    out
}

/// The names told from token `a` on: the first one (after "the") and any joined to it by "and" or a comma
/// ("on the United States and Britain").
fn names_from(doc: &Doc<'_>, ents: &Entities, a: usize, to: usize) -> Option<Vec<Ref>> {
    let mut at = a;
    let mut refs: Vec<Ref> = Vec::new();
    loop {
        let m = ents
            .in_range(at, to)
            .first()
            .filter(|m| m.start == at || (m.start == at + 1 && doc.is(at, "the")))?;
        for r in &m.refs {
            if !refs.contains(r) {
                refs.push(*r);
            }
        }
        let joined = doc.is_any(m.end, &["and", ","]) && m.end + 1 < to;
        match ents.in_range(m.end + 1, to).first() {
            Some(n) if joined && (n.start == m.end + 1 || n.start == m.end + 2) => at = m.end + 1,
            _ => return Some(refs),
        }
    }
}

/// Verbs an attack noun takes when it is told as striking: "A strike hit a school".
const IMPACT: &[&str] = &[
    "hit",
    "struck",
    "killed",
    "destroyed",
    "damaged",
    "slammed",
    "levelled",
    "leveled",
    "flattened",
    "razed",
    "demolished",
];

/// What a speaker calls the forces it sent: "its aircraft", "their fighters".
pub(crate) const OWN_FORCES: &[&str] = &[
    "aircraft",
    "jets",
    "warplanes",
    "forces",
    "troops",
    "fighters",
    "drones",
    "navy",
    "army",
    "artillery",
];

/// Past forms telling that forces struck: "had targeted", "hit", "struck".
const STRUCK: &[&str] = &[
    "targeted", "struck", "hit", "attacked", "bombed", "shelled", "raided",
];

/// An attack noun ("attacks", "air strike", "raids") starts at token `k`.
fn is_attack_noun(doc: &Doc<'_>, k: usize) -> bool {
    attack_noun_end(doc, k).is_some()
}

/// The end of the attack noun starting at token `k`.
fn attack_noun_end(doc: &Doc<'_>, k: usize) -> Option<usize> {
    let attack = doc.lex().kind_index("attack")?;
    doc.ci_find(k, |e| {
        matches!(e, Entry::Trigger { kind, form: Form::Noun, .. } if usize::from(*kind) == attack)
            .then_some(())
    })
    .map(|(end, _)| end)
}

/// A trigger phrase of some kind starts at token `k`.
fn has_trigger(doc: &Doc<'_>, k: usize) -> bool {
    doc.ci_at(k)
        .is_some_and(|(_, entries)| entries.iter().any(|e| matches!(e, Entry::Trigger { .. })))
}

fn is_verb_trigger(doc: &Doc<'_>, k: usize) -> bool {
    doc.ci_at(k).is_some_and(|(end, entries)| {
        end == k + 1
            && entries
                .iter()
                .any(|e| matches!(e, Entry::Trigger { form, .. } if *form != Form::Noun))
    })
}

/// A noun trigger of `kind` at `k`, its phrase starting there.
fn noun_trigger_of(doc: &Doc<'_>, k: usize, kind: usize) -> bool {
    doc.ci_at(k).is_some_and(|(_, entries)| {
        entries.iter().any(
            |e| matches!(e, Entry::Trigger { kind: of, form: Form::Noun, .. } if usize::from(*of) == kind),
        )
    })
}

/// A verb trigger of `kind` at `k`, its phrase starting there.
fn verb_trigger_of(doc: &Doc<'_>, k: usize, kind: usize) -> bool {
    doc.ci_at(k).is_some_and(|(_, entries)| {
        entries.iter().any(
            |e| matches!(e, Entry::Trigger { kind: of, form, .. } if *form != Form::Noun && usize::from(*of) == kind),
        )
    })
}

/// Candidates of one article, in text order.
pub fn candidates(
    doc: &Doc<'_>,
    ents: &Entities,
    published: Option<chrono::NaiveDate>,
) -> Vec<Candidate> {
    let lex = doc.lex();
    let mut out: Vec<Candidate> = Vec::new();
    for s in 0..doc.sents.len() {
        if !doc.is_story(s) {
            continue;
        }
        let sent = &doc.sents[s];
        let (from, to) = (sent.content, sent.toks.end);
        // Most sentences name no happening: the clause, time and attribution readings below are only
        // worth their cost where a trigger stands.
        if from >= to || !(from..to).any(|t| has_trigger(doc, t)) {
            continue;
        }
        let attr = attribution::find(doc, ents, from, to);
        let is_report_time = |t: &TimeExpr| {
            attr.report_times
                .iter()
                .any(|&r| t.start == r || (t.start == r + 1 && doc.is(r, "on")))
        };
        let (report_times, times): (Vec<TimeExpr>, Vec<TimeExpr>) = time::find(doc, from, to)
            .into_iter()
            .filter(|t| !attr.covers(t.start) || is_report_time(t))
            .partition(is_report_time);
        let bounds = boundaries(doc, from, to);
        let mut last_place: Option<(usize, Place, usize)> = None;
        let mut t = from;
        while t < to {
            let Some((t_end, entries)) = doc.ci_at(t) else {
                t += 1;
                continue;
            };
            // "agreed on Monday to a ceasefire": the preposition a trigger ends with ("agree on") opens a
            // time instead, and the trigger is its verb alone, with the verb's own meanings when it has
            // them ("missiles were fired on Wednesday" is a launch, not "fired on" a target).
            let (t_end, entries) = if t_end > t + 1
                && doc.is_any(t_end - 1, &["on", "in"])
                && times
                    .iter()
                    .any(|x| x.start + 1 >= t_end && x.start <= t_end)
            {
                let verb = doc.span(t, t_end - 1).to_ascii_lowercase();
                (t_end - 1, lex.ci_phrase(&verb).unwrap_or(entries))
            } else {
                (t_end, entries)
            };
            let triggers: Vec<(u16, Form, u16)> = entries
                .iter()
                .filter_map(|e| match e {
                    Entry::Trigger { kind, form, lemma } => Some((*kind, *form, *lemma)),
                    _ => None,
                })
                .collect();
            // "the Shangri-La Dialogue": a forum's name, not a dialogue between parties.
            let forum_name = t > from && doc.tok(t) == "Dialogue";
            if triggers.is_empty() || forum_name {
                t += 1;
                continue;
            }
            // Noun or verb? A determiner or a name before it makes a noun.
            // "On Friday, strikes near Aleppo killed 36 soldiers": an attack noun opening its clause, with a
            // preposition or a verb of impact after it, is that verb's subject, not a present-tense verb.
            let opens_subject = (t == from || doc.is(t - 1, ","))
                && is_attack_noun(doc, t)
                && (doc.is_any(t_end, PREPS)
                    || doc.is_any(t_end, &["near", "across", "inside", "outside", "around"])
                    || doc.is_any(t_end, IMPACT));
            let prev_noun_marker = opens_subject
                || t > from
                    && (doc.is_any(t - 1, DETERMINERS)
                    || doc.is_any(t - 1, NOUN_MODIFIERS)
                    || duration_modifier(doc.tok(t - 1))
                    || ordinal_modifier(doc.tok(t - 1))
                    || doc.kind(t - 1) == crate::segment::TokKind::Possessive
                    || doc.is_cap(t - 1)
                    || doc
                        .ci_find(t - 1, |e| {
                            matches!(e, Entry::Weapon(_) | Entry::Mode(_)).then_some(())
                        })
                        .is_some()
                    || (t >= 2
                        && doc
                            .ci_find(t - 2, |e| matches!(e, Entry::Weapon(_)).then_some(()))
                            .is_some_and(|(e, _)| e == t))
                    // "its first weapons launch", "their latest satellite launch": a noun compound after
                    // a possessive or an ordinal.
                    || (t >= from + 2
                        && doc.is_any(
                            t - 2,
                            &[
                                "its", "their", "his", "her", "first", "second", "third", "latest",
                                "last", "recent",
                            ],
                        )
                        && doc.is_word(t - 1)
                        && !doc.is_cap(t - 1)
                        && !doc.is_any(t - 1, PREPS)
                        && !doc.is_any(t - 1, &["to", "will", "would", "can", "could", "may", "not"])));
            let mut kinds_done: Vec<u16> = Vec::new();
            for &(kind, form, lemma) in &triggers {
                if kinds_done.contains(&kind) {
                    continue;
                }
                let has_noun = triggers
                    .iter()
                    .any(|&(k, f, _)| k == kind && f == Form::Noun);
                let has_verb = triggers
                    .iter()
                    .any(|&(k, f, _)| k == kind && f != Form::Noun);
                let (form, lemma) = if has_noun && has_verb {
                    if prev_noun_marker {
                        (Form::Noun, u16::MAX)
                    } else {
                        triggers
                            .iter()
                            .find(|&&(k, f, _)| k == kind && f != Form::Noun)
                            .map(|&(_, f, l)| (f, l))
                            .unwrap_or((form, lemma))
                    }
                } else {
                    (form, lemma)
                };
                // "Two missiles hit the port on Sunday": a verb whose base and past are one word ("hit") is
                // past unless an infinitive marker or a modal governs it.
                let past_too = triggers
                    .iter()
                    .any(|&(k, f, l)| k == kind && f == Form::Past && l == lemma);
                let governed = t > from
                    && doc.is_any(
                        t - 1,
                        &[
                            "to", "will", "would", "can", "could", "may", "might", "should",
                            "must", "shall", "did", "does", "do", "not", "'ll",
                        ],
                    );
                let form = if form == Form::Base && past_too && !governed {
                    Form::Past
                } else {
                    form
                };
                kinds_done.push(kind);
                // "drones set fire to an oil depot", "the tanker caught fire", "troops opened fire": fire
                // that burns or shoots, nothing launched.
                if lex.kinds[usize::from(kind)].name == "missile_launch"
                    && doc.is_any(t, &["fire", "fires", "fired", "firing"])
                    && t > from
                    && doc.is_any(
                        t - 1,
                        &[
                            "set", "sets", "setting", "caught", "catch", "catches", "catching",
                            "opened", "open", "opens", "opening", "on", "under",
                        ],
                    )
                {
                    continue;
                }
                // "announce a target for investment": after an article or a possessive a word is a noun,
                // so a trigger that is only ever a verb tells nothing there.
                // (A gerund there heads a noun phrase and keeps its event: "oversaw the test-firing".)
                if !matches!(form, Form::Noun | Form::Gerund)
                    && !has_noun
                    && t > from
                    && doc.is_any(
                        t - 1,
                        &[
                            "a", "an", "the", "its", "their", "his", "her", "our", "this", "these",
                        ],
                    )
                {
                    continue;
                }
                // "a visiting delegation", "the departing president": a participle between a determiner and
                // its noun says who is meant; it tells no arrival or departure.
                let describes = form == Form::Gerund
                    && t > from
                    && (doc.is_any(t - 1, DETERMINERS)
                        || doc.kind(t - 1) == crate::segment::TokKind::Possessive)
                    && matches!(
                        lex.kinds[usize::from(kind)].name.as_str(),
                        "arrival" | "departure"
                    )
                    && doc.is_word(t_end)
                    && !doc.is_cap(t_end)
                    && !doc.is_any(t_end, PREPS)
                    && !doc.is_any(t_end, DETERMINERS)
                    && !doc.is_any(t_end, &["and", "or", "to"]);
                // "met visiting U.S. Senator Pete Ricketts": "visiting" right before a name or title says
                // who the visitor is; the visit is told elsewhere, if at all.
                let describes_name = form == Form::Gerund
                    && doc.is(t, "visiting")
                    && t_end == t + 1
                    && ents.in_range(t_end, t_end + 1).iter().any(|m| {
                        m.start == t_end && m.refs.iter().all(|r| matches!(r, Ref::Person(_)))
                    });
                // "pledged to resume regular reciprocal visits": visits told as a custom, no trip.
                let customary = doc.is_any(t, &["visits", "trips"])
                    && t > from
                    && doc.is_any(
                        t - 1,
                        &[
                            "regular",
                            "reciprocal",
                            "mutual",
                            "frequent",
                            "annual",
                            "exchange",
                        ],
                    );
                if describes || describes_name || customary {
                    continue;
                }
                // "Putin's meeting with Kim": a gerund after a possessive or determiner heads a noun phrase.
                // "with the two heads of state agreeing to deepen ties": a gerund taking an infinitive
                // is a verb whatever stands before it.
                let takes_infinitive = doc.is(t_end, "to")
                    && doc.is_word(t_end + 1)
                    && !doc.is_cap(t_end + 1)
                    && !doc.is_any(t_end + 1, DETERMINERS);
                let (form, lemma) = if form == Form::Gerund && prev_noun_marker && !takes_infinitive
                {
                    (Form::Noun, u16::MAX)
                } else {
                    (form, lemma)
                };
                if let Some(c) = frame(
                    doc,
                    ents,
                    &attr,
                    &times,
                    &bounds,
                    &mut last_place,
                    s,
                    (from, to),
                    (t, t_end),
                    kind as usize,
                    form,
                    lemma,
                    published,
                ) {
                    let mut c = c;
                    // "China's military said on Wednesday it had test-fired an ICBM": a happening the report
                    // tells of in its own clause, with no time of its own, is dated by the report's day. One
                    // in a clause after it ("said on Thursday, a day after Pakistan conducted a launch") is
                    // not.
                    if c.date.is_none() && c.status == Status::Occurred {
                        let told = report_times.iter().find(|x| {
                            x.end <= t
                                && !(x.end..t).any(|k| {
                                    doc.is_any(
                                        k,
                                        &[",", ";", "after", "before", "since", "when", "while"],
                                    )
                                })
                        });
                        if let Some(x) = told {
                            c.date = time::resolve(x.when, published, false);
                            c.time_text = Some(doc.span(x.start, x.end).to_owned());
                            // "said Friday it had test-fired a new ICBM, a day after the launch set off an
                            // alert": the report came the day after the launch it tells of.
                            let day_after = (t_end..to.saturating_sub(4)).find(|&k| {
                                doc.is(k, ",")
                                    && doc.is(k + 1, "a")
                                    && doc.is(k + 2, "day")
                                    && doc.is(k + 3, "after")
                                    && doc.is(k + 4, "the")
                                    && noun_trigger_of(doc, k + 5, c.kind)
                            });
                            if day_after.is_some() {
                                c.date = c
                                    .date
                                    .and_then(|d| d.as_naive())
                                    .and_then(|d| d.pred_opt())
                                    .map(PartialDate::day);
                            }
                        }
                    }
                    let extra = c.also_launched.clone();
                    for (w, n) in extra {
                        let mut more = c.clone();
                        more.weapon = Some(w);
                        more.count = n;
                        more.also_launched.clear();
                        out.push(more);
                    }
                    let again = continued_elsewhere(doc, ents, &times, &c, to, published)
                        .or_else(|| next_stop(doc, ents, &times, &c, to, published))
                        .or_else(|| gapped_strike(doc, ents, &times, &c, to, published));
                    let before = previous_since(doc, ents, &times, &c, to, published);
                    let met = met_on_the_visit(doc, ents, &c, to);
                    out.insert(out.len() - c.also_launched.len(), c);
                    out.extend(again);
                    out.extend(before);
                    out.extend(met);
                }
            }
            t = t_end;
        }
    }
    condemned_strikes(doc, &mut out);
    brokers_are_no_parties(doc, ents, &mut out);
    attacker_named_after(doc, ents, &mut out);
    organs_strike_for_their_state(doc, ents, &mut out);
    arrival_place_from_sentence(doc, &mut out);
    also_arrived_there(doc, &mut out);
    fronted_place(doc, ents, &mut out);
    trip_framing_an_arrival(doc, &mut out);
    target_named_by_including(doc, ents, &mut out);
    denied_by_a_closing_apposition(doc, &mut out);
    accusation_rejected(doc, ents, &mut out);
    inherit_narrative(doc, &mut out);
    meet_where_visiting(doc, &mut out);
    travelling_with(doc, ents, &mut out);
    hosts_are_no_parties(doc, ents, &mut out);
    inherit_meeting(doc, ents, &mut out);
    the_deal_told_before(doc, &mut out);
    leave_from_last_stop(doc, &mut out);
    date_earlier_happenings(doc, &mut out);
    launcher_of_a_series(doc, &mut out);
    the_one_launcher_of_the_story(doc, &mut out);
    the_city_named_before(doc, ents, &mut out);
    spokespeople_speak_for_their_state(doc, ents, &mut out);
    visitors_come_from_abroad(doc, ents, &mut out);
    crews_lift_off_on_a_space_launch(doc, &mut out);
    rockets_leave_a_launch_site(doc, &mut out);
    airport_greetings_are_arrivals(doc, &mut out);
    plans_already_past(doc, published, &mut out);
    postponed_plans(doc, &mut out);
    return_to_office(doc, &mut out);
    it_is_no_person(doc, ents, &mut out);
    the_last_visitor_before(doc, ents, published, &mut out);
    trip_took_them_to(doc, ents, published, &mut out);
    separate_meetings(doc, &mut out);
    meet_in_the_dateline_city(doc, published, &mut out);
    on_the_narrative_day(doc, published, &mut out);
    meetings_at_each_stop(doc, ents, &mut out);
    denial_of_the_strike_told(doc, &mut out);
    out
}

/// "flew to Paris and Warsaw the following day, holding talks with French President Emmanuel Macron and
/// Polish Prime Minister Donald Tusk": one meeting at each stop, with the host whose country it is in.
fn meetings_at_each_stop(doc: &Doc<'_>, ents: &Entities, cands: &mut Vec<Candidate>) {
    let lex = doc.lex();
    let (Some(meeting), Some(arrival)) = (lex.kind_index("meeting"), lex.kind_index("arrival"))
    else {
        return;
    };
    let code_of = |r: Ref| {
        ents.country_of(lex, r)
            .map(|c| lex.countries[usize::from(c)].code.clone())
    };
    let mut more = Vec::new();
    for i in 0..cands.len() {
        let c = &cands[i];
        if c.kind != meeting || !c.strong || c.actors.len() < 3 {
            continue;
        }
        let stops: Vec<&Place> = cands
            .iter()
            .filter(|a| {
                a.kind == arrival
                    && a.sent == c.sent
                    && a.status == c.status
                    && a.actors.first() == c.actors.first()
            })
            .filter_map(|a| a.place.as_ref().filter(|p| !p.is_country))
            .collect();
        if stops.len() < 2 {
            continue;
        }
        let traveller = c.actors[0];
        let hosts: Vec<(Ref, &Place)> = c.actors[1..]
            .iter()
            .filter_map(|&h| {
                let code = code_of(h)?;
                let stop = stops
                    .iter()
                    .find(|p| p.country.as_deref() == Some(code.as_str()))?;
                Some((h, *stop))
            })
            .collect();
        if hosts.len() != c.actors.len() - 1 {
            continue;
        }
        for (h, stop) in hosts {
            let mut one = c.clone();
            one.actors = vec![traveller, h];
            one.place = Some(stop.clone());
            more.push((i, one));
        }
    }
    if more.is_empty() {
        return;
    }
    // Each split meeting takes the place of the one it was split from, in text order.
    let old = std::mem::take(cands);
    let mut more = more.into_iter().peekable();
    for (i, c) in old.into_iter().enumerate() {
        if more.peek().is_some_and(|(k, _)| *k == i) {
            while let Some((_, one)) = more.next_if(|(k, _)| *k == i) {
                cands.push(one);
            }
        } else {
            cands.push(c);
        }
    }
}

/// Verbs of telling that, negated before a happening's noun, say only that a source kept quiet about it.
const SILENT_ABOUT: &[&str] = &[
    "reported",
    "report",
    "confirmed",
    "confirm",
    "commented",
    "comment",
    "mentioned",
    "mention",
    "disclosed",
    "disclose",
    "announced",
    "announce",
    "acknowledged",
    "acknowledge",
];

/// Whether "struck" at `t` has a deal noun from `deals` for its object, told just before it with only the
/// parties between: "the tariff deal Seoul and Washington struck", "the accord the two sides had struck".
/// "Hours after the ceasefire deal collapsed, drones struck Kyiv" has a clause between, and strikes.
fn deal_struck(doc: &Doc<'_>, from: usize, t: usize, deals: &[&str]) -> bool {
    const PARTIES: &[&str] = &[
        "and",
        "the",
        "that",
        "which",
        "they",
        "two",
        "sides",
        "countries",
        "leaders",
        "had",
        "has",
        "have",
        "just",
        "recently",
        "finally",
        "its",
        "their",
    ];
    (t.saturating_sub(6).max(from)..t).any(|k| {
        doc.is_any(k, deals)
            && (k + 1..t).all(|j| {
                doc.is_cap(j)
                    || doc.kind(j) == crate::segment::TokKind::Possessive
                    || doc.is_any(j, PARTIES)
            })
    })
}

/// "Macron is the first French president to visit Vietnam since Francois Hollande in 2016": the one named
/// after "since" made that visit then.
fn the_last_visitor_before(
    doc: &Doc<'_>,
    ents: &Entities,
    published: Option<chrono::NaiveDate>,
    cands: &mut Vec<Candidate>,
) {
    let Some(arrival) = doc.lex().kind_index("arrival") else {
        return;
    };
    for (s, sent) in doc.sents.iter().enumerate() {
        for t in sent.content..sent.toks.end {
            // "the first ... to visit Vietnam", "... to travel to Vietnam", "the first state visit by an
            // Indian prime minister to Brazil".
            // "No Chinese president has travelled to Kenya since Hu Jintao in 2006" says the same.
            let first = (t.saturating_sub(6).max(sent.content)..t).any(|k| doc.is(k, "first"));
            // "Hollande was the last French president to visit Kazakhstan, in December 2014": the subject
            // made that last visit, at the time told right after the place.
            let last_visitor = (t.saturating_sub(6).max(sent.content + 2)..t)
                .find(|&k| {
                    doc.is(k, "last") && doc.is(k - 1, "the") && doc.is_any(k - 2, &["was", "is"])
                })
                .and_then(|k| {
                    ents.in_range(sent.content, k - 2)
                        .iter()
                        .rfind(|m| m.end == k - 2 && matches!(m.refs[..], [Ref::Person(_)]))
                });
            let none_since = doc.is(sent.content, "No")
                && t >= 1
                && doc.is_any(t - 1, &["has", "have"])
                && doc.is_any(t, &["visited", "travelled", "traveled", "been"]);
            let verb = t >= 1 && doc.is(t - 1, "to");
            let at = if none_since {
                Some(if doc.is(t, "visited") { t + 1 } else { t + 2 })
                    .filter(|&at| at == t + 1 || doc.is(t + 1, "to"))
            } else if verb && doc.is(t, "visit") {
                Some(t + 1)
            } else if verb && doc.is(t, "travel") && doc.is(t + 1, "to") {
                Some(t + 2)
            } else if !verb && doc.is_any(t, &["visit", "trip"]) {
                (t + 1..sent.toks.end.min(t + 9))
                    .find(|&k| doc.is(k, "to"))
                    .map(|k| k + 1)
            } else {
                None
            };
            let Some(at) = at.filter(|_| first || none_since || last_visitor.is_some()) else {
                continue;
            };
            let Some((place, place_end)) = places::parse(doc, ents, at, sent.toks.end) else {
                continue;
            };
            let (visitor, told_after) = if doc.is(place_end, "since") {
                let since = ents
                    .at(place_end + 1)
                    .filter(|m| m.start == place_end + 1 && matches!(m.refs[..], [Ref::Person(_)]));
                (since, since.map_or(place_end, |m| m.end))
            } else {
                (last_visitor, place_end)
            };
            let Some(visitor) = visitor else {
                continue;
            };
            let Some(x) = time::find(doc, told_after, sent.toks.end.min(told_after + 4))
                .into_iter()
                .find(|x| x.start <= told_after + 2)
            else {
                continue;
            };
            let mut visit =
                arrival_at(arrival, s, t, Status::Occurred, visitor.refs.clone(), place);
            visit.date = time::resolve(x.when, published, false);
            visit.time_text = Some(doc.span(x.start, x.end).to_owned());
            visit.background = true;
            cands.push(visit);
        }
    }
}

/// An arrival the one-word trigger at `t` tells, asserted and strong, with nothing but its traveller and
/// place: the rules that build one from a sentence's shape fill in the rest.
fn arrival_at(
    kind: usize,
    sent: usize,
    t: usize,
    status: Status,
    actors: Vec<Ref>,
    place: Place,
) -> Candidate {
    Candidate {
        kind,
        sent,
        trigger: (t, t + 1),
        status,
        actors,
        place: Some(place),
        destination: None,
        date: None,
        time_text: None,
        count: None,
        weapon: None,
        mode: None,
        attribution: Vec::new(),
        strong: true,
        asserted: true,
        also_launched: Vec::new(),
        launch_site: false,
        precedes: None,
        background: false,
        place_borrowed: false,
    }
}

/// "Kim's last trip abroad took him to Russia in September 2023", "Erdogan's last tour of the Gulf, in July
/// 2023, took him to Saudi Arabia, Qatar and the United Arab Emirates": a trip that took its traveller to
/// places is an arrival at each, dated by the time told in the trip's own words or right after the places.
fn trip_took_them_to(
    doc: &Doc<'_>,
    ents: &Entities,
    published: Option<chrono::NaiveDate>,
    cands: &mut Vec<Candidate>,
) {
    let Some(arrival) = doc.lex().kind_index("arrival") else {
        return;
    };
    for (s, sent) in doc.sents.iter().enumerate() {
        for t in sent.content + 1..sent.toks.end {
            let status = if doc.is(t, "took") {
                Status::Occurred
            } else if doc.is(t, "take") && doc.is_any(t - 1, &["will", "would"]) {
                Status::Expected
            } else {
                continue;
            };
            let Some(trip) = (sent.content..t).rfind(|&k| trip_noun_at(doc, k)) else {
                continue;
            };
            // The trip noun heads the subject: no verb of another clause stands between it and "took".
            if (trip + 1..t).any(|k| doc.is_any(k, &["which", "that", "who", "when", "where"])) {
                continue;
            }
            let object = ents.at(t + 1).filter(|m| {
                m.start == t + 1 && matches!(m.refs[..], [Ref::Person(_)]) && !m.possessive
            });
            let traveller = object.map(|m| m.refs.clone()).or_else(|| {
                ents.in_range(sent.content, trip)
                    .iter()
                    .rfind(|m| m.possessive && matches!(m.refs[..], [Ref::Person(_)]))
                    .map(|m| m.refs.clone())
            });
            let to = object.map_or(t + 2, |m| m.end);
            let pronoun = object.is_none() && doc.is_any(t + 1, &["him", "her", "them"]);
            let Some(traveller) =
                traveller.filter(|_| (object.is_some() || pronoun) && doc.is(to, "to"))
            else {
                continue;
            };
            let mut stops = Vec::new();
            let mut k = to + 1;
            let mut places_end = k;
            while let Some((place, end)) = places::parse(doc, ents, k, sent.toks.end) {
                stops.push(place);
                (k, places_end) = (end, end);
                if doc.is(k, ",") && doc.is(k + 1, "and") {
                    k += 2;
                } else if doc.is_any(k, &[",", "and"]) {
                    k += 1;
                } else {
                    break;
                }
            }
            let told = time::find(doc, trip + 1, t).into_iter().next().or_else(|| {
                time::find(doc, places_end, sent.toks.end.min(places_end + 5))
                    .into_iter()
                    .find(|x| x.start <= places_end + 1)
            });
            // "by train" in the trip's words.
            let mode = (trip..t).find_map(|k| {
                doc.ci_find(k, |x| match x {
                    Entry::Mode(m) => Some(*m),
                    _ => None,
                })
            });
            for place in stops {
                let mut stop = arrival_at(arrival, s, t, status, traveller.clone(), place);
                stop.date = told
                    .as_ref()
                    .and_then(|x| time::resolve(x.when, published, status == Status::Expected));
                stop.time_text = told.as_ref().map(|x| doc.span(x.start, x.end).to_owned());
                stop.mode = mode.map(|(_, m)| doc.lex().modes[m as usize].clone());
                cands.push(stop);
            }
        }
    }
}

/// "visited Beijing in January 2019, ahead of his summit with Trump in Hanoi the following month": what a
/// past happening was ahead of, dated a month or more before publication, has happened since.
fn plans_already_past(
    doc: &Doc<'_>,
    published: Option<chrono::NaiveDate>,
    cands: &mut [Candidate],
) {
    use chrono::Datelike;
    let Some(published) = published else {
        return;
    };
    let before_this_month = |d: &PartialDate| match (d.month, d.day) {
        (None, _) => d.year < published.year(),
        (Some(m), None) => (d.year, m) < (published.year(), published.month()),
        (Some(_), Some(_)) => d
            .as_naive()
            .is_some_and(|d| (published - d).num_days() > 31),
    };
    for c in cands.iter_mut() {
        if c.status != Status::Expected || !c.date.as_ref().is_some_and(before_this_month) {
            continue;
        }
        let (t, _) = c.trigger;
        let from = doc.sents[c.sent].content;
        let ahead_of = (t.saturating_sub(6).max(from + 1)..t)
            .any(|k| doc.is(k, "of") && doc.is(k - 1, "ahead"));
        if ahead_of {
            c.status = Status::Occurred;
        }
    }
}

/// "the prime minister, al-Rahawi, had been killed ... since it began firing at Israel": "it" is never a
/// person, so a strike or launch whose subject is an "it" no state or group was found for has no attacker
/// named, not the person named before it.
fn it_is_no_person(doc: &Doc<'_>, ents: &Entities, cands: &mut [Candidate]) {
    let lex = doc.lex();
    let kinds = [lex.kind_index("attack"), lex.kind_index("missile_launch")];
    for c in cands.iter_mut().filter(|c| kinds.contains(&Some(c.kind))) {
        let (t, _) = c.trigger;
        let from = doc.sents[c.sent].content;
        let it = (t.saturating_sub(4).max(from)..t).rfind(|&k| doc.is_any(k, &["it", "It"]));
        let unbound = it.is_some_and(|k| ents.in_range(k, k + 1).iter().all(|m| m.start != k));
        if unbound && !c.actors.is_empty() && c.actors.iter().all(|r| matches!(r, Ref::Person(_))) {
            c.actors.clear();
            c.strong = false;
        }
    }
}

/// "three days before Donald Trump returns to the White House", "since Trump returned to the White House
/// in January": a return to the White House told as the reference point of another happening is a return
/// to office, no journey.
fn return_to_office(doc: &Doc<'_>, cands: &mut Vec<Candidate>) {
    let lex = doc.lex();
    let kinds = [lex.kind_index("arrival"), lex.kind_index("departure")];
    cands.retain(|c| {
        if !kinds.contains(&Some(c.kind)) {
            return true;
        }
        let (t, _) = c.trigger;
        let from = doc.sents[c.sent].content;
        let office = [&c.place, &c.destination]
            .iter()
            .any(|p| p.as_ref().is_some_and(|p| p.name == "White House"));
        let reference_point = (t.saturating_sub(6).max(from)..t)
            .any(|k| doc.is_any(k, &["since", "before", "after", "until", "when"]));
        !(office && reference_point && doc.lower(t).starts_with("return"))
    });
}

/// "had been due to meet Japarov in Astana on Wednesday, but the meeting was postponed": a plan the same
/// sentence says was put off is no happening at the time it names; the text tells the new one, if any.
fn postponed_plans(doc: &Doc<'_>, cands: &mut Vec<Candidate>) {
    const PUT_OFF: &[&str] = &["postponed", "delayed", "deferred"];
    cands.retain(|c| {
        if !matches!(c.status, Status::Expected | Status::Speculated) {
            return true;
        }
        let sent = &doc.sents[c.sent];
        let put_off = (c.trigger.1..sent.toks.end).any(|k| {
            doc.is_any(k, PUT_OFF) && k > 0 && doc.is_any(k - 1, &["was", "were", "been", "be"])
        });
        !put_off
    });
}

/// "a Ceres-1 rocket ... broke apart minutes after leaving the Jiuquan Satellite Launch Center": a rocket
/// leaving a launch site is launched from it, by the state that flies the family.
fn rockets_leave_a_launch_site(doc: &Doc<'_>, cands: &mut [Candidate]) {
    const SITE_WORDS: &[&str] = &[
        "Launch",
        "Cosmodrome",
        "Spaceport",
        "Space Center",
        "Space Centre",
    ];
    let lex = doc.lex();
    let (Some(departure), Some(launch)) = (
        lex.kind_index("departure"),
        lex.kind_index("missile_launch"),
    ) else {
        return;
    };
    for c in cands.iter_mut().filter(|c| c.kind == departure) {
        let site = c
            .place
            .as_ref()
            .is_some_and(|p| SITE_WORDS.iter().any(|w| p.name.contains(w)));
        if !site || c.actors.iter().any(|r| matches!(r, Ref::Person(_))) {
            continue;
        }
        let sent = &doc.sents[c.sent];
        let (t, _) = c.trigger;
        let Some(owner) = (sent.content..t)
            .find_map(|k| launch_vehicle_at(doc, k))
            .map(|(_, o)| o)
        else {
            continue;
        };
        c.kind = launch;
        c.actors = owner.into_iter().collect();
        c.weapon = Some("space launch vehicle".to_owned());
        c.launch_site = true;
        c.strong = !c.actors.is_empty() && !doc.quoted[t];
    }
}

/// "The Shenzhou-19 crew lifted off from Jiuquan on Oct. 30": a crew that lifts off goes up on a space
/// launch vehicle, and a space launch naming no launcher is the launch of the state its site lies in.
fn crews_lift_off_on_a_space_launch(doc: &Doc<'_>, cands: &mut [Candidate]) {
    const CREWS: &[&str] = &[
        "crew",
        "crews",
        "astronaut",
        "astronauts",
        "cosmonaut",
        "cosmonauts",
        "taikonauts",
    ];
    let lex = doc.lex();
    let Some(launch) = lex.kind_index("missile_launch") else {
        return;
    };
    for c in cands
        .iter_mut()
        .filter(|c| c.kind == launch && c.weapon.is_none())
    {
        let (t, _) = c.trigger;
        let lifts_off = doc.is_any(
            t,
            &[
                "lift", "lifts", "lifted", "lifting", "blast", "blasts", "blasted", "blasting",
            ],
        );
        let sent = &doc.sents[c.sent];
        let crewed = (t.saturating_sub(6).max(sent.content)..t).any(|k| doc.is_any(k, CREWS));
        if !(lifts_off && crewed) {
            continue;
        }
        c.weapon = Some("space launch vehicle".to_owned());
        if c.actors.is_empty() {
            let site_state = c
                .place
                .as_ref()
                .and_then(|p| p.country.as_deref())
                .and_then(|code| lex.country_index(code));
            c.actors.extend(site_state.map(Ref::Country));
        }
        c.strong = !c.actors.is_empty();
    }
}

/// "Prabowo was met on the apron by Deputy Prime Minister Denis Manturov", "landed at Ezeiza ... and was
/// received by the foreign minister": a reception at the airport is part of the arrival, not a meeting.
fn airport_greetings_are_arrivals(doc: &Doc<'_>, cands: &mut Vec<Candidate>) {
    const AIRSIDE: &[&str] = &["airport", "apron", "tarmac", "runway", "airfield"];
    let Some(meeting) = doc.lex().kind_index("meeting") else {
        return;
    };
    cands.retain(|c| {
        if c.kind != meeting {
            return true;
        }
        let (t, _) = c.trigger;
        let greeting = doc.is_any(
            t,
            &[
                "received", "welcomed", "greeted", "met", "receives", "welcomes", "greets",
            ],
        ) && (doc.is_any(
            t.saturating_sub(1),
            &["was", "were", "is", "are", "be", "been"],
        ) || doc.is_any(t + 1, &["him", "her", "them"]));
        if !greeting {
            return true;
        }
        let airside_place = c.place.as_ref().is_some_and(|p| {
            let name = p.name.to_ascii_lowercase();
            AIRSIDE.iter().any(|w| name.contains(w))
        });
        let sent = &doc.sents[c.sent];
        let airside_told = (sent.content..sent.toks.end).any(|k| doc.is_any(k, AIRSIDE));
        !(airside_place || (airside_told && (c.place.is_none() || c.place_borrowed)))
    });
}

/// "Kim gave a tour of the exhibition to Shoigu when he visited Pyongyang", "Xi hosted Macron when she
/// visited Beijing": a "he" or "she" who visits a place in their own country, in a sentence that also names
/// a foreigner, is the foreigner. Hosts receive visitors; they do not visit their own land.
fn visitors_come_from_abroad(doc: &Doc<'_>, ents: &Entities, cands: &mut [Candidate]) {
    let Some(arrival) = doc.lex().kind_index("arrival") else {
        return;
    };
    for c in cands.iter_mut().filter(|c| c.kind == arrival) {
        let [Ref::Person(p)] = c.actors[..] else {
            continue;
        };
        let Some(home) = c.place.as_ref().and_then(|pl| pl.country.clone()) else {
            continue;
        };
        if ents.people[p].country.as_deref() != Some(home.as_str()) {
            continue;
        }
        let sent = &doc.sents[c.sent];
        let told_by_pronoun = ents
            .in_range(sent.content, c.trigger.0)
            .last()
            .is_some_and(|m| m.anaphor && doc.is_any(m.start, &["he", "she", "He", "She"]));
        if !told_by_pronoun {
            continue;
        }
        let guest = ents
            .in_range(sent.content, sent.toks.end)
            .iter()
            .filter(|m| !m.anaphor)
            .find_map(|m| match m.refs[..] {
                [Ref::Person(q)]
                    if q != p
                        && ents.people[q]
                            .country
                            .as_deref()
                            .is_some_and(|cc| cc != home) =>
                {
                    Some(q)
                }
                _ => None,
            });
        if let Some(q) = guest {
            c.actors = vec![Ref::Person(q)];
        }
    }
}

/// "held separate meetings with President Luong Cuong and Chairman Tran Thanh Man", "met Chinh and,
/// separately, Man": one meeting with each of the people met, the subject taking part in all.
fn separate_meetings(doc: &Doc<'_>, cands: &mut Vec<Candidate>) {
    let Some(meeting) = doc.lex().kind_index("meeting") else {
        return;
    };
    let mut more = Vec::new();
    for c in cands
        .iter_mut()
        .filter(|c| c.kind == meeting && c.actors.len() >= 3)
    {
        let (t, t_end) = c.trigger;
        // "met Prime Minister Pham Minh Chinh and, separately, Chairman Tran Thanh Man" too.
        let end = doc.sents[c.sent].toks.end.min(t_end + 12);
        if !(t..t_end).any(|k| doc.is(k, "separate"))
            && !(t_end..end).any(|k| doc.is(k, "separately") && doc.is(k - 1, ","))
        {
            continue;
        }
        let subject = c.actors[0];
        for &other in &c.actors[2..] {
            let mut one = c.clone();
            one.actors = vec![subject, other];
            more.push(one);
        }
        c.actors.truncate(2);
    }
    cands.extend(more);
}

/// "Peskov denied media reports that a contract for Su-57 jets would be signed": a spokesperson who is all
/// a deal, a strike or a launch names speaks for the state, who is the party; the spokesperson is the
/// source.
fn spokespeople_speak_for_their_state(doc: &Doc<'_>, ents: &Entities, cands: &mut [Candidate]) {
    let lex = doc.lex();
    for c in cands.iter_mut() {
        if !matches!(
            lex.kinds[c.kind].name.as_str(),
            "agreement" | "attack" | "missile_launch"
        ) {
            continue;
        }
        let [Ref::Person(p)] = c.actors[..] else {
            continue;
        };
        let person = &ents.people[p];
        let speaks = person.role.as_deref().is_some_and(|r| {
            let r = r.to_ascii_lowercase();
            [
                "spokesman",
                "spokeswoman",
                "spokesperson",
                "press secretary",
            ]
            .iter()
            .any(|w| r.contains(w))
        });
        if !speaks {
            continue;
        }
        c.actors = ents
            .country_of(lex, Ref::Person(p))
            .map(Ref::Country)
            .into_iter()
            .collect();
        if !c.attribution.contains(&person.name) {
            c.attribution.insert(0, person.name.clone());
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn frame(
    doc: &Doc<'_>,
    ents: &Entities,
    attr: &Attribution,
    times: &[TimeExpr],
    bounds: &[(usize, &'static str)],
    last_place: &mut Option<(usize, Place, usize)>,
    s: usize,
    (from, to): (usize, usize),
    (t, t_end): (usize, usize),
    kind: usize,
    form: Form,
    lemma: u16,
    published: Option<chrono::NaiveDate>,
) -> Option<Candidate> {
    let lex = doc.lex();
    let spec = &lex.kinds[kind];
    // The trigger's verb, by its base form ("travel", "board", "agree").
    let lemma_is = |w: &str| spec.lemmas.get(usize::from(lemma)).is_some_and(|l| l == w);
    if attr.covers(t) {
        return None;
    }
    // "for launching ballistic missiles": a kind of act, not an act.
    // "accused Ukraine of striking a bus station" is one act, told as an accusation.
    let accused_of = t > from + 1
        && doc.is(t - 1, "of")
        && (t.saturating_sub(6).max(from)..t - 1).any(|k| {
            doc.is_any(
                k,
                &[
                    "accused", "accuses", "accusing", "accuse", "blamed", "blames",
                ],
            )
        });
    if form == Form::Gerund
        && t > from
        && doc.is_any(t - 1, &["for", "of", "against", "about", "over", "from"])
        && !accused_of
    {
        return None;
    }
    // "sanctions for their role in launching satellites", "his involvement in planning strikes": also a
    // kind of act ("succeeded in launching" is an act, so "in" counts only after these nouns).
    if form == Form::Gerund
        && t > from + 1
        && doc.is(t - 1, "in")
        && doc.is_any(
            t - 2,
            &["role", "roles", "involvement", "part", "hand", "complicity"],
        )
    {
        return None;
    }
    // "test"/"tests" is a noun more often than a verb ("nuclear tests"): a verb only after a name, a
    // pronoun, "to" or a modal.
    if t_end == t + 1 && matches!(doc.lower(t).as_str(), "test" | "tests") {
        let verb = t > from
            && (doc.is_any(
                t - 1,
                &[
                    "to",
                    "will",
                    "would",
                    "may",
                    "might",
                    "could",
                    "can",
                    "should",
                    "it",
                    "they",
                    "also",
                    "again",
                    "reportedly",
                ],
            ) || ents.in_range(t - 1, t).iter().any(|m| m.end == t))
            || (t_end < to && doc.is(t_end, "of"));
        if !verb {
            return None;
        }
    }
    // "supplying artillery shells", "precision bombs", "military targets": these attack verbs are plural
    // nouns more often than verbs; a verb only after its subject (a name, a pronoun) or an adverb.
    if spec.name == "attack"
        && form == Form::Third
        && t_end == t + 1
        && matches!(
            doc.lower(t).as_str(),
            "shells" | "bombs" | "hits" | "targets"
        )
    {
        let verb = t > from
            && (doc.is_any(
                t - 1,
                &[
                    "it",
                    "he",
                    "she",
                    "who",
                    "which",
                    "that",
                    "also",
                    "again",
                    "reportedly",
                    "regularly",
                    "now",
                    "then",
                ],
            ) || ents.in_range(t - 1, t).iter().any(|m| {
                // "Houthis target ships" opens its clause; "struck 18 Houthi targets" modifies a noun.
                m.end == t
                    && (m.start == from
                        || !doc.is_word(m.start - 1)
                        || doc.is_any(m.start - 1, &["and", "that", "which", "who", "but", "as"]))
            }));
        if !verb {
            return None;
        }
    }
    // "the train headed to Ussuriysk": a traveller who headed somewhere is on the way, not yet there; only
    // a trip still to come ("will head to", "heads to") tells where they will arrive.
    if spec.name == "arrival" && form == Form::Past && doc.is(t, "headed") {
        return None;
    }
    // "such launches", "such missile tests": a kind of act again ("no such meeting" is a denial).
    if form == Form::Noun {
        let such = (t.saturating_sub(3).max(from)..t)
            .rev()
            .take_while(|&k| doc.is_word(k) && !doc.is_cap(k))
            .find(|&k| doc.is(k, "such"));
        if such.is_some_and(|k| k == from || !doc.is(k - 1, "no")) {
            return None;
        }
    }
    // "signed a memorandum on the sidelines of the African Union summit": the gathering is the occasion of
    // what the clause tells, not a meeting of its subject (the talks held there are told on their own).
    if form == Form::Noun
        && spec.name == "meeting"
        && (t.saturating_sub(8).max(from)..t)
            .any(|k| doc.is_any(k, &["sidelines", "margins", "sideline"]) && doc.is(k + 1, "of"))
    {
        return None;
    }
    // "before travelling on Saturday to Fujian": the bare verb "travel" tells an arrival only with a time
    // between it and its "to" (with none, the phrase "travel to" matched instead).
    if spec.name == "arrival" && lemma_is("travel") {
        let time_then_to = times
            .iter()
            .find(|x| x.start == t_end)
            .is_some_and(|x| doc.is(x.end, "to"));
        if !time_then_to {
            return None;
        }
    }
    // "to discuss it with Treasury Secretary Scott Bessent": discussing is meeting only with someone named
    // after "with" (and not by phone, read below).
    // "spent three hours with Putin": time spent is a meeting only when a span of it comes before "with".
    if spec.name == "meeting" && (lemma_is("discuss") || lemma_is("spend")) {
        let with = (t_end..to.min(t_end + 7)).find(|&k| doc.is(k, "with"));
        let someone = with.is_some_and(|k| {
            ents.at(k + 1).is_some()
                || (doc.is_any(k + 1, &["his", "her"]) && ents.at(k + 3).is_some())
        });
        let span = with.is_some_and(|k| {
            (t_end..k).any(|j| {
                doc.is_any(
                    j,
                    &[
                        "hours",
                        "hour",
                        "minutes",
                        "day",
                        "morning",
                        "afternoon",
                        "evening",
                    ],
                )
            })
        });
        if !someone || (lemma_is("spend") && !span) {
            return None;
        }
    }
    // "the tariff deal Seoul and Washington struck on July 30": a deal is struck; anything else struck is hit.
    if spec.name == "agreement"
        && lemma_is("strike")
        && !deal_struck(
            doc,
            from,
            t,
            &[
                "deal",
                "deals",
                "agreement",
                "accord",
                "pact",
                "truce",
                "ceasefire",
                "bargain",
                "framework",
            ],
        )
    {
        return None;
    }
    // "boarded a special train at Przemysl" leaves; "commandos boarded the vessel" is a raid: boarding is a
    // departure only onto a traveller's vehicle.
    if spec.name == "departure" && lemma_is("board") {
        let vehicle = (t_end..to.min(t_end + 5)).any(|k| {
            doc.is_any(
                k,
                &["train", "plane", "jet", "aircraft", "flight", "helicopter"],
            ) || (doc.is(k, "Air") && doc.is(k + 1, "Force") && doc.is(k + 2, "One"))
        });
        if !vehicle {
            return None;
        }
    }
    // "a statement welcoming the pope's visit", "welcomed the decision by Israel": welcoming a happening or a
    // step is approval, not receiving a guest.
    if spec.name == "meeting" && lemma_is("welcome") && form != Form::Noun {
        const APPROVED: &[&str] = &[
            "visit",
            "visits",
            "decision",
            "move",
            "moves",
            "agreement",
            "deal",
            "ceasefire",
            "truce",
            "announcement",
            "news",
            "step",
            "steps",
            "release",
            "outcome",
            "initiative",
            "proposal",
            "plan",
            "offer",
            "statement",
            "resolution",
            "vote",
            "election",
            "efforts",
            "return",
            "appointment",
            "progress",
            "report",
            "talks",
            "pledge",
            "commitment",
            "support",
        ];
        let approval = (t_end..to.min(t_end + 6))
            .take_while(|&k| {
                !doc.is_any(k, &[",", ".", "at", "on", "in", "to", "for", "with", "and"])
            })
            .any(|k| doc.is_any(k, APPROVED));
        if approval {
            return None;
        }
    }
    // "any response would be met with crushing strikes": a passive "met with" is how something is
    // answered, not a meeting.
    if spec.name == "meeting"
        && t > from
        && doc.is_any(t, &["met"])
        && doc.is(t + 1, "with")
        && doc.is_any(t - 1, &["be", "been", "being", "was", "were", "is", "are"])
    {
        return None;
    }
    // "the tariff deal Seoul and Washington struck on July 30": a deal struck is agreed, not hit.
    if spec.name == "attack"
        && doc.is_any(t, &["struck", "strike", "strikes", "striking"])
        && deal_struck(
            doc,
            from,
            t,
            &["deal", "deals", "agreement", "bargain", "accord", "pact"],
        )
        && (!doc.is_any(t + 1, &["on", "at", "in", "near"])
            || times.iter().any(|x| x.start == t + 1 || x.start == t + 2))
        && !(t_end < to && doc.is_any(t_end, DETERMINERS))
    {
        return None;
    }
    // "Hezbollah has fired thousands of rockets into Israel since October": a present perfect counted from
    // a time since is a tally of many happenings, not one.
    if t > from
        && doc.is_any(t - 1, &["has", "have"])
        && (t_end..to).any(|k| doc.is(k, "since"))
        && matches!(spec.name.as_str(), "attack" | "missile_launch")
    {
        return None;
    }
    // "the most senior Chinese official to visit the North in years", "the first leader to visit Kyiv": a
    // rank among visitors describes someone, it tells no trip.
    if form == Form::Base
        && t > from + 1
        && doc.is(t - 1, "to")
        && (t.saturating_sub(7).max(from)..t - 1).any(|k| {
            doc.is_any(
                k,
                &[
                    "most",
                    "first",
                    "only",
                    "highest-ranking",
                    "highest",
                    "last",
                    "latest",
                ],
            )
        })
        && (t.saturating_sub(8).max(from)..t - 1).any(|k| doc.is(k, "the"))
    {
        return None;
    }
    // "the final ground test of a solid-fuel engine": an engine fired on a stand launches nothing; nor does
    // "a full-length test firing of its core stage on the launch pad".
    let core_stage_fired = (t_end..to.min(t_end + 5))
        .any(|k| doc.is(k, "core") && doc.is_any(k + 1, &["stage", "stages"]));
    if spec.name == "missile_launch"
        && t > from
        && (doc.is_any(t - 1, &["ground", "engine", "static", "stand"]) || core_stage_fired)
    {
        return None;
    }
    // "ordered his military to stop targeting energy facilities": a halt to strikes is no strike.
    if spec.name == "attack"
        && t > from
        && doc.is_any(
            t - 1,
            &[
                "stop",
                "stops",
                "stopped",
                "stopping",
                "halt",
                "halted",
                "cease",
                "ceased",
                "pause",
                "paused",
                "suspend",
                "suspended",
            ],
        )
    {
        return None;
    }
    // "the weapons hit an island target off the east coast", "struck a mock target": a test's aim point is
    // no target of an attack (the launch is told on its own).
    if spec.name == "attack" && (t_end..to.min(t_end + 5)).any(|k| test_aim_point(doc, k)) {
        return None;
    }
    // "during a joint strike drill", "attack exercises": a rehearsal of strikes is no strike.
    if form == Form::Noun
        && spec.name == "attack"
        && doc.is_any(
            t_end,
            &[
                "drill",
                "drills",
                "exercise",
                "exercises",
                "training",
                "rehearsal",
                "simulation",
                "capability",
                "capabilities",
            ],
        )
    {
        return None;
    }
    let (cs, ce, opener) = clause_of(bounds, from, to, t);
    let is_noun = form == Form::Noun;
    // "since Trump returned to the White House in January", "returned to power": taking office again is no
    // journey.
    if spec.name == "departure" && doc.is_any(t, &["return", "returns", "returned", "returning"]) {
        // (The trigger may or may not hold its "to".)
        let mut object = t_end;
        if doc.is(object, "to") {
            object += 1;
        }
        if doc.is(object, "the") {
            object += 1;
        }
        let office = doc.is_any(object, &["power", "office", "presidency"])
            // "since Trump returned to the White House", "ahead of Trump's return to the White House".
            || (((opener == "temporal" && doc.is(cs, "since"))
                || is_noun
                || (t > 0 && doc.kind(t - 1) == crate::segment::TokKind::Possessive))
                && doc.is_any(object, &["White", "Kremlin"])
                && (doc.is(object, "Kremlin") || doc.is(object + 1, "House")));
        if office {
            return None;
        }
    }
    // "agreed to hold a meeting of their defence and foreign ministers in Tokyo": a meeting of
    // representatives the text does not name; the leaders around it are not its parties.
    if spec.name == "meeting" && meeting_of_representatives(doc, t_end, ce) {
        return None;
    }
    // "landed a helicopter on the ship", "five of which landed in Japan's waters": "land" with an object is
    // someone bringing a craft down, and missiles that land are falling, not travellers arriving.
    if spec.name == "arrival" && doc.lower(t).starts_with("land") && t_end == t + 1 {
        let causative = t_end < ce && doc.is_any(t_end, DETERMINERS);
        let weapon_subject = (t.saturating_sub(10).max(from)..t).any(|k| is_weapon(doc, k));
        // "fragments of it landed in a courtyard": what is left of a weapon falls.
        let debris = (t.saturating_sub(4).max(cs)..t).any(|k| {
            doc.is_any(
                k,
                &[
                    "fragments",
                    "debris",
                    "shrapnel",
                    "pieces",
                    "wreckage",
                    "parts",
                    "remnants",
                ],
            )
        });
        if causative || weapon_subject || debris {
            return None;
        }
    }
    // "the most drones it has launched in a single night": a record compared against, not a launch.
    if spec.name == "missile_launch"
        && (t.saturating_sub(6).max(from)..t).any(|k| {
            doc.is(k, "the")
                && doc.is_any(k + 1, &["most", "largest", "biggest"])
                && (k + 2..t).any(|j| {
                    doc.is_any(j, &["it", "they", "he", "she"])
                        && doc.is_any(j + 1, &["has", "have", "had"])
                })
        })
    {
        return None;
    }
    // "Ukraine had reached Russia's bomber fleet": a possessive's thing reached is no place arrived at.
    if spec.name == "arrival"
        && lemma_is("reach")
        && t_end + 2 < doc.len()
        && doc.kind(t_end + 1) == crate::segment::TokKind::Possessive
        && doc.is_word(t_end + 2)
        && !doc.is_cap(t_end + 2)
    {
        return None;
    }
    // "had minutes to reach shelter", "reached consensus": "reach"/"enter" with a bare common noun for an
    // object is getting somewhere figuratively or nearby, not arriving at a named place.
    if spec.name == "arrival"
        && !is_noun
        && spec
            .lemmas
            .get(usize::from(lemma))
            .is_some_and(|l| matches!(l.as_str(), "reach" | "enter"))
        && t_end < ce
        && doc.is_word(t_end)
        && !doc.is_cap(t_end)
        && !doc.is_any(t_end, DETERMINERS)
    {
        return None;
    }
    // "will meet Teodoro by video link", "held talks by telephone": calls are not meetings (corpus README).
    if spec.name == "meeting"
        && (cs..ce).any(|k| {
            doc.is_any(k, REMOTE_WORDS)
                || (doc.is(k, "by") && doc.is_any(k + 1, &["phone", "telephone", "video"]))
                || (doc.is_any(k, &["phone", "telephone", "video"])
                    && doc.is_any(k + 1, &["call", "calls", "link"]))
        })
    {
        return None;
    }
    // "to stop the attacks", "to deter further launches": what an act is meant to prevent is not told as
    // a happening.
    if t > from
        && (is_noun || doc.is_any(t - 1, DETERMINERS))
        && (t.saturating_sub(4).max(from)..t).any(|k| doc.is_any(k, PREVENTION_VERBS))
        && (t.saturating_sub(4).max(from)..t).all(|k| doc.is_word(k))
    {
        return None;
    }
    // "say they are targeting ships", "strikes convoys": a present-tense attack on a bare plural, with no
    // time, is a campaign, not one strike.
    let present = form == Form::Third
        || (form == Form::Gerund && t > from && doc.is_any(t - 1, &["is", "are"]));
    if spec.name == "attack"
        && present
        && t_end < ce
        && doc.is_word(t_end)
        && !doc.is_cap(t_end)
        && doc.lower(t_end).ends_with('s')
        && !doc.lower(t_end).ends_with("ss")
        && !doc.is_any(t_end, DETERMINERS)
        && !doc.is_any(t_end, PREPS)
        && !times.iter().any(|x| x.start >= cs && x.start < ce)
    {
        return None;
    }
    // "called on Iran to refrain", "calls on the parties to": an appeal, not a courtesy call. A call is paid
    // on a person, and no infinitive follows.
    if spec.name == "meeting"
        && !is_noun
        && doc.is(t_end - 1, "on")
        && doc.lower(t).starts_with("call")
    {
        let object = ents
            .in_range(t_end, ce)
            .first()
            .filter(|m| m.start <= t_end + 1);
        let appeal =
            (t_end..ce).any(|k| doc.is(k, "to") && doc.is_word(k + 1) && !doc.is_cap(k + 1));
        if appeal || !object.is_some_and(|m| m.refs.iter().any(|r| matches!(r, Ref::Person(_)))) {
            return None;
        }
    }

    // "welcomed Xi with a military ceremony", "was welcomed at the airport by": a welcome ceremony belongs to
    // the arrival; only the talks that follow it are a meeting.
    let welcome = spec.name == "meeting"
        && !is_noun
        && spec
            .lemmas
            .get(usize::from(lemma))
            .is_some_and(|l| matches!(l.as_str(), "welcome" | "greet"));
    if welcome
        && (t_end..ce.min(t_end + 12)).any(|k| {
            doc.is_any(
                k,
                &[
                    "ceremony",
                    "guard",
                    "tarmac",
                    "airport",
                    "carpet",
                    "ceremonies",
                ],
            )
        })
    {
        return None;
    }

    // Place phrases first: names inside them are not actors.
    let mut place_spans: Vec<(usize, usize)> = Vec::new();
    let mut place: Option<Place> = None;
    let mut destination: Option<Place> = None;
    let last_word = doc.lower(t_end - 1);
    let is_in = |list: &[String], w: &str| list.iter().any(|p| p == w);
    let transitive = !is_noun && spec.transitive.contains(&lemma);
    if t_end < ce {
        if is_in(&spec.destination_preps, &last_word) && !is_noun {
            if let Some((p, e)) = places::parse(doc, ents, t_end, ce) {
                place_spans.push((t_end, e));
                destination = Some(p);
            }
        } else if is_in(&spec.place_preps, &last_word) || transitive {
            let parsed = if spec.name == "attack" {
                places::target(doc, ents, t_end, ce)
            } else {
                places::parse(doc, ents, t_end, ce)
            };
            // "to meet U.S. envoy Tom Barrack": the country opens the name of the person met.
            let opens_a_name = |e: usize| {
                ents.in_range(t_end, e).iter().any(|m| {
                    m.start == t_end
                        && m.end > e
                        && m.refs.iter().all(|r| matches!(r, Ref::Person(_)))
                })
            };
            if let Some((p, e)) = parsed.filter(|&(_, e)| !opens_a_name(e)) {
                place_spans.push((t_end, e));
                place = Some(p);
            }
        }
    }
    let mut k = t_end;
    let mut place_end = None;
    let mut launch_site = false;
    while k < ce {
        let w = doc.lower(k);
        // "struck open areas and at least one air base": "at least" counts, it does not place.
        // ("Strike blamed on Israel flattens consulate": "on" names the attacker, not a target.)
        let is_place_prep = is_in(&spec.place_preps, &w)
            && place.is_none()
            && !(doc.is(k, "at") && doc.is_any(k + 1, &["least", "most"]))
            && !(k > 0 && doc.is(k, "on") && doc.is_any(k - 1, BLAMED));
        // A destination follows the trigger or the place left: "left Pyongyang for Russia", also past a time
        // between them ("left Ankara on Thursday morning for Cairo", "leave Brasilia later Tuesday for
        // Windhoek").
        let after_time = times.iter().find(|x| x.end == k).map_or(k, |x| {
            x.start
                - usize::from(
                    x.start > t_end && doc.is_any(x.start - 1, &["on", "later", "early", "late"]),
                )
        });
        let dest_here = [k, after_time].into_iter().any(|at| {
            at == t_end
                || Some(at) == place_end
                || place_spans.last().is_some_and(|&(_, e)| e == at)
        });
        // "flew out of Riyadh shortly before noon, bound for Doha": "bound for" names the destination
        // wherever it stands in the clause.
        let bound_for = k > t_end && doc.is(k - 1, "bound") && doc.is(k, "for");
        // "boarded his plane for Ankara": the destination follows the vehicle boarded.
        let boarded_for = lemma_is("board")
            && k > t_end
            && k <= t_end + 4
            && doc.is(k, "for")
            && (t_end..k).any(|j| {
                doc.ci_find(j, |e| {
                    matches!(e, Entry::Vehicle(_) | Entry::Mode(_)).then_some(())
                })
                .is_some()
            });
        let bound_for = bound_for || boarded_for;
        let is_dest_prep =
            is_in(&spec.destination_preps, &w) && destination.is_none() && (dest_here || bound_for);
        // "fired toward the East Sea from the Sunan area": the site a launch came from is its place
        // whatever sea it was fired into, so a later "from" replaces an area already found.
        let site_prep = spec.name == "missile_launch" && doc.is(k, "from") && !launch_site;
        // "from an area near Nampo": the site is the named place the area is near.
        let near = site_prep
            && doc.is_any(k + 1, &["an", "a", "the"])
            && doc.is_any(k + 2, &["area", "site", "region"])
            && doc.is_any(k + 3, &["near", "around"]);
        let at = if near { k + 4 } else { k + 1 };
        if is_place_prep || is_dest_prep || site_prep {
            let parsed = places::parse(doc, ents, at, ce).or_else(|| {
                (spec.name == "attack" && is_place_prep)
                    .then(|| places::demonym_target(doc, at, ce))
                    .flatten()
            });
            if let Some((p, e)) = parsed {
                place_spans.push((at, e));
                if is_dest_prep {
                    destination = Some(p);
                } else {
                    launch_site = site_prep;
                    place = Some(p);
                    place_end = Some(e);
                }
                k = e;
                continue;
            }
        }
        k += 1;
    }
    // "officials in the city of Horlivka accused Ukraine of striking a bus station there": "there" is the
    // place the sentence named before the trigger.
    if place.is_none()
        && spec.name == "attack"
        && (t_end..ce.min(t_end + 8)).any(|k| doc.is(k, "there"))
    {
        place = (from + 1..t)
            .rev()
            .filter(|&k| doc.is_cap(k) && doc.is_any(k - 1, &["in", "of", "at", "near"]))
            .find_map(|k| places::parse(doc, ents, k, t).map(|(p, _)| p));
    }
    // "hit a school that was sheltering families in Khan Younis": the target's own relative clause says
    // where it stands.
    // So does its day ("... in Khan Younis before dawn on Tuesday"): the clause tells where the target is,
    // and a day told in it is the strike's.
    let mut target_clause = None;
    if spec.name == "attack" && ce < to && doc.is_any(ce, &["that", "which"]) {
        let (_, re, ro) = clause_of(bounds, from, to, ce);
        if matches!(ro, "that" | "relative") {
            target_clause = Some((ce + 1, re));
            if place.is_none() {
                place = (ce + 1..re)
                    .filter(|&k| doc.is_any(k, &["in", "near"]) && doc.is_cap(k + 1))
                    .find_map(|k| places::parse(doc, ents, k + 1, re).map(|(p, _)| p));
            }
        }
    }
    // Noun triggers may have their place before them ("the Kremlin talks" is rare; "talks in Jeddah" is not).
    // "last met in Luanda in July 2022, when they agreed a roadmap": a ", when" clause after a placed
    // happening is set where that happening was.
    let when_clause = opener == "sub" && doc.is(cs, "when") && cs > from && doc.is(cs - 1, ",");
    if place.is_none() && (opener == "where" || when_clause) {
        // "left Sydney on Thursday for Perth, where he will visit a plant": "where" hangs on the place
        // named right before it, which need not be the last place a trigger took.
        // "leave for Tokyo on Saturday, where": past the time that ends the place's clause.
        let place_end = times
            .iter()
            .find(|x| x.end + 1 == cs && x.start > from)
            .map_or(cs.saturating_sub(1), |x| {
                x.start - usize::from(doc.is_any(x.start - 1, &["on", "in"]))
            });
        let named_before = (opener == "where" && cs >= from + 2)
            .then(|| {
                (place_end.saturating_sub(5).max(from)..place_end).find_map(|k| {
                    places::parse(doc, ents, k, place_end)
                        .filter(|&(_, e)| e == place_end && doc.is_cap(k))
                        .map(|(p, _)| p)
                })
            })
            .flatten();
        if let Some(p) = named_before {
            place = Some(p);
        } else if let Some((_, p, _)) = last_place.as_ref().filter(|(at, _, _)| *at < cs) {
            place = Some(p.clone());
        }
    }

    // "visited the Vostochny Cosmodrome and held talks there with Putin": "there" is where the happening told
    // before it in the sentence was set.
    if place.is_none()
        && (t_end..ce.min(t_end + 4)).any(|k| {
            doc.is(k, "there")
                && !doc.is_any(
                    k + 1,
                    &["is", "was", "were", "are", "will", "would", "had", "has"],
                )
        })
    {
        if let Some((_, p, _)) = last_place
            .as_ref()
            .filter(|(at, _, _)| *at >= from && *at < t)
        {
            place = Some(p.clone());
        }
    }

    // "arrived in Kyiv for talks with X", "ahead of a White House meeting with X": a meeting the clause's
    // subject goes to, held where they arrived unless the text says; names between the marker and the noun
    // modify it ("a White House meeting" is at the White House, not with it).
    let purpose = (is_noun && spec.name == "meeting")
        .then(|| purpose_marker(doc, cs, t))
        .flatten();
    let mut before = actor_mentions(doc, ents, attr, cs, t, false, &place_spans);
    let wished_for = wish_for_another(doc, cs, t).filter(|_| !is_noun);
    if let Some(wish) = wished_for {
        // Read as objects: "like" also stands before names as a preposition.
        before = actor_mentions(doc, ents, attr, wish + 1, t, true, &place_spans);
    }
    // "A Russian Soyuz rocket carrying two cosmonauts and a NASA astronaut blasted off": who rides a rocket
    // does not launch it.
    if spec.name == "missile_launch" {
        before.retain(|m| !(cs..m.start).any(|k| doc.is_any(k, &["carrying", "carried"])));
    }
    // "It killed Ismail Haniyeh ... in a strike on a guesthouse": who was killed is the victim, and so is
    // the name set beside the one killed ("killed Hezbollah's top commander, Haytham Ali Tabatabai, in").
    if spec.name == "attack" {
        const HARMED: &[&str] = &[
            "killed",
            "killing",
            "kills",
            "wounded",
            "wounding",
            "injured",
            "assassinated",
        ];
        let victim = |m: &Mention| {
            if m.start == 0 {
                return false;
            }
            // "killed senior Hezbollah commander Ali Karaki": the harm's object, titles and all.
            let object_of_harm = (m.start.saturating_sub(5).max(cs)..m.start)
                .rev()
                .take_while(|&k| {
                    !doc.is_any(
                        k,
                        &[
                            ",", ";", "as", "after", "when", "while", "before", "which", "who",
                            "that",
                        ],
                    )
                })
                .any(|k| doc.is_any(k, HARMED));
            if object_of_harm {
                return true;
            }
            // "Ahmed al-Rahawi, had been killed in an Israeli air strike": the subject of a passive harm
            // ("Israel has killed ..." is active: its last auxiliary is no form of "be").
            let mut k = m.end + usize::from(doc.is(m.end, ","));
            while doc.is_any(
                k,
                &["was", "were", "had", "has", "have", "been", "is", "are"],
            ) {
                k += 1;
            }
            let passive = k > m.end && doc.is_any(k - 1, &["was", "were", "been", "is", "are"]);
            if passive && doc.is_any(k, HARMED) {
                return true;
            }
            doc.is(m.start - 1, ",")
                && doc.is(m.end, ",")
                && (m.start.saturating_sub(8).max(cs)..m.start - 1)
                    .rev()
                    .take_while(|&k| !doc.is(k, ","))
                    .any(|k| doc.is_any(k, HARMED))
        };
        before.retain(|m| !victim(m));
    }
    // "Negotiators from Israel and Hamas held talks": the parties are the states the negotiators act for.
    if matches!(spec.name.as_str(), "meeting" | "agreement") {
        let objects = actor_mentions(doc, ents, attr, cs, t, true, &place_spans);
        for m in objects.into_iter().filter(|m| represented(doc, m)) {
            if !before.iter().any(|b| b.start == m.start) {
                before.push(m);
            }
        }
        before.sort_by_key(|m| m.start);
    }
    if let Some(marker) = purpose {
        if place.is_none() {
            let modifier = before
                .iter()
                .find(|m| m.start > marker && !m.refs.iter().any(|r| matches!(r, Ref::Person(_))));
            place = modifier.map(|m| {
                places::parse(doc, ents, m.start, t)
                    .map(|(p, _)| p)
                    .unwrap_or_else(|| Place {
                        name: doc.span(m.start, m.end).to_owned(),
                        country: m
                            .refs
                            .first()
                            .and_then(|&r| ents.country_of(lex, r))
                            .map(|c| lex.countries[c as usize].code.clone()),
                        is_country: false,
                    })
            });
        }
        // "touched down at Haneda ... and went on to the Imperial Palace that evening for an audience
        // with the emperor": the place gone to for the purpose, not the one arrived at before.
        if place.is_none() {
            place = (from..marker).rev().find_map(|k| {
                let to_at = if doc.is(k + 1, "on") { k + 2 } else { k + 1 };
                let gone = doc.is_any(
                    k,
                    &[
                        "went",
                        "go",
                        "goes",
                        "going",
                        "drove",
                        "proceeded",
                        "moved",
                        "headed",
                    ],
                ) && doc.is(to_at, "to");
                gone.then(|| places::parse(doc, ents, to_at + 1, marker))
                    .flatten()
                    .map(|(p, _)| p)
            });
        }
        if place.is_none() {
            let arrival = lex.kind_index("arrival");
            if let Some((_, p, _)) = last_place
                .as_ref()
                .filter(|(at, _, k)| *at >= from && *at < t && Some(*k) == arrival)
            {
                place = Some(p.clone());
            }
        }
        before.retain(|m| m.end <= marker);
    }
    if let Some(p) = &place {
        *last_place = Some((t, p.clone(), kind));
    }

    // Actors.
    let mut actors: Vec<Ref> = Vec::new();
    let mut subject_end = cs;
    // "Modi will hold talks with Tusk and call on Duda": a verb coordinated with an earlier one shares its
    // subject, not the object of the first verb.
    // "are due to meet a Ukrainian delegation ... and to hold separate talks with": so is an infinitive.
    let coordinated_verb = (!is_noun
        && t > from + 1
        && (doc.is(t - 1, "and")
            || (doc.is(t - 2, "and") && doc.is_any(t - 1, &["then", "also", "later", "to"]))))
        || (is_noun && coordinated_light_verb(doc, from, t));
    let sentence_subjects = if coordinated_verb {
        // "Experts said Russia helped after Kim visited the cosmodrome and held talks there": the verbs
        // coordinated in a clause opened by a subordinator share that clause's subject.
        let clause_from = (from..t)
            .rev()
            .find(|&k| {
                doc.is_any(k, &["after", "before", "when", "while", "because", "until"])
                    && doc.is_cap(k + 1)
            })
            .map_or(from, |k| k + 1);
        actor_mentions(doc, ents, attr, clause_from, t, false, &place_spans)
    } else {
        Vec::new()
    };
    let shared_subject = sentence_subjects
        .first()
        .filter(|m| before.first().is_none_or(|b| m.start <= b.start));
    if let Some(m) = shared_subject {
        // With the names coordinated with it: "Kamikawa and Kihara arrived ... and paid a call on".
        let mut last = *m;
        actors.extend(m.refs.iter().copied());
        for next in &sentence_subjects[1..] {
            let joined = (last.end..next.start).all(|g| doc.is_any(g, &["and", ","]));
            if !joined || next.start == last.end {
                break;
            }
            actors.extend(next.refs.iter().copied());
            last = next;
        }
        subject_end = last.end.max(cs);
    } else if let Some(pos) = before.iter().rposition(|m| {
        !m.possessive
            || m.end + 1 >= t
            || doc
                .ci_find(m.end + 1, |e| {
                    matches!(e, Entry::Vehicle(_) | Entry::Mode(_)).then_some(())
                })
                .is_some()
            // "Kim's summit with Putin": a possessive names a noun's party when it opens the noun's own
            // phrase, not when a comma or a verb stands between ("bombed Beirut's suburbs on Friday,
            // its first strike").
            || (is_noun
                && t <= m.end + 5
                && !(m.end + 1..t).any(|k| doc.is(k, ",") || is_verb_trigger(doc, k)))
    }) {
        // "Keith Kellogg, Trump's envoy for Ukraine and Russia, is due in Kyiv": names inside an aside
        // between commas describe the subject named before it.
        let aside_open = (cs..before[pos].start)
            .rev()
            .find(|&k| doc.is(k, ","))
            .filter(|_| (before[pos].end..t).any(|k| doc.is(k, ",")));
        let described = aside_open
            .and_then(|c| before.iter().position(|m| m.end == c && !m.possessive))
            .filter(|&q| q < pos && before[q].refs.iter().all(|r| matches!(r, Ref::Person(_))));
        let mut idx = described.unwrap_or(pos);
        actors.extend(before[idx].refs.iter().copied());
        subject_end = before[idx].end;
        // Where the conjunct being read starts: "his Nigerian counterpart Bola Tinubu" starts at "his".
        let mut conjunct_start = before[idx].start;
        while idx > 0 {
            let prev = before[idx - 1];
            // "Ramaphosa and his Nigerian counterpart Bola Tinubu": the demonym modifies the role of the
            // next name; it is no conjunct of its own.
            let role_modifier = prev.start > 0
                && prev.refs.iter().all(|r| matches!(r, Ref::Country(_)))
                && doc.is_any(prev.start - 1, &["his", "her", "their"])
                && (prev.end..conjunct_start)
                    .all(|g| doc.is_any(g, &["counterpart", "counterparts", "colleague", "host"]))
                && prev.end < conjunct_start;
            if role_modifier {
                conjunct_start = prev.start - 1;
                idx -= 1;
                continue;
            }
            // "Trump's envoy Steve Witkoff", "Putin's spokesman Dmitry Peskov": a person in the possessive
            // names whom the next one works for, not a second actor.
            if prev.possessive
                && prev.end + 1 >= conjunct_start
                && prev.refs.iter().all(|r| matches!(r, Ref::Person(_)))
            {
                break;
            }
            // "and his Nigerian counterpart Bola Tinubu": the next conjunct named by its role.
            let (gs, ge) = (prev.end, conjunct_start);
            let counterpart_gap = ge >= gs + 3
                && ge <= gs + 5
                && doc.is(gs, "and")
                && doc.is_any(gs + 1, &["his", "her", "their"])
                && doc.is_any(ge - 1, &["counterpart", "colleague", "host"])
                && (gs + 2..ge).all(|g| doc.is_word(g));
            let gap_ok = counterpart_gap
                || (gs..ge).all(|g| {
                    doc.is_any(g, &["and", ",", "&", "both", "the"])
                        || doc.kind(g) == crate::segment::TokKind::Possessive
                });
            if !gap_ok {
                break;
            }
            actors.splice(0..0, prev.refs.iter().copied());
            conjunct_start = prev.start;
            idx -= 1;
        }
    } else if (!is_noun || purpose.is_some())
        && opener == "relative"
        && !antecedent_named(doc, ents, cs)
    {
        // ", a Pakistani official who attended the talks": a relative clause's subject is its antecedent;
        // one the text does not name is nobody the event can list, never the sentence's subject.
    } else if let Some(list) = (opener == "relative" && (!is_noun || purpose.is_some()))
        .then(|| antecedent_list(doc, ents, attr, from, cs, &place_spans))
        .flatten()
    {
        // "They take over from Ovchinin, Vagner and Pettit, who are due to return": a relative clause's
        // subject is the names it hangs on.
        actors.extend(list);
    } else if !is_noun && passive_in_a_clause_of_its_own(doc, from, cs, opener, t) {
        // "Israel bombed Beirut, hours after rockets fired from Lebanon set off sirens": what was fired is
        // the clause's subject, and who fired it is left untold; it is not the sentence's subject.
        // "promised for Iran's Oct. 1 barrage, when some 200 missiles were fired": unless the clause
        // tells the time of a strike its possessor made.
        if let Some(m) = possessor_of_the_happening_told(doc, ents, attr, from, cs, kind) {
            actors.extend(m.refs.iter().copied());
        }
    } else if !is_noun || purpose.is_some() {
        // The sentence's subject, when this clause has none of its own, with the names coordinated with it
        // ("Ishiba and Trump held talks ..., agreeing to ...").
        let sub = actor_mentions(doc, ents, attr, from, t, false, &place_spans);
        if let Some(m) = sub.first() {
            actors.extend(m.refs.iter().copied());
            let mut last = *m;
            for next in &sub[1..] {
                let joined = next.start > last.end
                    && (last.end..next.start).all(|g| doc.is_any(g, &["and", ",", "&"]));
                if !joined {
                    break;
                }
                actors.extend(next.refs.iter().copied());
                last = next;
            }
        }
    }
    let name = spec.name.as_str();
    let takes_objects = matches!(name, "meeting" | "agreement")
        || (is_noun && !matches!(name, "missile_launch" | "attack"));
    if t_end < ce {
        let mut after = actor_mentions(doc, ents, attr, t_end, ce, true, &place_spans);
        // "a meeting with X": the trigger phrase itself ends in the word that introduces X.
        let introduced = !is_noun || doc.is_any(t_end - 1, &["with", "between"]);
        // "a visit to Taipei by Pelosi", "were received in the Oval Office by Trump": a trip's or a meeting's
        // agent may follow its place; a deal "signed in Abu Dhabi by"
        // ministers as leaders look on is read without it (the parties are the states, see `witnessed`).
        let skippable: &[(usize, usize)] = if matches!(name, "arrival" | "departure" | "meeting") {
            &place_spans
        } else {
            &[]
        };
        after = attached(doc, after, t_end, introduced, skippable);
        // "a delegation of U.S. lawmakers led by Senator Pete Ricketts": the named leader is the party,
        // not the state the delegation comes from.
        let led_by_person = after.iter().any(|n| {
            n.start >= 2
                && doc.is(n.start - 1, "by")
                && doc.is(n.start - 2, "led")
                && n.refs.iter().all(|r| matches!(r, Ref::Person(_)))
        });
        if led_by_person {
            after.retain(|m| !m.refs.iter().all(|r| matches!(r, Ref::Country(_))));
        }
        // "relatives of citizens abducted by North Korea": the agent of another participle is no party;
        // "led by", "accompanied by" name the party's company.
        after.retain(|m| {
            !(m.start >= 2
                && m.start - 2 >= t_end
                && doc.is(m.start - 1, "by")
                && doc.lower(m.start - 2).ends_with("ed")
                && !doc.is_any(
                    m.start - 2,
                    &[
                        "led",
                        "accompanied",
                        "joined",
                        "flanked",
                        "attended",
                        "hosted",
                        "received",
                        "welcomed",
                        "greeted",
                        "chaired",
                        "headed",
                        "signed",
                        "struck",
                        "fired",
                        "launched",
                        "carried",
                        "followed",
                    ],
                ))
        });
        for m in after {
            let by = m.start > 0 && doc.is(m.start - 1, "by");
            // "the arrival of a plane carrying X", "his visit with X"; a launch "with U.S. intelligence"
            // has no passenger.
            let carrying = m.start > 0
                && (doc.is(m.start - 1, "carrying")
                    || (doc.is(m.start - 1, "with") && matches!(name, "arrival" | "departure")))
                && name != "meeting"
                && name != "agreement"
                && is_noun;
            if by || takes_objects || carrying {
                if matches!(name, "arrival" | "departure")
                    && is_noun
                    && !(by || carrying || m.possessive)
                {
                    continue;
                }
                actors.extend(m.refs.iter().copied());
            }
        }
    }
    // "The leaders met in Astana, with Lukashenko, Japarov and Rahmon joining Putin and Tokayev": the names
    // of an absolute "with ... joining ..." are all at the table.
    if name == "meeting" {
        actors.extend(joining_participants(doc, ents, t_end, ce));
    }
    // "an attack on a checkpoint last week, in which gunmen killed ...", "an ambush in which militants
    // killed ...": a noun with no attacker of its own takes the subject of the relative clause after it.
    if name == "attack" && is_noun && actors.is_empty() {
        actors.extend(relative_subject(doc, ents, attr, t_end, to));
    }
    // "a Russian ballistic missile struck a warehouse", "the ship was hit by two Houthi missiles": with no
    // name for a subject, the state or group the weapon belongs to is the attacker.
    if name == "attack" && !is_noun {
        if let Some(bearer) = weapon_bearer(doc, ents, cs, t, t_end, ce) {
            actors = vec![bearer];
        }
    }
    // "A Russian Soyuz rocket carrying two cosmonauts blasted off": with no name for a subject, the state
    // whose rocket it is launches it.
    let carrying = (cs..t).any(|k| doc.is_any(k, &["carrying", "carried"]));
    // "the Long March-12 itself debuted there", "a Falcon 9 lifted off": a rocket family's name.
    // A noun's rocket modifies it ("a Falcon 9 launch") or follows it ("the maiden flight of the Long
    // March-8A"); a verb's is its subject or object.
    // "the Long March-10, the rocket being developed ..., could make its first test flight": "its" is the
    // rocket the clause is about.
    let its = is_noun && t > cs && doc.is(t - 1, "its");
    let vehicle = (name == "missile_launch")
        .then(|| {
            (cs..ce).find_map(|k| {
                launch_vehicle_at(doc, k).filter(|&(end, _)| {
                    !is_noun
                        || (k >= t_end && k <= t_end + 6)
                        || (end <= t && (end + 2 >= t || its))
                })
            })
        })
        .flatten();
    if name == "missile_launch" && lemma_is("fly") && vehicle.is_none() {
        return None;
    }
    if name == "missile_launch" && !is_noun && (actors.is_empty() || carrying) {
        if let Some(c) = rocket_owner(doc, cs, t) {
            actors = vec![Ref::Country(c)];
        }
    }
    // "Touching down at Pulkovo Airport late on Wednesday, Prabowo was met on the apron": a participle
    // opening the sentence has the main clause's subject.
    if actors.is_empty() && form == Form::Gerund && t == from {
        let comma = (t_end..to).find(|&k| doc.is(k, ","));
        let subject = comma.and_then(|c| {
            ents.in_range(c + 1, to)
                .iter()
                .find(|m| m.start > c && !m.possessive)
                .filter(|m| m.start <= c + 6 && matches!(m.refs[..], [Ref::Person(_)]))
        });
        if let Some(m) = subject {
            actors.push(m.refs[0]);
        }
    }
    // "Zelensky, speaking in Ankara after talks with Erdogan on Tuesday, said", "After talks with Erdogan,
    // Zelensky left": talks told as the time of the main clause are its subject's.
    // (Not after a departure: "left Saudi Arabia for Egypt after talks with the crown prince" held them where
    // it left, which the departure tells. After an arrival they are the traveller's: "flew into Moscow on
    // July 8 ... before formal talks in the Kremlin the next day".)
    let departure_before = (from..cs).any(|k| {
        doc.ci_at(k).is_some_and(|(_, es)| {
            es.iter().any(|e| {
                matches!(e, Entry::Trigger { kind, form, .. }
                    if *form != Form::Noun
                        && matches!(lex.kinds[usize::from(*kind)].name.as_str(), "departure"))
            })
        })
    });
    let talks_as_time = name == "meeting"
        && is_noun
        && opener == "temporal"
        && doc.is_any(cs, &["after", "before", "following"])
        && t <= cs + 2
        && !departure_before;
    if talks_as_time && actors.len() < 2 {
        let subject = actor_mentions(doc, ents, attr, from, cs, false, &place_spans)
            .into_iter()
            .chain(actor_mentions(doc, ents, attr, ce, to, false, &place_spans))
            .find(|m| {
                !m.possessive
                    && m.refs.len() == 1
                    && matches!(m.refs[0], Ref::Person(_))
                    && !actors.contains(&m.refs[0])
            });
        if let Some(m) = subject {
            actors.insert(0, m.refs[0]);
        }
    }
    // "a train carrying Mr Kim had arrived": the passenger.
    if matches!(name, "arrival" | "departure") && !is_noun {
        if let Some(m) = ents
            .in_range(cs, t)
            .iter()
            .find(|m| m.start > 0 && doc.is(m.start - 1, "carrying"))
        {
            actors = m.refs.clone();
        }
    }
    // "a North Korean cruise missile launch": the demonym modifying the launch names the launching state,
    // whoever the sentence's subject is ("Seoul denies report of ...").
    if name == "missile_launch" && is_noun {
        if let Some(c) = modifying_demonym(doc, cs, t) {
            actors = vec![Ref::Country(c)];
        }
    }
    // "a Russian missile strike on Kryvyi Rih", "an Israeli air strike": likewise the attacker, when the
    // noun has none of its own.
    if name == "attack" && is_noun && actors.is_empty() {
        if let Some(c) = modifying_demonym(doc, cs, t) {
            actors = vec![Ref::Country(c)];
        }
    }
    // "A ceasefire between Israel and Iran-backed Hezbollah took effect": the parties the deal noun names
    // are the deal's, whatever else its subject says; "its first strike since a ceasefire with Hezbollah
    // took effect": one party joins the one the sentence is about.
    if name == "agreement" && !is_noun {
        let named_by_deal = (cs + 1..t).find(|&k| {
            doc.is_any(k, &["between", "with"])
                && doc
                    .ci_find(k - 1, |e| matches!(e, Entry::Object(_)).then_some(()))
                    .is_some()
        });
        if let Some(k) = named_by_deal {
            // ("Sudan's army and the RSF": a state's forces stand for it.)
            let forces_of = |m: &Mention| {
                (m.end..m.end + 2).any(|j| {
                    doc.is_any(j, OWN_FORCES) || doc.is_any(j, &["government", "military"])
                })
            };
            let parties: Vec<Ref> = actor_mentions(doc, ents, attr, k + 1, t, true, &place_spans)
                .iter()
                .filter(|m| !m.possessive || forces_of(m))
                .flat_map(|m| m.refs.iter().copied())
                .collect();
            if doc.is(k, "between") && parties.len() >= 2 {
                actors = parties;
            } else if doc.is(k, "with") && !actors.is_empty() {
                for p in parties {
                    if !actors.contains(&p) {
                        actors.push(p);
                    }
                }
            }
        }
    }
    // "the two presidents witnessed the signing of documents": leaders looking on are not the signatories;
    // the parties are the states they lead.
    if name == "agreement" && witnessed(doc, cs, t) {
        // One leader of no known country ("President Prabowo" in his own agency's copy) is the side the
        // others' states leave: the one "between the two governments" names, or the story's home.
        let mut states: Vec<Ref> = Vec::new();
        let mut unknown: Vec<Ref> = Vec::new();
        for &r in &actors {
            match ents.country_of(lex, r).map(Ref::Country) {
                Some(c) if !states.contains(&c) => states.push(c),
                Some(_) => {}
                None if !unknown.contains(&r) => unknown.push(r),
                None => {}
            }
        }
        let unknown = unknown.len();
        if let ([Ref::Country(known)], 1) = (&states[..], unknown) {
            if let Some(h) = crate::entities::other_home_state(doc, *known) {
                states.push(Ref::Country(h));
            }
        }
        if unknown == 0 || (unknown == 1 && states.len() >= 2) {
            actors = states;
        }
    }
    let raw_actors = actors.clone();
    // An armed group launches for itself ("the Houthis fired a missile"), not for the state it is in.
    if spec.actors_are_countries {
        actors = actors
            .into_iter()
            .filter_map(|r| match r {
                Ref::Org(o) if lex.orgs[usize::from(o)].group => Some(r),
                _ => ents.country_of(lex, r).map(Ref::Country),
            })
            .collect();
    }
    // One actor per id; a lone actor has nothing to collide with, so its slug is not built.
    if actors.len() > 1 {
        let mut seen = Vec::new();
        actors.retain(|r| {
            let id = ents.actor_id(lex, *r);
            if seen.contains(&id) {
                false
            } else {
                seen.push(id);
                true
            }
        });
    }

    // Status.
    let pre = if is_noun && purpose.is_none() {
        // "will meet again at the Group of Seven summit": the noun in the place of a verb of its own kind
        // reads that verb's cues, however long the occasion's name.
        let near = cs.max(t.saturating_sub(6));
        // "could also attempt to put its first military reconnaissance satellite into orbit": the verb
        // that puts the satellite there carries the cues, however long the satellite's name.
        let putting = (doc.is(t, "into") && doc.is(t + 1, "orbit"))
            .then(|| {
                (cs.max(t.saturating_sub(9))..t).rfind(|&k| {
                    doc.is_any(
                        k,
                        &[
                            "put", "puts", "putting", "place", "places", "placed", "placing",
                            "send", "sends", "sent", "sending",
                        ],
                    )
                })
            })
            .flatten();
        let near = putting.map_or(near, |k| cs.max(k.saturating_sub(4)).min(near));
        (cs..t)
            .rfind(|&k| verb_trigger_of(doc, k, kind))
            .filter(|&k| (k..t).any(|j| doc.is(j, "at")))
            .map_or(near, |k| cs.max(k.saturating_sub(3)))
    } else {
        subject_end.max(cs)
    };
    // "no" denies only the noun it stands next to ("no missile launch", not "no mention of a summit").
    let mut window: Vec<crate::lexicon::Cue> = status::cues_at(doc, pre, t)
        .into_iter()
        .filter(|&(p, c)| !(c == crate::lexicon::Cue::Denied && doc.is(p, "no") && p + 3 < t))
        // "KCNA had not reported on the launch", "Seoul did not confirm the visit": a source's silence about
        // a happening is no denial of it.
        .filter(|&(p, c)| {
            !(c == crate::lexicon::Cue::Denied
                && is_noun
                && (p + 1..t.min(p + 3)).any(|k| doc.is_any(k, SILENT_ABOUT)))
        })
        .map(|(_, c)| c)
        .collect();
    if is_noun {
        // The noun's own verb may follow its attached names: "talks between the two delegations are
        // scheduled"; another trigger ends the reach.
        let reach = (t_end..ce.min(t_end + 9))
            .find(|&k| is_verb_trigger(doc, k))
            .unwrap_or(ce.min(t_end + 9));
        // A wish after the noun is another verb's ("the summit, which Lula wants to attend").
        window.extend(
            status::cues(doc, t_end, reach)
                .into_iter()
                .filter(|c| *c != crate::lexicon::Cue::Wish),
        );
    }
    // Told with a time or a "possibly" ("possibly at Panmunjom during the summit in October"), a wish for
    // someone else ([`wish_for_another`]) is a happening floated, not a bare wish.
    if wished_for.is_some() {
        let floated = !time::find(doc, t_end, ce).is_empty()
            || status::cues(doc, t_end, ce).contains(&crate::lexicon::Cue::Speculated);
        window.push(if floated {
            crate::lexicon::Cue::Speculated
        } else {
            crate::lexicon::Cue::Wish
        });
    }
    // "pledging to hold their three-way summit on a regular basis": summits held as a habit are none of them.
    if name == "meeting"
        && is_noun
        && (t_end..ce.min(t_end + 5)).any(|k| {
            doc.is_any(k, &["regularly", "annually"])
                || (doc.is(k, "regular") && doc.is(k + 1, "basis"))
                || (doc.is_any(k, &["every", "each"]) && doc.is(k + 1, "year"))
        })
    {
        return None;
    }
    // "the group would keep firing at Israel until ...", "vowed to continue striking": an activity kept up
    // is no one strike.
    if matches!(name, "attack" | "missile_launch")
        && form == Form::Gerund
        && t > from
        && doc.is_any(
            t - 1,
            &[
                "keep",
                "keeps",
                "kept",
                "continue",
                "continues",
                "continued",
            ],
        )
    {
        return None;
    }
    // "a conflict in which both sides fired missiles at each other's bases": an exchange of fire summed up
    // is the conflict's story, not one strike.
    if matches!(name, "attack" | "missile_launch")
        && (t_end..ce.min(t_end + 8)).any(|k| {
            (doc.is(k, "each") && doc.is(k + 1, "other"))
                || (doc.is(k, "one") && doc.is(k + 1, "another"))
        })
    {
        return None;
    }
    // "to treat an attack on one as an attack on both": an attack on anyone at all is a case, not a happening.
    if name == "attack"
        && is_noun
        && doc.is_any(t_end, &["on", "against"])
        && doc.is_any(
            t_end + 1,
            &["one", "both", "either", "any", "all", "another"],
        )
        // "an attack on one of the tankers" is on a ship all the same.
        && !doc.is(t_end + 2, "of")
    {
        return None;
    }
    // "the first visit by an Indian prime minister to the country in three decades": a visit by someone
    // unnamed characterises the one told, it is no visit of its own.
    if name == "arrival"
        && is_noun
        && doc.is(t_end, "by")
        && doc.is_any(t_end + 1, &["a", "an", "any"])
    {
        return None;
    }
    // "From China he went on to Tokyo" is the next stop; "went on to a working lunch", "went on to the
    // palace" are no journey: only a place the gazetteer knows.
    let venue = |p: &Place| {
        p.name.rsplit(' ').next().is_some_and(|w| {
            lex.ci_phrase(&w.to_ascii_lowercase())
                .is_some_and(|es| es.iter().any(|e| matches!(e, Entry::VenueNoun)))
        })
    };
    if name == "arrival"
        && lemma_is("go on to")
        && !place
            .as_ref()
            .is_some_and(|p| p.is_country || (p.country.is_some() && !venue(p)))
    {
        return None;
    }
    // "Prince Khalid is expected in Islamabad in October for talks with Munir": talks a trip told as due
    // or expected is for are still to come.
    if is_noun
        && (pre..t).any(|k| doc.is_any(k, &["expected", "due"]) && doc.is(k + 1, "in"))
        && (pre..t).any(|k| doc.is(k, "for"))
    {
        window.push(crate::lexicon::Cue::Expected);
    }
    // Hypothetical and habitual cues anywhere in the clause.
    window.extend(status::cues(doc, cs, ce).into_iter().filter(|c| {
        matches!(
            c,
            crate::lexicon::Cue::Hypothetical | crate::lexicon::Cue::Habitual
        )
    }));
    if matches!(opener, "sub") && doc.is_any(cs, &["if", "unless", "whether"]) {
        return None;
    }
    // "Kishida could visit Pyongyang if Tokyo stopped ...": a modal clause a condition follows is the
    // consequence of something that has not happened.
    let condition_follows = ce < to && doc.is_any(ce, &["if", "unless"]);
    if condition_follows && (cs..t).any(|k| doc.is_any(k, MODALS)) {
        return None;
    }
    // Only the clause that governs this one can deny it: "denied a report that X visited", not a denial two
    // clauses back.
    let governing_from = bounds
        .iter()
        .rev()
        .map(|&(b, _)| b)
        .find(|&b| b < cs)
        .unwrap_or(from);
    let governing_denial = opener == "that" && status::has_denial_verb(doc, governing_from, cs);
    if opener == "that" && status::has_speculation_verb(doc, from, cs) && !governing_denial {
        window.push(crate::lexicon::Cue::Speculated);
    }
    let asserted = !is_noun || !window.is_empty() || governing_denial;
    let status = match status::read(&window, governing_denial) {
        Reading::NotAnEvent => return None,
        Reading::Event(st) => st,
    };
    // Headline style: "Biden, Xi to meet", "Putin to visit North Korea": a bare infinitive right after its
    // subject, with no finite verb, announces what is to come.
    let headline_future = !is_noun
        && form == Form::Base
        && t > from + 1
        && doc.is(t - 1, "to")
        && ents.in_range(t - 2, t - 1).iter().any(|m| m.end == t - 1)
        && !attr.covers(t - 2);
    // "Wong is due in Jakarta": the arrival trigger "due in" is expected whatever the tense.
    // So is "was expected in Doha": the expectation, not the trip, is in the past.
    let due = spec.name == "arrival"
        && doc.is_any(t, &["due", "expected"])
        && doc.is(t + 1, "in")
        && t > from
        && doc.is_any(t - 1, &["is", "are", "was", "were"]);
    // "he will be in Turkey on Thursday": the trigger holds its own "will".
    let due = due || (spec.name == "arrival" && doc.is(t, "will"));
    let status = if (headline_future || due) && status == Status::Occurred {
        Status::Expected
    } else {
        status
    };
    // "Ruritania denies Freedonia's accusation of a drone strike", "Ruritania denied that its forces had
    // carried out the strike": a denial of being the attacker. The actor is the one who denies (the
    // accused), not the accuser, and the strike is denied.
    let status = if name == "attack" {
        match denied_attacker(doc, ents, attr, &actors, from, cs, t, governing_denial) {
            Some(denier) => {
                actors = denier;
                Status::Denied
            }
            None => status,
        }
    } else {
        status
    };
    let future_cue = window.iter().any(|c| {
        matches!(
            c,
            crate::lexicon::Cue::Expected | crate::lexicon::Cue::Speculated
        )
    }) || due
        || (!is_noun && form == Form::Base && t > 0 && doc.is_any(t - 1, &["to", "will", "would"]));

    // Time.
    // "weeks after winning the Feb. 14 election": a time that modifies another noun dates that noun, not
    // this happening (unless the noun is this trigger: "the April 2019 summit").
    // ("from about $12 billion last year": nor does a time after an amount, which dates the amount.)
    let after_amount = |x: &TimeExpr| {
        x.start > 0
            && matches!(
                x.when,
                time::When::YearRel(_) | time::When::Year(_) | time::When::MonthRel(_)
            )
            && (doc.kind(x.start - 1) == crate::segment::TokKind::Number
                || doc.is_any(
                    x.start - 1,
                    &["billion", "million", "percent", "%", "trillion"],
                ))
    };
    let attributive = |x: &TimeExpr| {
        after_amount(x)
            || x.start > 0
                && doc.is_any(
                    x.start - 1,
                    &["the", "a", "an", "its", "his", "her", "their"],
                )
                && x.end != t
                && doc.is_word(x.end)
                && !doc.is_cap(x.end)
                && !doc.is_any(x.end, PREPS)
                && !doc.is_any(
                    x.end,
                    &["and", "or", "when", "as", "after", "before", "while"],
                )
    };
    let own_times: Vec<TimeExpr> = times.iter().filter(|x| !attributive(x)).cloned().collect();
    let times = &own_times[..];
    let other_trigger_between = |a: usize, b: usize| {
        (a..b).any(|k| {
            doc.ci_find(k, |e| matches!(e, Entry::Trigger { .. }).then_some(()))
                .is_some()
        })
    };
    // A headline strings items with commas ("Lee arrives in Jakarta for state visit, summit with Prabowo on
    // Tuesday"): a time after a comma and another trigger is that item's.
    let headline = s < doc.headline_sents;
    // "air strikes hit a military camp early on Thursday": the noun is the subject of the strike its verb
    // tells, so the verb's time is its own.
    // "a strike on a school in the Nuseirat camp killed seven": also past the noun's own phrase.
    let impact_verb = if is_noun && name == "attack" {
        // ("a missile strike on Kryvyi Rih, Zelenskiy's hometown, killed 20": read over an apposition.)
        let apposition_end = |k: usize| {
            (k + 2..to.min(k + 8))
                .find(|&j| doc.is(j, ","))
                .filter(|&j| doc.is_any(j + 1, IMPACT))
        };
        let mut found = None;
        let relative = doc.is_any(t_end, &["that", "which"]);
        let mut end = if relative { to } else { ce }.min(t_end + 14);
        let mut k = t_end;
        while k < end {
            if doc.is(k, ",") {
                if let Some(j) = apposition_end(k) {
                    k = j + 1;
                    end = to.min(k + 4);
                    continue;
                }
            }
            // "An air strike that Iran blamed on Israel destroyed the consulate": past a relative clause
            // right after the noun, to the verb it is the subject of; not past a modal's ("an attack that
            // could kill thousands" tells a fear).
            if (k == t_end && relative)
                || (relative && doc.is(k, "and") && doc.is_cap(k + 1) && doc.is_cap(k - 1))
            {
                k += 1;
                continue;
            }
            if doc.is_any(k, MODALS) || doc.is(k, "should") {
                break;
            }
            if doc.is_any(k, &[",", "that", "which", "who", "and"]) {
                break;
            }
            if doc.is_any(k, IMPACT) {
                found = Some(k);
                break;
            }
            if is_verb_trigger(doc, k) {
                break;
            }
            k += 1;
        }
        found
    } else {
        None
    };
    let subject_of_impact = impact_verb.is_some();
    // The clause the impact verb tells, which may run past an apposition after the noun and an aside
    // on its toll ("killed 20 people, including nine children, near a playground on April 4").
    let impact_ce = impact_verb.map_or(ce, |v| {
        let mut e = clause_of(bounds, from, to, v).1;
        while e + 1 < to
            && (doc.is_any(e, &["including", "among"])
                || (doc.is(e, ",") && doc.is_any(e + 1, &["including", "among"])))
        {
            let next = clause_of(bounds, from, to, e + 1).1;
            if next <= e {
                break;
            }
            e = next;
        }
        e.max(ce)
    });
    // "An air strike that Iran blamed on Israel destroyed the Iranian consulate": a strike told as striking
    // lands on what its verb hit.
    if place.is_none() {
        if let Some(v) = impact_verb.filter(|&v| v > ce) {
            place = places::target(doc, ents, v + 1, impact_ce).map(|(p, _)| p);
        }
    }
    // "agreed to begin technical negotiations by the end of February": a deadline after the act agreed to
    // is that act's, not the agreement's ("agreed to upgrade ties in November 2023" dates the deal).
    // "agreed late Wednesday to end the dispute": the word after the verb, read past a time right after it.
    let to_at = times
        .iter()
        .find(|x| x.start == t_end)
        .map_or(t_end, |x| x.end);
    let agreed_act = if name == "agreement"
        && !is_noun
        && lemma_is("agree")
        && doc.is(to_at, "to")
        && doc.is_word(to_at + 1)
    {
        to_at + 2
    } else {
        usize::MAX
    };
    // A time inside another clause's ", who ..." aside dates that aside, not this clause; so does one in a
    // ", where ..." aside told before this clause ("arrived on Wednesday from Israel, where he had met
    // Netanyahu on Tuesday, and met the crown prince").
    let in_aside = |x: &TimeExpr| {
        let (xs, _, xo) = clause_of(bounds, from, to, x.start);
        (xo == "relative" || (xo == "where" && opener == "coord")) && xs != cs
    };
    let in_clause_after = times
        .iter()
        .find(|x| {
            let deadline = doc.is(x.start, "by")
                || (x.start >= 4
                    && doc.is(x.start - 4, "by")
                    && doc.is(x.start - 2, "end")
                    && doc.is(x.start - 1, "of"));
            x.start >= t_end && x.start < impact_ce && !(deadline && x.start >= agreed_act)
        })
        .filter(|x| !is_noun || subject_of_impact || !other_trigger_between(t_end, x.start))
        .filter(|x| {
            !(headline
                && (t_end..x.start).any(|k| doc.is(k, ","))
                && other_trigger_between(t_end, x.start))
        });
    let in_clause_before = times.iter().rev().find(|x| x.start >= cs && x.end <= t);
    // "ended in failure late Monday when its rocket exploded": a "when" clause happens at the time of the
    // clause it hangs on; "after"/"before" clauses do not.
    // "held talks at the Akorda on Wednesday, after which the two signed a statement": "after which" goes on
    // from the happening it hangs on, on the same occasion.
    let after_which = opener == "temporal" && doc.is(cs, "after") && doc.is(cs + 1, "which");
    let when_clause = opener == "temporal" && (doc.is(cs, "when") || after_which);
    let earlier = if (opener == "temporal" && !when_clause) || opener == "that" {
        None
    } else {
        times.iter().rev().find(|x| x.end <= t && !in_aside(x))
    };
    let in_clause = in_clause_after.or(in_clause_before);
    let in_target_clause = target_clause.and_then(|(a, b)| {
        times.iter().find(|x| {
            x.start >= a
                && x.end <= b
                && matches!(
                    x.when,
                    time::When::Weekday { .. }
                        | time::When::WeekdayPlus { .. }
                        | time::When::MonthDay { .. }
                        | time::When::MonthDayInYear { .. }
                )
        })
    });
    let chosen = in_clause.or(in_target_clause).or(earlier);
    let mut status = status;
    // "Xi leaves for Hungary later on Wednesday": a present-tense verb with its own time is a schedule.
    let scheduled = status == Status::Occurred
        && matches!(form, Form::Third | Form::Base)
        && in_clause.is_some()
        && t > from
        && !doc.is_any(t - 1, &["did", "does", "do", "to", "not"]);
    if scheduled {
        status = Status::Expected;
    }
    // "is scheduled to meet Prabowo on Sunday, before the Indonesian leader leaves for the United States",
    // "will fly to Perth ... before leaving for Malaysia": a present-tense or -ing verb in a time clause
    // shares the future of the clause it is tied to.
    // ("... before Washington and Seoul sit down to discuss deterrence": a present tense after "before"
    // or "until" in the body is still to come, whatever the clause it hangs on.)
    let tied_future = status == Status::Occurred
        && opener == "temporal"
        && matches!(form, Form::Third | Form::Base | Form::Gerund)
        && (status::cues(doc, from, cs)
            .iter()
            .any(|c| matches!(c, crate::lexicon::Cue::Expected))
            || (matches!(form, Form::Third | Form::Base)
                && !headline
                && doc.is_any(cs, &["before", "until"])
                && cs + 1 < t));
    if tied_future {
        status = Status::Expected;
    }
    let future_cue = future_cue || scheduled || tied_future;
    let (date, time_text) = match chosen {
        Some(x) => {
            // "will meet on Wednesday ..., in the first talks between them": a time borrowed from an
            // earlier clause keeps that clause's tense.
            // So does a bare noun after it ("would travel on to Vienna late on Tuesday, the first visit
            // ..."): the noun restates the verb's happening, whose tense the time was read with.
            let restated = is_noun && !asserted && x.end <= t;
            let borrowed_future = (in_clause.is_none() || restated)
                && status::cues(doc, from, x.start)
                    .iter()
                    .any(|c| matches!(c, crate::lexicon::Cue::Expected));
            let future = future_cue || x.future_only || borrowed_future;
            if (x.future_only || (restated && borrowed_future)) && status == Status::Occurred {
                status = Status::Expected;
            }
            (
                time::resolve(x.when, published, future),
                Some(doc.span(x.start, x.end).to_owned()),
            )
        }
        // "The leaders are meeting": happening as the story is filed.
        None if form == Form::Gerund
            && t > 0
            && doc.is_any(t - 1, &["is", "are", "am"])
            && status == Status::Occurred =>
        {
            (
                published.map(PartialDate::day),
                Some(doc.span(t - 1, t_end).to_owned()),
            )
        }
        None => (None, None),
    };
    // "..., summit with Prabowo on Tuesday" in a headline: a bare noun says nothing of tense, so its
    // weekday could be last week's or this; the body below tells the date, and the mention joins it.
    let (date, time_text) = if headline && is_noun && !asserted {
        (None, None)
    } else {
        (date, time_text)
    };

    // Weapon and count.
    let (mut weapon, mut count) = (None, None);
    let mut also_launched = Vec::new();
    if matches!(name, "missile_launch" | "attack") {
        let mut best: Option<(usize, usize, u16)> = None;
        let mut k = cs;
        while k < ce {
            if let Some((e, w)) = doc.ci_find(k, |x| match x {
                Entry::Weapon(w) => Some(*w),
                _ => None,
            }) {
                // A verb's object names what it launched ("tested a warhead for a cruise missile and
                // a new anti-aircraft missile": the first after the verb); otherwise the fullest name.
                let object_taken = !is_noun && best.is_some_and(|(bs, _, _)| bs >= t_end);
                let better = !object_taken
                    && (best.is_none_or(|(bs, be, _)| (e - k) > (be - bs))
                        || (!is_noun && k >= t_end));
                if better {
                    best = Some((k, e, w));
                }
                k = e;
            } else {
                k += 1;
            }
        }
        // "the Hwasong-18 intercontinental ballistic missile, which the North first flight-tested in April":
        // a relative clause's launch verb launched the noun the clause hangs on.
        if best.is_none() && !is_noun && opener == "relative" && cs >= 2 && doc.is(cs - 1, ",") {
            best = (cs.saturating_sub(7)..cs - 1).find_map(|k| {
                doc.ci_find(k, |x| match x {
                    Entry::Weapon(w) => Some(*w),
                    _ => None,
                })
                .filter(|&(e, _)| e == cs - 1)
                .map(|(e, w)| (k, e, w))
            });
        }
        let antecedent = best.is_some_and(|(ws, _, _)| ws < cs);
        if let Some((ws, we, w)) = best {
            weapon = Some(lex.weapons[w as usize].clone());
            // "a GSLV rocket carrying the NISAR satellite": a rocket that carries a satellite is a space
            // launch vehicle.
            if weapon.as_deref() == Some("rocket")
                && (we..ce.min(we + 8)).any(|k| doc.lower(k).starts_with("satellite"))
                && lex.weapons.iter().any(|x| x == "space launch vehicle")
            {
                weapon = Some("space launch vehicle".to_owned());
            }
            // "a drone attack", "two missile strikes": a number before a weapon that modifies the attack
            // noun counts the attacks, not the weapons.
            let modifies_attack = is_noun && name == "attack" && we == t;
            count = if antecedent || modifies_attack {
                None
            } else {
                count_before(doc, ws, cs)
            };
            // "put eight satellites into orbit", "a rocket carrying three satellites": a space launch is
            // counted in rockets, one unless the rockets themselves are counted.
            if weapon.as_deref() == Some("space launch vehicle") {
                let satellites = (ws..we).any(|k| doc.lower(k).starts_with("satellite"));
                if satellites || count.is_none() {
                    count = Some(1);
                }
            }
            if !is_noun && ws >= t_end && name == "missile_launch" {
                also_launched = coordinated_weapons(doc, we, ce, &lex.weapons[w as usize]);
            }
        }
        // "put three satellites into orbit with its Simorgh rocket, a launch the West says helps develop
        // ballistic missiles": what reaches orbit went up on a space launch vehicle, whatever else the
        // clause names.
        // So does "a launch" set beside it.
        let into_orbit = |k: usize| doc.is(k, "into") && doc.is(k + 1, "orbit");
        let restated = is_noun && t >= from + 2 && doc.is(t - 2, ",") && (from..t).any(into_orbit);
        if (into_orbit(t) || restated) && weapon.is_some() {
            weapon = Some("space launch vehicle".to_owned());
        }
        // "the Long March-12 itself debuted there": a rocket family named without "rocket" is what flew,
        // and with no one named, the family's state flew it.
        // So is "Europe's new Ariane 6 rocket": a rocket of a space launcher's family is one.
        if vehicle.is_some() && weapon.as_deref().is_none_or(|w| w == "rocket") {
            weapon = Some("space launch vehicle".to_owned());
            count = count.or(Some(1));
        }
        if let Some((_, Some(owner))) = vehicle.filter(|_| actors.is_empty() || carrying) {
            actors = vec![owner];
        }
    }
    let is_object = |k: usize| {
        doc.ci_find(k, |x| matches!(x, Entry::Object(_)).then_some(()))
            .is_some()
    };
    // "the Maipu Treaty, which the two countries signed in 2009": a relative clause's verb signed the
    // noun the clause hangs on.
    // So does "a five-year transit contract that Russia and Ukraine signed in December 2019".
    let antecedent_object = !is_noun
        && cs >= from + 2
        && ((opener == "relative"
            && doc.is(cs - 1, ",")
            && doc.is(cs, "which")
            && (cs.saturating_sub(4).max(from)..cs - 1).any(is_object))
            || (opener == "that"
                && doc.is(cs, "that")
                && (cs.saturating_sub(3).max(from)..cs).any(is_object)));
    let object_named = spec.has_objects && ((cs..ce).any(is_object) || antecedent_object);

    // Mode of travel.
    let mut mode = None;
    if matches!(name, "arrival" | "departure") {
        for k in t..t_end {
            if let Some(&m) = lex.mode_words.get(&doc.tok(k).to_ascii_lowercase()) {
                mode = Some(lex.modes[m as usize].clone());
            }
        }
        if mode.is_none() {
            let mut k = cs;
            while k < ce && mode.is_none() {
                if let Some((e, m)) = doc.ci_find(k, |x| match x {
                    Entry::Mode(m) => Some(*m),
                    _ => None,
                }) {
                    mode = Some(lex.modes[m as usize].clone());
                    k = e;
                } else {
                    k += 1;
                }
            }
        }
    }

    // "fired missiles at Israel", "launched drones against a tanker": fired at a target is an attack, whose
    // actor is the attacker as named and whose place is the target.
    let mut kind = kind;
    let mut name = name;
    let mut spec = spec;
    if name == "missile_launch" {
        let by_armed_group = raw_actors.iter().any(|&r| {
            matches!(r, Ref::Org(o) if lex.orgs.get(usize::from(o)).is_some_and(|org| org.group))
        });
        // "fired four cruise missiles at mock targets", "test-fired an Agni-5 from the Integrated Test Range
        // at Chandipur": a test, whatever it was fired at.
        let test_verb = ["test-fire", "test-launch", "flight-test", "test"]
            .iter()
            .any(|v| lemma_is(v));
        let at_test_aim = test_verb
            || (t_end..ce.min(t_end + 10)).any(|k| {
                doc.is_any(k, &["at", "against", "toward", "towards"])
                    && (k + 1..ce.min(k + 4)).any(|j| test_aim_point(doc, j))
            });
        let mut aim_searched = if at_test_aim { t_end..t_end } else { t_end..ce };
        if let Some(k) = aim_searched.find(|&k| {
            doc.is_any(k, &["at", "against"])
                && k + 1 < ce
                && !doc.is_any(
                    k + 1,
                    &[
                        "least",
                        "around",
                        "about",
                        "dawn",
                        "night",
                        "noon",
                        "midnight",
                        "sea",
                        "once",
                        "first",
                        "last",
                        "the",
                        "a",
                        "an",
                        "approximately",
                        "roughly",
                    ],
                )
                && !doc.tok(k + 1).starts_with(|c: char| c.is_ascii_digit())
                && !times.iter().any(|x| x.start == k || x.start == k + 1)
                || (doc.is(k, "at")
                    && k + 2 < ce
                    && doc.is_any(k + 1, &["the", "a", "an"])
                    && !times.iter().any(|x| x.start <= k + 1 && k + 1 < x.end)
                    // ("fired at a lofted angle", "at a speed of Mach 5": how it flew, not at what.)
                    && !doc.is_any(
                        k + 2,
                        &[
                            "same", "time", "end", "start", "height", "request", "lofted", "steep",
                            "speed", "altitude", "angle",
                        ],
                    ))
                // "drones launched toward the destroyer USS Carney": toward a craft or a position, not a
                // sea, is at a target.
                || (doc.is_any(k, &["toward", "towards"])
                    && doc.is_any(k + 1, DETERMINERS)
                    && (k + 2..ce.min(k + 5)).any(|j| doc.is_any(j, TARGET_NOUNS)))
                // "Hezbollah fired rockets toward Israel": an armed group's rockets are fired at its
                // enemy, not in a test; a state's "toward Japan" may be a test over the sea.
                || (by_armed_group && doc.is_any(k, &["toward", "towards"]))
        }) {
            // "fired about a dozen interceptors at the incoming missiles": shooting down what was fired
            // is air defence, neither a strike nor a launch to report.
            // ("fired missiles at drone bases" aims at what the weapon names only as a modifier.)
            let at_projectiles = (k + 1..ce.min(k + 4)).any(|j| {
                doc.is(j, "incoming")
                    || doc
                        .ci_find(j, |e| matches!(e, Entry::Weapon(_)).then_some(()))
                        .is_some_and(|(e, _)| {
                            e >= ce
                                || !doc.is_word(e)
                                || doc.is_any(e, &["and", "or", "that", "which", "over", "from"])
                        })
            });
            if at_projectiles {
                return None;
            }
            let target = places::parse(doc, ents, k + 1, ce);
            // Without a weapon named, only a named target makes it an attack.
            if let Some(ai) = lex
                .kind_index("attack")
                .filter(|_| weapon.is_some() || target.is_some())
            {
                kind = ai;
                spec = &lex.kinds[ai];
                name = spec.name.as_str();
                actors = raw_actors;
                if let Some((p, _)) = target {
                    place = Some(p);
                }
            }
        }
    }

    let distinct = actors.len();
    // "agreeing to deepen their partnership": what is agreed is an act, so the noun after it is that act's
    // object, not a document agreed; such a clause is a deal only as `agreed_to` reads it. Agreeing to meet
    // or visit is the other happening, not a deal.
    let agree_to_act = name == "agreement"
        && !is_noun
        && lemma_is("agree")
        && doc.is(to_at, "to")
        && doc.is_word(to_at + 1)
        && doc
            .ci_find(to_at + 1, |e| {
                matches!(e, Entry::Trigger { .. }).then_some(())
            })
            .is_none();
    // "Ankara and Cairo agreed to restore flights": two parties agreeing to an act is an agreement with no
    // document named.
    // "agreed to respond firmly", "agreed to stay in close contact": a shared stance after talks or a call,
    // not a deal; a deal commits the parties to a concrete act ("agreed to reopen the border").
    let stance = doc.is_any(t_end + 1, STANCE_VERBS);
    let agreed_to = agree_to_act && distinct >= 2 && !stance;
    let object_named = object_named && !agree_to_act;
    let has_person = actors.iter().any(|r| matches!(r, Ref::Person(_)));
    // "struck three Iranian nuclear sites": targets named only by their state's demonym are in that state.
    if name == "attack" && !is_noun && place.is_none() {
        const SITES: &[&str] = &[
            "sites",
            "facilities",
            "installations",
            "targets",
            "bases",
            "positions",
        ];
        let target = (t_end..ce.min(t_end + 7))
            .find(|&j| doc.is_any(j, SITES) || doc.is_any(j, TARGET_NOUNS));
        // ("three Pakistani air bases, including Nur Khan air base": the one named is the place.)
        let including = |j: usize| (j..to).any(|k| doc.is(k, "including"));
        if let Some(c) = target
            .filter(|&j| !including(j))
            .and_then(|j| modifying_demonym(doc, t_end, j))
        {
            place = lex.countries.get(usize::from(c)).map(places::country_place);
        }
    }
    let strong = !doc.quoted[t]
        && match name {
            "arrival" => distinct >= 1 && place.is_some(),
            // "left for Warsaw", "will return to Cairo": the destination the trigger itself leads into.
            "departure" => {
                distinct >= 1
                    && (place.is_some()
                        || (destination.is_some() && lemma_is("board"))
                        || (destination.is_some() && is_in(&spec.destination_preps, &last_word))
                        || (destination.is_some()
                            && doc.is_any(
                                t_end,
                                &spec
                                    .destination_preps
                                    .iter()
                                    .map(String::as_str)
                                    .collect::<Vec<_>>(),
                            )))
            }
            "meeting" => {
                distinct >= spec.min_actors.max(2) && (!is_noun || has_person || place.is_some())
            }
            "missile_launch" => distinct >= 1 && weapon.is_some(),
            "agreement" => distinct >= 1 && (object_named || is_noun || agreed_to),
            "attack" => distinct >= 1 && (place.is_some() || weapon.is_some()),
            _ => {
                distinct >= spec.min_actors
                    && (!spec.requires_weapon || weapon.is_some())
                    && (!spec.has_objects || object_named)
            }
        };
    // "left for Warsaw on a two-day visit to Poland": the visit is what the departure is for; its arrival is
    // implied, not told, so the noun only adds to an arrival the text states.
    let strong = strong && !(name == "arrival" && is_noun && trip_of_departure(doc, cs, t));
    // "a national security meeting", "an attack": an indefinite noun naming no one introduces a happening
    // of its own; it is not another mention of one already told. Unless it is told as striking ("A strike
    // hit a school in Khan Younis"): that is the news, whose attacker the next sentences may name.
    if is_noun && actors.is_empty() && indefinite(doc, cs, t) && !subject_of_impact {
        return None;
    }
    // ("Ukraine launches biggest drone attack": a headline's verb after a name reads as a noun.)
    if name == "missile_launch" && launched_attacks(doc, t_end, ce) {
        return None;
    }
    if spec.requires_weapon && weapon.is_none() && !is_noun && distinct > 0 {
        // "fired the coach": a launch verb with nothing launched is not a launch.
        return None;
    }
    if spec.has_objects && !object_named && !is_noun && !agreed_to {
        return None;
    }
    // "The UAE has signed similar agreements with India and Turkey since 2022": deals like the one told are
    // a class of others, none of them told.
    if name == "agreement" && (t_end..ce.min(t_end + 4)).any(|k| doc.is(k, "similar")) {
        return None;
    }
    // "Washington presses both sides to accept a ceasefire": accepting asked of others is no deal.
    if name == "agreement" && lemma_is("accept") && t > from && doc.is(t - 1, "to") {
        return None;
    }
    // "keep firing until a ceasefire was reached", "would not recognise any deal reached without Kyiv": a
    // deal reached only as a condition or as any at all is none made.
    if name == "agreement"
        && lemma_is("reach")
        && (t.saturating_sub(8).max(from)..t)
            .any(|k| doc.is_any(k, &["until", "unless", "if", "any"]))
    {
        return None;
    }
    Some(Candidate {
        kind,
        sent: s,
        trigger: (t, t_end),
        status,
        actors,
        place,
        destination,
        date,
        time_text,
        count,
        weapon,
        mode,
        attribution: attr.sources.clone(),
        strong,
        asserted,
        also_launched: if name == "missile_launch" {
            also_launched
        } else {
            Vec::new()
        },
        launch_site,
        precedes: if opener == "temporal" {
            came_after(doc, from, cs)
        } else {
            None
        },
        background: introduced_by_since(doc, from, t),
        place_borrowed: false,
    })
}

/// Whether what ends at token `t` is told in a "since" phrase or clause ("..., since he visited in July
/// 2000", "since the fall of the government in December"): the nearest clause mark before `t`, back to
/// `from`, is that word.
fn introduced_by_since(doc: &Doc<'_>, from: usize, t: usize) -> bool {
    (from..t)
        .rev()
        .find(|&k| doc.is_any(k, &[",", ";", "since"]))
        .is_some_and(|k| doc.is(k, "since"))
}

/// Nouns after a denial verb that make what follows an accusation the subject denies: "denies Freedonia's
/// accusation of a strike", "denied any involvement in the attack".
const ACCUSATIONS: &[&str] = &[
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "claim",
    "claims",
    "charge",
    "charges",
    "involvement",
    "responsibility",
    "role",
];

/// The attacker a denial names: the subject of a denial verb before the trigger at `t`, when the attack is
/// what the subject denies doing — the object of an accusation it denies ("denies Freedonia's accusation
/// of a drone strike", whose possessive is the accuser), or a complement with no attacker of its own
/// ("denied that its forces had carried out a strike", "denied carrying out the strike").
#[allow(clippy::too_many_arguments)]
fn denied_attacker(
    doc: &Doc<'_>,
    ents: &Entities,
    attr: &Attribution,
    actors: &[Ref],
    from: usize,
    cs: usize,
    t: usize,
    governing_denial: bool,
) -> Option<Vec<Ref>> {
    if let Some(k) = disclaimer_before(doc, from, t) {
        let subject = actor_mentions(doc, ents, attr, from, k, false, &[])
            .into_iter()
            .rev()
            .find(|m| !m.possessive)?;
        return Some(subject.refs.clone());
    }
    let d = (from..t).rev().find(|&k| {
        doc.is_any(
            k,
            &[
                "denied",
                "denies",
                "deny",
                "denying",
                "rejected",
                "rejects",
                "dismissed",
                "dismisses",
            ],
        )
    })?;
    let subject = actor_mentions(doc, ents, attr, from, d, false, &[])
        .into_iter()
        .rev()
        .find(|m| !m.possessive)?;
    let accusation =
        (d + 1..t).any(|k| doc.is_any(k, ACCUSATIONS) && doc.is_any(k + 1, &["of", "in", "for"]));
    // The complement of the denial: a "that" clause it governs, or a gerund right after it.
    let complement = actors.is_empty()
        && (governing_denial
            || (cs <= d && doc.is_word(d + 1) && doc.lower(d + 1).ends_with("ing")));
    (accusation || complement).then(|| subject.refs.clone())
}

/// "an attack in the town, in which gunmen killed 12 people": the subject of the first "in which" /
/// "during which" clause after a noun (tokens `from..to`), when a past-tense verb follows it. No other
/// trigger may stand between the noun and the clause (it would be that one's clause).
fn relative_subject(
    doc: &Doc<'_>,
    ents: &Entities,
    attr: &Attribution,
    from: usize,
    to: usize,
) -> Vec<Ref> {
    let Some(k) = (from..to.saturating_sub(2))
        .take_while(|&k| !doc.is_any(k, &[";", "that", "but", "while"]))
        .find(|&k| doc.is_any(k, &["in", "during"]) && doc.is(k + 1, "which"))
    else {
        return Vec::new();
    };
    if (from..k).any(|j| {
        doc.ci_find(j, |e| matches!(e, Entry::Trigger { .. }).then_some(()))
            .is_some()
    }) {
        return Vec::new();
    }
    let Some(m) = ents
        .in_range(k + 2, to)
        .iter()
        .find(|m| m.start == k + 2 && !attr.covers(m.start))
    else {
        return Vec::new();
    };
    let verb = m.end < to
        && doc.is_word(m.end)
        && !doc.is_cap(m.end)
        && (doc.lower(m.end).ends_with("ed")
            || doc.is_any(
                m.end,
                &["killed", "shot", "hit", "struck", "set", "took", "stormed"],
            ));
    if verb {
        m.refs.clone()
    } else {
        Vec::new()
    }
}

/// "The launch came a week after ...", "The strike comes two days after ...": the clause opened by "after"
/// at `cs` tells of an earlier happening, and by how many days when the gap is counted in days or weeks.
fn came_after(doc: &Doc<'_>, from: usize, cs: usize) -> Option<Precedes> {
    if !doc.is(cs, "after") || cs < from + 2 {
        return None;
    }
    let mut k = cs - 1;
    // The gap: "three days", "a week", "just days", "hours".
    let unit_days = match doc.lower(k).as_str() {
        "day" | "days" => Some(1),
        "week" | "weeks" => Some(7),
        "hour" | "hours" | "minutes" => Some(0),
        "month" | "months" => None,
        _ => return None,
    };
    k -= 1;
    let number = if doc.kind(k) == crate::segment::TokKind::Number {
        doc.tok(k).parse::<u64>().ok()
    } else {
        NUMBERS
            .iter()
            .find(|(w, _)| doc.is(k, w) && !matches!(*w, "both" | "pair"))
            .map(|&(_, n)| u64::from(n))
    };
    if number.is_some() {
        k = k.checked_sub(1)?;
    }
    while k > from && doc.is_any(k, &["just", "only", "barely", "some", "about", "nearly"]) {
        k -= 1;
    }
    if !doc.is_any(
        k,
        &["came", "comes", "come", "coming", "followed", "follows"],
    ) {
        return None;
    }
    // "hours after": the same day; "days after", "a month after": too vague for a day.
    let days_before = match (unit_days, number) {
        (Some(0), _) => Some(0),
        (Some(d), Some(n)) => Some(d * n),
        _ => None,
    };
    Some(Precedes {
        days_before,
        gap: (k, cs + 1),
    })
}

/// "The attack came two days after Israeli jets struck ports in Yemen": the earlier happening is dated
/// from the one the sentence's subject stands for — the last mention of the subject noun's kind told
/// before, with a day date, even one naming no actor ("A missile struck Jaffa early Saturday") — minus the
/// gap, unless its own clause gives a time.
fn date_earlier_happenings(doc: &Doc<'_>, cands: &mut [Candidate]) {
    with_earlier(cands, |head, c| {
        let Some(Precedes {
            days_before: Some(days),
            gap,
        }) = c.precedes
        else {
            return;
        };
        if c.date.is_some() || c.status != Status::Occurred {
            return;
        }
        let sent = &doc.sents[c.sent];
        // The subject: the first event noun of the sentence, before the trigger.
        let subject_kind = (sent.content..c.trigger.0).find_map(|k| {
            doc.ci_at(k).and_then(|(_, es)| {
                es.iter().find_map(|e| match e {
                    Entry::Trigger {
                        kind,
                        form: Form::Noun,
                        ..
                    } => Some(usize::from(*kind)),
                    _ => None,
                })
            })
        });
        let Some(subject_kind) = subject_kind else {
            return;
        };
        let reference = head.iter().rev().find_map(|p| {
            (p.kind == subject_kind && p.sent < c.sent && p.precedes.is_none())
                .then_some(p.date)
                .flatten()
                .and_then(|d| d.as_naive())
        });
        let Some(day) = reference.and_then(|d| d.checked_sub_days(chrono::Days::new(days))) else {
            return;
        };
        c.date = Some(PartialDate::day(day));
        c.time_text = Some(doc.span(gap.0, gap.1).to_owned());
    });
}

/// "previously met at the Vostochny Cosmodrome in September 2023, and in Vladivostok in April 2019": a
/// verbless ", and in <place> <time>" after a dated, placed happening tells of the same act again, at
/// another place and time — a happening of its own.
fn continued_elsewhere(
    doc: &Doc<'_>,
    ents: &Entities,
    times: &[TimeExpr],
    c: &Candidate,
    to: usize,
    published: Option<chrono::NaiveDate>,
) -> Option<Candidate> {
    if !c.strong || c.place.is_none() || c.date.is_none() {
        return None;
    }
    let mut k = c.trigger.1;
    while k + 3 < to {
        if doc.is_word(k) && is_verb_trigger(doc, k) {
            return None;
        }
        // "in Kananaskis from June 15 to 17 and at the NATO summit in The Hague on June 24-25".
        let and_at = if doc.is(k, ",") && doc.is(k + 1, "and") {
            Some(k + 2)
        } else {
            doc.is(k, "and").then_some(k + 1)
        };
        if let Some(at) = and_at.filter(|&at| doc.is_any(at, &["in", "at"])) {
            let (place, e) = places::parse(doc, ents, at + 1, to)?;
            let x = times
                .iter()
                .find(|x| x.start == e || (x.start == e + 1 && doc.is_any(e, &["in", "on"])))?;
            // The continuation ends the sentence or its clause: nothing else hangs on it. A day range ("June
            // 24-25") is still its time.
            let x_end =
                if doc.is(x.end, "-") && doc.kind(x.end + 1) == crate::segment::TokKind::Number {
                    x.end + 2
                } else {
                    x.end
                };
            if x_end + 1 < to && !doc.is_any(x_end, &[",", ";"]) {
                return None;
            }
            return Some(again_at(doc, c, place, x, published));
        }
        k += 1;
    }
    None
}

/// The same act as `c` told again at another place and time (see [`continued_elsewhere`], [`gapped_strike`]):
/// a happening of its own, carrying nothing of the first one's place, time or launched companions.
fn again_at(
    doc: &Doc<'_>,
    c: &Candidate,
    place: Place,
    when: &TimeExpr,
    published: Option<chrono::NaiveDate>,
) -> Candidate {
    let mut again = c.clone();
    again.place = Some(place);
    let future = matches!(c.status, Status::Expected | Status::Speculated);
    again.date = time::resolve(when.when, published, future);
    again.time_text = Some(doc.span(when.start, when.end).to_owned());
    again.also_launched.clear();
    again
}

/// "had fired six missiles at the Bryansk region on Tuesday and cruise missiles at the Kursk region on
/// Wednesday": a second object of a strike verb, with its own target and time and no verb of its own, is a
/// second strike by the same attacker.
fn gapped_strike(
    doc: &Doc<'_>,
    ents: &Entities,
    times: &[TimeExpr],
    c: &Candidate,
    to: usize,
    published: Option<chrono::NaiveDate>,
) -> Option<Candidate> {
    let lex = doc.lex();
    if lex.kinds[c.kind].name != "attack" || !c.strong || c.place.is_none() || c.date.is_none() {
        return None;
    }
    let mut k = c.trigger.1;
    while k + 3 < to {
        if doc.is_word(k) && is_verb_trigger(doc, k) {
            return None;
        }
        // The first object's own target and time come before the "and" ("126 drones and a ballistic
        // missile at Ukraine" is one strike with two weapons).
        let first_told = (c.trigger.1..k).any(|j| doc.is_any(j, &["at", "against", "on"]))
            && times.iter().any(|x| x.start >= c.trigger.1 && x.end <= k);
        if doc.is(k, "and") && first_told {
            // The second object: words up to a weapon, then its target and a time of its own.
            let (ws, we, w) = (k + 1..(k + 7).min(to)).find_map(|j| {
                doc.ci_find(j, |x| match x {
                    Entry::Weapon(w) => Some(*w),
                    _ => None,
                })
                .map(|(e, w)| (j, e, w))
            })?;
            if (k + 1..ws)
                .any(|j| !doc.is_word(j) || is_verb_trigger(doc, j) || doc.is_any(j, PREPS))
            {
                return None;
            }
            if !doc.is_any(we, &["at", "against", "on"]) {
                return None;
            }
            let (place, e) = places::target(doc, ents, we + 1, to)?;
            let x = times
                .iter()
                .find(|x| x.start == e || (x.start == e + 1 && doc.is_any(e, &["in", "on"])))?;
            let mut again = again_at(doc, c, place, x, published);
            again.weapon = Some(lex.weapons[w as usize].clone());
            again.count = count_before(doc, ws, k + 1);
            return Some(again);
        }
        k += 1;
    }
    None
}

/// "will head to Jakarta on Tuesday and then to Kuala Lumpur", "flew to Hanoi and on to Manila", "visited
/// Kinshasa and Kigali": a trip's next stop, told without a verb of its own after an arrival verb's place,
/// is a second arrival of the same traveller, in the same tense. A time right after the new place is its own; the first stop's time
/// is not carried over (the second stop comes later).
fn next_stop(
    doc: &Doc<'_>,
    ents: &Entities,
    times: &[TimeExpr],
    c: &Candidate,
    to: usize,
    published: Option<chrono::NaiveDate>,
) -> Option<Candidate> {
    let arrival = doc.lex().kind_index("arrival")?;
    if c.kind != arrival || !c.strong || c.place.is_none() {
        return None;
    }
    let is_noun = doc.ci_at(c.trigger.0).is_some_and(|(_, es)| {
        es.iter().any(|e| {
            matches!(
                e,
                Entry::Trigger {
                    form: Form::Noun,
                    ..
                }
            )
        })
    });
    if is_noun {
        return None;
    }
    // "flew to Paris and Warsaw the following day": two cities coordinated after the verb are two stops
    // on one journey, told with one time.
    let first = c.place.as_ref()?;
    if !first.is_country {
        let at = (c.trigger.1..to.min(c.trigger.1 + 8))
            .filter(|&k| doc.is_cap(k) || doc.is(k, "the"))
            .find_map(|k| places::parse(doc, ents, k, to).filter(|(p, _)| p.name == first.name));
        if let Some((_, e)) = at.filter(|&(_, e)| doc.is(e, "and") && doc.is_cap(e + 1)) {
            let second = places::parse(doc, ents, e + 1, to)
                .filter(|(p, _)| !p.is_country && p.name != first.name && p.country.is_some());
            if let Some((place, _)) = second {
                let mut next = c.clone();
                next.place = Some(place);
                next.destination = None;
                next.also_launched.clear();
                return Some(next);
            }
        }
    }
    let mut k = c.trigger.1;
    while k + 2 < to {
        if doc.is_any(k, &[";", ":"]) || (k > c.trigger.1 && is_verb_trigger(doc, k)) {
            return None;
        }
        let opener = ((doc.is(k, "and") && doc.is_any(k + 1, &["then", "on"]))
            || (doc.is(k, ",") && doc.is(k + 1, "then")))
        .then_some(k + 2);
        if let Some(at) = opener.filter(|&at| doc.is(at, "to")) {
            let (place, e) = places::parse(doc, ents, at + 1, to)?;
            let mut next = c.clone();
            next.place = Some(place);
            next.destination = None;
            let own_time = times
                .iter()
                .find(|x| x.start == e || (x.start == e + 1 && doc.is_any(e, &["on", "in"])));
            next.date = own_time
                .and_then(|x| time::resolve(x.when, published, c.status != Status::Occurred));
            next.time_text = own_time.map(|x| doc.span(x.start, x.end).to_owned());
            next.also_launched.clear();
            return Some(next);
        }
        k += 1;
    }
    None
}

/// The names of ", with A, B and C joining D and E" in `from..to`: both lists, or nothing.
fn joining_participants(doc: &Doc<'_>, ents: &Entities, from: usize, to: usize) -> Vec<Ref> {
    let Some(with) = (from..to).find(|&k| doc.is(k, "with") && k > 0 && doc.is(k - 1, ",")) else {
        return Vec::new();
    };
    // A run of names joined by commas and "and", starting at `k`: their refs and the token after it.
    let run = |mut k: usize| -> (Vec<Ref>, usize) {
        let mut refs = Vec::new();
        while let Some(m) = ents.in_range(k, k + 1).iter().find(|m| m.start == k) {
            refs.extend(m.refs.iter().copied());
            k = m.end;
            if doc.is(k, ",") && doc.is(k + 1, "and") {
                k += 2;
            } else if doc.is_any(k, &[",", "and"]) {
                k += 1;
            } else {
                break;
            }
        }
        (refs, k)
    };
    let (first, end) = run(with + 1);
    if first.is_empty() || !doc.is_any(end, &["joining", "alongside"]) {
        return Vec::new();
    }
    let (second, _) = run(end + 1);
    first.into_iter().chain(second).collect()
}

/// "his first official visit to Iraq since 2012", "the first visit to Vietnam by a French president since
/// Francois Hollande in 2016", "the first summit since 2019": a first happening "since" a time tells of the
/// last one, at that time — by the person named after "since", else by the same actors.
fn previous_since(
    doc: &Doc<'_>,
    ents: &Entities,
    times: &[TimeExpr],
    c: &Candidate,
    to: usize,
    published: Option<chrono::NaiveDate>,
) -> Option<Candidate> {
    let (t, t_end) = c.trigger;
    let noun = doc.ci_at(t).is_some_and(|(_, es)| {
        es.iter().any(|e| {
            matches!(
                e,
                Entry::Trigger {
                    form: Form::Noun,
                    ..
                }
            )
        })
    });
    let first = (t.saturating_sub(3)..t).any(|k| doc.is(k, "first"));
    // "It will be his first trip to India since December 2021": a first still to come tells of the last
    // one all the same.
    if !noun || !first || !matches!(c.status, Status::Occurred | Status::Expected) {
        return None;
    }
    // "since" after the noun's own phrase ("to Vietnam by a French president"), within a few words.
    let since = (t_end..to.min(t_end + 10))
        .take_while(|&k| !doc.is_any(k, &[",", ";", "."]))
        .find(|&k| doc.is(k, "since"))?;
    let mut k = since + 1;
    let mut actors = c.actors.clone();
    let mut named = false;
    if let Some(m) = ents.in_range(k, k + 1).iter().find(|m| m.start == k) {
        if !m.refs.iter().all(|r| matches!(r, Ref::Person(_))) {
            return None;
        }
        actors = m.refs.clone();
        named = true;
        k = m.end;
    }
    let found = times
        .iter()
        // A time's text takes in its "since" ("since December 2021"), unless a name stood between.
        .find(|x| {
            x.start == k || (x.start == k + 1 && doc.is(k, "in")) || (!named && x.start == since)
        })
        .filter(|x| {
            matches!(
                x.when,
                time::When::Year(_)
                    | time::When::Month { .. }
                    | time::When::MonthDay { .. }
                    | time::When::MonthInYear { .. }
                    | time::When::MonthDayInYear { .. }
            )
        })
        .map(|x| {
            (
                time::resolve(x.when, published, false),
                doc.span(x.start, x.end),
            )
        });
    // A bare year ("since 2012") is a time only here, after "since".
    let (date, text) = match found {
        Some(d) => d,
        None => {
            let y: i32 = doc
                .tok(k)
                .parse()
                .ok()
                .filter(|y| (1900..2100).contains(y))?;
            (Some(PartialDate::year(y)), doc.tok(k))
        }
    };
    // "the first visit by an Australian prime minister since 2016": the last one was by someone of that
    // description, not by the one visiting now; unless named, who it was is unknown.
    let by_description =
        (t_end..since).any(|k| doc.is(k, "by") && doc.is_any(k + 1, &["a", "an", "any"]));
    if by_description && !named {
        return None;
    }
    let mut before = c.clone();
    before.status = Status::Occurred;
    before.background = true;
    before.actors = actors;
    before.date = date;
    before.time_text = Some(text.to_owned());
    before.also_launched.clear();
    before.strong =
        !before.actors.is_empty() && !doc.quoted[t] && (c.strong || (named && c.place.is_some()));
    Some(before)
}

/// "Erdogan visited Cairo in February, when he and Sisi agreed to restore contacts", "last visited South
/// Africa in December, when he and Ramaphosa co-chaired a session": whatever the visitor and another did
/// together on the visit, they met, then, and where the clause says (else where the visit was).
fn met_on_the_visit(doc: &Doc<'_>, ents: &Entities, c: &Candidate, to: usize) -> Option<Candidate> {
    let lex = doc.lex();
    let (arrival, meeting) = (lex.kind_index("arrival")?, lex.kind_index("meeting")?);
    let [visitor @ Ref::Person(_)] = c.actors[..] else {
        return None;
    };
    if c.kind != arrival || c.status != Status::Occurred || !c.strong || c.background {
        return None;
    }
    let when = (c.trigger.1..to.saturating_sub(3)).find(|&k| {
        doc.is(k, ",")
            && doc.is(k + 1, "when")
            && doc.is_any(k + 2, &["he", "she"])
            && doc.is(k + 3, "and")
    })?;
    let host = ents
        .in_range(when + 4, when + 5)
        .iter()
        .find(|m| m.start == when + 4)
        .filter(|m| m.refs.iter().all(|r| matches!(r, Ref::Person(_))))?;
    let mut met = c.clone();
    met.kind = meeting;
    met.trigger = (when + 1, when + 2);
    met.actors = std::iter::once(visitor)
        .chain(host.refs.iter().copied().filter(|&r| r != visitor))
        .collect();
    if met.actors.len() < 2 {
        return None;
    }
    // "... co-chaired a session of the commission in Cape Town": a city the clause names is where.
    let named = (host.end..to)
        .filter(|&k| doc.is(k, "in"))
        .find_map(|k| places::parse(doc, ents, k + 1, to))
        .filter(|(place, _)| !place.is_country);
    if let Some((place, _)) = named {
        met.place = Some(place);
    }
    met.destination = None;
    met.mode = None;
    Some(met)
}

/// Weapons coordinated with the one a launch verb took as its object, each its own noun phrase: "and a new
/// anti-aircraft missile", "and two cruise missiles". Only "and" followed by a few lowercase modifiers may
/// sit between them; a preposition, a name or another trigger ends the object ("a warhead for a cruise
/// missile" is one thing launched), and a weapon that only restates the first ("missiles") is no new launch.
fn coordinated_weapons(
    doc: &Doc<'_>,
    mut k: usize,
    ce: usize,
    first: &str,
) -> Vec<(String, Option<u32>)> {
    let lex = doc.lex();
    let mut out: Vec<(String, Option<u32>)> = Vec::new();
    while k < ce {
        let coordinated = doc.is(k, "and") || (doc.is(k, ",") && doc.is(k + 1, "and"));
        if !coordinated {
            break;
        }
        let mut j = k + if doc.is(k, ",") { 2 } else { 1 };
        let start = j;
        let found = loop {
            if j >= ce || j > start + 3 {
                break None;
            }
            if let Some((e, w)) = doc.ci_find(j, |x| match x {
                Entry::Weapon(w) => Some(*w),
                _ => None,
            }) {
                break Some((j, e, w));
            }
            let plain = doc.is_word(j)
                && !doc.is_cap(j)
                && !doc.is_any(j, PREPS)
                && doc
                    .ci_find(j, |e| matches!(e, Entry::Trigger { .. }).then_some(()))
                    .is_none();
            if !plain {
                break None;
            }
            j += 1;
        };
        let Some((ws, we, w)) = found else { break };
        let name = &lex.weapons[w as usize];
        let restates =
            first.contains(name.as_str()) || out.iter().any(|(o, _)| o.contains(name.as_str()));
        if !restates {
            out.push((name.clone(), count_before(doc, ws, k)));
        }
        k = we;
    }
    out
}

/// "will meet Sisi and then hold a joint meeting with ...", "and to hold talks": the noun at `t` is the
/// object of "hold"/"have" coordinated with an earlier verb, so its clause shares that verb's subject.
fn coordinated_light_verb(doc: &Doc<'_>, from: usize, t: usize) -> bool {
    let Some(verb) = (t.saturating_sub(4).max(from)..t)
        .rev()
        .find(|&k| doc.is_any(k, &["hold", "holds", "held", "have", "has", "had"]))
    else {
        return false;
    };
    // Only determiners and modifiers between the verb and the noun.
    if !(verb + 1..t).all(|k| doc.is_any(k, DETERMINERS) || (doc.is_word(k) && !doc.is_cap(k))) {
        return false;
    }
    let mut k = verb;
    for filler in ["to", "then", "also", "later"] {
        if k > from && doc.is(k - 1, filler) {
            k -= 1;
        }
    }
    k > from + 1 && doc.is(k - 1, "and")
}

/// The noun at `t` opens with "a"/"an", read back over a few lowercase modifiers ("a national security").
fn indefinite(doc: &Doc<'_>, floor: usize, t: usize) -> bool {
    let mut k = t;
    while k > floor && t - k < 5 {
        k -= 1;
        if doc.is_any(k, &["a", "an"]) {
            return true;
        }
        let modifier = doc.is_word(k) && !doc.is_cap(k) && !doc.is_any(k, PREPS);
        if !modifier {
            return false;
        }
    }
    false
}

/// "four-day", "10-day", "week-long": a trip's length modifies a noun ("a four-day visit").
fn duration_modifier(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    ["-day", "-week", "-month", "-long", "-nation"]
        .iter()
        .any(|s| w.len() > s.len() && w.ends_with(s))
}

/// The noun at `t` is the trip a departure verb earlier in its clause sets out on: "left ... on a visit",
/// "departed for a tour".
fn trip_of_departure(doc: &Doc<'_>, cs: usize, t: usize) -> bool {
    let Some(departure) = doc.lex().kind_index("departure") else {
        return false;
    };
    let Some(on) = (cs.max(t.saturating_sub(5))..t)
        .rev()
        .find(|&k| doc.is_any(k, &["on", "for"]))
    else {
        return false;
    };
    (cs..on).any(|k| {
        doc.ci_at(k).is_some_and(|(_, es)| {
            es.iter().any(|e| {
                matches!(e, Entry::Trigger { kind, form, .. }
                    if usize::from(*kind) == departure && *form != Form::Noun)
            })
        })
    })
}

/// A verb of looking on governs the trigger at `t`: "witnessed the signing", "oversaw the signing of".
fn witnessed(doc: &Doc<'_>, cs: usize, t: usize) -> bool {
    (cs.max(t.saturating_sub(3))..t).any(|k| {
        doc.is_any(
            k,
            &[
                "witness",
                "witnesses",
                "witnessed",
                "witnessing",
                "oversaw",
                "oversee",
                "oversees",
                "overseeing",
                "attended",
            ],
        )
    })
}

/// The names attached to a noun trigger: "talks with X", "summit between X and Y", "meeting of X and Y",
/// "arrival of X", reading over a few modifier words ("with his counterpart, Vladimir Putin").
fn attached<'e>(
    doc: &Doc<'_>,
    after: Vec<&'e Mention>,
    from: usize,
    direct: bool,
    place_spans: &[(usize, usize)],
) -> Vec<&'e Mention> {
    let mut out = Vec::new();
    let mut k = from;
    let mut gap = 0;
    let mut introduced = direct;
    let mut last_end: Option<usize> = None;
    for (i, m) in after.iter().enumerate() {
        while k < m.start {
            // "a visit to Taipei by Nancy Pelosi", "were received in the Oval Office by Trump": the place
            // phrase stands between the trigger and its agent.
            if let Some(&(_, end)) = place_spans
                .iter()
                .find(|&&(start, end)| (start == k || start == k + 1) && doc.is(end, "by"))
            {
                k = end;
                continue;
            }
            let w = doc.tok(k);
            // "talks mediated by Qatar": the mediator is not a party.
            if doc.is(k, "by")
                && k > 0
                && doc.is_any(k - 1, &["mediated", "brokered", "facilitated"])
            {
                return out;
            }
            // "with foreign ministers from Egypt, Jordan and Qatar": the states they act for.
            let represented_from = doc.is(k, "from") && k > 0 && doc.is_any(k - 1, REPRESENTATIVES);
            // "Egypt, Saudi Arabia, Jordan and Qatar": a comma right after a name goes on with the list
            // when the list ends in "and" + a name.
            let listed = w == "," && last_end == Some(k) && list_goes_on(doc, &after[i..], k);
            // "a courtesy call on acting President Choi": the one called on is received.
            let called_on =
                doc.is(k, "on") && k >= 2 && doc.is(k - 1, "call") && doc.is(k - 2, "courtesy");
            if represented_from
                || listed
                || called_on
                || doc.is_any(k, &["with", "between", "among", "of", "by", "and"])
            {
                introduced = true;
                gap = 0;
            } else if doc.is_any(
                k,
                &[
                    "in", "at", "to", "on", "for", "from", "after", "before", "over",
                ],
            ) {
                return out;
            } else if (w == "," && introduced)
                // "met visiting U.S. Defense Secretary Pete Hegseth": the participle only describes.
                || doc.is(k, "visiting")
                || (doc.is_word(k)
                    && (!doc.is_cap(k) || introduced)
                    && doc.ci_at(k).is_none_or(|(_, es)| {
                        // "signed the pact with X": the thing agreed stands between verb and party.
                        es.iter().all(|e| {
                            matches!(
                                e,
                                Entry::DropNoun
                                    | Entry::PlaceHead
                                    | Entry::VenueNoun
                                    | Entry::Object(_)
                            )
                        })
                    }))
            {
                gap += 1;
            } else {
                return out;
            }
            if gap > 4 {
                return out;
            }
            k += 1;
        }
        if !introduced {
            return out;
        }
        out.push(*m);
        k = m.end + usize::from(m.possessive);
        last_end = Some(m.end);
        gap = 0;
        // After a name only "and" brings in another: "a summit with Putin, Kim is expected to ..." ends here.
        introduced = false;
    }
    out
}

/// After the comma at `k`, names follow one another, joined by commas, until "and" brings in the last:
/// "A, B, C and D", not "with Putin, Kim is expected to".
fn list_goes_on(doc: &Doc<'_>, rest: &[&Mention], mut k: usize) -> bool {
    for m in rest {
        let next = k + 1 + usize::from(doc.is(k + 1, "the"));
        if m.start != next {
            return false;
        }
        k = m.end;
        if doc.is(k, "and") || (doc.is(k, ",") && doc.is(k + 1, "and")) {
            return true;
        }
        if !doc.is(k, ",") {
            return false;
        }
    }
    false
}

/// The word that makes a meeting noun at `t` the purpose of its clause's verb: "for" ("arrived for talks
/// with"), "ahead of" / "before" ("ahead of a White House meeting with"), "attend" ("to attend a summit"),
/// reading back over determiners and modifiers, never before `floor`.
fn purpose_marker(doc: &Doc<'_>, floor: usize, t: usize) -> Option<usize> {
    let mut k = t;
    while k > floor && t - k < 6 {
        k -= 1;
        if doc.is_any(
            k,
            &[
                "for",
                "before",
                // "condemned the launch during a courtesy call on Choi": the one speaking was there.
                "during",
                // "holding government consultations with then-Chancellor Olaf Scholz": who holds them.
                "hold",
                "holds",
                "held",
                "holding",
                "attend",
                "attends",
                "attended",
                "attending",
            ],
        ) {
            return Some(k);
        }
        if doc.is(k, "of") && k > floor && doc.is(k - 1, "ahead") {
            return Some(k - 1);
        }
        let modifier = doc.is_any(k, DETERMINERS)
            || doc.is_cap(k)
            || (doc.is_word(k) && doc.ci_at(k).is_none())
            || doc.kind(k) == crate::segment::TokKind::Possessive;
        if !modifier {
            return None;
        }
    }
    None
}

/// The demonym opening the modifiers of a noun at `t` ("N. Korean cruise missile launch"), reading back
/// over lowercase words, numbers and weapon names, never before `floor`.
fn modifying_demonym(doc: &Doc<'_>, floor: usize, t: usize) -> Option<u16> {
    let mut chain = t;
    let mut k = t;
    let mut skipped = 0;
    while k > floor && t - k < 8 {
        k -= 1;
        let demonym = doc.demonym_at(k);
        if let Some((end, idx)) = demonym {
            if end == chain {
                return Some(idx);
            }
        }
        let modifier = doc.kind(k) == crate::segment::TokKind::Number
            || (doc.is_word(k) && !doc.is_cap(k) && !doc.is_any(k, DETERMINERS))
            || doc
                .ci_find(k, |e| matches!(e, Entry::Weapon(_)).then_some(()))
                .is_some();
        if modifier {
            chain = k;
            continue;
        }
        // The later words of a multi-word demonym ("North Korean"), reached before its first.
        skipped += 1;
        if !doc.is_cap(k) || skipped > 2 {
            return None;
        }
    }
    None
}

/// A launch-vehicle family named at token `k` with its designation ("Long March-12", "Falcon 9", "H3"): the
/// token past it and the state (or else the organisation) flying the family, when one does.
fn launch_vehicle_at(doc: &Doc<'_>, k: usize) -> Option<(usize, Option<Ref>)> {
    let first = doc.tok(k);
    if !first.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    doc.lex().launch_vehicles.iter().find_map(|v| {
        let n = v.words.len();
        if k + n > doc.len() {
            return None;
        }
        let (last, lead) = v.words.split_last()?;
        let lead_ok = lead.iter().enumerate().all(|(j, w)| doc.tok(k + j) == w);
        let tail = doc.tok(k + n - 1);
        let tail_ok = tail == last
            || tail
                .strip_prefix(last.as_str())
                .is_some_and(|rest| rest.starts_with('-') && rest.len() > 1);
        if !(lead_ok && tail_ok) {
            return None;
        }
        // "Falcon 9", "Ariane 6", "Long March 5": a designation after the name, when there is a token there.
        let designation = k + n < doc.len() && {
            let next = doc.tok(k + n);
            next.len() <= 3 && next.starts_with(|c: char| c.is_ascii_digit())
        };
        let owner = v.country.map(Ref::Country).or(v.org.map(Ref::Org));
        Some((k + n + usize::from(designation), owner))
    })
}

/// A weapon name starts at token `k`.
fn is_weapon(doc: &Doc<'_>, k: usize) -> bool {
    doc.ci_find(k, |e| matches!(e, Entry::Weapon(_)).then_some(()))
        .is_some()
}

/// The demonym before the first weapon of `cs..t`, read back over lowercase modifiers and a capitalised
/// designation or two ("Russian Soyuz rocket", "Japanese H3 rocket").
fn rocket_owner(doc: &Doc<'_>, cs: usize, t: usize) -> Option<u16> {
    let w = (cs..t).find(|&k| is_weapon(doc, k))?;
    let mut k = w;
    let mut designations = 0;
    let demonym_ending_at = |k: usize| {
        (k.saturating_sub(3).max(cs)..k).rev().find_map(|start| {
            doc.demonym_at(start)
                .filter(|&(end, _)| end == k)
                .map(|(_, idx)| idx)
        })
    };
    while k > cs {
        // "a North Korean missile": "Korean" is no designation when a demonym ends here.
        if let Some(idx) = demonym_ending_at(k) {
            return Some(idx);
        }
        let j = k - 1;
        let lower_modifier = doc.is_word(j) && !doc.is_cap(j) && !doc.is_any(j, DETERMINERS);
        let designation = doc.is_cap(j) && doc.cs_at(j).is_none() && designations < 2;
        if lower_modifier || designation || doc.kind(j) == crate::segment::TokKind::Number {
            designations += usize::from(designation);
            k = j;
        } else {
            break;
        }
    }
    demonym_ending_at(k)
}

/// The owner a weapon phrase names, when that phrase is the subject of the attack verb at `t..t_end`
/// ("a Russian ballistic missile struck", "A Houthi anti-ship missile slammed into") or its passive agent
/// ("was hit by two Houthi missiles"): a demonym's country, or an armed group.
fn weapon_bearer(
    doc: &Doc<'_>,
    ents: &Entities,
    floor: usize,
    t: usize,
    t_end: usize,
    ceil: usize,
) -> Option<Ref> {
    let lex = doc.lex();
    // Words that may stand between the owner and the weapon: "anti-ship", "ballistic", "two", "new".
    let modifier = |k: usize| {
        is_weapon(doc, k)
            || doc.kind(k) == crate::segment::TokKind::Number
            || doc.is(k, "-")
            || (doc.is_word(k) && !doc.is_cap(k) && !doc.is_any(k, DETERMINERS))
    };
    let group = |m: &Mention| match m.refs[..] {
        [Ref::Org(o)] if lex.orgs.get(usize::from(o)).is_some_and(|org| org.group) => {
            Some(Ref::Org(o))
        }
        _ => None,
    };
    // Subject: the weapon ends right before the verb; walk back over its modifiers to the owner, a name
    // ending where the modifiers begin ("North Korean", "Houthi").
    // "Israeli air strikes hit Beirut": an attack noun as the subject bears its owner the same way.
    let attack_noun_start =
        (t.saturating_sub(3).max(floor)..t).find(|&k| attack_noun_end(doc, k) == Some(t));
    if let Some(k) = attack_noun_start.or((t > floor && is_weapon(doc, t - 1)).then(|| t - 1)) {
        let mut k = k;
        while k > floor && t - k < 8 && modifier(k - 1) {
            k -= 1;
        }
        for start in (floor.max(k.saturating_sub(3))..k).rev() {
            if let Some((end, idx)) = doc.demonym_at(start) {
                if end == k {
                    return Some(Ref::Country(idx));
                }
            }
        }
        if let Some(owner) = ents
            .in_range(k.saturating_sub(1), k)
            .iter()
            .find(|m| m.end == k && m.start >= floor)
            .and_then(group)
        {
            return Some(owner);
        }
    }
    // Passive agent: "was hit by two Houthi missiles".
    if t_end < ceil && doc.is(t_end, "by") {
        let mut k = t_end + 1;
        // "by two", "by at least three": the count before the owner.
        while k < ceil
            && (doc.is_any(k, DETERMINERS)
                || doc.is_any(
                    k,
                    &["at", "least", "about", "around", "some", "more", "than"],
                )
                || doc.kind(k) == crate::segment::TokKind::Number
                || NUMBERS.iter().any(|&(w, _)| doc.is(k, w)))
        {
            k += 1;
        }
        let (owner, owner_end) = match doc.demonym_at(k) {
            Some((end, idx)) => (Ref::Country(idx), end),
            None => {
                let m = ents.at(k).filter(|m| m.start == k)?;
                (group(m)?, m.end)
            }
        };
        let mut j = owner_end;
        while j < ceil && j < owner_end + 5 {
            if is_weapon(doc, j) {
                return Some(owner);
            }
            if !modifier(j) {
                break;
            }
            j += 1;
        }
    }
    None
}

/// Words that class a weapon between its number and its name: "three new tactical ballistic missiles",
/// "two short-range solid-fuel missiles".
fn weapon_class(word: &str) -> bool {
    const CLASSES: &[&str] = &[
        "tactical",
        "strategic",
        "hypersonic",
        "supersonic",
        "subsonic",
        "guided",
        "unguided",
        "improved",
        "upgraded",
        "advanced",
        "modified",
        "nuclear-capable",
        "nuclear",
        "conventional",
        "experimental",
    ];
    const CLASS_ENDINGS: &[&str] = &[
        "-range",
        "-fuel",
        "-fuelled",
        "-fueled",
        "-launched",
        "-guided",
        // "new-type": KCNA's word for a weapon not shown before.
        "-type",
    ];
    CLASSES.contains(&word) || CLASS_ENDINGS.iter().any(|e| word.ends_with(e))
}

fn count_before(doc: &Doc<'_>, weapon_start: usize, floor: usize) -> Option<u32> {
    let mut k = weapon_start;
    let mut steps = 0;
    while k > floor && steps < 7 {
        k -= 1;
        steps += 1;
        let w = doc.tok(k).to_ascii_lowercase();
        // "what appeared to be two ballistic missiles", "what is believed to be three": the hedge is read
        // over to the number.
        if matches!(
            w.as_str(),
            "appeared" | "appear" | "seemed" | "believed" | "thought" | "to" | "be" | "is" | "were"
        ) {
            continue;
        }
        // "six U.S.-made ATACMS missiles": a designation or a maker between the number and the weapon,
        // read over without counting against the reach.
        let designation = doc.is_word(k)
            && doc.tok(k).starts_with(|c: char| c.is_ascii_uppercase())
            && doc
                .tok(k)
                .chars()
                .filter(|c| c.is_ascii_uppercase())
                .count()
                >= 2;
        const MADE: &[&str] = &["made", "built", "supplied", "designed"];
        let maker = MADE
            .iter()
            .any(|m| w.ends_with(&format!("-{m}")) || (w == *m && doc.is(k - 1, "-")))
            || (w == "-" && doc.is_any(k + 1, MADE));
        // "two Houthi missiles", "a Russian ballistic missile": the owner's name between the number and
        // the weapon, read over like a designation.
        let owner_name = doc.is_word(k)
            && doc.is_cap(k)
            && !doc.is_any(k, DETERMINERS)
            && !NUMBERS.iter().any(|&(n, _)| n == w);
        if ((designation || maker) && k > floor + 1) || (owner_name && k > floor) {
            steps -= 1;
            continue;
        }
        if steps > 4 {
            return None;
        }
        if matches!(
            w.as_str(),
            "more"
                | "or"
                | "new"
                | "suspected"
                | "unidentified"
                | "what"
                | "least"
                | "at"
                | "about"
                | "around"
                | "nearly"
                | "attack"
                | "kamikaze"
                | "one-way"
                | "some"
        ) || weapon_class(&w)
        {
            continue;
        }
        if matches!(
            w.as_str(),
            "second" | "third" | "another" | "several" | "multiple" | "the" | "its" | "their"
        ) {
            return None;
        }
        if let Some(&(_, n)) = NUMBERS.iter().find(|(word, _)| *word == w) {
            return Some(n);
        }
        if doc.kind(k) == crate::segment::TokKind::Number {
            // "Ariane 6", "Falcon 9": a number right after a name designates the rocket; it counts nothing.
            if k > 0 && doc.is_cap(k - 1) {
                return None;
            }
            return w.parse().ok().filter(|n| *n < 1000);
        }
        return None;
    }
    None
}

/// "Xi, who flew in from Paris late on Tuesday, held talks ... at the Palace of Serbia", "his first trip to
/// the North in 24 years, since he visited in July 2000": an arrival verb naming no place is at the place of
/// the visit or meeting the same sentence tells of the same traveller; its time stays its own.
fn arrival_place_from_sentence(doc: &Doc<'_>, cands: &mut [Candidate]) {
    let lex = doc.lex();
    let (Some(arrival), Some(meeting)) = (lex.kind_index("arrival"), lex.kind_index("meeting"))
    else {
        return;
    };
    for i in 0..cands.len() {
        let c = &cands[i];
        if c.kind != arrival || c.place.is_some() || c.actors.is_empty() || c.strong {
            continue;
        }
        // "during a visit to Jakarta by To Lam. Lam, who arrived on Sunday, held talks ... at the
        // presidential palace": an arrival told before with its place is the one restated; the talks'
        // venue is not where one arrives.
        let told = !c.background
            && cands[..i].iter().any(|p| {
                p.kind == arrival
                    && p.strong
                    && p.place.is_some()
                    && p.actors.iter().any(|a| c.actors.contains(a))
            });
        if told {
            continue;
        }
        let source = cands.iter().enumerate().find(|&(j, p)| {
            j != i
                && p.sent == c.sent
                && p.strong
                && (p.kind == arrival || p.kind == meeting)
                && p.place.is_some()
                && p.actors.iter().any(|a| c.actors.contains(a))
        });
        if let Some((_, p)) = source {
            let place = p.place.clone();
            let quoted = doc.quoted[c.trigger.0];
            let c = &mut cands[i];
            c.place = place;
            c.strong = !quoted;
        }
    }
}

/// "Li arrived in Pyongyang on Thursday ... Medvedev, who also arrived on Thursday": "also" says the
/// traveller came where the last arrival told came, so the arrival naming no place has that one's place.
fn also_arrived_there(doc: &Doc<'_>, cands: &mut [Candidate]) {
    let Some(arrival) = doc.lex().kind_index("arrival") else {
        return;
    };
    for i in 0..cands.len() {
        let c = &cands[i];
        let (t, _) = c.trigger;
        let also = t > 0 && doc.is(t - 1, "also")
            || t > 1 && doc.is(t - 2, "also") && doc.is_any(t - 1, &["have", "has", "had"]);
        if c.kind != arrival || c.place.is_some() || c.actors.is_empty() || !also {
            continue;
        }
        let last = cands[..i].iter().rev().find(|p| {
            p.kind == arrival
                && p.strong
                && !p.background
                && p.place.is_some()
                && p.sent + 3 >= c.sent
                && !p.actors.iter().any(|a| c.actors.contains(a))
        });
        if let Some(p) = last {
            let place = p.place.clone();
            let quoted = doc.quoted[t];
            let c = &mut cands[i];
            c.place = place;
            c.strong = !quoted;
        }
    }
}

/// "accused Thai forces of shelling a temple on Sunday, a charge Bangkok denied": the claim the sentence
/// reports ends on its denial.
fn denied_by_a_closing_apposition(doc: &Doc<'_>, cands: &mut [Candidate]) {
    const CLAIMS: &[&str] = &[
        "charge",
        "claim",
        "accusation",
        "allegation",
        "report",
        "assertion",
    ];
    const DENIALS: &[&str] = &[
        "denied",
        "denies",
        "rejected",
        "rejects",
        "dismissed",
        "dismisses",
    ];
    for c in cands.iter_mut().filter(|c| c.status == Status::Occurred) {
        let sent = &doc.sents[c.sent];
        let (_, t_end) = c.trigger;
        let closing = (t_end..sent.toks.end).find(|&k| {
            doc.is(k, ",")
                && doc.is_any(k + 1, &["a", "an"])
                && doc.is_any(k + 2, CLAIMS)
                && (k + 3..sent.toks.end.min(k + 8)).any(|j| doc.is_any(j, DENIALS))
        });
        if closing.is_some() {
            c.status = Status::Denied;
        }
    }
}

/// "The ceasefire, brokered by the United States and France": who brokers a deal or mediates talks is no
/// party to them.
fn brokers_are_no_parties(doc: &Doc<'_>, ents: &Entities, cands: &mut [Candidate]) {
    let lex = doc.lex();
    let kinds = [lex.kind_index("agreement"), lex.kind_index("meeting")];
    for c in cands.iter_mut().filter(|c| kinds.contains(&Some(c.kind))) {
        let sent = &doc.sents[c.sent];
        let Some(k) = (sent.content..sent.toks.end).find(|&k| {
            doc.is_any(k, &["brokered", "mediated", "facilitated"]) && doc.is(k + 1, "by")
        }) else {
            continue;
        };
        // The brokers: the names after "by", joined by "and" or commas.
        let end = (k + 2..sent.toks.end)
            .find(|&j| {
                doc.is_any(j, &[",", ";", "."])
                    || (doc.is(j, "and") && !doc.is_cap(j + 1) && !doc.is(j + 1, "the"))
            })
            .unwrap_or(sent.toks.end);
        let brokers: Vec<Ref> = ents
            .in_range(k + 2, end)
            .iter()
            .filter(|m| m.start >= k + 2 && m.end <= end)
            .flat_map(|m| m.refs.iter().copied())
            .collect();
        c.actors.retain(|a| !brokers.contains(a));
    }
}

/// "said the United States had played no part in the strike", "had nothing to do with the attack": the
/// token opening a disclaimer that runs up to the attack noun at `t` (past its determiner and modifiers),
/// which denies that the disclaimer's subject carried the attack out.
fn disclaimer_before(doc: &Doc<'_>, from: usize, t: usize) -> Option<usize> {
    let end = |k: usize| -> Option<usize> {
        let no_part = doc.is(k, "no")
            && doc.is_any(k + 1, &["part", "role", "involvement", "hand"])
            && doc.is(k + 2, "in");
        let nothing_to_do = doc.is(k, "nothing")
            && doc.is(k + 1, "to")
            && doc.is(k + 2, "do")
            && doc.is(k + 3, "with");
        let not_involved = doc.is(k, "not") && doc.is(k + 1, "involved") && doc.is(k + 2, "in");
        if no_part || not_involved {
            Some(k + 3)
        } else if nothing_to_do {
            Some(k + 4)
        } else {
            None
        }
    };
    (t.saturating_sub(8).max(from)..t).find(|&k| {
        end(k).is_some_and(|e| {
            (e..t).all(|j| {
                doc.is_any(j, DETERMINERS)
                    || doc.is_any(j, &["\"", "\u{201c}", "\u{201d}"])
                    || (doc.is_word(j) && !doc.is_cap(j))
            })
        })
    })
}

/// "A U.S. official said the United States had played no part in the strike": a denial of being the
/// attacker of "the strike", told with no place or day of its own, denies the strike last told, so it is
/// placed and dated as that one is; a happening of its own, since the denier is not the attacker.
fn denial_of_the_strike_told(doc: &Doc<'_>, cands: &mut [Candidate]) {
    let Some(attack) = doc.lex().kind_index("attack") else {
        return;
    };
    for i in 0..cands.len() {
        let c = &cands[i];
        let definite = c.trigger.0 > 0 && doc.is_any(c.trigger.0 - 1, &["the", "that", "this"]);
        let from = doc.sents[c.sent].content;
        if c.kind != attack
            || disclaimer_before(doc, from, c.trigger.0).is_none()
            || c.status != Status::Denied
            || c.actors.is_empty()
            || c.place.is_some()
            || c.date.is_some()
            || !definite
        {
            continue;
        }
        // The story's strike: the first the body tells with a place.
        let told = cands[..i]
            .iter()
            .find(|p| {
                p.kind == attack
                    && p.strong
                    && p.place.is_some()
                    && !p.background
                    && p.sent >= doc.headline_sents
            })
            .map(|p| (p.place.clone(), p.date, p.time_text.clone()));
        if let Some((place, date, time_text)) = told {
            let c = &mut cands[i];
            c.place = place;
            c.date = date;
            c.time_text = time_text;
            c.strong = true;
        }
    }
}

/// "Aoun condemned the Beirut strike at a news conference at the Elysee Palace": a strike someone condemns is
/// told again, not carried out by the one who condemns it, nor where the condemning was done.
fn condemned_strikes(doc: &Doc<'_>, cands: &mut [Candidate]) {
    const CONDEMN: &[&str] = &[
        "condemned",
        "condemns",
        "condemning",
        "denounced",
        "denounces",
        "criticised",
        "criticized",
        "deplored",
        "decried",
    ];
    let Some(attack) = doc.lex().kind_index("attack") else {
        return;
    };
    for c in cands.iter_mut().filter(|c| c.kind == attack) {
        let (t, _) = c.trigger;
        let from = doc.sents[c.sent].content;
        if (t.saturating_sub(4).max(from)..t).any(|k| doc.is_any(k, CONDEMN)) {
            c.actors.clear();
            c.place = None;
            c.date = None;
            c.time_text = None;
            c.strong = false;
        }
    }
}

/// "Russia accused Ukraine of striking the Sudzha station. Kyiv rejected the accusation as a fabrication":
/// the accused who rejects the charge, in the next sentences, denies the strike.
fn accusation_rejected(doc: &Doc<'_>, ents: &Entities, cands: &mut [Candidate]) {
    const REJECTS: &[&str] = &[
        "rejected",
        "rejects",
        "denied",
        "denies",
        "dismissed",
        "dismisses",
        "called",
    ];
    const CHARGES: &[&str] = &[
        "accusation",
        "accusations",
        "charge",
        "charges",
        "claim",
        "claims",
        "allegation",
        "allegations",
    ];
    let Some(attack) = doc.lex().kind_index("attack") else {
        return;
    };
    let lex = doc.lex();
    for s in 0..doc.sents.len() {
        let sent = &doc.sents[s];
        // ("Tehran denied any role in it", "denied involvement": a denial of the part it was blamed for.)
        let rejection = (sent.content..sent.toks.end).find(|&k| {
            (doc.is_any(k, REJECTS) && doc.is(k + 1, "the") && doc.is_any(k + 2, CHARGES))
                || (doc.is_any(k, &["denied", "denies"])
                    && (doc.is_any(k + 1, &["involvement", "responsibility"])
                        || (doc.is(k + 1, "any")
                            && doc.is_any(
                                k + 2,
                                &["role", "involvement", "part", "responsibility"],
                            ))))
        });
        let Some(k) = rejection else {
            continue;
        };
        // The one who rejects it: the state or group named last before the verb.
        let Some(rejecter) = ents
            .in_range(sent.content, k)
            .iter()
            .rfind(|m| m.start >= sent.content && m.end <= k)
            .and_then(|m| m.refs.first().copied())
            .and_then(|r| ents.country_of(lex, r))
        else {
            continue;
        };
        for c in cands.iter_mut().filter(|c| {
            c.kind == attack && c.sent < s && c.sent + 2 >= s && c.status == Status::Occurred
        }) {
            if c.actors
                .iter()
                .any(|&a| ents.country_of(lex, a) == Some(rejecter))
            {
                c.status = Status::Denied;
            }
        }
    }
}

/// "fired missiles at three air bases, including Nur Khan air base in Rawalpindi": targets counted, not
/// named, are named by the "including" that follows them.
fn target_named_by_including(doc: &Doc<'_>, ents: &Entities, cands: &mut [Candidate]) {
    let Some(attack) = doc.lex().kind_index("attack") else {
        return;
    };
    for c in cands
        .iter_mut()
        .filter(|c| c.kind == attack && c.place.is_none())
    {
        let to = doc.sents[c.sent].toks.end;
        let (_, t_end) = c.trigger;
        let including = (t_end..to)
            .take_while(|&k| !doc.is_any(k, &[";", "and"]))
            .find(|&k| doc.is(k, "including") && doc.is(k - 1, ","));
        if let Some(k) = including {
            if let Some((place, _)) = places::parse(doc, ents, k + 1, to) {
                c.place = Some(place);
            }
        }
    }
}

/// "flew into Manila on Thursday on his first trip to Asia": a trip the arrival is told "on" frames it; the
/// wider trip is the journey the arrival belongs to, not a second arrival at its wider place.
fn trip_framing_an_arrival(doc: &Doc<'_>, cands: &mut Vec<Candidate>) {
    let Some(arrival) = doc.lex().kind_index("arrival") else {
        return;
    };
    // "on" + up to four lowercase modifiers ("his first", "a three-day state") right before the trigger.
    let framed = |c: &Candidate| {
        let t = c.trigger.0;
        (t.saturating_sub(5)..t)
            .rev()
            .find(|&k| doc.is(k, "on"))
            .is_some_and(|k| {
                (k + 1..t).all(|g| doc.is_word(g) && !doc.is_cap(g) && !doc.is_any(g, PREPS))
            })
    };
    let drop: Vec<bool> = cands
        .iter()
        .map(|c| {
            c.kind == arrival
                && framed(c)
                && cands.iter().any(|v| {
                    v.kind == arrival
                        && v.sent == c.sent
                        && v.trigger != c.trigger
                        && v.strong
                        && !framed(v)
                        && v.actors.iter().any(|a| c.actors.contains(a))
                        // "on his first visit to Washington since 2018": a trip dated apart is the earlier
                        // one, its own happening.
                        && (c.date.is_none() || c.date == v.date)
                })
        })
        .collect();
    let mut i = 0;
    cands.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// Visits each candidate with the ones told before it: the passes that complete a candidate from what the
/// article said earlier.
fn with_earlier(cands: &mut [Candidate], mut visit: impl FnMut(&[Candidate], &mut Candidate)) {
    for i in 0..cands.len() {
        let (head, tail) = cands.split_at_mut(i);
        visit(head, &mut tail[0]);
    }
}

/// "The previous Nuri launch, in May 2023, put eight satellites into orbit", "The missile was first tested in
/// April 2012": a launch told as one of a series, naming no launcher but a time of its own, is an earlier
/// launch by the launcher of the launch told before it; so is any space launch told with its time alone.
fn launcher_of_a_series(doc: &Doc<'_>, cands: &mut [Candidate]) {
    const SERIES: &[&str] = &[
        "previous", "first", "second", "third", "fourth", "fifth", "last", "earlier", "prior",
        "maiden",
    ];
    let Some(launch) = doc.lex().kind_index("missile_launch") else {
        return;
    };
    with_earlier(cands, |head, c| {
        if c.kind != launch || !c.actors.is_empty() || c.date.is_none() {
            return;
        }
        let (t, _) = c.trigger;
        let from = doc.sents[c.sent].content;
        // "the Tianzhou-9 cargo craft would be launched in July", "its first satellite, launched on April
        // 24, 1970": a craft told launched, by no one named, goes up with the space programme told before.
        let space_craft = c.weapon.as_deref() == Some("space launch vehicle");
        if !space_craft && !(t.saturating_sub(4).max(from)..t).any(|k| doc.is_any(k, SERIES)) {
            return;
        }
        let told = head.iter().rev().find(|p| {
            p.kind == launch && p.sent < c.sent && p.strong && !p.actors.is_empty() && !p.background
        });
        if let Some(p) = told {
            c.actors = p.actors.clone();
            c.strong = true;
            c.background = true;
        }
    });
}

/// "Pakistani jets bombed the district": a strike verb with a named attacker and a day, whose place a later
/// pass found, stands alone as it would with the place named after the verb.
fn placed_strike_stands_alone(doc: &Doc<'_>, c: &Candidate) -> bool {
    let t = c.trigger.0;
    Some(c.kind) == doc.lex().kind_index("attack")
        && c.place.is_some()
        && !c.actors.is_empty()
        && !doc.quoted[t]
        && c.date.is_some()
        && !is_attack_noun(doc, t)
}

/// "In Bajil, a farming town east of Hodeidah, residents said air strikes hit a military camp", "At the
/// Mariinsky Palace, Zelensky welcomed his guest": a place fronted before the sentence's comma is where
/// what the sentence tells without a place of its own happened.
fn fronted_place(doc: &Doc<'_>, ents: &Entities, cands: &mut [Candidate]) {
    for c in cands.iter_mut().filter(|c| c.place.is_none()) {
        let sent = &doc.sents[c.sent];
        let (from, to) = (sent.content, sent.toks.end);
        let t = c.trigger.0;
        if !doc.is_any(from, &["In", "At"]) || from + 2 >= t {
            continue;
        }
        // "In the same palace" points back; "informed the administration of the attack" names one told
        // before, where it happened not being this sentence's place.
        let back_reference = doc.is_any(from + 2, &["same", "latest"])
            || (doc.is(t - 1, "the") && doc.is_any(t - 2, &["of", "about"]));
        if back_reference {
            continue;
        }
        if let Some((place, end)) = places::parse(doc, ents, from + 1, t) {
            if doc.is(end, ",") && end < to {
                c.place = Some(place);
                if placed_strike_stands_alone(doc, c) {
                    c.strong = true;
                }
            }
        }
    }
}

/// "Explosions rocked Kharkiv overnight. Russian drones struck the city early on Tuesday": a strike on "the
/// city" (town, district, province ...) with no name of its own is on the last place below country level the
/// gazetteer knows, named before that noun in its sentence or the two before. An arrival "there" in a
/// sentence that names no place before it is in the last place (a country too) the sentence before named.
fn the_city_named_before(doc: &Doc<'_>, ents: &Entities, cands: &mut [Candidate]) {
    const PLACE_NOUNS: &[&str] = &[
        "city", "town", "village", "district", "province", "region", "port", "area",
    ];
    let Some(attack) = doc.lex().kind_index("attack") else {
        return;
    };
    for c in cands
        .iter_mut()
        .filter(|c| c.kind == attack && c.place.is_none())
    {
        let (_, t_end) = c.trigger;
        let sent = &doc.sents[c.sent];
        let end = sent.toks.end.min(t_end + 4);
        let Some(noun) = (t_end..end).find(|&k| {
            doc.is(k, "the")
                && doc.is_any(k + 1, PLACE_NOUNS)
                && !doc.is(k + 2, "of")
                && !doc.is_cap(k + 2)
        }) else {
            continue;
        };
        let floor = doc.sents[c.sent.saturating_sub(2)].content;
        c.place = place_named_before(doc, ents, floor, noun, false);
        if placed_strike_stands_alone(doc, c) {
            c.strong = true;
        }
    }
    // "Not since 2023 had Erdogan been to the emirate. He arrived there on Tuesday": "there" is the place the
    // sentence before named last.
    let Some(arrival) = doc.lex().kind_index("arrival") else {
        return;
    };
    for c in cands.iter_mut().filter(|c| c.kind == arrival) {
        let (t, t_end) = c.trigger;
        let sent = &doc.sents[c.sent];
        // ("travelled to Beijing ..., in the first visit there": a sentence that names a place before the
        // trigger has its own "there".)
        if !doc.is(t_end, "there")
            || c.sent == 0
            || place_named_before(doc, ents, sent.content, t, true).is_some()
        {
            continue;
        }
        let floor = doc.sents[c.sent - 1].content;
        if let Some(p) = place_named_before(doc, ents, floor, sent.content, true) {
            c.place = Some(p);
            c.place_borrowed = false;
            c.strong |= !c.actors.is_empty() && !doc.quoted[t];
        }
    }
}

/// The last place the gazetteer knows named in `floor..upto` (a country only when `countries`), read back
/// from `upto`, skipping people's names.
fn place_named_before(
    doc: &Doc<'_>,
    ents: &Entities,
    floor: usize,
    upto: usize,
    countries: bool,
) -> Option<Place> {
    (floor..upto).rev().find_map(|k| {
        let starts_name = doc.is_cap(k) && (k == 0 || !doc.is_cap(k - 1));
        if !starts_name
            || ents
                .at(k)
                .is_some_and(|m| m.refs.iter().any(|r| matches!(r, Ref::Person(_))))
        {
            return None;
        }
        let s = doc.sents.partition_point(|x| x.toks.end <= k);
        let to = doc.sents.get(s).map_or(doc.len(), |x| x.toks.end);
        places::parse(doc, ents, k, to)
            .map(|(p, _)| p)
            // Known to the gazetteer: "on its Telegram channel" names no place.
            .filter(|p| (countries || !p.is_country) && p.country.is_some())
    })
}

/// "The JCS said several short-range ballistic missiles were fired from Ryokpho": a launch of a named weapon
/// by no one named, in a story whose every launcher is one state, is that state's. It stays a mention to
/// merge (not strong), but what it says (its sources, its count) now counts.
fn the_one_launcher_of_the_story(doc: &Doc<'_>, cands: &mut [Candidate]) {
    let Some(launch) = doc.lex().kind_index("missile_launch") else {
        return;
    };
    let mut launchers = cands
        .iter()
        .filter(|c| c.kind == launch && c.strong && !c.actors.is_empty())
        .map(|c| &c.actors);
    let Some(first) = launchers.next().cloned() else {
        return;
    };
    if first.len() != 1 || launchers.any(|a| *a != first) {
        return;
    }
    let strong_days: Vec<PartialDate> = cands
        .iter()
        .filter(|c| c.kind == launch && c.strong)
        .filter_map(|c| c.date)
        .collect();
    for c in cands
        .iter_mut()
        .filter(|c| c.kind == launch && c.actors.is_empty() && c.weapon.is_some())
    {
        c.actors = first.clone();
        // "A month earlier, on Feb. 18, a Hwasong-15 ICBM had been launched from Pyongyang International
        // Airport": a launch done on a day of its own, from a place of its own, is another launch.
        let another_day = c
            .date
            .is_some_and(|d| d.day.is_some() && !strong_days.contains(&d));
        if c.status == Status::Occurred && c.place.is_some() && another_day && !c.background {
            c.strong = true;
        }
        // "more cruise missiles would be fired in the Gulf of Oman on Friday": a launch still to come,
        // with its own place and day, is a happening of its own, not a mention of one already told.
        // ("a planned test of its own anti-ship missile": a possessive names another launcher.)
        let sent = &doc.sents[c.sent];
        let owner_named = (sent.content..sent.toks.end).any(|k| doc.is_any(k, &["its", "their"]));
        if c.status == Status::Expected
            && c.place.is_some()
            && c.date.is_some()
            && !c.background
            && !owner_named
        {
            c.strong = true;
        }
    }
}

/// "Xi leaves for Hungary later on Wednesday": a departure naming only where the traveller is headed leaves
/// the last place the article has them arrive at (a city or venue, not a whole country; a known city
/// before a venue).
fn leave_from_last_stop(doc: &Doc<'_>, cands: &mut [Candidate]) {
    let lex = doc.lex();
    let (Some(departure), Some(arrival)) = (lex.kind_index("departure"), lex.kind_index("arrival"))
    else {
        return;
    };
    with_earlier(cands, |head, c| {
        if c.kind != departure || c.place.is_some() || c.destination.is_none() {
            return;
        }
        let arrived = |p: &&Candidate| {
            p.kind == arrival
                && p.strong
                && p.actors.iter().any(|a| c.actors.contains(a))
                && p.place.as_ref().is_some_and(|pl| !pl.is_country)
        };
        // A city the gazetteer knows before a venue it does not ("landed at Halim Perdanakusuma airport"
        // after "arrived in Jakarta"): one leaves the city.
        let stop = head
            .iter()
            .rev()
            .filter(arrived)
            .find(|p| p.place.as_ref().is_some_and(|pl| pl.country.is_some()))
            .or_else(|| head.iter().rev().find(arrived));
        if let Some(p) = stop {
            c.place = p.place.clone();
        }
    });
}

/// "The European Union and Indonesia signed a free trade agreement ... Sefcovic and Hartarto signed the
/// deal at a ceremony in Brussels": "the deal" is the one just told, whoever signs it for the parties, so
/// it keeps that deal's parties (and is one happening with it).
fn the_deal_told_before(doc: &Doc<'_>, cands: &mut [Candidate]) {
    let Some(agreement) = doc.lex().kind_index("agreement") else {
        return;
    };
    with_earlier(cands, |head, c| {
        let (_, t_end) = c.trigger;
        let the_deal = doc.is(t_end, "the")
            && doc.is_any(
                t_end + 1,
                &[
                    "deal",
                    "agreement",
                    "accord",
                    "pact",
                    "treaty",
                    "memorandum",
                ],
            );
        if c.kind != agreement || !the_deal {
            return;
        }
        let told = head
            .iter()
            .rev()
            .take_while(|p| p.sent + 3 >= c.sent)
            .find(|p| p.kind == agreement && p.strong && p.sent < c.sent && !p.actors.is_empty());
        if let Some(p) = told {
            c.actors = p.actors.clone();
        }
    });
}

/// "After the talks, the two signed a joint statement", "The two sides signed 17 agreements": a deal signed
/// in the narrative of a meeting, by its participants or their states, was signed where and when the
/// meeting was held, unless its own sentence names a time or place. The meeting may be told up to two
/// sentences before.
fn inherit_meeting(doc: &Doc<'_>, ents: &Entities, cands: &mut [Candidate]) {
    let lex = doc.lex();
    let (Some(agreement), Some(meeting)) = (lex.kind_index("agreement"), lex.kind_index("meeting"))
    else {
        return;
    };
    let countries = |actors: &[Ref]| -> Vec<u16> {
        actors
            .iter()
            .filter_map(|&r| ents.country_of(lex, r))
            .collect()
    };
    with_earlier(cands, |head, c| {
        // "Afterwards, officials signed five memorandums": signed by nobody named, on behalf of the states
        // whose leaders just met.
        let by_officials = c.actors.is_empty()
            && (doc.sents[c.sent].content..c.trigger.0)
                .rev()
                .take(4)
                .any(|k| doc.is_any(k, &["officials", "ministers", "delegations"]));
        if c.kind != agreement
            || c.status != Status::Occurred
            || (c.actors.is_empty() && !by_officials)
            || c.precedes.is_some()
        {
            return;
        }
        let sent = &doc.sents[c.sent];
        let own_time = !time::find(doc, sent.content, sent.toks.end).is_empty();
        let timeless = c.date.is_none() && !own_time;
        // Anywhere in the sentence: "Ministers signed the agreements in the Great Hall after the talks".
        let after_at = |k: usize| {
            doc.is_any(k, &["after", "following"])
                && doc.is(k + 1, "the")
                && doc.is_any(k + 2, &["talks", "meeting", "summit", "meetings"])
        };
        let after_the_meeting = (sent.content..sent.toks.end).any(after_at);
        // "After the summit, ...": the summit's day, over whatever day the narrative had reached.
        let timeless = timeless || (after_the_meeting && !own_time);
        if !timeless && c.place.is_some() {
            return;
        }
        let mine = countries(&c.actors);
        // "After the talks, ...": the meeting it names is the last one told, however far back.
        let reach = if after_the_meeting { usize::MAX } else { 2 };
        let held = |p: &&Candidate| {
            p.kind == meeting
                && p.strong
                && p.status == Status::Occurred
                && p.sent.saturating_add(reach) >= c.sent
        };
        // "After the summit, the two leaders issued a joint statement": the meeting of both signers, past
        // an audience one of them had in between; failing that, the last one either attended.
        let of_all = (c.actors.len() >= 2)
            .then(|| {
                head.iter()
                    .rev()
                    .filter(held)
                    .find(|p| c.actors.iter().all(|a| p.actors.contains(a)))
            })
            .flatten();
        let Some(p) = of_all.or_else(|| {
            head.iter()
                .rev()
                .take_while(|p| p.sent.saturating_add(reach) >= c.sent)
                .filter(held)
                .find(|p| {
                    by_officials
                        || p.actors.iter().any(|a| c.actors.contains(a))
                        || countries(&p.actors).iter().any(|x| mine.contains(x))
                })
        }) else {
            return;
        };
        if by_officials {
            let mut states: Vec<u16> = countries(&p.actors);
            states.sort_unstable();
            states.dedup();
            if states.len() < 2 {
                return;
            }
            c.actors = states.into_iter().map(Ref::Country).collect();
            c.strong = true;
        }
        if timeless && p.date.is_some() {
            c.date = p.date;
            c.time_text = p.time_text.clone();
        }
        if c.place.is_none() {
            c.place = p.place.clone();
        }
    });
}

/// "Aliyev and Pashinyan met in Abu Dhabi for talks hosted by the United Arab Emirates": a state that hosts
/// or mediates talks is not one of their parties (a person hosting is: "a ceremony hosted by Trump").
fn hosts_are_no_parties(doc: &Doc<'_>, ents: &Entities, cands: &mut [Candidate]) {
    let Some(meeting) = doc.lex().kind_index("meeting") else {
        return;
    };
    for c in cands.iter_mut().filter(|c| c.kind == meeting) {
        let to = doc.sents[c.sent].toks.end;
        let hosts: Vec<Ref> = (c.trigger.0..to)
            .filter(|&k| {
                doc.is_any(k, &["hosted", "mediated", "brokered", "facilitated"])
                    && doc.is(k + 1, "by")
            })
            .flat_map(|k| {
                let at = k + 2 + usize::from(doc.is(k + 2, "the"));
                ents.in_range(at, at + 1)
                    .iter()
                    .filter(move |m| m.start == at)
                    .flat_map(|m| m.refs.iter().copied())
            })
            .filter(|r| matches!(r, Ref::Country(_)))
            .collect();
        if !hosts.is_empty() {
            c.actors.retain(|r| !hosts.contains(r));
            c.strong &= !c.actors.is_empty();
        }
    }
}

/// "Modi will travel to Sendai with Ishiba", "arrived, accompanied by Rosangela da Silva": who travels with the
/// traveller travels too. Only a "with" right after the trigger or the place it goes to counts ("arrived for
/// talks with Putin" is a meeting's).
fn travelling_with(doc: &Doc<'_>, ents: &Entities, cands: &mut [Candidate]) {
    let lex = doc.lex();
    let travel = [lex.kind_index("arrival"), lex.kind_index("departure")];
    for c in cands.iter_mut() {
        if !travel.contains(&Some(c.kind)) || c.actors.is_empty() {
            continue;
        }
        let to = doc.sents[c.sent].toks.end;
        let (_, t_end) = c.trigger;
        let with = (t_end..to.min(t_end + 10))
            .take_while(|&k| !doc.is_any(k, &[",", ";", "for", "and"]))
            .find(|&k| {
                doc.is(k, "with")
                    && (k == t_end
                        || doc.is_cap(k - 1)
                        || doc.is_any(k - 1, &["morning", "afternoon", "evening", "night"]))
            });
        // "arrived on Monday aboard a plane, accompanied by his wife": the participle names companions
        // anywhere in the clause after the trigger.
        // So does one set off by commas before it: "Ishiba, accompanied by his wife Yoshiko, left Tokyo".
        let from = doc.sents[c.sent].content;
        let accompanied = || {
            (t_end..to)
                .take_while(|&k| !doc.is_any(k, &[";", "and"]))
                .find(|&k| doc.is(k, "accompanied") && doc.is(k + 1, "by"))
                .or_else(|| {
                    (from..c.trigger.0).find(|&k| {
                        k > from
                            && doc.is(k - 1, ",")
                            && doc.is(k, "accompanied")
                            && doc.is(k + 1, "by")
                    })
                })
                .map(|k| k + 1)
        };
        let Some(k) = with.or_else(accompanied) else {
            continue;
        };
        // "with his wife, Rosangela da Silva": the name in apposition to a relative is the companion.
        let named_at = if doc.is_any(k + 1, &["his", "her"])
            && doc.is_any(k + 2, &["wife", "husband", "spouse", "daughter", "son"])
        {
            k + 3 + usize::from(doc.is(k + 3, ","))
        } else {
            k + 1
        };
        let companion = ents
            .in_range(named_at, named_at + 1)
            .iter()
            .find(|m| m.start == named_at && m.refs.iter().all(|r| matches!(r, Ref::Person(_))));
        if let Some(m) = companion {
            for &r in &m.refs {
                if !c.actors.contains(&r) {
                    c.actors.push(r);
                }
            }
        }
    }
}

/// "His plane landed in Cairo. He was expected to meet al-Sisi later on Thursday", "is scheduled to fly to
/// Erbil to meet Barzani": a meeting still to come, with no place of its own, is held where its participant
/// has just arrived (told in the sentence before or its own), or where the trip its sentence tells first
/// is going. A sentence that places a meeting itself ("when and where they would meet is unknown, though
/// reports said the summit would take place at the cosmodrome") has told where, and lends no place.
fn meet_where_visiting(doc: &Doc<'_>, cands: &mut [Candidate]) {
    let lex = doc.lex();
    let (Some(meeting), Some(arrival), Some(departure)) = (
        lex.kind_index("meeting"),
        lex.kind_index("arrival"),
        lex.kind_index("departure"),
    ) else {
        return;
    };
    let placed_in: Vec<usize> = cands
        .iter()
        .filter(|p| p.kind == meeting && p.place.is_some())
        .map(|p| p.sent)
        .collect();
    with_earlier(cands, |head, c| {
        if c.kind != meeting
            || c.status != Status::Expected
            || c.place.is_some()
            || !c.strong
            || c.background
            || placed_in.contains(&c.sent)
        {
            return;
        }
        // "will leave for Kampala on Wednesday and is due to meet Museveni": the trip is going elsewhere.
        let left = head
            .iter()
            .rev()
            .take_while(|p| p.sent == c.sent)
            .find(|p| {
                p.kind == departure
                    && !p.background
                    && p.trigger.0 < c.trigger.0
                    && p.actors.iter().any(|a| c.actors.contains(a))
            });
        if let Some(p) = left {
            if let Some(to) = p.destination.as_ref().filter(|d| !d.is_country) {
                c.place = Some(to.clone());
                c.place_borrowed = true;
            }
            return;
        }
        let visit = head
            .iter()
            .rev()
            .take_while(|p| p.sent + 1 >= c.sent)
            .find(|p| {
                p.kind == arrival
                    && p.strong
                    && !p.background
                    && p.actors.iter().any(|a| c.actors.contains(a))
                    && p.place.as_ref().is_some_and(|pl| !pl.is_country)
                    && (p.status == Status::Occurred
                        || (p.status == Status::Expected
                            && p.sent == c.sent
                            && p.trigger.0 < c.trigger.0))
            });
        if let Some(p) = visit {
            c.place = p.place.clone();
            c.place_borrowed = true;
        }
    });
}

/// "HANOI (Reuters) - ... Macron landed in Hanoi late on Sunday ... Macron later held talks with To Lam": a
/// meeting or deal naming no venue, with a participant whose arrival in the dateline's city in the days
/// before publication the story tells, is held in that city: the reporter files from where the visit is.
/// Not once the visitor has moved on: a meeting after a departure from the city, or after an arrival
/// elsewhere ("will leave for Rio later on Saturday to attend the BRICS summit on Sunday"), borrows
/// nothing, and a meeting still to come borrows only with a day that says it comes before any such move.
fn meet_in_the_dateline_city(
    doc: &Doc<'_>,
    published: Option<chrono::NaiveDate>,
    cands: &mut [Candidate],
) {
    let lex = doc.lex();
    let (Some(meeting), Some(agreement), Some(arrival), Some(departure)) = (
        lex.kind_index("meeting"),
        lex.kind_index("agreement"),
        lex.kind_index("arrival"),
        lex.kind_index("departure"),
    ) else {
        return;
    };
    let (Some(city), Some(published)) = (places::dateline_city(doc), published) else {
        return;
    };
    let in_city = |p: &Option<Place>| p.as_ref().is_some_and(|pl| pl.name == city.name);
    let recent = |d: &Option<PartialDate>| {
        d.and_then(|d| d.as_naive())
            .is_some_and(|d| (-1..=7).contains(&(published - d).num_days()))
    };
    let visits: Vec<(Vec<Ref>, PartialDate)> = cands
        .iter()
        .filter(|p| {
            p.kind == arrival
                && p.strong
                && !p.background
                && p.status == Status::Occurred
                && in_city(&p.place)
                && recent(&p.date)
        })
        .filter_map(|p| Some((p.actors.clone(), p.date?)))
        .collect();
    // Where a traveller went next: (who, when, the sentence told, whether it has happened).
    let moves: Vec<(Vec<Ref>, Option<PartialDate>, usize, bool)> = cands
        .iter()
        .filter(|p| {
            !p.background
                && ((p.kind == departure && (p.place.is_none() || in_city(&p.place)))
                    || (p.kind == arrival && p.place.is_some() && !in_city(&p.place)))
        })
        .map(|p| {
            (
                p.actors.clone(),
                p.date,
                p.sent,
                p.status == Status::Occurred,
            )
        })
        .collect();
    for c in cands.iter_mut() {
        if (c.kind != meeting && c.kind != agreement)
            || c.place.is_some()
            || !c.strong
            || c.background
            || !matches!(c.status, Status::Occurred | Status::Expected)
            || (c.status == Status::Expected && c.date.is_none())
        {
            continue;
        }
        let shares = |actors: &[Ref]| actors.iter().any(|a| c.actors.contains(a));
        let visiting = visits.iter().any(|(actors, arrived)| {
            shares(actors)
                && c.date.is_none_or(|d| d >= *arrived)
                && !moves.iter().any(|(who, when, sent, happened)| {
                    shares(who)
                        && when.is_none_or(|w| w > *arrived)
                        && match (c.date, when) {
                            (Some(d), Some(w)) => *w <= d,
                            (Some(_), None) => *sent == c.sent,
                            (None, _) => *happened || *sent == c.sent,
                        }
                })
        });
        if visiting {
            c.place = Some(city.clone());
            c.place_borrowed = true;
        }
    }
}

/// "Xi's jet touched down on Monday afternoon ... A welcome ceremony followed ... Xi then held talks with
/// To Lam": a meeting or deal the story tells as done, with no time in its sentence and none its neighbour
/// lends ([`inherit_narrative`]), happened on the story's day so far: the day of the last happening told
/// as done before it, when that is the day the story reports (the day before publication or the day of it,
/// and the lead's day if the lead has one) and happened where the meeting did. A narrative of the past
/// ("they first met in June") names its time and is left alone; only arrivals, departures, meetings and
/// deals tell a trip's day.
fn on_the_narrative_day(
    doc: &Doc<'_>,
    published: Option<chrono::NaiveDate>,
    cands: &mut [Candidate],
) {
    let lex = doc.lex();
    let (Some(meeting), Some(agreement), Some(published)) = (
        lex.kind_index("meeting"),
        lex.kind_index("agreement"),
        published,
    ) else {
        return;
    };
    // A strike or a launch runs on a clock of its own: the talks told after it are not dated by it.
    let diplomatic = |kind: usize| {
        matches!(
            lex.kinds[kind].name.as_str(),
            "arrival" | "departure" | "meeting" | "agreement"
        )
    };
    let lead_day = cands
        .iter()
        .find(|c| {
            c.sent == doc.headline_sents
                && c.status == Status::Occurred
                && !c.background
                && c.date.is_some()
        })
        .and_then(|c| c.date);
    with_earlier(cands, |head, c| {
        if !((c.kind == meeting || c.kind == agreement)
            && c.status == Status::Occurred
            && c.date.is_none()
            && c.strong
            && !c.background
            && c.precedes.is_none()
            && c.sent > doc.headline_sents)
        {
            return;
        }
        let sent = &doc.sents[c.sent];
        if !time::find(doc, sent.content, sent.toks.end).is_empty() {
            return;
        }
        let Some(day) = head.iter().rev().find(|p| {
            p.sent >= doc.headline_sents
                && p.sent < c.sent
                && p.status == Status::Occurred
                && p.strong
                && !p.background
                && p.date.is_some()
                && diplomatic(p.kind)
        }) else {
            return;
        };
        let recent = day
            .date
            .and_then(|d| d.as_naive())
            .is_some_and(|d| (0..=1).contains(&(published - d).num_days()));
        let country = |p: &Option<Place>| p.as_ref().and_then(|p| p.country.clone());
        let elsewhere = matches!(
            (country(&c.place), country(&day.place)),
            (Some(a), Some(b)) if a != b
        );
        if recent && !elsewhere && lead_day.is_none_or(|d| Some(d) == day.date) {
            c.date = day.date;
            c.time_text = day.time_text.clone();
        }
    });
}

/// A careful reader dates an undated happening by the narrative around it: an occurred candidate with no
/// time takes the date of an occurred candidate sharing an actor in the previous sentence, and a meeting with
/// no place takes the place of such an arrival, in that sentence or its own ("arrived at Khasan ... He met
/// the minister"). Background ([`Candidate::background`]) dates nothing, and of several dated ones the
/// latest is the narrative's.
fn inherit_narrative(doc: &Doc<'_>, cands: &mut [Candidate]) {
    let lex = doc.lex();
    with_earlier(cands, |head, c| {
        // An earlier happening ("came two days after ...") is dated by its gap, not by its neighbours.
        if c.status != Status::Occurred || !c.strong || c.actors.is_empty() || c.precedes.is_some()
        {
            return;
        }
        // "It is Ishiba's first trip to Vietnam since he took office": a trip counted among others, after the
        // traveller's arrival was told, describes that arrival and has its day, not the last day told.
        let (t, _) = c.trigger;
        let counted = lex.kinds[c.kind].name == "arrival"
            && (t.saturating_sub(3)..t)
                .any(|k| doc.is_any(k, &["first", "second", "third", "maiden", "latest"]));
        if counted && c.date.is_none() {
            let arrived = head.iter().find(|p| {
                p.kind == c.kind
                    && p.strong
                    && !p.background
                    && p.date.is_some()
                    && p.actors.iter().any(|a| c.actors.contains(a))
            });
            if let Some(p) = arrived {
                c.date = p.date;
                c.time_text = p.time_text.clone();
                return;
            }
        }
        let sent = &doc.sents[c.sent];
        // A sentence naming any time of its own ("reported on Tuesday") is not dated by its neighbours. Its
        // times are only looked for when the candidate has no date.
        // "since the fall of the government in December" is a reference point ([`Candidate::background`]),
        // not the sentence's own time.
        let dated = c.date.is_some()
            || time::find(doc, sent.content, sent.toks.end)
                .iter()
                .any(|x| !introduced_by_since(doc, sent.content, x.end));
        let mut placed = c.place.is_some() || lex.kinds[c.kind].name != "meeting";
        let told_with = |p: &Candidate| {
            p.strong
                && p.status == Status::Occurred
                && p.actors.iter().any(|a| c.actors.contains(a))
        };
        // "India fired missiles at three air bases early on Saturday. Pakistan then launched drones":
        // "then" goes on from the happening just told, whoever acts.
        let then = (sent.content..c.trigger.0).any(|k| doc.is(k, "then"));
        if !dated {
            let latest = head
                .iter()
                .rev()
                .take_while(|p| p.sent + 1 >= c.sent)
                .filter(|p| {
                    p.sent + 1 == c.sent
                        && p.date.is_some()
                        && !p.background
                        && (told_with(p) || (then && p.strong && p.status == Status::Occurred))
                })
                .max_by_key(|p| p.date);
            if let Some(p) = latest {
                c.date = p.date;
                c.time_text = p.time_text.clone();
            }
        }
        for p in head.iter().rev() {
            if p.sent + 1 < c.sent || placed {
                break;
            }
            if !told_with(p) {
                continue;
            }
            if !placed
                && lex.kinds[p.kind].name == "arrival"
                && p.place.as_ref().is_some_and(|pl| !pl.is_country)
            {
                c.place = p.place.clone();
                c.place_borrowed = true;
                placed = true;
            }
        }
    });
}
