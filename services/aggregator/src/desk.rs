//! The desk: every open story, which report belongs where, and what each report changes.
//!
//! [`Desk::apply`] is the whole of the aggregator's logic, pure and deterministic: the same events in the same
//! order give the same stories, whether applied live, after a restart from the KV state, or in a full rebuild
//! from the events stream.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use dateline_shared::ids::stable_id;
use dateline_shared::story::{Because, HistoryEntry};
use dateline_shared::story_sources::PageToStore;
use dateline_shared::{ActorType, Change, Event, Story, StoryEvent, Withdrawal};

use crate::event_index::EventIndex;
use crate::matching::{match_score, principal_actors};
use crate::resolve::{diff, resolve, resolve_new, resolve_with_derivation, Derivation};
use crate::story_encoding::EncodedEvents;
use crate::title;

/// What applying one report did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The report is already held (a redelivery or replay): nothing changed.
    Duplicate,
    /// The report comes from an older version of an article whose newer version is held: ignored.
    Stale,
    /// The report was added to this story but no displayed field changed: store the story, don't notify
    /// subscribers.
    Supported { story: String },
    /// Fields of this story changed: store it and publish the changes with its new state.
    Changed { story: String, changes: Vec<Change> },
}

impl Outcome {
    /// The story the report went to, if it was taken.
    pub fn story_id(&self) -> Option<&str> {
        match self {
            Outcome::Supported { story } | Outcome::Changed { story, .. } => Some(story),
            Outcome::Duplicate | Outcome::Stale => None,
        }
    }

    /// A short name for metrics and logs.
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Duplicate => "duplicate",
            Outcome::Stale => "stale",
            Outcome::Supported { .. } => "supported",
            Outcome::Changed { .. } => "changed",
        }
    }
}

/// Where one article's reports live.
#[derive(Debug, Clone)]
struct ArticleEntry {
    story: String,
    version: u32,
}

/// A story with no new report for this long (by publication time, not wall clock) is closed.
pub const QUIET_DAYS: i64 = 14;

#[derive(Debug, Clone, Default)]
pub struct Desk {
    /// The newest publication time seen: the desk's clock, so that a rebuild closes the same stories.
    watermark: Option<DateTime<chrono::FixedOffset>>,
    /// Stories closed since the last [`Desk::take_closed`], to be archived by the caller.
    closed: Vec<Story>,
    applied: u64,
    stories: BTreeMap<String, Story>,
    /// article id → its story and the newest version held.
    articles: HashMap<String, ArticleEntry>,
    /// report (event) id → story id.
    reports: HashMap<String, String>,
    /// actor id → stories that mention it, to find stories a new happening could join.
    by_actor: HashMap<String, BTreeSet<String>>,
    /// Held events by kind, principal actor and date, to find the happening a report is about.
    events: EventIndex,
    /// The JSON of each open event as it was when it last changed: every change here forgets it.
    encoded: EncodedEvents,
    /// story event id → the tallies its fields were derived from, so a report arriving in order is added
    /// without re-deriving from all the event's reports. Dropped whenever an event is re-derived otherwise;
    /// missing ones are rebuilt on the next report.
    derivations: HashMap<String, Derivation>,
    /// story id → the publication time of its newest report, and the same ordered by that time, so closing
    /// quiet stories visits only the quiet ones instead of every report on the desk.
    last_reported: HashMap<String, DateTime<chrono::FixedOffset>>,
    by_last_reported: BTreeSet<(DateTime<chrono::FixedOffset>, String)>,
}

impl Desk {
    pub fn new() -> Self {
        Self::default()
    }

    /// A desk holding stories read back from storage.
    pub fn from_stories(stories: impl IntoIterator<Item = Story>) -> Self {
        let mut desk = Desk::new();
        for story in stories.into_iter().filter(|s| !s.closed) {
            desk.watermark = desk.watermark.max(story.last_reported());
            desk.put_story(story);
        }
        desk
    }

    /// Stories closed as quiet since the last call, marked `closed`, for the caller to archive.
    pub fn take_closed(&mut self) -> Vec<Story> {
        std::mem::take(&mut self.closed)
    }

    /// Closes every story whose newest report is older than [`QUIET_DAYS`] before the watermark, so memory
    /// stays bounded by the stories of the last weeks however long the desk runs.
    fn close_quiet(&mut self) {
        let Some(watermark) = self.watermark else {
            return;
        };
        let cutoff = watermark - chrono::Duration::days(QUIET_DAYS);
        let mut quiet: Vec<String> = self
            .by_last_reported
            .range(..(cutoff, String::new()))
            .map(|(_, id)| id.clone())
            .collect();
        quiet.sort();
        for id in quiet {
            self.close(&id);
        }
    }

    /// Takes a story off the desk, marked closed, for the caller to archive (see [`Desk::take_closed`]).
    fn close(&mut self, id: &str) {
        self.unindex(id);
        if let Some(mut story) = self.stories.remove(id) {
            story.closed = true;
            self.closed.push(story);
        }
    }

    /// Seals the pages of sources a story's events now end (see [`Sources`](dateline_shared::story::Sources)),
    /// returning those to store before the story is written. Changes how the story is written, not what it
    /// holds, so it is no change to report.
    pub fn seal_sources(&mut self, id: &str) -> Vec<PageToStore> {
        let Some(story) = self.stories.get_mut(id) else {
            return Vec::new();
        };
        let mut pages = Vec::new();
        for event in &mut story.events {
            let sealed_before = (event.sources.sealed().len(), event.sources.volumes().len());
            pages.extend(event.sources.seal());
            if (event.sources.sealed().len(), event.sources.volumes().len()) != sealed_before {
                self.encoded.forget(&event.id);
            }
        }
        pages
    }

    /// A story's JSON as stored in the stories bucket (see [`story_encoding`](crate::story_encoding)), open
    /// or closed since the last [`Desk::take_closed`].
    pub fn story_json(&mut self, id: &str) -> Option<serde_json::Result<Vec<u8>>> {
        let open = self.stories.contains_key(id);
        let story = self
            .stories
            .get(id)
            .or_else(|| self.closed.iter().find(|s| s.id == id))?;
        Some(self.encoded.story_json(story, open))
    }

    /// The update to publish for a story's changes: its head, the events they touched, and the changes.
    pub fn update_json(
        &mut self,
        id: &str,
        changes: &[Change],
    ) -> Option<serde_json::Result<Vec<u8>>> {
        let open = self.stories.contains_key(id);
        let story = self
            .stories
            .get(id)
            .or_else(|| self.closed.iter().find(|s| s.id == id))?;
        Some(self.encoded.update_json(story, changes, open))
    }

    pub fn stories(&self) -> impl Iterator<Item = &Story> {
        self.stories.values()
    }

    pub fn story(&self, id: &str) -> Option<&Story> {
        self.stories.get(id)
    }

    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// Replaces (or adds) one story, e.g. after reading a newer state written by another aggregator.
    pub fn put_story(&mut self, story: Story) {
        self.unindex(&story.id);
        self.index(&story);
        self.stories.insert(story.id.clone(), story);
    }

