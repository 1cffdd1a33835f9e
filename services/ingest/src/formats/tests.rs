//! Whole-document tests: detection, every rejection reason as [`parse_document`] reports it, the real seed
//! articles, and robustness against truncated and random input.

use std::path::PathBuf;

use chrono::NaiveDate;
use dateline_shared::PubStatus;
use serde_json::Value;

use super::*;

fn parse(name: &str, input: &str) -> Parsed {
    parse_document(name, input.as_bytes(), &Limits::default())
}

fn messages(parsed: &Parsed) -> Vec<String> {
    parsed.rejected.iter().map(ToString::to_string).collect()
}

fn codes(parsed: &Parsed) -> Vec<&'static str> {
    parsed.rejected.iter().map(|r| r.reason.code()).collect()
}

const STORY: &str = "Erdogan hosts Iraqi premier in Ankara\n\n\
                     ANKARA (Anadolu) - Turkish President Recep Tayyip Erdogan hosted Iraq's prime minister on Monday.\n\n\
                     The two discussed water sharing and a planned road link.\n";

#[test]
fn detects_formats() {
    assert_eq!(detect(STORY.as_bytes()), Format::Text);
    assert_eq!(
        detect(b"\xEF\xBB\xBF  <?xml version=\"1.0\"?><rss/>"),
        Format::Feed
    );
    assert_eq!(detect(b"\n {\"body\": \"x\"}"), Format::Json);
    assert_eq!(detect(b"{\n  \"body\": \"x\"\n}\n"), Format::Json);
    assert_eq!(detect(b"[{\"body\": \"x\"}]"), Format::Json);
    assert_eq!(
        detect(b"{\"body\": \"a\"}\n{\"body\": \"b\"}\n"),
        Format::JsonLines
    );
    assert_eq!(detect(b"[UPDATE 2] Quake hits Taiwan"), Format::Text);
    assert_eq!(detect(b"{Editor's note} Corrects spelling"), Format::Text);
    assert_eq!(detect(b""), Format::Text);
    assert_eq!(Format::JsonLines.to_string(), "jsonl");
    assert_eq!(Format::Ninjs.to_string(), "ninjs");
}

#[test]
fn parses_a_text_document() {
    let parsed = parse("wire/ankara.txt", STORY);
    assert_eq!(parsed.format, Some(Format::Text));
    assert_eq!(parsed.rejected, []);
    let a = &parsed.articles[0];
    assert_eq!(a.outlet.as_deref(), Some("Anadolu"));
    assert_eq!(a.dateline.as_deref(), Some("ANKARA"));
    assert_eq!(
        a.headline.as_deref(),
        Some("Erdogan hosts Iraqi premier in Ankara")
    );
}

#[test]
fn parses_json_object_and_array_rejecting_bad_items_alone() {
    let parsed = parse(
        "one.json",
        r#"{"id": "x-1", "outlet": "PTI", "body": "India's president visited Dhaka."}"#,
    );
    assert_eq!(parsed.format, Some(Format::Json));
    assert_eq!(parsed.articles.len(), 1);
    assert_eq!(parsed.articles[0].id, "x-1");

    let array = r#"[
        {"outlet": "PTI", "headline": "Murmu in Dhaka", "body": "India's president arrived in Dhaka on Sunday."},
        {"outlet": "PTI", "body": "   "},
        42,
        {"title": "no body here"},
        {"outlet": "PTI", "published_at": "1850-03-01", "body": "A date no wire could have."},
        {"uri": "urn:pti:77", "body_text": "Bangladesh's leader welcomed her at the airport.", "versioncreated": "2024-03-10T08:00:00+06:00"}
    ]"#;
    let parsed = parse("batch.json", array);
    assert_eq!(parsed.format, Some(Format::Json), "mixed shapes stay json");
    assert_eq!(parsed.articles.len(), 2);
    assert!(parsed.articles[0].id.starts_with("art-"));
    assert_eq!(parsed.articles[1].id, "urn:pti:77");
    assert_eq!(
        messages(&parsed),
        [
            "batch.json#item 2: empty body",
            format!("batch.json#item 3: {}", RejectReason::UnknownShape).as_str(),
            format!("batch.json#item 4: {}", RejectReason::UnknownShape).as_str(),
            "batch.json#item 5: absurd publication date 1850-03-01T00:00:00+00:00",
        ]
    );

    let parsed = parse("nothing.json", " [ ]\n");
    assert!(parsed.articles.is_empty());
    assert_eq!(
        messages(&parsed),
        ["nothing.json: no articles: the JSON array is empty"]
    );
}

