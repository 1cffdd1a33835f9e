//! JSON framing: one object, an array of objects, or JSON Lines; each object is then read as a dateline
//! article or as ninjs, whichever its keys say it is.
//!
//! Nesting depth is checked with a cheap byte scan before serde_json sees the input, because serde_json's
//! own guard (128 levels) reports a vague "recursion limit exceeded" and a deep `Value` is costly to build.

use dateline_shared::Article;
use serde_json::Value;

use super::{ninjs, wire_json, Format, Limits, Parsed, RejectReason};

/// True when `rest` (starting at its first non-blank byte) opens with a complete JSON object on its first
/// line and has more non-blank lines after it: a pretty-printed single object never does.
pub(crate) fn is_lines(rest: &[u8]) -> bool {
    let (first, tail) = match rest.iter().position(|&b| b == b'\n') {
        Some(end) => rest.split_at(end),
        None => return false,
    };
    first.first() == Some(&b'{')
        && !tail.iter().all(u8::is_ascii_whitespace)
        && serde_json::from_slice::<serde::de::IgnoredAny>(first).is_ok()
}

/// A whole-document JSON object or array.
pub(crate) fn parse_document(input_name: &str, text: &str, limits: &Limits) -> Parsed {
    let refuse = |reason| Parsed::refused(Some(Format::Json), input_name, reason);
    if let Err(reason) = check_depth(text, limits.max_json_depth) {
        return refuse(reason);
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => return refuse(RejectReason::MalformedJson(describe(&err, true))),
    };
    let mut parsed = Parsed::new(Some(Format::Json));
    let mut all_ninjs = true;
    match value {
        Value::Array(items) if items.is_empty() => return refuse(RejectReason::EmptyArray),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let (article, is_ninjs) = read_object(item);
                all_ninjs &= is_ninjs;
                parsed.push(
                    || format!("{input_name}#item {}", index + 1),
                    article,
                    limits,
                );
            }
        }
        other => {
            let (article, is_ninjs) = read_object(&other);
            all_ninjs = is_ninjs;
            parsed.push(|| input_name.to_owned(), article, limits);
        }
    }
    if all_ninjs {
        parsed.format = Some(Format::Ninjs);
    }
    parsed
}

/// JSON Lines: every non-blank line is one object, rejected alone (as "name:LINE") if it is bad, down to its
/// encoding: a NUL byte or invalid UTF-8 in one line leaves the others standing.
pub(crate) fn parse_lines(input_name: &str, bytes: &[u8], limits: &Limits) -> Parsed {
    let mut parsed = Parsed::new(Some(Format::JsonLines));
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let name = || format!("{input_name}:{}", index + 1);
        let article = read_line(line, limits);
        parsed.push(name, article, limits);
    }
    parsed
}

fn read_line(line: &[u8], limits: &Limits) -> Result<Article, RejectReason> {
    if line.len() > limits.max_line_bytes {
        return Err(RejectReason::LineTooLong {
            bytes: line.len(),
            limit: limits.max_line_bytes,
        });
    }
    if line.contains(&0) {
        return Err(RejectReason::Binary);
    }
    let line = std::str::from_utf8(line).map_err(|err| RejectReason::NotUtf8 {
        offset: err.valid_up_to(),
    })?;
    check_depth(line, limits.max_json_depth)?;
    let value: Value = serde_json::from_str(line)
        .map_err(|err| RejectReason::MalformedJson(describe(&err, false)))?;
    read_object(&value).0
}

/// Reads one item as article or ninjs; the flag says whether it was ninjs.
fn read_object(value: &Value) -> (Result<Article, RejectReason>, bool) {
    match value {
        Value::Object(obj) if ninjs::is_ninjs(obj) => (ninjs::article(obj), true),
        Value::Object(obj) if obj.contains_key("body") => (wire_json::article(obj), false),
        _ => (Err(RejectReason::UnknownShape), false),
    }
}

/// Refuses input whose arrays and objects nest deeper than `limit`, skipping brackets inside strings.
pub(crate) fn check_depth(text: &str, limit: usize) -> Result<(), RejectReason> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in text.as_bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > limit {
                    return Err(RejectReason::TooDeep { limit });
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// serde_json's message with the position first: "at line 3, column 12: expected `,` or `}`". Within a
/// JSON Lines line the line is already in the input name, so only the column is given.
fn describe(err: &serde_json::Error, with_line: bool) -> String {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    match (err.line(), with_line) {
        (0, _) => message.to_owned(),
        (line, true) => format!("at line {line}, column {}: {message}", err.column()),
        (_, false) => format!("at column {}: {message}", err.column()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_ignores_brackets_in_strings() {
        assert_eq!(
            check_depth(r#"{"body": "[[[[[[[[{{{{{{ \"[[[["}"#, 2),
            Ok(())
        );
        assert_eq!(
            check_depth("[[[1]]]", 2),
            Err(RejectReason::TooDeep { limit: 2 })
        );
        assert_eq!(check_depth("[[[1]]]", 3), Ok(()));
    }

    #[test]
    fn errors_put_the_position_first() {
        let err = serde_json::from_str::<Value>("{\"body\": \"x\"\n \"id\": 1}").unwrap_err();
        assert_eq!(
            describe(&err, true),
            "at line 2, column 2: expected `,` or `}`"
        );
        assert_eq!(describe(&err, false), "at column 2: expected `,` or `}`");
    }

    #[test]
    fn lines_need_a_complete_first_object_and_more() {
        assert!(is_lines(b"{\"body\":\"a\"}\n{\"body\":\"b\"}\n"));
        assert!(!is_lines(b"{\"body\":\"a\"}\n\n  \n"));
        assert!(!is_lines(b"{\n \"body\": \"a\"\n}\n"));
        assert!(!is_lines(b"{\"body\":\"a\"}"));
    }
}
