//! Every kind of bad input through every input path, table-driven: files of each format through
//! `parse_document` and the publisher (as drop folders, feeds and `dateline feed` use them), and the same
//! documents over real HTTP to the push endpoint. Each case asserts the reason code, that the message names
//! the input (and the item inside it), that the rejection is counted in
//! `dateline_articles_rejected_total{reason}`, that the good item beside a bad one still goes through, and
//! that nothing bad reaches the articles stream.

use std::net::SocketAddr;

use chrono::Datelike;
use dateline_ingest::formats::{parse_document, Limits};
use dateline_ingest::publish::Publisher;
use dateline_ingest::push::PushSettings;
use dateline_shared::shutdown::Shutdown;
use dateline_shared::Names;
use dateline_tests::NatsServer;
use serde_json::{json, Value};

/// The limits every case runs under: small enough that "too large" and "too long" cost megabytes, not
/// hundreds of them. The push endpoint gets the same.
fn limits() -> Limits {
    Limits {
        max_article_bytes: 8 << 10,
        max_document_bytes: 4 << 20,
        max_json_depth: 64,
        max_line_bytes: 1 << 20,
    }
}

/// The input paths: each file format, named as a file would be.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Path {
    Text,
    Json,
    JsonLines,
    Ninjs,
    Rss,
    Atom,
}

const PATHS: [Path; 6] = [
    Path::Text,
    Path::Json,
    Path::JsonLines,
    Path::Ninjs,
    Path::Rss,
    Path::Atom,
];

impl Path {
    fn file(self) -> &'static str {
        match self {
            Path::Text => "wire/bad.txt",
            Path::Json => "wire/bad.json",
            Path::JsonLines => "wire/bad.jsonl",
            Path::Ninjs => "wire/bad.ninjs.json",
            Path::Rss => "wire/bad.rss",
            Path::Atom => "wire/bad.atom",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Path::Text => "text/plain",
            Path::Json => "application/json",
            Path::JsonLines => "application/x-ndjson",
            Path::Ninjs => "application/ninjs+json",
            Path::Rss => "application/rss+xml",
            Path::Atom => "application/atom+xml",
        }
    }

    /// Whether the bad item travels beside a good one (as item 2): every format that holds several.
    fn has_good_neighbour(self) -> bool {
        !matches!(self, Path::Text | Path::Ninjs)
    }

    /// How a rejection names the bad item inside a document called `base`.
    fn item_name(self, base: &str) -> String {
        match self {
            Path::Text | Path::Ninjs => base.to_owned(),
            Path::JsonLines => format!("{base}:2"),
            Path::Json | Path::Rss | Path::Atom => format!("{base}#item 2"),
        }
    }
}

/// One article's worth of content, any part of which a case can spoil.
struct Item {
    headline: String,
    body: String,
    /// Each format's own spelling of the date, from [`Dates`].
    date: Option<Dates>,
}

/// A publication date as each format writes it.
#[derive(Clone)]
struct Dates {
    iso_date: String,
    rfc3339: String,
    rfc2822: String,
}

const GOOD_BODY: &str =
    "PORT VELNA (Harbour Wire) - Dock workers at Port Velna returned to work on Wednesday \
                         after union leaders accepted a two-year wage agreement.";

