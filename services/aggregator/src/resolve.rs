//! A story event's fields, derived from all of its reports, with provenance.
//!
//! A story event stores its reports; every field shown is a pure function of them. That makes retraction
//! exact (drop an article's reports and derive again: fields it alone set fall back) and makes applying the
//! same report twice a no-op. The rules follow how a desk editor weighs reports: asserted beats expected beats
//! speculated, specific beats vague, more reports beat fewer, and a later report beats an earlier one.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use dateline_shared::story::{Alternative, FieldSupport, HistoryEntry, Sources};
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
pub fn resolve(id: String, reports: Vec<Event>, history: Vec<HistoryEntry>) -> StoryEvent {
    resolve_with_derivation(id, reports, history).0
}

/// [`resolve`], also returning the tallies it derived the fields from, for [`Derivation::insert`].
pub fn resolve_with_derivation(
    id: String,
    mut reports: Vec<Event>,
    history: Vec<HistoryEntry>,
) -> (StoryEvent, Derivation) {
    reports.sort_by(|a, b| report_order(a).cmp(&report_order(b)));
    let mut derivation = Derivation::default();
    for report in &reports {
        derivation.add(report);
    }
    let sources = reports.iter().map(Source::of).collect();
    let event = derivation.event(id, reports, sources, history);
    (event, derivation)
}

/// The order a story event keeps its reports in, and the order "earlier" and "later" refer to below: by
/// publication, then id.
fn report_order(report: &Event) -> (Option<DateTime<FixedOffset>>, &str) {
    (report.published_at, report.id.as_str())
}

/// A report's place in [`report_order`], owned, to remember which report a tally came from.
type Position = (Option<DateTime<FixedOffset>>, String);

/// How firmly a report states its event: asserted over expected over speculated, attributed over not, later
/// over earlier.
type Rank = (u8, bool, Option<DateTime<FixedOffset>>);

fn position(report: &Event) -> Position {
    (report.published_at, report.id.clone())
}

/// The running tallies behind a story event's fields. Every field is defined over the reports in
/// publication order, but kept here in a form that does not depend on the order reports were added in (each
/// tally remembers the position of the report that decides it), so a new report — wherever it falls in
/// publication order — is added in time independent of how many reports the event already has, instead of
/// re-deriving from all of them. Replacing or retracting reports re-derives from scratch
/// ([`resolve_with_derivation`]); both ways give the same event (tested as a property).
#[derive(Debug, Clone, Default)]
pub struct Derivation {
    /// The report that sets status, kind and evidence: the firmest (asserted, attributed, latest); the later
    /// of equals.
    decisive: Option<(Rank, Position)>,
    place: Groups<Place>,
    time: Groups<EventTime>,
    count: Groups<u32>,
    weapon: Groups<String>,
    mode: Groups<String>,
    /// Every actor named, in a [`HeldActor`].
    actors: Vec<HeldActor>,
    /// Every source the reports cite, with where it was first cited (report, then place in its list).
    attribution: Vec<(String, (Position, usize))>,
    status_support: Tallies,
    place_support: Tallies,
    time_support: Tallies,
}

/// An actor of a derived event, where it was first named (report, then place in the report's list), and the
/// positions of the first reports giving it a role and a country.
type HeldActor = (Actor, (Position, usize), Option<Position>, Option<Position>);

impl Derivation {
    /// Adds one more report to the event derived so far. The held event's reports, sources and history move
    /// into the returned one; `reports` and `sources` must be the event's own, in [`report_order`].
    pub fn insert(
        &mut self,
        id: String,
        mut reports: Vec<Event>,
        mut sources: Sources,
        history: Vec<HistoryEntry>,
        report: Event,
    ) -> StoryEvent {
        self.add(&report);
        let at = reports.partition_point(|r| report_order(r) < report_order(&report));
        sources.insert(at, Source::of(&report));
        reports.insert(at, report);
        self.event(id, reports, sources, history)
    }

