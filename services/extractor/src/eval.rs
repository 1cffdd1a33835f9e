//! Scoring extraction against gold annotations: the numbers behind `dateline eval corpus/dev`.
//!
//! A gold corpus is a folder with `articles/` (dateline's JSON article shape) and `gold/` (one
//! [`GoldArticle`] per article, paired by file stem); `corpus/dev/README.md` gives the annotation
//! guidelines. [`load_corpus`] reads and checks it; [`score`] compares what extraction produced with the
//! gold, article by article, and returns an [`EvalReport`]: precision, recall and F1 per event kind, the
//! accuracy of each field over the events both sides found, and every miss, false positive and field
//! mismatch so that a regression can be traced to a sentence.
//!
//! Everything here is pure (no NATS, no extraction): the CLI runs `extract` and hands the events over, so the
//! same scorer works for any extractor, and its own tests need no lexicon.
//!
//! Matching is deliberately forgiving about *how* a happening is described and strict about *what* it is:
//! an extracted event counts as found when it has the gold event's kind and shares at least one actor with
//! it; whether its place, date, status and so on agree is then reported field by field rather than turning
//! a nearly-right event into both a miss and a false positive.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use dateline_shared::{Article, Event, PartialDate, PubStatus, Status};
use serde::{Deserialize, Serialize};

/// The event kinds gold annotations may use (the lexicon's kinds that the dev corpus covers).
pub const KNOWN_KINDS: &[&str] = &[
    "arrival",
    "departure",
    "meeting",
    "missile_launch",
    "agreement",
    "attack",
];

/// How many errors the [`fmt::Display`] table shows; the report itself keeps all of them.
pub const ERRORS_SHOWN: usize = 40;

/// One happening as a careful reader lists it from one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldEvent {
    /// One of [`KNOWN_KINDS`].
    pub kind: String,
    pub status: Status,
    /// Slug ids (`dateline_shared::ids::slug` of the canonical full name): people, countries, organisations.
    #[serde(default)]
    pub actors: Vec<String>,
    /// The place as a careful reader would normalise it: city, venue or country name.
    #[serde(default)]
    pub place: Option<String>,
    /// ISO date at the precision the text gives: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// How a traveller travelled: `plane`, `train`, `ship`, `car`.
    #[serde(default)]
    pub mode: Option<String>,
    /// How many (missiles launched), when the text says.
    #[serde(default)]
    pub count: Option<u32>,
    /// The weapon type ("ballistic missile", "cruise missile").
    #[serde(default)]
    pub weapon: Option<String>,
    /// Who the article says reports it ("South Korea's military", "KCNA").
    #[serde(default)]
    pub attribution: Vec<String>,
    /// Where a departure was headed, when the text says ("left Ankara for Cairo": Cairo).
    #[serde(default)]
    pub destination: Option<String>,
    /// The annotator's remark on a hard case; not scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Every event a careful reader lists from one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldArticle {
    pub article_id: String,
    pub events: Vec<GoldEvent>,
    /// The annotator's remark on the article as a whole; not scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Why a corpus could not be loaded. Each names the file and what is wrong with it, so a bad annotation is
/// fixed without hunting.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not valid JSON of the expected shape: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{path}: {problem}")]
    Invalid { path: PathBuf, problem: String },
    #[error("{path} has no partner: expected {expected}")]
    Unpaired { path: PathBuf, expected: PathBuf },
    #[error("{dir} holds no articles")]
    Empty { dir: PathBuf },
}

/// Precision, recall and F1 counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Prf {
    /// 0 when nothing was extracted: no claim made is not a precise claim.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: &Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Accuracy of one field over the matched events whose gold annotation gives the field a value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FieldScore {
    pub correct: usize,
    pub total: usize,
}

impl FieldScore {
    pub fn accuracy(&self) -> f64 {
        ratio(self.correct, self.total)
    }
}

/// What went wrong with one event, for debugging.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum EvalErrorCase {
    /// A gold event nothing extracted matched.
    Miss {
        article_id: String,
        kind: String,
        gold: String,
    },
    /// An extracted event no gold event matched.
    FalsePositive {
        article_id: String,
        kind: String,
        got: String,
        evidence: String,
    },
    /// A matched pair that disagrees on one field.
    FieldMismatch {
        article_id: String,
        kind: String,
        field: String,
        gold: String,
        got: String,
        evidence: String,
    },
}

