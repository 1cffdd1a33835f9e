//! extract on arbitrary text: never panics, and every event's evidence quotes the text it points at.
#![no_main]

use dateline_extractor::{extract, extraction_text, Lexicon};
use dateline_shared::Article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first line is the headline, the rest the body, as wires send them.
    let (headline, body) = text.split_once('\n').unwrap_or(("", &text));
    let article = Article {
        id: "fuzz-1".to_owned(),
        version: 1,
        outlet: None,
        headline: Some(headline.to_owned()),
        // A fixed publication date, so relative dates ("on Tuesday") resolve.
        published_at: chrono::DateTime::parse_from_rfc3339("2024-05-06T00:00:00Z").ok(),
        published_date_only: true,
        dateline: None,
        byline: None,
        url: None,
        pubstatus: Default::default(),
        body: body.to_owned(),
    };
    let full = extraction_text(&article);
    for event in extract(&article, Lexicon::builtin()) {
        let quoted = full.get(event.evidence.start..event.evidence.end);
        assert_eq!(quoted, Some(event.evidence.text.as_str()));
    }
});
