//! IPTC ninjs (News in JSON), versions 1.x and 2.x, mapped onto [`Article`].
//!
//! The two versions name the same things differently (`headline` vs `headlines[]`, `body_text` vs
//! `bodies[]`, `byline` vs `by`), so each field is looked up in the 1.x place first, then the 2.x one.

use dateline_shared::ids::stable_id;
use dateline_shared::{Article, PubStatus};
use serde_json::Value;

use super::fields::{opt_date, opt_id, opt_name, opt_str, opt_text, pubstatus, version, Object};
use super::{html, RejectReason};

/// Keys only ninjs has; one of them marks an object as ninjs rather than a dateline JSON article.
const MARKERS: [&str; 6] = [
    "uri",
    "versioncreated",
    "body_text",
    "body_html",
    "headlines",
    "bodies",
];

/// Whether `obj` is ninjs. An object with a plain `body` is a dateline article even if it also carries a
/// `uri` or `versioncreated` among its extra fields, since ninjs has no `body`.
pub(crate) fn is_ninjs(obj: &Object) -> bool {
    let has_ninjs_body = ["body_text", "body_html", "bodies"]
        .iter()
        .any(|k| obj.contains_key(*k));
    (has_ninjs_body || !obj.contains_key("body")) && MARKERS.iter().any(|k| obj.contains_key(*k))
}

pub(crate) fn article(obj: &Object) -> Result<Article, RejectReason> {
    let headline = match opt_str(obj, "headline")? {
        Some(headline) => Some(headline),
        None => pick(obj, "headlines").and_then(|h| str_of(h, "value")),
    };
    let body = body(obj)?;
    let outlet = opt_name(obj, "copyrightholder")
        .or_else(|| opt_name(obj, "provider"))
        .or_else(|| first_name(obj, "infosource"))
        .or_else(|| first_name(obj, "infosources"));
    let published = match opt_date(obj, "versioncreated")? {
        Some(at) => Some(at),
        None => opt_date(obj, "firstcreated")?,
    };
    let id = match opt_id(obj, "uri")? {
        Some(id) => id,
        None => match opt_id(obj, "guid")? {
            Some(id) => id,
            None => stable_id(
                "art-",
                &[
                    outlet.as_deref().unwrap_or_default(),
                    headline.as_deref().unwrap_or_default(),
                    &body,
                ],
            ),
        },
    };
    let status = pubstatus(obj);
    Ok(Article {
        id,
        version: version(obj),
        outlet,
        headline,
        published_at: published.map(|(at, _)| at),
        published_date_only: published.is_some_and(|(_, date_only)| date_only),
        dateline: opt_str(obj, "located")?,
        byline: match opt_str(obj, "byline")? {
            Some(by) => Some(by),
            None => opt_str(obj, "by")?,
        },
        url: None,
        pubstatus: status,
        body: if status == PubStatus::Withdrawn && body.trim().is_empty() {
            String::new()
        } else {
            body
        },
    })
}

/// The body text: `body_text`, else `body_html` as text, else the best of the 2.x `bodies[]`.
fn body(obj: &Object) -> Result<String, RejectReason> {
    if let Some(text) = opt_text(obj, "body_text")?.filter(|t| !t.trim().is_empty()) {
        return Ok(text);
    }
    if let Some(markup) = opt_text(obj, "body_html")?.filter(|t| !t.trim().is_empty()) {
        return Ok(html::to_text(&markup).unwrap_or_default());
    }
    let Some(Value::Array(bodies)) = obj.get("bodies") else {
        return Ok(String::new());
    };
    let content_type = |b: &&Value| {
        str_of(b, "contenttype")
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    let is_main = |b: &&Value| str_of(b, "role").is_none_or(|r| r.eq_ignore_ascii_case("main"));
    let plain = bodies
        .iter()
        .filter(is_main)
        .find(|b| content_type(b) == "text/plain");
    if let Some(text) = plain.and_then(|b| str_of(b, "value")) {
        return Ok(text);
    }
    let markup = bodies
        .iter()
        .filter(is_main)
        .find(|b| content_type(b).contains("html"));
    if let Some(markup) = markup.and_then(|b| str_of(b, "value")) {
        return Ok(html::to_text(&markup).unwrap_or_default());
    }
    Ok(bodies
        .iter()
        .find_map(|b| str_of(b, "value"))
        .unwrap_or_default())
}

/// From a 2.x list (`headlines`, ...) the entry with role "main", else the first.
fn pick<'a>(obj: &'a Object, field: &str) -> Option<&'a Value> {
    let items = obj.get(field)?.as_array()?;
    items
        .iter()
        .find(|item| str_of(item, "role").is_some_and(|r| r.eq_ignore_ascii_case("main")))
        .or(items.first())
}