/// The result of [`score`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EvalReport {
    pub articles: usize,
    pub per_kind: BTreeMap<String, Prf>,
    pub overall: Prf,
    /// status, actors, place, date, count, weapon, mode, destination, attribution.
    pub fields: BTreeMap<String, FieldScore>,
    /// Misses, then false positives, then field mismatches, each in article order.
    pub errors: Vec<EvalErrorCase>,
}

/// Reads a gold corpus: `dir/articles/*.json` paired by file stem with `dir/gold/*.json`.
///
/// Every article must have a gold file and every gold file an article (an unannotated article would count
/// its correct extractions as false positives), the gold `article_id` must be the article's `id`, and every
/// gold event must use a known kind and a valid date. The pairs come back in file-name order.
pub fn load_corpus(dir: &Path) -> Result<Vec<(Article, GoldArticle)>, EvalError> {
    let articles_dir = dir.join("articles");
    let gold_dir = dir.join("gold");
    let articles = json_files(&articles_dir)?;
    let golds = json_files(&gold_dir)?;
    if articles.is_empty() {
        return Err(EvalError::Empty { dir: articles_dir });
    }
    for (stem, path) in &golds {
        if !articles.contains_key(stem) {
            return Err(EvalError::Unpaired {
                path: path.clone(),
                expected: articles_dir.join(format!("{stem}.json")),
            });
        }
    }
    let mut pairs = Vec::with_capacity(articles.len());
    for (stem, article_path) in &articles {
        let Some(gold_path) = golds.get(stem) else {
            return Err(EvalError::Unpaired {
                path: article_path.clone(),
                expected: gold_dir.join(format!("{stem}.json")),
            });
        };
        let article = read_article(article_path)?;
        let gold: GoldArticle =
            serde_json::from_str(&read(gold_path)?).map_err(|source| EvalError::Json {
                path: gold_path.clone(),
                source,
            })?;
        check_gold(&gold, &article).map_err(|problem| EvalError::Invalid {
            path: gold_path.clone(),
            problem,
        })?;
        pairs.push((article, gold));
    }
    Ok(pairs)
}

/// The `.json` files directly in `dir`, by file stem (sorted, so reports are stable).
fn json_files(dir: &Path) -> Result<BTreeMap<String, PathBuf>, EvalError> {
    let io = |source| EvalError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            files.insert(stem.to_owned(), path.clone());
        }
    }
    Ok(files)
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })
}

/// The corpus' article shape. Parsed here rather than by the ingest crate so that scoring does not depend on
/// a stage it is not measuring; it mirrors ingest's JSON mapping (no dateline is cut out of the body).
#[derive(Deserialize)]
struct ArticleJson {
    id: String,
    #[serde(default)]
    version: Option<u32>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    headline: Option<String>,
    #[serde(default)]
    published_at: Option<String>,
    #[serde(default)]
    dateline: Option<String>,
    #[serde(default)]
    byline: Option<String>,
    #[serde(default)]
    url: Option<String>,
    body: String,
}

fn read_article(path: &Path) -> Result<Article, EvalError> {
    let raw: ArticleJson =
        serde_json::from_str(&read(path)?).map_err(|source| EvalError::Json {
            path: path.to_owned(),
            source,
        })?;
    let invalid = |problem: String| EvalError::Invalid {
        path: path.to_owned(),
        problem,
    };
    if raw.id.trim().is_empty() {
        return Err(invalid("`id` is empty".into()));
    }
    if raw.body.trim().is_empty() {
        return Err(invalid("`body` is empty".into()));
    }
    let (published_at, published_date_only) = match raw.published_at.as_deref() {
        None => (None, false),
        Some(text) => {
            let (at, date_only) = parse_published(text).ok_or_else(|| {
                invalid(format!(
                    "`published_at` `{text}` is neither RFC 3339 nor YYYY-MM-DD"
                ))
            })?;
            (Some(at), date_only)
        }
    };
    Ok(Article {
        id: raw.id,
        version: raw.version.unwrap_or(1),
        outlet: raw.outlet,
        headline: raw.headline,
        published_at,
        published_date_only,
        dateline: raw.dateline,
        byline: raw.byline,
        url: raw.url,
        pubstatus: PubStatus::Usable,
        body: raw.body,
    })
}

