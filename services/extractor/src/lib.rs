//! dateline extractor library: articles in, typed events out.
//!
//! [`extract`] is a pure, deterministic function of an [`Article`] and a [`Lexicon`]: it never panics, never
//! does I/O and compiles nothing per call (the lexicon's Aho-Corasick automata are built once, when it is
//! loaded). The text it reads is `headline + "\n\n" + body` when the article has a headline, else the body;
//! every [`Evidence`] offset is a byte offset into that text.
//!
//! The pipeline, one module per step:
//! - [`segment`]: tokens and sentences (abbreviations, initials, quotes, captions, datelines);
//! - [`lexicon`]: the data (kinds, triggers, cues, countries, organisations, titles), loaded from TOML;
//! - [`matcher`]: the longest lexicon phrase at each token, both vocabularies in one walk;
//! - [`doc`]: the article's text, tokens, sentences and lexicon matches;
//! - [`entities`]: people, countries and organisations, and coreference of their mentions;
//! - [`state_pronoun`]: "it" as the subject of an event verb, bound to the state it stands for;
//! - [`places`] and [`gazetteer`]: place phrases and where place names' countries come from (GeoNames, built in);
//! - [`time`]: time expressions normalised against the publication date;
//! - [`status`]: occurred / expected / speculated / denied from scoped cues;
//! - [`attribution`]: who the article says reports it;
//! - [`frames`]: each trigger filled in with its arguments (one candidate per mention);
//! - [`merge`]: one event per happening per article.
//!
//! Precision comes before recall: photo captions, hypothetical and habitual clauses, kinds of act ("for
//! launching missiles") and mentions naming too little to stand alone do not make events.

pub mod attribution;
pub mod doc;
pub mod entities;
pub mod eval;
pub mod frames;
pub mod gazetteer;
pub mod lexicon;
pub mod matcher;
pub mod merge;
pub mod places;
pub mod segment;
pub mod service;
pub mod state_pronoun;
pub mod status;
pub mod time;

/// The parties an event names, without a state that one of its people (for talks and deals) or one of its
/// groups (for strikes) already stands for: "Trump and Zelensky" over "the United States" told elsewhere,
/// "Yemen's Houthis" without Yemen. A deal its first report names by states ("the two countries signed 20
/// agreements") keeps the states, and the leaders who stand for them are not listed again.
fn parties(
    kind: &str,
    actors: &[entities::Ref],
    first_told: &[entities::Ref],
    ents: &entities::Entities,
    lexicon: &Lexicon,
) -> Vec<entities::Ref> {
    use entities::Ref;
    let by_states = kind == "agreement"
        && first_told.len() >= 2
        && first_told
            .iter()
            .all(|r| matches!(r, Ref::Country(_)) && actors.contains(r));
    if by_states {
        let states: Vec<u16> = first_told
            .iter()
            .filter_map(|&r| ents.country_of(lexicon, r))
            .collect();
        return actors
            .iter()
            .copied()
            .filter(|&r| {
                matches!(r, Ref::Country(_))
                    || !ents
                        .country_of(lexicon, r)
                        .is_some_and(|c| states.contains(&c))
            })
            .collect();
    }
    let stands_for = |r: &Ref| match (kind, r) {
        ("meeting" | "agreement", Ref::Person(_)) | ("attack", Ref::Org(_)) => {
            ents.country_of(lexicon, *r)
        }
        _ => None,
    };
    let covered: Vec<u16> = actors.iter().filter_map(stands_for).collect();
    actors
        .iter()
        .copied()
        .filter(|r| !matches!(r, Ref::Country(c) if covered.contains(c)))
        .collect()
}

#[cfg(test)]
mod corpus_scores;
#[cfg(test)]
mod seeds;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use dateline_shared::ids::stable_id;
use dateline_shared::{Article, Event, EventTime, Evidence};

pub use gazetteer::{GazEntry, Gazetteer, TsvGazetteer};
pub use lexicon::{Lexicon, LexiconError};

/// The text extraction reads: `headline + "\n\n" + body`, or the body alone.
pub fn extraction_text(article: &Article) -> Cow<'_, str> {
    match article.headline.as_deref().filter(|h| !h.trim().is_empty()) {
        Some(h) => Cow::Owned(format!("{h}\n\n{}", article.body)),
        None => Cow::Borrowed(article.body.as_str()),
    }
}

/// How many of the text's sentences belong to the headline (it comes first, before a blank line).
fn headline_sents(article: &Article, doc: &doc::Doc<'_>) -> usize {
    match article.headline.as_deref().filter(|h| !h.trim().is_empty()) {
        Some(h) => doc.sents.iter().take_while(|s| s.start < h.len()).count(),
        None => 0,
    }
}