    fn add(&mut self, report: &Event) {
        let at = position(report);
        let rank: Rank = (
            report.status.assertiveness(),
            !report.attribution.is_empty(),
            report.published_at,
        );
        if self
            .decisive
            .as_ref()
            .is_none_or(|(best, best_at)| (rank, &at) > (*best, best_at))
        {
            self.decisive = Some((rank, at.clone()));
        }
        let firmness = report.status.assertiveness();
        self.place.add(report.place.as_ref(), firmness, &at);
        self.time.add(report.time.as_ref(), firmness, &at);
        self.count.add(report.count.as_ref(), firmness, &at);
        self.weapon.add(report.weapon.as_ref(), firmness, &at);
        self.mode.add(report.mode.as_ref(), firmness, &at);
        for (nth, actor) in report.actors.iter().enumerate() {
            let named_at = (at.clone(), nth);
            match self.actors.iter_mut().find(|(a, ..)| a.id == actor.id) {
                Some((known, first, role_at, country_at)) => {
                    if named_at < *first {
                        let role = std::mem::take(&mut known.role);
                        let country = std::mem::take(&mut known.country);
                        *known = actor.clone();
                        known.role = role;
                        known.country = country;
                        *first = named_at;
                    }
                    // The role and the country come from the first report that gives one, so that one
                    // report naming "Prime Minister Anthony Albanese of Australia" completes the others.
                    if actor.role.is_some() && role_at.as_ref().is_none_or(|r| at < *r) {
                        known.role.clone_from(&actor.role);
                        *role_at = Some(at.clone());
                    }
                    if actor.country.is_some() && country_at.as_ref().is_none_or(|c| at < *c) {
                        known.country.clone_from(&actor.country);
                        *country_at = Some(at.clone());
                    }
                }
                None => {
                    let role_at = actor.role.is_some().then(|| at.clone());
                    let country_at = actor.country.is_some().then(|| at.clone());
                    self.actors
                        .push((actor.clone(), named_at, role_at, country_at));
                }
            }
        }
        for (nth, source) in report.attribution.iter().enumerate() {
            let cited_at = (at.clone(), nth);
            match self.attribution.iter_mut().find(|(s, _)| s == source) {
                Some((_, first)) => {
                    if cited_at < *first {
                        *first = cited_at;
                    }
                }
                None => self.attribution.push((source.clone(), cited_at)),
            }
        }
        self.status_support.add(report.status.as_str(), report, &at);
        if let Some(place) = &report.place {
            self.place_support.add(&place.name, report, &at);
        }
        if let Some(time) = &report.time {
            self.time_support.add(&time_text(time), report, &at);
        }
    }

    /// The story event these tallies describe.
    fn event(
        &self,
        id: String,
        reports: Vec<Event>,
        sources: Sources,
        history: Vec<HistoryEntry>,
    ) -> StoryEvent {
        let decisive = self.decisive.as_ref().and_then(|(_, (published, id))| {
            reports
                .binary_search_by(|r| report_order(r).cmp(&(*published, id.as_str())))
                .ok()
                .and_then(|i| reports.get(i))
        });
        let Some(decisive) = decisive else {
            unreachable!("a story event always holds its decisive report")
        };
        let (kind, status, evidence) = (
            decisive.kind.clone(),
            decisive.status,
            decisive.evidence.clone(),
        );
        StoryEvent {
            id,
            kind,
            status,
            actors: in_first_order(&self.actors, |(_, first, ..)| first)
                .map(|(actor, ..)| actor.clone())
                .collect(),
            place: self.place.best(|p| u8::from(!p.is_country)).cloned(),
            time: self
                .time
                .best(|t| t.date.map_or(0, |d| d.precision()))
                .cloned(),
            attribution: in_first_order(&self.attribution, |(_, first)| first)
                .map(|(source, _)| source.clone())
                .collect(),
            count: self.count.best(|_| 0).copied(),
            weapon: self
                .weapon
                .best(|w| w.split_whitespace().count() as u8)
                .cloned(),
            mode: self.mode.best(|_| 0).cloned(),
            evidence,
            support: vec![
                self.status_support.support("status"),
                self.place_support.support("place"),
                self.time_support.support("time"),
            ],
            sources,
            reports,
            history,
        }
    }
}

