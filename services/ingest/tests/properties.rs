//! Property tests of the parsers: whatever the bytes, `parse_document` returns (never panics, never hangs),
//! names the input in every rejection, and accepts only articles that pass `validate`.
//!
//! Three generators, from blind to informed: arbitrary bytes; arbitrary strings behind each format's first
//! byte (so detection sends them to every parser); and structured-ish documents built from article fields
//! with hostile values (control characters, markup, huge and odd dates, deep brackets) rendered in every
//! format. The case count is small by default so the suite stays fast; `PROPTEST_CASES=100000` digs deeper,
//! and the `cargo fuzz` targets under `fuzz/` keep going without bound.

use dateline_ingest::formats::{parse_document, Limits, Parsed};
use dateline_ingest::validate::validate;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Small limits, so that generated inputs cross them.
fn limits() -> Limits {
    Limits {
        max_article_bytes: 2048,
        max_document_bytes: 16 << 10,
        max_json_depth: 16,
        max_line_bytes: 4096,
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        // Overridden by PROPTEST_CASES; a few hundred per property keeps the whole file around a second.
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(256),
        max_shrink_iters: 2048,
        ..ProptestConfig::default()
    }
}

/// The properties every parse must have.
fn check(name: &str, bytes: &[u8], limits: &Limits) -> Result<(), TestCaseError> {
    let parsed: Parsed = parse_document(name, bytes, limits);
    for article in &parsed.articles {
        prop_assert_eq!(
            validate(article, limits),
            Ok(()),
            "accepted an article that does not validate: {:?}",
            article
        );
        prop_assert!(article.full_text_len() <= limits.max_article_bytes);
    }
    for rejection in &parsed.rejected {
        prop_assert!(
            rejection.input.starts_with(name),
            "rejection does not name the input: {}",
            rejection
        );
        let prefix = format!("{}: ", rejection.input);
        prop_assert!(rejection.to_string().starts_with(&prefix));
        prop_assert!(!rejection.reason.code().is_empty());
    }
    // Something is always said about a non-blank document: an article or a reason.
    if !bytes.iter().all(u8::is_ascii_whitespace) && bytes != b"\xEF\xBB\xBF" {
        prop_assert!(
            !parsed.articles.is_empty() || !parsed.rejected.is_empty(),
            "non-blank input silently produced nothing"
        );
    }
    Ok(())
}

/// Strings leaning towards the characters parsers branch on.
fn structural_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        "\"",
        ":",
        ",",
        "\n",
        "\r\n",
        " ",
        "\\",
        "<",
        ">",
        "/",
        "&amp;",
        "&#",
        ";",
        "<![CDATA[",
        "]]>",
        "<item>",
        "</item>",
        "<entry>",
        "<rss version=\"2.0\">",
        "<channel>",
        "\"body\":",
        "\"uri\":",
        "\"versioncreated\":",
        "\"published_at\":",
        "\"2024-05-01\"",
        "date ",
        "2024-13-45",
        "0000-01-01",
        "9999-12-31T23:59:59Z",
        "SEOUL (Reuters) - ",
        "By ",
        "\u{0}",
        "\u{1}",
        "\u{FFFD}",
        "é",
        "漢",
        "\u{202E}",
        "null",
        "true",
        "-1e999",
        "1",
        "Kim Jong Un arrived in ",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_owned), ".{0,12}"],
        0..64,
    )
    .prop_map(|parts| parts.concat())
}

/// Article field values, normal and hostile.
fn field_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z ,.'-]{0,80}",
        1 => ".{0,40}",
        1 => "[\u{0}-\u{1f}\u{FFFD}]{0,20}",
        1 => Just(String::new()),
        1 => Just("   \n\t ".to_owned()),
        1 => "<p>[a-z ]{0,20}</p>(<div>){0,40}",
        1 => (1usize..6).prop_map(|n| "Port Velna dockers idle. ".repeat(n * 40)),
    ]
}

fn date_text() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        2 => Just(None),
        2 => (1800i32..2200, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| Some(format!("{y:04}-{m:02}-{d:02}"))),
        2 => (0i32..10_000, 1u32..13, 1u32..29, 0u32..24, -14i32..15)
            .prop_map(|(y, m, d, h, off)| Some(format!("{y:04}-{m:02}-{d:02}T{h:02}:00:00{off:+03}:00"))),
        1 => Just(Some("0000-01-01T00:00:00Z".to_owned())),
        1 => Just(Some("9999-12-31T23:59:59Z".to_owned())),
        1 => Just(Some("+275760-09-13".to_owned())),
        1 => ".{0,16}".prop_map(Some),
    ]
}

#[derive(Debug, Clone)]
struct Fields {
    id: Option<String>,
    headline: String,
    body: String,
    date: Option<String>,
    extra: Option<String>,
}

