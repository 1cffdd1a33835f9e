//! What every parse_document target checks, whatever the bytes: no panic (libFuzzer reports one), every
//! accepted article validates, every rejection names the input.

use dateline_ingest::formats::{parse_document, Limits};

/// Small limits, so the fuzzer reaches them with small inputs.
pub fn limits() -> Limits {
    Limits {
        max_article_bytes: 4096,
        max_document_bytes: 64 << 10,
        max_json_depth: 32,
        max_line_bytes: 8192,
    }
}

pub fn check(name: &str, bytes: &[u8]) {
    let limits = limits();
    let parsed = parse_document(name, bytes, &limits);
    for article in &parsed.articles {
        assert_eq!(
            dateline_ingest::validate(article, &limits),
            Ok(()),
            "accepted an invalid article: {article:?}"
        );
    }
    for rejection in &parsed.rejected {
        assert!(rejection.input.starts_with(name), "{rejection}");
    }
}