/// Items in the order they were first given in.
fn in_first_order<T, K: Ord>(items: &[T], first: impl Fn(&T) -> &K) -> impl Iterator<Item = &T> {
    let mut ordered: Vec<&T> = items.iter().collect();
    ordered.sort_by(|a, b| first(a).cmp(first(b)));
    ordered.into_iter()
}

/// The distinct values one field took: (value, firmest status, reports, position of the latest report
/// giving it).
#[derive(Debug, Clone)]
struct Groups<T>(Vec<(T, u8, usize, Position)>);

impl<T> Default for Groups<T> {
    fn default() -> Self {
        Groups(Vec::new())
    }
}

impl<T: PartialEq + Clone> Groups<T> {
    fn add(&mut self, value: Option<&T>, firmness: u8, at: &Position) {
        let Some(value) = value else { return };
        match self.0.iter_mut().find(|g| g.0 == *value) {
            Some(group) => {
                group.1 = group.1.max(firmness);
                group.2 += 1;
                if *at > group.3 {
                    group.3 = at.clone();
                }
            }
            None => self.0.push((value.clone(), firmness, 1, at.clone())),
        }
    }

    /// The value the reports support best: firmest, then most specific, then most reported, then latest.
    fn best(&self, specificity: impl Fn(&T) -> u8) -> Option<&T> {
        self.0
            .iter()
            .max_by(|a, b| {
                (a.1, specificity(&a.0), a.2, &a.3).cmp(&(b.1, specificity(&b.0), b.2, &b.3))
            })
            .map(|(v, ..)| v)
    }
}

/// Every value one field took, counted with the outlets that gave it and its firmest status.
#[derive(Debug, Clone, Default)]
struct Tallies(BTreeMap<String, Tally>);

#[derive(Debug, Clone)]
struct Tally {
    reports: usize,
    /// Each outlet with the position of its first report giving the value.
    outlets: Vec<(String, Position)>,
    /// The firmest status, as the first report giving it said it (occurred and denied are equally firm).
    status: (Status, Position),
}

impl Tallies {
    fn add(&mut self, value: &str, report: &Event, at: &Position) {
        let outlet = report.outlet.as_deref().unwrap_or("unknown outlet");
        let Some(tally) = self.0.get_mut(value) else {
            self.0.insert(
                value.to_owned(),
                Tally {
                    reports: 1,
                    outlets: vec![(outlet.to_owned(), at.clone())],
                    status: (report.status, at.clone()),
                },
            );
            return;
        };
        tally.reports += 1;
        let (held, held_at) = &tally.status;
        let firmness = (report.status.assertiveness(), std::cmp::Reverse(at));
        if firmness > (held.assertiveness(), std::cmp::Reverse(held_at)) {
            tally.status = (report.status, at.clone());
        }
        match tally.outlets.iter_mut().find(|(o, _)| o == outlet) {
            Some((_, first)) => {
                if at < first {
                    *first = at.clone();
                }
            }
            None => tally.outlets.push((outlet.to_owned(), at.clone())),
        }
    }