fn good_item() -> Item {
    Item {
        headline: "Dock strike ends at Port Velna".to_owned(),
        body: GOOD_BODY.to_owned(),
        date: None,
    }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `bad` in the format of `path`, after a good item where the format holds more than one.
fn document(path: Path, bad: &Item) -> Vec<u8> {
    let good = good_item();
    let json_article = |item: &Item, id: &str| {
        let mut value = json!({"id": id, "outlet": "Harbour Wire", "headline": item.headline, "body": item.body});
        if let Some(date) = &item.date {
            value["published_at"] = Value::String(date.rfc3339.clone());
        }
        value
    };
    let rss_item = |item: &Item, guid: &str| {
        let date = item.date.as_ref().map_or(String::new(), |d| {
            format!("<pubDate>{}</pubDate>", d.rfc2822)
        });
        format!(
            "<item><title>{}</title><guid>{guid}</guid>{date}<description>{}</description></item>",
            xml_escape(&item.headline),
            xml_escape(&item.body)
        )
    };
    let atom_entry = |item: &Item, id: &str| {
        let date = item.date.as_ref().map_or(String::new(), |d| {
            format!("<updated>{}</updated>", d.rfc3339)
        });
        format!(
            "<entry><title>{}</title><id>{id}</id>{date}<content type=\"text\">{}</content></entry>",
            xml_escape(&item.headline),
            xml_escape(&item.body)
        )
    };
    let text = match path {
        Path::Text => {
            let date = bad
                .date
                .as_ref()
                .map_or(String::new(), |d| format!("date {}\n", d.iso_date));
            format!("{date}{}\n\n{}\n", bad.headline, bad.body)
        }
        Path::Json => json!([json_article(&good, "hw-1"), json_article(bad, "hw-2")]).to_string(),
        Path::JsonLines => format!(
            "{}\n{}\n",
            json_article(&good, "hw-1"),
            json_article(bad, "hw-2")
        ),
        Path::Ninjs => {
            let mut value = json!({
                "uri": "urn:harbourwire:2",
                "headline": bad.headline,
                "body_text": bad.body,
                "copyrightholder": "Harbour Wire",
            });
            if let Some(date) = &bad.date {
                value["versioncreated"] = Value::String(date.rfc3339.clone());
            }
            value.to_string()
        }
        Path::Rss => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Harbour Wire</title>{}{}</channel></rss>",
            rss_item(&good, "hw-1"),
            rss_item(bad, "hw-2")
        ),
        Path::Atom => format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Harbour Wire</title><id>urn:hw</id>{}{}</feed>",
            atom_entry(&good, "urn:hw:1"),
            atom_entry(bad, "urn:hw:2")
        ),
    };
    text.into_bytes()
}

/// A date in every format's spelling; `year` may be 0 or 9999.
fn dates(year: i32, month: u32, day: u32) -> Dates {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let weekday = chrono::NaiveDate::from_ymd_opt(year, month, day)
        .map_or("Mon".to_owned(), |d| d.weekday().to_string());
    let month_name = MONTHS
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("Jan");
    Dates {
        iso_date: format!("{year:04}-{month:02}-{day:02}"),
        rfc3339: format!("{year:04}-{month:02}-{day:02}T09:00:00Z"),
        rfc2822: format!("{weekday}, {day:02} {month_name} {year:04} 09:00:00 GMT"),
    }
}

fn with_body(body: String) -> Item {
    Item {
        body,
        ..good_item()
    }
}

fn with_date(date: Dates) -> Item {
    Item {
        date: Some(date),
        ..good_item()
    }
}

/// Puts `bytes` into the middle of the bad item's body: encoded text that cannot be spelled as a `&str`.
fn splice_into_body(path: Path, bytes: &[u8]) -> Vec<u8> {
    let marker = "SPLICE-HERE";
    let doc = document(
        path,
        &with_body(format!("PORT VELNA - Cranes {marker} idle.")),
    );
    let at = doc
        .windows(marker.len())
        .position(|w| w == marker.as_bytes())
        .unwrap_or(0);
    let mut out = doc.get(..at).unwrap_or_default().to_vec();
    out.extend_from_slice(bytes);
    out.extend_from_slice(doc.get(at + marker.len()..).unwrap_or_default());
    out
}

/// What a case expects: the reason code, and whether the whole document is refused (named by its file
/// name alone) or only the bad item in it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scope {
    Document,
    Item,
}

struct Case {
    kind: &'static str,
    path: Path,
    bytes: Vec<u8>,
    code: &'static str,
    scope: Scope,
}

fn case(kind: &'static str, path: Path, bytes: Vec<u8>, code: &'static str, scope: Scope) -> Case {
    Case {
        kind,
        path,
        bytes,
        code,
        scope,
    }
}

