//! Typed access to the fields of a JSON object, shared by the JSON article and ninjs readers.
//!
//! Wire JSON is loose: `null` and `""` both mean "absent", versions come as numbers or strings. These helpers
//! accept that looseness but refuse a wrong type outright, naming the field, rather than guessing.

use serde_json::{Map, Value};

use super::dates::{parse_published, Published};
use super::RejectReason;
use dateline_shared::PubStatus;

pub(crate) type Object = Map<String, Value>;

/// A JSON type in words, for error messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A string field, trimmed; absent, `null` and blank are `None`.
pub(crate) fn opt_str(obj: &Object, field: &'static str) -> Result<Option<String>, RejectReason> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(non_blank(s)),
        Some(other) => Err(wrong_type(field, "a string", other)),
    }
}

/// Like [`opt_str`] but keeps inner layout (paragraph breaks) and does not trim, for body text.
pub(crate) fn opt_text(obj: &Object, field: &'static str) -> Result<Option<String>, RejectReason> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(wrong_type(field, "a string", other)),
    }
}

/// An identifier: ids are strings, but some systems send numbers.
pub(crate) fn opt_id(obj: &Object, field: &'static str) -> Result<Option<String>, RejectReason> {
    match obj.get(field) {
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        _ => opt_str(obj, field),
    }
}

/// A name given either as a string or as an object with a `name` (ninjs 2.x style).
pub(crate) fn opt_name(obj: &Object, field: &'static str) -> Option<String> {
    match obj.get(field)? {
        Value::String(s) => non_blank(s),
        Value::Object(inner) => inner
            .get("name")
            .and_then(Value::as_str)
            .and_then(non_blank),
        _ => None,
    }
}

/// The article version: a positive integer as number or string. Anything else counts as the first version,
/// as ninjs producers disagree on its type and a bad version is no reason to lose the article.
pub(crate) fn version(obj: &Object) -> u32 {
    let parsed = match obj.get("version") {
        Some(Value::Number(n)) => n.as_u64().and_then(|v| u32::try_from(v).ok()),
        Some(Value::String(s)) => s.trim().parse::<u32>().ok(),
        _ => None,
    };
    parsed.filter(|&v| v > 0).unwrap_or(1)
}

/// A publication date field; present but unreadable is an error, not `None`.
pub(crate) fn opt_date(
    obj: &Object,
    field: &'static str,
) -> Result<Option<Published>, RejectReason> {
    let Some(text) = opt_str(obj, field)? else {
        return Ok(None);
    };
    parse_published(&text)
        .map(Some)
        .ok_or(RejectReason::BadDate { field, text })
}

/// IPTC `pubstatus`: "withdrawn" and "canceled" (any spelling) retract the article; anything else stands.
pub(crate) fn pubstatus(obj: &Object) -> PubStatus {
    let status = obj
        .get("pubstatus")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let status = status.rsplit(':').next().unwrap_or_default();
    if matches!(status, "withdrawn" | "canceled" | "cancelled") {
        PubStatus::Withdrawn
    } else {
        PubStatus::Usable
    }
}

fn non_blank(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

fn wrong_type(field: &'static str, expected: &'static str, found: &Value) -> RejectReason {
    RejectReason::BadField {
        field,
        expected,
        found: kind(found).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(value: Value) -> Object {
        match value {
            Value::Object(map) => map,
            _ => Object::new(),
        }
    }

    #[test]
    fn versions_are_lenient() {
        for (value, want) in [
            (json!(3), 3),
            (json!("7"), 7),
            (json!("v2"), 1),
            (json!(0), 1),
            (json!(-4), 1),
        ] {
            assert_eq!(version(&obj(json!({ "version": value }))), want);
        }
        assert_eq!(version(&Object::new()), 1);
    }

    #[test]
    fn blank_and_null_strings_are_absent_but_wrong_types_are_named() {
        let o = obj(json!({ "a": " ", "b": null, "c": 12, "d": " Kyodo " }));
        assert_eq!(opt_str(&o, "a"), Ok(None));
        assert_eq!(opt_str(&o, "b"), Ok(None));
        assert_eq!(opt_str(&o, "d"), Ok(Some("Kyodo".into())));
        let err = opt_str(&o, "c").unwrap_err();
        assert_eq!(
            err.to_string(),
            "field `c` should be a string, found a number"
        );
        assert_eq!(opt_id(&o, "c"), Ok(Some("12".into())));
    }

    #[test]
    fn unreadable_dates_are_errors() {
        let o = obj(json!({ "published_at": "last Tuesday" }));
        assert_eq!(
            opt_date(&o, "published_at"),
            Err(RejectReason::BadDate {
                field: "published_at",
                text: "last Tuesday".into()
            })
        );
    }

    #[test]
    fn withdrawal_statuses() {
        for (status, want) in [
            ("withdrawn", PubStatus::Withdrawn),
            ("Canceled", PubStatus::Withdrawn),
            ("stat:canceled", PubStatus::Withdrawn),
            ("usable", PubStatus::Usable),
            ("embargoed", PubStatus::Usable),
        ] {
            assert_eq!(
                pubstatus(&obj(json!({ "pubstatus": status }))),
                want,
                "{status}"
            );
        }
    }

    #[test]
    fn names_come_as_strings_or_objects() {
        let o = obj(json!({ "a": "AFP", "b": { "name": "Kyodo News" }, "c": [1] }));
        assert_eq!(opt_name(&o, "a").as_deref(), Some("AFP"));
        assert_eq!(opt_name(&o, "b").as_deref(), Some("Kyodo News"));
        assert_eq!(opt_name(&o, "c"), None);
    }
}
