//! Actors: people, countries and organisations named in an article, and every way it names each of them.
//!
//! Names are read from chunks of capitalised words, lexicon names and titles: "Russian Natural Resources
//! Minister Alexander Kozlov" is the person Alexander Kozlov, role "Natural Resources Minister", country RU
//! (from the demonym). Coreference is by rule, not by list: a full name introduced in the article binds
//! later mentions of its first or last name ("Kim", "Mr Putin"), other spellings that differ only in
//! hyphenation ("Kim Jong-un"), descriptions "the <nationality> <title>" ("the North Korean leader") and the
//! pronouns he/she (the last person named) and they (the last two). People are collected in a first pass
//! so that a surname in a headline binds to the full name given in the body. Government metonyms
//! ("Pyongyang", "the Kremlin") name their country as an actor.

use dateline_shared::ids::slug;
use dateline_shared::{Actor, ActorType};

use crate::doc::Doc;
use crate::lexicon::{CountryForm, Entry};
use crate::segment::TokKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub country: Option<String>,
    /// Lowercased name parts, hyphens split: for matching partial mentions.
    parts: Vec<String>,
    mentions: u32,
    /// Token where the person was last mentioned: of two namesakes mentioned as often, "Kim" is the
    /// one named last.
    last_seen: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ref {
    Person(usize),
    Country(u16),
    Org(u16),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub refs: Vec<Ref>,
    /// Followed by `'s`.
    pub possessive: bool,
    /// A pronoun or a description rather than a name.
    pub anaphor: bool,
}

impl Mention {
    /// A pronoun or description over `start..end` standing for `refs`.
    fn anaphor(start: usize, end: usize, refs: Vec<Ref>, possessive: bool) -> Self {
        Mention {
            start,
            end,
            refs,
            possessive,
            anaphor: true,
        }
    }
}

#[derive(Debug, Default)]
pub struct Entities {
    pub people: Vec<Person>,
    /// In text order.
    pub mentions: Vec<Mention>,
}

/// Capitalised words that do not start a name: sentence openers, pronouns, days, months, plural nouns.
/// Sorted (byte order) for binary search: this is asked of nearly every capitalised word.
const STOP: &[&str] = &[
    "A",
    "According",
    "Acting",
    "After",
    "Also",
    "Amid",
    "An",
    "Analysts",
    "And",
    "April",
    "As",
    "Asked",
    "At",
    "Aug.",
    "August",
    "Before",
    "Bilateral",
    "Both",
    "But",
    "By",
    "Chief",
    "Closer",
    "Comrade",
    "Days",
    "Dec.",
    "December",
    "Deputy",
    "Despite",
    "Details",
    "Discussions",
    "During",
    "Earlier",
    "Eastern",
    "Editing",
    "Experts",
    "Feb.",
    "February",
    "Five",
    "For",
    "Foreign",
    "Former",
    "Four",
    "Friday",
    "From",
    "He",
    "Her",
    "Here",
    "His",
    "Hours",
    "How",
    "However",
    "Humanitarian",
    "I",
    "If",
    "Images",
    "In",
    "Initially",
    "It",
    "Its",
    "Jan.",
    "January",
    "July",
    "June",
    "Late",
    "Later",
    "Local",
    "Many",
    "March",
    "May",
    "Meanwhile",
    "Military",
    "Monday",
    "Negotiators",
    "Northern",
    "Nov.",
    "November",
    "Oct.",
    "October",
    "Of",
    "Officials",
    "On",
    "One",
    "Or",
    "Our",
    "Over",
    // "Presidents Felix Tshisekedi and Paul Kagame": a plural title heads a list of names, not one name.
    "Presidents",
    "Reporting",
    "Residents",
    "Russia-North",
    "Saturday",
    "Senior",
    "Sept",
    "Sept.",
    "September",
    "She",
    "Since",
    "Some",
    "Sources",
    "Southern",
    "State",
    "Sunday",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Three",
    "Thursday",
    "To",
    "Top",
    "Tuesday",
    "Two",
    "Under",
    "We",
    "Wednesday",
    "Western",
    "What",
    "When",
    "Where",
    "While",
    "Who",
    "Why",
    "With",
    "Witnesses",
    "You",
];

/// Words that make a capitalised chunk an organisation, event or place rather than a person. Sorted (byte
/// order) for binary search.
const NON_PERSON: &[&str] = &[
    "Academy",
    "Accord",
    "Administration",
    "Aerospace",
    "African",
    "Agency",
    "Agreement",
    "Air",
    "Airport",
    "Alliance",
    "Arab",
    "Army",
    "Asian",
    "Assembly",
    "Association",
    "Atlantic",
    "Authority",
    "Balkan",
    "Baltic",
    "Bank",
    "Barracks",
    "Base",
    "Battalion",
    "Bay",
    "Brigade",
    "Cabinet",
    "Camp",
    "Canal",
    "Capital",
    "Caribbean",
    "Casa",
    "Castle",
    "Cathedral",
    "Center",
    "Central",
    "Centre",
    "Channel",
    "Chiefs",
    "Church",
    "Coalition",
    "Coast",
    "College",
    "Command",
    "Commission",
    "Committee",
    "Company",
    "Congress",
    "Corp",
    "Corps",
    "Cosmodrome",
    "Council",
    "County",
    "Court",
    "Cup",
    "Daily",
    "Day",
    "Defence",
    "Defense",
    "Department",
    "Desert",
    "District",
    "Division",
    "Dynamics",
    "East",
    "Eastern",
    "Economic",
    "Electric",
    "Embassy",
    "Energy",
    "European",
    "Exhibition",
    "Far",
    "Federal",
    "Federation",
    "Fleet",
    "Force",
    "Forces",
    "Fort",
    "Forum",
    "Foundation",
    "Front",
    "Fund",
    "Games",
    "Government",
    "Governorate",
    "Group",
    "Guard",
    "Guards",
    "Gulf",
    "Hall",
    "Herald",
    "Hospital",
    "House",
    "Inc",
    "Industries",
    "Initiative",
    "Institute",
    "Island",
    "Islands",
    "Journal",
    "Kingdom",
    "Krai",
    "Labs",
    "Lake",
    "Latin",
    "Ltd",
    "Media",
    "Middle",
    "Ministry",
    "Mosque",
    "Mount",
    "Mountains",
    "Movement",
    "Nations",
    "Navy",
    "Network",
    "News",
    "Nordic",
    "North",
    "Northeast",
    "Northern",
    "Northwest",
    "Oblast",
    "Ocean",
    "Office",
    "Olympic",
    "Olympics",
    "Organisation",
    "Organization",
    "Pacific",
    "Palace",
    "Palacio",
    "Palais",
    "Palazzo",
    "Parliament",
    "Partners",
    "Partnership",
    "Party",
    "Peninsula",
    "Pharmaceuticals",
    "Police",
    "Post",
    "Prefecture",
    "Press",
    "Program",
    "Programme",
    "Project",
    "Province",
    "Radio",
    "Regiment",
    "Region",
    "Republic",
    "Research",
    "River",
    "School",
    "Sea",
    "Security",
    "Senate",
    "Service",
    "Services",
    "Shield",
    "South",
    "Southeast",
    "Southern",
    "Southwest",
    "Space",
    "Spaceport",
    "Square",
    "Stadium",
    "Staff",
    "States",
    "Station",
    "Strait",
    "Street",
    "Strip",
    "Studies",
    "Summit",
    "Systems",
    "Technologies",
    "Technology",
    "Telegram",
    "Television",
    "Temple",
    "Territory",
    "Times",
    "Tower",
    "Treaty",
    "Tribune",
    "Union",
    "University",
    "Valley",
    "War",
    "Week",
    "West",
    "Western",
];

/// Words after a country's name that make a company of it: "Qatar Airways", "Saudi Aramco" ("Israeli Air
/// Force" is the state's, so "Air" is not one of them).
const COMPANY_WORDS: &[&str] = &[
    "Airways",
    "Airlines",
    "Aramco",
    "Petroleum",
    "Telecom",
    "Railways",
    "Holdings",
    "Steel",
    "Shipbuilding",
    "Motors",
];

/// Nouns through which a country acts: "Russian forces", "Turkish and Iraqi officials", "Indian negotiators".
const FORCES: &[&str] = &[
    "officials",
    "negotiators",
    "delegations",
    "delegation",
    "diplomats",
    "envoys",
    "commanders",
    "authorities",
    "forces",
    "troops",
    "military",
    "army",
    "navy",
    "warplanes",
    "jets",
    "drones",
    "artillery",
    "tank",
    "tanks",
    "soldiers",
    "government",
    "chiefs",
    "ministers",
    "leaders",
];

fn is_leader_role(role: &str) -> bool {
    let r = role.to_ascii_lowercase();
    // "Emir Sheikh Tamim": the honorific after the office is no office of its own.
    let r = r.trim_end_matches(" sheikh");
    [
        "president",
        "prime minister",
        "leader",
        "chancellor",
        "king",
        "premier",
        "emir",
        "sultan",
        "crown prince",
        "general secretary",
    ]
    .iter()
    .any(|h| r.ends_with(h))
}

