//! HTML bodies (ninjs `body_html`, feed content) turned into the plain text extraction reads.
//!
//! html2text renders for a terminal, so it wraps lines; a very wide width keeps each paragraph on one line,
//! and the result is tidied to the same layout as the text format: paragraphs separated by one blank line.

/// Wide enough that no real paragraph wraps, small enough that html2text's per-line buffers stay cheap.
const WIDTH: usize = 100_000;

/// Deeper markup than this goes to the simple stripper instead: html2text's cost grows steeply with depth
/// (100,000 nested `<div>`s take minutes), and no article is nested this deep.
const MAX_DEPTH: usize = 256;

/// The text of an HTML fragment, without markup, link targets or emphasis marks. Unparseable HTML yields
/// `None`.
pub(crate) fn to_text(html: &str) -> Option<String> {
    if exceeds_depth(html, MAX_DEPTH) {
        return Some(tidy(&strip_tags(html)));
    }
    let config = html2text::config::with_decorator(html2text::render::TrivialDecorator::new());
    let rendered = config.string_from_read(html.as_bytes(), WIDTH).ok()?;
    Some(tidy(&rendered))
}

/// Elements that never hold others (void) or that HTML closes implicitly, so they add no lasting depth.
const FLAT: [&str; 20] = [
    "br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "col", "embed", "param",
    "track", "base", "p", "li", "dt", "dd", "tr", "td",
];

/// An estimate of element nesting from the tags alone, for the guard above.
fn exceeds_depth(html: &str, limit: usize) -> bool {
    let mut depth = 0usize;
    for tag in html.split('<').skip(1) {
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let self_closing = tag.split('>').next().is_some_and(|t| t.ends_with('/'));
        if name.is_empty() || self_closing || FLAT.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > limit {
                return true;
            }
        }
    }
    false
}

/// Text outside tags, with block tags as line breaks and the common entities decoded; the fallback for
/// markup too deep for html2text.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode_entities(rest.get(..open).unwrap_or_default()));
        let after = rest.get(open..).unwrap_or_default();
        let close = after.find('>').map_or(after.len(), |i| i + 1);
        let tag = after.get(..close).unwrap_or_default().to_ascii_lowercase();
        if ["<p", "</p", "<br", "<div", "</div", "<li", "<h"]
            .iter()
            .any(|b| tag.starts_with(b))
        {
            out.push('\n');
        }
        rest = after.get(close..).unwrap_or_default();
    }
    out.push_str(&decode_entities(rest));
    out
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp..).unwrap_or_default();
        let end = after.find(';').filter(|&i| i <= 10);
        let decoded = end.and_then(|i| entity(after.get(1..i).unwrap_or_default()));
        match (decoded, end) {
            (Some(c), Some(i)) => {
                out.push(c);
                rest = after.get(i + 1..).unwrap_or_default();
            }
            _ => {
                out.push('&');
                rest = after.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let numeric = |digits: &str, radix| {
        u32::from_str_radix(digits, radix)
            .ok()
            .and_then(char::from_u32)
    };
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
            Some(hex) => numeric(hex, 16),
            None => name.strip_prefix('#').and_then(|dec| numeric(dec, 10)),
        },
    }
}

/// True when a feed text field is markup rather than plain text (RSS rarely says which).
pub(crate) fn looks_like_html(text: &str) -> bool {
    text.contains('<') && text.contains('>') || text.contains("&#") || text.contains("&amp;")
}

/// Trims each line and collapses runs of blank lines to one.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank_run = !out.is_empty();
            continue;
        }
        if blank_run {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
        blank_run = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_paragraphs_without_markup() {
        let html = "<p>NAIROBI &#8211; Kenya's President William Ruto <b>flew</b> to Washington on Sunday.</p>\
                    <p>He will meet <a href=\"https://example.org/biden\">President Joe Biden</a> on Thursday.</p>";
        let text = to_text(html).unwrap();
        assert_eq!(
            text,
            "NAIROBI \u{2013} Kenya's President William Ruto flew to Washington on Sunday.\n\n\
             He will meet President Joe Biden on Thursday."
        );
    }

    #[test]
    fn long_paragraphs_are_not_wrapped() {
        let sentence = "Officials in Dhaka said relief flights would resume on Monday. ";
        let html = format!("<p>{}</p>", sentence.repeat(40));
        let text = to_text(&html).unwrap();
        assert_eq!(text.lines().count(), 1);
    }

    #[test]
    fn deeply_nested_markup_falls_back_to_stripping() {
        let html = format!(
            "{}<p>Hanoi &amp; Vientiane</p>{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert_eq!(to_text(&html).as_deref(), Some("Hanoi & Vientiane"));
        let moderate = format!(
            "{}<p>Hanoi</p>{}",
            "<div>".repeat(200),
            "</div>".repeat(200)
        );
        assert!(!exceeds_depth(&moderate, MAX_DEPTH));
        assert_eq!(to_text(&moderate).as_deref(), Some("Hanoi"));
    }

    #[test]
    fn many_unclosed_paragraphs_are_not_deep() {
        let html = "<p>Para".repeat(1_000);
        assert!(!exceeds_depth(&html, MAX_DEPTH));
    }

    #[test]
    fn the_stripper_decodes_entities_and_breaks_blocks() {
        assert_eq!(
            tidy(&strip_tags(
                "<div>Lima &#8211; Peru</div><br/>Quito &#x263A; &bogus; & co"
            )),
            "Lima \u{2013} Peru\n\nQuito \u{263A} &bogus; & co"
        );
    }

    #[test]
    fn tells_markup_from_plain_text() {
        assert!(looks_like_html("<p>Quito</p>"));
        assert!(looks_like_html("Trade &amp; tariffs"));
        assert!(!looks_like_html(
            "Ecuador's president visited Quito's port."
        ));
    }
}
