//! dateline's own JSON article shape: `{"id"?, "outlet"?, "headline"?, "published_at"?, "body", "url"?,
//! "version"?, "pubstatus"?}` (also `byline`, `dateline` when a source has them). Unknown fields are ignored
//! so producers can send more than we read.

use dateline_shared::ids::stable_id;
use dateline_shared::Article;

use super::fields::{opt_date, opt_id, opt_str, opt_text, pubstatus, version, Object};
use super::RejectReason;

/// Maps one JSON article object. A missing `id` is derived from the content, so a re-sent copy gets the
/// same id and is dropped as a duplicate downstream.
pub(crate) fn article(obj: &Object) -> Result<Article, RejectReason> {
    let body = opt_text(obj, "body")?.unwrap_or_default();
    let outlet = opt_str(obj, "outlet")?;
    let headline = opt_str(obj, "headline")?;
    let published = opt_date(obj, "published_at")?;
    let id = match opt_id(obj, "id")? {
        Some(id) => id,
        None => stable_id(
            "art-",
            &[
                outlet.as_deref().unwrap_or_default(),
                headline.as_deref().unwrap_or_default(),
                &body,
            ],
        ),
    };
    Ok(Article {
        id,
        version: version(obj),
        outlet,
        headline,
        published_at: published.map(|(at, _)| at),
        published_date_only: published.is_some_and(|(_, date_only)| date_only),
        dateline: opt_str(obj, "dateline")?,
        byline: opt_str(obj, "byline")?,
        url: opt_str(obj, "url")?,
        pubstatus: pubstatus(obj),
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_shared::PubStatus;
    use serde_json::{json, Value};

    fn map(value: Value) -> Object {
        match value {
            Value::Object(map) => map,
            _ => Object::new(),
        }
    }

    #[test]
    fn maps_every_field() {
        let a = article(&map(json!({
            "id": "afp-2024-0611-0042",
            "version": "2",
            "outlet": "AFP",
            "headline": "Lula lands in Rome for FAO talks",
            "published_at": "2024-06-11T09:15:00+02:00",
            "byline": "Marta Ribeiro",
            "dateline": "ROME",
            "url": "https://example.org/afp/0042",
            "pubstatus": "usable",
            "body": "Brazilian President Luiz Inacio Lula da Silva arrived in Rome on Tuesday.",
            "wordcount": 12
        })))
        .unwrap();
        assert_eq!(a.id, "afp-2024-0611-0042");
        assert_eq!(a.version, 2);
        assert_eq!(a.outlet.as_deref(), Some("AFP"));
        assert_eq!(
            a.headline.as_deref(),
            Some("Lula lands in Rome for FAO talks")
        );
        assert_eq!(
            a.published_at.unwrap().to_rfc3339(),
            "2024-06-11T09:15:00+02:00"
        );
        assert!(!a.published_date_only);
        assert_eq!(a.byline.as_deref(), Some("Marta Ribeiro"));
        assert_eq!(a.dateline.as_deref(), Some("ROME"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/afp/0042"));
        assert_eq!(a.pubstatus, PubStatus::Usable);
    }

    #[test]
    fn a_missing_id_is_a_content_hash() {
        let obj = map(json!({
            "outlet": "Kyodo",
            "headline": "Japan, Philippines sign troop access pact",
            "published_at": "2024-07-08",
            "body": "Japan and the Philippines signed a defence pact in Manila on Monday."
        }));
        let a = article(&obj).unwrap();
        let want = stable_id(
            "art-",
            &[
                "Kyodo",
                "Japan, Philippines sign troop access pact",
                "Japan and the Philippines signed a defence pact in Manila on Monday.",
            ],
        );
        assert_eq!(a.id, want);
        assert_eq!(article(&obj).unwrap().id, a.id);
        assert!(a.published_date_only);
        assert_eq!(
            a.published_at.unwrap().to_rfc3339(),
            "2024-07-08T00:00:00+00:00"
        );
        assert_eq!(a.version, 1);
    }

    #[test]
    fn wrong_types_and_unreadable_dates_are_refused() {
        let err = article(&map(json!({ "body": ["not", "text"] }))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "field `body` should be a string, found an array"
        );
        let err = article(&map(
            json!({ "body": "Text.", "published_at": "June 11th" }),
        ))
        .unwrap_err();
        assert_eq!(err.code(), "bad_date");
    }
}
