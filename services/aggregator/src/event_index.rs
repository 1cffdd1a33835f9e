//! The held events a report could be a report of, found without scanning whole stories.
//!
//! A report matches a held event only when both are of one kind, share a principal actor and agree in time (see
//! [`matching`](crate::matching)), so the desk indexes every held event under its kind, each of its principal
//! actors and its date. Routing a report then scores only the few events of its kind that name one of its
//! people around its date, not every event of every story naming them: a leader's busy months hold hundreds of
//! meetings.
//!
//! The index may hold more than is true (an actor a later re-derivation dropped, a date since made more
//! precise, an event since merged away): such entries only cost a failed match. It never holds less: every
//! event is registered each time its actors or date may have changed, and a story's entries leave together
//! with the story. Debug builds check every routing against a scan of all held events.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Days, NaiveDate};
use dateline_shared::{PartialDate, StoryEvent};

use crate::matching::{principal_actors, UNDATED_WINDOW_DAYS};

/// A held event: the story holding it and its id.
pub type HeldEvent = (String, String);

/// When a held event happened, as precisely as it is known: the bucket it is indexed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum TimeKey {
    Undated,
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
}

impl TimeKey {
    fn of(date: Option<PartialDate>) -> Self {
        let Some(date) = date else {
            return TimeKey::Undated;
        };
        match (date.as_naive(), date.month) {
            (Some(day), _) => TimeKey::Day(day),
            (None, Some(month)) => TimeKey::Month(date.year, month),
            (None, None) => TimeKey::Year(date.year),
        }
    }
}

type ByTime = BTreeMap<TimeKey, BTreeSet<HeldEvent>>;

#[derive(Debug, Clone, Default)]
pub struct EventIndex {
    /// principal actor id → kind → date → the held events of that kind naming that actor on that date.
    by_actor_and_kind: HashMap<String, HashMap<String, ByTime>>,
    /// story id → the entries registered for it, so a story leaves the index at the cost of its own entries.
    entries_of_story: HashMap<String, BTreeSet<Entry>>,
}

/// One registration: (actor, kind, date, event id).
type Entry = (String, String, TimeKey, String);

impl EventIndex {
    /// Registers `event`, held by `story_id`, under each of its principal actors and its date. Entries
    /// registered before stay: re-registering an event whose actors grew or whose date changed only adds.
    pub fn register(&mut self, story_id: &str, event: &StoryEvent) {
        let when = TimeKey::of(event.time.as_ref().and_then(|t| t.date));
        let entries = self
            .entries_of_story
            .entry(story_id.to_owned())
            .or_default();
        for actor in principal_actors(&event.actors) {
            let entry = (actor.to_owned(), event.kind.clone(), when, event.id.clone());
            if entries.contains(&entry) {
                continue;
            }
            entries.insert(entry);
            self.by_actor_and_kind
                .entry(actor.to_owned())
                .or_default()
                .entry(event.kind.clone())
                .or_default()
                .entry(when)
                .or_default()
                .insert((story_id.to_owned(), event.id.clone()));
        }
    }

    /// Forgets every entry of a story.
    pub fn forget_story(&mut self, story_id: &str) {
        let Some(entries) = self.entries_of_story.remove(story_id) else {
            return;
        };
        for (actor, kind, when, event_id) in entries {
            let Some(kinds) = self.by_actor_and_kind.get_mut(&actor) else {
                continue;
            };
            if let Some(by_time) = kinds.get_mut(&kind) {
                if let Some(events) = by_time.get_mut(&when) {
                    events.remove(&(story_id.to_owned(), event_id));
                    if events.is_empty() {
                        by_time.remove(&when);
                    }
                }
                if by_time.is_empty() {
                    kinds.remove(&kind);
                }
            }
            // An actor no open story names leaves the index: memory follows the open stories.
            if kinds.is_empty() {
                self.by_actor_and_kind.remove(&actor);
            }
        }
    }

    /// The held events of `kind` naming one of `actors` whose date could agree with a report dated `date`
    /// (or, undated, published on `published`), each once.
    pub fn candidates<'a>(
        &'a self,
        kind: &str,
        actors: impl Iterator<Item = &'a str>,
        date: Option<PartialDate>,
        published: Option<NaiveDate>,
    ) -> BTreeSet<&'a HeldEvent> {
        let mut found = BTreeSet::new();
        for by_time in actors.filter_map(|actor| self.by_actor_and_kind.get(actor)?.get(kind)) {
            for_each_agreeing(by_time, date, published, |events| found.extend(events));
        }
        found
    }

    /// How many stories have entries: for tests of bounded memory.
    pub fn stories(&self) -> usize {
        self.entries_of_story.len()
    }
}

