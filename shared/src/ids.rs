//! Deterministic identifiers and subject tokens.
//!
//! Ids are content hashes, never counters or clocks, so that reprocessing the same input anywhere yields the
//! same ids and JetStream's duplicate window (`Nats-Msg-Id`) can drop the repeat.

/// A short, stable id: `prefix` + the first 16 hex digits of the BLAKE3 hash of the parts.
pub fn stable_id(prefix: &str, parts: &[&str]) -> String {
    let hex = hash_parts(parts).to_hex();
    format!("{prefix}{}", &hex[..16])
}

/// The BLAKE3 hash of a sequence of strings, each length-prefixed so that ("ab", "c") and ("a", "bc") differ.
pub fn hash_parts(parts: &[&str]) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize()
}

/// Longest article id accepted: ids travel in the `Nats-Msg-Id` and `Dateline-Article` headers and in logs.
pub const MAX_ID_BYTES: usize = 512;

/// Whether `id` can serve as an article id: not blank, at most [`MAX_ID_BYTES`], and free of control
/// characters (a line break in a NATS header value would end the header, and async-nats panics on one).
/// Ingest refuses such articles; the extractor dead-letters any that reach it another way.
pub fn is_usable_id(id: &str) -> bool {
    !id.trim().is_empty() && id.len() <= MAX_ID_BYTES && !id.chars().any(char::is_control)
}

/// A NATS subject token made from free text: lowercase ASCII letters, digits, `_` and `-` only, never empty.
///
/// "The Straits Times" becomes `the_straits_times`; text with nothing usable becomes `unknown`. Letters
/// outside ASCII are transliterated first, so that "Luiz Inácio" and "Luiz Inacio" are one token and
/// "Erdoğan" keeps its letters (`deunicode`).
pub fn subject_token(text: &str) -> String {
    let ascii;
    let text = if text.is_ascii() {
        text
    } else {
        ascii = deunicode::deunicode(text);
        ascii.as_str()
    };
    let mut token = String::with_capacity(text.len());
    let mut last_was_sep = true;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            token.push(c.to_ascii_lowercase());
            last_was_sep = false;
        } else if !last_was_sep {
            token.push('_');
            last_was_sep = true;
        }
    }
    while token.ends_with('_') {
        token.pop();
    }
    token.truncate(64);
    if token.is_empty() {
        "unknown".to_owned()
    } else {
        token
    }
}

/// A slug id for an entity name: "Kim Jong Un" → `kim-jong-un`.
pub fn slug(text: &str) -> String {
    subject_token(text).replace('_', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_ids_depend_on_every_part_and_their_boundaries() {
        let a = stable_id("ev-", &["ab", "c"]);
        assert_eq!(a, stable_id("ev-", &["ab", "c"]));
        assert_ne!(a, stable_id("ev-", &["a", "bc"]));
        assert!(a.starts_with("ev-") && a.len() == 19);
    }

    #[test]
    fn subject_tokens_are_safe() {
        assert_eq!(subject_token("The Straits Times"), "the_straits_times");
        assert_eq!(subject_token("AFP."), "afp");
        assert_eq!(subject_token("a.b>c*d"), "a_b_c_d");
        assert_eq!(subject_token("  "), "unknown");
        assert_eq!(subject_token("Ünïcode"), "unicode");
        assert_eq!(subject_token("日本"), "ri_ben");
        assert_eq!(slug("Kim Jong-un"), "kim-jong-un");
        // Accents fold, so an outlet's spelling and the plain one are one entity.
        assert_eq!(
            slug("Luiz Inácio Lula da Silva"),
            "luiz-inacio-lula-da-silva"
        );
        assert_eq!(slug("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
    }
}
