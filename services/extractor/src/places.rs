//! Place phrases: what follows a kind's place preposition ("in", "at", "from", "into" ...) resolved to a
//! [`Place`].
//!
//! Understood shapes: a country, capital, metonym or known place from the lexicon ("in Russia", "at the
//! Kremlin"); a capitalised name, with a venue noun kept ("Vostochny cosmodrome" → "Vostochny Cosmodrome")
//! and a transport noun dropped ("Khasan station" → "Khasan"); descriptions ending in "of" + name ("the
//! Russian border city of Khasan", "the area of the eastern port city of Wonsan"); and a country given by a
//! possessive, a demonym or a trailing ", Country" ("Russia's Vostochny cosmodrome", "Samarkand,
//! Uzbekistan"); "the Omani capital" is the country's capital city; an occasion in a city ("the World
//! Economic Forum in Davos") is the city; a name running into a country's name ("Port Sudan") is one place
//! when the gazetteer knows it, and so is a sea named after a country ("East China Sea") or a feature named
//! after "of" ("Bay of Bengal"). Other countries come from the lexicon's places or the plugged-in [`crate::gazetteer`].
//! People are never places.

use dateline_shared::Place;

use crate::doc::Doc;
use crate::entities::{Entities, Ref};
use crate::lexicon::{Country, CountryForm, Entry};
use crate::segment::TokKind;

fn titlecase(word: &str) -> String {
    word.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lowercase words inside place names: "Rio de Janeiro", "Dar es Salaam", "Port of Spain".
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "des", "es", "el", "al", "la", "of",
];

/// Adjectives naming a part of a place by its direction ("western Niger").
const COMPASS_ADJECTIVES: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
];

/// Heads of a body of water that may be named after a country ("East China Sea", "Korea Strait").
const WATER_HEADS: &[&str] = &["sea", "strait", "ocean"];

/// Heads of a geographic feature named by what follows "of" ("Bay of Bengal", "Gulf of Oman").
const FEATURE_HEADS: &[&str] = &[
    "bay", "gulf", "sea", "strait", "straits", "cape", "isle", "lake",
];

/// Heads of an occasion's name ("World Economic Forum", "Munich Security Conference"): gatherings held in a
/// place, not places (legislatures such as "National Assembly" are venues and are not listed).
const OCCASION_NOUNS: &[&str] = &[
    "forum",
    "summit",
    "conference",
    "dialogue",
    "games",
    "olympics",
    "festival",
    "expo",
    "convention",
];

/// Nouns of a settlement that a region or a demonym can modify ("the Far East city of Ussuriysk").
const SETTLEMENT_NOUNS: &[&str] = &["city", "town", "village", "port", "capital", "resort"];

/// The settlement named after "<modifier> city of <Name>" or "<modifier> capital <Name>", where `k` is the
/// token after the modifier. `None` when no settlement noun and capitalised name follow.
fn settlement_after_modifier(
    doc: &Doc<'_>,
    ents: &Entities,
    k: usize,
    to: usize,
    hint: &Option<String>,
    depth: usize,
) -> Option<(Place, usize)> {
    if k >= to || !doc.is_any(k, SETTLEMENT_NOUNS) {
        return None;
    }
    let name_at = if doc.is(k + 1, "of") { k + 2 } else { k + 1 };
    if name_at >= to || !doc.is_cap(name_at) {
        return None;
    }
    parse_inner(doc, ents, name_at, to, hint.clone(), depth + 1)
}

/// Parses a place phrase starting at token `i` (before `to`). Returns the place and the token after it.
pub fn parse(doc: &Doc<'_>, ents: &Entities, i: usize, to: usize) -> Option<(Place, usize)> {
    parse_inner(doc, ents, i, to, None, 0)
}

