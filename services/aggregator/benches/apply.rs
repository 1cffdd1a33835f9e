//! The cost of applying one report as the desk grows, and as one happening gathers reports: it must stay flat
//! (or logarithmic), not grow with the number of events held or with the reports of the happening. Run:
//! `cargo bench -p dateline-aggregator`.

use chrono::{DateTime, Days, NaiveDate, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use dateline_aggregator::Desk;
use dateline_shared::{Actor, ActorType, Event, EventTime, Evidence, Place, Status};

fn person(name: String) -> Actor {
    Actor {
        id: dateline_shared::ids::slug(&name),
        name,
        actor_type: ActorType::Person,
        role: None,
        country: None,
    }
}

/// Report `i` of a world with `people` distinct leaders, each arriving somewhere on some day.
fn report(i: usize, people: usize) -> Event {
    let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default()
        + Days::new((i / people) as u64 % 3);
    let id = format!("ev-{i}");
    Event {
        id: id.clone(),
        kind: if i.is_multiple_of(2) {
            "arrival"
        } else {
            "meeting"
        }
        .to_owned(),
        status: Status::Occurred,
        actors: vec![
            person(format!("Leader {}", i % people)),
            person(format!("Leader {}", (i * 7 + 1) % people)),
        ],
        place: Some(Place {
            name: format!("City {}", i % 97),
            country: None,
            is_country: false,
        }),
        time: Some(EventTime {
            date: Some(dateline_shared::PartialDate::day(day)),
            text: "on Monday".to_owned(),
        }),
        attribution: Vec::new(),
        article_id: format!("art-{}", i / 3),
        article_version: 1,
        outlet: Some("Bench Wire".to_owned()),
        published_at: day.and_hms_opt(9, 0, 0).map(|t| t.and_utc().fixed_offset()),
        evidence: Evidence {
            text: id,
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

fn apply_one_report(c: &mut Criterion) {
    let now: DateTime<Utc> = DateTime::from_timestamp(1_704_067_200, 0).unwrap_or_default();
    let mut group = c.benchmark_group("apply_one_report");
    group.sample_size(20);
    for held in [10usize, 1_000, 100_000] {
        let people = (held / 4).max(3);
        let mut desk = Desk::new();
        for i in 0..held {
            desk.apply(report(i, people), now);
        }
        // Each measured report names people the desk has never seen, so it is routed against the whole desk
        // but lands in a story of its own: the measurement is of desk size, not of one story growing.
        let mut next = 10_000_000usize;
        group.bench_with_input(BenchmarkId::from_parameter(held), &held, |b, _| {
            b.iter_batched(
                || {
                    next += 1;
                    report(next, usize::MAX / 2)
                },
                |event| desk.apply(event, now),
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();
}

/// One more report of a happening already reported `held` times (one outlet after another confirming the same
/// summit): the event's fields are re-derived on each, so this shows whether that costs the history.
fn corroborate_one_happening(c: &mut Criterion) {
    let now: DateTime<Utc> = DateTime::from_timestamp(1_704_067_200, 0).unwrap_or_default();
    let mut group = c.benchmark_group("corroborate_one_happening");
    group.sample_size(20);
    let confirmation = |n: usize| {
        let mut e = report(0, 3);
        e.id = format!("ev-confirm-{n}");
        e.article_id = format!("art-confirm-{n}");
        e.outlet = Some(format!("Outlet {}", n % 40));
        // Confirmations come in as they are published, a second apart.
        e.published_at = e
            .published_at
            .map(|t| t + chrono::Duration::seconds(n as i64));
        e
    };
    for held in [10usize, 1_000, 10_000] {
        let mut desk = Desk::new();
        for n in 0..held {
            desk.apply(confirmation(n), now);
        }
        let mut next = held;
        group.bench_with_input(BenchmarkId::from_parameter(held), &held, |b, _| {
            // Only the applies are timed. The happening is put back to `held` reports (a copy, untimed) after
            // every tenth more, so it is measured at its size; the first apply after a copy pays the copy's
            // tight capacities, a cost spread over the next tenth.
            b.iter_custom(|iters| {
                let mut timed = std::time::Duration::ZERO;
                let mut grown = desk.clone();
                let mut added = 0;
                for _ in 0..iters {
                    if added > held / 10 {
                        grown = desk.clone();
                        added = 0;
                    }
                    next += 1;
                    let event = confirmation(next);
                    let start = std::time::Instant::now();
                    grown.apply(event, now);
                    timed += start.elapsed();
                    added += 1;
                }
                timed
            });
        });
    }
    group.finish();
}

criterion_group!(benches, apply_one_report, corroborate_one_happening);
criterion_main!(benches);