    /// A story by id, open or closed since the last [`Desk::take_closed`].
    pub fn find(&self, id: &str) -> Option<&Story> {
        self.stories
            .get(id)
            .or_else(|| self.closed.iter().find(|s| s.id == id))
    }

    /// Applies a kill notice: every report from earlier versions of the article is removed, events only it
    /// supported are retracted, and fields it alone set fall back. A story left with no event is closed.
    pub fn withdraw(&mut self, withdrawal: &Withdrawal, now: DateTime<Utc>) -> Outcome {
        let id = &withdrawal.article_id;
        let Some(held) = self.articles.get(id).cloned() else {
            // Nothing of the article is held (or it was withdrawn already and its story closed).
            return Outcome::Duplicate;
        };
        if held.version >= withdrawal.article_version {
            // A newer version than the notice is held, or the notice was applied already.
            return Outcome::Stale;
        }
        // Later deliveries of the killed versions are stale from now on.
        self.articles.insert(
            id.clone(),
            ArticleEntry {
                story: held.story.clone(),
                version: withdrawal.article_version,
            },
        );
        let Some(story) = self.stories.get_mut(&held.story) else {
            return Outcome::Duplicate;
        };
        let because = Because {
            article_id: id.clone(),
            outlet: withdrawal.outlet.clone(),
        };
        let revision = story.revision + 1;
        forget_derivations(&mut self.derivations, story);
        self.encoded.forget_story(story);
        let mut changes =
            retract_article(story, id, withdrawal.article_version, revision, &because);
        for event in &story.events {
            self.events.register(&held.story, event);
        }
        if changes.is_empty() {
            self.recount_reported(&held.story);
            return Outcome::Supported { story: held.story };
        }
        let new_title = if story.events.is_empty() {
            story.title.clone()
        } else {
            title::title(story)
        };
        if new_title != story.title {
            changes.push(Change {
                event_id: title::lead_event(story)
                    .map(|e| e.id.clone())
                    .unwrap_or_default(),
                field: "title".to_owned(),
                from: Some(story.title.clone()),
                to: Some(new_title.clone()),
                because,
            });
            story.title = new_title;
        }
        story.revision = revision;
        story.updated_at = now;
        let emptied = story.events.is_empty();
        self.recount_reported(&held.story);
        if emptied {
            self.close(&held.story);
        }
        Outcome::Changed {
            story: held.story,
            changes,
        }
    }

    /// The story a report of this article would go to, if the article is already held.
    pub fn story_of_article(&self, article_id: &str) -> Option<&str> {
        self.articles.get(article_id).map(|a| a.story.as_str())
    }

    /// Applies one report. `now` stamps `updated_at`; nothing else depends on the clock.
    pub fn apply(&mut self, event: Event, now: DateTime<Utc>) -> Outcome {
        if self.reports.contains_key(&event.id) {
            return Outcome::Duplicate;
        }
        self.watermark = self.watermark.max(event.published_at);
        self.applied += 1;
        if self.applied.is_multiple_of(256) {
            self.close_quiet();
        }
        let because = Because {
            article_id: event.article_id.clone(),
            outlet: event.outlet.clone(),
        };
        let mut changes = Vec::new();
        let held_article = self.articles.get(&event.article_id).cloned();
        if held_article
            .as_ref()
            .is_some_and(|held| held.version > event.article_version)
        {
            return Outcome::Stale;
        }
        let supersedes = |r: &Event| {
            r.article_id == event.article_id && r.article_version < event.article_version
        };

        let (story_id, holding) = self.route(&event);
        let story = self
            .stories
            .entry(story_id.clone())
            .or_insert_with(|| Story {
                id: story_id.clone(),
                title: String::new(),
                revision: 0,
                updated_at: now,
                closed: false,
                events: Vec::new(),
            });
        let revision = story.revision + 1;
        // Whether reports of older versions of the article left the story (then its newest report time is
        // read again rather than only moved forward).
        let mut reports_left = false;
        match holding {
            Some(index) => {
                // The held event's reports and history move into the re-derived one rather than being
                // copied: what stays behind in `before` (the resolved fields) is all the diff needs.
                let before = &mut story.events[index];
                let mut reports = std::mem::take(&mut before.reports);
                let history = std::mem::take(&mut before.history);
                // Only an article held before can have older versions' reports here: skip the scan otherwise.
                let replaces_some = held_article.is_some() && reports.iter().any(supersedes);
                let held_tallies = self
                    .derivations
                    .get_mut(&before.id)
                    .filter(|_| !replaces_some);
                let mut after = match held_tallies {
                    Some(derivation) => {
                        let sources = std::mem::take(&mut before.sources);
                        derivation.insert(
                            before.id.clone(),
                            reports,
                            sources,
                            history,
                            event.clone(),
                        )
                    }
                    None => {
                        // A newer version of an article replaces its older report of the same happening in
                        // place, so a correction reads as "place: Osaka → Tokyo", not as one event retracted
                        // and another added.
                        let before_count = reports.len();
                        reports.retain(|r| !supersedes(r));
                        reports_left |= reports.len() < before_count;
                        reports.push(event.clone());
                        let (mut after, derivation) =
                            resolve_with_derivation(before.id.clone(), reports, history);
                        after.sources.remember_stored(&before.sources);
                        self.derivations.insert(after.id.clone(), derivation);
                        after
                    }
                };
                for (field, from, to) in diff(before, &after) {
                    after.history.push(HistoryEntry {
                        revision,
                        field: field.clone(),
                        from: from.clone(),
                        to: to.clone(),
                        article_id: because.article_id.clone(),
                        outlet: because.outlet.clone(),
                    });
                    changes.push(Change {
                        event_id: after.id.clone(),
                        field,
                        from,
                        to,
                        because: because.clone(),
                    });
                }
                self.events.register(&story_id, &after);
                self.encoded.forget(&after.id);
                story.events[index] = after;
            }
            None => {
                let mut fresh = resolve_new(event.clone());
                let summary = title::event_title(&fresh);
                fresh.history.push(HistoryEntry {
                    revision,
                    field: "event".to_owned(),
                    from: None,
                    to: Some(summary.clone()),
                    article_id: because.article_id.clone(),
                    outlet: because.outlet.clone(),
                });
                changes.push(Change {
                    event_id: fresh.id.clone(),
                    field: "event".to_owned(),
                    from: None,
                    to: Some(summary),
                    because: because.clone(),
                });
                self.events.register(&story_id, &fresh);
                story.events.push(fresh);
            }
        }
        // Once every event of the new version is in (or when the count is unknown), whatever only the older
        // versions supported is retracted: fields they alone set fall back, events they alone reported go.
        let complete = || {
            let new_version_reports = story
                .events
                .iter()
                .flat_map(|e| e.reports.iter())
                .filter(|r| {
                    r.article_id == event.article_id && r.article_version == event.article_version
                })
                .count();
            event.article_events == 0 || new_version_reports >= event.article_events as usize
        };
        let newer_version = held_article
            .as_ref()
            .is_some_and(|held| held.version < event.article_version);
        if newer_version && complete() {
            reports_left = true;
            forget_derivations(&mut self.derivations, story);
            self.encoded.forget_story(story);
            changes.extend(retract_article(
                story,
                &event.article_id,
                event.article_version,
                revision,
                &because,
            ));
            // Re-derived events may name other principal actors now.
            for held in &story.events {
                self.events.register(&story_id, held);
            }
        }
        story
            .events
            .sort_by(|a, b| event_order(a).cmp(&event_order(b)));

        let new_title = title::title(story);
        if new_title != story.title {
            if !story.title.is_empty() {
                let lead = title::lead_event(story)
                    .map(|e| e.id.clone())
                    .unwrap_or_default();
                changes.push(Change {
                    event_id: lead,
                    field: "title".to_owned(),
                    from: Some(story.title.clone()),
                    to: Some(new_title.clone()),
                    because: because.clone(),
                });
            }
            story.title = new_title;
        }

        let changed = !changes.is_empty();
        if changed {
            story.revision = revision;
        }
        if changed {
            story.updated_at = now;
        }
        self.articles.insert(
            event.article_id.clone(),
            ArticleEntry {
                story: story_id.clone(),
                version: event.article_version,
            },
        );
        self.reports.insert(event.id.clone(), story_id.clone());
        // Only a newer version of an article held before takes reports away; otherwise this one only adds.
        if reports_left {
            self.recount_reported(&story_id);
        } else if let Some(published) = event.published_at {
            self.note_reported(&story_id, published);
        }
        for actor in &event.actors {
            let stories = self.by_actor.entry(actor.id.clone()).or_default();
            if !stories.contains(&story_id) {
                stories.insert(story_id.clone());
            }
        }
        if changed {
            Outcome::Changed {
                story: story_id,
                changes,
            }
        } else {
            Outcome::Supported { story: story_id }
        }
    }

