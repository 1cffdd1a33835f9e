//! Reports stored in pages: the reports a batch of events adds to stories, written to the reports bucket as
//! one value (a JSON array) instead of one value per report.
//!
//! Why: stories name their reports without carrying them, so a restarted aggregator reads the reports back
//! from the bucket. Storing them one put per report made that bucket the aggregator's largest source of
//! JetStream writes — one more stored, replicated, acknowledged message for every event. A page per batch
//! turns N writes into about one, and reading back stays one pass over the bucket indexed by event id.
//!
//! A page's key is a hash of the event ids it holds, so a batch redelivered as it was writes the same page
//! again (harmless: history 1). A batch redelivered split differently writes new pages and leaves the old ones
//! holding copies; whichever copy is read, it is the same report, and pages age out with the bucket.

use bytes::{BufMut, Bytes, BytesMut};
use dateline_shared::story_sources::{
    read_page, read_volume, SealedPage, SOURCE_PAGE_PREFIX, SOURCE_VOLUME_PREFIX,
};
use dateline_shared::{Event, Source};

/// The largest page written, well under NATS's default 1 MiB message limit. A single report larger than
/// this gets a page of its own.
pub const MAX_PAGE_BYTES: usize = 512 * 1024;

/// Key prefix of a page; keys without it hold one report each (the layout before pages).
const PAGE_PREFIX: &str = "page.";

/// Groups `(event id, event JSON)` reports into pages of at most `max_bytes` each, in order: `(key, value)`.
pub fn paginate(reports: &[(String, Bytes)], max_bytes: usize) -> Vec<(String, Bytes)> {
    let mut pages = Vec::new();
    let mut start = 0;
    let mut size = 2;
    for (index, (_, json)) in reports.iter().enumerate() {
        let added = json.len() + 1;
        if index > start && size + added > max_bytes {
            pages.push(page(&reports[start..index]));
            start = index;
            size = 2;
        }
        size += added;
    }
    if start < reports.len() {
        pages.push(page(&reports[start..]));
    }
    pages
}

fn page(reports: &[(String, Bytes)]) -> (String, Bytes) {
    let ids: Vec<&str> = reports.iter().map(|(id, _)| id.as_str()).collect();
    let key = format!(
        "{PAGE_PREFIX}{}",
        &dateline_shared::ids::hash_parts(&ids).to_hex()[..32]
    );
    let size = reports
        .iter()
        .map(|(_, json)| json.len() + 1)
        .sum::<usize>()
        + 1;
    let mut value = BytesMut::with_capacity(size);
    value.put_u8(b'[');
    for (index, (_, json)) in reports.iter().enumerate() {
        if index > 0 {
            value.put_u8(b',');
        }
        value.put_slice(json);
    }
    value.put_u8(b']');
    (key, value.freeze())
}

/// What one entry of the reports bucket holds.
pub enum Entry {
    /// Reports: a page's, or the single report of a key written before pages.
    Reports(Vec<Event>),
    /// A sealed page of a story event's sources (see `dateline_shared::story_sources`).
    Sources(Vec<Source>),
    /// A sealed volume: a list of such pages.
    Volume(Vec<SealedPage>),
}

/// Reads one entry of the reports bucket, by the kind its key names.
pub fn read_entry(key: &str, value: &[u8]) -> Result<Entry, serde_json::Error> {
    if key.starts_with(SOURCE_PAGE_PREFIX) {
        read_page(value).map(Entry::Sources)
    } else if key.starts_with(SOURCE_VOLUME_PREFIX) {
        read_volume(value).map(Entry::Volume)
    } else {
        read(key, value).map(Entry::Reports)
    }
}