#[test]
fn parses_ninjs_documents() {
    let doc = r#"{
        "uri": "urn:newsml:example.com:20240618:kyodo-118",
        "version": "2",
        "versioncreated": "2024-06-18T15:20:00+09:00",
        "headlines": [{"value": "Kishida meets Pacific leaders in Tokyo"}],
        "bodies": [{"contenttype": "text/html", "value": "<p>TOKYO &#8212; Japan's prime minister hosted island leaders.</p>"}],
        "copyrightholder": "Kyodo News"
    }"#;
    let parsed = parse("kyodo.json", doc);
    assert_eq!(parsed.format, Some(Format::Ninjs));
    let a = &parsed.articles[0];
    assert_eq!(a.version, 2);
    assert_eq!(
        a.headline.as_deref(),
        Some("Kishida meets Pacific leaders in Tokyo")
    );
    assert_eq!(
        a.body,
        "TOKYO \u{2014} Japan's prime minister hosted island leaders."
    );
    assert_eq!(a.outlet.as_deref(), Some("Kyodo News"));

    let kill = r#"[{"uri": "urn:x:1", "version": 3, "pubstatus": "withdrawn"}]"#;
    let parsed = parse("kill.json", kill);
    assert_eq!(parsed.format, Some(Format::Ninjs));
    assert_eq!(parsed.articles[0].pubstatus, PubStatus::Withdrawn);
}

#[test]
fn json_lines_keep_good_lines_around_bad_ones() {
    let long_line = format!(r#"{{"body": "{}"}}"#, "x".repeat(5 << 20));
    let deep_line = format!("{}{}", "[".repeat(100), "]".repeat(100));
    let doc = [
        r#"{"id": "a", "outlet": "ANSA", "body": "Italy's premier flew to Tunis on Wednesday."}"#,
        r#"{"id": "b", "body": "Missing a comma" "outlet": "ANSA"}"#,
        "",
        r#"{"id": "c", "outlet": "ANSA", "body": "Talks on migration opened in the afternoon."}"#,
        &long_line,
        &deep_line,
        r#"{"id": "d", "body": 7}"#,
        r#"{"id": "e", "outlet": "ANSA", "body": "Both leaders spoke to reporters afterwards."}"#,
    ]
    .join("\n");
    let parsed = parse("feeds/ansa.jsonl", &doc);
    assert_eq!(parsed.format, Some(Format::JsonLines));
    let ids: Vec<&str> = parsed.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "c", "e"]);
    let msgs = messages(&parsed);
    assert_eq!(
        msgs[0],
        "feeds/ansa.jsonl:2: malformed JSON at column 39: expected `,` or `}`"
    );
    assert_eq!(
        msgs[1],
        format!(
            "feeds/ansa.jsonl:5: line too long: {} bytes, limit {}",
            long_line.len(),
            4 << 20
        )
    );
    assert_eq!(msgs[2], "feeds/ansa.jsonl:6: nested deeper than 64 levels");
    assert_eq!(
        msgs[3],
        "feeds/ansa.jsonl:7: field `body` should be a string, found a number"
    );
}

#[test]
fn empty_documents_are_refused() {
    for input in ["", "  \n\t\n", "\u{FEFF}\n"] {
        let parsed = parse("empty.txt", input);
        assert_eq!(parsed.format, None);
        assert_eq!(messages(&parsed), ["empty.txt: empty body"], "{input:?}");
    }
    let parsed = parse("date-only.txt", "date 2024-01-05\n");
    assert_eq!(codes(&parsed), ["empty"]);
}

#[test]
fn invalid_utf8_is_refused_with_its_offset() {
    let mut bytes = b"LIMA (Reuters) - Peru's president".to_vec();
    bytes.extend_from_slice(&[0xC3, 0x28]);
    bytes.extend_from_slice(b" resigned.");
    let parsed = parse_document("lima.txt", &bytes, &Limits::default());
    assert_eq!(parsed.articles, []);
    assert_eq!(
        parsed.rejected[0].reason,
        RejectReason::NotUtf8 { offset: 33 }
    );

    let mut with_bom = b"\xEF\xBB\xBF{\"body\": \"caf".to_vec();
    with_bom.extend_from_slice(&[0xE9, b'"', b'}']);
    let parsed = parse_document("latin1.json", &with_bom, &Limits::default());
    assert_eq!(
        messages(&parsed),
        ["latin1.json: not valid UTF-8 (first bad byte at offset 16)"]
    );
}

