//! JSON Schemas of the wire contract, for integrators in other languages. Generated from the Rust types, so
//! they cannot drift: `shared/schemas/*.json` are committed, and a test fails when they are out of date
//! (regenerate with `DATELINE_UPDATE_SCHEMAS=1 cargo test -p dateline-shared schema`).

use crate::{Article, Event, StoryUpdate, Withdrawal};

/// (file name, pretty-printed schema) for every message type dateline publishes.
pub fn schemas() -> Vec<(&'static str, String)> {
    let render =
        |schema: schemars::Schema| serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
    vec![
        (
            "article.schema.json",
            render(schemars::schema_for!(Article)),
        ),
        ("event.schema.json", render(schemars::schema_for!(Event))),
        (
            "withdrawal.schema.json",
            render(schemars::schema_for!(Withdrawal)),
        ),
        (
            "story-update.schema.json",
            render(schemars::schema_for!(StoryUpdate)),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn committed_schemas_match_the_types() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
        let update = std::env::var_os("DATELINE_UPDATE_SCHEMAS").is_some();
        for (name, schema) in super::schemas() {
            let path = dir.join(name);
            if update {
                std::fs::create_dir_all(&dir).expect("creating shared/schemas");
                std::fs::write(&path, &schema).expect("writing schema");
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == schema,
                "{} is out of date: run DATELINE_UPDATE_SCHEMAS=1 cargo test -p dateline-shared schema",
                path.display()
            );
        }
    }

    #[test]
    fn an_event_validates_against_its_shape() {
        let schemas = super::schemas();
        let event = &schemas[1].1;
        for field in [
            "\"kind\"",
            "\"status\"",
            "\"actors\"",
            "\"evidence\"",
            "\"occurred\"",
            "\"speculated\"",
        ] {
            assert!(event.contains(field), "event schema lacks {field}");
        }
    }
}