/// RFC 3339, or a bare date taken as midnight UTC (flagged, so nobody reads a time into it).
fn parse_published(text: &str) -> Option<(DateTime<FixedOffset>, bool)> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some((at, false));
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    let utc = FixedOffset::east_opt(0)?;
    let at = date
        .and_hms_opt(0, 0, 0)?
        .and_local_timezone(utc)
        .single()?;
    Some((at, true))
}

fn check_gold(gold: &GoldArticle, article: &Article) -> Result<(), String> {
    if gold.article_id != article.id {
        return Err(format!(
            "`article_id` is `{}` but the article's id is `{}`",
            gold.article_id, article.id
        ));
    }
    for (i, event) in gold.events.iter().enumerate() {
        let at = format!("event {} ({})", i + 1, event.kind);
        if !KNOWN_KINDS.contains(&event.kind.as_str()) {
            return Err(format!(
                "{at}: unknown kind; expected one of {}",
                KNOWN_KINDS.join(", ")
            ));
        }
        if event.actors.is_empty() {
            return Err(format!(
                "{at}: no actors; every gold event names at least one"
            ));
        }
        if let Some(bad) = event
            .actors
            .iter()
            .find(|a| dateline_shared::ids::slug(a) != **a)
        {
            return Err(format!("{at}: actor `{bad}` is not a slug id"));
        }
        if let Some(date) = &event.date {
            date.parse::<PartialDate>()
                .map_err(|e| format!("{at}: {e}"))?;
        }
        if event.count == Some(0) {
            return Err(format!(
                "{at}: count 0; leave it null when the text gives no number"
            ));
        }
    }
    Ok(())
}

/// Scores extracted events against gold, article by article.
///
/// Within one article, a gold and an extracted event can match when they have the same kind and share at
/// least one actor id. Candidate pairs are taken greedily, best first: most shared actors (so a meeting of
/// A and B goes to the extracted A–B meeting, not to A–C), then most agreeing fields, then document order;
/// each event is matched at most once. Unmatched gold events are misses, unmatched extracted events false
/// positives.
pub fn score(pairs: &[(GoldArticle, Vec<Event>)]) -> EvalReport {
    let mut report = EvalReport {
        articles: pairs.len(),
        ..EvalReport::default()
    };
    let mut misses = Vec::new();
    let mut false_positives = Vec::new();
    let mut mismatches = Vec::new();
    for (gold, events) in pairs {
        let matched = match_events(&gold.events, events);
        let mut gold_used = vec![false; gold.events.len()];
        let mut event_used = vec![false; events.len()];
        for &(g, e) in &matched {
            gold_used[g] = true;
            event_used[e] = true;
            let (gold_event, event) = (&gold.events[g], &events[e]);
            report
                .per_kind
                .entry(gold_event.kind.clone())
                .or_default()
                .tp += 1;
            for check in field_checks(gold_event, event) {
                let Some(ok) = check.ok else { continue };
                let score = report.fields.entry(check.field.to_owned()).or_default();
                score.total += 1;
                if ok {
                    score.correct += 1;
                } else {
                    mismatches.push(EvalErrorCase::FieldMismatch {
                        article_id: gold.article_id.clone(),
                        kind: gold_event.kind.clone(),
                        field: check.field.to_owned(),
                        gold: check.gold,
                        got: check.got,
                        evidence: event.evidence.text.clone(),
                    });
                }
            }
        }
        for (gold_event, _) in gold
            .events
            .iter()
            .zip(&gold_used)
            .filter(|(_, used)| !**used)
        {
            report
                .per_kind
                .entry(gold_event.kind.clone())
                .or_default()
                .fn_ += 1;
            misses.push(EvalErrorCase::Miss {
                article_id: gold.article_id.clone(),
                kind: gold_event.kind.clone(),
                gold: describe_gold(gold_event),
            });
        }
        for (event, _) in events.iter().zip(&event_used).filter(|(_, used)| !**used) {
            report.per_kind.entry(event.kind.clone()).or_default().fp += 1;
            false_positives.push(EvalErrorCase::FalsePositive {
                article_id: gold.article_id.clone(),
                kind: event.kind.clone(),
                got: describe_event(event),
                evidence: event.evidence.text.clone(),
            });
        }
    }
    for prf in report.per_kind.values() {
        report.overall.add(prf);
    }
    report.errors = misses
        .into_iter()
        .chain(false_positives)
        .chain(mismatches)
        .collect();
    report
}