    /// The story a new report goes to, and the index of the event in it that holds the report's happening:
    /// the story holding its happening, else its article's story, else the story sharing most of its named
    /// (non-country) actors, else a new story.
    fn route(&self, event: &Event) -> (String, Option<usize>) {
        // A report with no date of its own and no publication time (a plain-text file) is about now: it is
        // matched as if published at the desk's clock, so it joins this week's launch rather than January's.
        let published_now;
        let event = if event.published_at.is_none() && event.date().is_none() {
            published_now = Event {
                published_at: self.watermark,
                ..event.clone()
            };
            &published_now
        } else {
            event
        };
        // Only an event of the report's kind sharing one of its principal actors can hold its happening.
        // Among equal matches the story with the smallest id wins, and in it the earliest event.
        let holding = self
            .events
            .candidates(
                &event.kind,
                principal_actors(&event.actors),
                event.date(),
                event.published_at.map(|p| p.date_naive()),
            )
            .into_iter()
            .filter_map(|(story_id, event_id)| {
                let story = self.stories.get(story_id)?;
                let index = story.events.iter().position(|held| held.id == *event_id)?;
                let score = match_score(&story.events[index], event)?;
                Some((score, std::cmp::Reverse(story_id), std::cmp::Reverse(index)))
            })
            .max();
        let holding =
            holding.map(|(_, std::cmp::Reverse(id), std::cmp::Reverse(index))| (id, index));
        debug_assert_eq!(
            holding.map(|(id, index)| (id.as_str(), index)),
            self.holding_by_scan(event),
            "the event index missed the happening of report {}",
            event.id
        );
        if let Some((id, index)) = holding {
            return (id.clone(), Some(index));
        }
        // A new version of an article joins the story its older one went to, if that story is still open. One
        // closed (gone quiet, or emptied by a kill notice) is archived under its id: reopening it would restart
        // its revisions under an id subscribers and the bucket already hold, so the report starts a new story.
        if let Some(entry) = self
            .articles
            .get(&event.article_id)
            .filter(|entry| self.stories.contains_key(&entry.story))
        {
            return (entry.story.clone(), None);
        }
        // Only stories naming one of the report's principal actors can share a named actor with it; looking
        // stories up by every actor would also visit each story that merely names the same country, hundreds
        // of them in a busy news week.
        let mut candidates: Vec<&String> = principal_actors(&event.actors)
            .filter_map(|id| self.by_actor.get(id))
            .flatten()
            .collect();
        candidates.sort();
        candidates.dedup();
        let named: Vec<&str> = event
            .actors
            .iter()
            .filter(|a| a.actor_type != ActorType::Country)
            .map(|a| a.id.as_str())
            .collect();
        let when = report_day(event);
        let sharing = candidates
            .iter()
            .filter_map(|id| {
                let story = self.stories.get(*id)?;
                // A story is a run of related happenings, not everything a leader ever did: it takes new
                // happenings only while young, and only through events near this one in time and place
                // (Macron's Berlin visit this week is not his Delhi trip, nor his next month in Berlin).
                if !story_is_young(story, event.published_at) || story_is_full(story) {
                    return None;
                }
                let shared = story
                    .events
                    .iter()
                    .filter(|e| near_in_time(e, when) && places_related(e, event))
                    .flat_map(|e| e.actors.iter())
                    .filter(|a| named.contains(&a.id.as_str()))
                    .count();
                (shared > 0).then_some((shared, *id))
            })
            .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)));
        let story = match sharing {
            Some((_, id)) => id.clone(),
            None => stable_id("st-", &[&event.id]),
        };
        (story, None)
    }

    /// What [`Desk::route`] finds through the event index, found by scoring every event of every story: debug
    /// builds (every test) check that the index never misses a happening.
    fn holding_by_scan(&self, event: &Event) -> Option<(&str, usize)> {
        self.stories
            .iter()
            .flat_map(|(id, story)| {
                story
                    .events
                    .iter()
                    .enumerate()
                    .filter_map(move |(i, held)| {
                        let score = match_score(held, event)?;
                        Some((score, std::cmp::Reverse(id.as_str()), std::cmp::Reverse(i)))
                    })
            })
            .max()
            .map(|(_, std::cmp::Reverse(id), std::cmp::Reverse(index))| (id, index))
    }

    fn index(&mut self, story: &Story) {
        if let Some(last) = story.last_reported() {
            self.note_reported(&story.id, last);
        }
        for held in &story.events {
            self.events.register(&story.id, held);
            for actor in &held.actors {
                let stories = self.by_actor.entry(actor.id.clone()).or_default();
                if !stories.contains(&story.id) {
                    stories.insert(story.id.clone());
                }
            }
            for report in &held.reports {
                self.reports.insert(report.id.clone(), story.id.clone());
                let entry = self
                    .articles
                    .entry(report.article_id.clone())
                    .or_insert_with(|| ArticleEntry {
                        story: story.id.clone(),
                        version: report.article_version,
                    });
                entry.version = entry.version.max(report.article_version);
            }
        }
    }

    /// Forgets a story in every index, visiting only what the story itself names (its reports, articles and
    /// actors), so closing a story costs its own size, not the desk's. The one entry left behind is the
    /// marker of an article withdrawn from it (it names no report any more): kept, so a late delivery of the
    /// killed version stays stale; kill notices are rare, so these stay few.
    fn unindex(&mut self, story_id: &str) {
        let Some(old) = self.stories.get(story_id) else {
            return;
        };
        forget_derivations(&mut self.derivations, old);
        self.events.forget_story(story_id);
        self.encoded.forget_story(old);
        if let Some(last) = self.last_reported.remove(story_id) {
            self.by_last_reported.remove(&(last, story_id.to_owned()));
        }
        for held in &old.events {
            for source in &held.sources {
                self.reports.remove(&source.event_id);
                if self
                    .articles
                    .get(&source.article_id)
                    .is_some_and(|entry| entry.story == story_id)
                {
                    self.articles.remove(&source.article_id);
                }
            }
            for actor in &held.actors {
                if let Some(stories) = self.by_actor.get_mut(&actor.id) {
                    stories.remove(story_id);
                    // An actor no open story names leaves the index: memory follows the open stories.
                    if stories.is_empty() {
                        self.by_actor.remove(&actor.id);
                    }
                }
            }
        }
    }
}

