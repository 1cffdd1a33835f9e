//! What operators run must be valid: the nats-server configurations pass `nats-server -t`, and the example
//! dateline configuration passes `dateline config check`'s rules.

use std::process::Command;

use dateline_tests::{nats_server_binary, repo_root};

#[test]
fn nats_server_configurations_are_valid() {
    let deploy = repo_root().join("deploy");
    let configs = [
        "nats-server.conf",
        "cluster/n1.conf",
        "cluster/n2.conf",
        "cluster/n3.conf",
    ];
    for config in configs {
        let output = Command::new(nats_server_binary())
            .arg("-t")
            .arg("-c")
            .arg(deploy.join(config))
            .output()
            .expect("running nats-server -t");
        let said = String::from_utf8_lossy(&output.stderr).to_string()
            + &String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && said.contains("is valid"),
            "{config}: {said}"
        );
    }
}

#[test]
fn the_example_configuration_is_valid_and_complete() {
    let path = repo_root().join("deploy/dateline.toml");
    let settings =
        dateline_shared::config::assignments(&path).expect("deploy/dateline.toml is valid");
    for expected in [
        "NATS_URL",
        "DATELINE_PREFIX",
        "DATELINE_REPLICAS",
        "DATELINE_WATCH",
        "DATELINE_MAX_DELIVER",
    ] {
        assert!(
            settings.iter().any(|(env, _)| *env == expected),
            "{expected} not set by the example"
        );
    }
}

#[test]
fn the_example_sources_are_valid_once_uncommented() {
    let path = repo_root().join("deploy/dateline.toml");
    let text = std::fs::read_to_string(&path).expect("reading deploy/dateline.toml");
    let start = text
        .find("# [[ingest.sources]]")
        .expect("the example documents [[ingest.sources]]");
    let (head, sources) = text.split_at(start);
    let uncommented: String = sources
        .lines()
        .take_while(|line| line.starts_with('#'))
        .map(|line| line.trim_start_matches('#').trim_start())
        .map(|line| format!("{line}\n"))
        .collect();
    let text = format!("{head}{uncommented}");
    dateline_shared::config::parse("deploy/dateline.toml", &text).expect("still valid");
    let table: toml::Table = text.parse().expect("valid TOML");
    let listed = dateline_shared::sources::from_table("deploy/dateline.toml", &table)
        .expect("the example sources are valid");
    assert_eq!(listed.len(), 2, "{listed:?}");
}
