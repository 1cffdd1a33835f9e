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
//! A happening reported tens of thousands of times would still grow a long list of page keys, so the pages
//! are in turn sealed into volumes the same way (a volume is a page of page keys, ~24 pages, ~150 sources):
//! a stored story names the volumes, the pages after them and the recent sources, and stays a few kilobytes
//! per event however many reports it holds.
//!
//! In the aggregator's memory a list is always complete; a story read back from JSON holds only its recent
//! sources until [`Sources::resolve_volumes`] and [`Sources::resolve`] read its volumes and pages.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::story::Source;

/// Key prefix of a sealed page of sources in the reports bucket.
pub const SOURCE_PAGE_PREFIX: &str = "sources.";
/// Key prefix of a sealed volume (a list of pages) in the reports bucket.
pub const SOURCE_VOLUME_PREFIX: &str = "sourcevolumes.";

/// No page is sealed with fewer sources.
const MIN_PAGE_SOURCES: usize = 2;
/// Beyond the minimum, one source in this many ends a page: pages hold about 6 sources (~1 KB) on average,
/// so an event's unsealed tail stays a handful of sources. Small pages cost more page writes, but on the
/// bench's workload they halved the bytes the aggregator sends the broker at the same throughput; pages of
/// ~48 sources left most events of a big story (10-30 reports each) unsealed and saved little.
const PAGE_END_ODDS: u8 = 4;
/// No page holds more sources, whatever the hashes say (~5 KB).
const MAX_PAGE_SOURCES: usize = 32;
/// The same for volumes, in pages: at least 8, one page in 16 ends a volume beyond that (~24 pages on
/// average), at most 64 (~4 KB of page keys).
const MIN_VOLUME_PAGES: usize = 8;
const VOLUME_END_ODDS: u8 = 16;
const MAX_VOLUME_PAGES: usize = 64;

/// A sealed page: where its sources are stored and how many it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SealedPage {
    pub key: String,
    pub count: usize,
}