/// The reports a bucket entry holds: a page's, or the single report of a key written before pages.
pub fn read(key: &str, value: &[u8]) -> Result<Vec<Event>, serde_json::Error> {
    if key.starts_with(PAGE_PREFIX) {
        serde_json::from_slice(value)
    } else {
        serde_json::from_slice(value).map(|report| vec![report])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(id: &str, padding: usize) -> (String, Bytes) {
        let event = serde_json::json!({
            "id": id,
            "article_id": format!("art-{id}"),
            "article_version": 1,
            "kind": "arrival",
            "status": "occurred",
            "actors": [],
            "evidence": {"text": "x".repeat(padding), "start": 0, "end": padding},
        });
        (id.to_owned(), Bytes::from(event.to_string()))
    }

    fn ids(events: &[Event]) -> Vec<&str> {
        events.iter().map(|e| e.id.as_str()).collect()
    }

    #[test]
    fn a_batch_becomes_one_page_that_reads_back_as_its_reports() {
        let reports = vec![report("ev-1", 10), report("ev-2", 10), report("ev-3", 10)];
        let pages = paginate(&reports, MAX_PAGE_BYTES);
        assert_eq!(pages.len(), 1);
        let (key, value) = &pages[0];
        assert!(key.starts_with("page."));
        let read = read(key, value).expect("a page is a JSON array of events");
        assert_eq!(ids(&read), ["ev-1", "ev-2", "ev-3"]);
    }

    #[test]
    fn pages_stay_under_the_limit_and_keep_every_report_once_in_order() {
        let reports: Vec<_> = (0..40).map(|i| report(&format!("ev-{i}"), 300)).collect();
        let limit = 2_000;
        let pages = paginate(&reports, limit);
        assert!(pages.len() > 1);
        let mut all = Vec::new();
        for (key, value) in &pages {
            assert!(value.len() <= limit, "{key}: {} bytes", value.len());
            all.extend(read(key, value).expect("valid page"));
        }
        let expected: Vec<String> = (0..40).map(|i| format!("ev-{i}")).collect();
        assert_eq!(ids(&all), expected);
    }

    #[test]
    fn a_report_larger_than_a_page_gets_a_page_of_its_own() {
        let reports = vec![
            report("ev-small", 10),
            report("ev-huge", 5_000),
            report("ev-tail", 10),
        ];
        let pages = paginate(&reports, 1_000);
        let sizes: Vec<usize> = pages
            .iter()
            .map(|(k, v)| read(k, v).map(|r| r.len()).unwrap_or(0))
            .collect();
        assert_eq!(sizes, [1, 1, 1]);
    }

    #[test]
    fn the_same_reports_make_the_same_key_and_different_ones_another() {
        let batch = vec![report("ev-1", 10), report("ev-2", 10)];
        let again = paginate(&batch, MAX_PAGE_BYTES);
        assert_eq!(paginate(&batch, MAX_PAGE_BYTES), again);
        let other = paginate(&[report("ev-1", 10)], MAX_PAGE_BYTES);
        assert_ne!(other[0].0, again[0].0);
        assert!(paginate(&[], MAX_PAGE_BYTES).is_empty());
    }

    #[test]
    fn an_entry_is_read_as_the_kind_its_key_names() {
        let (_, json) = report("ev-1", 10);
        let page = format!("[{}]", String::from_utf8_lossy(&json));
        assert!(matches!(
            read_entry("page.0a1b", page.as_bytes()),
            Ok(Entry::Reports(reports)) if reports.len() == 1
        ));
        let sources =
            r#"[{"event_id":"ev-1","article_id":"a-1","article_version":1,"status":"occurred"}]"#;
        assert!(matches!(
            read_entry("sources.0a1b", sources.as_bytes()),
            Ok(Entry::Sources(read)) if read.len() == 1 && read[0].event_id == "ev-1"
        ));
    }

    #[test]
    fn a_key_written_before_pages_holds_one_report() {
        let (id, json) = report("ev-old", 10);
        assert_eq!(ids(&read(&id, &json).expect("one event")), ["ev-old"]);
        assert!(read("page.0123", &json).is_err());
    }
}
