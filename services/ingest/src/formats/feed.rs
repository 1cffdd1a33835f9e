//! RSS 2.0 and Atom documents, read with `feed-rs`: one article per entry.
//!
//! feed-rs invents an id (a hash, or a random UUID) for entries without one; a random id would defeat
//! duplicate detection, so its generator is replaced by one that leaves the id empty and ours falls back to
//! the link, then to a content hash.

use dateline_shared::ids::stable_id;
use dateline_shared::Article;
use feed_rs::model::{Entry, Text};

use super::dates::from_utc;
use super::{html, Format, Limits, Parsed, RejectReason};

pub(crate) fn parse(input_name: &str, bytes: &[u8], limits: &Limits) -> Parsed {
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = match parser.parse(bytes) {
        Ok(feed) => feed,
        Err(err) => {
            return Parsed::refused(
                Some(Format::Feed),
                input_name,
                RejectReason::MalformedFeed(err.to_string()),
            )
        }
    };
    let outlet = feed
        .title
        .as_ref()
        .map(|t| plain(t.content.trim()))
        .filter(|t| !t.is_empty());
    let mut parsed = Parsed::new(Some(Format::Feed));
    for (index, entry) in feed.entries.iter().enumerate() {
        let article = article(entry, outlet.as_deref());
        parsed.push(
            || format!("{input_name}#item {}", index + 1),
            article,
            limits,
        );
    }
    parsed
}

fn article(entry: &Entry, outlet: Option<&str>) -> Result<Article, RejectReason> {
    let headline = entry.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let content = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .map(|body| {
            let is_html = content_is_html(entry) || html::looks_like_html(body);
            if is_html {
                html::to_text(body).unwrap_or_default()
            } else {
                body.trim().to_owned()
            }
        });
    let body = content
        .filter(|b| !b.trim().is_empty())
        .or_else(|| entry.summary.as_ref().map(text_of))
        .unwrap_or_default();
    if body.trim().is_empty() {
        // Said here, not left to validation, because an entry without text is a feed problem (a teaser
        // feed, a podcast) the operator should see as such.
        return Err(RejectReason::Empty);
    }
    let url = entry
        .links
        .first()
        .map(|l| l.href.trim().to_owned())
        .filter(|h| !h.is_empty());
    let id = match (entry.id.trim(), &url) {
        ("", Some(url)) => url.clone(),
        ("", None) => stable_id(
            "feed-",
            &[
                outlet.unwrap_or_default(),
                headline.as_deref().unwrap_or_default(),
                &body,
            ],
        ),
        (id, _) => id.to_owned(),
    };
    let published = entry.published.or(entry.updated).map(from_utc);
    Ok(Article {
        id,
        version: 1,
        outlet: outlet.map(str::to_owned),
        headline,
        published_at: published.map(|(at, _)| at),
        published_date_only: false,
        dateline: None,
        byline: entry
            .authors
            .iter()
            .find_map(|p| p.name.as_deref())
            .map(str::trim)
            .map(str::to_owned),
        url,
        pubstatus: Default::default(),
        body,
    })
}

fn content_is_html(entry: &Entry) -> bool {
    entry
        .content
        .as_ref()
        .is_some_and(|c| c.content_type.to_string().contains("html"))
}

/// A feed text field as plain text, whether the feed marked it as HTML or just put markup in it.
fn text_of(text: &Text) -> String {
    if text.content_type.to_string().contains("html") || html::looks_like_html(&text.content) {
        html::to_text(&text.content).unwrap_or_default()
    } else {
        text.content.trim().to_owned()
    }
}

