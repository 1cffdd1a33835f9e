//! Deciding whether a report is about a happening a story already holds.
//!
//! Two reports are of one happening when they have the same kind, compatible actors, compatible time and, for
//! movements, compatible places. Compatible means "could be the same", not "equal": an expected summit with no
//! date is the summit later reported as held on 2023-09-13, but the 2019 summit is not.

use chrono::{Days, NaiveDate};
use dateline_shared::{Actor, ActorType, Event, PartialDate, StoryEvent};

/// How far an undated report may sit from a dated happening and still be about it.
pub const UNDATED_WINDOW_DAYS: u64 = 14;

/// A score when `event` may be a report of `held`, higher for a closer match; `None` when it cannot be.
pub fn match_score(held: &StoryEvent, event: &Event) -> Option<u32> {
    if held.kind != event.kind {
        return None;
    }
    let actors = actor_overlap(held, event)?;
    let time = time_agreement(held, event)?;
    let place = place_agreement(held, event)?;
    Some(actors * 4 + time + place)
}

/// The actors that identify a happening: its people and organisations, or its countries when it names no one
/// else. Two reports are of one happening only if they share one of these.
pub fn principal_actors(actors: &[Actor]) -> impl Iterator<Item = &str> {
    let named = actors.iter().any(|a| a.actor_type != ActorType::Country);
    actors
        .iter()
        .filter(move |a| !named || a.actor_type != ActorType::Country)
        .map(|a| a.id.as_str())
}

/// Shared actors, or `None` when the actor sets say these are different happenings.
///
/// Runs for every held event of the report's kind in every candidate story, so it compares the (short) actor
/// lists in place rather than collecting them.
fn actor_overlap(held: &StoryEvent, event: &Event) -> Option<u32> {
    let ours = || principal_actors(&held.actors);
    let theirs = || principal_actors(&event.actors);
    let shared = theirs().filter(|id| ours().any(|o| o == *id)).count() as u32;
    if shared == 0 {
        return None;
    }
    if is_encounter(&event.kind) {
        // A meeting is its set of participants: Kim–Kozlov and Kim–Putin share Kim but are different meetings.
        // One side's list may be partial (a report naming only the host), so containment either way matches.
        let ours_in_theirs = ours().all(|id| theirs().any(|t| t == id));
        let theirs_in_ours = theirs().all(|id| ours().any(|o| o == id));
        if !ours_in_theirs && !theirs_in_ours {
            return None;
        }
        // The same holds for the sides the participants are from: Abdelatty's talks with Fidan (Egypt and
        // Turkey) are not his denied meeting with Israeli officials (Egypt and Israel), although he is the
        // only person either names in common.
        if !sides_nest(&held.actors, &event.actors) {
            return None;
        }
    }
    Some(shared)
}