fn first_name(obj: &Object, field: &str) -> Option<String> {
    match obj.get(field)? {
        Value::Array(items) => items.iter().find_map(|item| str_of(item, "name")),
        item @ Value::Object(_) => str_of(item, "name"),
        _ => None,
    }
}

fn str_of(value: &Value, key: &str) -> Option<String> {
    let text = value.get(key)?.as_str()?.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Object {
        match value {
            Value::Object(map) => map,
            _ => Object::new(),
        }
    }

    #[test]
    fn maps_ninjs_1() {
        let obj = map(json!({
            "uri": "urn:newsml:example.org:20240502:ap-0317",
            "type": "text",
            "version": "3",
            "versioncreated": "2024-05-02T06:40:00Z",
            "firstcreated": "2024-05-01T22:10:00Z",
            "pubstatus": "usable",
            "headline": "Modi opens new terminal at Varanasi airport",
            "byline": "Ravi Menon",
            "located": "VARANASI",
            "copyrightholder": "The Associated Press",
            "body_html": "<p>Prime Minister Narendra Modi opened a new airport terminal in Varanasi on Thursday.</p>"
        }));
        assert!(is_ninjs(&obj));
        let a = article(&obj).unwrap();
        assert_eq!(a.id, "urn:newsml:example.org:20240502:ap-0317");
        assert_eq!(a.version, 3);
        assert_eq!(
            a.published_at.unwrap().to_rfc3339(),
            "2024-05-02T06:40:00+00:00"
        );
        assert_eq!(
            a.headline.as_deref(),
            Some("Modi opens new terminal at Varanasi airport")
        );
        assert_eq!(a.byline.as_deref(), Some("Ravi Menon"));
        assert_eq!(a.dateline.as_deref(), Some("VARANASI"));
        assert_eq!(a.outlet.as_deref(), Some("The Associated Press"));
        assert_eq!(
            a.body,
            "Prime Minister Narendra Modi opened a new airport terminal in Varanasi on Thursday."
        );
    }

    #[test]
    fn maps_ninjs_2() {
        let obj = map(json!({
            "guid": "tag:example.net,2024:efe-5521",
            "version": 2,
            "firstcreated": "2024-03-18T11:00:00-03:00",
            "headlines": [
                { "role": "short", "value": "Milei in Madrid" },
                { "role": "main", "value": "Milei arrives in Madrid for business forum" }
            ],
            "bodies": [
                { "role": "main", "contenttype": "text/html", "value": "<p>ignored when plain text exists</p>" },
                { "role": "main", "contenttype": "text/plain", "value": "Argentine President Javier Milei arrived in Madrid." }
            ],
            "by": "Lucia Ferrer",
            "infosources": [{ "name": "EFE", "role": "originfo" }]
        }));
        assert!(is_ninjs(&obj));
        let a = article(&obj).unwrap();
        assert_eq!(a.id, "tag:example.net,2024:efe-5521");
        assert_eq!(a.version, 2);
        assert_eq!(
            a.published_at.unwrap().to_rfc3339(),
            "2024-03-18T11:00:00-03:00"
        );
        assert_eq!(
            a.headline.as_deref(),
            Some("Milei arrives in Madrid for business forum")
        );
        assert_eq!(
            a.body,
            "Argentine President Javier Milei arrived in Madrid."
        );
        assert_eq!(a.byline.as_deref(), Some("Lucia Ferrer"));
        assert_eq!(a.outlet.as_deref(), Some("EFE"));
    }

    #[test]
    fn a_withdrawal_may_have_no_body() {
        let obj = map(json!({
            "uri": "urn:example:wire:991",
            "version": 4,
            "pubstatus": "canceled",
            "headline": "KILL: Ottawa wildfire story"
        }));
        let a = article(&obj).unwrap();
        assert_eq!(a.pubstatus, PubStatus::Withdrawn);
        assert_eq!(a.body, "");
        assert_eq!(a.version, 4);
    }

    #[test]
    fn shape_is_decided_by_keys() {
        assert!(is_ninjs(&map(
            json!({ "versioncreated": "2024-01-01T00:00:00Z", "body_text": "x" })
        )));
        assert!(!is_ninjs(&map(
            json!({ "uri": "x", "body": "A dateline article with an extra uri." })
        )));
        assert!(!is_ninjs(&map(json!({ "title": "Neither" }))));
    }
}