/// Every bad input for every path.
fn cases() -> Vec<Case> {
    let next_years = chrono::Utc::now().year() + 3;
    let mut cases = Vec::new();
    for path in PATHS {
        let json_family = matches!(path, Path::Json | Path::JsonLines | Path::Ninjs);
        let xml = matches!(path, Path::Rss | Path::Atom);
        // The whole document is empty.
        cases.push(case(
            "empty document",
            path,
            b" \n\t\n".to_vec(),
            "empty",
            Scope::Document,
        ));
        // An item with an empty body. Plain text has no item apart from the document, and a headline alone
        // is then the body; a blank line before the body counts as empty for it.
        let empty = if path == Path::Text {
            b"date 2026-03-04\n   \n".to_vec()
        } else {
            document(path, &with_body("   ".to_owned()))
        };
        cases.push(case(
            "empty body",
            path,
            empty,
            "empty",
            if path.has_good_neighbour() {
                Scope::Item
            } else {
                Scope::Document
            },
        ));
        // Binary junk: a PNG header with its NUL bytes, raw in the document (without line breaks, so that
        // it stays within one JSON Lines line).
        let png = b"\x89PNG\x1a\0\0\0IHDR\0\0\x01\0";
        let (code, scope) = match path {
            Path::Rss | Path::Atom => ("malformed_feed", Scope::Document),
            Path::JsonLines => ("binary", Scope::Item),
            _ => ("binary", Scope::Document),
        };
        cases.push(case(
            "binary junk",
            path,
            splice_into_body(path, png),
            code,
            scope,
        ));
        // Text that decoded, but as mojibake: mostly U+FFFD and control characters.
        let mojibake = "\u{FFFD}\u{FFFD} caf\u{FFFD} \u{FFFD}".repeat(20);
        cases.push(case(
            "mojibake",
            path,
            document(path, &with_body(mojibake)),
            "binary",
            if path == Path::Text || path == Path::Ninjs {
                Scope::Document
            } else {
                Scope::Item
            },
        ));
        // Invalid UTF-8 (Latin-1 é) in a document that says, or is taken as, UTF-8. In JSON Lines only the
        // line that has it is refused.
        let (code, scope) = match path {
            Path::Rss | Path::Atom => ("malformed_feed", Scope::Document),
            Path::JsonLines => ("not_utf8", Scope::Item),
            _ => ("not_utf8", Scope::Document),
        };
        cases.push(case(
            "invalid UTF-8",
            path,
            splice_into_body(path, b"caf\xE9"),
            code,
            scope,
        ));
        // Over the article limit, and over the document limit.
        let big =
            format!("{GOOD_BODY} ").repeat((limits().max_article_bytes / GOOD_BODY.len()) + 2);
        cases.push(case(
            "oversized article",
            path,
            document(path, &with_body(big)),
            "too_large",
            if path.has_good_neighbour() {
                Scope::Item
            } else {
                Scope::Document
            },
        ));
        let huge =
            format!("{GOOD_BODY}\n\n").repeat((limits().max_document_bytes / GOOD_BODY.len()) + 2);
        cases.push(case(
            "oversized document",
            path,
            document(path, &with_body(huge)),
            "too_large",
            Scope::Document,
        ));
        // An enormous single line: over the article limit everywhere, over the line limit in JSON Lines.
        let line = "Cranes idle at Port Velna. ".repeat((limits().max_line_bytes / 27) + 2);
        let (code, scope) = match path {
            Path::JsonLines => ("line_too_long", Scope::Item),
            Path::Text | Path::Ninjs => ("too_large", Scope::Document),
            _ => ("too_large", Scope::Item),
        };
        cases.push(case(
            "enormous single line",
            path,
            document(path, &with_body(line)),
            code,
            scope,
        ));
        // Absurd publication dates: year 0, year 9999, a few years ahead, before 1900.
        let scope = if path.has_good_neighbour() {
            Scope::Item
        } else {
            Scope::Document
        };
        for (kind, date) in [
            ("year 0", dates(0, 1, 1)),
            ("year 9999", dates(9999, 12, 31)),
            ("far future", dates(next_years, 6, 1)),
            ("before 1900", dates(1066, 10, 14)),
        ] {
            cases.push(case(
                kind,
                path,
                document(path, &with_date(date)),
                "absurd_date",
                scope,
            ));
        }
        // Malformed structure: the document cut short, and (JSON Lines) one broken line.
        if json_family || xml {
            let doc = document(path, &good_item());
            let cut = doc.get(..doc.len() * 2 / 3).unwrap_or_default().to_vec();
            let (code, scope) = match path {
                Path::Rss | Path::Atom => ("malformed_feed", Scope::Document),
                Path::JsonLines => ("malformed_json", Scope::Item),
                _ => ("malformed_json", Scope::Document),
            };
            cases.push(case("truncated", path, cut, code, scope));
        }
        if path == Path::JsonLines {
            let doc = format!(
                "{}\n{{\"id\": \"hw-2\", \"body\": \"x\" \"outlet\": \"HW\"}}\n",
                json!({"id": "hw-1", "headline": "Dock strike ends", "body": GOOD_BODY})
            );
            cases.push(case(
                "malformed line",
                path,
                doc.into_bytes(),
                "malformed_json",
                Scope::Item,
            ));
        }
        // Deep nesting: far past serde_json's own recursion limit (128), which must never be reached.
        if json_family {
            let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
            let doc = match path {
                Path::Json => format!(
                    "[{}, {{\"body\": \"x\", \"extra\": {deep}}}]",
                    json!({"id": "hw-1", "body": GOOD_BODY})
                ),
                Path::JsonLines => format!(
                    "{}\n{{\"body\": \"x\", \"extra\": {deep}}}\n",
                    json!({"id": "hw-1", "body": GOOD_BODY})
                ),
                _ => format!("{{\"uri\": \"urn:x\", \"body_text\": \"x\", \"extra\": {deep}}}"),
            };
            let scope = if path == Path::JsonLines {
                Scope::Item
            } else {
                Scope::Document
            };
            cases.push(case(
                "deep nesting",
                path,
                doc.into_bytes(),
                "too_deep",
                scope,
            ));
        }
        // Unusable ids (they travel as the Nats-Msg-Id header).
        if path == Path::JsonLines {
            let doc = format!(
                "{}\n{}\n",
                json!({"id": "hw-1", "body": GOOD_BODY}),
                json!({"id": "hw-2\r\nNats-Expected-Stream: OTHER", "body": GOOD_BODY})
            );
            cases.push(case(
                "header injection in id",
                path,
                doc.into_bytes(),
                "bad_id",
                Scope::Item,
            ));
        }
    }
    cases
}

