//! The lexicon: everything extraction knows about English wire style that is data rather than grammar.
//!
//! Event kinds with their trigger words and argument rules, status cues, attribution verbs, titles,
//! organisations, people's alternative spellings, countries (ISO 3166-1 alpha-2, demonyms, capitals and
//! government metonyms) and a few places. It is read from TOML (`lexicon/default.toml` is compiled in as
//! [`Lexicon::builtin`]); loading compiles every phrase once into a [`PhraseMatcher`] — two vocabularies, one
//! matched ignoring case (triggers, cues, titles, weapons), one with case (names, so that "the North" is not
//! "north of") — so extraction never compiles anything per article.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use crate::gazetteer::Gazetteer;
use crate::matcher::PhraseMatcher;

/// The lexicon compiled into the binary.
pub const DEFAULT_TOML: &str = include_str!("../lexicon/default.toml");

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read lexicon {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("lexicon is not valid TOML of the expected shape: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("lexicon is invalid: {0}")]
    Invalid(String),
    #[error("cannot compile lexicon patterns: {0}")]
    Build(#[from] aho_corasick::BuildError),
}

// ----- raw TOML shape ---------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    #[serde(default)]
    kind: Vec<RawKind>,
    #[serde(default)]
    weapons: Vec<String>,
    #[serde(default)]
    weapon_aliases: Vec<(String, String)>,
    #[serde(default)]
    modes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    venue_nouns: Vec<String>,
    #[serde(default)]
    drop_nouns: Vec<String>,
    #[serde(default)]
    place_heads: Vec<String>,
    #[serde(default)]
    status: RawStatus,
    #[serde(default)]
    attribution: RawAttribution,
    #[serde(default)]
    titles: RawTitles,
    #[serde(default)]
    organisations: Vec<RawOrg>,
    #[serde(default)]
    people: Vec<RawPerson>,
    #[serde(default)]
    countries: Vec<RawCountry>,
    #[serde(default)]
    places: Vec<RawPlace>,
    #[serde(default)]
    launch_vehicles: Vec<RawLaunchVehicle>,
}

/// A family of space launch vehicles ("Long March", "Soyuz") and the state that flies it, if one does.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLaunchVehicle {
    name: String,
    #[serde(default)]
    country: Option<String>,
    /// The organisation flying a family no one state flies ("European Space Agency" for Ariane).
    #[serde(default)]
    org: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKind {
    name: String,
    #[serde(default)]
    verbs: Vec<Vec<String>>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    place_preps: Vec<String>,
    #[serde(default)]
    destination_preps: Vec<String>,
    #[serde(default)]
    transitive: Vec<String>,
    #[serde(default)]
    vehicles: Vec<String>,
    #[serde(default)]
    objects: Vec<String>,
    #[serde(default)]
    requires_weapon: bool,
    #[serde(default)]
    actors_are_countries: bool,
    #[serde(default = "one")]
    min_actors: usize,
}

fn one() -> usize {
    1
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatus {
    #[serde(default)]
    expected: Vec<String>,
    #[serde(default)]
    speculated: Vec<String>,
    #[serde(default)]
    denied: Vec<String>,
    #[serde(default)]
    hypothetical: Vec<String>,
    #[serde(default)]
    habitual: Vec<String>,
    #[serde(default)]
    wish: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttribution {
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    prefixes: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTitles {
    #[serde(default)]
    heads: Vec<String>,
    #[serde(default)]
    leader_heads: Vec<String>,
    #[serde(default)]
    honorifics: Vec<String>,
    #[serde(default)]
    particles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrg {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    agency: bool,
    #[serde(default)]
    group: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCountry {
    code: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    capital: Option<String>,
    #[serde(default)]
    metonyms: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    name: String,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

// ----- compiled model ---------------------------------------------------------------------------------------

/// A launch-vehicle family: its words ("Long", "March") and the index of the state (or else the
/// organisation) flying it.
#[derive(Debug, Clone)]
pub struct LaunchVehicle {
    pub words: Vec<String>,
    pub country: Option<u16>,
    pub org: Option<u16>,
}

/// The grammatical form of a trigger, which tells tense and whether it heads a noun phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Base,
    Third,
    Past,
    Gerund,
    Participle,
    Noun,
}

/// A status cue's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Expected,
    Speculated,
    Denied,
    Hypothetical,
    Habitual,
    /// A wish ("wants to", "hopes to"): it scopes over what follows it only, and wishes are no happenings.
    Wish,
}

/// What a matched phrase means. One phrase may mean several things ("reached": an arrival verb).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Trigger {
        kind: u16,
        form: Form,
        lemma: u16,
    },
    Cue(Cue),
    AttribVerb,
    AttribPrefix,
    Title {
        leader: bool,
    },
    Honorific,
    Weapon(u16),
    Mode(u16),
    /// An object noun of an agreement ("treaty").
    Object(u16),
    Vehicle(u16),
    VenueNoun,
    DropNoun,
    PlaceHead,
    Country {
        idx: u16,
        how: CountryForm,
    },
    Org(u16),
    Place(u16),
    Person(u16),
}

/// How a country was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryForm {
    /// Its name or another name: an actor and a place.
    Name,
    /// "Russian": a modifier only.
    Demonym,
    /// Its capital: the country as an actor, the city as a place.
    Capital,
    /// "the Kremlin", "Washington": the country as an actor, the name itself as a place.
    Metonym,
}

/// An event kind and its argument rules.
#[derive(Debug, Clone)]
pub struct KindSpec {
    pub name: String,
    /// The base form of each verb (index = `lemma` of a verb trigger), used for `transitive`.
    pub lemmas: Vec<String>,
    pub place_preps: Vec<String>,
    pub destination_preps: Vec<String>,
    pub transitive: HashSet<u16>,
    pub has_vehicles: bool,
    pub has_objects: bool,
    pub requires_weapon: bool,
    pub actors_are_countries: bool,
    pub min_actors: usize,
}

#[derive(Debug, Clone)]
pub struct Country {
    pub code: String,
    pub name: String,
    pub capital: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Org {
    pub name: String,
    pub country: Option<String>,
    pub agency: bool,
    pub group: bool,
}

#[derive(Debug, Clone)]
pub struct KnownPlace {
    pub name: String,
    pub country: Option<String>,
}

/// The compiled lexicon. Cheap to share (`Lexicon::builtin()` is built once per process).
#[derive(Clone)]
pub struct Lexicon {
    pub kinds: Vec<KindSpec>,
    pub countries: Vec<Country>,
    pub orgs: Vec<Org>,
    pub places: Vec<KnownPlace>,
    pub people: Vec<String>,
    pub weapons: Vec<String>,
    pub modes: Vec<String>,
    pub(crate) matcher: PhraseMatcher,
    pub(crate) ci_entries: Vec<Vec<Entry>>,
    pub(crate) cs_entries: Vec<Vec<Entry>>,
    /// Case-insensitive phrase (lowercase) → its index in `ci_entries`.
    pub(crate) ci_index: HashMap<String, usize>,
    /// Few and short: a scan is cheaper than hashing.
    pub(crate) particles: Vec<String>,
    /// Single words that say how someone travelled ("flew" → plane).
    pub(crate) mode_words: HashMap<String, u16>,
    pub(crate) place_by_name: HashMap<String, u16>,
    pub(crate) gazetteer: Option<Arc<dyn Gazetteer>>,
    /// Rocket families, read by name with their designation ("Long March-12", "Falcon 9").
    pub(crate) launch_vehicles: Vec<LaunchVehicle>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field(
                "kinds",
                &self
                    .kinds
                    .iter()
                    .map(|k| k.name.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("countries", &self.countries.len())
            .field("orgs", &self.orgs.len())
            .field("places", &self.places.len())
            .field("gazetteer", &self.gazetteer.is_some())
            .finish()
    }
}

/// Collects phrases for one automaton, merging the meanings of a phrase listed twice.
#[derive(Default)]
struct PatternSet {
    index: HashMap<String, usize>,
    patterns: Vec<String>,
    entries: Vec<Vec<Entry>>,
}

impl PatternSet {
    fn add(&mut self, phrase: &str, entry: Entry, fold: bool) {
        let phrase = phrase.trim();
        if phrase.is_empty() {
            return;
        }
        // Curly and straight apostrophes are the same letter to a reader.
        let mut variants = vec![phrase.to_owned()];
        if phrase.contains('\'') {
            variants.push(phrase.replace('\'', "\u{2019}"));
        }
        for variant in variants {
            let key = if fold {
                variant.to_ascii_lowercase()
            } else {
                variant
            };
            let at = match self.index.get(&key) {
                Some(&at) => at,
                None => {
                    self.index.insert(key.clone(), self.patterns.len());
                    self.patterns.push(key);
                    self.entries.push(Vec::new());
                    self.patterns.len() - 1
                }
            };
            if !self.entries[at].contains(&entry) {
                self.entries[at].push(entry);
            }
        }
    }
}

fn idx16(i: usize, what: &str) -> Result<u16, LexiconError> {
    u16::try_from(i).map_err(|_| LexiconError::Invalid(format!("too many {what}")))
}

impl Lexicon {
    /// The built-in lexicon (`lexicon/default.toml`) with the built-in gazetteer plugged in, compiled once
    /// per process.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: OnceLock<Lexicon> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Lexicon::from_toml_str(DEFAULT_TOML)
                .expect("the built-in lexicon is valid")
                .with_gazetteer(crate::gazetteer::builtin())
        })
    }

    /// A lexicon file, with the built-in gazetteer plugged in: a user's lexicon changes the vocabulary, not
    /// the world's places.
    pub fn from_path(path: &Path) -> Result<Lexicon, LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Ok(Lexicon::from_toml_str(&text)?.with_gazetteer(crate::gazetteer::builtin()))
    }

    /// Plugs in a gazetteer: place names it knows get their country (see [`crate::gazetteer`]).
    pub fn with_gazetteer(mut self, gazetteer: Arc<dyn Gazetteer>) -> Lexicon {
        self.gazetteer = Some(gazetteer);
        self
    }

    pub fn from_toml_str(text: &str) -> Result<Lexicon, LexiconError> {
        let raw: RawLexicon = toml::from_str(text)?;
        let mut ci = PatternSet::default();
        let mut cs = PatternSet::default();
        let mut kinds = Vec::new();
        for (k, rk) in raw.kind.iter().enumerate() {
            let kind = idx16(k, "kinds")?;
            if rk.name.is_empty() || !rk.name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                return Err(LexiconError::Invalid(format!(
                    "kind `{}` is not snake_case",
                    rk.name
                )));
            }
            let mut lemmas = Vec::new();
            for forms in &rk.verbs {
                if forms.len() < 4 {
                    return Err(LexiconError::Invalid(format!(
                        "kind {}: verb {:?} needs [base, third person, past, -ing]",
                        rk.name, forms
                    )));
                }
                let lemma = idx16(lemmas.len(), "verbs")?;
                lemmas.push(forms[0].to_ascii_lowercase());
                let tags = [
                    Form::Base,
                    Form::Third,
                    Form::Past,
                    Form::Gerund,
                    Form::Participle,
                ];
                for (form, tag) in forms.iter().zip(tags) {
                    ci.add(
                        form,
                        Entry::Trigger {
                            kind,
                            form: tag,
                            lemma,
                        },
                        true,
                    );
                }
            }
            for noun in &rk.nouns {
                ci.add(
                    noun,
                    Entry::Trigger {
                        kind,
                        form: Form::Noun,
                        lemma: u16::MAX,
                    },
                    true,
                );
            }
            for (i, v) in rk.vehicles.iter().enumerate() {
                ci.add(v, Entry::Vehicle(idx16(i, "vehicles")?), true);
            }
            for (i, o) in rk.objects.iter().enumerate() {
                ci.add(o, Entry::Object(idx16(i, "objects")?), true);
            }
            let transitive = rk
                .transitive
                .iter()
                .filter_map(|t| lemmas.iter().position(|l| l.eq_ignore_ascii_case(t)))
                .map(|i| i as u16)
                .collect();
            kinds.push(KindSpec {
                name: rk.name.clone(),
                lemmas,
                place_preps: rk
                    .place_preps
                    .iter()
                    .map(|p| p.to_ascii_lowercase())
                    .collect(),
                destination_preps: rk
                    .destination_preps
                    .iter()
                    .map(|p| p.to_ascii_lowercase())
                    .collect(),
                transitive,
                has_vehicles: !rk.vehicles.is_empty(),
                has_objects: !rk.objects.is_empty(),
                requires_weapon: rk.requires_weapon,
                actors_are_countries: rk.actors_are_countries,
                min_actors: rk.min_actors.max(1),
            });
        }
        let mut weapons: Vec<String> = Vec::new();
        for w in &raw.weapons {
            let at = idx16(weapons.len(), "weapons")?;
            ci.add(w, Entry::Weapon(at), true);
            ci.add(&format!("{w}s"), Entry::Weapon(at), true);
            weapons.push(w.to_ascii_lowercase());
        }
        for (alias, target) in &raw.weapon_aliases {
            let at = match weapons.iter().position(|w| w.eq_ignore_ascii_case(target)) {
                Some(at) => at,
                None => {
                    weapons.push(target.to_ascii_lowercase());
                    weapons.len() - 1
                }
            };
            ci.add(alias, Entry::Weapon(idx16(at, "weapons")?), true);
            if !alias.ends_with('s') {
                ci.add(
                    &format!("{alias}s"),
                    Entry::Weapon(idx16(at, "weapons")?),
                    true,
                );
            }
        }
        let mut modes = Vec::new();
        let mut mode_words = HashMap::new();
        for (mode, words) in &raw.modes {
            let m = idx16(modes.len(), "modes")?;
            modes.push(mode.clone());
            for w in words {
                ci.add(w, Entry::Mode(m), true);
                mode_words.insert(w.to_ascii_lowercase(), m);
            }
        }
        for w in &raw.venue_nouns {
            ci.add(w, Entry::VenueNoun, true);
        }
        for w in &raw.drop_nouns {
            ci.add(w, Entry::DropNoun, true);
        }
        for w in &raw.place_heads {
            ci.add(w, Entry::PlaceHead, true);
        }
        for (list, cue) in [
            (&raw.status.expected, Cue::Expected),
            (&raw.status.speculated, Cue::Speculated),
            (&raw.status.denied, Cue::Denied),
            (&raw.status.hypothetical, Cue::Hypothetical),
            (&raw.status.habitual, Cue::Habitual),
            (&raw.status.wish, Cue::Wish),
        ] {
            for w in list {
                ci.add(w, Entry::Cue(cue), true);
            }
        }
        for w in &raw.attribution.verbs {
            ci.add(w, Entry::AttribVerb, true);
        }
        for w in &raw.attribution.prefixes {
            ci.add(w, Entry::AttribPrefix, true);
        }
        let leaders: HashSet<String> = raw
            .titles
            .leader_heads
            .iter()
            .map(|t| t.to_ascii_lowercase())
            .collect();
        for t in &raw.titles.heads {
            ci.add(
                t,
                Entry::Title {
                    leader: leaders.contains(&t.to_ascii_lowercase()),
                },
                true,
            );
        }
        for t in &raw.titles.leader_heads {
            ci.add(t, Entry::Title { leader: true }, true);
        }
        for h in &raw.titles.honorifics {
            cs.add(h, Entry::Honorific, false);
        }
        let mut countries = Vec::new();
        for (i, c) in raw.countries.iter().enumerate() {
            let idx = idx16(i, "countries")?;
            if c.code.len() != 2 || !c.code.chars().all(|ch| ch.is_ascii_uppercase()) {
                return Err(LexiconError::Invalid(format!(
                    "country {}: code `{}` is not ISO alpha-2",
                    c.name, c.code
                )));
            }
            cs.add(
                &c.name,
                Entry::Country {
                    idx,
                    how: CountryForm::Name,
                },
                false,
            );
            for a in &c.aliases {
                cs.add(
                    a,
                    Entry::Country {
                        idx,
                        how: CountryForm::Name,
                    },
                    false,
                );
            }
            for d in &c.demonyms {
                cs.add(
                    d,
                    Entry::Country {
                        idx,
                        how: CountryForm::Demonym,
                    },
                    false,
                );
            }
            if let Some(cap) = &c.capital {
                cs.add(
                    cap,
                    Entry::Country {
                        idx,
                        how: CountryForm::Capital,
                    },
                    false,
                );
            }
            for m in &c.metonyms {
                cs.add(
                    m,
                    Entry::Country {
                        idx,
                        how: CountryForm::Metonym,
                    },
                    false,
                );
            }
            countries.push(Country {
                code: c.code.clone(),
                name: c.name.clone(),
                capital: c.capital.clone(),
            });
        }
        let mut orgs = Vec::new();
        for (i, o) in raw.organisations.iter().enumerate() {
            let idx = idx16(i, "organisations")?;
            cs.add(&o.name, Entry::Org(idx), false);
            for a in &o.aliases {
                cs.add(a, Entry::Org(idx), false);
            }
            orgs.push(Org {
                name: o.name.clone(),
                country: o.country.clone(),
                agency: o.agency,
                group: o.group,
            });
        }
        let mut people = Vec::new();
        for (i, p) in raw.people.iter().enumerate() {
            let idx = idx16(i, "people")?;
            cs.add(&p.name, Entry::Person(idx), false);
            for a in &p.aliases {
                cs.add(a, Entry::Person(idx), false);
            }
            people.push(p.name.clone());
        }
        let mut places = Vec::new();
        let mut place_by_name = HashMap::new();
        for (i, p) in raw.places.iter().enumerate() {
            let idx = idx16(i, "places")?;
            cs.add(&p.name, Entry::Place(idx), false);
            place_by_name.insert(p.name.to_lowercase(), idx);
            for a in &p.aliases {
                cs.add(a, Entry::Place(idx), false);
                place_by_name.insert(a.to_lowercase(), idx);
            }
            places.push(KnownPlace {
                name: p.name.clone(),
                country: p.country.clone(),
            });
        }
        let mut launch_vehicles = Vec::new();
        for v in &raw.launch_vehicles {
            let country = match &v.country {
                Some(code) => Some(
                    countries
                        .iter()
                        .position(|c| c.code == *code)
                        .ok_or_else(|| {
                            LexiconError::Invalid(format!(
                                "launch vehicle `{}` names unknown country `{code}`",
                                v.name
                            ))
                        })
                        .and_then(|i| idx16(i, "countries"))?,
                ),
                None => None,
            };
            let org = match &v.org {
                Some(name) => Some(
                    orgs.iter()
                        .position(|o: &Org| o.name == *name)
                        .ok_or_else(|| {
                            LexiconError::Invalid(format!(
                                "launch vehicle `{}` names unknown organisation `{name}`",
                                v.name
                            ))
                        })
                        .and_then(|i| idx16(i, "organisations"))?,
                ),
                None => None,
            };
            launch_vehicles.push(LaunchVehicle {
                words: v.name.split_whitespace().map(str::to_owned).collect(),
                country,
                org,
            });
        }
        let matcher = PhraseMatcher::new(&ci.patterns, &cs.patterns)?;
        let (ci_entries, cs_entries, ci_index) = (ci.entries, cs.entries, ci.index);
        Ok(Lexicon {
            kinds,
            countries,
            orgs,
            places,
            people,
            weapons,
            modes,
            matcher,
            ci_entries,
            cs_entries,
            ci_index,
            mode_words,
            particles: raw
                .titles
                .particles
                .iter()
                .map(|p| p.to_ascii_lowercase())
                .collect(),
            place_by_name,
            gazetteer: None,
            launch_vehicles,
        })
    }

    /// The meanings of a case-insensitive phrase, written lowercase with single spaces.
    pub(crate) fn ci_phrase(&self, phrase: &str) -> Option<&[Entry]> {
        self.ci_index
            .get(phrase)
            .map(|&at| self.ci_entries[at].as_slice())
    }

    pub fn kind_index(&self, name: &str) -> Option<usize> {
        self.kinds.iter().position(|k| k.name == name)
    }

    pub fn country_by_code(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }

    /// The index of the country with this ISO code, as a [`crate::entities::Ref::Country`] holds it.
    pub fn country_index(&self, code: &str) -> Option<u16> {
        self.countries
            .iter()
            .position(|c| c.code == code)
            .map(|i| i as u16)
    }

    /// The country of a place name the lexicon or the gazetteer knows.
    pub fn place_country(&self, name: &str) -> Option<String> {
        if let Some(&i) = self.place_by_name.get(&name.to_lowercase()) {
            return self.places[i as usize].country.clone();
        }
        self.gazetteer
            .as_ref()
            .and_then(|g| g.lookup(name))
            .map(|e| e.country)
    }

    /// The country of a place name as the text frames it: the lexicon's own places first, then the country
    /// the sentence gives (`hint`: "the Russian city of ..."), then the gazetteer's most populous match. A
    /// capitalised run the gazetteer does not know whole ("Kagoshima Prefecture") takes the country of its
    /// longest known prefix.
    pub fn place_country_hinted(&self, name: &str, hint: Option<&str>) -> Option<String> {
        if let Some(&i) = self.place_by_name.get(&name.to_lowercase()) {
            if let Some(c) = &self.places[i as usize].country {
                return Some(c.clone());
            }
        }
        if let Some(h) = hint {
            return Some(h.to_owned());
        }
        let gaz = self.gazetteer.as_ref()?;
        let words: Vec<&str> = name.split(' ').collect();
        (1..=words.len())
            .rev()
            .find_map(|n| gaz.lookup(&words[..n].join(" ")))
            .map(|e| e.country)
    }

    /// True for a name particle ("al", "von"), or a word starting with one before a hyphen ("al-Sudani").
    pub fn is_particle(&self, word: &str) -> bool {
        let head = word.split('-').next().unwrap_or("");
        self.particles.iter().any(|p| p.eq_ignore_ascii_case(head))
    }

    /// True when the name is a place the lexicon or the gazetteer knows.
    pub fn is_known_place(&self, name: &str) -> bool {
        self.place_by_name.contains_key(&name.to_lowercase())
            || self
                .gazetteer
                .as_ref()
                .is_some_and(|g| g.lookup(name).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_with_every_required_kind() {
        let lex = Lexicon::builtin();
        for kind in [
            "arrival",
            "departure",
            "meeting",
            "missile_launch",
            "agreement",
            "attack",
        ] {
            assert!(lex.kind_index(kind).is_some(), "{kind} missing");
        }
        assert_eq!(lex.country_by_code("KP").unwrap().name, "North Korea");
        assert!(lex.orgs.iter().any(|o| o.name == "KCNA" && o.agency));
    }

    #[test]
    fn a_user_lexicon_can_add_a_kind_without_code() {
        let lex = Lexicon::from_toml_str(
            r#"
            [[kind]]
            name = "evacuation"
            verbs = [["evacuate", "evacuates", "evacuated", "evacuating"]]
            place_preps = ["from"]
            countries = []
            "#,
        );
        // `countries` inside [[kind]] is not a field: unknown fields are rejected, not ignored.
        assert!(lex.is_err());
        let lex = Lexicon::from_toml_str(
            r#"
            countries = [{ code = "GR", name = "Greece", demonyms = ["Greek"], capital = "Athens" }]
            [[kind]]
            name = "evacuation"
            verbs = [["evacuate", "evacuates", "evacuated", "evacuating"]]
            place_preps = ["from"]
            "#,
        )
        .unwrap();
        assert_eq!(lex.kind_index("evacuation"), Some(0));
    }

    #[test]
    fn bad_codes_and_verb_tables_are_reported() {
        let bad = Lexicon::from_toml_str(r#"countries = [{ code = "Greece", name = "Greece" }]"#);
        assert!(matches!(bad, Err(LexiconError::Invalid(_))));
        let bad = Lexicon::from_toml_str("[[kind]]\nname = \"x\"\nverbs = [[\"go\"]]\n");
        assert!(matches!(bad, Err(LexiconError::Invalid(_))));
        let bad =
            Lexicon::from_toml_str(r#"launch_vehicles = [{ name = "Vega", country = "EU" }]"#);
        assert!(
            matches!(&bad, Err(LexiconError::Invalid(m)) if m.contains("Vega") && m.contains("EU")),
            "{bad:?}"
        );
        let bad = Lexicon::from_toml_str(r#"launch_vehicles = [{ name = "Vega", org = "ESA" }]"#);
        assert!(
            matches!(&bad, Err(LexiconError::Invalid(m)) if m.contains("Vega") && m.contains("ESA")),
            "{bad:?}"
        );
    }
}
