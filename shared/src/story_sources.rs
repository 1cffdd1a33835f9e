//! The sources of a story event: who reported it, kept so that writing a story costs what changed, not what
//! it holds.
//!
//! Why: a story is written to the bucket after every batch that touches it, and a happening in the news all
//! week gathers thousands of reports. Written whole each time, its sources made the aggregator send the
//! broker twenty times the bytes of the events it took, and past ~6,000 reports one story no longer fitted in
//! one KV value. So the oldest sources are sealed into immutable pages, stored once in the reports bucket
//! under a key that is the hash of what they hold; a stored or published story carries only the page keys,
//! the recent sources, the count and a tally per outlet.
//!
//! Page boundaries are content-defined (as in rsync or restic): a source may end a page when the hash of its
//! event id says so, within a minimum and maximum page size. The pages are thus a function of the list
//! alone, and a report inserted or removed in the middle changes only the page it falls in, so out-of-order
//! and withdrawn reports rewrite one page, not all that follow.
//!
//! In the aggregator's memory a list is always complete; a story read back from JSON holds only its recent
//! sources until [`Sources::resolve`] reads its pages.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::story::Source;

/// Key prefix of a sealed page of sources in the reports bucket.
pub const SOURCE_PAGE_PREFIX: &str = "sources.";

/// No page is sealed with fewer sources.
const MIN_PAGE_SOURCES: usize = 2;
/// Beyond the minimum, one source in this many ends a page: pages hold about 6 sources (~1 KB) on average,
/// so an event's unsealed tail stays a handful of sources. Small pages cost more page writes, but on the
/// bench's workload they halved the bytes the aggregator sends the broker at the same throughput; pages of
/// ~48 sources left most events of a big story (10-30 reports each) unsealed and saved little.
const PAGE_END_ODDS: u8 = 4;
/// No page holds more sources, whatever the hashes say (~5 KB).
const MAX_PAGE_SOURCES: usize = 32;

/// A sealed page: where its sources are stored and how many it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SealedPage {
    pub key: String,
    pub count: usize,
}

/// How many of an event's reports came from one outlet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OutletCount {
    pub outlet: String,
    pub reports: usize,
}

/// The sources of one story event, oldest first. See the module documentation.
#[derive(Debug, Clone)]
pub struct Sources {
    /// Every source, oldest first; or, when read back and not resolved, only those after the sealed pages.
    list: Vec<Source>,
    /// `rendered[i]` is `list[i]` as JSON, encoded once when it joined (`None` if encoding failed).
    rendered: Vec<Option<Box<RawValue>>>,
    /// Whether `list[i]` may end a page: a property of its event id alone.
    may_end_page: Vec<bool>,
    /// Pages covering the oldest sources. For a complete list, a prefix of its pages, extended by
    /// [`Sources::seal`] and cut back by changes inside it; for a list read back, the pages it names.
    sealed: Vec<SealedPage>,
    /// Sources the sealed pages hold.
    sealed_count: usize,
    /// Pages dropped by a change inside them or before them, already stored: sealed again unchanged (the
    /// pages after an insertion usually are), they are not returned to be stored twice.
    stored_before: Vec<String>,
    complete: bool,
    /// Reports per outlet, over every source (sealed ones included).
    outlets: BTreeMap<String, usize>,
}

impl Default for Sources {
    fn default() -> Self {
        Sources {
            list: Vec::new(),
            rendered: Vec::new(),
            may_end_page: Vec::new(),
            sealed: Vec::new(),
            sealed_count: 0,
            stored_before: Vec::new(),
            complete: true,
            outlets: BTreeMap::new(),
        }
    }
}

/// A page to store before any story names it: `(key, JSON array of sources)`.
pub type PageToStore = (String, Vec<u8>);