#[test]
fn binary_junk_is_refused() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
    let parsed = parse_document("photo.png", png, &Limits::default());
    assert_eq!(codes(&parsed), ["binary"]);

    // Valid UTF-8 but control characters throughout, as from a mis-split binary stream.
    let junk: String = (0..2_000u32)
        .map(|i| char::from_u32(1 + (i * 7) % 30).unwrap_or('a'))
        .collect();
    let parsed = parse("junk.txt", &junk);
    assert_eq!(codes(&parsed), ["binary"]);

    let escaped = r#"{"body": "\u0001\u0002\u0003\u0004 junk \u0000"}"#;
    assert_eq!(codes(&parse("junk.json", escaped)), ["binary"]);
}

#[test]
fn oversized_documents_and_articles_are_refused() {
    let limits = Limits {
        max_document_bytes: 100,
        ..Limits::default()
    };
    let parsed = parse_document("big.txt", STORY.repeat(2).as_bytes(), &limits);
    assert_eq!(parsed.format, None);
    assert_eq!(
        messages(&parsed),
        [format!(
            "big.txt: too large: {} bytes, limit 100",
            STORY.len() * 2
        )]
    );

    let limits = Limits {
        max_article_bytes: 64,
        ..Limits::default()
    };
    let parsed = parse_document("long.txt", STORY.as_bytes(), &limits);
    assert_eq!(codes(&parsed), ["too_large"]);
}