/// A sealed volume: where its list of pages is stored, how many pages and how many sources they hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SealedVolume {
    pub key: String,
    pub pages: usize,
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
    /// Volumes covering the oldest `volumed_pages` of the sealed pages. A list read back and not resolved
    /// holds only the pages after its volumes, and `unexpanded` counts the sources its volumes hold.
    volumes: Vec<SealedVolume>,
    volumed_pages: usize,
    unexpanded: usize,
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
            volumes: Vec::new(),
            volumed_pages: 0,
            unexpanded: 0,
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
            self.unexpanded + self.sealed_count + self.list.len()
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

    /// The sealed volumes, oldest first.
    pub fn volumes(&self) -> &[SealedVolume] {
        &self.volumes
    }

    /// The sealed pages, oldest first: all of them, or for a list read back whose volumes are not resolved
    /// yet, those after the volumes.
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
        let mut start = self.volumed_pages;
        for end in self.volumed_pages..self.sealed.len() {
            let size = end + 1 - start;
            if (size >= MIN_VOLUME_PAGES && may_end_volume(&self.sealed[end]))
                || size >= MAX_VOLUME_PAGES
            {
                let volume = self.volume(start..end + 1);
                self.volumes.push(SealedVolume {
                    key: volume.0.clone(),
                    pages: size,
                    count: self.sealed[start..end + 1].iter().map(|p| p.count).sum(),
                });
                self.volumed_pages = end + 1;
                if !self.stored_before.contains(&volume.0) {
                    new_pages.push(volume);
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
        self.stored_before
            .extend(earlier.volumes.iter().map(|volume| volume.key.clone()));
    }

    /// First step of completing a list read back: reads its volumes, given the pages of each by key, so that
    /// [`Sources::sealed`] names every page to read for [`Sources::resolve`]. Fails naming the first volume
    /// missing or not holding what the list says it does.
    pub fn resolve_volumes(
        &mut self,
        mut volume: impl FnMut(&str) -> Option<Vec<SealedPage>>,
    ) -> Result<(), String> {
        if self.complete || self.unexpanded == 0 {
            return Ok(());
        }
        let mut pages = Vec::new();
        for sealed in &self.volumes {
            let held = volume(&sealed.key)
                .ok_or_else(|| format!("source volume {} is not stored", sealed.key))?;
            let count: usize = held.iter().map(|p| p.count).sum();
            if held.len() != sealed.pages || count != sealed.count {
                return Err(format!(
                    "source volume {} holds {} pages of {count} sources, not {} of {}",
                    sealed.key,
                    held.len(),
                    sealed.pages,
                    sealed.count
                ));
            }
            pages.extend(held);
        }
        self.volumed_pages = pages.len();
        pages.append(&mut self.sealed);
        self.sealed = pages;
        self.sealed_count += self.unexpanded;
        self.unexpanded = 0;
        Ok(())
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
        if let Some(volume) = self.volumes.first().filter(|_| self.unexpanded > 0) {
            return Err(format!("source volume {} is not read yet", volume.key));
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
        let volumes = std::mem::take(&mut self.volumes);
        let volumed_pages = self.volumed_pages;
        *self = list.into_iter().collect();
        self.sealed_count = sealed.iter().map(|p| p.count).sum();
        self.sealed = sealed;
        self.volumes = volumes;
        self.volumed_pages = volumed_pages;
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
        while self.volumed_pages > self.sealed.len() {
            match self.volumes.pop() {
                Some(volume) => {
                    self.volumed_pages -= volume.pages;
                    self.stored_before.push(volume.key);
                }
                None => {
                    self.volumed_pages = 0;
                    break;
                }
            }
        }
    }

    /// A volume of the sealed pages in `range`: `(key, JSON array of pages)`.
    fn volume(&self, range: std::ops::Range<usize>) -> PageToStore {
        let pages = &self.sealed[range];
        let keys: Vec<&str> = pages.iter().map(|p| p.key.as_str()).collect();
        let key = format!(
            "{SOURCE_VOLUME_PREFIX}{}",
            &crate::ids::hash_parts(&keys).to_hex()[..32]
        );
        (key, serde_json::to_vec(pages).unwrap_or_default())
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

/// Reads a sealed volume's value back: its pages.
pub fn read_volume(value: &[u8]) -> serde_json::Result<Vec<SealedPage>> {
    serde_json::from_slice(value)
}

fn may_end_volume(page: &SealedPage) -> bool {
    crate::ids::hash_parts(&[&page.key]).as_bytes()[0].is_multiple_of(VOLUME_END_ODDS)
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
                && self.volumes == other.volumes
                && self.sealed[self.volumed_pages..] == other.sealed[other.volumed_pages..]
                && self.recent() == other.recent()
        }
    }
}

/// How sources are written: see the module documentation.
#[derive(Serialize)]
struct Written<'a> {
    count: usize,
    outlets: Vec<OutletCount>,
    #[serde(skip_serializing_if = "<[SealedVolume]>::is_empty")]
    volumes: &'a [SealedVolume],
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
            volumes: &self.volumes,
            sealed: &self.sealed[self.volumed_pages.min(self.sealed.len())..],
            recent: self.list[skip..]
                .iter()
                .zip(&self.rendered[skip..])
                .map(|(source, rendered)| Recent(source, rendered.as_deref()))
                .collect(),
        }
        .serialize(serializer)
    }
}