/// One-to-one matching of one article's gold and extracted events: `(gold index, event index)` pairs.
fn match_events(gold: &[GoldEvent], events: &[Event]) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (g, gold_event) in gold.iter().enumerate() {
        for (e, event) in events.iter().enumerate() {
            if gold_event.kind != event.kind {
                continue;
            }
            let ids: BTreeSet<&str> = event.actor_ids().collect();
            let shared = gold_event
                .actors
                .iter()
                .filter(|a| ids.contains(a.as_str()))
                .count();
            if shared == 0 {
                continue;
            }
            let agreeing = field_checks(gold_event, event)
                .iter()
                .filter(|c| c.ok == Some(true))
                .count();
            candidates.push((shared, agreeing, g, e));
        }
    }
    // Best first; ties go to document order so the result never depends on sort stability.
    candidates.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut gold_used = vec![false; gold.len()];
    let mut event_used = vec![false; events.len()];
    let mut matched = Vec::new();
    for (_, _, g, e) in candidates {
        if !gold_used[g] && !event_used[e] {
            gold_used[g] = true;
            event_used[e] = true;
            matched.push((g, e));
        }
    }
    matched.sort_unstable();
    matched
}

/// One field of one matched pair: `ok` is `None` when gold gives the field no value (not scored).
struct FieldCheck {
    field: &'static str,
    ok: Option<bool>,
    gold: String,
    got: String,
}

fn field_checks(gold: &GoldEvent, event: &Event) -> Vec<FieldCheck> {
    let mut checks = Vec::with_capacity(9);
    let mut push = |field, ok: Option<bool>, gold: String, got: String| {
        checks.push(FieldCheck {
            field,
            ok,
            gold,
            got,
        })
    };

    push(
        "status",
        Some(gold.status == event.status),
        gold.status.as_str().into(),
        event.status.as_str().into(),
    );

    let gold_actors: BTreeSet<&str> = gold.actors.iter().map(String::as_str).collect();
    let got_actors: BTreeSet<&str> = event.actor_ids().collect();
    push(
        "actors",
        (!gold_actors.is_empty()).then(|| gold_actors == got_actors),
        join(gold_actors.iter().copied()),
        join(got_actors.iter().copied()),
    );

    let got_place = event.place.as_ref().map(|p| p.name.as_str());
    push(
        "place",
        gold.place
            .as_deref()
            .map(|want| got_place.is_some_and(|got| places_agree(want, got))),
        show(gold.place.as_deref()),
        show(got_place),
    );

    let got_date = event.date().map(|d| d.to_string());
    push(
        "date",
        gold.date
            .as_ref()
            .map(|want| got_date.as_ref() == Some(want)),
        show(gold.date.as_deref()),
        show(got_date.as_deref()),
    );

    push(
        "count",
        gold.count.map(|want| event.count == Some(want)),
        show(gold.count.map(|c| c.to_string()).as_deref()),
        show(event.count.map(|c| c.to_string()).as_deref()),
    );

    push(
        "weapon",
        gold.weapon.as_deref().map(|want| {
            event
                .weapon
                .as_deref()
                .is_some_and(|got| weapons_agree(want, got))
        }),
        show(gold.weapon.as_deref()),
        show(event.weapon.as_deref()),
    );

    push(
        "mode",
        gold.mode.as_deref().map(|want| {
            event
                .mode
                .as_deref()
                .is_some_and(|got| want.eq_ignore_ascii_case(got.trim()))
        }),
        show(gold.mode.as_deref()),
        show(event.mode.as_deref()),
    );

    let got_destination = event.destination.as_ref().map(|p| p.name.as_str());
    push(
        "destination",
        gold.destination
            .as_deref()
            .map(|want| got_destination.is_some_and(|got| places_agree(want, got))),
        show(gold.destination.as_deref()),
        show(got_destination),
    );

    // Attribution is credited when any source the reader lists is among those extracted: articles often
    // name two ("South Korea's military and Japan's coast guard") and one of them is the useful part.
    push(
        "attribution",
        (!gold.attribution.is_empty()).then(|| {
            gold.attribution
                .iter()
                .any(|want| event.attribution.iter().any(|got| sources_agree(want, got)))
        }),
        join(gold.attribution.iter().map(String::as_str)),
        join(event.attribution.iter().map(String::as_str)),
    );
    checks
}