#[test]
fn a_huge_single_line_is_refused_without_trouble() {
    let line = "Bogota officials said the count continued. ".repeat(50_000_000 / 43);
    assert!(line.len() > 49_000_000);
    let parsed = parse("one-line.txt", &line);
    assert_eq!(parsed.format, Some(Format::Text));
    assert_eq!(codes(&parsed), ["too_large"]);

    let json = format!(r#"{{"body": "{line}"}}"#);
    assert_eq!(codes(&parse("one-line.json", &json)), ["too_large"]);
}

#[test]
fn malformed_json_names_line_and_column() {
    let parsed = parse(
        "bad.json",
        "{\n  \"id\": \"k-1\",\n  \"body\": \"Seoul\" \"x\"\n}",
    );
    assert_eq!(parsed.format, Some(Format::Json));
    assert_eq!(
        messages(&parsed),
        ["bad.json: malformed JSON at line 3, column 19: expected `,` or `}`"]
    );

    let parsed = parse("cut.json", r#"[{"body": "Nairobi"#);
    assert_eq!(
        messages(&parsed),
        ["cut.json: malformed JSON at line 1, column 18: EOF while parsing a string"]
    );
}

#[test]
fn too_deep_json_is_refused_before_parsing() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(
        messages(&parse("deep.json", &deep)),
        ["deep.json: nested deeper than 64 levels"]
    );
    let deep_object = format!(
        "{{\"body\": \"x\", \"extra\": {}1{}}}",
        "[".repeat(70),
        "]".repeat(70)
    );
    assert_eq!(codes(&parse("deep2.json", &deep_object)), ["too_deep"]);
    let shallow = format!(
        "{{\"body\": \"Accra talks.\", \"extra\": {}1{}}}",
        "[".repeat(10),
        "]".repeat(10)
    );
    assert_eq!(parse("ok.json", &shallow).articles.len(), 1);
}

#[test]
fn absurd_dates_are_refused() {
    let parsed = parse(
        "future.txt",
        "date 2199-01-01\n\nCANBERRA - Australia's parliament sat late.",
    );
    assert_eq!(
        messages(&parsed),
        ["future.txt: absurd publication date 2199-01-01T00:00:00+00:00"]
    );
    let parsed = parse(
        "old.json",
        r#"{"published_at": "1066-10-14T09:00:00Z", "body": "Hastings."}"#,
    );
    assert_eq!(codes(&parsed), ["absurd_date"]);
    let parsed = parse(
        "bad-date.json",
        r#"{"published_at": "tomorrow", "body": "Text."}"#,
    );
    assert_eq!(
        messages(&parsed),
        ["bad-date.json: published_at is not a date: `tomorrow` (expected RFC 3339 or YYYY-MM-DD)"]
    );
}

#[test]
fn feeds_go_through_parse_document() {
    let rss = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Gulf Desk</title>
  <item><title>Qatar mediates talks</title><guid>gd-1</guid><description>DOHA - Qatar hosted envoys on Monday.</description></item>
  <item><title>Teaser only</title><guid>gd-2</guid></item>
  <item><title>Old item</title><guid>gd-3</guid><pubDate>Mon, 01 Jan 1849 00:00:00 GMT</pubDate><description>Archive.</description></item>
</channel></rss>"#;
    let parsed = parse("gulf.xml", rss);
    assert_eq!(parsed.format, Some(Format::Feed));
    assert_eq!(parsed.articles.len(), 1);
    assert_eq!(parsed.articles[0].outlet.as_deref(), Some("Gulf Desk"));
    assert_eq!(messages(&parsed)[0], "gulf.xml#item 2: empty body");
    assert_eq!(codes(&parsed), ["empty", "absurd_date"]);

    let parsed = parse("bad.xml", "<rss version=\"2.0\"><channel><item></channel>");
    assert_eq!(codes(&parsed), ["malformed_feed"]);

    // Another declared encoding is the feed parser's business, not a UTF-8 error.
    let mut latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Sa\xEFd</title>\
<item><guid>l-1</guid><description>Caf\xE9 owners in Lyon protested.</description></item></channel></rss>"
        .to_vec();
    latin1.shrink_to_fit();
    let parsed = parse_document("latin1.xml", &latin1, &Limits::default());
    assert_eq!(parsed.rejected, []);
    assert_eq!(
        parsed.articles[0].body,
        "Caf\u{e9} owners in Lyon protested."
    );
}

/// Every prefix of every kind of document, and pseudo-random bytes: nothing may panic.
#[test]
fn truncated_and_random_input_never_panics() {
    let samples = [
        STORY.to_owned(),
        r#"[{"id": "a", "body": "Text.", "published_at": "2024-01-01"}, {"uri": "u", "body_html": "<p>x</p>"}]"#
            .to_owned(),
        "{\"body\": \"a\"}\n{\"body\": \"b\"}\n".to_owned(),
        "<rss version=\"2.0\"><channel><title>T</title><item><title>A</title><description>&lt;b&gt;B</description></item></channel></rss>".to_owned(),
        "date 2024-05-05 (ATTN: x) By Someone\n\nSEOUL, May 5 (Yonhap) -- Text.".to_owned(),
    ];
    for sample in &samples {
        let bytes = sample.as_bytes();
        for end in 0..=bytes.len() {
            let _ = parse_document(
                "prefix",
                bytes.get(..end).unwrap_or_default(),
                &Limits::default(),
            );
        }
    }
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..300 {
        let len = (round * 37) % 700;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Bias towards structural characters so the parsers get past their first byte.
                let pick = (state % 64) as usize;
                b"{}[]<>\":,\n -\\/abcXYZ0123()&;#\xC3\xA9\xFF\0"
                    .get(pick)
                    .copied()
                    .unwrap_or((state >> 8) as u8)
            })
            .collect();
        let _ = parse_document("random", &bytes, &Limits::default());
    }
}

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds")
}

/// index.json: what each seed file's outlet, date and headline really are.
fn seed_index() -> Vec<Value> {
    let text = std::fs::read_to_string(seeds_dir().join("index.json")).expect("seed index");
    serde_json::from_str::<Value>(&text)
        .ok()
        .and_then(|v| v.as_array().cloned())
        .expect("index array")
}

fn field<'a>(entry: &'a Value, key: &str) -> Option<&'a str> {
    entry.get(key).and_then(Value::as_str)
}

