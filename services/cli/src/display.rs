//! Rendering story updates for a terminal: what changed, coloured, with its source — readable at a glance.

use std::io::IsTerminal;

use dateline_shared::{Story, StoryUpdate};

struct Palette {
    on: bool,
}

impl Palette {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

fn palette() -> Palette {
    Palette {
        on: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// One update: the story line, then one line per change.
pub fn render_update(update: &StoryUpdate) -> String {
    let p = palette();
    let story = &update.story;
    let mut out = format!(
        "{} {}  {}\n",
        p.paint("1;36", "●"),
        p.paint("1", &story.title),
        p.paint("2", &format!("{} rev {}", story.id, story.revision))
    );
    for change in &update.changes {
        let from = change.from.as_deref().unwrap_or("—");
        let to = change.to.as_deref().unwrap_or("—");
        let source = change.because.outlet.as_deref().unwrap_or("unknown outlet");
        let line = match (change.field.as_str(), &change.from, &change.to) {
            ("event", None, _) => format!("  {} {}", p.paint("32", "+ new"), to),
            ("event", _, None) => format!("  {} {}", p.paint("31", "- retracted"), from),
            (field, _, _) => {
                format!(
                    "  {} {} {} {}",
                    p.paint("33", &format!("{field}:")),
                    p.paint("2", from),
                    "→",
                    p.paint("1", to)
                )
            }
        };
        out.push_str(&format!(
            "{line}  {}\n",
            p.paint(
                "2",
                &format!("per {source} ({})", change.because.article_id)
            )
        ));
    }
    out
}

/// A story's current state: title, then each event with status, date, place and support.
pub fn render_story(story: &Story) -> String {
    let p = palette();
    let mut out = format!(
        "{} {}  {}\n",
        p.paint("1;36", "■"),
        p.paint("1", &story.title),
        p.paint("2", &story.id)
    );
    for event in &story.events {
        let date = event
            .time
            .as_ref()
            .map(|t| t.date.map_or_else(|| t.text.clone(), |d| d.to_string()))
            .unwrap_or_else(|| "undated".to_owned());
        let place = event
            .place
            .as_ref()
            .map_or("place unknown", |p| p.name.as_str());
        // Most reports first: the tally covers every source, sealed ones included.
        let outlets: Vec<String> = event
            .sources
            .outlets()
            .into_iter()
            .map(|o| o.outlet)
            .collect();
        out.push_str(&format!(
            "  {:<10} {:<14} {:<10} {:<24} {}  {}\n",
            date,
            event.kind,
            p.paint(status_colour(event.status), event.status.as_str()),
            place,
            crate::display::actors(event),
            p.paint(
                "2",
                &format!(
                    "{} report(s): {}",
                    event.sources.count(),
                    outlets.join(", ")
                )
            )
        ));
    }
    out
}

fn status_colour(status: dateline_shared::Status) -> &'static str {
    match status {
        dateline_shared::Status::Occurred => "32",
        dateline_shared::Status::Expected => "33",
        dateline_shared::Status::Speculated => "35",
        dateline_shared::Status::Denied => "31",
    }
}

fn actors(event: &dateline_shared::StoryEvent) -> String {
    event
        .actors
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