fn parse_inner(
    doc: &Doc<'_>,
    ents: &Entities,
    mut i: usize,
    to: usize,
    mut hint: Option<String>,
    depth: usize,
) -> Option<(Place, usize)> {
    let lex = doc.lex();
    if depth > 3 || i >= to {
        return None;
    }
    // "the North" is a name whole (the lexicon lists it with its article); other articles are skipped.
    let named_with_article = doc
        .cs_at(i)
        .is_some_and(|(_, es)| es.iter().any(|e| matches!(e, Entry::Country { .. })));
    if doc.is_any(i, &["the", "its", "his", "her", "their"]) && !named_with_article {
        i += 1;
        if i >= to {
            return None;
        }
        // "flew into the capital" under a BRASILIA dateline: the capital the story is filed from.
        if doc.is(i - 1, "the")
            && doc.is(i, "capital")
            && !doc.is(i + 1, "of")
            && !doc.is_cap(i + 1)
        {
            return dateline_capital(doc).map(|p| (p, i + 1));
        }
    }
    // "Iranian-backed groups", "Saudi-led forces": a name joined to a participle is a modifier, never the
    // place.
    if is_backing_compound(doc.tok(i)) {
        return parse_inner(doc, ents, i + 1, to, hint, depth + 1);
    }
    // "in western Niger", "in northern Israel": a compass adjective only says which part of the named place;
    // the name is the place (the scorer and readers accept the whole for its part).
    if doc.is_any(i, COMPASS_ADJECTIVES) && i + 1 < to && doc.is_cap(i + 1) {
        return parse_inner(doc, ents, i + 1, to, hint, depth + 1);
    }
    // Modifiers: "far eastern", "Russian", "Russia's", "border" ... up to a head noun + "of", or a name.
    let mut j = i;
    let mut steps = 0;
    while j < to && steps < 7 {
        if let Some((e, _)) = doc.ci_find(j, |e| matches!(e, Entry::PlaceHead).then_some(())) {
            if doc.is(e, "of") {
                return parse_inner(doc, ents, e + 1, to, hint, depth + 1);
            }
        }
        if let Some((e, idx)) = doc.demonym_at(j) {
            // "arrived in the Omani capital": the demonym's capital city.
            if doc.is(e, "capital") && !doc.is(e + 1, "of") && e < to {
                let c = &lex.countries[idx as usize];
                if let Some(capital) = &c.capital {
                    let place = Place {
                        name: capital.clone(),
                        country: Some(c.code.clone()),
                        is_country: false,
                    };
                    return Some((place, e + 1));
                }
            }
            // "the Russian border city of": remember the country, read on.
            if !doc.is_cap(e) || doc.cs_at(e).is_some() {
                hint.get_or_insert_with(|| lex.countries[idx as usize].code.clone());
                j = e;
                steps += 1;
                continue;
            }
        }
        if doc.is_word(j)
            && !doc.is_cap(j)
            && doc.tok(j).chars().all(|c| c.is_lowercase() || c == '-')
            && !is_stop(doc, j)
        {
            j += 1;
            steps += 1;
            continue;
        }
        break;
    }
    // "the NATO summit in The Hague", "the G20 summit in Osaka": an occasion named by its members is
    // no place; the place named after "in" is where.
    let name_end = doc
        .cs_at(i)
        .map(|(e, _)| e)
        .or_else(|| doc.is_cap(i).then_some(i + 1));
    if let Some(e) = name_end.filter(|&e| e + 2 < to) {
        if doc.is_any(e, OCCASION_NOUNS) && !doc.is_cap(e) && doc.is(e + 1, "in") {
            return parse_inner(doc, ents, e + 2, to, hint, depth + 1);
        }
    }
    // Known names.
    if let Some((e, entries)) = doc.cs_at(i) {
        // "the Red Sea city of Jeddah", "the Black Sea port of Odesa": a name modifying a settlement noun
        // only says where the settlement lies; the settlement named after "of" is the place.
        if let Some((he, _)) = doc.ci_find(e, |x| matches!(x, Entry::PlaceHead).then_some(())) {
            let settlement = doc.is_any(
                he - 1,
                &["city", "town", "village", "port", "capital", "resort"],
            );
            if settlement && doc.is(he, "of") && he + 1 < to && doc.is_cap(he + 1) {
                if let Some(found) = parse_inner(doc, ents, he + 1, to, hint.clone(), depth + 1) {
                    return Some(found);
                }
            }
        }
        for &entry in entries {
            let place = match entry {
                Entry::Country { idx, how } => {
                    let c = &lex.countries[idx as usize];
                    match how {
                        CountryForm::Name => country_place(c),
                        CountryForm::Capital | CountryForm::Metonym => Place {
                            name: doc
                                .span(i, e)
                                .trim_start_matches("the ")
                                .trim_start_matches("The ")
                                .to_owned(),
                            country: Some(c.code.clone()),
                            is_country: false,
                        },
                        CountryForm::Demonym => continue,
                    }
                }
                Entry::Place(p) => {
                    let kp = &lex.places[p as usize];
                    Place {
                        name: kp.name.clone(),
                        country: kp.country.clone().or(hint.clone()),
                        is_country: false,
                    }
                }
                _ => continue,
            };
            if doc.kind(e.min(doc.len() - 1)) == TokKind::Possessive && e < to {
                // "Russia's Vostochny cosmodrome": the owner gives the country of what follows.
                let code = place.country.clone();
                if let Some((mut inner, end)) =
                    parse_inner(doc, ents, e + 1, to, code.clone(), depth + 1)
                {
                    if inner.country.is_none() {
                        inner.country = code;
                    }
                    return Some((inner, end));
                }
                return Some((place, e + 1));
            }
            let mut end = e;
            let mut place = place;
            // "Vostochny space center": the canonical name already names the venue.
            while let Some((ve, _)) = doc.ci_find(end, |x| {
                matches!(x, Entry::VenueNoun | Entry::DropNoun).then_some(())
            }) {
                end = ve;
            }
            if place.is_country {
                return Some((place, end));
            }
            add_trailing_country(doc, &mut place, &mut end, to);
            return Some((place, end));
        }
    }
    // "the Chinese embassy": a venue named by a demonym lies in another country than the one it names.
    let demonym_led = doc
        .cs_find(i, |x| {
            matches!(
                x,
                Entry::Country {
                    how: CountryForm::Demonym,
                    ..
                }
            )
            .then_some(())
        })
        .is_some_and(|(e, _)| e == i + 1 && !doc.is_cap(i + 1));
    if demonym_led {
        if let Some((ve, _)) = doc.ci_find(i + 1, |x| matches!(x, Entry::VenueNoun).then_some(())) {
            if ve <= to {
                let place = Place {
                    name: doc.span(i, ve).to_owned(),
                    country: None,
                    is_country: false,
                };
                return Some((place, ve));
            }
        }
    }
    // An unnamed venue described by its modifiers: "the presidential palace", "the government palace".
    if !doc.is_cap(i) {
        let venue = (i + 1..=j.min(i + 2)).find_map(|k| {
            doc.ci_find(k, |x| matches!(x, Entry::VenueNoun).then_some(()))
                .map(|(ve, _)| ve)
        });
        if let Some(ve) = venue.filter(|&ve| ve <= to) {
            // "the presidential palace in Bogor": the town names the place better than the description.
            if ve + 1 < to && doc.is(ve, "in") && doc.is_cap(ve + 1) {
                if let Some(found) = parse_inner(doc, ents, ve + 1, to, hint.clone(), depth + 1) {
                    return Some(found);
                }
            }
            let place = Place {
                name: doc.span(i, ve).to_owned(),
                country: hint,
                is_country: false,
            };
            return Some((place, ve));
        }
    }
    // "the Prime Minister's Office", "the President's residence": a venue named after the office that
    // holds it is a place, though its name starts with a title.
    let title = doc
        .ci_find(i, |x| matches!(x, Entry::Title { .. }).then_some(()))
        .or_else(|| doc.cs_find(i, |x| matches!(x, Entry::Honorific).then_some(())));
    if let Some((te, _)) = title {
        if te + 1 < to && doc.kind(te) == TokKind::Possessive {
            if let Some((ve, _)) =
                doc.ci_find(te + 1, |x| matches!(x, Entry::VenueNoun).then_some(()))
            {
                if ve <= to {
                    let place = Place {
                        name: format!("{}'s {}", doc.span(i, te), titlecase(doc.span(te + 1, ve))),
                        country: hint,
                        is_country: false,
                    };
                    return Some((place, ve));
                }
            }
        }
    }
    // "Dr APJ Abdul Kalam Island": a title opens a venue named after a person.
    let title = doc
        .ci_find(i, |x| matches!(x, Entry::Title { .. }).then_some(()))
        .or_else(|| doc.cs_find(i, |x| matches!(x, Entry::Honorific).then_some(())));
    if let Some((te, _)) = title {
        if te < to && doc.kind(te) != TokKind::Possessive {
            let named_after =
                parse_inner(doc, ents, te, to, hint.clone(), depth + 1).filter(|&(_, e)| {
                    doc.ci_find(e - 1, |x| matches!(x, Entry::VenueNoun).then_some(()))
                        .is_some()
                });
            if let Some((mut p, e)) = named_after {
                p.name = format!("{} {}", doc.span(i, te), p.name);
                return Some((p, e));
            }
        }
    }
    // A capitalised name.
    let mut e = i;
    // "Dr APJ Abdul Kalam Island", "the John F. Kennedy Space Center": a venue named after a person.
    let mut after_person = false;
    // "APJ Abdul Kalam Island": initials open a venue's name, and only a venue's.
    let initials = |k: usize| {
        let w = doc.tok(k);
        (2..=4).contains(&w.len())
            && w.chars().all(|c| c.is_ascii_uppercase())
            && (k + 1..to.min(k + 6))
                .take_while(|&n| doc.is_cap(n))
                .any(|n| {
                    doc.ci_find(n, |x| matches!(x, Entry::VenueNoun).then_some(()))
                        .is_some()
                })
    };
    while e < to && (doc.is_cap(e) || initials(e)) && !is_stop(doc, e) && doc.cs_at(e).is_none() {
        if let Some(m) = ents
            .at(e)
            .filter(|m| m.refs.iter().any(|r| matches!(r, Ref::Person(_))))
        {
            // The name chunker may have read the venue noun into the name ("Abdul Kalam Island").
            let venue = (e + 1..=m.end).find_map(|k| {
                doc.ci_find(k, |x| matches!(x, Entry::VenueNoun).then_some(()))
                    .filter(|&(ve, _)| ve <= to && ve >= m.end && doc.is_cap(k))
            });
            match venue {
                Some((ve, _)) => {
                    after_person = true;
                    e = ve;
                    break;
                }
                None => return None,
            }
        }
        e += 1;
    }
    // "Port Sudan", "Guinea Bissau": a name that runs on into a country's name is one place when the
    // gazetteer knows the whole.
    if e > i && e < to {
        if let Some((ce, _)) = doc.cs_find(e, |x| matches!(x, Entry::Country { .. }).then_some(()))
        {
            if ce <= to && lex.is_known_place(doc.span(i, ce)) {
                e = ce;
            } else if ce < to && doc.is_cap(ce) && doc.is_any(ce, WATER_HEADS) {
                // "the East China Sea", "the South China Sea": a sea named after a country.
                e = ce + 1;
            }
        }
    }
    // "Rio de Janeiro", "Dar es Salaam", "Port of Spain": a lowercase particle inside a name the
    // gazetteer knows whole.
    while e > i && e + 1 < to && doc.is_any(e, NAME_PARTICLES) && doc.is_cap(e + 1) {
        let k = unknown_name_end(doc, e + 1, to);
        if k == e + 1 || !lex.is_known_place(doc.span(i, k)) {
            break;
        }
        e = k;
    }
    // "the Bay of Bengal", "the Sea of Japan": a feature named by what follows "of".
    if e > i
        && e + 1 < to
        && doc.is(e, "of")
        && doc.is_any(e - 1, FEATURE_HEADS)
        && doc.is_cap(e + 1)
    {
        let mut k = unknown_name_end(doc, e + 1, to);
        // The named part may be a name the lexicon knows ("the Sea of Japan").
        if k == e + 1 {
            if let Some((ne, _)) = doc.cs_at(e + 1) {
                k = ne.min(to);
            }
        }
        e = k;
    }
    if e == i {
        return None;
    }
    // "to the West African country", "the Southeast Asian nation": a region's adjective describing a noun
    // is no place's name.
    let regional_adjective = e >= i + 2
        && doc.is_any(
            i,
            &[
                "West",
                "East",
                "North",
                "South",
                "Southeast",
                "Northeast",
                "Southwest",
                "Northwest",
                "Central",
                "Middle",
            ],
        )
        && (doc.lower(e - 1).ends_with("an") || doc.lower(e - 1).ends_with("ern"));
    if regional_adjective
        && doc.is_any(
            e,
            &[
                "country",
                "nation",
                "state",
                "region",
                "leaders",
                "nations",
                "countries",
            ],
        )
    {
        return None;
    }
    // "the World Economic Forum in Davos", "the Shangri-La Dialogue in Singapore": an occasion says when
    // the parties met, not where; the place named after "in" is where.
    if doc.is_any(e - 1, OCCASION_NOUNS) && doc.is(e, "in") && e + 1 < to {
        if let Some(found) = parse_inner(doc, ents, e + 1, to, hint.clone(), depth + 1) {
            return Some(found);
        }
    }
    // "the Group of Seven summit in Kananaskis", "the Group of 20 summit in Osaka": so is an occasion whose
    // name runs on through "of"; the name before "of" is no place.
    if doc.is(e, "of") {
        let occasion = (e + 1..to.min(e + 5)).find(|&k| {
            doc.is_any(k, OCCASION_NOUNS)
                && (e + 1..k).all(|j| doc.is_cap(j) || doc.kind(j) == TokKind::Number)
        });
        if let Some(k) = occasion {
            if doc.is(k + 1, "in") && k + 2 < to {
                return parse_inner(doc, ents, k + 2, to, hint, depth + 1);
            }
            return None;
        }
    }
    // "the Far East city of Ussuriysk", "the Angolan capital Luanda": a name the lexicon does not know,
    // modifying a settlement noun, only says where the settlement lies; the settlement named after it is
    // the place.
    if let Some(found) = settlement_after_modifier(doc, ents, e, to, &hint, depth) {
        return Some(found);
    }
    // "Foreign Secretary", "General Secretary": a title is the start of a person, never a place.
    let ends_in_venue = after_person
        || (i + 1..e).any(|k| {
            doc.ci_find(k, |x| matches!(x, Entry::VenueNoun).then_some(()))
                .is_some_and(|(ve, _)| ve == e)
        });
    if !ends_in_venue
        && (i..e).any(|k| {
            doc.ci_find(k, |x| matches!(x, Entry::Title { .. }).then_some(()))
                .is_some()
        })
    {
        return None;
    }
    // "the Tower 22 outpost", "Camp 14 base": a number inside a venue's name.
    if e + 1 < to
        && doc.kind(e) == TokKind::Number
        && doc
            .ci_find(e + 1, |x| matches!(x, Entry::VenueNoun).then_some(()))
            .is_some()
    {
        e += 1;
    }
    // "the Palace of Serbia", "the Hall of the People": a venue named by what follows "of".
    if e + 1 < to
        && doc.is(e, "of")
        && doc
            .ci_find(e - 1, |x| matches!(x, Entry::VenueNoun).then_some(()))
            .is_some()
    {
        let mut k = e + 1;
        if doc.is(k, "the") {
            k += 1;
        }
        let after = k;
        while k < to && doc.is_cap(k) && !is_stop(doc, k) {
            k += 1;
        }
        if k > after {
            e = k;
        }
    }
    let mut name = doc.span(i, e).to_owned();
    let mut end = e;
    if let Some((ve, _)) = doc.ci_find(end, |x| matches!(x, Entry::VenueNoun).then_some(())) {
        name = format!("{name} {}", titlecase(doc.span(end, ve)));
        end = ve;
    } else if let Some((de, _)) = doc.ci_find(end, |x| matches!(x, Entry::DropNoun).then_some(())) {
        end = de;
    }
    let country = lex.place_country_hinted(&name, hint.as_deref());
    let mut place = Place {
        name,
        country,
        is_country: false,
    };
    add_trailing_country(doc, &mut place, &mut end, to);
    Some((place, end))
}