fn plain(text: &str) -> String {
    if html::looks_like_html(text) {
        html::to_text(text).unwrap_or_default()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Pacific Wire</title>
    <link>https://example.org/</link>
    <description>Regional news</description>
    <item>
      <title>Fiji and Tonga agree fisheries patrol deal</title>
      <link>https://example.org/2024/fiji-tonga</link>
      <guid isPermaLink="false">pw-2024-0412</guid>
      <pubDate>Fri, 12 Apr 2024 03:30:00 GMT</pubDate>
      <description>&lt;p&gt;SUVA &#8211; Fiji's prime minister Sitiveni Rabuka and Tonga's premier signed a joint patrol agreement on Friday.&lt;/p&gt;</description>
    </item>
    <item>
      <title>Samoa hosts Commonwealth ministers</title>
      <link>https://example.org/2024/samoa-chogm</link>
      <content:encoded><![CDATA[<p>APIA &#8211; Samoa opened a meeting of Commonwealth foreign ministers.</p><p>Talks run until Sunday.</p>]]></content:encoded>
      <description>Short teaser.</description>
    </item>
    <item>
      <title>Photo gallery: Vanuatu cyclone recovery</title>
      <link>https://example.org/2024/gallery</link>
    </item>
  </channel>
</rss>"#;

    #[test]
    fn reads_rss_items() {
        let parsed = parse("pacific.xml", RSS.as_bytes(), &Limits::default());
        assert_eq!(parsed.format, Some(Format::Feed));
        assert_eq!(parsed.articles.len(), 2, "{:?}", parsed.rejected);
        let first = &parsed.articles[0];
        assert_eq!(first.id, "pw-2024-0412");
        assert_eq!(first.outlet.as_deref(), Some("Pacific Wire"));
        assert_eq!(
            first.headline.as_deref(),
            Some("Fiji and Tonga agree fisheries patrol deal")
        );
        assert_eq!(
            first.url.as_deref(),
            Some("https://example.org/2024/fiji-tonga")
        );
        assert_eq!(
            first.published_at.unwrap().to_rfc3339(),
            "2024-04-12T03:30:00+00:00"
        );
        assert_eq!(
            first.body,
            "SUVA \u{2013} Fiji's prime minister Sitiveni Rabuka and Tonga's premier signed a joint patrol agreement on Friday."
        );
        let second = &parsed.articles[1];
        assert_eq!(
            second.id, "https://example.org/2024/samoa-chogm",
            "no guid: the link is the id"
        );
        assert_eq!(
            second.body,
            "APIA \u{2013} Samoa opened a meeting of Commonwealth foreign ministers.\n\nTalks run until Sunday."
        );
        assert_eq!(second.published_at, None);
        let rejected: Vec<String> = parsed.rejected.iter().map(ToString::to_string).collect();
        assert_eq!(rejected, ["pacific.xml#item 3: empty body"]);
    }

    #[test]
    fn reads_atom_entries() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Andes Daily</title>
  <id>urn:example:andes</id>
  <updated>2024-02-20T10:00:00Z</updated>
  <entry>
    <title>Boric visits Punta Arenas</title>
    <id>urn:example:andes:boric-0220</id>
    <link href="https://example.org/andes/boric"/>
    <updated>2024-02-20T09:12:00-03:00</updated>
    <author><name>Camila Rojas</name></author>
    <content type="html">&lt;p&gt;Chilean President Gabriel Boric travelled to Punta Arenas on Tuesday.&lt;/p&gt;</content>
  </entry>
</feed>"#;
        let parsed = parse("andes.atom", atom.as_bytes(), &Limits::default());
        assert_eq!(parsed.rejected, []);
        let a = &parsed.articles[0];
        assert_eq!(a.id, "urn:example:andes:boric-0220");
        assert_eq!(a.outlet.as_deref(), Some("Andes Daily"));
        assert_eq!(a.byline.as_deref(), Some("Camila Rojas"));
        assert_eq!(
            a.published_at.unwrap().to_rfc3339(),
            "2024-02-20T12:12:00+00:00",
            "updated, as UTC"
        );
        assert_eq!(
            a.body,
            "Chilean President Gabriel Boric travelled to Punta Arenas on Tuesday."
        );
    }

    #[test]
    fn malformed_xml_rejects_the_document() {
        let broken = "<rss version=\"2.0\"><channel><title>Broken</title><item><title>Oops</item></channel></rss>";
        let parsed = parse("broken.xml", broken.as_bytes(), &Limits::default());
        assert_eq!(parsed.articles, []);
        assert_eq!(parsed.rejected.len(), 1);
        assert_eq!(parsed.rejected[0].reason.code(), "malformed_feed");
        assert!(parsed.rejected[0]
            .to_string()
            .starts_with("broken.xml: malformed feed: "));

        let html_page = "<html><body><p>Not a feed</p></body></html>";
        let parsed = parse("page.html", html_page.as_bytes(), &Limits::default());
        assert_eq!(parsed.rejected[0].reason.code(), "malformed_feed");
    }

    #[test]
    fn deeply_nested_xml_does_not_crash() {
        let depth = 200_000;
        let xml = format!(
            "<rss version=\"2.0\"><channel><title>Deep</title><item><title>T</title><description>Body text.</description>{}{}</item></channel></rss>",
            "<x>".repeat(depth),
            "</x>".repeat(depth)
        );
        let parsed = parse("deep.xml", xml.as_bytes(), &Limits::default());
        assert!(parsed.articles.len() + parsed.rejected.len() >= 1);
    }
}