/// The current value of `dateline_articles_rejected_total{reason="<code>"}`.
fn rejected_count(code: &str) -> u64 {
    let rendered = dateline_shared::ops::prometheus()
        .map(|h| h.render())
        .unwrap_or_default();
    let prefix = format!("dateline_articles_rejected_total{{reason=\"{code}\"}} ");
    rendered
        .lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

async fn stored_articles(
    js: &async_nats::jetstream::Context,
    names: &Names,
) -> anyhow::Result<u64> {
    let mut stream = js.get_stream(names.articles_stream()).await?;
    Ok(stream.info().await?.state.messages)
}

async fn connect(
    server: &NatsServer,
) -> anyhow::Result<(Publisher, async_nats::jetstream::Context, Names)> {
    let client = async_nats::connect(server.url()).await?;
    let js = async_nats::jetstream::new(client);
    let names = Names::new("dateline")?;
    let durability = dateline_shared::nats::NatsArgs::default().durability();
    dateline_shared::nats::declare_pipeline(&js, &names, durability).await?;
    Ok((Publisher::new(js.clone(), names.clone()), js, names))
}

fn describe(case: &Case) -> String {
    format!("{:?} / {}", case.path, case.kind)
}

#[test]
fn every_bad_input_is_refused_by_every_file_format_with_reason_and_name() {
    let mut failures = Vec::new();
    for case in cases() {
        let name = case.path.file();
        let parsed = parse_document(name, &case.bytes, &limits());
        let want_input = match case.scope {
            Scope::Document => name.to_owned(),
            Scope::Item => case.path.item_name(name),
        };
        let got: Vec<(String, &str)> = parsed
            .rejected
            .iter()
            .map(|r| (r.input.clone(), r.reason.code()))
            .collect();
        if got != [(want_input.clone(), case.code)] {
            failures.push(format!(
                "{}: want [{want_input}: {}], got {got:?} ({:?})",
                describe(&case),
                case.code,
                parsed.rejected.first().map(ToString::to_string)
            ));
            continue;
        }
        let message = parsed.rejected[0].to_string();
        if !message.starts_with(&format!("{want_input}: ")) || message.len() <= want_input.len() + 8
        {
            failures.push(format!("{}: vague message `{message}`", describe(&case)));
        }
        let good_through = parsed.articles.iter().any(|a| a.body == GOOD_BODY);
        let want_good = case.scope == Scope::Item;
        if good_through != want_good || parsed.articles.len() > 1 {
            failures.push(format!(
                "{}: {} articles accepted, good neighbour through: {good_through}",
                describe(&case),
                parsed.articles.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Documents as drop folders, feeds and `dateline feed` hand them to the publisher: every rejection is
/// counted under its reason and only the good neighbours reach the stream.
#[tokio::test]
async fn every_rejection_is_counted_and_nothing_bad_is_published() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let (publisher, js, names) = connect(&server).await?;
    dateline_shared::ops::prometheus();
    let mut goods = 0;
    for case in cases() {
        let before = rejected_count(case.code);
        let report = publisher
            .ingest_document(case.path.file(), &case.bytes, &limits())
            .await;
        assert_eq!(report.rejected.len(), 1, "{}", describe(&case));
        assert_eq!(report.failed.len(), 0, "{}", describe(&case));
        assert_eq!(rejected_count(case.code), before + 1, "{}", describe(&case));
        goods += report.accepted;
    }
    // Only good neighbours were stored: each format's once (a duplicate after that), nothing bad.
    let stored = stored_articles(&js, &names).await?;
    assert_eq!(stored, goods as u64);
    assert!(goods <= PATHS.len());
    let stream = js.get_stream(names.articles_stream()).await?;
    for sequence in 1..=stored {
        let message = stream.get_raw_message(sequence).await?;
        let article: dateline_shared::Article = serde_json::from_slice(&message.payload)?;
        assert_eq!(article.body, GOOD_BODY, "{}", article.id);
    }
    Ok(())
}

/// The same documents over real HTTP to `POST /articles`: 400 naming the request and the problem when
/// nothing was usable, 202 with the bad item named when its neighbour was.
#[tokio::test]
async fn every_bad_input_pushed_over_http_is_refused_with_reason_and_name() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let (publisher, js, names) = connect(&server).await?;
    dateline_shared::ops::prometheus();
    let settings = PushSettings {
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        token: None,
        max_body_bytes: 16 << 20,
    };
    let listener = dateline_ingest::push::bind(&settings).await?;
    let url = format!("http://{}/articles", listener.local_addr()?);
    let router = dateline_ingest::push::router(publisher, limits(), &settings);
    let (trigger, shutdown) = Shutdown::new();
    let task = tokio::spawn(dateline_ingest::push::serve(listener, router, shutdown));
    let http = dateline_ingest::fetch::client()?;

    let mut failures = Vec::new();
    for case in cases() {
        let before = rejected_count(case.code);
        let response = http
            .post(&url)
            .header("content-type", case.path.content_type())
            .body(case.bytes.clone())
            .send()
            .await?;
        let status = response.status().as_u16();
        let reply: Value = serde_json::from_slice(&response.bytes().await?)?;
        let want_input = match case.scope {
            Scope::Document => "request".to_owned(),
            Scope::Item => case.path.item_name("request"),
        };
        let reason = reply["rejected"][0]["reason"].as_str().unwrap_or_default();
        let ok = match case.scope {
            Scope::Document => {
                let error = reply["error"].as_str().unwrap_or_default();
                status == 400
                    && error
                        .starts_with(&format!("no usable article in the request: {want_input}: "))
                    && reply["rejected"][0]["input"] == want_input.as_str()
                    && !reason.is_empty()
            }
            Scope::Item => {
                status == 202
                    && reply["rejected"][0]["input"] == want_input.as_str()
                    && !reason.is_empty()
            }
        };
        if !ok {
            failures.push(format!("{}: {status} {reply}", describe(&case)));
        }
        if rejected_count(case.code) != before + 1 {
            failures.push(format!("{}: not counted as {}", describe(&case), case.code));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(stored_articles(&js, &names).await? <= PATHS.len() as u64);
    trigger.trigger();
    task.await??;
    Ok(())
}