/// Case-insensitive, ignoring a leading "the" and hyphens, and accepting containment either way: "Vostochny
/// Cosmodrome" and "Vostochny" name the same place as far as a reader is concerned.
pub fn places_agree(gold: &str, got: &str) -> bool {
    let (a, b) = (normalise(gold), normalise(got));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// Sources compare like places, and also when both name one organisation of the built-in lexicon by
/// different aliases: an outlet writes "KCNA" in one paragraph and "the Korean Central News Agency" in the
/// next, and a reader lists whichever came first.
pub fn sources_agree(gold: &str, got: &str) -> bool {
    places_agree(gold, got) || {
        let (a, b) = (organisation(gold), organisation(got));
        a.is_some() && a == b
    }
}

/// The built-in lexicon's organisation that `name` names whole, ignoring a leading "the".
fn organisation(name: &str) -> Option<u16> {
    let lex = crate::Lexicon::builtin();
    let name = name.trim();
    let name = name.strip_prefix("the ").unwrap_or(name);
    let doc = crate::doc::Doc::new(name, lex);
    let (end, entries) = doc.cs_at(0)?;
    if end != doc.len() {
        return None;
    }
    entries.iter().find_map(|e| match e {
        crate::lexicon::Entry::Org(i) => Some(*i),
        _ => None,
    })
}

/// Weapons compare like places, and also regardless of number ("ballistic missiles" is "ballistic missile").
fn weapons_agree(gold: &str, got: &str) -> bool {
    let singular = |s: &str| {
        let s = normalise(s);
        s.strip_suffix('s').map(str::to_owned).unwrap_or(s)
    };
    let (a, b) = (singular(gold), singular(got));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

fn normalise(text: &str) -> String {
    // "Kang Yu-jung" and "Kang Yu Jung", "Khan-Younis" and "Khan Younis": one name, spelt two ways.
    let lower = text.trim().to_lowercase().replace('-', " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"the", rest)) => rest,
        _ => &words[..],
    };
    words.join(" ")
}

fn show(value: Option<&str>) -> String {
    value.unwrap_or("-").to_owned()
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    if items.is_empty() {
        "-".into()
    } else {
        items.join(",")
    }
}

fn describe_gold(event: &GoldEvent) -> String {
    format!(
        "{} [{}] at {} on {}",
        event.status.as_str(),
        join(event.actors.iter().map(String::as_str)),
        show(event.place.as_deref()),
        show(event.date.as_deref())
    )
}

fn describe_event(event: &Event) -> String {
    format!(
        "{} [{}] at {} on {}",
        event.status.as_str(),
        join(event.actor_ids()),
        show(event.place.as_ref().map(|p| p.name.as_str())),
        show(event.date().map(|d| d.to_string()).as_deref())
    )
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} articles", self.articles)?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<16} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}",
            "kind", "tp", "fp", "fn", "precision", "recall", "F1"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, prf: &Prf| {
            writeln!(
                f,
                "{:<16} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>6.3}",
                name,
                prf.tp,
                prf.fp,
                prf.fn_,
                prf.precision(),
                prf.recall(),
                prf.f1()
            )
        };
        for (kind, prf) in &self.per_kind {
            row(f, kind, prf)?;
        }
        row(f, "overall", &self.overall)?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<16} {:>7} {:>5} {:>8}",
            "field (matched)", "correct", "of", "accuracy"
        )?;
        for (field, score) in &self.fields {
            writeln!(
                f,
                "{:<16} {:>7} {:>5} {:>8.3}",
                field,
                score.correct,
                score.total,
                score.accuracy()
            )?;
        }
        if self.errors.is_empty() {
            return Ok(());
        }
        // `{:#}` lists every error, for tracing a whole run.
        let shown = if f.alternate() {
            self.errors.len()
        } else {
            self.errors.len().min(ERRORS_SHOWN)
        };
        writeln!(f)?;
        writeln!(
            f,
            "errors ({} in all, first {} shown)",
            self.errors.len(),
            shown
        )?;
        for error in self.errors.iter().take(shown) {
            match error {
                EvalErrorCase::Miss {
                    article_id,
                    kind,
                    gold,
                } => {
                    writeln!(f, "  miss  {article_id} {kind}: {gold}")?;
                }
                EvalErrorCase::FalsePositive {
                    article_id,
                    kind,
                    got,
                    evidence,
                } => {
                    writeln!(f, "  fp    {article_id} {kind}: {got}")?;
                    writeln!(f, "        \"{}\"", clip(evidence))?;
                }
                EvalErrorCase::FieldMismatch {
                    article_id,
                    kind,
                    field,
                    gold,
                    got,
                    evidence,
                } => {
                    writeln!(
                        f,
                        "  field {article_id} {kind} {field}: gold {gold}, got {got}"
                    )?;
                    writeln!(f, "        \"{}\"", clip(evidence))?;
                }
            }
        }
        Ok(())
    }
}

