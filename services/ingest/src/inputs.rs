//! Reading article inputs named on a command line: files, folders (every file below, in name order) and `-`
//! for standard input. Each document is parsed with format detection; bad items are reported, never fatal.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::formats::{parse_document, Limits, Parsed};

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("reading {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Fetch(#[from] crate::fetch::FetchError),
}

/// Expands folders into the files below them, in name order; `-` stays as is.
pub fn expand(inputs: &[String]) -> Result<Vec<String>, InputError> {
    let mut out = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        if input != "-" && !crate::fetch::is_url(input) && path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files).map_err(|source| InputError::Read {
                path: input.clone(),
                source,
            })?;
            files.sort();
            out.extend(files.into_iter().map(|f| f.display().to_string()));
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.ends_with(".md") || name.ends_with(".reason") {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&entry.path(), files)?;
        } else if kind.is_file() {
            files.push(entry.path());
        }
    }
    Ok(())
}

/// Reads one input (a file path or `-`) into memory, refusing anything over the document limit.
pub fn read_input(input: &str, limits: &Limits) -> Result<Vec<u8>, InputError> {
    let error = |source| InputError::Read {
        path: input.to_owned(),
        source,
    };
    let mut bytes = Vec::new();
    let cap = limits.max_document_bytes as u64 + 1;
    if input == "-" {
        std::io::stdin()
            .lock()
            .take(cap)
            .read_to_end(&mut bytes)
            .map_err(error)?;
    } else {
        std::fs::File::open(input)
            .and_then(|f| f.take(cap).read_to_end(&mut bytes))
            .map_err(error)?;
    }
    Ok(bytes)
}

/// Reads one input, fetching it when it is an http(s) URL.
pub async fn load(
    input: &str,
    client: &reqwest::Client,
    limits: &Limits,
) -> Result<Vec<u8>, InputError> {
    if crate::fetch::is_url(input) {
        match crate::fetch::fetch(client, input, &Default::default(), limits).await? {
            crate::fetch::Fetched::Body { bytes, .. } => Ok(bytes),
            crate::fetch::Fetched::NotModified => Ok(Vec::new()),
        }
    } else {
        read_input(input, limits)
    }
}

/// Reads (or fetches) and parses every input; a document over the size limit is rejected by the parser.
pub async fn parse_inputs(inputs: &[String], limits: &Limits) -> Result<Parsed, InputError> {
    let client = crate::fetch::client()?;
    let mut all = Parsed {
        format: None,
        articles: Vec::new(),
        rejected: Vec::new(),
    };
    for input in expand(inputs)? {
        let bytes = load(&input, &client, limits).await?;
        let name = if input == "-" {
            "stdin".to_owned()
        } else {
            input
        };
        let parsed = parse_document(&name, &bytes, limits);
        all.articles.extend(parsed.articles);
        all.rejected.extend(parsed.rejected);
    }
    Ok(all)
}
