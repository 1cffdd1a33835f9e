//! `dateline replay` over the bundled samples, as the README's demo promises them: the three developing
//! stories the articles were written as, none split, none merged. Extraction rules that pass the gold
//! corpora can still split a story told across outlets; this is where that shows.

use std::process::Command;

#[test]
fn the_samples_make_the_three_stories_they_tell() -> anyhow::Result<()> {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");
    let output = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["replay", samples])
        .output()?;
    anyhow::ensure!(
        output.status.success(),
        "replay failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let replayed: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    let mut titles: Vec<&str> = replayed["stories"]
        .as_array()
        .map(|stories| stories.iter().filter_map(|s| s["title"].as_str()).collect())
        .unwrap_or_default();
    titles.sort_unstable();
    assert_eq!(
        titles,
        [
            "Hakan Fidan meets Abdel Fattah el-Sisi at Ittihadiya",
            "North Korea launches 3 ballistic missiles",
            "Shigeru Ishiba and Anthony Albanese reach agreement at Kirribilli House",
        ]
    );
    Ok(())
}