/// Where the capitalised words from `from` end, before `to`, a stop word or a name the lexicon knows.
fn unknown_name_end(doc: &Doc<'_>, from: usize, to: usize) -> usize {
    (from..to)
        .find(|&k| !doc.is_cap(k) || is_stop(doc, k) || doc.cs_at(k).is_some())
        .unwrap_or(to)
}

/// The target of a strike named by its noun alone: "bombed the embassy", "hit a base". A bare venue names
/// no place a visit or a meeting could be at, but what was struck is the attack's place.
/// "strikes on Iranian nuclear sites", "on Russian oil refineries": a state's demonym before what was hit
/// places the strike in that state.
pub fn demonym_target(doc: &Doc<'_>, i: usize, to: usize) -> Option<(Place, usize)> {
    let start = if doc.is_any(i, &["the", "a", "an", "its", "their"]) {
        i + 1
    } else {
        i
    };
    let (e, idx) = doc.demonym_at(start)?;
    let what = (e..to.min(e + 4))
        .take_while(|&k| doc.is_word(k) && !doc.is_cap(k))
        .any(|k| doc.is_any(k, TARGET_NOUNS));
    let c = doc.lex().countries.get(usize::from(idx))?;
    (what && e < to).then(|| (country_place(c), e))
}

/// A whole country as a place.
pub(crate) fn country_place(c: &Country) -> Place {
    Place {
        name: c.name.clone(),
        country: Some(c.code.clone()),
        is_country: true,
    }
}