impl Desk {
    /// Records that a story holds a report published at `when` (its newest, unless a newer one is held).
    fn note_reported(&mut self, story_id: &str, when: DateTime<chrono::FixedOffset>) {
        if let Some(held) = self.last_reported.get(story_id) {
            if *held >= when {
                return;
            }
            self.by_last_reported.remove(&(*held, story_id.to_owned()));
        }
        self.last_reported.insert(story_id.to_owned(), when);
        self.by_last_reported.insert((when, story_id.to_owned()));
    }

    /// Reads a story's newest report time again, after reports left it.
    fn recount_reported(&mut self, story_id: &str) {
        if let Some(held) = self.last_reported.remove(story_id) {
            self.by_last_reported.remove(&(held, story_id.to_owned()));
        }
        if let Some(last) = self.stories.get(story_id).and_then(Story::last_reported) {
            self.note_reported(story_id, last);
        }
    }
}

/// Days apart two happenings may be and still belong to one story through shared actors.
pub const STORY_WINDOW_DAYS: i64 = 7;

/// Days after its first report during which a story takes new happenings through shared actors; later ones
/// start a story of their own (the same happening, reported again, still joins the story holding it).
pub const STORY_SPAN_DAYS: i64 = 21;

/// Reports a story holds before it stops taking new happenings (the same happening still joins it): a leader
/// in the news every day would otherwise chain three weeks of happenings into one story, and a story of
/// thousands of reports is no longer one story to a reader. (Size is not the reason: sealed pages of sources
/// keep a stored story small however many reports it holds.)
pub const MAX_STORY_REPORTS: usize = 1_500;

/// Seals the pages of sources every event of `story` now ends: see [`Desk::seal_sources`].
pub fn seal_story_sources(story: &mut Story) -> Vec<PageToStore> {
    story
        .events
        .iter_mut()
        .flat_map(|event| event.sources.seal())
        .collect()
}

fn story_is_full(story: &Story) -> bool {
    story
        .events
        .iter()
        .map(|e| e.sources.count())
        .sum::<usize>()
        >= MAX_STORY_REPORTS
}

fn story_is_young(story: &Story, published: Option<chrono::DateTime<chrono::FixedOffset>>) -> bool {
    let first = story
        .events
        .iter()
        .flat_map(|e| e.sources.iter())
        .filter_map(|s| s.published_at)
        .min();
    match (first, published) {
        (Some(first), Some(published)) => {
            published - first <= chrono::Duration::days(STORY_SPAN_DAYS)
        }
        _ => true,
    }
}

/// Whether two happenings may be parts of one story by where they took place: the same place, one inside the
/// other, the same country, or one of them unplaced. A departure counts where it was headed too.
fn places_related(held: &StoryEvent, event: &Event) -> bool {
    let Some(held_place) = &held.place else {
        return true;
    };
    let related = |place: &dateline_shared::Place| {
        place.compatible_with(held_place)
            || (place.country.is_some() && place.country == held_place.country)
    };
    match &event.place {
        None => true,
        Some(place) => related(place) || event.destination.as_ref().is_some_and(related),
    }
}

/// The day a report is about: its event's date when known to the day, else the day it was published.
fn report_day(event: &Event) -> Option<chrono::NaiveDate> {
    event
        .time
        .as_ref()
        .and_then(|t| t.date)
        .and_then(|d| d.as_naive())
        .or_else(|| event.published_at.map(|p| p.date_naive()))
}

/// Whether a held event is within [`STORY_WINDOW_DAYS`] of `day` (by its date, else its latest report's
/// publication). Unknown days on either side do not rule a story out.
fn near_in_time(held: &StoryEvent, day: Option<chrono::NaiveDate>) -> bool {
    let Some(day) = day else {
        return true;
    };
    let held_day = held
        .time
        .as_ref()
        .and_then(|t| t.date)
        .and_then(|d| d.as_naive())
        .or_else(|| {
            held.reports
                .iter()
                .filter_map(|r| r.published_at)
                .max()
                .map(|p| p.date_naive())
        });
    held_day.is_none_or(|held_day| (held_day - day).num_days().abs() <= STORY_WINDOW_DAYS)
}

/// Story events in time order; undated ones after dated ones, then by id for a stable order.
fn event_order(event: &StoryEvent) -> (bool, Option<dateline_shared::PartialDate>, &str) {
    let date = event.time.as_ref().and_then(|t| t.date);
    (date.is_none(), date, event.id.as_str())
}

/// Drops the tallies of a story's events, before they are re-derived or the story leaves the desk.
fn forget_derivations(derivations: &mut HashMap<String, Derivation>, story: &Story) {
    for held in &story.events {
        derivations.remove(&held.id);
    }
}

