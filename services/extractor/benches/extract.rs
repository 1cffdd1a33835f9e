//! Extraction speed over realistic copy: the gold corpora and samples (written in wire style) plus synthetic
//! wire copy, reported as bytes/s and articles/s on one core, for the whole of `extract` and for each stage
//! on its own (segmentation, lexicon and entity lookup, trigger frames, time normalisation), so that a
//! regression shows where it happened. Run: `cargo bench -p dateline-extractor`.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dateline_extractor::doc::Doc;
use dateline_extractor::{entities, extract, extraction_text, frames, segment, time, Lexicon};
use dateline_ingest::formats::{parse_document, Limits};
use dateline_shared::Article;

// The allocator the extractor service runs with (src/main.rs), so the figures are the service's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn written_corpus() -> Vec<Article> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut articles = Vec::new();
    for dir in ["corpus/dev/articles", "corpus/test/articles", "samples"] {
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

/// Each stage over the written corpus. Later stages need the earlier ones' output, which is prepared
/// outside the timed loop, so each figure is that stage's own cost.
fn bench_stages(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let written = written_corpus();
    let texts: Vec<String> = written
        .iter()
        .map(|a| extraction_text(a).into_owned())
        .collect();
    let published: Vec<_> = written.iter().map(Article::published_date).collect();
    let docs: Vec<Doc<'_>> = texts.iter().map(|t| Doc::new(t, lexicon)).collect();
    let ents: Vec<_> = docs.iter().map(entities::find).collect();

    let mut group = c.benchmark_group("stage");
    group.throughput(Throughput::Bytes(text_bytes(&written)));
    group.bench_function("segmentation", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    let toks = segment::tokenize(t);
                    segment::sentences(t, &toks).len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("lexicon_and_entity_lookup", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| entities::find(&Doc::new(t, lexicon)).mentions.len())
                .sum::<usize>()
        })
    });
    group.bench_function("triggers", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&ents)
                .zip(&published)
                .map(|((d, e), p)| frames::candidates(d, e, *p).len())
                .sum::<usize>()
        })
    });
    group.bench_function("time_normalisation", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&published)
                .map(|(d, p)| {
                    d.sents
                        .iter()
                        .flat_map(|s| time::find(d, s.content, s.toks.end))
                        .filter_map(|x| time::resolve(x.when, *p, false))
                        .count()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_extract, bench_stages);
criterion_main!(benches);
