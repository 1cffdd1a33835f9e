//! Property tests of [`extract`]: whatever the article, extraction returns (never panics), is deterministic,
//! and every event points back at the article and at real text: evidence offsets are in bounds, on character
//! boundaries, and quote exactly the text they claim.
//!
//! Articles come from two generators: arbitrary strings, and wire-like copy assembled from the lexicon's own
//! vocabulary (leaders, trigger verbs, places, dates, cues) mixed with noise, so the deep paths (frames,
//! merging, time normalisation) run, not only the early exits. `PROPTEST_CASES` raises the count; the
//! `cargo fuzz` target `extract` under `fuzz/` keeps going without bound.

use chrono::DateTime;
use dateline_extractor::{extract, extraction_text, Lexicon};
use dateline_shared::{Article, PubStatus};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(128),
        max_shrink_iters: 1024,
        ..ProptestConfig::default()
    }
}

fn article(headline: Option<String>, body: String, published: Option<String>) -> Article {
    Article {
        id: "prop-1".to_owned(),
        version: 1,
        outlet: Some("Harbour Wire".to_owned()),
        headline,
        published_at: published.and_then(|p| DateTime::parse_from_rfc3339(&p).ok()),
        published_date_only: false,
        dateline: None,
        byline: None,
        url: None,
        pubstatus: PubStatus::Usable,
        body,
    }
}

fn check(article: &Article) -> Result<(), TestCaseError> {
    let lexicon = Lexicon::builtin();
    let events = extract(article, lexicon);
    let text = extraction_text(article);
    for event in &events {
        prop_assert_eq!(&event.article_id, &article.id);
        prop_assert_eq!(event.article_version, article.version);
        let evidence = &event.evidence;
        prop_assert!(evidence.start <= evidence.end && evidence.end <= text.len());
        let quoted = text.get(evidence.start..evidence.end);
        prop_assert!(
            quoted.is_some(),
            "evidence not on char boundaries: {:?}",
            evidence
        );
        prop_assert_eq!(quoted.unwrap_or_default(), evidence.text.as_str());
        prop_assert!(!event.actors.is_empty());
    }
    // Deterministic: the same article always gives the same events (and so the same ids).
    prop_assert_eq!(&extract(article, lexicon), &events);
    Ok(())
}

/// Wire-like sentences from the vocabulary the lexicon knows, with noise between the words.
fn wire_copy() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Kim Jong Un",
        "Vladimir Putin",
        "President Joe Biden",
        "Xi Jinping",
        "Prime Minister Narendra Modi",
        "North Korea",
        "Russia's",
        "the United Nations",
        "Pyongyang",
        "Moscow",
        "Vladivostok",
        "Beijing",
        "arrived in",
        "left",
        "met",
        "will meet",
        "is expected to visit",
        "launched",
        "fired",
        "denied",
        "signed an agreement with",
        "held talks with",
        "a ballistic missile",
        "two cruise missiles",
        "on Tuesday",
        "on Sept. 13",
        "last week",
        "next month",
        "in 2023",
        "earlier this year",
        "tomorrow",
        "according to KCNA",
        "officials said",
        "Reuters reported",
        "may",
        "reportedly",
        "did not",
        "SEOUL (Reuters) -",
        "MOSCOW, Sept. 12 (Yonhap) --",
        ".",
        ",",
        "\"",
        "(",
        ")",
        "\n\n",
        " ",
        "é",
        "\u{FFFD}",
        "\u{200B}",
        "\t",
        "Mr.",
        "U.S.",
        "St.",
        "...",
        "—",
    ]);
    prop::collection::vec(
        prop_oneof![8 => words.prop_map(str::to_owned), 1 => ".{0,6}"],
        0..120,
    )
    .prop_map(|parts| parts.join(" "))
}

fn published() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        (1900i32..2100, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| Some(format!("{y:04}-{m:02}-{d:02}T08:00:00+09:00"))),
        Just(Some("0001-01-01T00:00:00Z".to_owned())),
        Just(Some("9999-12-31T23:59:59Z".to_owned())),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_never_panics(headline in prop::option::of(".{0,60}"), body in ".{0,600}", when in published()) {
        check(&article(headline, body, when))?;
    }

    #[test]
    fn wire_like_copy_yields_well_formed_events(
        headline in prop::option::of(wire_copy()),
        body in wire_copy(),
        when in published(),
    ) {
        check(&article(headline, body, when))?;
    }
}