impl Sources {
    /// Inserts a source at `index` (as [`Vec::insert`]) into a complete list, encoding it once.
    pub fn insert(&mut self, index: usize, source: Source) {
        debug_assert!(self.complete, "only a complete list of sources takes more");
        self.forget_pages_from(index);
        self.rendered
            .insert(index, serde_json::value::to_raw_value(&source).ok());
        self.may_end_page.insert(index, may_end_page(&source));
        if let Some(outlet) = &source.outlet {
            *self.outlets.entry(outlet.clone()).or_default() += 1;
        }
        self.list.insert(index, source);
    }

    pub fn push(&mut self, source: Source) {
        self.insert(self.list.len(), source);
    }

    /// How many reports support the event, sealed ones included.
    pub fn count(&self) -> usize {
        if self.complete {
            self.list.len()
        } else {
            self.sealed_count + self.list.len()
        }
    }

    /// Whether every source is held (always so in the aggregator; a list read back needs [`Sources::resolve`]).
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// The sources held: all of them when complete, else the recent ones after the sealed pages.
    pub fn iter(&self) -> std::slice::Iter<'_, Source> {
        self.list.iter()
    }

    /// The sources not sealed in a page yet, oldest first.
    pub fn recent(&self) -> &[Source] {
        if self.complete {
            &self.list[self.sealed_count.min(self.list.len())..]
        } else {
            &self.list
        }
    }

    /// The sealed pages, oldest first.
    pub fn sealed(&self) -> &[SealedPage] {
        &self.sealed
    }

    /// Reports per outlet, most reports first.
    pub fn outlets(&self) -> Vec<OutletCount> {
        let mut tally: Vec<OutletCount> = self
            .outlets
            .iter()
            .map(|(outlet, reports)| OutletCount {
                outlet: outlet.clone(),
                reports: *reports,
            })
            .collect();
        tally.sort_by(|a, b| {
            b.reports
                .cmp(&a.reports)
                .then_with(|| a.outlet.cmp(&b.outlet))
        });
        tally
    }

    /// Seals every page the list now ends, and returns those not sealed before, to be stored before a story
    /// naming them is. Sealing changes how the list is written, never what it holds.
    pub fn seal(&mut self) -> Vec<PageToStore> {
        if !self.complete {
            return Vec::new();
        }
        let mut new_pages = Vec::new();
        let mut start = self.sealed_count;
        for end in self.sealed_count..self.list.len() {
            let size = end + 1 - start;
            if (size >= MIN_PAGE_SOURCES && self.may_end_page[end]) || size >= MAX_PAGE_SOURCES {
                let page = self.page(start..end + 1);
                self.sealed.push(SealedPage {
                    key: page.0.clone(),
                    count: size,
                });
                self.sealed_count = end + 1;
                if !self.stored_before.contains(&page.0) {
                    new_pages.push(page);
                }
                start = end + 1;
            }
        }
        self.stored_before.clear();
        new_pages
    }

    /// Remembers that the pages `earlier` sealed are stored, so that sealing this list (rebuilt from the same
    /// event's reports) does not return them to be stored again.
    pub fn remember_stored(&mut self, earlier: &Sources) {
        self.stored_before
            .extend(earlier.sealed.iter().map(|page| page.key.clone()));
    }

    /// Completes a list read back, given the sources of each of its pages by key. Fails naming the first page
    /// missing or not holding what the list says it does.
    pub fn resolve(
        &mut self,
        mut page: impl FnMut(&str) -> Option<Vec<Source>>,
    ) -> Result<(), String> {
        if self.complete {
            return Ok(());
        }
        let mut list = Vec::with_capacity(self.count());
        for sealed in &self.sealed {
            let sources = page(&sealed.key)
                .ok_or_else(|| format!("source page {} is not stored", sealed.key))?;
            if sources.len() != sealed.count {
                return Err(format!(
                    "source page {} holds {} sources, not {}",
                    sealed.key,
                    sources.len(),
                    sealed.count
                ));
            }
            list.extend(sources);
        }
        list.append(&mut self.list);
        let sealed = std::mem::take(&mut self.sealed);
        *self = list.into_iter().collect();
        self.sealed_count = sealed.iter().map(|p| p.count).sum();
        self.sealed = sealed;
        Ok(())
    }

    /// Drops the sealed pages that hold `index` or anything after it: a change there changes them.
    fn forget_pages_from(&mut self, index: usize) {
        while self.sealed_count > index {
            match self.sealed.pop() {
                Some(page) => {
                    self.sealed_count -= page.count;
                    self.stored_before.push(page.key);
                }
                None => {
                    self.sealed_count = 0;
                    break;
                }
            }
        }
    }

    fn page(&self, range: std::ops::Range<usize>) -> PageToStore {
        let ids: Vec<&str> = self.list[range.clone()]
            .iter()
            .map(|s| s.event_id.as_str())
            .collect();
        let key = format!(
            "{SOURCE_PAGE_PREFIX}{}",
            &crate::ids::hash_parts(&ids).to_hex()[..32]
        );
        let mut value = Vec::with_capacity(range.len() * 160);
        value.push(b'[');
        for index in range {
            if value.len() > 1 {
                value.push(b',');
            }
            match &self.rendered[index] {
                Some(rendered) => value.extend_from_slice(rendered.get().as_bytes()),
                None => {
                    // Encoding a plain struct of strings cannot fail in practice; an empty object would be
                    // refused on resolve (count mismatch never hides it: the entry is still there).
                    let encoded = serde_json::to_vec(&self.list[index]).unwrap_or_default();
                    value.extend_from_slice(&encoded);
                }
            }
        }
        value.push(b']');
        (key, value)
    }
}