/// The sources of a story event: the count, a tally per outlet, the sealed volumes and then pages (stored in
/// the reports bucket, oldest first) and the recent sources that follow them.
#[derive(Deserialize, schemars::JsonSchema)]
#[schemars(rename = "Sources")]
struct Read {
    count: usize,
    #[serde(default)]
    outlets: Vec<OutletCount>,
    /// Lists of pages holding the oldest sources, when there are many.
    #[serde(default)]
    volumes: Vec<SealedVolume>,
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
        let unexpanded: usize = read.volumes.iter().map(|v| v.count).sum();
        if unexpanded + sealed_count + read.recent.len() != read.count {
            return Err(serde::de::Error::custom(format!(
                "sources count {} is not the {unexpanded} in volumes plus {sealed_count} sealed plus {} recent",
                read.count,
                read.recent.len()
            )));
        }
        let mut sources: Sources = read.recent.into_iter().collect();
        if !read.sealed.is_empty() || !read.volumes.is_empty() {
            sources.complete = false;
            sources.sealed = read.sealed;
            sources.sealed_count = sealed_count;
            sources.volumes = read.volumes;
            sources.unexpanded = unexpanded;
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
        back.resolve_volumes(|key| bucket.get(key).and_then(|v| read_volume(v).ok()))
            .expect("every volume stored");
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
    fn a_happening_reported_100_000_times_writes_volumes_and_reads_back_whole() {
        let all = many(100_000);
        let mut sources: Sources = all.iter().cloned().collect();
        let mut bucket = HashMap::new();
        store(&mut bucket, sources.seal());
        let written = serde_json::to_vec(&sources).unwrap_or_default();
        // A plain list of page keys would be ~1.1 MB, past NATS's default message size; volumes keep it ~24
        // times smaller (about 1.5 million sources fit one value).
        assert!(
            written.len() < 80_000,
            "100,000 sources write {} bytes",
            written.len()
        );
        assert!(sources.volumes().len() > 100_000 / (MAX_VOLUME_PAGES * MAX_PAGE_SOURCES));
        let back = read_back(&sources, &bucket);
        assert_eq!(back.count(), 100_000);
        assert_eq!(back.iter().cloned().collect::<Vec<_>>(), all);
        assert_eq!(back, sources);
        // A list read back (an aggregator restarted) goes on sealing exactly as the one that never left.
        let mut back = back;
        for n in 100_000..101_000 {
            sources.push(source(n, None));
            back.push(source(n, None));
        }
        sources.seal();
        back.seal();
        assert_eq!(
            serde_json::to_string(&back).ok(),
            serde_json::to_string(&sources).ok()
        );
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
        let volumes_before = sources.volumes().to_vec();
        sources.insert(500, source(99_999, Some("Yonhap")));
        let (volumes, rewritten): (Vec<_>, Vec<_>) = sources
            .seal()
            .into_iter()
            .partition(|(key, _)| key.starts_with(SOURCE_VOLUME_PREFIX));
        assert!(
            (1..=2).contains(&rewritten.len()),
            "{} pages rewritten",
            rewritten.len()
        );
        // The volume holding the page, and only it, is written again.
        assert!(volumes.len() <= 1, "{} volumes rewritten", volumes.len());
        let volumes_kept = volumes_before
            .iter()
            .filter(|v| sources.volumes().contains(v))
            .count();
        assert!(volumes_kept + 1 >= volumes_before.len());
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
        let pages = earlier.sealed().len();
        assert_eq!(rebuilt.sealed()[..pages], *earlier.sealed());
        assert_eq!(rebuilt.volumes(), earlier.volumes());
    }

    #[test]
    fn a_read_back_list_names_a_missing_volume_or_page() {
        let mut sources: Sources = many(400).into_iter().collect();
        let stored = sources.seal();
        let json = serde_json::to_string(&sources).unwrap_or_default();
        let mut back: Sources = serde_json::from_str(&json).expect("reads back");
        assert!(!back.is_complete());
        assert_eq!(back.count(), 400);
        let unread = back.resolve(|_| None).expect_err("volumes not read");
        assert!(unread.contains("not read yet"), "{unread}");
        let missing = back
            .resolve_volumes(|_| None)
            .expect_err("no volume stored");
        assert!(
            missing.starts_with("source volume sourcevolumes."),
            "{missing}"
        );
        let mut only_volumes: Sources = serde_json::from_str(&json).expect("reads back");
        let volumes: HashMap<String, Vec<SealedPage>> = stored
            .into_iter()
            .filter(|(key, _)| key.starts_with(SOURCE_VOLUME_PREFIX))
            .filter_map(|(key, value)| Some((key, read_volume(&value).ok()?)))
            .collect();
        only_volumes
            .resolve_volumes(|key| volumes.get(key).cloned())
            .expect("volumes read");
        let missing = only_volumes.resolve(|_| None).expect_err("no page stored");
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
