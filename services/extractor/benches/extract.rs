//! Extraction speed over realistic copy: the development corpus and samples (written in wire style) plus
//! synthetic wire copy, reported as bytes/s and articles/s on one core. Run: `cargo bench -p dateline-extractor`.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dateline_extractor::{extract, Lexicon};
use dateline_ingest::formats::{parse_document, Limits};
use dateline_shared::Article;

fn written_corpus() -> Vec<Article> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut articles = Vec::new();
    for dir in ["corpus/dev/articles", "samples"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e != "md"))
        {
            if let Ok(bytes) = std::fs::read(path) {
                articles.extend(
                    parse_document(&path.display().to_string(), &bytes, &Limits::default())
                        .articles,
                );
            }
        }
    }
    articles
}

fn text_bytes(articles: &[Article]) -> u64 {
    articles.iter().map(|a| a.full_text_len() as u64).sum()
}

fn bench_extract(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let written = written_corpus();
    let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap_or_default();
    let synthetic = dateline_ingest::synthetic::articles(3, 2_000, 400, start);

    let mut group = c.benchmark_group("extract");
    for (name, articles) in [("written_corpus", &written), ("synthetic", &synthetic)] {
        group.throughput(Throughput::Bytes(text_bytes(articles)));
        group.bench_function(format!("{name}/bytes"), |b| {
            b.iter(|| {
                articles
                    .iter()
                    .map(|a| extract(a, lexicon).len())
                    .sum::<usize>()
            })
        });
        group.throughput(Throughput::Elements(articles.len() as u64));
        group.bench_function(format!("{name}/articles"), |b| {
            b.iter(|| {
                articles
                    .iter()
                    .map(|a| extract(a, lexicon).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_extract);
criterion_main!(benches);
