//! The five real seed articles (Kim Jong Un's September 2023 trip to Russia), read at test time from
//! `/work/shared/seeds/json`: what a careful reader lists from each, and what is not an event.

use std::path::Path;

use dateline_shared::{Article, Event, Status};

use crate::{extract, Lexicon};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds/json");

fn seed(prefix: &str) -> Option<Article> {
    let dir = Path::new(SEEDS);
    let entry = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))?;
    let text = std::fs::read_to_string(entry.path()).ok()?;
    Some(article_from_json(&text))
}

/// A wire JSON item (`published_at` RFC 3339 or `YYYY-MM-DD`) as an [`Article`].
pub(crate) fn article_from_json(text: &str) -> Article {
    let v: serde_json::Value = serde_json::from_str(text).expect("JSON");
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
    let (published_at, published_date_only) = match s("published_at") {
        Some(p) if p.len() == 10 => {
            let at =
                chrono::DateTime::parse_from_rfc3339(&format!("{p}T00:00:00+00:00")).expect("date");
            (Some(at), true)
        }
        Some(p) => (
            Some(chrono::DateTime::parse_from_rfc3339(&p).expect("RFC 3339")),
            false,
        ),
        None => (None, false),
    };
    Article {
        id: s("id").expect("id"),
        version: 1,
        outlet: s("outlet"),
        headline: s("headline"),
        published_at,
        published_date_only,
        dateline: None,
        byline: None,
        url: None,
        pubstatus: Default::default(),
        body: s("body").expect("body"),
    }
}

pub(crate) fn describe(e: &Event) -> String {
    let actors: Vec<&str> = e.actors.iter().map(|a| a.id.as_str()).collect();
    format!(
        "{} {:?} actors={:?} place={:?} date={:?} time={:?} mode={:?} count={:?} weapon={:?} dest={:?} attr={:?}\n    <{}>",
        e.kind,
        e.status,
        actors,
        e.place.as_ref().map(|p| (p.name.as_str(), p.country.as_deref())),
        e.date().map(|d| d.to_string()),
        e.time.as_ref().map(|t| t.text.as_str()),
        e.mode,
        e.count,
        e.weapon,
        e.destination.as_ref().map(|p| p.name.as_str()),
        e.attribution,
        e.evidence.text
    )
}

fn events(prefix: &str) -> Option<Vec<Event>> {
    let Some(article) = seed(prefix) else {
        eprintln!("seed {prefix} not found under {SEEDS}: skipped");
        return None;
    };
    Some(extract(&article, Lexicon::builtin()))
}

#[test]
fn print_seed_events() {
    for p in ["000", "001", "002", "003", "004"] {
        let Some(evs) = events(p) else { continue };
        println!("== seed {p}: {} events", evs.len());
        for e in &evs {
            println!("  {}", describe(e));
        }
    }
    let _ = Status::Occurred;
}

#[test]
#[ignore = "debugging aid: prints every candidate of the seed named by SEED"]
fn print_seed_candidates() {
    let prefix = std::env::var("SEED").unwrap_or_else(|_| "000".into());
    let Some(article) = seed(&prefix) else { return };
    let text = crate::extraction_text(&article);
    let lex = Lexicon::builtin();
    let doc = crate::doc::Doc::new(&text, lex);
    let ents = crate::entities::find(&doc);
    for c in crate::frames::candidates(&doc, &ents, article.published_date()) {
        let actors: Vec<String> = c.actors.iter().map(|r| ents.actor(lex, *r).id).collect();
        println!(
            "{} {:?} strong={} trig={:?} actors={:?} place={:?} date={:?} attr={:?}\n   <{}>",
            lex.kinds[c.kind].name,
            c.status,
            c.strong,
            doc.span(c.trigger.0, c.trigger.1),
            actors,
            c.place.as_ref().map(|p| p.name.as_str()),
            c.date.map(|d| d.to_string()),
            c.attribution,
            &text[doc.sents[c.sent].start..doc.sents[c.sent].end]
        );
    }
}

fn find<'a>(evs: &'a [Event], kind: &str, actor: &str, date: Option<&str>) -> Option<&'a Event> {
    evs.iter().find(|e| {
        e.kind == kind
            && e.actor_ids().any(|a| a == actor)
            && date.is_none_or(|d| e.date().map(|x| x.to_string()).as_deref() == Some(d))
    })
}

fn place(e: &Event) -> &str {
    e.place.as_ref().map_or("", |p| p.name.as_str())
}

