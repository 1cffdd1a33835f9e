//! Input formats: recognising what a document is and turning it into articles.
//!
//! A document is one unit of input (a file, an HTTP body). [`parse_document`] detects its format, parses every
//! item in it and validates each one, so a single bad item is rejected on its own while the good ones in the
//! same document go through. Nothing here does I/O or panics on input: every way an input can be wrong ends
//! as a [`Rejection`] naming the input and the problem.

mod dateline;
mod dates;
mod feed;
mod fields;
mod html;
mod json;
mod ninjs;
mod reject;
mod text;
mod wire_json;

use std::fmt;

use dateline_shared::Article;

pub use reject::{RejectReason, Rejection};

/// Bounds on what one input may cost, so a hostile or broken feed cannot exhaust memory or stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Headline and body of one article together, in bytes.
    pub max_article_bytes: usize,
    /// One whole document (file or HTTP body), in bytes.
    pub max_document_bytes: usize,
    /// Nesting of JSON arrays and objects. serde_json stops at 128 on its own; this check comes first and
    /// gives a clearer reason.
    pub max_json_depth: usize,
    /// One line of a JSON Lines document, in bytes.
    pub max_line_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_article_bytes: 1 << 20,
            max_document_bytes: 64 << 20,
            max_json_depth: 64,
            max_line_bytes: 4 << 20,
        }
    }
}

/// The formats a document can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A plain-text wire story, optionally with a `date` line, headline, byline and dateline.
    Text,
    /// One JSON article object, or an array of them.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// IPTC ninjs (1.x or 2.x) objects.
    Ninjs,
    /// RSS 2.0 or Atom (whatever `feed-rs` reads).
    Feed,
}

impl Format {
    /// A stable lowercase label, for logs and metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Ninjs => "ninjs",
            Format::Feed => "feed",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What came out of one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    /// The format the document was read as; `None` when it was refused before its format mattered (empty,
    /// too large).
    pub format: Option<Format>,
    /// Articles that parsed and passed [`crate::validate::validate`].
    pub articles: Vec<Article>,
    pub rejected: Vec<Rejection>,
}

impl Parsed {
    fn new(format: Option<Format>) -> Self {
        Self {
            format,
            ..Self::default()
        }
    }

    fn refused(format: Option<Format>, input: &str, reason: RejectReason) -> Self {
        let mut parsed = Self::new(format);
        parsed.reject(input.to_owned(), reason);
        parsed
    }

    fn reject(&mut self, input: String, reason: RejectReason) {
        self.rejected.push(Rejection { input, reason });
    }

    /// Keeps a parsed item if it validates. `input` is only built for a rejection, since most items pass.
    fn push(
        &mut self,
        input: impl FnOnce() -> String,
        item: Result<Article, RejectReason>,
        limits: &Limits,
    ) {
        match item.and_then(|article| crate::validate::validate(&article, limits).map(|()| article))
        {
            Ok(article) => self.articles.push(article),
            Err(reason) => self.reject(input(), reason),
        }
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Guesses a document's format from its first bytes (after a UTF-8 BOM and whitespace).
///
/// Returns [`Format::Json`] for JSON whether it holds articles or ninjs, since that is decided per object
/// when parsing; [`parse_document`] reports [`Format::Ninjs`] once it has seen the objects.
pub fn detect(bytes: &[u8]) -> Format {
    let rest = skip_space(bytes.strip_prefix(BOM).unwrap_or(bytes));
    match rest.first() {
        Some(b'<') => Format::Feed,
        Some(b'{') if looks_like_json_after(rest) => {
            if json::is_lines(rest) {
                Format::JsonLines
            } else {
                Format::Json
            }
        }
        Some(b'[') if looks_like_json_after(rest) => Format::Json,
        _ => Format::Text,
    }
}

fn skip_space(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// Wire text can start with a bracket too ("[UPDATE] ..."), so a leading `{` or `[` counts as JSON only if
/// what follows it could continue a JSON value.
fn looks_like_json_after(rest: &[u8]) -> bool {
    let Some((&open, after)) = rest.split_first() else {
        return false;
    };
    match skip_space(after).first() {
        None => true,
        Some(b'"' | b'}') if open == b'{' => true,
        Some(&b) if open == b'[' => matches!(
            b,
            b'{' | b'[' | b']' | b'"' | b'-' | b't' | b'f' | b'n' | b'0'..=b'9'
        ),
        _ => false,
    }
}

/// Parses one document of any supported format into validated articles and per-item rejections.
///
/// `input_name` names the document in rejections ("feeds/x.jsonl"); items inside it are named
/// "feeds/x.jsonl:17" (JSON Lines, 1-based line) or "feeds/x.xml#item 3" (feed entry or JSON array element,
/// 1-based).
pub fn parse_document(input_name: &str, bytes: &[u8], limits: &Limits) -> Parsed {
    if bytes.len() > limits.max_document_bytes {
        let reason = RejectReason::TooLarge {
            bytes: bytes.len(),
            limit: limits.max_document_bytes,
        };
        return Parsed::refused(None, input_name, reason);
    }
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Parsed::refused(None, input_name, RejectReason::Empty);
    }
    let format = detect(bytes);
    match format {
        // XML may declare another encoding than UTF-8; feed-rs decodes it.
        Format::Feed => return feed::parse(input_name, bytes, limits),
        // Each line is an input of its own, so a bad byte costs its line, not the whole document.
        Format::JsonLines => return json::parse_lines(input_name, body, limits),
        _ => {}
    }
    // A NUL byte never occurs in text; reporting it as binary beats reporting the UTF-8 error it usually
    // comes with.
    if body.contains(&0) {
        return Parsed::refused(Some(format), input_name, RejectReason::Binary);
    }
    let text = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(err) => {
            let offset = err.valid_up_to() + (bytes.len() - body.len());
            return Parsed::refused(Some(format), input_name, RejectReason::NotUtf8 { offset });
        }
    };
    match format {
        Format::Text => {
            let mut parsed = Parsed::new(Some(Format::Text));
            parsed.push(|| input_name.to_owned(), text::parse(text), limits);
            parsed
        }
        Format::Json | Format::JsonLines | Format::Ninjs | Format::Feed => {
            json::parse_document(input_name, text, limits)
        }
    }
}

#[cfg(test)]
mod tests;