/// Reads a sealed page's value back.
pub fn read_page(value: &[u8]) -> serde_json::Result<Vec<Source>> {
    serde_json::from_slice(value)
}

fn may_end_page(source: &Source) -> bool {
    crate::ids::hash_parts(&[&source.event_id]).as_bytes()[0].is_multiple_of(PAGE_END_ODDS)
}

impl<'a> IntoIterator for &'a Sources {
    type Item = &'a Source;
    type IntoIter = std::slice::Iter<'a, Source>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl FromIterator<Source> for Sources {
    fn from_iter<I: IntoIterator<Item = Source>>(iter: I) -> Self {
        let mut sources = Sources::default();
        for source in iter {
            sources.push(source);
        }
        sources
    }
}

impl PartialEq for Sources {
    /// Equal when they hold the same sources: two complete lists compare whole, however they are sealed.
    fn eq(&self, other: &Self) -> bool {
        if self.complete && other.complete {
            self.list == other.list
        } else {
            self.count() == other.count()
                && self.sealed == other.sealed
                && self.recent() == other.recent()
        }
    }
}

/// How sources are written: see the module documentation.
#[derive(Serialize)]
struct Written<'a> {
    count: usize,
    outlets: Vec<OutletCount>,
    sealed: &'a [SealedPage],
    recent: Vec<Recent<'a>>,
}

/// One recent source: its stored JSON if it has one, else encoded now.
struct Recent<'a>(&'a Source, Option<&'a RawValue>);

impl Serialize for Recent<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.1 {
            Some(rendered) => rendered.serialize(serializer),
            None => self.0.serialize(serializer),
        }
    }
}

impl Serialize for Sources {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let skip = self.list.len() - self.recent().len();
        Written {
            count: self.count(),
            outlets: self.outlets(),
            sealed: &self.sealed,
            recent: self.list[skip..]
                .iter()
                .zip(&self.rendered[skip..])
                .map(|(source, rendered)| Recent(source, rendered.as_deref()))
                .collect(),
        }
        .serialize(serializer)
    }
}

