//! A story event's fields, derived from all of its reports, with provenance.
//!
//! A story event stores its reports; every field shown is a pure function of them. That makes retraction
//! exact (drop an article's reports and derive again: fields it alone set fall back) and makes applying the
//! same report twice a no-op. The rules follow how a desk editor weighs reports: asserted beats expected beats
//! speculated, specific beats vague, more reports beat fewer, and a later report beats an earlier one.

use std::borrow::Cow;
use std::collections::BTreeMap;

use dateline_shared::story::{Alternative, FieldSupport, HistoryEntry};
use dateline_shared::{Actor, Event, EventTime, Place, Source, Status, StoryEvent};

/// The fields a story event resolves and reports changes of, in display order.
pub const FIELDS: [&str; 7] = [
    "status", "place", "time", "actors", "count", "weapon", "mode",
];

/// A story event holding one report.
pub fn resolve_new(report: Event) -> StoryEvent {
    let id = dateline_shared::ids::stable_id("se-", &[&report.id]);
    resolve(id, vec![report], Vec::new())
}

/// Derives every field of a story event from its reports. `reports` must not be empty.
pub fn resolve(id: String, mut reports: Vec<Event>, history: Vec<HistoryEntry>) -> StoryEvent {
    reports.sort_by(|a, b| (a.published_at, &a.id).cmp(&(b.published_at, &b.id)));
    // The last of equals wins, as `max_by_key` picks it: a later report beats an earlier one.
    let decisive = reports
        .iter()
        .max_by_key(|r| {
            (
                r.status.assertiveness(),
                !r.attribution.is_empty(),
                r.published_at,
            )
        })
        .or(reports.first());
    let Some(decisive) = decisive else {
        unreachable!("a story event always holds at least one report")
    };

    // Values are compared borrowed and only the winners cloned: a story event is re-derived on every report,
    // so this runs over every report of a happening each time another one comes in.
    let place = best(&reports, |r| r.place.as_ref(), |p| u8::from(!p.is_country));
    let time = best(
        &reports,
        |r| r.time.as_ref(),
        |t| t.date.map_or(0, |d| d.precision()),
    );
    let count = best(&reports, |r| r.count.as_ref(), |_| 0);
    let weapon = best(
        &reports,
        |r| r.weapon.as_ref(),
        |w| w.split_whitespace().count() as u8,
    );
    let mode = best(&reports, |r| r.mode.as_ref(), |_| 0);

    let mut actors: Vec<Actor> = Vec::new();
    let mut attribution: Vec<String> = Vec::new();
    for report in &reports {
        for actor in &report.actors {
            match actors.iter_mut().find(|a| a.id == actor.id) {
                Some(known) => {
                    if known.role.is_none() {
                        known.role.clone_from(&actor.role);
                    }
                }
                None => actors.push(actor.clone()),
            }
        }
        for source in &report.attribution {
            if !attribution.contains(source) {
                attribution.push(source.clone());
            }
        }
    }

    let support = vec![
        support("status", &reports, |r| {
            Some(Cow::Borrowed(r.status.as_str()))
        }),
        support("place", &reports, |r| {
            r.place.as_ref().map(|p| Cow::Borrowed(p.name.as_str()))
        }),
        support("time", &reports, |r| {
            r.time.as_ref().map(|t| Cow::Owned(time_text(t)))
        }),
    ];
    let (kind, status, evidence) = (
        decisive.kind.clone(),
        decisive.status,
        decisive.evidence.clone(),
    );

    StoryEvent {
        id,
        kind,
        status,
        actors,
        place: place.map(|p| p.0.clone()),
        time: time.map(|t| t.0.clone()),
        attribution,
        count: count.map(|c| *c.0),
        weapon: weapon.map(|w| w.0.clone()),
        mode: mode.map(|m| m.0.clone()),
        evidence,
        support,
        sources: reports.iter().map(Source::of).collect(),
        reports,
        history,
    }
}