pub fn target(doc: &Doc<'_>, ents: &Entities, i: usize, to: usize) -> Option<(Place, usize)> {
    if let Some(found) = parse(doc, ents, i, to) {
        return Some(found);
    }
    if let Some(found) = demonym_target(doc, i, to) {
        return Some(found);
    }
    let start = if doc.is_any(i, &["the", "a", "an", "its", "their"]) {
        i + 1
    } else {
        i
    };
    let (ve, _) = doc.ci_find(start, |x| matches!(x, Entry::VenueNoun).then_some(()))?;
    (ve <= to).then(|| {
        let place = Place {
            name: doc.span(start, ve).to_owned(),
            country: None,
            is_country: false,
        };
        (place, ve)
    })
}

/// What a strike hits, after a demonym: "Iranian nuclear sites", "Russian oil refineries".
const TARGET_NOUNS: &[&str] = &[
    "sites",
    "site",
    "facilities",
    "facility",
    "targets",
    "positions",
    "refineries",
    "refinery",
    "bases",
    "base",
    "cities",
    "towns",
    "villages",
    "territory",
    "airfields",
    "airfield",
    "ports",
    "infrastructure",
    "installations",
    "depots",
];

/// "Iranian-backed", "Saudi-led", "Russian-occupied": a capitalised name joined by a hyphen to a participle.
fn is_backing_compound(token: &str) -> bool {
    const PARTICIPLES: &[&str] = &[
        "backed",
        "led",
        "made",
        "based",
        "linked",
        "aligned",
        "allied",
        "controlled",
        "run",
        "held",
        "occupied",
        "annexed",
        "funded",
        "sponsored",
        "brokered",
        "built",
        "supplied",
    ];
    token.starts_with(|c: char| c.is_uppercase())
        && token
            .rsplit_once('-')
            .is_some_and(|(name, tail)| !name.is_empty() && PARTICIPLES.contains(&tail))
}