    /// Every value the field took, best supported first.
    fn support(&self, field: &str) -> FieldSupport {
        let mut values: Vec<Alternative> = self
            .0
            .iter()
            .map(|(value, tally)| Alternative {
                value: value.clone(),
                reports: tally.reports,
                outlets: in_first_order(&tally.outlets, |(_, first)| first)
                    .map(|(outlet, _)| outlet.clone())
                    .collect(),
                status: tally.status.0,
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

    pub fn country(name: &str) -> Actor {
        Actor {
            actor_type: ActorType::Country,
            ..person(name)
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
    fn an_actor_takes_the_country_and_role_a_later_report_gives() {
        let first = report(Status::Occurred, Some("Beijing"), "Xinhua", 7);
        let mut second = report(Status::Occurred, Some("Beijing"), "Antara", 8);
        second.actors[1].country = Some("CN".to_owned());
        second.actors[1].role = Some("President".to_owned());
        for reports in [
            vec![first.clone(), second.clone()],
            vec![second.clone(), first.clone()],
        ] {
            let held = resolve("se-1".to_owned(), reports, Vec::new());
            let xi = held.actors.iter().find(|a| a.id == "xi-jinping").unwrap();
            assert_eq!(xi.country.as_deref(), Some("CN"));
            assert_eq!(xi.role.as_deref(), Some("President"));
        }
    }

    #[test]
    fn the_later_of_equally_firm_reports_sets_status_and_evidence() {
        let mut earlier = report(Status::Occurred, Some("Beijing"), "Xinhua", 7);
        earlier.evidence.text = "first account".to_owned();
        let mut later = report(Status::Occurred, Some("Beijing"), "Antara", 8);
        later.evidence.text = "second account".to_owned();
        let held = resolve("se-1".to_owned(), vec![later, earlier], Vec::new());
        assert_eq!(held.evidence.text, "second account");
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

    mod incremental {
        use super::*;
        use proptest::prelude::*;

        /// A report drawn from small pools, so that values, outlets and times collide as in real copy.
        fn arbitrary_report() -> impl Strategy<Value = Event> {
            (
                0u8..3,
                proptest::option::of(0usize..3),
                proptest::option::of(0usize..3),
                proptest::option::of(1u32..4),
                0usize..3,
                proptest::option::of(0u32..5),
                0usize..4,
                any::<u32>(),
                (1u8..8, proptest::option::of(0usize..2)),
            )
                .prop_map(
                    |(status, place, day, count, outlet, hour, cited, tag, (cast, role))| {
                        let places = ["Vladivostok", "Vostochny Cosmodrome", "Russia"];
                        let days = ["2023-09-12", "2023-09-13", "2023-09"];
                        let outlets = ["Kyodo", "Yonhap", "TASS"];
                        let roles = ["leader", "president"];
                        // A varying cast, in varying order, some with a role.
                        let mut actors: Vec<Actor> =
                            ["Kim Jong Un", "Vladimir Putin", "Sergei Shoigu"]
                                .iter()
                                .enumerate()
                                .filter(|(i, _)| cast & (1 << i) != 0)
                                .map(|(_, name)| person(name))
                                .collect();
                        if tag % 2 == 0 {
                            actors.reverse();
                        }
                        if let (Some(first), Some(role)) = (actors.first_mut(), role) {
                            first.role = Some(roles[role].to_owned());
                        }
                        let mut e = event(
                            "meeting",
                            &actors,
                            place.map(|p| places[p]),
                            day.map(|d| days[d]),
                        );
                        e.status = [Status::Speculated, Status::Expected, Status::Occurred]
                            [usize::from(status)];
                        if let Some(place) = e.place.as_mut() {
                            place.is_country = place.name == "Russia";
                        }
                        e.count = count;
                        e.outlet = Some(outlets[outlet].to_owned());
                        let sources = ["KCNA", "Kremlin", "unnamed officials"];
                        e.attribution = sources[..cited.min(3)]
                            .iter()
                            .map(|s| (*s).to_owned())
                            .collect();
                        if tag % 3 == 0 {
                            e.attribution.reverse();
                        }
                        e.published_at =
                            hour.and_then(|h| format!("2023-09-1{h}T08:00:00+09:00").parse().ok());
                        e.id = format!("ev-{tag:08x}");
                        e.evidence.text = format!("sentence {tag}");
                        e
                    },
                )
        }

        proptest! {
            /// Adding reports one by one, in whatever order they come, gives exactly the event that deriving
            /// from all of them in publication order gives.
            #[test]
            fn adding_in_order_equals_deriving_from_scratch(
                reports in proptest::collection::vec(arbitrary_report(), 1..40)
            ) {
                // Distinct reports, in the order drawn: not publication order.
                let mut seen = std::collections::HashSet::new();
                let reports: Vec<Event> =
                    reports.into_iter().filter(|r| seen.insert(r.id.clone())).collect();
                let (mut held, mut derivation) =
                    resolve_with_derivation("se-1".to_owned(), vec![reports[0].clone()], Vec::new());
                for report in &reports[1..] {
                    let (reports, sources) =
                        (std::mem::take(&mut held.reports), std::mem::take(&mut held.sources));
                    held = derivation.insert(held.id.clone(), reports, sources, Vec::new(), report.clone());
                    let scratch = resolve(held.id.clone(), held.reports.clone(), Vec::new());
                    prop_assert_eq!(&held, &scratch);
                }
            }
        }
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