/// The sources of a story event: the count, a tally per outlet, the sealed pages (stored in the reports
/// bucket, oldest first) and the recent sources that follow them.
#[derive(Deserialize, schemars::JsonSchema)]
#[schemars(rename = "Sources")]
struct Read {
    count: usize,
    #[serde(default)]
    outlets: Vec<OutletCount>,
    #[serde(default)]
    sealed: Vec<SealedPage>,
    #[serde(default)]
    recent: Vec<Source>,
}

/// Stories stored before sealed pages hold a plain list.
#[derive(Deserialize)]
#[serde(untagged)]
enum ReadAny {
    Sealed(Read),
    Plain(Vec<Source>),
}

impl<'de> Deserialize<'de> for Sources {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let read = match ReadAny::deserialize(deserializer)? {
            ReadAny::Plain(list) => return Ok(list.into_iter().collect()),
            ReadAny::Sealed(read) => read,
        };
        let sealed_count: usize = read.sealed.iter().map(|p| p.count).sum();
        if sealed_count + read.recent.len() != read.count {
            return Err(serde::de::Error::custom(format!(
                "sources count {} is not the {sealed_count} sealed plus {} recent",
                read.count,
                read.recent.len()
            )));
        }
        let mut sources: Sources = read.recent.into_iter().collect();
        if !read.sealed.is_empty() {
            sources.complete = false;
            sources.sealed = read.sealed;
            sources.sealed_count = sealed_count;
            sources.outlets = read
                .outlets
                .into_iter()
                .map(|o| (o.outlet, o.reports))
                .collect();
        }
        Ok(sources)
    }
}

impl schemars::JsonSchema for Sources {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        Read::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Read::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;
    use std::collections::HashMap;

    fn source(n: usize, outlet: Option<&str>) -> Source {
        Source {
            event_id: format!("ev-{n:05}"),
            article_id: format!("wire-\"{n}\"\\é"),
            article_version: 1,
            outlet: outlet.map(str::to_owned),
            status: Status::Expected,
            published_at: "2024-03-01T10:15:00+05:30".parse().ok(),
        }
    }

    fn many(n: usize) -> Vec<Source> {
        let outlets = ["Antara", "Bernama", "Press Trust of India"];
        (0..n).map(|i| source(i, Some(outlets[i % 3]))).collect()
    }

    /// Stores sealed pages as the bucket would.
    fn store(bucket: &mut HashMap<String, Vec<u8>>, pages: Vec<PageToStore>) {
        bucket.extend(pages);
    }

    fn read_back(sources: &Sources, bucket: &HashMap<String, Vec<u8>>) -> Sources {
        let json = serde_json::to_string(sources).unwrap_or_default();
        let mut back: Sources = serde_json::from_str(&json).expect("sources read back");
        back.resolve(|key| bucket.get(key).and_then(|v| read_page(v).ok()))
            .expect("every page stored");
        back
    }

    #[test]
    fn a_short_list_is_written_whole_and_reads_back_complete() {
        let sources: Sources = many(5).into_iter().collect();
        let json: serde_json::Value = serde_json::to_value(&sources).unwrap_or_default();
        assert_eq!(json["count"], 5);
        assert_eq!(json["recent"].as_array().map(Vec::len), Some(5));
        assert_eq!(json["outlets"][0]["outlet"], "Antara");
        assert_eq!(json["outlets"][0]["reports"], 2);
        let back: Sources = serde_json::from_value(json).expect("reads back");
        assert!(back.is_complete());
        assert_eq!(back, sources);
    }