fn is_stop(doc: &Doc<'_>, i: usize) -> bool {
    doc.is_any(
        i,
        &[
            "on", "in", "at", "for", "to", "from", "and", "with", "by", "of", "after", "before",
            "the", "a", "an", "that", "which", "where", "when", "who", "while", "as",
        ],
    ) || doc
        .ci_find(i, |e| {
            matches!(e, Entry::Cue(_) | Entry::Trigger { .. } | Entry::AttribVerb).then_some(())
        })
        // "the Shangri-La Dialogue", "the G20 Summit": a capitalised occasion noun ends the occasion's name.
        .is_some_and(|_| !(doc.is_cap(i) && doc.is_any(i, OCCASION_NOUNS)))
        || crate::segment::WEEKDAY_NAMES.contains(&doc.tok(i))
        // "visited in July 2000": a month is a time, never a place.
        || MONTHS.contains(&doc.tok(i))
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Jan",
    "Feb",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// "Samarkand, Uzbekistan": a country after a comma is the place's country.
fn add_trailing_country(doc: &Doc<'_>, place: &mut Place, end: &mut usize, to: usize) {
    if *end + 1 < to && doc.is(*end, ",") {
        if let Some((e, idx)) = doc.cs_find(*end + 1, |x| match x {
            Entry::Country {
                idx,
                how: CountryForm::Name,
            } => Some(*idx),
            _ => None,
        }) {
            place.country = Some(doc.lex().countries[idx as usize].code.clone());
            *end = e;
        }
    }
}

/// The dateline's city when it is its country's capital.
fn dateline_capital(doc: &Doc<'_>) -> Option<Place> {
    let city = dateline_city(doc)?;
    let code = city.country.as_deref()?;
    let country = doc.lex().countries.iter().find(|c| c.code == code)?;
    country
        .capital
        .as_deref()
        .is_some_and(|c| c.eq_ignore_ascii_case(&city.name))
        .then_some(city)
}

/// The city of the dateline, when the lexicon or the gazetteer knows it as a city: "SEOUL/WASHINGTON" is
/// no one place, and a country ("UKRAINE") is no venue.
pub fn dateline_city(doc: &Doc<'_>) -> Option<Place> {
    let raw = doc.dateline.as_deref()?.trim();
    if raw.is_empty() || raw.contains(['/', '&']) {
        return None;
    }
    let name = title_case(raw);
    let lex = doc.lex();
    // "BRASILIA, Brazil", "WASHINGTON, D.C.": the city comes before the comma.
    let name = match raw.split_once(',') {
        Some((city, _)) if !lex.is_known_place(&name) => title_case(city.trim()),
        _ => name,
    };
    let a_country = lex
        .countries
        .iter()
        .any(|c| c.name.eq_ignore_ascii_case(&name));
    if a_country || !lex.is_known_place(&name) {
        return None;
    }
    Some(Place {
        country: lex.place_country(&name),
        name,
        is_country: false,
    })
}

/// "NEW DELHI" as the gazetteer spells it: "New Delhi".
fn title_case(raw: &str) -> String {
    raw.split(' ')
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map_or(String::new(), |f| f.to_uppercase().chain(chars).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{entities, Lexicon};

    fn place(text: &str) -> Option<Place> {
        let doc = Doc::new(text, Lexicon::builtin());
        let ents = entities::find(&doc);
        parse(&doc, &ents, 0, doc.len()).map(|p| p.0)
    }

    #[test]
    fn a_regions_adjective_before_country_names_no_place() {
        assert_eq!(place("the West African country"), None);
        assert_eq!(place("the Southeast Asian nation"), None);
        assert_eq!(
            place("the Astrakhan region").map(|p| p.name),
            Some("Astrakhan".to_owned())
        );
    }

    #[test]
    fn a_demonym_capital_is_the_capital_city() {
        let p = place("the Kenyan capital on Monday").unwrap();
        assert_eq!(
            (p.name.as_str(), p.country.as_deref()),
            ("Nairobi", Some("KE"))
        );
        // "the Kenyan capital of tea" is no city: read on as before.
        assert_ne!(
            place("the Kenyan capital of Kericho").map(|p| p.name),
            Some("Nairobi".to_owned())
        );
    }

    #[test]
    fn a_name_joined_to_a_participle_is_no_place() {
        assert_eq!(place("Iranian-backed groups in Iraq"), None);
        assert_eq!(place("Saudi-led coalition forces"), None);
    }

    #[test]
    fn shapes() {
        let p = place("the Russian border city of Khasan").unwrap();
        assert_eq!(
            (p.name.as_str(), p.country.as_deref()),
            ("Khasan", Some("RU"))
        );
        let p = place("Russia's Vostochny cosmodrome").unwrap();
        assert_eq!(
            (p.name.as_str(), p.country.as_deref()),
            ("Vostochny Cosmodrome", Some("RU"))
        );
        // A launch site is a venue kept in the name, as a cosmodrome is.
        let p = place("Brazil's Alcantara launch center").unwrap();
        assert_eq!(
            (p.name.as_str(), p.country.as_deref()),
            ("Alcantara Launch Center", Some("BR"))
        );
        let p = place("the area of the eastern port city of Wonsan").unwrap();
        assert_eq!(
            (p.name.as_str(), p.country.as_deref()),
            ("Wonsan", Some("KP"))
        );
        let p = place("Zarafshan station").unwrap();
        assert_eq!(p.name, "Zarafshan");
        let p = place("Samarkand, Uzbekistan").unwrap();
        assert_eq!(p.country.as_deref(), Some("UZ"));
        let p = place("Canberra").unwrap();
        assert_eq!(
            (p.name.as_str(), p.country.as_deref(), p.is_country),
            ("Canberra", Some("AU"), false)
        );
        let p = place("the Philippines").unwrap();
        assert!(p.is_country && p.country.as_deref() == Some("PH"));
        let p = place("the Kremlin").unwrap();
        assert_eq!(p.name, "Kremlin");
        assert!(place("the sea off its east coast").is_none());
    }

    #[test]
    fn venues_named_by_modifiers_or_by_of() {
        assert_eq!(
            place("the presidential palace").unwrap().name,
            "presidential palace"
        );
        assert_eq!(
            place("the presidential palace in Bogor").unwrap().name,
            "Bogor"
        );
        assert_eq!(
            place("the Palace of Serbia").unwrap().name,
            "Palace of Serbia"
        );
        assert_eq!(
            place("the Great Hall of the People").unwrap().name,
            "Great Hall of the People"
        );
        // A bare venue noun names nothing.
        assert!(place("the palace").is_none());
    }

    #[test]
    fn the_gazetteer_gives_countries_the_lexicon_lacks() {
        for (text, name, country) in [
            ("Da Nang", "Da Nang", "VN"),
            ("the northern city of Plesetsk", "Plesetsk", "RU"),
            ("Kagoshima Prefecture", "Kagoshima Prefecture", "JP"),
            // The sentence's own country wins over the most populous namesake.
            ("the Turkish town of Kazan", "Kazan", "TR"),
        ] {
            let p = place(text).unwrap_or_else(|| panic!("{text}: no place"));
            assert_eq!(
                (p.name.as_str(), p.country.as_deref()),
                (name, Some(country)),
                "{text}"
            );
        }
    }
}