fn fields() -> impl Strategy<Value = Fields> {
    (
        prop::option::of(prop_oneof![
            "[a-z0-9:-]{1,20}",
            ".{0,8}",
            Just("a\r\nNats-Expected-Stream: X".to_owned())
        ]),
        field_text(),
        field_text(),
        date_text(),
        prop::option::of((0usize..40).prop_map(|n| format!("{}1{}", "[".repeat(n), "]".repeat(n)))),
    )
        .prop_map(|(id, headline, body, date, extra)| Fields {
            id,
            headline,
            body,
            date,
            extra,
        })
}

fn json_article(f: &Fields) -> Value {
    let mut value = json!({"headline": f.headline, "body": f.body, "outlet": "Harbour Wire"});
    if let Some(id) = &f.id {
        value["id"] = Value::String(id.clone());
    }
    if let Some(date) = &f.date {
        value["published_at"] = Value::String(date.clone());
    }
    if let Some(extra) = &f.extra {
        value["extra"] = serde_json::from_str(extra).unwrap_or(Value::Null);
    }
    value
}

fn ninjs(f: &Fields) -> Value {
    let mut value = json!({"headlines": [{"value": f.headline}], "body_html": f.body});
    if let Some(id) = &f.id {
        value["uri"] = Value::String(id.clone());
    }
    if let Some(date) = &f.date {
        value["versioncreated"] = Value::String(date.clone());
    }
    value
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn rss(items: &[Fields]) -> String {
    let items: String = items
        .iter()
        .map(|f| {
            format!(
                "<item><title>{}</title>{}{}<description>{}</description></item>",
                xml_escape(&f.headline),
                f.id.as_ref().map_or(String::new(), |id| format!(
                    "<guid>{}</guid>",
                    xml_escape(id)
                )),
                f.date.as_ref().map_or(String::new(), |d| format!(
                    "<pubDate>{}</pubDate>",
                    xml_escape(d)
                )),
                xml_escape(&f.body)
            )
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>HW</title>{items}</channel></rss>")
}

fn atom(items: &[Fields]) -> String {
    let entries: String = items
        .iter()
        .map(|f| {
            format!(
                "<entry><title>{}</title>{}{}<content type=\"html\">{}</content></entry>",
                xml_escape(&f.headline),
                f.id.as_ref()
                    .map_or(String::new(), |id| format!("<id>{}</id>", xml_escape(id))),
                f.date.as_ref().map_or(String::new(), |d| format!(
                    "<updated>{}</updated>",
                    xml_escape(d)
                )),
                xml_escape(&f.body)
            )
        })
        .collect();
    format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>HW</title>{entries}</feed>")
}

fn text_doc(f: &Fields) -> String {
    let date = f
        .date
        .as_ref()
        .map_or(String::new(), |d| format!("date {d}\n"));
    format!("{date}{}\n\n{}\n", f.headline, f.body)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check("fuzz.bin", &bytes, &limits())?;
    }

    #[test]
    fn arbitrary_text_behind_each_first_byte_never_panics(
        first in prop::sample::select(vec!["", "{", "[", "<", "\u{FEFF}{", "<?xml version=\"1.0\"?>", "date "]),
        rest in structural_text(),
    ) {
        let doc = format!("{first}{rest}");
        check("fuzz.txt", doc.as_bytes(), &limits())?;
    }

    #[test]
    fn generated_documents_in_every_format_accept_only_valid_articles(
        items in prop::collection::vec(fields(), 1..4),
    ) {
        let limits = limits();
        let first = &items[0];
        let docs = [
            ("gen.txt", text_doc(first)),
            ("gen.json", json_article(first).to_string()),
            ("gen-array.json", Value::Array(items.iter().map(json_article).collect()).to_string()),
            ("gen.jsonl", items.iter().map(|f| json_article(f).to_string()).collect::<Vec<_>>().join("\n")),
            ("gen.ninjs", Value::Array(items.iter().map(ninjs).collect()).to_string()),
            ("gen.rss", rss(&items)),
            ("gen.atom", atom(&items)),
        ];
        for (name, doc) in &docs {
            check(name, doc.as_bytes(), &limits)?;
            // Every item is accounted for: accepted or rejected, never silently dropped.
            let parsed = parse_document(name, doc.as_bytes(), &limits);
            if name.ends_with(".jsonl") || *name == "gen-array.json" {
                let refused_whole = parsed.articles.is_empty()
                    && parsed.rejected.len() == 1
                    && parsed.rejected[0].input == *name;
                prop_assert!(
                    refused_whole || parsed.articles.len() + parsed.rejected.len() == items.len(),
                    "{}: {} items, {} accepted, {:?}", name, items.len(), parsed.articles.len(), parsed.rejected
                );
            }
        }
    }

    #[test]
    fn a_document_cut_anywhere_never_panics(
        items in prop::collection::vec(fields(), 1..3),
        cut in any::<prop::sample::Index>(),
    ) {
        for doc in [rss(&items), atom(&items), Value::Array(items.iter().map(ninjs).collect()).to_string()] {
            let bytes = doc.as_bytes();
            let end = cut.index(bytes.len() + 1);
            check("cut", bytes.get(..end).unwrap_or_default(), &limits())?;
        }
    }
}