/// Removes the reports of older versions of an article from a story; returns the changes that made.
fn retract_article(
    story: &mut Story,
    article_id: &str,
    newer_version: u32,
    revision: u64,
    because: &Because,
) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut kept = Vec::with_capacity(story.events.len());
    for held in story.events.drain(..) {
        let stale = |r: &Event| r.article_id == article_id && r.article_version < newer_version;
        if !held.reports.iter().any(stale) {
            kept.push(held);
            continue;
        }
        let reports: Vec<Event> = held.reports.iter().filter(|r| !stale(r)).cloned().collect();
        if reports.is_empty() {
            changes.push(Change {
                event_id: held.id.clone(),
                field: "event".to_owned(),
                from: Some(title::event_title(&held)),
                to: None,
                because: because.clone(),
            });
            continue;
        }
        let mut after = resolve(held.id.clone(), reports, held.history.clone());
        for (field, from, to) in diff(&held, &after) {
            after.history.push(HistoryEntry {
                revision,
                field: field.clone(),
                from: from.clone(),
                to: to.clone(),
                article_id: because.article_id.clone(),
                outlet: because.outlet.clone(),
            });
            changes.push(Change {
                event_id: after.id.clone(),
                field,
                from,
                to,
                because: because.clone(),
            });
        }
        kept.push(after);
    }
    story.events = kept;
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::tests::{event, person};
    use dateline_shared::Status;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default()
    }

    fn report(article: &str, version: u32, status: Status, place: Option<&str>, day: u32) -> Event {
        let mut e = event(
            "meeting",
            &[person("Fumio Kishida"), person("Yoon Suk Yeol")],
            place,
            None,
        );
        e.status = status;
        e.article_id = article.to_owned();
        e.article_version = version;
        e.outlet = Some(format!("outlet of {article}"));
        e.published_at = format!("2023-03-{day:02}T09:00:00+09:00").parse().ok();
        e.id = stable_id("ev-", &[article, &version.to_string(), "meeting"]);
        e
    }

    #[test]
    fn an_undated_report_with_no_publication_time_is_about_now() {
        let launch = |article: &str, date: Option<&str>, published: Option<&str>| {
            let mut e = event("missile_launch", &[person("North Korea")], None, date);
            e.article_id = article.to_owned();
            e.id = stable_id("ev-", &[article, "launch"]);
            e.published_at = published.and_then(|p| p.parse().ok());
            e
        };
        let mut desk = Desk::new();
        let published = Some("2026-03-04T09:00:00+09:00");
        // One article tells of this week's launch and, in its background, of January's.
        let january = launch("bg", Some("2026-01"), published);
        let tuesday = launch("lead", Some("2026-03-03"), published);
        let (january_id, tuesday_id) = (january.id.clone(), tuesday.id.clone());
        desk.apply(january, now());
        let story = desk.apply(tuesday, now());
        let story = story.story_id().unwrap_or_default().to_owned();
        // A plain-text report naming no day and carrying no date joins this week's launch.
        desk.apply(launch("plain", None, None), now());
        let held = desk.story(&story).expect("story");
        let holding = |id: &str| {
            held.events
                .iter()
                .find(|e| e.reports.iter().any(|r| r.id == id))
                .map(|e| e.time.as_ref().and_then(|t| t.date).map(|d| d.to_string()))
        };
        assert_eq!(holding(&tuesday_id), Some(Some("2026-03-03".to_owned())));
        assert_eq!(holding(&january_id), Some(Some("2026-01".to_owned())));
        let plain = stable_id("ev-", &["plain", "launch"]);
        assert_eq!(
            holding(&plain),
            Some(Some("2026-03-03".to_owned())),
            "{held:#?}"
        );
    }

    #[test]
    fn a_full_story_takes_no_new_happening_but_still_its_own() {
        let mut desk = Desk::new();
        let met = |guest: usize, article: usize| {
            let mut e = event(
                "meeting",
                &[
                    person("Fumio Kishida"),
                    person(&format!("Guest Number{guest}")),
                ],
                Some("Tokyo"),
                None,
            );
            e.article_id = format!("art-{guest}-{article}");
            e.outlet = Some(format!("outlet {article}"));
            e.published_at = "2023-03-14T09:00:00+09:00".parse().ok();
            e.id = stable_id("ev-", &[&e.article_id]);
            e
        };
        // Kishida's meetings that day chain into one story (a shared named actor, same day, same place)...
        let per_meeting = 50;
        let meetings = MAX_STORY_REPORTS / per_meeting;
        let mut stories = BTreeSet::new();
        for guest in 0..meetings {
            for article in 0..per_meeting {
                stories.extend(
                    desk.apply(met(guest, article), now())
                        .story_id()
                        .map(str::to_owned),
                );
            }
        }
        assert_eq!(stories.len(), 1, "one story until it is full");
        let full = stories.first().cloned().unwrap_or_default();
        // ...until it holds MAX_STORY_REPORTS reports: the next meeting starts a story of its own,
        let next = desk.apply(met(meetings, 0), now());
        assert_ne!(next.story_id(), Some(full.as_str()));
        // while one more report of a meeting it holds still joins it.
        let again = desk.apply(met(0, per_meeting), now());
        assert_eq!(again.story_id(), Some(full.as_str()));
    }

    #[test]
    fn reports_of_one_happening_merge_and_changes_say_why() {
        let mut desk = Desk::new();
        let first = desk.apply(report("a1", 1, Status::Expected, None, 14), now());
        let Outcome::Changed { story, changes } = first else {
            panic!("first report must create the event")
        };
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "event");
        assert_eq!(
            desk.story(&story).map(|s| s.title.as_str()),
            Some("Fumio Kishida to meet Yoon Suk Yeol")
        );

        let second = desk.apply(report("a2", 1, Status::Occurred, Some("Tokyo"), 16), now());
        let Outcome::Changed { story, changes } = second else {
            panic!("the held meeting must change the story")
        };
        let story = desk.story(&story).expect("the story is held");
        assert_eq!(story.events.len(), 1, "one happening, one event");
        assert_eq!(story.revision, 2);
        let fields: Vec<(&str, Option<&str>, Option<&str>)> = changes
            .iter()
            .map(|c| (c.field.as_str(), c.from.as_deref(), c.to.as_deref()))
            .collect();
        assert!(
            fields.contains(&("status", Some("expected"), Some("occurred"))),
            "{fields:?}"
        );
        assert!(
            fields.contains(&("place", None, Some("Tokyo"))),
            "{fields:?}"
        );
        assert!(changes.iter().all(|c| c.because.article_id == "a2"));
        assert_eq!(
            story.events[0].history.len(),
            1 + changes.iter().filter(|c| c.field != "title").count()
        );
    }

    #[test]
    fn applying_the_same_report_twice_changes_nothing() {
        let mut desk = Desk::new();
        let report = report("a1", 1, Status::Occurred, Some("Tokyo"), 16);
        assert!(matches!(
            desk.apply(report.clone(), now()),
            Outcome::Changed { .. }
        ));
        assert_eq!(desk.apply(report, now()), Outcome::Duplicate);
        assert_eq!(desk.stories().next().map(|s| s.revision), Some(1));
    }

    #[test]
    fn a_confirmation_adds_support_without_a_change() {
        let mut desk = Desk::new();
        desk.apply(report("a1", 1, Status::Occurred, Some("Tokyo"), 16), now());
        let outcome = desk.apply(report("a2", 1, Status::Occurred, Some("Tokyo"), 16), now());
        let Outcome::Supported { story } = outcome else {
            panic!("expected support only, got {outcome:?}")
        };
        let story = desk.story(&story).expect("the story is held");
        assert_eq!(story.revision, 1);
        assert_eq!(story.events[0].reports.len(), 2);
    }

    #[test]
    fn published_updates_name_sources_without_carrying_whole_reports() {
        let mut desk = Desk::new();
        desk.apply(report("a1", 1, Status::Occurred, Some("Tokyo"), 16), now());
        let outcome = desk.apply(report("a2", 1, Status::Occurred, Some("Tokyo"), 16), now());
        let id = outcome.story_id().expect("taken").to_owned();
        let change = Change {
            event_id: desk.story(&id).expect("held").events[0].id.clone(),
            field: "status".to_owned(),
            from: None,
            to: Some("occurred".to_owned()),
            because: Because {
                article_id: "a2".to_owned(),
                outlet: None,
            },
        };
        let encoded = desk
            .update_json(&id, &[change])
            .expect("held")
            .expect("serializes");
        let story = desk.story(&id).expect("held");
        let update: dateline_shared::StoryUpdate =
            serde_json::from_slice(&encoded).expect("reads back");
        assert_eq!(update.events.len(), 1, "the event the change touched");
        let event = &update.events[0];
        assert!(event.reports.is_empty());
        let mut outlets: Vec<_> = event
            .sources
            .iter()
            .filter_map(|s| s.outlet.as_deref())
            .collect();
        outlets.sort_unstable();
        assert_eq!(outlets, ["outlet of a1", "outlet of a2"]);
        let json = String::from_utf8_lossy(&encoded);
        assert!(!json.contains("\"reports\":["), "{json}");
        let stored = serde_json::to_string(story).expect("serializes");
        assert!(!stored.contains("\"reports\":["), "{stored}");
        assert_eq!(
            story.events[0].reports.len(),
            2,
            "the stored story keeps them"
        );
    }

    #[test]
    fn a_subscriber_that_missed_an_update_is_told_to_read_the_story_whole() {
        let mut desk = Desk::new();
        let arrival = |article: &str, day: u32| {
            let mut e = event("arrival", &[person("Fumio Kishida")], Some("Seoul"), None);
            e.article_id = article.to_owned();
            e.published_at = format!("2023-03-{day:02}T09:00:00+09:00").parse().ok();
            e.id = stable_id("ev-", &[article, "arrival"]);
            e
        };
        let published = |desk: &mut Desk, outcome: Outcome| {
            let Outcome::Changed { story, changes } = outcome else {
                panic!("a change expected, got {outcome:?}");
            };
            let json = desk
                .update_json(&story, &changes)
                .expect("held")
                .expect("encodes");
            serde_json::from_slice::<dateline_shared::StoryUpdate>(&json).expect("reads back")
        };
        let first = desk.apply(report("a1", 1, Status::Occurred, Some("Seoul"), 16), now());
        let id = first.story_id().expect("taken").to_owned();
        let copy = desk.story(&id).expect("held").clone();
        let second = desk.apply(arrival("a2", 16), now());
        assert_eq!(
            second.story_id(),
            Some(id.as_str()),
            "the arrival joins the story"
        );
        let missed = published(&mut desk, second);
        let third = desk.apply(
            report("a3", 1, Status::Occurred, Some("Seoul Blue House"), 17),
            now(),
        );
        let update = published(&mut desk, third);
        assert_eq!(update.events.len(), 1, "only the touched meeting travels");

        let mut behind = copy.clone();
        assert!(
            !update.apply_to(&mut behind),
            "the arrival the copy never saw is not in the update"
        );
        assert_eq!(behind, copy, "a copy that cannot follow is left as it was");

        let mut following = copy;
        assert!(missed.apply_to(&mut following) && update.apply_to(&mut following));
        let held = desk.story(&id).expect("held");
        let ids = |s: &Story| s.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&following), ids(held));
        assert_eq!(following.revision, held.revision);
        assert!(
            update.apply_to(&mut following),
            "an update already applied changes nothing"
        );
        assert_eq!(following.revision, held.revision);
    }

    #[test]
    fn a_corrected_version_after_a_kill_starts_a_new_story_rather_than_reopening_the_archived_one()
    {
        let mut desk = Desk::new();
        let first = desk.apply(report("a1", 1, Status::Occurred, Some("Tokyo"), 16), now());
        let killed = first.story_id().expect("taken").to_owned();
        desk.withdraw(&kill("a1", 2), now());
        let archived = desk.take_closed();
        assert_eq!(archived.len(), 1, "the emptied story is closed");
        assert_eq!(archived[0].id, killed);
        let corrected = desk.apply(report("a1", 2, Status::Occurred, Some("Osaka"), 16), now());
        let story = corrected.story_id().expect("taken");
        assert_ne!(story, killed, "the archived story's id is not reused");
        assert_eq!(desk.story(story).map(|s| s.revision), Some(1));
    }

    fn kill(article: &str, version: u32) -> Withdrawal {
        Withdrawal {
            article_id: article.to_owned(),
            article_version: version,
            outlet: Some(format!("outlet of {article}")),
            published_at: None,
        }
    }

    #[test]
    fn a_kill_notice_removes_the_articles_reports_and_fields_fall_back() {
        let mut desk = Desk::new();
        desk.apply(report("a1", 1, Status::Occurred, Some("Osaka"), 16), now());
        desk.apply(report("a2", 1, Status::Expected, None, 16), now());
        let outcome = desk.withdraw(&kill("a1", 2), now());
        let Outcome::Changed { story, changes } = outcome else {
            panic!("a kill must change the story, got {outcome:?}")
        };
        let held = &desk
            .story(&story)
            .expect("a2 still supports the story")
            .events[0];
        assert_eq!(held.reports.len(), 1);
        assert_eq!(held.reports[0].article_id, "a2");
        assert_eq!(held.place, None, "the place only a1 gave falls back");
        assert_eq!(held.status, Status::Expected);
        assert!(changes
            .iter()
            .all(|c| c.because.article_id == "a1" && c.event_id == held.id));
        assert!(changes
            .iter()
            .any(|c| c.field == "place" && c.from.as_deref() == Some("Osaka") && c.to.is_none()));
        // The notice again, or a late copy of the killed version, changes nothing.
        assert_eq!(desk.withdraw(&kill("a1", 2), now()), Outcome::Stale);
        let mut late = report("a1", 1, Status::Occurred, Some("Kobe"), 16);
        late.id = "ev-late".to_owned();
        assert_eq!(desk.apply(late, now()), Outcome::Stale);
    }

    #[test]
    fn a_story_left_without_events_by_a_kill_is_closed() {
        let mut desk = Desk::new();
        desk.apply(report("a1", 1, Status::Occurred, Some("Osaka"), 16), now());
        let outcome = desk.withdraw(&kill("a1", 2), now());
        let Outcome::Changed { story, changes } = outcome else {
            panic!("a kill must change the story, got {outcome:?}")
        };
        assert!(changes.iter().any(|c| c.field == "event" && c.to.is_none()));
        assert!(desk.story(&story).is_none(), "no longer open");
        assert!(desk
            .find(&story)
            .is_some_and(|s| s.closed && s.events.is_empty()));
        let closed = desk.take_closed();
        assert_eq!(closed.len(), 1);
        assert_eq!(
            desk.withdraw(&kill("unknown", 2), now()),
            Outcome::Duplicate
        );
    }

    #[test]
    fn a_new_article_version_replaces_the_old_reports() {
        let mut desk = Desk::new();
        desk.apply(report("a1", 1, Status::Occurred, Some("Osaka"), 16), now());
        let outcome = desk.apply(report("a1", 2, Status::Occurred, Some("Tokyo"), 16), now());
        let Outcome::Changed { story, changes } = outcome else {
            panic!("a correction must change the story")
        };
        let held = &desk.story(&story).expect("the story is held").events[0];
        assert_eq!(held.reports.len(), 1);
        assert_eq!(held.place.as_ref().map(|p| p.name.as_str()), Some("Tokyo"));
        assert!(changes
            .iter()
            .any(|c| c.field == "place" && c.to.as_deref() == Some("Tokyo")));
        let mut late_old_version = report("a1", 1, Status::Occurred, Some("Kobe"), 16);
        late_old_version.id = "ev-late-v1".to_owned();
        assert_eq!(desk.apply(late_old_version, now()), Outcome::Stale);
    }

    #[test]
    fn a_desk_restored_from_its_stories_continues_identically() {
        let reports = [
            report("a1", 1, Status::Expected, None, 14),
            report("a2", 1, Status::Occurred, Some("Tokyo"), 16),
            report("a3", 1, Status::Occurred, Some("Tokyo"), 16),
        ];
        let mut live = Desk::new();
        for r in &reports {
            live.apply(r.clone(), now());
        }
        let mut restarted = Desk::new();
        restarted.apply(reports[0].clone(), now());
        let mut restarted = Desk::from_stories(restarted.stories().cloned().collect::<Vec<_>>());
        for r in &reports[1..] {
            restarted.apply(r.clone(), now());
        }
        // The restored desk also knows what it holds: a redelivered report is a duplicate.
        assert_eq!(
            restarted.apply(reports[0].clone(), now()),
            Outcome::Duplicate
        );
        let a: Vec<&Story> = live.stories().collect();
        let b: Vec<&Story> = restarted.stories().collect();
        assert_eq!(a, b);
    }

    #[test]
    fn a_story_whose_newest_report_is_killed_goes_quiet_from_the_one_before() {
        let mut desk = Desk::new();
        desk.apply(
            report("early", 1, Status::Occurred, Some("Seoul"), 1),
            now(),
        );
        let Outcome::Supported { story } = desk.apply(
            report("late", 1, Status::Occurred, Some("Seoul"), 20),
            now(),
        ) else {
            panic!("the second report should support the first's event");
        };
        desk.withdraw(&kill("late", 2), now());
        // Other news on day 21, enough of it for the desk to look for quiet stories: the remaining report
        // (day 1) is older than the quiet period, the killed one (day 20) would not have been.
        for n in 0..300 {
            let mut other = event(
                "arrival",
                &[person(&format!("Envoy {n}"))],
                Some("Oslo"),
                None,
            );
            other.article_id = format!("other-{n}");
            other.id = format!("ev-other-{n}");
            other.published_at = "2023-03-21T09:00:00+09:00".parse().ok();
            desk.apply(other, now());
        }
        assert!(desk.story(&story).is_none(), "the story should have closed");
        assert!(desk.take_closed().iter().any(|s| s.id == story));
    }

    #[test]
    fn quiet_stories_are_closed_and_memory_stays_bounded() {
        let mut desk = Desk::new();
        for day in 0..600u32 {
            let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default()
                + chrono::Days::new(u64::from(day));
            let name = format!("Leader {day}");
            let mut e = event(
                "arrival",
                &[person(&name)],
                Some("Canberra"),
                Some(&date.to_string()),
            );
            e.article_id = format!("a{day}");
            e.published_at = date
                .and_hms_opt(8, 0, 0)
                .map(|t| t.and_utc().fixed_offset());
            desk.apply(e, now());
            if let Some(story) = desk.story_of_article(&format!("a{day}")).map(str::to_owned) {
                desk.story_json(&story);
            }
        }
        // Only the last few weeks stay hot (closing runs every 256 reports); the rest were handed out, and
        // what the desk keeps about them (index entries, kept JSON) went with them.
        assert!(
            desk.len() <= (QUIET_DAYS as usize) + 256,
            "{} stories still open",
            desk.len()
        );
        assert_eq!(desk.events.stories(), desk.len());
        assert!(desk.encoded.len() <= desk.len());
        let closed = desk.take_closed();
        assert!(closed.len() >= 600 - (QUIET_DAYS as usize) - 256);
        assert!(closed.iter().all(|s| s.closed));
        assert!(desk.take_closed().is_empty());
    }

    #[test]
    fn a_shared_leader_joins_stories_only_near_in_time_and_place() {
        let happening = |kind: &str, article: &str, who: &[&str], place: &str, date: &str| {
            let actors: Vec<_> = who.iter().map(|name| person(name)).collect();
            let mut e = event(kind, &actors, Some(place), Some(date));
            e.article_id = article.to_owned();
            e.published_at = format!("{date}T10:00:00+02:00").parse().ok();
            e
        };
        let mut desk = Desk::new();
        let arrival = desk.apply(
            happening(
                "arrival",
                "a1",
                &["Emmanuel Macron"],
                "Berlin",
                "2024-05-06",
            ),
            now(),
        );
        let talks = desk.apply(
            happening(
                "meeting",
                "a2",
                &["Emmanuel Macron", "Olaf Scholz"],
                "Berlin",
                "2024-05-07",
            ),
            now(),
        );
        let elsewhere = desk.apply(
            happening(
                "arrival",
                "a3",
                &["Emmanuel Macron"],
                "New Delhi",
                "2024-05-09",
            ),
            now(),
        );
        let next_month = desk.apply(
            happening(
                "meeting",
                "a4",
                &["Emmanuel Macron", "Olaf Scholz"],
                "Berlin",
                "2024-06-20",
            ),
            now(),
        );
        assert_eq!(
            arrival.story_id(),
            talks.story_id(),
            "arriving in Berlin and talks there the next day are one story"
        );
        assert_ne!(
            arrival.story_id(),
            elsewhere.story_id(),
            "the same leader in another city that week is another story"
        );
        assert_ne!(
            arrival.story_id(),
            next_month.story_id(),
            "talks six weeks later are another story"
        );
    }

    #[test]
    fn unrelated_happenings_make_separate_stories() {
        let mut desk = Desk::new();
        desk.apply(report("a1", 1, Status::Occurred, Some("Tokyo"), 16), now());
        let mut launch = event(
            "missile_launch",
            &[person("Islamic Revolutionary Guard Corps")],
            None,
            Some("2023-03-16"),
        );
        launch.article_id = "b1".to_owned();
        desk.apply(launch, now());
        assert_eq!(desk.len(), 2);
    }

    #[test]
    fn a_story_written_after_every_report_is_what_encoding_it_whole_gives() {
        // One happening reported again and again, the story written after each report as the service does:
        // its kept JSON, sealed pages of sources included, must read back as the whole story (debug builds also
        // compare every `story_json` with a full encoding too).
        let mut desk = Desk::new();
        let mut story = String::new();
        for n in 0..60 {
            let status = if n % 2 == 0 {
                Status::Occurred
            } else {
                Status::Expected
            };
            let outcome = desk.apply(
                report(&format!("a{n}"), 1, status, Some("Seoul"), 16),
                now(),
            );
            story = outcome.story_id().unwrap_or_default().to_owned();
            desk.seal_sources(&story);
            let json = desk
                .story_json(&story)
                .and_then(Result::ok)
                .unwrap_or_default();
            let stored: Story = serde_json::from_slice(&json).expect("the story JSON reads back");
            assert_eq!(stored.events[0].sources.count(), n + 1);
            let whole = desk.story(&story).map(serde_json::to_vec);
            assert_eq!(whole.and_then(Result::ok), Some(json));
        }
        let held = desk.story(&story).expect("the story is open");
        assert!(
            !held.events[0].sources.sealed().is_empty(),
            "60 reports must have sealed pages of sources"
        );
    }

    mod kept_indexes {
        //! What the desk keeps to go fast must never change what it does: routing through the event index must
        //! find exactly what scoring every held event finds ([`Desk::holding_by_scan`]), and a story's JSON put
        //! together from its events' kept JSON must be what encoding it whole gives. Debug builds assert both
        //! on every use, so these runs fail on any difference.
        use super::*;
        use crate::resolve::tests::country;
        use chrono::NaiveDate;
        use proptest::prelude::*;
        use proptest::test_runner::TestCaseError;

        const PEOPLE: [&str; 4] = [
            "Pedro Sanchez",
            "Olaf Scholz",
            "Giorgia Meloni",
            "Donald Tusk",
        ];
        const KINDS: [&str; 3] = ["meeting", "arrival", "agreement"];

        #[derive(Debug, Clone)]
        enum Step {
            Report {
                article: usize,
                version: u32,
                kind: usize,
                people: Vec<usize>,
                with_country: bool,
                /// None, or a date of one of the forms a report carries: day, month or year.
                date: Option<String>,
                /// Days after 2024-01-10 the report was published.
                published: u64,
            },
            Kill {
                article: usize,
                version: u32,
            },
        }

        fn step() -> impl Strategy<Value = Step> {
            prop_oneof![
                6 => (0usize..6, 1u32..3, 0usize..KINDS.len(), proptest::collection::vec(0usize..PEOPLE.len(), 0..3), any::<bool>(), date(), 0u64..60)
                    .prop_map(|(article, version, kind, people, with_country, date, published)| Step::Report { article, version, kind, people, with_country, date, published }),
                1 => (0usize..6, 2u32..4).prop_map(|(article, version)| Step::Kill { article, version }),
            ]
        }

        /// Dates around the reports' publication, at every precision (an impossible day, 30 February, is no date).
        fn date() -> impl Strategy<Value = Option<String>> {
            prop_oneof![
                2 => Just(None),
                3 => (1u32..4, 1u32..31).prop_map(|(m, d)| Some(format!("2024-{m:02}-{d:02}"))),
                1 => (1u32..4).prop_map(|m| Some(format!("2024-{m:02}"))),
                1 => (2023i32..2025).prop_map(|y| Some(y.to_string())),
            ]
        }

        proptest! {
            #[test]
            fn route_and_encode_as_a_full_scan_and_a_full_encoding_do(steps in proptest::collection::vec(step(), 1..40)) {
                let mut desk = Desk::new();
                // Each story as a subscriber following its published updates sees it.
                let mut followed: HashMap<String, Story> = HashMap::new();
                for (n, step) in steps.into_iter().enumerate() {
                    let outcome = match step {
                        Step::Report { article, version, kind, people, with_country, date, published } => {
                            let mut actors: Vec<_> = people.iter().map(|p| person(PEOPLE[*p])).collect();
                            if with_country || actors.is_empty() {
                                actors.push(country("Spain"));
                            }
                            let mut e = event(KINDS[kind], &actors, None, date.as_deref());
                            let article = format!("a{article}");
                            e.article_id = article.clone();
                            e.article_version = version;
                            let day = NaiveDate::from_ymd_opt(2024, 1, 10)
                                .and_then(|d| d.checked_add_days(chrono::Days::new(published)))
                                .unwrap_or_default();
                            e.published_at = format!("{day}T10:00:00+00:00").parse().ok();
                            e.id = stable_id("ev-", &[&article, &version.to_string(), &n.to_string()]);
                            desk.apply(e, now())
                        }
                        Step::Kill { article, version } => {
                            desk.withdraw(&kill(&format!("a{article}"), version), now())
                        }
                    };
                    if let Outcome::Changed { story, changes } = &outcome {
                        let json = desk.update_json(story, changes);
                        let Some(Ok(json)) = json else {
                            return Err(TestCaseError::fail(format!("update of {story} not encoded: {json:?}")));
                        };
                        let update: dateline_shared::StoryUpdate = serde_json::from_slice(&json)
                            .map_err(|e| TestCaseError::fail(format!("update of {story} unreadable: {e}")))?;
                        let copy = followed.entry(story.clone()).or_insert_with(|| Story {
                            id: story.clone(),
                            title: String::new(),
                            revision: 0,
                            updated_at: now(),
                            closed: false,
                            events: Vec::new(),
                        });
                        prop_assert!(update.apply_to(copy), "an update of {} named an event never published", story);
                        if let Some(held) = desk.story(story) {
                            let ids = |s: &Story| s.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
                            prop_assert_eq!(ids(copy), ids(held), "a subscriber's copy of {} lost track of its events", story);
                            for (seen, held) in copy.events.iter().zip(&held.events) {
                                prop_assert_eq!(
                                    (seen.status, &seen.place, &seen.time, &seen.actors),
                                    (held.status, &held.place, &held.time, &held.actors),
                                    "a displayed field of {} changed without an update", seen.id
                                );
                            }
                            prop_assert_eq!((&copy.title, copy.revision), (&held.title, held.revision));
                        }
                    }
                    // As the service does after each batch: seal pages of sources, then write the stories.
                    let ids: Vec<String> = desk.stories().map(|s| s.id.clone()).collect();
                    for id in ids.iter().filter(|_| n % 3 == 2) {
                        desk.seal_sources(id);
                        let json = desk.story_json(id);
                        prop_assert!(matches!(json, Some(Ok(_))), "story {id} not encoded: {json:?}");
                    }
                }

            }
        }
    }
}
