//! A story's title: one readable line that follows its most important event.
//!
//! "Kim Jong Un meets Vladimir Putin at Vostochny Cosmodrome" tells a desk more than a list of actors; the
//! title changes as the lead event does (from "... to meet ..." to "... meets ...").

use dateline_shared::{ActorType, Status, Story, StoryEvent};

/// How much a kind of event tends to lead a story.
fn weight(kind: &str) -> u32 {
    match kind {
        "meeting" | "agreement" => 6,
        "missile_launch" | "attack" => 5,
        "arrival" => 3,
        "departure" => 2,
        _ => 1,
    }
}

/// The event the title follows: the weightiest kind, then the best supported, then the latest reported.
pub fn lead_event(story: &Story) -> Option<&StoryEvent> {
    let newest = story
        .events
        .iter()
        .filter_map(|e| e.time.as_ref()?.date)
        .max();
    story.events.iter().max_by_key(|e| {
        // A happening dated long before the story's newest one is background (the 2019 summit), not the lead.
        let current = match (e.time.as_ref().and_then(|t| t.date), newest) {
            (Some(date), Some(newest)) => date.year >= newest.year && date.precision() >= 2,
            _ => true,
        };
        (
            current,
            weight(&e.kind),
            e.reports.len(),
            std::cmp::Reverse(e.id.clone()),
        )
    })
}

pub fn title(story: &Story) -> String {
    lead_event(story).map_or_else(|| "Untitled story".to_owned(), event_title)
}

/// One event as a headline-style line.
pub fn event_title(event: &StoryEvent) -> String {
    let mut named: Vec<&str> = event
        .actors
        .iter()
        .filter(|a| a.actor_type != ActorType::Country)
        .map(|a| a.name.as_str())
        .collect();
    if named.is_empty() {
        named = event.actors.iter().map(|a| a.name.as_str()).collect();
    }
    let first = named.first().copied().unwrap_or("Unnamed party");
    let others = if named.len() > 1 {
        named[1..].join(" and ")
    } else {
        String::new()
    };
    let at = |prep: &str| {
        event
            .place
            .as_ref()
            .map_or(String::new(), |p| format!(" {prep} {}", p.name))
    };
    let (present, future, maybe) = match event.kind.as_str() {
        "meeting" if !others.is_empty() => (
            format!("meets {others}"),
            format!("to meet {others}"),
            format!("may meet {others}"),
        ),
        "meeting" => (
            "holds talks".to_owned(),
            "to hold talks".to_owned(),
            "may hold talks".to_owned(),
        ),
        "arrival" => (
            "arrives".to_owned(),
            "to arrive".to_owned(),
            "may arrive".to_owned(),
        ),
        "departure" => (
            "leaves".to_owned(),
            "to leave".to_owned(),
            "may leave".to_owned(),
        ),
        "missile_launch" => {
            let what = match (event.count, event.weapon.as_deref()) {
                (Some(n), Some(w)) if n > 1 => format!("{n} {w}s"),
                (Some(_), Some(w)) | (None, Some(w)) => format!("a {w}"),
                (Some(n), None) if n > 1 => format!("{n} missiles"),
                _ => "missiles".to_owned(),
            };
            (
                format!("launches {what}"),
                format!("to launch {what}"),
                format!("may have launched {what}"),
            )
        }
        "agreement" if !others.is_empty() => (
            format!("and {others} reach agreement"),
            format!("and {others} to sign agreement"),
            format!("and {others} may reach agreement"),
        ),
        kind => {
            let kind = kind.replace('_', " ");
            (
                kind.clone(),
                format!("{kind} expected"),
                format!("{kind} possible"),
            )
        }
    };
    let place = match event.kind.as_str() {
        "arrival" => at("in"),
        "departure" => at("from"),
        "missile_launch" => String::new(),
        _ => at("at"),
    };
    let verb = match event.status {
        Status::Occurred => present,
        Status::Expected => future,
        Status::Speculated => maybe,
        Status::Denied => format!("denies report: {present}"),
    };
    format!("{first} {verb}{place}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::resolve_new;
    use crate::resolve::tests::{event, person};

    #[test]
    fn titles_follow_status_and_place() {
        let mut summit = event(
            "meeting",
            &[person("Kim Jong Un"), person("Vladimir Putin")],
            Some("Vostochny Cosmodrome"),
            None,
        );
        summit.status = Status::Expected;
        assert_eq!(
            event_title(&resolve_new(summit.clone())),
            "Kim Jong Un to meet Vladimir Putin at Vostochny Cosmodrome"
        );
        summit.status = Status::Occurred;
        assert_eq!(
            event_title(&resolve_new(summit)),
            "Kim Jong Un meets Vladimir Putin at Vostochny Cosmodrome"
        );
    }

    #[test]
    fn the_meeting_leads_over_an_arrival() {
        let arrival = resolve_new(event(
            "arrival",
            &[person("Kim Jong Un")],
            Some("Khasan"),
            Some("2023-09-12"),
        ));
        let summit = resolve_new(event(
            "meeting",
            &[person("Kim Jong Un"), person("Vladimir Putin")],
            None,
            Some("2023-09-13"),
        ));
        let past = resolve_new(event(
            "meeting",
            &[person("Kim Jong Un"), person("Vladimir Putin")],
            Some("Vladivostok"),
            Some("2019"),
        ));
        let story = Story {
            id: "st-1".into(),
            title: String::new(),
            revision: 1,
            updated_at: chrono::Utc::now(),
            closed: false,
            events: vec![past, arrival, summit.clone()],
        };
        assert_eq!(
            lead_event(&story).map(|e| e.id.as_str()),
            Some(summary_id(&summit))
        );
    }

    fn summary_id(e: &StoryEvent) -> &str {
        &e.id
    }
}
