//! The gazetteer: where place names get their country.
//!
//! Extraction resolves places from the lexicon's countries, capitals and few known places, plus what the
//! sentence says ("the Russian border city of Khasan", "Russia's Vostochny cosmodrome"). Everything else —
//! "Da Nang", "Sisaket", "Plesetsk" — gets its country from a gazetteer behind the [`Gazetteer`] trait.
//! [`TsvGazetteer`] reads the `name<TAB>ISO2<TAB>population<TAB>class` layout of
//! `services/extractor/data/gazetteer.tsv` (GeoNames, 121k names, rebuilt by `deploy/gazetteer/build.sh`);
//! [`builtin`] is that file compiled into the binary and parsed once per process, and
//! [`crate::Lexicon::builtin`] has it plugged in.
//!
//! Lookup is one hash probe of the lowercased name, so a place phrase costs the same whatever the data's
//! size. Names are kept per country, most populous first: "Victoria" is Hong Kong's unless the text says
//! which country it means. Airport codes and other all-capital rows ("ABQ", "THE") are left out at load: in
//! running text they are acronyms, not places.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// The GeoNames-derived gazetteer compiled into the binary.
pub const BUILTIN_TSV: &str = include_str!("../data/gazetteer.tsv");

/// What a gazetteer knows about a place name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazEntry {
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub population: u64,
}

/// A lookup of place names, case-insensitive.
pub trait Gazetteer: Send + Sync {
    /// The most populous place of that name.
    fn lookup(&self, name: &str) -> Option<GazEntry>;

    /// The place of that name in one country, when the gazetteer knows one there.
    fn lookup_in(&self, name: &str, country: &str) -> Option<GazEntry> {
        self.lookup(name).filter(|e| e.country == country)
    }
}

/// One row, compact: the display name lives in the key's bucket, the country as two ASCII bytes.
#[derive(Debug, Clone)]
struct Row {
    name: Box<str>,
    country: [u8; 2],
    population: u64,
}

impl Row {
    fn entry(&self) -> GazEntry {
        GazEntry {
            name: self.name.to_string(),
            country: String::from_utf8_lossy(&self.country).into_owned(),
            population: self.population,
        }
    }
}

/// An in-memory gazetteer read from TSV lines; `#` lines are comments.
#[derive(Debug, Default, Clone)]
pub struct TsvGazetteer {
    /// Lowercased name → one row per country, most populous first.
    by_name: HashMap<Box<str>, Vec<Row>>,
}

/// True for names that read as acronyms in running text: no lowercase letter at all.
fn is_code_like(name: &str) -> bool {
    !name.chars().any(char::is_lowercase)
}

impl TsvGazetteer {
    pub fn parse(text: &str) -> TsvGazetteer {
        let mut by_name: HashMap<Box<str>, Vec<Row>> = HashMap::new();
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(name), Some(cc)) = (cols.next(), cols.next()) else {
                continue;
            };
            let population = cols.next().and_then(|p| p.trim().parse().ok()).unwrap_or(0);
            let country: [u8; 2] = match cc.as_bytes() {
                &[a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => [a, b],
                _ => continue,
            };
            if name.chars().filter(|c| c.is_alphabetic()).count() < 3 || is_code_like(name) {
                continue;
            }
            let rows = by_name
                .entry(name.to_lowercase().into_boxed_str())
                .or_default();
            match rows.iter_mut().find(|r| r.country == country) {
                Some(row) if row.population >= population => {}
                Some(row) => {
                    row.population = population;
                    row.name = name.into();
                }
                None => rows.push(Row {
                    name: name.into(),
                    country,
                    population,
                }),
            }
        }
        for rows in by_name.values_mut() {
            rows.sort_by(|a, b| {
                b.population
                    .cmp(&a.population)
                    .then(a.country.cmp(&b.country))
            });
            rows.shrink_to_fit();
        }
        by_name.shrink_to_fit();
        TsvGazetteer { by_name }
    }

    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    fn rows(&self, name: &str) -> Option<&[Row]> {
        self.by_name
            .get(name.to_lowercase().as_str())
            .map(Vec::as_slice)
    }
}

impl Gazetteer for TsvGazetteer {
    fn lookup(&self, name: &str) -> Option<GazEntry> {
        self.rows(name)?.first().map(Row::entry)
    }

    fn lookup_in(&self, name: &str, country: &str) -> Option<GazEntry> {
        self.rows(name)?
            .iter()
            .find(|r| r.country == country.as_bytes())
            .map(Row::entry)
    }
}

/// The built-in gazetteer ([`BUILTIN_TSV`]), parsed on first use and shared by every lexicon after.
pub fn builtin() -> Arc<dyn Gazetteer> {
    static BUILTIN: OnceLock<Arc<TsvGazetteer>> = OnceLock::new();
    BUILTIN
        .get_or_init(|| Arc::new(TsvGazetteer::parse(BUILTIN_TSV)))
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_most_populous_of_a_name_and_the_others_by_country() {
        let gaz = TsvGazetteer::parse("# comment\nSpringfield\tUS\t100\tcity\nSpringfield\tAU\t9\tcity\nPerth\tAU\t2000000\tcity\nbad line\n");
        assert_eq!(gaz.len(), 2);
        assert_eq!(gaz.lookup("springfield").unwrap().country, "US");
        assert_eq!(gaz.lookup_in("Springfield", "AU").unwrap().population, 9);
        assert!(gaz.lookup_in("Springfield", "GB").is_none());
        assert_eq!(gaz.lookup("Perth").unwrap().population, 2_000_000);
        assert!(gaz.lookup("Atlantis").is_none());
    }

    #[test]
    fn codes_and_fragments_are_not_places() {
        let gaz = TsvGazetteer::parse(
            "ABQ\tUS\t564559\tcity\nTHE\tBR\t871126\tcity\nUr\tIQ\t9000\tcity\n",
        );
        assert!(gaz.is_empty());
    }

    #[test]
    fn the_builtin_data_knows_cities_the_lexicon_does_not() {
        let gaz = builtin();
        for (name, country) in [
            ("Da Nang", "VN"),
            ("Plesetsk", "RU"),
            ("Kazan", "RU"),
            ("Ulaanbaatar", "MN"),
            ("Mobile", "US"),
        ] {
            assert_eq!(
                gaz.lookup(name).map(|e| e.country).as_deref(),
                Some(country),
                "{name}"
            );
        }
        assert!(gaz.lookup("ABQ").is_none());
        assert_eq!(gaz.lookup_in("Victoria", "CA").unwrap().country, "CA");
    }

    #[test]
    fn a_plugged_gazetteer_gives_places_their_country() {
        let lex = crate::Lexicon::from_toml_str(crate::lexicon::DEFAULT_TOML).unwrap();
        assert_eq!(lex.place_country("Wagga Wagga"), None);
        let lex = lex.with_gazetteer(Arc::new(TsvGazetteer::parse(
            "Wagga Wagga\tAU\t56000\tcity\n",
        )));
        assert_eq!(lex.place_country("Wagga Wagga").as_deref(), Some("AU"));
    }
}