/// The value of one field that the reports support best, and the report that supports it best.
fn best<'a, T: PartialEq + ?Sized>(
    reports: &'a [Event],
    value: impl Fn(&'a Event) -> Option<&'a T>,
    specificity: impl Fn(&T) -> u8,
) -> Option<(&'a T, usize)> {
    // (value, firmest status, reports, latest index) per distinct value, in order of first appearance.
    let mut groups: Vec<(&'a T, u8, usize, usize)> = Vec::new();
    for (index, report) in reports.iter().enumerate() {
        let Some(v) = value(report) else { continue };
        let firmness = report.status.assertiveness();
        match groups.iter_mut().find(|g| g.0 == v) {
            Some(group) => {
                group.1 = group.1.max(firmness);
                group.2 += 1;
                group.3 = index;
            }
            None => groups.push((v, firmness, 1, index)),
        }
    }
    groups
        .into_iter()
        .max_by_key(|(v, firmness, count, latest)| (*firmness, specificity(*v), *count, *latest))
        .map(|(v, _, _, latest)| (v, latest))
}

/// Every value a field took across the reports, best supported first.
fn support<'a>(
    field: &str,
    reports: &'a [Event],
    value: impl Fn(&'a Event) -> Option<Cow<'a, str>>,
) -> FieldSupport {
    /// An alternative being counted, borrowing from the reports until it is kept.
    struct Tally<'a> {
        reports: usize,
        outlets: Vec<&'a str>,
        status: Status,
    }
    let mut by_value: BTreeMap<Cow<'a, str>, Tally<'a>> = BTreeMap::new();
    for report in reports {
        let Some(v) = value(report) else { continue };
        let entry = by_value.entry(v).or_insert_with(|| Tally {
            reports: 0,
            outlets: Vec::new(),
            status: report.status,
        });
        entry.reports += 1;
        if report.status.assertiveness() > entry.status.assertiveness() {
            entry.status = report.status;
        }
        let outlet = report.outlet.as_deref().unwrap_or("unknown outlet");
        if !entry.outlets.contains(&outlet) {
            entry.outlets.push(outlet);
        }
    }
    let mut values: Vec<Alternative> = by_value
        .into_iter()
        .map(|(value, tally)| Alternative {
            value: value.into_owned(),
            reports: tally.reports,
            outlets: tally.outlets.into_iter().map(str::to_owned).collect(),
            status: tally.status,
        })
        .collect();
    values.sort_by_key(|a| {
        (
            std::cmp::Reverse(a.status.assertiveness()),
            std::cmp::Reverse(a.reports),
        )
    });
    FieldSupport {
        field: field.to_owned(),
        values,
    }
}

fn time_text(time: &EventTime) -> String {
    time.date
        .map_or_else(|| time.text.clone(), |d| d.to_string())
}

fn place_text(place: &Place) -> String {
    place.name.clone()
}