/// Canonical spelling of a name: Korean-style "Jong-un" parts become "Jong Un".
/// Built in one string: this runs for every capitalised chunk, in both passes.
fn canonical_name(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for (k, p) in parts.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if let Some((a, b)) = p.split_once('-') {
            let a_cap = a.chars().next().is_some_and(char::is_uppercase);
            let b_lower = b.chars().next().is_some_and(char::is_lowercase);
            if a_cap && b_lower && a.len() <= 5 && b.len() <= 5 && parts.len() >= 2 {
                out.push_str(a);
                out.push(' ');
                let mut chars = b.chars();
                if let Some(f) = chars.next() {
                    out.extend(f.to_uppercase());
                    out.push_str(chars.as_str());
                }
                continue;
            }
        }
        out.push_str(p);
    }
    out
}

fn name_parts(name: &str) -> Vec<String> {
    name.split([' ', '-'])
        .filter(|p| !p.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[derive(Debug, Clone, Copy)]
enum Elem {
    Ent(Entry),
    Title { leader: bool },
    Cap,
}

struct Chunk {
    els: Vec<(Elem, usize, usize)>,
    possessive: bool,
    end: usize,
}

impl Entities {
    pub fn actor(&self, lex: &crate::Lexicon, r: Ref) -> Actor {
        match r {
            Ref::Person(i) => {
                let p = &self.people[i];
                Actor {
                    name: p.name.clone(),
                    id: slug(&p.name),
                    actor_type: ActorType::Person,
                    role: p.role.clone(),
                    country: p.country.clone(),
                }
            }
            Ref::Country(i) => {
                let c = &lex.countries[i as usize];
                Actor {
                    name: c.name.clone(),
                    id: slug(&c.name),
                    actor_type: ActorType::Country,
                    role: None,
                    country: Some(c.code.clone()),
                }
            }
            Ref::Org(i) => {
                let o = &lex.orgs[i as usize];
                Actor {
                    name: o.name.clone(),
                    id: slug(&o.name),
                    actor_type: if o.group {
                        ActorType::Group
                    } else {
                        ActorType::Organization
                    },
                    role: None,
                    country: o.country.clone(),
                }
            }
        }
    }

    /// The actor's id alone, without building the whole [`Actor`].
    pub fn actor_id(&self, lex: &crate::Lexicon, r: Ref) -> String {
        slug(match r {
            Ref::Person(i) => &self.people[i].name,
            Ref::Country(i) => &lex.countries[i as usize].name,
            Ref::Org(i) => &lex.orgs[i as usize].name,
        })
    }

    /// The country an actor belongs to or is.
    pub fn country_of(&self, lex: &crate::Lexicon, r: Ref) -> Option<u16> {
        let code = match r {
            Ref::Country(i) => return Some(i),
            Ref::Person(i) => self.people[i].country.clone()?,
            Ref::Org(i) => lex.orgs[i as usize].country.clone()?,
        };
        lex.country_index(&code)
    }

    /// The mentions overlapping tokens `from..to`.
    pub fn in_range(&self, from: usize, to: usize) -> &[Mention] {
        let a = self.mentions.partition_point(|m| m.end <= from);
        let b = self.mentions.partition_point(|m| m.start < to);
        &self.mentions[a..b.max(a)]
    }

    /// The mention covering token `i`.
    pub fn at(&self, i: usize) -> Option<&Mention> {
        self.in_range(i, i + 1).first()
    }
}

/// Finds every person, country and organisation mention of an article.
pub fn find(doc: &Doc<'_>) -> Entities {
    let mut ents = Entities::default();
    // Chunks depend on the text alone: read once, interpreted in both passes.
    let mut chunks: Vec<Option<Option<Chunk>>> = Vec::new();
    chunks.resize_with(doc.len(), || None);
    // Pass 1: people introduced by full name; pass 2: every mention.
    for pass in 0..2 {
        let mut last_people: Vec<usize> = Vec::new();
        // The person the previous sentence was about: what a sentence-opening "he" continues.
        let mut previous_subject: Option<usize> = None;
        for s in 0..doc.sents.len() {
            let sent = &doc.sents[s];
            let sent_mentions = ents.mentions.len();
            let mut i = sent.content;
            while i < sent.toks.end {
                let chunk = chunks[i].get_or_insert_with(|| chunk_at(doc, i, sent.toks.end));
                if let Some(chunk) = chunk {
                    let next = chunk.end;
                    let before = i.checked_sub(1).filter(|&b| b >= sent.content);
                    interpret(doc, &mut ents, chunk, before, pass, &mut last_people);
                    i = next.max(i + 1);
                    continue;
                }
                if pass == 1 && doc.kind(i) == TokKind::Word {
                    let w = doc.tok(i);
                    if let Some((end, refs)) = the_two(doc, &ents, i, sent.toks.end, &last_people)
                        .or_else(|| the_rivals(doc, &ents, i, sent.toks.end))
                    {
                        ents.mentions.push(Mention::anaphor(i, end, refs, false));
                        i = end;
                        continue;
                    }
                    // "landed with his wife Rachel": a spouse named by a given name alone bears the
                    // family name of the one whose spouse she is.
                    let spouse_given = matches!(w, "his" | "His" | "her" | "Her")
                        && doc.is_any(i + 1, &["wife", "husband"])
                        && doc.is_cap(i + 2)
                        && !doc.is_cap(i + 3)
                        && doc.cs_at(i + 2).is_none()
                        && ents.at(i + 2).is_none();
                    if spouse_given {
                        let owner = subject_person(doc, &ents.mentions[sent_mentions..])
                            .or(previous_subject)
                            .or(last_people.last().copied());
                        let family = owner.and_then(|p| ents.people[p].name.split(' ').next_back());
                        if let Some(family) = family.map(str::to_owned) {
                            let name = format!("{} {family}", doc.tok(i + 2));
                            if let Some(p) = upsert(&mut ents, &name, None, None, true) {
                                ents.mentions.push(Mention::anaphor(
                                    i + 2,
                                    i + 3,
                                    vec![Ref::Person(p)],
                                    false,
                                ));
                                i += 3;
                                continue;
                            }
                        }
                    }
                    // "His plane landed in Cairo": the vehicle stands for the traveller, as in "Kim's
                    // train arrived".
                    // "It was his first trip to India since 2021": so is the traveller of a first trip, told
                    // to date the last one ("his visit shows ..." is only talk about it).
                    let words: Vec<usize> = (i + 1..sent.toks.end.min(i + 5))
                        .take_while(|&k| doc.is_word(k) && !doc.is_cap(k))
                        .collect();
                    let trip_owner = words.first().is_some_and(|&k| doc.is(k, "first"))
                        && words
                            .iter()
                            .any(|&k| doc.is_any(k, &["visit", "trip", "tour"]));
                    // "his ITA Airways charter": the vehicle may follow its carrier's name.
                    let vehicle_owner = matches!(w, "his" | "His" | "her" | "Her")
                        && (trip_owner
                            || (i + 1..sent.toks.end.min(i + 4))
                                .take_while(|&k| {
                                    k == i + 1 || doc.tok(k - 1).starts_with(char::is_uppercase)
                                })
                                .any(|k| {
                                    doc.ci_find(k, |e| matches!(e, Entry::Vehicle(_)).then_some(()))
                                        .is_some()
                                }));
                    if vehicle_owner {
                        let subject = subject_person(doc, &ents.mentions[sent_mentions..])
                            .or(previous_subject)
                            .or(last_people.last().copied());
                        if let Some(p) = subject {
                            ents.mentions.push(Mention::anaphor(
                                i,
                                i + 1,
                                vec![Ref::Person(p)],
                                true,
                            ));
                        }
                    } else if matches!(w, "he" | "He" | "she" | "She") {
                        let subject = subject_person(doc, &ents.mentions[sent_mentions..])
                            .or(previous_subject)
                            .filter(|_| !is_attribution_verb(doc, i + 1));
                        if let Some(p) = subject.or(last_people.last().copied()) {
                            ents.mentions.push(Mention::anaphor(
                                i,
                                i + 1,
                                vec![Ref::Person(p)],
                                false,
                            ));
                        }
                    } else if matches!(w, "the" | "The") && doc.is(i + 1, "agency") {
                        // "the agency said": the organisation named last.
                        let org = ents.mentions.iter().rev().find_map(|m| match m.refs[..] {
                            [Ref::Org(o)] => Some(Ref::Org(o)),
                            _ => None,
                        });
                        if let Some(r) = org {
                            ents.mentions
                                .push(Mention::anaphor(i, i + 2, vec![r], false));
                            i += 2;
                            continue;
                        }
                    } else if matches!(w, "the" | "The")
                        && doc.is_any(i + 1, &["military", "army"])
                        && !doc.is_cap(i + 2)
                        && !doc.is(i + 2, "of")
                    {
                        // "The military said it had struck militants there": the state whose military
                        // the story named last ("The Israeli military said ...").
                        let state = ents.mentions.iter().rev().find_map(|m| match m.refs[..] {
                            [r @ (Ref::Country(_) | Ref::Org(_))]
                                if m.end > m.start + 1
                                    && doc.is_any(m.end - 1, &["military", "army", "forces"]) =>
                            {
                                Some(r)
                            }
                            _ => None,
                        });
                        if let Some(r) = state {
                            ents.mentions
                                .push(Mention::anaphor(i, i + 2, vec![r], false));
                            i += 2;
                            continue;
                        }
                    } else if matches!(w, "his" | "her" | "His" | "Her")
                        && doc.is_any(i + 1, &["guest", "visitor"])
                    {
                        // "Zelensky welcomed his guest with an embrace": the guest is the one the story
                        // was about, else the person last named, never one named in this sentence.
                        let here: Vec<usize> = ents.mentions[sent_mentions..]
                            .iter()
                            .flat_map(|m| m.refs.iter())
                            .filter_map(|r| match r {
                                Ref::Person(p) => Some(*p),
                                _ => None,
                            })
                            .collect();
                        let guest = previous_subject.filter(|p| !here.contains(p)).or_else(|| {
                            last_people
                                .iter()
                                .rev()
                                .find(|p| !here.contains(p))
                                .copied()
                        });
                        if let Some(p) = guest {
                            ents.mentions.push(Mention::anaphor(
                                i,
                                i + 2,
                                vec![Ref::Person(p)],
                                false,
                            ));
                            last_people.push(p);
                            i += 2;
                            continue;
                        }
                    } else if w == "him"
                        || (w == "her" && !doc.is_word(i + 1))
                        || object_her(doc, i)
                    {
                        // Whom "him" stands for, in the order tried below: the speaker of what is said,
                        // the "him" already read in this sentence, the subject of the clause a ", where"
                        // aside hangs on, the owner a possessive names, then ("Emperor Naruhito received
                        // him") the person the story was about, else the person last named; never one
                        // named in this sentence already (though a possessive's owner may still be "him").
                        let here: Vec<usize> = ents.mentions[sent_mentions..]
                            .iter()
                            .filter(|m| !m.possessive)
                            .flat_map(|m| m.refs.iter())
                            .filter_map(|r| match r {
                                Ref::Person(p) => Some(*p),
                                _ => None,
                            })
                            .collect();
                        let topic = previous_subject.filter(|p| !here.contains(p));
                        let last = last_people
                            .iter()
                            .rev()
                            .find(|p| !here.contains(p))
                            .copied();
                        // "Trump said Tshisekedi and Kagame would meet him": in what someone says, "him"
                        // is the speaker.
                        let speaker = ents.mentions[sent_mentions..].first().and_then(|m| match m
                            .refs[..]
                        {
                            [Ref::Person(p)]
                                if m.start == sent.content
                                    && !m.possessive
                                    && is_attribution_verb(doc, m.end)
                                    && m.end < i =>
                            {
                                Some(p)
                            }
                            _ => None,
                        });
                        // "Zelensky travelled to Paris, where Macron hosted him": in a clause hung on the
                        // sentence's subject, "him" is that subject.
                        let opener = (sent.content + 1..i)
                            .rev()
                            .find(|&k| doc.is_any(k, &["where", "when"]) && doc.is(k - 1, ","));
                        let main_subject = opener.and_then(|k| {
                            ents.mentions[sent_mentions..]
                                .iter()
                                .take_while(|m| m.end < k)
                                .find(|m| !m.possessive && !m.anaphor)
                                .and_then(|m| match m.refs[..] {
                                    [Ref::Person(p)] => Some(p),
                                    _ => None,
                                })
                                .filter(|p| {
                                    !ents.mentions[sent_mentions..]
                                        .iter()
                                        .any(|m| m.start > k && m.refs == [Ref::Person(*p)])
                                })
                        });
                        // "Trump's first visit took him to Buckingham Palace", "Modi's plane touched down
                        // and Mahama received him": the owner named in the sentence.
                        let owner = ents.mentions[sent_mentions..]
                            .iter()
                            .filter(|m| m.possessive && m.end <= i)
                            .find_map(|m| match m.refs[..] {
                                [Ref::Person(p)] if !here.contains(&p) => Some(p),
                                _ => None,
                            });
                        // "took him to the palace, where the queen received him": one "him" throughout.
                        let again = ents.mentions[sent_mentions..]
                            .iter()
                            .rev()
                            .filter(|m| m.anaphor && doc.is(m.start, "him"))
                            .find_map(|m| match m.refs[..] {
                                [Ref::Person(p)] => Some(p),
                                _ => None,
                            });
                        if let Some(p) = speaker
                            .or(again)
                            .or(main_subject)
                            .or(owner)
                            .or(topic)
                            .or(last)
                        {
                            ents.mentions.push(Mention::anaphor(
                                i,
                                i + 1,
                                vec![Ref::Person(p)],
                                false,
                            ));
                        }
                    } else if matches!(w, "their" | "Their")
                        && last_people.len() >= 2
                        && representatives_after(doc, i + 1).is_some()
                    {
                        // "a peace agreement that their foreign ministers had agreed": the ministers of
                        // the two people just named stand for those people's states.
                        // The pair last told together ("the two leaders"), else the last two named.
                        let n = last_people.len();
                        let lex = doc.lex();
                        let pair = ents
                            .mentions
                            .iter()
                            .rev()
                            .find(|m| {
                                m.refs.len() == 2
                                    && m.refs.iter().all(|r| matches!(r, Ref::Person(_)))
                            })
                            .map(|m| m.refs.clone())
                            .unwrap_or_else(|| {
                                vec![
                                    Ref::Person(last_people[n - 2]),
                                    Ref::Person(last_people[n - 1]),
                                ]
                            });
                        let states: Vec<Ref> = pair
                            .iter()
                            .filter_map(|&p| ents.country_of(lex, p))
                            .map(Ref::Country)
                            .collect();
                        if let (Some(end), [x, y]) =
                            (representatives_after(doc, i + 1), &states[..])
                        {
                            if x != y {
                                ents.mentions
                                    .push(Mention::anaphor(i, end, vec![*x, *y], false));
                                i = end;
                                continue;
                            }
                        }
                    } else if last_people.len() >= 2
                        && !(matches!(w, "they" | "They")
                            && counted_group_before(doc, sent.content, i))
                        && (matches!(w, "they" | "They")
                            || (matches!(w, "their" | "Their")
                                && doc.is_any(i + 1, &["talks", "meeting", "summit"])))
                    {
                        // "they" are the last two people named; so are the two who held "their talks"
                        // ("a joint news conference with Macron following their talks").
                        let n = last_people.len();
                        let (a, b) = (last_people[n - 2], last_people[n - 1]);
                        if a != b {
                            ents.mentions.push(Mention::anaphor(
                                i,
                                i + 1,
                                vec![Ref::Person(a), Ref::Person(b)],
                                matches!(w, "their" | "Their"),
                            ));
                        }
                    }
                }
                i += 1;
            }
            if let Some(p) = subject_person(doc, &ents.mentions[sent_mentions..]) {
                previous_subject = Some(p);
            } else if doc.is_story(s)
                && ents.mentions[sent_mentions..]
                    .iter()
                    .any(|m| !m.anaphor && !m.possessive && matches!(m.refs[..], [Ref::Person(_)]))
            {
                // "Another obstacle went with the release of Cheng Lei ... She flew into Melbourne": a
                // sentence that names someone only as an object leaves "she" to the one named last.
                previous_subject = None;
            }
        }
    }
    // "President Emmanuel Macron of France": a person without a country takes the one after "of".
    for k in 0..ents.mentions.len() {
        let m = &ents.mentions[k];
        let [Ref::Person(p)] = m.refs[..] else {
            continue;
        };
        if m.anaphor || ents.people[p].country.is_some() || !doc.is(m.end, "of") {
            continue;
        }
        let Some(Ref::Country(c)) = ents
            .mentions
            .get(k + 1)
            .filter(|n| n.start == m.end + 1 && !n.possessive)
            .and_then(|n| n.refs.first().copied())
        else {
            continue;
        };
        ents.people[p].country = Some(doc.lex().countries[c as usize].code.clone());
    }
    crate::state_pronoun::resolve(doc, &mut ents);
    ents
}

/// "five more Guards members died when a strike levelled a building where they had gathered": a counted
/// group of people told earlier in the sentence is who "they" are, not the last two people named.
fn counted_group_before(doc: &Doc<'_>, from: usize, i: usize) -> bool {
    const COUNTS: &[&str] = &[
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens",
        "hundreds", "several", "many",
    ];
    (from..i).any(|k| {
        // ("the two held talks, after which they": the pair itself.)
        let counted = (doc.kind(k) == crate::segment::TokKind::Number || doc.is_any(k, COUNTS))
            && !(k > from && doc.is(k - 1, "the"));
        counted
            && (k + 1..i.min(k + 4)).any(|j| {
                let w = doc.lower(j);
                doc.is_word(j)
                    && !doc.is_cap(j)
                    && w.as_str().ends_with('s')
                    && !w.as_str().ends_with("ss")
            })
    })
}

/// Standing qualifiers of an office, part of the role: "interim President", "acting Prime Minister".
const ROLE_QUALIFIERS: &[&str] = &["interim", "acting", "caretaker", "outgoing", "incoming"];

/// Lowercase words naming a state's organ between the state and a title: "foreign ministry spokesman".
const ORGAN_WORDS: &[&str] = &[
    "foreign",
    "defence",
    "defense",
    "interior",
    "ministry",
    "military",
    "army",
    "presidential",
    "government",
    "navy",
    "policy",
    "trade",
    "security",
    "intelligence",
];

/// "met her at the palace", "received her on Tuesday": "her" as an object, followed by a preposition,
/// rather than the possessive of "her visit".
fn object_her(doc: &Doc<'_>, i: usize) -> bool {
    doc.tok(i) == "her"
        && doc.is_any(
            i + 1,
            &[
                "at", "on", "in", "for", "and", "with", "during", "after", "before", "later",
            ],
        )
}

/// The person a sentence is about: its first person named outside a prepositional phrase, preferring one
/// that is not a possessive ("Putin's spokesman Peskov said" is about Peskov, "Kim's train passed" about
/// Kim). "He" continues this person rather than the last one named: "Modi will hold talks with Tusk and
/// call on President Duda. From Poland, he will travel to Kyiv."
fn subject_person(doc: &Doc<'_>, mentions: &[Mention]) -> Option<usize> {
    let subjects = || {
        mentions.iter().filter_map(|m| match m.refs[..] {
            [Ref::Person(p)]
                if m.start == 0
                    || !doc.is_any(
                        m.start - 1,
                        &[
                            "with",
                            "by",
                            "to",
                            "of",
                            "on",
                            "for",
                            "from",
                            "and",
                            "at",
                            "between",
                            // "Standing beside Takaichi, Trump told sailors": an object of a
                            // preposition is no subject.
                            "beside",
                            "alongside",
                            "behind",
                            "near",
                            "including",
                            "among",
                            "against",
                            "about",
                            "like",
                            "than",
                            "into",
                            "under",
                            "toward",
                            "towards",
                            // "Not since Sheikh Mishal became emir had Erdogan been to the emirate":
                            // a time clause's subject is not the sentence's.
                            "since",
                        ],
                    ) =>
            {
                Some((p, m.possessive))
            }
            _ => None,
        })
    };
    subjects()
        .find(|&(_, possessive)| !possessive)
        .or_else(|| subjects().next())
        .map(|(p, _)| p)
}

/// "He said", "she told reporters": a pronoun before a reporting verb is the speaker just quoted, the last
/// person named.
fn is_attribution_verb(doc: &Doc<'_>, k: usize) -> bool {
    doc.ci_find(k, |e| matches!(e, Entry::AttribVerb).then_some(()))
        .is_some()
}

/// Words that narrow an office in "the two prime ministers", "the two foreign ministers".
const OFFICE_MODIFIERS: &[&str] = &[
    "prime", "foreign", "defence", "defense", "finance", "trade", "vice",
];

/// "the two leaders", "the two men", "the two" before a verb: the last two people named; "the two sides",
/// "the two countries": their countries when both are known and differ. Returns the end and the refs.
fn the_two(
    doc: &Doc<'_>,
    ents: &Entities,
    i: usize,
    end: usize,
    last_people: &[usize],
) -> Option<(usize, Vec<Ref>)> {
    const PEOPLE: &[&str] = &[
        "leaders",
        "men",
        "women",
        "presidents",
        "ministers",
        "premiers",
        "heads",
        "officials",
    ];
    const COUNTRIES: &[&str] = &[
        "sides",
        "countries",
        "nations",
        "governments",
        "delegations",
        "neighbours",
        "neighbors",
    ];
    const BARE_NEXT: &[&str] = &[
        "held", "met", "signed", "will", "have", "had", "also", "agreed", "are", "were", "would",
        "then",
    ];
    if !matches!(doc.tok(i), "the" | "The") || i + 2 >= end || doc.tok(i + 1) != "two" {
        return None;
    }
    // "the two prime ministers", "the two foreign ministers": an office's modifier before the noun.
    let modified = i + 3 < end
        && doc.is_any(i + 2, OFFICE_MODIFIERS)
        && matches!(doc.tok(i + 3), "ministers" | "presidents" | "leaders");
    let i = if modified { i + 1 } else { i };
    let next = doc.tok(i + 2);
    let n = last_people.len();
    if n < 2 {
        // "Chile and Argentina signed ...; the treaty the two countries signed in 2009": with fewer than
        // two people named, the two countries are the last pair of countries named together.
        let pair = COUNTRIES.contains(&next) && !matches!(doc.tok(i + 3), "'" | "'s" | "\u{2019}");
        return pair
            .then(|| last_country_pair(doc, ents, i).or_else(|| countries_of_the_sentence(doc, i)))
            .flatten()
            .map(|refs| (i + 3, refs));
    }
    // "the two leaders" are the last two leaders named, not a spokesman quoted in between.
    let leaders: Vec<usize> = last_people
        .iter()
        .copied()
        .filter(|&p| ents.people[p].role.as_deref().is_some_and(is_leader_role))
        .collect();
    // "the two ministers" are the last two ministers named, not the secretary of state quoted after them.
    let office = match next {
        "ministers" => Some("minister"),
        "presidents" => Some("president"),
        "envoys" => Some("envoy"),
        _ => None,
    };
    let holders: Vec<usize> = office.map_or_else(Vec::new, |o| {
        last_people
            .iter()
            .copied()
            .filter(|&p| {
                ents.people[p]
                    .role
                    .as_deref()
                    .is_some_and(|r| r.to_ascii_lowercase().contains(o))
            })
            .collect()
    });
    let pool = if holders.len() >= 2 {
        &holders[..]
    } else if matches!(next, "leaders" | "presidents" | "premiers" | "heads") && leaders.len() >= 2
    {
        &leaders[..]
    } else {
        last_people
    };
    let m = pool.len();
    let (a, b) = (pool[m - 2], pool[m - 1]);
    let people = vec![Ref::Person(a), Ref::Person(b)];
    // "the two heads of state": read over "of state".
    let noun_end = if next == "heads" && i + 4 < end && doc.tok(i + 3) == "of" {
        i + 5
    } else {
        i + 3
    };
    // A possessive ("the two countries' coast guards") is not a participant.
    if noun_end < end && matches!(doc.tok(noun_end), "'" | "'s" | "’") {
        return None;
    }
    if PEOPLE.contains(&next) {
        return Some((noun_end, people));
    }
    // "the two delegations" after two leaders of different countries are named: the delegations they lead,
    // represented by the leaders (their meeting is the leaders' meeting).
    if next == "delegations" && leaders.len() >= 2 {
        let lex = doc.lex();
        let (x, y) = (leaders[leaders.len() - 2], leaders[leaders.len() - 1]);
        let (cx, cy) = (
            ents.country_of(lex, Ref::Person(x)),
            ents.country_of(lex, Ref::Person(y)),
        );
        if x != y && cx != cy {
            return Some((noun_end, vec![Ref::Person(x), Ref::Person(y)]));
        }
    }
    if COUNTRIES.contains(&next) {
        // The last two countries the people named stand for, reading back over anyone whose country is
        // unknown or the same as one already taken ("Macron met Luong Cuong, then To Lam ... the two
        // countries" are France and Vietnam).
        let lex = doc.lex();
        let mut states: Vec<u16> = Vec::new();
        for &p in last_people.iter().rev() {
            if let Some(c) = ents.country_of(lex, Ref::Person(p)) {
                if !states.contains(&c) {
                    states.push(c);
                }
            }
            if states.len() == 2 {
                break;
            }
        }
        // "President Volodymyr Zelensky" names no country: with one state known, the other is the
        // dateline's, when that differs (a visit to Kyiv and "the two countries" are India and Ukraine).
        if let [known] = states[..] {
            if let Some(h) = dateline_state(doc).filter(|&h| h != known) {
                states.push(h);
            }
        }
        let refs = match states[..] {
            [y, x] => vec![Ref::Country(x), Ref::Country(y)],
            _ => last_country_pair(doc, ents, i)
                .or_else(|| countries_of_the_sentence(doc, i))
                .unwrap_or(people),
        };
        return Some((noun_end, refs));
    }
    if BARE_NEXT.contains(&next) {
        return Some((i + 2, people));
    }
    None
}

/// "the nuclear-armed neighbours", "the arch-rivals": a pair of states described, not counted, is the last
/// pair of countries named together, else the last two named apart.
fn the_rivals(doc: &Doc<'_>, ents: &Entities, i: usize, end: usize) -> Option<(usize, Vec<Ref>)> {
    const PAIRS: &[&str] = &[
        "neighbours",
        "neighbors",
        "rivals",
        "arch-rivals",
        "foes",
        "adversaries",
    ];
    if !matches!(doc.tok(i), "the" | "The") || i + 1 >= end {
        return None;
    }
    let noun = if doc.is_any(i + 1, PAIRS) {
        i + 1
    } else if i + 2 < end
        && doc.is_word(i + 1)
        && !doc.is_cap(i + 1)
        && doc.tok(i + 1).contains('-')
    {
        i + 2
    } else {
        return None;
    };
    if !doc.is_any(noun, PAIRS) || matches!(doc.tok(noun + 1), "'" | "'s" | "\u{2019}") {
        return None;
    }
    // Else the last two countries named apart ("Pakistan test-fired ... days after India tested ...").
    let last_two = || {
        let mut states: Vec<Ref> = Vec::new();
        for m in ents
            .mentions
            .iter()
            .rev()
            .filter(|m| m.end <= i && !m.anaphor)
        {
            if let [r @ Ref::Country(_)] = m.refs[..] {
                if !states.contains(&r) {
                    states.push(r);
                }
            }
            if states.len() == 2 {
                states.reverse();
                return Some(states);
            }
        }
        None
    };
    last_country_pair(doc, ents, i)
        .or_else(last_two)
        .map(|refs| (noun + 1, refs))
}

/// The state a pair's unnamed side stands for when the other side's is `known` (leaders witnessing a
/// signing): the dateline's country when it differs, else the filing national agency's (Antara's
/// "President Prabowo" in a Beijing story is Indonesia's).
pub(crate) fn other_home_state(doc: &Doc<'_>, known: u16) -> Option<u16> {
    let lex = doc.lex();
    let agency = doc
        .outlet
        .as_deref()
        .and_then(|name| {
            lex.orgs
                .iter()
                .find(|o| o.agency && o.name.eq_ignore_ascii_case(name))
        })
        .and_then(|o| o.country.as_deref())
        .and_then(|code| lex.country_index(code));
    [dateline_state(doc), agency]
        .into_iter()
        .flatten()
        .find(|&h| h != known)
}

/// The state of the city the dateline names.
fn dateline_state(doc: &Doc<'_>) -> Option<u16> {
    crate::places::dateline_city(doc)
        .and_then(|p| p.country)
        .and_then(|code| doc.lex().country_index(&code))
}

/// "a Pakistani astronaut, trained in China under an agreement the two countries signed": the two distinct
/// countries the sentence names before token `i`, when it names exactly two. A demonym modifying a common
/// noun ("a Pakistani astronaut") names its country too, though it is no mention of its own.
fn countries_of_the_sentence(doc: &Doc<'_>, i: usize) -> Option<Vec<Ref>> {
    let sent = &doc.sents[*doc.sent_of.get(i)? as usize];
    let mut states: Vec<Ref> = Vec::new();
    for k in sent.content..i {
        let country = doc.cs_find(k, |e| match e {
            Entry::Country { idx, .. } => Some(Ref::Country(*idx)),
            _ => None,
        });
        if let Some((_, r)) = country.filter(|_| doc.is_cap(k)) {
            if !states.contains(&r) {
                states.push(r);
            }
        }
    }
    (states.len() == 2).then_some(states)
}

/// The last two distinct countries named together before token `i` ("Chile and Argentina", "Chile,
/// Argentina"): what "the two countries" stands for when the people named do not say.
fn last_country_pair(doc: &Doc<'_>, ents: &Entities, i: usize) -> Option<Vec<Ref>> {
    let before: Vec<&Mention> = ents.mentions.iter().filter(|m| m.end <= i).collect();
    before.windows(2).rev().find_map(|w| {
        let (a, b) = (w[0], w[1]);
        let joined = b.start > a.end && (a.end..b.start).all(|g| doc.is_any(g, &["and", ","]));
        match (&a.refs[..], &b.refs[..]) {
            ([x @ Ref::Country(p)], [y @ Ref::Country(q)]) if joined && p != q && !a.anaphor => {
                Some(vec![*x, *y])
            }
            _ => None,
        }
    })
}

fn chunk_at(doc: &Doc<'_>, start: usize, end: usize) -> Option<Chunk> {
    let lex = doc.lex();
    let mut els: Vec<(Elem, usize, usize)> = Vec::new();
    let mut i = start;
    let mut possessive = false;
    while i < end {
        // "Foreign Minister of the Democratic People's Republic of Korea Choe Son Hui": the state a title
        // belongs to may follow it after "of", before the name.
        // So may the state a special envoy is for: "U.S. envoy for Yemen Tim Lenderking".
        if doc.is_any(i, &["of", "for"]) && matches!(els.last(), Some((Elem::Title { .. }, ..))) {
            let at = if doc.is(i + 1, "the") { i + 2 } else { i + 1 };
            let country = doc.cs_find(at, |e| {
                matches!(
                    e,
                    Entry::Country {
                        how: CountryForm::Name,
                        ..
                    }
                )
                .then_some(*e)
            });
            if let Some((e, entry)) = country.filter(|&(e, _)| e < end && doc.is_cap(e)) {
                els.push((Elem::Ent(entry), at, e));
                i = e;
                continue;
            }
        }
        // "Defence Minister Israel Katz", "Prime Minister Luis Montenegro": inside a titled name, a country's
        // name is a given name or a surname.
        let after_title = matches!(els.last(), Some((Elem::Title { .. }, ..)));
        let after_titled_given = matches!(els.last(), Some((Elem::Cap, ..)))
            && els.iter().any(|(el, ..)| matches!(el, Elem::Title { .. }));
        let country_in_name = doc.cs_at(i).is_some_and(|(e, entries)| {
            e == i + 1
                && entries.iter().all(|x| {
                    matches!(
                        x,
                        Entry::Country {
                            how: CountryForm::Name,
                            ..
                        }
                    )
                })
                && ((after_title
                    && doc.is_cap(e)
                    && doc.cs_at(e).is_none()
                    && doc.ci_find(e, title).is_none())
                    || after_titled_given)
        });
        // "Xi's Air China jet", "Air India One": a country's name after "Air" names an airline or a plane.
        let airline = i > 0
            && doc.tok(i - 1) == "Air"
            && doc.cs_at(i).is_some_and(|(_, entries)| {
                entries.iter().all(|x| matches!(x, Entry::Country { .. }))
            });
        if airline {
            return None;
        }
        if let Some((e, entries)) = doc.cs_at(i).filter(|_| !country_in_name) {
            let pick = entries
                .iter()
                .find(|e| matches!(e, Entry::Person(_)))
                .or_else(|| entries.iter().find(|e| matches!(e, Entry::Org(_))))
                .or_else(|| entries.iter().find(|e| matches!(e, Entry::Country { .. })))
                .or_else(|| entries.iter().find(|e| matches!(e, Entry::Place(_))))
                .or_else(|| entries.iter().find(|e| matches!(e, Entry::Honorific)));
            if let Some(&entry) = pick {
                // "the North" is only the country with a capital N: the automaton is case-sensitive.
                els.push((Elem::Ent(entry), i, e));
                i = e;
                if doc.kind(i.min(doc.len() - 1)) == TokKind::Possessive && i < end {
                    possessive = true;
                    i += 1;
                    let carries = matches!(entry, Entry::Country { .. } | Entry::Org(_));
                    // "Thailand's acting Prime Minister Phumtham": a standing qualifier (below) too.
                    let qualified =
                        doc.is_any(i, ROLE_QUALIFIERS) && doc.ci_find(i + 1, title).is_some();
                    if carries && (doc.is_cap(i) || doc.ci_find(i, title).is_some() || qualified) {
                        possessive = false;
                        continue;
                    }
                    break;
                }
                continue;
            }
        }
        // "Syrian interim President Ahmed al-Sharaa", "Lebanese caretaker Prime Minister": a standing
        // qualifier between the state and the title belongs to the role.
        if matches!(els.last(), Some((Elem::Ent(Entry::Country { .. }), ..)))
            && doc.is_any(i, ROLE_QUALIFIERS)
            && doc.ci_find(i + 1, title).is_some()
        {
            i += 1;
            continue;
        }
        // "Iranian foreign ministry spokesman Esmaeil Baghaei", "Israeli army spokesman", "EU foreign policy
        // chief Kaja Kallas": the organ of the state or union the title serves belongs to the role.
        if matches!(
            els.last(),
            Some((Elem::Ent(Entry::Country { .. } | Entry::Org(_)), ..))
        ) && doc.ci_find(i, title).is_none()
        {
            let organ = (i..end.min(i + 3))
                .take_while(|&k| doc.is_any(k, ORGAN_WORDS) && !doc.is_cap(k))
                .last()
                .map(|k| k + 1);
            if let Some(o) = organ.filter(|&o| doc.ci_find(o, title).is_some()) {
                i = o;
                continue;
            }
        }
        // "Defence Minister Gen Nakatani": a rank's short form right after an office, and before a
        // single name, is a given name ("Army chief Gen. Asim Munir" has a period and two names).
        let given_name_gen = doc.tok(i) == "Gen"
            && matches!(els.last(), Some((Elem::Title { .. }, ..)))
            && doc.is_cap(i + 1)
            && !doc.is_cap(i + 2)
            && doc.tok(i + 1) != ".";
        // "Hassan Sheikh Mohamud": between two parts of a name, "Sheikh" is part of it.
        let sheikh_in_name = doc.tok(i) == "Sheikh"
            && matches!(els.last(), Some((Elem::Cap, ..)))
            && doc.is_cap(i + 1)
            && doc.ci_find(i + 1, title).is_none();
        if let Some((e, leader)) = doc
            .ci_find(i, title)
            .filter(|_| !given_name_gen && !sheikh_in_name)
        {
            // Lowercase titles ("leader") only inside a chunk, before a name, or after "the" (a description:
            // "the crown prince").
            let word = doc.tok(i);
            let lower = word.starts_with(|c: char| c.is_lowercase());
            let described = els.is_empty() && i > 0 && doc.is_any(i - 1, &["the"]);
            if !lower || !els.is_empty() || doc.is_cap(e) || described {
                els.push((Elem::Title { leader }, i, e));
                i = e;
                continue;
            }
        }
        // "Russia-Ukraine" joins names, but right after a title it is a hyphenated given name: "President
        // Kassym-Jomart Tokayev".
        let after_title = matches!(els.last(), Some((Elem::Title { .. }, ..)));
        let name_word = country_in_name
            || (doc.is_cap(i)
                && (STOP.binary_search(&doc.tok(i)).is_err()
                    || (stop_word_given_name(doc, i)
                        && (after_title
                            || (els.is_empty()
                                && (titled_after(doc, i) || titled_elsewhere(doc, i))))))
                && (!has_upper_after_hyphen(doc.tok(i))
                    || crate::doc::arabic_article(doc.tok(i))
                    || (after_title && doc.is_cap(i + 1))
                    // "Cuban President Miguel Díaz-Canel": a hyphenated surname after a titled given name.
                    || after_titled_given
                    || hyphenated_given_name(doc, i, els.is_empty())));
        // "Pope Leo XIV", "King Charles III": a regnal number after a titled name is part of it.
        let regnal = || {
            matches!(els.last(), Some((Elem::Cap, ..)))
                && els.iter().any(|(el, ..)| matches!(el, Elem::Title { .. }))
                && is_regnal_number(doc.tok(i))
                && (doc.tok(i).len() >= 2 || !doc.is_word(i + 1))
        };
        if name_word || regnal() {
            els.push((Elem::Cap, i, i + 1));
            i += 1;
            if doc.kind(i.min(doc.len() - 1)) == TokKind::Possessive && i < end {
                possessive = true;
                i += 1;
                break;
            }
            continue;
        }
        let is_particle = |k: usize| doc.is_word(k) && lex.is_particle(doc.tok(k));
        // "al-Sudani" carries its name after the hyphen; "von der Leyen" chains particles before it. The
        // cheap test first: most chunks end on a word that follows no capitalised one.
        let particle = matches!(els.last(), Some((Elem::Cap, ..)))
            && is_particle(i)
            && (doc.is_cap(i + 1)
                || has_upper_after_hyphen(doc.tok(i))
                || (is_particle(i + 1) && doc.is_cap(i + 2)));
        if particle {
            els.push((Elem::Cap, i, i + 1));
            i += 1;
            continue;
        }
        break;
    }
    if els.is_empty() {
        return None;
    }
    Some(Chunk {
        els,
        possessive,
        end: i,
    })
}

/// A Roman numeral as monarchs and popes are numbered: "I" to "XXIX".
fn is_regnal_number(w: &str) -> bool {
    const UNITS: &[&str] = &["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    let tens = w.bytes().take_while(|&b| b == b'X').count();
    tens <= 2 && !w.is_empty() && UNITS.contains(&&w[tens..])
}

/// "General Secretary To Lam": right after a title, a capitalised preposition (a Vietnamese given name
/// as often as not) is part of the name when a plain capitalised surname follows it. Days, months,
/// pronouns and determiners never are: "President On Monday" does not occur, "the minister Then ..."
/// would be a sentence break the segmenter already made.
fn stop_word_given_name(doc: &Doc<'_>, i: usize) -> bool {
    const GIVEN_NAME_HOMOGRAPHS: &[&str] = &["To", "Top"];
    let next = i + 1;
    doc.is_any(i, GIVEN_NAME_HOMOGRAPHS)
        && doc.tok(i).starts_with(char::is_uppercase)
        && doc.is_cap(next)
        && STOP.binary_search(&doc.tok(next)).is_err()
        && doc.cs_at(next).is_none()
        && doc.ci_find(next, title).is_none()
}

/// "To Lam visited Paris": opening a sentence, the homograph is still the given name when the article
/// names the same person after a title elsewhere ("General Secretary To Lam").
fn titled_elsewhere(doc: &Doc<'_>, i: usize) -> bool {
    let Some(surname) = (i + 1 < doc.len()).then(|| doc.tok(i + 1)) else {
        return false;
    };
    (1..doc.len().saturating_sub(1)).any(|k| {
        k != i
            && doc.tok(k) == doc.tok(i)
            && doc.tok(k + 1) == surname
            && (k.saturating_sub(4)..k).any(|j| doc.ci_find(j, title).is_some_and(|(e, _)| e == k))
    })
}

/// Nouns for people who act for a state or group: "negotiators from Israel and Hamas", "foreign ministers
/// from Egypt and Jordan". Unnamed, they are represented by the states after "from".
pub(crate) const REPRESENTATIVES: &[&str] = &[
    "ministers",
    "officials",
    "negotiators",
    "delegations",
    "delegates",
    "envoys",
    "diplomats",
    "representatives",
    "counterparts",
];

/// "their foreign ministers", "their negotiators": the end of a plural noun for people acting for states, after
/// at most two lowercase modifiers from `i`.
fn representatives_after(doc: &Doc<'_>, i: usize) -> Option<usize> {
    (i..i + 3)
        .take_while(|&k| doc.is_word(k) && !doc.is_cap(k))
        .find(|&k| doc.is_any(k, REPRESENTATIVES) || doc.is(k, "governments"))
        .map(|k| k + 1)
}

/// "met To Lam, general secretary of the ruling party": a name told with its title in an apposition after it.
fn titled_after(doc: &Doc<'_>, i: usize) -> bool {
    let mut e = i;
    while e < doc.len() && doc.is_cap(e) && e < i + 4 {
        e += 1;
    }
    doc.is(e, ",")
        && (e + 1..doc.len().min(e + 5))
            .take_while(|&k| doc.is_word(k))
            .any(|k| doc.ci_find(k, title).is_some())
}

fn title(e: &Entry) -> Option<bool> {
    match e {
        Entry::Title { leader } => Some(*leader),
        _ => None,
    }
}

/// "his Kazakh counterpart Kassym-Jomart Tokayev", "talks with Jean-Noel Barrot": a hyphenated word
/// opening a two-word name, no part of it a place ("Russia-Ukraine", "Indo-Pacific"), after a lowercase
/// word that is no determiner ("the Trans-Pacific Partnership" names a thing).
fn hyphenated_given_name(doc: &Doc<'_>, i: usize, opens_chunk: bool) -> bool {
    let lex = doc.lex();
    opens_chunk
        && i > 0
        && doc.is_word(i - 1)
        && !doc.is_cap(i - 1)
        && !doc.is_any(i - 1, &["the", "a", "an", "this", "that", "its", "their"])
        && doc.is_cap(i + 1)
        && !has_upper_after_hyphen(doc.tok(i + 1))
        && STOP.binary_search(&doc.tok(i + 1)).is_err()
        && doc.cs_at(i + 1).is_none()
        && doc.ci_find(i + 1, title).is_none()
        && !(doc.is_word(i + 2) && doc.is_cap(i + 2))
        && doc
            .tok(i)
            .split('-')
            .all(|part| part.len() >= 2 && !lex.is_known_place(part))
}

fn has_upper_after_hyphen(w: &str) -> bool {
    w.split('-')
        .skip(1)
        .any(|p| p.starts_with(char::is_uppercase))
}

fn country_code(doc: &Doc<'_>, e: Entry) -> Option<String> {
    let lex = doc.lex();
    match e {
        Entry::Country { idx, .. } => Some(lex.countries[idx as usize].code.clone()),
        Entry::Org(i) => lex.orgs[i as usize].country.clone(),
        _ => None,
    }
}

fn interpret(
    doc: &Doc<'_>,
    ents: &mut Entities,
    chunk: &Chunk,
    before: Option<usize>,
    pass: usize,
    last_people: &mut Vec<usize>,
) {
    let lex = doc.lex();
    let els = &chunk.els;
    let chunk_start = els[0].1;
    let chunk_end = chunk.end - usize::from(chunk.possessive);
    let emit = pass == 1;
    let push = |ents: &mut Entities, r: Ref, anaphor: bool, last_people: &mut Vec<usize>| {
        if let Ref::Person(p) = r {
            ents.people[p].mentions += 1;
            ents.people[p].last_seen = chunk_start;
            last_people.retain(|&q| q != p);
            last_people.push(p);
        }
        ents.mentions.push(Mention {
            start: chunk_start,
            end: chunk_end,
            refs: vec![r],
            possessive: chunk.possessive,
            anaphor,
        });
    };

    // A name from the lexicon's people list.
    if let Some(&(Elem::Ent(Entry::Person(pi)), ..)) = els
        .iter()
        .find(|e| matches!(e.0, Elem::Ent(Entry::Person(_))))
    {
        let name = lex.people[pi as usize].clone();
        let (role, country) = role_and_country(
            doc,
            els,
            els.iter()
                .position(|e| matches!(e.0, Elem::Ent(Entry::Person(_))))
                .unwrap_or(0),
        );
        let p = upsert(ents, &name, role, country, pass == 0);
        if let (true, Some(p)) = (emit, p) {
            push(ents, Ref::Person(p), false, last_people);
        }
        return;
    }

    let last_title = els.iter().rposition(|e| matches!(e.0, Elem::Title { .. }));
    // "Minister of Korea Choe Son Hui": the state after "of" belongs to the title, not to the name.
    let of_state = |t: usize| {
        els.get(t + 1).is_some_and(|&(el, a, _)| {
            matches!(el, Elem::Ent(Entry::Country { .. }))
                && a > 0
                && (doc.is_any(a - 1, &["of", "for"])
                    || (a > 1 && doc.is(a - 1, "the") && doc.is(a - 2, "of")))
        })
    };
    let tail_start = match last_title {
        Some(t) if of_state(t) => t + 2,
        Some(t) => t + 1,
        None => els
            .iter()
            .rposition(|e| !matches!(e.0, Elem::Cap))
            .map_or(0, |x| x + 1),
    };
    let tail = &els[tail_start..];
    let all_caps_tail = !tail.is_empty() && tail.iter().all(|e| matches!(e.0, Elem::Cap));
    let honorific = before.is_some_and(|b| {
        doc.cs_find(b, |e| matches!(e, Entry::Honorific).then_some(()))
            .is_some()
    }) || els
        .first()
        .is_some_and(|e| matches!(e.0, Elem::Ent(Entry::Honorific)));

    if all_caps_tail {
        let parts: Vec<&str> = tail.iter().map(|e| doc.tok(e.1)).collect();
        let venue_at = |k: usize| {
            doc.ci_find(k, |e| {
                matches!(e, Entry::VenueNoun | Entry::DropNoun | Entry::PlaceHead).then_some(())
            })
            .is_some()
        };
        // "the Amiri Diwan", "Mariinsky Palace": a name ending in a venue noun is the venue.
        let non_person = parts.iter().any(|p| NON_PERSON.binary_search(p).is_ok())
            || venue_at(chunk.end)
            || (parts.len() >= 2 && tail.last().is_some_and(|e| venue_at(e.1)));
        let name = canonical_name(&parts);
        let titled = last_title.is_some();
        // "Russia's Vladimir Putin": a state's possessive is whose the person is, not where a place is.
        let modifier_is_place = tail_start > 0
            && doc.kind(els[tail_start - 1].2) != TokKind::Possessive
            && matches!(
                els[tail_start - 1].0,
                Elem::Ent(Entry::Country {
                    how: CountryForm::Name | CountryForm::Capital,
                    ..
                }) | Elem::Ent(Entry::Place(_))
            );
        // A place name ("Da Nang") is no new person, but a title says it is ("President Jordan Bardella"),
        // and a name already introduced still binds ("Kim" is also a town in India).
        if !non_person {
            // The gazetteer is asked last: only a bare multi-word name needs it.
            // "a house in Deir Zaqqum", "the town of Beit Hanoun": a bare name where a place is told is
            // a place the gazetteer does not know, not someone new.
            let where_a_place_is_told = before.is_some_and(|b| {
                doc.is_any(b, &["in", "near", "outside"])
                    || (doc.is(b, "of")
                        && b > 0
                        && doc.is_any(b - 1, &["town", "city", "village", "camp", "district"]))
            });
            let can_create = titled
                || honorific
                || (parts.len() >= 2
                    && parts.len() <= 4
                    && !modifier_is_place
                    && !where_a_place_is_told
                    && !lex.is_known_place(&name));
            let p = if can_create {
                let (role, country) = match last_title {
                    Some(t) => role_and_country(doc, els, tail_start.max(t + 1)),
                    None => role_and_country(doc, els, tail_start),
                };
                upsert(ents, &name, role, country, pass == 1 || parts.len() >= 2)
            } else {
                find_person(ents, &name_parts(&name))
            };
            if let (true, Some(p)) = (emit, p) {
                push(ents, Ref::Person(p), false, last_people);
            }
            if p.is_some() {
                return;
            }
        }
        if !emit {
            return;
        }
        // Not a person: any country or organisation named before the tail is still a mention, unless
        // the tail makes the whole a company's name ("Qatar Airways", "Turkish Airlines").
        let company = tail
            .first()
            .is_some_and(|e| COMPANY_WORDS.contains(&doc.tok(e.1)));
        if company {
            return;
        }
        for &(el, a, b) in &els[..tail_start] {
            if let Some(r) = actor_ref(el) {
                ents.mentions.push(Mention {
                    start: a,
                    end: b,
                    refs: vec![r],
                    possessive: false,
                    anaphor: false,
                });
            }
        }
        return;
    }

    if !emit {
        return;
    }
    if let Some(t) = last_title {
        if t + 1 == els.len() {
            // A description: "the North Korean leader", "the crown prince".
            // "No Chinese president has travelled there": no one, not the one holding the office now.
            let nobody = before.is_some_and(|b| doc.is_any(b, &["no", "any", "every", "a", "an"]))
                || doc.is_any(els[0].1, &["no", "any", "every"]);
            let definite = !nobody
                && (before.is_some_and(|b| doc.is_any(b, &["the"]))
                    || els[..t]
                        .iter()
                        .any(|e| matches!(e.0, Elem::Ent(Entry::Country { .. }))));
            if definite {
                let (_, country) = role_and_country(doc, els, t + 1);
                let title_text = doc.span(els[t].1, els[t].2);
                // "the minister" alone is the person holding that very title, not any leader.
                let bare = t == 0 && doc.tok(els[t].1).starts_with(char::is_lowercase);
                let leader = matches!(els[t].0, Elem::Title { leader: true }) && !bare;
                if let Some(p) = resolve_description(ents, country.as_deref(), title_text, leader) {
                    push(ents, Ref::Person(p), true, last_people);
                    return;
                }
            }
            return;
        }
    }
    // "Russian forces", "Israeli warplanes": the country acts through its military.
    if let [(
        Elem::Ent(Entry::Country {
            idx,
            how: CountryForm::Demonym,
        }),
        a,
        _,
    )] = els[..]
    {
        if let Some(noun) = group_noun_after(doc, chunk.end) {
            // Coordinated ("Turkish and Iraqi officials"): each demonym is its own country mention;
            // otherwise the mention runs to the noun ("Israeli fighter jets").
            let coordinated = (chunk.end..noun).any(|k| doc.is_any(k, &["and", ","]));
            let end = if coordinated { chunk.end } else { noun + 1 };
            ents.mentions.push(Mention {
                start: a,
                end,
                refs: vec![Ref::Country(idx)],
                possessive: false,
                anaphor: false,
            });
            return;
        }
    }
    // "Montenegro said", after "Prime Minister Luis Montenegro": a country's name that is the surname of a
    // person the article names is that person.
    if let [(
        Elem::Ent(Entry::Country {
            how: CountryForm::Name,
            ..
        }),
        a,
        b,
    )] = els[..]
    {
        let word = doc.lower(a);
        let surname_of = (b == a + 1)
            .then(|| {
                ents.people.iter().position(|p| {
                    p.parts.len() >= 2 && p.parts.last().map(String::as_str) == Some(word.as_str())
                })
            })
            .flatten();
        if let Some(p) = surname_of {
            push(ents, Ref::Person(p), false, last_people);
            return;
        }
    }
    // Countries and organisations standing alone ("North Korea", "Pyongyang and Moscow").
    for &(el, a, b) in els {
        if let Some(r) = actor_ref(el) {
            let possessive = chunk.possessive && b == chunk_end;
            ents.mentions.push(Mention {
                start: a,
                end: b,
                refs: vec![r],
                possessive,
                anaphor: false,
            });
        }
    }
}

/// The group noun a demonym at `i - 1` modifies, reading over coordinated demonyms: "Turkish [and Iraqi]
/// officials". Returns the noun's token.
fn group_noun_after(doc: &Doc<'_>, mut i: usize) -> Option<usize> {
    let demonym = |k: usize| {
        doc.cs_find(k, |e| {
            matches!(
                e,
                Entry::Country {
                    how: CountryForm::Demonym,
                    ..
                }
            )
            .then_some(())
        })
        .map(|(end, _)| end)
    };
    for _ in 0..4 {
        // "Israeli fighter jets", "Russian attack drones": a lowercase modifier or two before the noun.
        let mut noun = i;
        while noun < i + 2
            && doc.is_word(noun)
            && !doc.is_cap(noun)
            && !doc.is_any(noun, FORCES)
            && !doc.is_any(noun, &["and", "or", "the", "a", "an", "of", "to", "in"])
        {
            noun += 1;
        }
        if doc.is_any(noun, FORCES) {
            return Some(noun);
        }
        if !doc.is_any(i, &["and", ","]) {
            return None;
        }
        i = demonym(i + 1)?;
    }
    None
}

fn actor_ref(el: Elem) -> Option<Ref> {
    match el {
        Elem::Ent(Entry::Country {
            idx,
            how: CountryForm::Name | CountryForm::Capital | CountryForm::Metonym,
        }) => Some(Ref::Country(idx)),
        Elem::Ent(Entry::Org(i)) => Some(Ref::Org(i)),
        _ => None,
    }
}

/// Role (the words ending in the last title) and country (the last demonym, country or organisation before
/// the role) of a name starting at element `name_at`.
fn role_and_country(
    doc: &Doc<'_>,
    els: &[(Elem, usize, usize)],
    name_at: usize,
) -> (Option<String>, Option<String>) {
    let pre = &els[..name_at.min(els.len())];
    let last_title = pre.iter().rposition(|e| matches!(e.0, Elem::Title { .. }));
    let last_ent = pre
        .iter()
        .rposition(|e| matches!(e.0, Elem::Ent(Entry::Country { .. } | Entry::Org(_))));
    let country = last_ent.and_then(|i| match pre[i].0 {
        Elem::Ent(e) => country_code(doc, e),
        _ => None,
    });
    let role = last_title.map(|t| {
        let from = match last_ent {
            Some(e) if e < t => e + 1,
            _ => 0,
        };
        doc.span(pre[from].1, pre[t].2).to_owned()
    });
    (role, country)
}

/// The person a name's lowercased parts ([`name_parts`]) refer to.
fn find_person(ents: &Entities, parts: &[String]) -> Option<usize> {
    if parts.is_empty() {
        return None;
    }
    if let Some(p) = ents.people.iter().position(|p| p.parts == parts) {
        return Some(p);
    }
    if parts.len() == 1 {
        let w = &parts[0];
        let mut best: Option<usize> = None;
        for (i, p) in ents.people.iter().enumerate() {
            let hit =
                p.parts.len() >= 2 && (p.parts.last() == Some(w) || p.parts.first() == Some(w));
            let more = |b: usize| {
                let q = &ents.people[b];
                (q.mentions, q.last_seen) < (p.mentions, p.last_seen)
            };
            if hit && best.is_none_or(more) {
                best = Some(i);
            }
        }
        // "Lula" for "Luiz Inacio Lula da Silva": a name known by an inner part, when no
        // one's first or last part is the word and exactly one known name holds it.
        if best.is_none() {
            let mut holders =
                ents.people.iter().enumerate().filter(|(_, p)| {
                    p.parts.len() >= 3 && p.parts[1..p.parts.len() - 1].contains(w)
                });
            if let (Some((i, _)), None) = (holders.next(), holders.next()) {
                best = Some(i);
            }
        }
        return best;
    }
    // "Tayyip Erdogan" for "Recep Tayyip Erdogan": a known name ending with the same two parts.
    ents.people
        .iter()
        .position(|p| p.parts.len() > parts.len() && p.parts.ends_with(parts))
}

fn upsert(
    ents: &mut Entities,
    name: &str,
    role: Option<String>,
    country: Option<String>,
    create: bool,
) -> Option<usize> {
    // Split once: asking and updating both need the parts.
    let parts = name_parts(name);
    if let Some(p) = find_person(ents, &parts) {
        let person = &mut ents.people[p];
        if person.role.is_none() {
            person.role = role;
        }
        if person.country.is_none() {
            person.country = country;
        }
        // A single-word name is replaced by the full name when it comes.
        if person.parts.len() < parts.len() {
            person.name = name.to_owned();
            person.parts = parts;
        }
        return Some(p);
    }
    if !create {
        return None;
    }
    ents.people.push(Person {
        name: name.to_owned(),
        role,
        country,
        parts,
        mentions: 0,
        last_seen: 0,
    });
    Some(ents.people.len() - 1)
}

fn resolve_description(
    ents: &Entities,
    country: Option<&str>,
    title: &str,
    leader: bool,
) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, p) in ents.people.iter().enumerate() {
        if country.is_some() && p.country.as_deref() != country {
            continue;
        }
        let Some(role) = &p.role else { continue };
        // A description points back: "The minister arrived ... and held talks with Foreign Minister
        // Sergey Lavrov" is not Lavrov, named only later in the sentence.
        if p.mentions == 0 {
            continue;
        }
        // "the pontiff" is the pope.
        let title = match title.to_ascii_lowercase().as_str() {
            "pontiff" => "pope".to_owned(),
            other => other.to_owned(),
        };
        let fits = if leader {
            is_leader_role(role)
        } else {
            role.to_ascii_lowercase().ends_with(&title)
        };
        if fits && best.is_none_or(|b| ents.people[b].mentions < p.mentions) {
            best = Some(i);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;

    fn read(text: &str) -> (Vec<Person>, Vec<(String, String)>) {
        let lex = Lexicon::builtin();
        let doc = Doc::new(text, lex);
        let ents = find(&doc);
        let mentions = ents
            .mentions
            .iter()
            .map(|m| {
                (
                    doc.span(m.start, m.end).to_owned(),
                    ents.actor(lex, m.refs[0]).id,
                )
            })
            .collect();
        (ents.people, mentions)
    }

    #[test]
    fn a_given_name_that_is_also_a_preposition_follows_a_title() {
        let (people, mentions) = read(
            "Thai Prime Minister Srettha Thavisin will call on General Secretary To Lam in Hanoi. \
             Lam pledged closer ties. To reach Hanoi, Srettha flew from Bangkok.",
        );
        assert!(people.iter().any(|p| p.name == "To Lam"), "{people:?}");
        assert!(mentions.iter().any(|(t, id)| t == "Lam" && id == "to-lam"));
        // Opening a sentence, "To" is the preposition.
        assert!(!people.iter().any(|p| p.name.starts_with("To Reach")));
    }

    #[test]
    fn titles_roles_and_countries() {
        let (people, _) =
            read("Chilean Mining Minister Aurora Williams met Peruvian President Dina Boluarte.");
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].name, "Aurora Williams");
        assert_eq!(people[0].role.as_deref(), Some("Mining Minister"));
        assert_eq!(people[0].country.as_deref(), Some("CL"));
        assert_eq!(people[1].role.as_deref(), Some("President"));
        let (people, _) = read("Japanese Prime Minister Shigeru Ishiba flew to Canberra.");
        assert_eq!(people[0].name, "Shigeru Ishiba");
        assert_eq!(people[0].role.as_deref(), Some("Prime Minister"));
        assert_eq!(people[0].country.as_deref(), Some("JP"));
    }

    #[test]
    fn surnames_spellings_descriptions_and_pronouns_corefer() {
        let text = "Vietnam's Le leads talks. Indian Prime Minister Narendra Modi arrived in Hanoi. \
                    Mr Modi met the Vietnamese President Luong Cuong. The Indian leader said he was pleased. Modi's visit ends Friday.";
        let (people, mentions) = read(text);
        let modi: Vec<&(String, String)> =
            mentions.iter().filter(|m| m.1 == "narendra-modi").collect();
        assert_eq!(modi.len(), 5, "{mentions:?}");
        assert!(people
            .iter()
            .any(|p| p.name == "Luong Cuong" && p.country.as_deref() == Some("VN")));
        let (people, mentions) =
            read("South Korean President Yoon Suk-yeol spoke. Yoon Suk Yeol left.");
        assert_eq!(people.len(), 1);
        assert_eq!(people[0].name, "Yoon Suk Yeol");
        assert!(mentions.iter().all(|m| m.1 == "yoon-suk-yeol"));
    }

    #[test]
    fn countries_metonyms_and_case() {
        let (_, mentions) = read(
            "Pyongyang and the Kremlin agreed. The train moved north of the city. The North fired.",
        );
        let ids: Vec<&str> = mentions.iter().map(|m| m.1.as_str()).collect();
        assert_eq!(ids, vec!["north-korea", "russia", "north-korea"]);
    }

    #[test]
    fn gazetteer_places_are_not_people_but_surnames_still_bind() {
        let (people, mentions) = read(
            "Kim Jong Un arrived in Da Nang. Kim said Da Nang was beautiful. President Victoria Lopez spoke.",
        );
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Kim Jong Un", "Victoria Lopez"]);
        assert_eq!(
            mentions.iter().filter(|m| m.1 == "kim-jong-un").count(),
            2,
            "{mentions:?}"
        );
    }

    #[test]
    fn hyphenated_given_names_after_a_title() {
        let (people, mentions) =
            read("Kazakh President Anna-Maria Ostrova hosted talks. Moldova-Romania ties grew.");
        assert_eq!(people.len(), 1, "{people:?}");
        assert_eq!(people[0].name, "Anna-Maria Ostrova");
        assert_eq!(people[0].country.as_deref(), Some("KZ"));
        assert_eq!(mentions.len(), 1, "{mentions:?}");
    }

    #[test]
    fn the_and_a_lowercase_title_is_the_person_holding_it() {
        let (_, mentions) = read(
            "Saudi Crown Prince Faisal Omari spoke. Chilean Finance Minister Ana Rojas met the crown prince. \
             The minister left.",
        );
        let ids: Vec<&str> = mentions.iter().map(|m| m.1.as_str()).collect();
        assert_eq!(
            ids,
            vec!["faisal-omari", "ana-rojas", "faisal-omari", "ana-rojas"],
            "{mentions:?}"
        );
        // No one holds the title: no mention.
        let (_, mentions) = read("Ana Rojas met the governor.");
        assert_eq!(mentions.len(), 1, "{mentions:?}");
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [STOP, NON_PERSON] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn places_and_institutions_are_not_people() {
        let (people, _) = read(
            "He spoke at the Eastern Economic Forum in Vladivostok and toured Primorsky Krai.",
        );
        assert!(people.is_empty(), "{people:?}");
    }
}