#[test]
fn careful_reader_list() {
    let (Some(e0), Some(e1), Some(e2), Some(e3), Some(e4)) = (
        events("000"),
        events("001"),
        events("002"),
        events("003"),
        events("004"),
    ) else {
        return;
    };
    // Departure from Pyongyang on Sunday 2023-09-10, for Russia, by train.
    for evs in [&e2, &e3] {
        let d = find(evs, "departure", "kim-jong-un", Some("2023-09-10")).expect("departure");
        assert_eq!((place(d), d.status), ("Pyongyang", Status::Occurred));
        assert_eq!(
            d.destination.as_ref().map(|p| p.name.as_str()),
            Some("Russia")
        );
        assert_eq!(d.mode.as_deref(), Some("train"));
    }
    // Arrival at Khasan, Russia, on 2023-09-12 by train.
    for evs in [&e0, &e1, &e3] {
        let a = find(evs, "arrival", "kim-jong-un", Some("2023-09-12")).expect("arrival");
        assert_eq!(place(a), "Khasan");
        assert_eq!(a.place.as_ref().unwrap().country.as_deref(), Some("RU"));
        assert_eq!(
            (a.mode.as_deref(), a.status),
            (Some("train"), Status::Occurred)
        );
    }
    assert_eq!(
        find(&e0, "arrival", "kim-jong-un", None)
            .unwrap()
            .attribution
            .first()
            .map(String::as_str),
        Some("KCNA")
    );
    // Meeting with Kozlov (and Kozhemyako) at Khasan.
    let m = find(&e0, "meeting", "alexander-kozlov", None).expect("Kozlov meeting");
    assert!(
        m.actor_ids().any(|a| a == "kim-jong-un") && m.actor_ids().any(|a| a == "oleg-kozhemyako")
    );
    let kozlov = m
        .actors
        .iter()
        .find(|a| a.id == "alexander-kozlov")
        .unwrap();
    assert_eq!(
        (kozlov.role.as_deref(), kozlov.country.as_deref()),
        (Some("Natural Resources Minister"), Some("RU"))
    );
    assert_eq!(
        place(find(&e1, "meeting", "alexander-kozlov", None).unwrap()),
        "Khasan"
    );
    // Putin in Vladivostok on 2023-09-11.
    for evs in [&e2, &e3] {
        let a = find(evs, "arrival", "vladimir-putin", Some("2023-09-11")).expect("Putin arrival");
        assert_eq!(place(a), "Vladivostok");
        assert_eq!(a.attribution, vec!["TASS".to_owned()]);
    }
    // The summit: expected before, held at Vostochny in 004.
    for evs in [&e0, &e1, &e2, &e3] {
        let s = evs
            .iter()
            .find(|e| {
                e.kind == "meeting"
                    && e.actor_ids().any(|a| a == "vladimir-putin")
                    && e.date().is_none_or(|d| d.year == 2023)
            })
            .expect("summit");
        assert!(s.actor_ids().any(|a| a == "kim-jong-un"));
        assert_eq!(s.status, Status::Expected, "{}", describe(s));
    }
    let s0 = find(&e0, "meeting", "vladimir-putin", Some("2023-09-13")).expect("summit dated");
    assert_eq!(place(s0), "Vostochny Cosmodrome");
    assert!(s0.attribution.contains(&"Kyodo".to_owned()));
    let s4 = find(&e4, "meeting", "vladimir-putin", Some("2023-09-13")).expect("summit held");
    assert_eq!(
        (place(s4), s4.status),
        ("Vostochny Cosmodrome", Status::Occurred)
    );
    assert_eq!(s4.outlet, None);
    // Two ballistic missiles on 2023-09-13.
    let l0 = find(&e0, "missile_launch", "north-korea", None).expect("launch 000");
    assert_eq!(
        (l0.count, l0.weapon.as_deref()),
        (Some(2), Some("ballistic missile"))
    );
    assert!(l0
        .attribution
        .contains(&"South Korea's military".to_owned()));
    let l4 = find(&e4, "missile_launch", "north-korea", Some("2023-09-13")).expect("launch 004");
    assert_eq!(
        (l4.count, l4.weapon.as_deref()),
        (Some(2), Some("ballistic missile"))
    );
    // The expected meeting with Shoigu around Saturday.
    let sh = find(&e1, "meeting", "sergei-shoigu", Some("2023-09-16")).expect("Shoigu meeting");
    assert!(sh.actor_ids().any(|a| a == "kim-jong-un"));
    assert_eq!(sh.status, Status::Expected);
}

#[test]
fn no_false_events() {
    for p in ["000", "001", "002", "003", "004"] {
        let Some(evs) = events(p) else { return };
        // Parades and sanctions resolutions are not launches: every launch is dated the summit's day or undated.
        for e in evs.iter().filter(|e| e.kind == "missile_launch") {
            assert!(
                e.date().is_none_or(|d| d.to_string() == "2023-09-13"),
                "{}",
                describe(e)
            );
            assert!(
                !e.evidence.text.contains("parade") && !e.evidence.text.contains("resolutions"),
                "{}",
                describe(e)
            );
        }
        // The 2019 meeting stays in 2019 and never becomes the 2023 summit.
        for e in evs
            .iter()
            .filter(|e| e.kind == "meeting" && e.evidence.text.contains("2019"))
        {
            match e.status {
                Status::Occurred => {
                    assert_eq!(e.date().map(|d| d.year), Some(2019), "{}", describe(e))
                }
                _ => assert!(e.date().is_none_or(|d| d.year == 2023), "{}", describe(e)),
            }
        }
        // Captions are not read; one event per happening; ids are unique and deterministic.
        let mut ids: Vec<&str> = evs.iter().map(|e| e.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), evs.len());
        assert!(evs
            .iter()
            .all(|e| !e.evidence.text.contains("view larger image")
                && !e.evidence.text.contains("PHOTO")));
        assert_eq!(
            evs.len(),
            evs.iter()
                .map(|e| (
                    e.kind.clone(),
                    e.actors.iter().map(|a| a.id.clone()).collect::<Vec<_>>(),
                    e.date()
                ))
                .collect::<std::collections::HashSet<_>>()
                .len()
        );
        assert!(evs.iter().all(|e| e.article_events as usize == evs.len()));
        let again = events(p).unwrap();
        assert_eq!(evs, again);
    }
    // 2019 meeting in 002 and 003.
    for p in ["002", "003"] {
        let evs = events(p).unwrap();
        assert!(find(&evs, "meeting", "vladimir-putin", Some("2019")).is_some());
    }
}