/// Evidence sentences can be long; a table line should stay readable.
fn clip(text: &str) -> String {
    const MAX_CHARS: usize = 160;
    let text = text.trim();
    if text.chars().count() <= MAX_CHARS {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(MAX_CHARS).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_shared::{Actor, ActorType, EventTime, Evidence, Place};

    fn gold(kind: &str, actors: &[&str], place: Option<&str>, date: Option<&str>) -> GoldEvent {
        GoldEvent {
            kind: kind.into(),
            status: Status::Occurred,
            actors: actors.iter().map(|a| (*a).to_owned()).collect(),
            place: place.map(Into::into),
            date: date.map(Into::into),
            mode: None,
            count: None,
            weapon: None,
            attribution: Vec::new(),
            destination: None,
            note: None,
        }
    }

    fn event(kind: &str, actors: &[&str], place: Option<&str>, date: Option<&str>) -> Event {
        Event {
            id: format!("ev-{kind}-{}", actors.join("+")),
            kind: kind.into(),
            status: Status::Occurred,
            actors: actors
                .iter()
                .map(|a| Actor {
                    name: (*a).to_owned(),
                    id: (*a).to_owned(),
                    actor_type: ActorType::Person,
                    role: None,
                    country: None,
                })
                .collect(),
            place: place.map(|name| Place {
                name: name.into(),
                country: None,
                is_country: false,
            }),
            time: date.map(|d| EventTime {
                date: d.parse().ok(),
                text: d.into(),
            }),
            attribution: Vec::new(),
            article_id: "a1".into(),
            article_version: 1,
            outlet: None,
            published_at: None,
            evidence: Evidence {
                text: format!("{kind} sentence"),
                start: 0,
                end: 0,
            },
            article_events: 0,
            count: None,
            weapon: None,
            mode: None,
            destination: None,
        }
    }

    fn article(events: Vec<GoldEvent>) -> GoldArticle {
        GoldArticle {
            article_id: "a1".into(),
            events,
            note: None,
        }
    }

    #[test]
    fn a_perfect_match_scores_one() {
        let g = gold(
            "arrival",
            &["kim-jong-un"],
            Some("Khasan"),
            Some("2023-09-12"),
        );
        let e = event(
            "arrival",
            &["kim-jong-un"],
            Some("Khasan"),
            Some("2023-09-12"),
        );
        let report = score(&[(article(vec![g]), vec![e])]);
        assert_eq!(
            report.overall,
            Prf {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(report.overall.f1(), 1.0);
        for field in ["status", "actors", "place", "date"] {
            assert_eq!(
                report.fields[field],
                FieldScore {
                    correct: 1,
                    total: 1
                },
                "{field}"
            );
        }
        // Gold gave no count, weapon or mode: those are not scored.
        assert!(!report.fields.contains_key("count") && !report.fields.contains_key("mode"));
        assert!(report.errors.is_empty());
    }

    #[test]
    fn a_false_positive_lowers_precision_only() {
        let g = gold("arrival", &["kim-jong-un"], Some("Khasan"), None);
        let events = vec![
            event("arrival", &["kim-jong-un"], Some("Khasan"), None),
            event("missile_launch", &["north-korea"], None, None),
        ];
        let report = score(&[(article(vec![g]), events)]);
        assert_eq!(
            report.overall,
            Prf {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            report.per_kind["missile_launch"],
            Prf {
                tp: 0,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(report.overall.precision(), 0.5);
        assert_eq!(report.overall.recall(), 1.0);
        assert!(
            matches!(&report.errors[0], EvalErrorCase::FalsePositive { kind, evidence, .. }
            if kind == "missile_launch" && evidence == "missile_launch sentence")
        );
    }

    #[test]
    fn a_miss_lowers_recall_and_a_different_actor_is_no_match() {
        let golds = vec![
            gold(
                "meeting",
                &["kim-jong-un", "vladimir-putin"],
                Some("Vostochny Cosmodrome"),
                None,
            ),
            gold("departure", &["kim-jong-un"], Some("Pyongyang"), None),
        ];
        // Same kind, but nobody in common: not the same happening.
        let events = vec![event(
            "departure",
            &["sergei-shoigu"],
            Some("Pyongyang"),
            None,
        )];
        let report = score(&[(article(golds), events)]);
        assert_eq!(
            report.overall,
            Prf {
                tp: 0,
                fp: 1,
                fn_: 2
            }
        );
        assert_eq!(report.overall.recall(), 0.0);
        let misses = report
            .errors
            .iter()
            .filter(|e| matches!(e, EvalErrorCase::Miss { .. }))
            .count();
        assert_eq!(misses, 2);
    }

    #[test]
    fn field_mismatches_are_counted_but_still_match() {
        let mut g = gold(
            "missile_launch",
            &["north-korea"],
            Some("the Sea of Japan"),
            Some("2023-09-13"),
        );
        g.count = Some(2);
        g.weapon = Some("ballistic missile".into());
        g.status = Status::Occurred;
        let mut e = event(
            "missile_launch",
            &["north-korea"],
            Some("Sea of Japan"),
            Some("2023-09-12"),
        );
        e.count = Some(1);
        e.weapon = Some("Ballistic Missiles".into());
        e.status = Status::Expected;
        let report = score(&[(article(vec![g]), vec![e])]);
        assert_eq!(
            report.overall,
            Prf {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            report.fields["place"],
            FieldScore {
                correct: 1,
                total: 1
            },
            "leading 'the' ignored"
        );
        assert_eq!(
            report.fields["weapon"],
            FieldScore {
                correct: 1,
                total: 1
            },
            "case and plural ignored"
        );
        for field in ["date", "count", "status"] {
            assert_eq!(
                report.fields[field],
                FieldScore {
                    correct: 0,
                    total: 1
                },
                "{field}"
            );
        }
        let fields: Vec<&str> = report
            .errors
            .iter()
            .filter_map(|e| match e {
                EvalErrorCase::FieldMismatch { field, .. } => Some(field.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(fields, ["status", "date", "count"]);
    }

    #[test]
    fn matching_is_one_to_one_and_prefers_the_best_pair() {
        // Two arrivals of the same person on different days; the extractor found one, dated the second.
        let golds = vec![
            gold(
                "arrival",
                &["kim-jong-un"],
                Some("Khasan"),
                Some("2023-09-12"),
            ),
            gold(
                "arrival",
                &["kim-jong-un"],
                Some("Vostochny"),
                Some("2023-09-13"),
            ),
        ];
        let events = vec![event(
            "arrival",
            &["kim-jong-un"],
            Some("Vostochny Cosmodrome"),
            Some("2023-09-13"),
        )];
        let report = score(&[(article(golds), events)]);
        assert_eq!(
            report.overall,
            Prf {
                tp: 1,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(
            report.fields["date"],
            FieldScore {
                correct: 1,
                total: 1
            }
        );
        assert!(
            matches!(&report.errors[0], EvalErrorCase::Miss { gold, .. } if gold.contains("Khasan"))
        );

        // Two extracted copies of one gold event: one matches, the other is a false positive.
        let g = gold("arrival", &["kim-jong-un"], Some("Khasan"), None);
        let twice = vec![
            event("arrival", &["kim-jong-un"], None, None),
            event("arrival", &["kim-jong-un"], Some("Khasan"), None),
        ];
        let report = score(&[(article(vec![g]), twice)]);
        assert_eq!(
            report.overall,
            Prf {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            report.fields["place"],
            FieldScore {
                correct: 1,
                total: 1
            },
            "the better copy is the match"
        );
    }

    #[test]
    fn meetings_go_to_the_best_actor_overlap() {
        let golds = vec![
            gold(
                "meeting",
                &["hakan-fidan", "badr-abdelatty"],
                Some("Cairo"),
                None,
            ),
            gold(
                "meeting",
                &["hakan-fidan", "abdel-fattah-el-sisi"],
                Some("Cairo"),
                None,
            ),
        ];
        // Listed in the order that a first-come matcher would get wrong.
        let events = vec![
            event(
                "meeting",
                &["hakan-fidan", "abdel-fattah-el-sisi"],
                Some("Cairo"),
                None,
            ),
            event(
                "meeting",
                &["hakan-fidan", "badr-abdelatty"],
                Some("Cairo"),
                None,
            ),
        ];
        let report = score(&[(article(golds), events)]);
        assert_eq!(
            report.overall,
            Prf {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            report.fields["actors"],
            FieldScore {
                correct: 2,
                total: 2
            }
        );
    }

    #[test]
    fn places_agree_loosely_but_not_blindly() {
        assert!(places_agree("Vostochny Cosmodrome", "vostochny"));
        assert!(places_agree("The Hague", "Hague"));
        assert!(places_agree("Kang Yu-jung", "Kang Yu Jung"));
        assert!(!places_agree("Seoul", "Tokyo"));
        assert!(!places_agree("Seoul", ""));
    }

    #[test]
    fn sources_agree_by_agency_alias() {
        assert!(sources_agree("Korean Central News Agency", "KCNA"));
        assert!(sources_agree("KCNA", "the Korean Central News Agency"));
        assert!(sources_agree("Joint Chiefs of Staff", "JCS"));
        assert!(!sources_agree("KCNA", "Yonhap"));
        assert!(!sources_agree("Korean Central", "Yonhap News Agency"));
    }

    #[test]
    fn the_table_names_kinds_and_errors() {
        let g = gold("arrival", &["kim-jong-un"], Some("Khasan"), None);
        let report = score(&[(article(vec![g]), Vec::new())]);
        let text = report.to_string();
        assert!(
            text.contains("arrival")
                && text.contains("overall")
                && text.contains("miss  a1 arrival"),
            "{text}"
        );
    }

    #[test]
    fn published_dates_may_be_bare_days() {
        let (at, date_only) = parse_published("2024-03-05").unwrap();
        assert!(date_only);
        assert_eq!(at.to_rfc3339(), "2024-03-05T00:00:00+00:00");
        let (at, date_only) = parse_published("2024-03-05T09:30:00+09:00").unwrap();
        assert!(!date_only);
        assert_eq!(at.to_rfc3339(), "2024-03-05T09:30:00+09:00");
        assert!(parse_published("Tuesday").is_none());
    }

    #[test]
    fn the_dev_corpus_loads_paired_and_valid() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/dev");
        let corpus = load_corpus(&dir).unwrap_or_else(|e| panic!("{e}"));
        assert!(corpus.len() >= 40, "only {} articles", corpus.len());
        let mut ids = BTreeSet::new();
        for (article, gold) in &corpus {
            assert!(
                ids.insert(article.id.clone()),
                "duplicate article id {}",
                article.id
            );
            assert!(
                article.published_at.is_some(),
                "{} has no publication date",
                article.id
            );
            assert!(article.outlet.is_some(), "{} has no outlet", article.id);
            for event in &gold.events {
                assert!(KNOWN_KINDS.contains(&event.kind.as_str()));
                if let Some(date) = &event.date {
                    assert!(
                        date.parse::<PartialDate>().is_ok(),
                        "{}: {date}",
                        article.id
                    );
                }
            }
        }
        let events: usize = corpus.iter().map(|(_, g)| g.events.len()).sum();
        assert!(events >= 100, "only {events} gold events");
    }

    #[test]
    fn an_unpaired_or_invalid_gold_file_is_named() {
        let dir = std::env::temp_dir().join(format!("dateline-eval-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let write = |rel: &str, text: &str| {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "articles/001-a.json",
            r#"{"id":"a","outlet":"AFP","published_at":"2024-01-02","body":"Text."}"#,
        );
        write(
            "gold/001-a.json",
            r#"{"article_id":"a","events":[{"kind":"visit","status":"occurred","actors":["x"]}]}"#,
        );
        let err = load_corpus(&dir).unwrap_err().to_string();
        assert!(
            err.contains("001-a.json") && err.contains("unknown kind"),
            "{err}"
        );

        write(
            "gold/001-a.json",
            r#"{"article_id":"a","events":[{"kind":"arrival","status":"occurred","actors":["x"],"date":"2024-13"}]}"#,
        );
        let err = load_corpus(&dir).unwrap_err().to_string();
        assert!(err.contains("2024-13"), "{err}");

        write("gold/001-a.json", r#"{"article_id":"a","events":[]}"#);
        write("gold/002-b.json", r#"{"article_id":"b","events":[]}"#);
        let err = load_corpus(&dir).unwrap_err().to_string();
        assert!(
            err.contains("002-b.json") && err.contains("no partner"),
            "{err}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