/// Calls `visit` with every bucket of `by_time` that may hold an event agreeing in time with a report dated
/// `date`, or undated and published on `published`; see `matching::time_agreement` for the rules this covers.
fn for_each_agreeing<'a>(
    by_time: &'a ByTime,
    date: Option<PartialDate>,
    published: Option<NaiveDate>,
    mut visit: impl FnMut(&'a BTreeSet<HeldEvent>),
) {
    let mut range = |from: TimeKey, to: TimeKey| {
        by_time
            .range(from..=to)
            .for_each(|(_, events)| visit(events))
    };
    // An undated held event may be any report's happening (whether it is near enough is for the match).
    range(TimeKey::Undated, TimeKey::Undated);
    match (date.map(|d| TimeKey::of(Some(d))), published) {
        (Some(TimeKey::Day(day)), _) => {
            range(TimeKey::Year(day.year()), TimeKey::Year(day.year()));
            let month = TimeKey::Month(day.year(), day.month());
            range(month, month);
            range(TimeKey::Day(day), TimeKey::Day(day));
        }
        (Some(TimeKey::Month(year, month)), _) => {
            range(TimeKey::Year(year), TimeKey::Year(year));
            range(TimeKey::Month(year, month), TimeKey::Month(year, month));
            // Held dates with a day that does not exist (30 February) are indexed by their month, above.
            if let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) {
                let last = first
                    .checked_add_months(chrono::Months::new(1))
                    .and_then(|next| next.pred_opt())
                    .unwrap_or(first);
                range(TimeKey::Day(first), TimeKey::Day(last));
            }
        }
        (Some(TimeKey::Year(year)), _) => {
            range(TimeKey::Year(year), TimeKey::Year(year));
            range(TimeKey::Month(year, 0), TimeKey::Month(year, u32::MAX));
            if let (Some(first), Some(last)) = (
                NaiveDate::from_ymd_opt(year, 1, 1),
                NaiveDate::from_ymd_opt(year, 12, 31),
            ) {
                range(TimeKey::Day(first), TimeKey::Day(last));
            }
        }
        (Some(TimeKey::Undated) | None, Some(published)) => {
            // An undated report may speak of a dated happening only near the day it was published.
            let window = Days::new(UNDATED_WINDOW_DAYS + 1);
            let from = published.checked_sub_days(window).unwrap_or(NaiveDate::MIN);
            let to = published.checked_add_days(window).unwrap_or(NaiveDate::MAX);
            range(TimeKey::Year(from.year()), TimeKey::Year(to.year()));
            range(
                TimeKey::Month(from.year(), from.month()),
                TimeKey::Month(to.year(), to.month()),
            );
            range(TimeKey::Day(from), TimeKey::Day(to));
        }
        (Some(TimeKey::Undated) | None, None) => {
            range(TimeKey::Year(i32::MIN), TimeKey::Day(NaiveDate::MAX));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::resolve_new;
    use crate::resolve::tests::{event, person};

    fn held(kind: &str, people: &[&str]) -> StoryEvent {
        let actors: Vec<_> = people.iter().map(|p| person(p)).collect();
        resolve_new(event(kind, &actors, None, None))
    }

    #[test]
    fn finds_events_of_the_kind_by_any_principal_actor() {
        let mut index = EventIndex::default();
        let summit = held("meeting", &["Lula da Silva", "Xi Jinping"]);
        let visit = held("arrival", &["Lula da Silva"]);
        index.register("st-a", &summit);
        index.register("st-b", &visit);
        let found = index.candidates("meeting", ["xi-jinping"].into_iter(), None, None);
        assert_eq!(
            found.into_iter().collect::<Vec<_>>(),
            vec![&("st-a".to_owned(), summit.id.clone())]
        );
        let by_lula = index.candidates(
            "arrival",
            ["lula-da-silva", "xi-jinping"].into_iter(),
            None,
            None,
        );
        assert_eq!(by_lula.len(), 1);
        assert!(index
            .candidates("departure", ["lula-da-silva"].into_iter(), None, None)
            .is_empty());
    }

    #[test]
    fn a_forgotten_story_leaves_nothing_behind() {
        let mut index = EventIndex::default();
        let mut summit = held("meeting", &["Lula da Silva", "Xi Jinping"]);
        index.register("st-a", &summit);
        // The event's actors grow as reports come in: registering again adds the new one.
        summit.actors.push(person("Cyril Ramaphosa"));
        index.register("st-a", &summit);
        assert_eq!(
            index
                .candidates("meeting", ["cyril-ramaphosa"].into_iter(), None, None)
                .len(),
            1
        );
        index.forget_story("st-a");
        assert_eq!(index.stories(), 0);
        assert!(index.by_actor_and_kind.is_empty());
    }
}
