//! HTML bodies (ninjs `body_html`, feed content) turned into the plain text extraction reads.
//!
//! html2text renders for a terminal, so it wraps lines; a very wide width keeps each paragraph on one line,
//! and the result is tidied to the same layout as the text format: paragraphs separated by one blank line.

/// Wide enough that no real paragraph wraps, small enough that html2text's per-line buffers stay cheap.
const WIDTH: usize = 100_000;

/// The text of an HTML fragment, without markup or link footnotes. Unparseable HTML yields `None`.
pub(crate) fn to_text(html: &str) -> Option<String> {
    let rendered = html2text::config::plain_no_decorate().string_from_read(html.as_bytes(), WIDTH).ok()?;
    Some(tidy(&rendered))
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
    fn deeply_nested_markup_does_not_crash() {
        let html = format!("{}Hanoi{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let text = to_text(&html).unwrap_or_default();
        assert!(text.is_empty() || text.contains("Hanoi"));
    }

    #[test]
    fn tells_markup_from_plain_text() {
        assert!(looks_like_html("<p>Quito</p>"));
        assert!(looks_like_html("Trade &amp; tariffs"));
        assert!(!looks_like_html("Ecuador's president visited Quito's port."));
    }
}
