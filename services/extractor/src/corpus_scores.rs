//! Score floors on the gold corpora: a change that makes extraction worse fails the build.
//!
//! `corpus/dev` is the corpus rules are developed against; `corpus/test` is held out (never tuned against),
//! so its floor is the honest one. Each floor is the figure measured when it was last raised, minus a small
//! margin so that a harmless reshuffle of one event does not fail; raise them when extraction improves.

use std::path::Path;

use crate::eval::{load_corpus, score, EvalReport};
use crate::{extract, Lexicon};

struct Floor {
    corpus: &'static str,
    precision: f64,
    recall: f64,
    f1: f64,
}

const FLOORS: &[Floor] = &[
    Floor {
        corpus: "dev",
        // Measured P 0.980 R 0.832 F1 0.900 on 152 articles. It was lowered for articles 059-064,
        // written at the held-out set's weak points, again for 101-140, and again for 149-152, written by
        // helpers who never ran the extractor (they scored 0.36-0.84 before any rule for them).
        precision: 0.97,
        recall: 0.82,
        f1: 0.89,
    },
    Floor {
        corpus: "test",
        // Measured P 0.948 R 0.843 F1 0.892.
        precision: 0.93,
        recall: 0.83,
        f1: 0.88,
    },
];

fn report(corpus: &str) -> EvalReport {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(corpus);
    let pairs: Vec<_> = load_corpus(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|(article, gold)| (gold, extract(&article, Lexicon::builtin())))
        .collect();
    score(&pairs)
}

#[test]
fn extraction_scores_stay_above_their_floors() {
    for floor in FLOORS {
        let r = report(floor.corpus);
        let (p, rc, f1) = (r.overall.precision(), r.overall.recall(), r.overall.f1());
        assert!(
            p >= floor.precision && rc >= floor.recall && f1 >= floor.f1,
            "corpus/{}: P {p:.3} R {rc:.3} F1 {f1:.3} fell below the floor P {} R {} F1 {}\n{r}",
            floor.corpus,
            floor.precision,
            floor.recall,
            floor.f1
        );
    }
}