/// Every event the article reports, one per happening, in order of first mention.
pub fn extract(article: &Article, lexicon: &Lexicon) -> Vec<Event> {
    let text = extraction_text(article);
    let mut doc = doc::Doc::new(&text, lexicon);
    doc.headline_sents = headline_sents(article, &doc);
    doc.dateline = article.dateline.clone().or_else(|| doc.body_dateline());
    doc.outlet = article.outlet.clone();
    let ents = entities::find(&doc);
    let published = article.published_date();
    let cands = frames::candidates(&doc, &ents, published);
    let country_of = |r| ents.country_of(lexicon, r);
    let happenings = merge::merge(
        &cands,
        merge::SpecialKinds {
            arrival: lexicon.kind_index("arrival"),
            meeting: lexicon.kind_index("meeting"),
            agreement: lexicon.kind_index("agreement"),
            missile_launch: lexicon.kind_index("missile_launch"),
        },
        published,
        &country_of,
        doc.headline_sents,
    );
    // News agencies the article names, with their countries: "state media" stands for one of them.
    let agencies: Vec<&lexicon::Org> = ents
        .mentions
        .iter()
        .filter_map(|m| match m.refs[..] {
            [entities::Ref::Org(i)] => lexicon.orgs.get(usize::from(i)).filter(|o| o.agency),
            _ => None,
        })
        .collect();
    let version = article.version.to_string();
    let mut events: Vec<Event> = happenings
        .into_iter()
        .filter(|h| !h.actors.is_empty())
        .map(|h| {
            let kind = lexicon.kinds[h.kind].name.clone();
            // The first report is the body's: a headline names parties in its own shorthand.
            let first_told = h
                .mentions
                .iter()
                .find(|&&m| cands[m].sent >= doc.headline_sents)
                .unwrap_or(&h.mentions[0]);
            let actors = parties(&kind, &h.actors, &cands[*first_told].actors, &ents, lexicon)
                .iter()
                .map(|r| ents.actor(lexicon, *r))
                .collect();
            let first = &cands[h.mentions[0]];
            let first_start = doc.sents[first.sent].start.to_string();
            let best = h
                .mentions
                .iter()
                .copied()
                .max_by_key(|&m| {
                    let c = &cands[m];
                    let score = 2 * usize::from(c.strong)
                        + c.actors.len()
                        + usize::from(c.place.is_some())
                        + usize::from(c.date.is_some())
                        + usize::from(c.weapon.is_some())
                        + usize::from(c.destination.is_some());
                    (score, std::cmp::Reverse(m))
                })
                .unwrap_or(h.mentions[0]);
            let sent = &doc.sents[cands[best].sent];
            let evidence = Evidence {
                text: text[sent.start..sent.end].to_owned(),
                start: sent.start,
                end: sent.end,
            };
            let mut attribution = h.attribution;
            if attribution.iter().any(|a| attribution::is_state_media(a)) {
                let codes: Vec<&str> = h
                    .actors
                    .iter()
                    .filter_map(|&r| ents.country_of(lexicon, r))
                    .filter_map(|c| lexicon.countries.get(usize::from(c)))
                    .map(|c| c.code.as_str())
                    .collect();
                for o in &agencies {
                    let of_actor = o.country.as_deref().is_some_and(|c| codes.contains(&c));
                    if of_actor && !attribution.contains(&o.name) {
                        attribution.push(o.name.clone());
                    }
                }
            }
            Event {
                id: stable_id("ev-", &[&article.id, &version, &kind, &first_start]),
                kind,
                status: h.status,
                actors,
                place: h.place,
                time: h.time_text.map(|text| EventTime { date: h.date, text }),
                attribution,
                article_id: article.id.clone(),
                article_version: article.version,
                outlet: article.outlet.clone(),
                published_at: article.published_at,
                evidence,
                article_events: 0,
                count: h.count,
                weapon: h.weapon,
                mode: h.mode,
                destination: h.destination,
            }
        })
        .collect();
    let n = events.len() as u32;
    // Two happenings of one kind first told in one sentence ("met Chinh and, separately, Man") would share
    // an id, and the broker would drop the second as a duplicate publish: each after the first gets its
    // ordinal in the id too, so ids stay deterministic and the first keeps the id it always had.
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for e in &mut events {
        e.article_events = n;
        let repeats = seen.entry(e.id.clone()).or_insert(0);
        if *repeats > 0 {
            e.id = stable_id("ev-", &[&e.id, &repeats.to_string()]);
        }
        *repeats += 1;
    }
    events
}