/// Whether the participants one list names beyond the other's are all from sides (countries) the other
/// list already has, either way round. A person's country is taken from whichever list gives it.
fn sides_nest(a: &[Actor], b: &[Actor]) -> bool {
    fn country_of<'a>(x: &'a Actor, lists: [&'a [Actor]; 2]) -> Option<&'a str> {
        x.country.as_deref().or_else(|| {
            lists
                .into_iter()
                .flatten()
                .find(|y| y.id == x.id && y.country.is_some())
                .and_then(|y| y.country.as_deref())
        })
    }
    let within = |extra: &[Actor], other: &[Actor]| {
        extra
            .iter()
            .filter(|x| !other.iter().any(|y| y.id == x.id))
            .filter_map(|x| country_of(x, [a, b]))
            .all(|code| other.iter().any(|y| country_of(y, [a, b]) == Some(code)))
    };
    within(a, b) || within(b, a)
}

/// Kinds whose identity is the set of their participants.
fn is_encounter(kind: &str) -> bool {
    matches!(kind, "meeting" | "agreement" | "talks" | "summit")
}

/// Kinds whose identity includes where they happened: arriving in Khasan and arriving in Vladivostok are two
/// arrivals, but a summit reported at two venues is one summit with a disputed venue.
fn is_movement(kind: &str) -> bool {
    matches!(kind, "arrival" | "departure")
}

fn time_agreement(held: &StoryEvent, event: &Event) -> Option<u32> {
    let held_date = held.time.as_ref().and_then(|t| t.date);
    match (held_date, event.date()) {
        (Some(a), Some(b)) => a.agrees_with(&b).then_some(2),
        (Some(date), None) => near(date, event.published_at.map(|p| p.date_naive())).then_some(0),
        (None, Some(date)) => {
            let first_report = held.reports.iter().filter_map(|r| r.published_at).min();
            near(date, first_report.map(|p| p.date_naive())).then_some(0)
        }
        (None, None) => Some(1),
    }
}

/// Whether a report published on `published` may speak of a happening dated `date`.
fn near(date: PartialDate, published: Option<NaiveDate>) -> bool {
    let Some(published) = published else {
        return true;
    };
    let (first, last) = span(date);
    let window = Days::new(UNDATED_WINDOW_DAYS);
    let lower = first.checked_sub_days(window).unwrap_or(first);
    let upper = last.checked_add_days(window).unwrap_or(last);
    (lower..=upper).contains(&published)
}

/// The first and last day a partial date covers.
fn span(date: PartialDate) -> (NaiveDate, NaiveDate) {
    let fallback = NaiveDate::MIN;
    match (date.month, date.day) {
        (Some(m), Some(d)) => {
            let day = NaiveDate::from_ymd_opt(date.year, m, d).unwrap_or(fallback);
            (day, day)
        }
        (Some(m), None) => {
            let first = NaiveDate::from_ymd_opt(date.year, m, 1).unwrap_or(fallback);
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(date.year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(date.year, m + 1, 1)
            };
            (first, next.and_then(|n| n.pred_opt()).unwrap_or(first))
        }
        _ => (
            NaiveDate::from_ymd_opt(date.year, 1, 1).unwrap_or(fallback),
            NaiveDate::from_ymd_opt(date.year, 12, 31).unwrap_or(fallback),
        ),
    }
}

fn place_agreement(held: &StoryEvent, event: &Event) -> Option<u32> {
    match (&held.place, &event.place) {
        (Some(a), Some(b)) if a.compatible_with(b) => Some(1),
        (Some(_), Some(_)) if is_movement(&event.kind) => None,
        _ => Some(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::resolve_new;
    use crate::resolve::tests::{event, person};
    use dateline_shared::Place;

    #[test]
    fn same_kind_actors_and_date_match() {
        let held = resolve_new(event(
            "arrival",
            &[person("Anthony Albanese")],
            Some("Tokyo"),
            Some("2024-03-05"),
        ));
        let report = event(
            "arrival",
            &[person("Anthony Albanese")],
            Some("Tokyo"),
            Some("2024-03-05"),
        );
        assert!(match_score(&held, &report).is_some());
        let other_day = event(
            "arrival",
            &[person("Anthony Albanese")],
            Some("Tokyo"),
            Some("2024-03-09"),
        );
        assert!(match_score(&held, &other_day).is_none());
        let other_kind = event(
            "departure",
            &[person("Anthony Albanese")],
            Some("Tokyo"),
            Some("2024-03-05"),
        );
        assert!(match_score(&held, &other_kind).is_none());
    }

    #[test]
    fn meetings_are_their_participants() {
        let summit = resolve_new(event(
            "meeting",
            &[person("Kim Jong Un"), person("Vladimir Putin")],
            None,
            None,
        ));
        let minister = event(
            "meeting",
            &[person("Kim Jong Un"), person("Alexander Kozlov")],
            None,
            None,
        );
        assert!(match_score(&summit, &minister).is_none());
        let host_only = event(
            "meeting",
            &[person("Vladimir Putin")],
            Some("Vostochny Cosmodrome"),
            None,
        );
        assert!(match_score(&summit, &host_only).is_some());
    }

    #[test]
    fn a_meeting_with_another_side_is_another_meeting() {
        let from = |name: &str, code: &str| Actor {
            country: Some(code.to_owned()),
            ..person(name)
        };
        let talks = resolve_new(event(
            "meeting",
            &[from("Hakan Fidan", "TR"), from("Badr Abdelatty", "EG")],
            Some("Cairo"),
            None,
        ));
        let israel = Actor {
            country: Some("IL".to_owned()),
            ..crate::resolve::tests::country("Israel")
        };
        let denied = event(
            "meeting",
            &[from("Badr Abdelatty", "EG"), israel],
            None,
            None,
        );
        assert!(match_score(&talks, &denied).is_none());
        // A report naming only the host, or adding the host's country, is still the same talks; so is one
        // that gives a participant's country where the held event did not.
        let host = event("meeting", &[from("Badr Abdelatty", "EG")], None, None);
        assert!(match_score(&talks, &host).is_some());
        let egypt = Actor {
            country: Some("EG".to_owned()),
            ..crate::resolve::tests::country("Egypt")
        };
        let with_country = event(
            "meeting",
            &[
                from("Hakan Fidan", "TR"),
                from("Badr Abdelatty", "EG"),
                egypt,
            ],
            None,
            None,
        );
        assert!(match_score(&talks, &with_country).is_some());
        let partly_known = resolve_new(event(
            "meeting",
            &[from("Shigeru Ishiba", "JP"), person("Anthony Albanese")],
            None,
            None,
        ));
        let other_half = event(
            "meeting",
            &[person("Shigeru Ishiba"), from("Anthony Albanese", "AU")],
            None,
            None,
        );
        assert!(match_score(&partly_known, &other_half).is_some());
    }

    #[test]
    fn an_expected_undated_meeting_matches_the_held_one_but_not_a_past_one() {
        let mut expected = event(
            "meeting",
            &[person("Kim Jong Un"), person("Vladimir Putin")],
            None,
            None,
        );
        expected.published_at = "2023-09-12T00:00:00+00:00".parse().ok();
        let held = resolve_new(expected.clone());
        let mut later = event(
            "meeting",
            &[person("Kim Jong Un"), person("Vladimir Putin")],
            None,
            Some("2023-09-13"),
        );
        later.published_at = "2023-09-13T00:00:00+00:00".parse().ok();
        assert!(match_score(&held, &later).is_some());
        let past = event(
            "meeting",
            &[person("Kim Jong Un"), person("Vladimir Putin")],
            None,
            Some("2019"),
        );
        assert!(match_score(&held, &past).is_none());
    }

    #[test]
    fn arrivals_in_different_cities_are_different_arrivals() {
        let in_russia = |name: &str, is_country: bool| {
            let mut e = event(
                "arrival",
                &[person("Kim Jong Un")],
                Some(name),
                Some("2023-09-12"),
            );
            e.place = Some(Place {
                name: name.to_owned(),
                country: Some("RU".to_owned()),
                is_country,
            });
            e
        };
        let held = resolve_new(in_russia("Khasan", false));
        assert!(match_score(&held, &in_russia("Vladivostok", false)).is_none());
        assert!(match_score(&held, &in_russia("Russia", true)).is_some());
    }
}
