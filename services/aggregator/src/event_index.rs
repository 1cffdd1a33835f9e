//! The held events a report could be a report of, found without scanning whole stories.
//!
//! A report matches a held event only when both are of one kind and share a principal actor (see
//! [`matching`](crate::matching)), so the desk indexes every held event under its kind and each of its
//! principal actors. Routing a report then scores only the few events of its kind that name one of its people,
//! not every event of every story naming them: a leader's busy weeks fill many stories of dozens of events.
//!
//! The index may hold more than is true (an actor a later re-derivation dropped, an event since merged away):
//! such entries only cost a failed match. It never holds less: every event is registered each time its actors
//! may have changed, and a story's entries leave together with the story.

use std::collections::{BTreeSet, HashMap};

use dateline_shared::StoryEvent;

use crate::matching::principal_actors;

/// A held event: the story holding it and its id.
pub type HeldEvent = (String, String);

#[derive(Debug, Clone, Default)]
pub struct EventIndex {
    /// principal actor id → kind → the held events of that kind naming that actor.
    by_actor_and_kind: HashMap<String, HashMap<String, BTreeSet<HeldEvent>>>,
    /// story id → the (actor, kind, event id) entries registered for it, so a story leaves the index at the
    /// cost of its own entries.
    entries_of_story: HashMap<String, BTreeSet<(String, String, String)>>,
}

impl EventIndex {
    /// Registers `event`, held by `story_id`, under each of its principal actors. Entries registered before
    /// stay: re-registering an event whose actors grew only adds.
    pub fn register(&mut self, story_id: &str, event: &StoryEvent) {
        let entries = self
            .entries_of_story
            .entry(story_id.to_owned())
            .or_default();
        for actor in principal_actors(&event.actors) {
            let entry = (actor.to_owned(), event.kind.clone(), event.id.clone());
            if entries.contains(&entry) {
                continue;
            }
            entries.insert(entry);
            self.by_actor_and_kind
                .entry(actor.to_owned())
                .or_default()
                .entry(event.kind.clone())
                .or_default()
                .insert((story_id.to_owned(), event.id.clone()));
        }
    }

    /// Forgets every entry of a story.
    pub fn forget_story(&mut self, story_id: &str) {
        let Some(entries) = self.entries_of_story.remove(story_id) else {
            return;
        };
        for (actor, kind, event_id) in entries {
            let Some(kinds) = self.by_actor_and_kind.get_mut(&actor) else {
                continue;
            };
            if let Some(events) = kinds.get_mut(&kind) {
                events.remove(&(story_id.to_owned(), event_id));
                if events.is_empty() {
                    kinds.remove(&kind);
                }
            }
            // An actor no open story names leaves the index: memory follows the open stories.
            if kinds.is_empty() {
                self.by_actor_and_kind.remove(&actor);
            }
        }
    }

    /// The held events of `kind` naming one of `actors`, each once, in (story id, event id) order.
    pub fn candidates<'a>(
        &'a self,
        kind: &str,
        actors: impl Iterator<Item = &'a str>,
    ) -> BTreeSet<&'a HeldEvent> {
        actors
            .filter_map(|actor| self.by_actor_and_kind.get(actor)?.get(kind))
            .flatten()
            .collect()
    }

    /// How many stories have entries: for tests of bounded memory.
    pub fn stories(&self) -> usize {
        self.entries_of_story.len()
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
        let found = index.candidates("meeting", ["xi-jinping"].into_iter());
        assert_eq!(
            found.into_iter().collect::<Vec<_>>(),
            vec![&("st-a".to_owned(), summit.id.clone())]
        );
        let by_lula = index.candidates("arrival", ["lula-da-silva", "xi-jinping"].into_iter());
        assert_eq!(by_lula.len(), 1);
        assert!(index
            .candidates("departure", ["lula-da-silva"].into_iter())
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
                .candidates("meeting", ["cyril-ramaphosa"].into_iter())
                .len(),
            1
        );
        index.forget_story("st-a");
        assert_eq!(index.stories(), 0);
        assert!(index.by_actor_and_kind.is_empty());
    }
}
