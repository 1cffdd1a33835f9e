//! The gazetteer boundary: where place names get their country.
//!
//! Extraction resolves places from the lexicon's countries, capitals and few known places, plus what the
//! sentence says ("the Russian border city of Khasan", "Russia's Vostochny cosmodrome"). A larger dataset
//! (GeoNames-derived) plugs in behind the [`Gazetteer`] trait with [`crate::Lexicon::with_gazetteer`];
//! [`TsvGazetteer`] reads the `name<TAB>ISO2<TAB>population<TAB>class` layout of
//! `services/extractor/data/gazetteer.tsv`, keeping the most populous place for a name.

use std::collections::HashMap;

/// What a gazetteer knows about a place name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazEntry {
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub population: u64,
}

/// A lookup of place names, case-insensitive on ASCII letters.
pub trait Gazetteer: Send + Sync {
    fn lookup(&self, name: &str) -> Option<GazEntry>;
}

/// An in-memory gazetteer read from TSV lines; `#` lines are comments.
#[derive(Debug, Default, Clone)]
pub struct TsvGazetteer {
    by_name: HashMap<String, GazEntry>,
}

impl TsvGazetteer {
    pub fn parse(text: &str) -> TsvGazetteer {
        let mut by_name: HashMap<String, GazEntry> = HashMap::new();
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(name), Some(cc)) = (cols.next(), cols.next()) else {
                continue;
            };
            let population = cols.next().and_then(|p| p.trim().parse().ok()).unwrap_or(0);
            if cc.len() != 2 {
                continue;
            }
            let entry = GazEntry {
                name: name.to_owned(),
                country: cc.to_owned(),
                population,
            };
            let key = name.to_lowercase();
            match by_name.get(&key) {
                Some(old) if old.population >= population => {}
                _ => {
                    by_name.insert(key, entry);
                }
            }
        }
        TsvGazetteer { by_name }
    }

    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

impl Gazetteer for TsvGazetteer {
    fn lookup(&self, name: &str) -> Option<GazEntry> {
        self.by_name.get(&name.to_lowercase()).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_most_populous_of_a_name() {
        let gaz = TsvGazetteer::parse("# comment\nSpringfield\tUS\t100\tcity\nSpringfield\tAU\t9\tcity\nPerth\tAU\t2000000\tcity\nbad line\n");
        assert_eq!(gaz.len(), 2);
        assert_eq!(gaz.lookup("springfield").unwrap().country, "US");
        assert_eq!(gaz.lookup("Perth").unwrap().population, 2_000_000);
        assert!(gaz.lookup("Atlantis").is_none());
    }

    #[test]
    fn a_plugged_gazetteer_gives_places_their_country() {
        let lex = crate::Lexicon::builtin().clone();
        assert_eq!(lex.place_country("Wagga Wagga"), None);
        let lex = lex.with_gazetteer(std::sync::Arc::new(TsvGazetteer::parse(
            "Wagga Wagga\tAU\t56000\tcity\n",
        )));
        assert_eq!(lex.place_country("Wagga Wagga").as_deref(), Some("AU"));
    }
}