    #[test]
    fn a_long_list_writes_pages_once_and_reads_back_whole_from_them() {
        let all = many(2_000);
        let mut sources = Sources::default();
        let mut bucket = HashMap::new();
        let mut keys_written = Vec::new();
        for (n, source) in all.iter().enumerate() {
            sources.push(source.clone());
            if n % 10 == 9 || n + 1 == all.len() {
                let pages = sources.seal();
                keys_written.extend(pages.iter().map(|(key, _)| key.clone()));
                store(&mut bucket, pages);
            }
        }
        // Appending only ever seals new pages: none is written twice.
        assert_eq!(keys_written.len(), bucket.len());
        assert!(sources.sealed().len() > 2_000 / MAX_PAGE_SOURCES);
        let written = serde_json::to_vec(&sources).unwrap_or_default();
        assert!(
            written.len() < 40_000,
            "2,000 sources write {} bytes",
            written.len()
        );
        assert!(sources.recent().len() < MAX_PAGE_SOURCES);
        let back = read_back(&sources, &bucket);
        assert!(back.is_complete());
        assert_eq!(back.iter().cloned().collect::<Vec<_>>(), all);
        assert_eq!(back.outlets(), sources.outlets());
        assert_eq!(back.outlets()[0].reports, 667);
    }

    #[test]
    fn pages_follow_the_content_not_the_order_of_sealing() {
        let all = many(600);
        let mut early = Sources::default();
        for source in &all {
            early.push(source.clone());
            early.seal();
        }
        let mut late: Sources = all.iter().cloned().collect();
        late.seal();
        assert_eq!(early.sealed(), late.sealed());
        assert_eq!(
            serde_json::to_string(&early).ok(),
            serde_json::to_string(&late).ok()
        );
    }

    #[test]
    fn a_source_inserted_in_the_middle_reseals_only_its_page() {
        let all = many(1_000);
        let mut sources: Sources = all.iter().cloned().collect();
        sources.seal();
        let before = sources.sealed().to_vec();
        sources.insert(500, source(99_999, Some("Yonhap")));
        let rewritten = sources.seal();
        assert!(
            (1..=2).contains(&rewritten.len()),
            "{} pages rewritten",
            rewritten.len()
        );
        let after = sources.sealed();
        let kept = before.iter().filter(|p| after.contains(p)).count();
        assert!(
            kept + 2 >= before.len(),
            "{kept} of {} pages kept",
            before.len()
        );
        assert_eq!(sources.count(), 1_001);
    }

    #[test]
    fn a_list_rebuilt_from_the_same_reports_stores_no_page_again() {
        let all = many(500);
        let mut earlier: Sources = all.iter().cloned().collect();
        let stored = earlier.seal();
        let mut rebuilt: Sources = all.iter().cloned().chain([source(777_777, None)]).collect();
        rebuilt.remember_stored(&earlier);
        let again = rebuilt.seal();
        assert!(!stored.is_empty());
        assert!(
            again
                .iter()
                .all(|(key, _)| !stored.iter().any(|(k, _)| k == key)),
            "a stored page returned to be stored again"
        );
        assert_eq!(rebuilt.sealed()[..stored.len()], *earlier.sealed());
    }

    #[test]
    fn a_read_back_list_names_a_missing_page() {
        let mut sources: Sources = many(400).into_iter().collect();
        sources.seal();
        let json = serde_json::to_string(&sources).unwrap_or_default();
        let mut back: Sources = serde_json::from_str(&json).expect("reads back");
        assert!(!back.is_complete());
        assert_eq!(back.count(), 400);
        let missing = back.resolve(|_| None).expect_err("no page stored");
        assert!(missing.starts_with("source page sources."), "{missing}");
    }

    #[test]
    fn a_plain_list_written_before_pages_reads_back_complete() {
        let plain = many(3);
        let json = serde_json::to_string(&plain).unwrap_or_default();
        let back: Sources = serde_json::from_str(&json).expect("a plain list is accepted");
        assert!(back.is_complete());
        assert_eq!(back.iter().cloned().collect::<Vec<_>>(), plain);
    }

    #[test]
    fn a_count_that_does_not_add_up_is_refused() {
        let json = r#"{"count": 3, "outlets": [], "sealed": [], "recent": []}"#;
        let error = serde_json::from_str::<Sources>(json)
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("count")));
    }
}