#[test]
fn seed_texts_yield_the_derivable_fields() {
    let index = seed_index();
    assert_eq!(index.len(), 5);
    let mut by_file = std::collections::HashMap::new();
    for entry in &index {
        let file = field(entry, "file").expect("file");
        let bytes = std::fs::read(seeds_dir().join(file)).expect("seed text");
        let parsed = parse_document(file, &bytes, &Limits::default());
        assert_eq!(parsed.format, Some(Format::Text), "{file}");
        assert_eq!(parsed.rejected, [], "{file}");
        let a = parsed.articles.into_iter().next().expect("one article");
        // Whatever the text parser derives must agree with the publisher's metadata.
        if let Some(outlet) = &a.outlet {
            assert_eq!(Some(outlet.as_str()), field(entry, "outlet"), "{file}");
        }
        if let Some(headline) = &a.headline {
            assert_eq!(Some(headline.as_str()), field(entry, "headline"), "{file}");
        }
        if let Some(date) = a.published_date() {
            assert_eq!(
                Some(date.to_string().as_str()),
                field(entry, "published_at"),
                "{file}"
            );
            assert!(a.published_date_only);
        }
        assert!(a.id.starts_with("txt-"));
        assert_eq!(
            parse_document(file, &bytes, &Limits::default()).articles[0].id,
            a.id,
            "stable id"
        );
        assert!(!a.body.starts_with("By "), "{file}: byline left in body");
        assert!(
            !a.body.starts_with("date "),
            "{file}: date line left in body"
        );
        by_file.insert(&file[..3], (a, entry));
    }

    let (reuters, entry) = &by_file["000"];
    assert_eq!(reuters.outlet.as_deref(), Some("Reuters"));
    assert_eq!(reuters.headline.as_deref(), field(entry, "headline"));
    assert_eq!(reuters.dateline.as_deref(), Some("SEOUL"));
    assert_eq!(
        reuters.byline.as_deref(),
        Some("Hyunsu Yim and Soo-hyang Choi")
    );
    assert_eq!(reuters.published_at, None);
    assert!(!reuters.body.starts_with("SEOUL"));

    let (yonhap, _) = &by_file["001"];
    assert_eq!(yonhap.outlet.as_deref(), Some("Yonhap"));
    assert_eq!(
        yonhap.published_date(),
        NaiveDate::from_ymd_opt(2023, 9, 13)
    );
    assert_eq!(yonhap.byline.as_deref(), Some("Lee Minji"));
    assert_eq!(yonhap.dateline.as_deref(), Some("SEOUL"));
    assert_eq!(yonhap.headline, None);
    assert!(!yonhap.body.contains("ATTN"));
    assert!(!yonhap.body.starts_with("SEOUL"));

    let (straits, entry) = &by_file["002"];
    assert_eq!(straits.headline.as_deref(), field(entry, "headline"));
    assert_eq!(straits.dateline.as_deref(), Some("SEOUL/WASHINGTON/MOSCOW"));
    assert_eq!(straits.outlet, None, "no agency in its dateline");
    assert_eq!(straits.published_at, None);
    assert!(
        straits
            .body
            .contains("PHOTO: REUTERS\n\nNorth Korean leader"),
        "caption kept, dateline stripped"
    );

    let (straits_dated, _) = &by_file["003"];
    assert_eq!(
        straits_dated.published_date(),
        NaiveDate::from_ymd_opt(2023, 9, 12)
    );
    assert_eq!(
        straits_dated.dateline.as_deref(),
        Some("SEOUL/WASHINGTON/MOSCOW")
    );
    assert_eq!(straits_dated.headline, None);
    assert!(straits_dated.body.starts_with("North Korean leader"));

    let (plain, _) = &by_file["004"];
    assert_eq!(plain.headline, None);
    assert_eq!(plain.published_at, None);
    assert_eq!(plain.dateline, None);
    assert_eq!(plain.outlet, None);
    assert_eq!(plain.byline, None);
    let original =
        std::fs::read_to_string(seeds_dir().join("004_12e86653dbe92fc6.txt")).unwrap_or_default();
    assert_eq!(
        plain.body,
        original.trim(),
        "nothing to lift out: the body is the whole text"
    );
}

#[test]
fn seed_json_articles_match_their_index() {
    for entry in seed_index() {
        let file = field(&entry, "json").expect("json path");
        let bytes = std::fs::read(seeds_dir().join(file)).expect("seed json");
        let parsed = parse_document(file, &bytes, &Limits::default());
        assert_eq!(parsed.format, Some(Format::Json), "{file}");
        assert_eq!(parsed.rejected, [], "{file}");
        let a = &parsed.articles[0];
        assert!(a.id.starts_with("seed-"), "{file}");
        assert_eq!(a.version, 1);
        assert_eq!(a.outlet.as_deref(), field(&entry, "outlet"), "{file}");
        assert_eq!(a.headline.as_deref(), field(&entry, "headline"), "{file}");
        assert_eq!(
            a.published_date().map(|d| d.to_string()).as_deref(),
            field(&entry, "published_at"),
            "{file}"
        );
        assert!(a.published_date_only);
        assert!(a.body.len() > 1_000, "{file}");
    }
}