/// The displayed value of one field of a story event, as change records show it.
pub fn field_value(event: &StoryEvent, field: &str) -> Option<String> {
    match field {
        "status" => Some(event.status.as_str().to_owned()),
        "place" => event.place.as_ref().map(place_text),
        "time" => event.time.as_ref().map(time_text),
        "actors" => {
            let names: Vec<&str> = event.actors.iter().map(|a| a.name.as_str()).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        "count" => event.count.map(|c| c.to_string()),
        "weapon" => event.weapon.clone(),
        "mode" => event.mode.clone(),
        _ => None,
    }
}

/// The fields whose displayed value differs between two states of one event: `(field, from, to)`.
pub fn diff(
    before: &StoryEvent,
    after: &StoryEvent,
) -> Vec<(String, Option<String>, Option<String>)> {
    FIELDS
        .iter()
        .filter_map(|field| {
            let from = field_value(before, field);
            let to = field_value(after, field);
            (from != to).then(|| ((*field).to_owned(), from, to))
        })
        .collect()
}

/// Whether a status change is a step forward in the story ("expected" → "occurred") rather than a retreat.
pub fn firmer(a: Status, b: Status) -> bool {
    a.assertiveness() > b.assertiveness()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use dateline_shared::{ActorType, Evidence};

    pub fn person(name: &str) -> Actor {
        Actor {
            name: name.to_owned(),
            id: dateline_shared::ids::slug(name),
            actor_type: ActorType::Person,
            role: None,
            country: None,
        }
    }

    /// A report with the given fields; everything else plain.
    pub fn event(kind: &str, actors: &[Actor], place: Option<&str>, date: Option<&str>) -> Event {
        let text = format!("{kind} {place:?} {date:?} {}", actors.len());
        Event {
            id: dateline_shared::ids::stable_id("ev-", &[&text]),
            kind: kind.to_owned(),
            status: Status::Occurred,
            actors: actors.to_vec(),
            place: place.map(|name| Place {
                name: name.to_owned(),
                country: None,
                is_country: false,
            }),
            time: date.map(|d| EventTime {
                date: d.parse().ok(),
                text: d.to_owned(),
            }),
            attribution: Vec::new(),
            article_id: format!("art-{text}"),
            article_version: 1,
            outlet: Some("Test Wire".to_owned()),
            published_at: None,
            evidence: Evidence {
                text,
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

    fn report(status: Status, place: Option<&str>, outlet: &str, day: u32) -> Event {
        let mut e = event(
            "meeting",
            &[person("Prabowo Subianto"), person("Xi Jinping")],
            place,
            None,
        );
        e.status = status;
        e.outlet = Some(outlet.to_owned());
        e.published_at = format!("2024-11-{day:02}T08:00:00+00:00").parse().ok();
        e.id = format!("ev-{outlet}-{day}-{place:?}");
        e.article_id = format!("art-{outlet}-{day}");
        e
    }

    #[test]
    fn asserted_beats_expected_beats_speculated() {
        let reports = vec![
            report(Status::Speculated, Some("Shanghai"), "Antara", 7),
            report(Status::Expected, Some("Beijing"), "Xinhua", 8),
            report(
                Status::Occurred,
                Some("Great Hall of the People"),
                "Reuters",
                9,
            ),
        ];
        let held = resolve("se-1".to_owned(), reports, Vec::new());
        assert_eq!(held.status, Status::Occurred);
        assert_eq!(
            held.place.as_ref().map(|p| p.name.as_str()),
            Some("Great Hall of the People")
        );
        let place = held.support.iter().find(|s| s.field == "place").unwrap();
        assert_eq!(place.values.len(), 3);
        assert_eq!(place.values[0].value, "Great Hall of the People");
        assert_eq!(place.values[2].status, Status::Speculated);
    }

    #[test]
    fn more_reports_win_among_equally_firm_values() {
        let reports = vec![
            report(Status::Expected, Some("Beijing"), "Xinhua", 7),
            report(Status::Expected, Some("Beijing"), "Antara", 8),
            report(Status::Expected, Some("Shanghai"), "Kyodo", 9),
        ];
        let held = resolve("se-1".to_owned(), reports, Vec::new());
        assert_eq!(held.place.map(|p| p.name), Some("Beijing".to_owned()));
        assert_eq!(held.status, Status::Expected);
    }

    #[test]
    fn diff_names_each_changed_field() {
        let before = resolve_new(report(Status::Expected, None, "Xinhua", 7));
        let mut reports = before.reports.clone();
        reports.push(report(Status::Occurred, Some("Beijing"), "Reuters", 9));
        let after = resolve(before.id.clone(), reports, Vec::new());
        let changes = diff(&before, &after);
        let fields: Vec<&str> = changes.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(fields, ["status", "place"]);
        assert_eq!(changes[0].1.as_deref(), Some("expected"));
        assert_eq!(changes[0].2.as_deref(), Some("occurred"));
    }
}
