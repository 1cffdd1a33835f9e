//! `dateline config check FILE`: validate a configuration file and show what it sets.

use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand, Debug)]
enum Action {
    /// Check a file: unknown sections or keys, values of the wrong type and unusable `[[ingest.sources]]` are
    /// errors.
    Check { file: PathBuf },
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let Action::Check { file } = args.action;
    let assignments = dateline_shared::config::assignments(&file)?;
    for (env, value) in &assignments {
        let shown = if env.contains("PASSWORD") || env.contains("TOKEN") {
            "<redacted>"
        } else {
            value.as_str()
        };
        println!("{env}={shown}");
    }
    let sources = dateline_shared::sources::load(&file)?;
    for source in &sources {
        println!("source: {source}");
    }
    println!(
        "{}: ok ({} settings, {} sources)",
        file.display(),
        assignments.len(),
        sources.len()
    );
    Ok(())
}
