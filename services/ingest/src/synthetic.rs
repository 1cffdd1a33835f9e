//! Synthetic wire copy for load and fault tests: deterministic, varied articles about visits, talks and
//! launches, written from sentence patterns of ordinary wire style.
//!
//! The same seed always yields the same articles, so a faulty run can be compared with a fault-free one.
//! Each article reports one happening of one of a bounded set of "storylines", so that many articles
//! corroborate the same events and stories grow the way real ones do.

use chrono::{Duration, NaiveDate};
use dateline_shared::Article;

/// (name, title, country name, demonym, capital)
const LEADERS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Anthony Albanese",
        "Prime Minister",
        "Australia",
        "Australian",
        "Canberra",
    ),
    (
        "Fumio Kishida",
        "Prime Minister",
        "Japan",
        "Japanese",
        "Tokyo",
    ),
    (
        "Joko Widodo",
        "President",
        "Indonesia",
        "Indonesian",
        "Jakarta",
    ),
    ("Emmanuel Macron", "President", "France", "French", "Paris"),
    ("Olaf Scholz", "Chancellor", "Germany", "German", "Berlin"),
    (
        "Narendra Modi",
        "Prime Minister",
        "India",
        "Indian",
        "New Delhi",
    ),
    (
        "Luiz Inacio Lula da Silva",
        "President",
        "Brazil",
        "Brazilian",
        "Brasilia",
    ),
    (
        "Cyril Ramaphosa",
        "President",
        "South Africa",
        "South African",
        "Pretoria",
    ),
    (
        "Recep Tayyip Erdogan",
        "President",
        "Turkey",
        "Turkish",
        "Ankara",
    ),
    (
        "Abdel Fattah al-Sisi",
        "President",
        "Egypt",
        "Egyptian",
        "Cairo",
    ),
    (
        "Ferdinand Marcos Jr",
        "President",
        "the Philippines",
        "Philippine",
        "Manila",
    ),
    (
        "Pedro Sanchez",
        "Prime Minister",
        "Spain",
        "Spanish",
        "Madrid",
    ),
];

const OUTLETS: &[&str] = &[
    "Reuters", "AP", "AFP", "Kyodo", "Yonhap", "Antara", "Bernama", "dpa",
];
const LAUNCHERS: &[(&str, &str)] = &[
    ("North Korea", "ballistic missile"),
    ("Iran", "cruise missile"),
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A tiny deterministic generator (SplitMix64): reproducible without a dependency.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// `count` articles drawn from `storylines` distinct happenings, starting on `start`.
/// Articles come in publication order, as a wire delivers them.
pub fn articles(seed: u64, count: usize, storylines: usize, start: NaiveDate) -> Vec<Article> {
    let mut mix = Mix(seed);
    let mut articles: Vec<Article> = (0..count)
        .map(|i| article(&mut mix, i, storylines.max(1), start))
        .collect();
    articles.sort_by(|a, b| {
        a.published_at
            .cmp(&b.published_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    articles
}

fn article(mix: &mut Mix, index: usize, storylines: usize, start: NaiveDate) -> Article {
    let line = (mix.next() % storylines as u64) as usize;
    // Everything about the happening comes from the storyline, so reports of it agree.
    let mut story = Mix(line as u64 * 7919 + 17);
    let day = start + Duration::days((line / 3) as i64 % 300);
    let published = day + Duration::days((mix.next() % 2) as i64);
    let weekday = WEEKDAYS[day.weekday_index()];
    let outlet = *mix.pick(OUTLETS);
    let (body, headline) = match line % 3 {
        0 => {
            let visitor = *story.pick(LEADERS);
            let mut host = *story.pick(LEADERS);
            if host.0 == visitor.0 {
                host = LEADERS[(LEADERS.iter().position(|l| l.0 == visitor.0).unwrap_or(0) + 1)
                    % LEADERS.len()];
            }
            let headline = format!("{} leader arrives in {} for talks", visitor.3, host.4);
            let body = format!(
                "{cap} ({outlet}) - {dem} {title} {name} arrived in {hcap} on {weekday} for a two-day visit, \
                 the {outlet_note} reported.\n\n{name} was greeted at the airport by {hdem} officials and is due to \
                 hold talks with {htitle} {hname} on trade and security.\n\nThe two governments have not said \
                 whether an agreement will be signed.",
                cap = visitor.4.to_uppercase(),
                dem = visitor.3,
                title = visitor.1,
                name = visitor.0,
                hcap = host.4,
                hdem = host.3,
                htitle = host.1,
                hname = host.0,
                outlet_note = if index.is_multiple_of(2) { "foreign ministry" } else { "government" },
            );
            (body, headline)
        }
        1 => {
            let a = *story.pick(LEADERS);
            let mut b = *story.pick(LEADERS);
            if b.0 == a.0 {
                b = LEADERS
                    [(LEADERS.iter().position(|l| l.0 == a.0).unwrap_or(0) + 2) % LEADERS.len()];
            }
            let headline = format!("{} and {} leaders meet in {}", a.2, b.2, b.4);
            let body = format!(
                "{cap} ({outlet}) - {atitle} {aname} of {acountry} met {btitle} {bname} in {bcap} on {weekday}, \
                 their first meeting this year, officials said.\n\nThe leaders discussed energy supplies and \
                 regional security, according to a statement released after the talks.",
                cap = b.4.to_uppercase(),
                atitle = a.1,
                aname = a.0,
                acountry = a.2,
                btitle = b.1,
                bname = b.0,
                bcap = b.4,
            );
            (body, headline)
        }
        _ => {
            let (country, weapon) = *story.pick(LAUNCHERS);
            let n = 1 + story.next() % 3;
            let count = ["one", "two", "three"][(n - 1) as usize];
            let headline = format!(
                "{country} fires {count} {weapon}{}",
                if n > 1 { "s" } else { "" }
            );
            let body = format!(
                "SEOUL ({outlet}) - {country} launched {count} {weapon}{plural} into the sea on {weekday}, \
                 the military of a neighbouring country said.\n\nThe launch was the latest in a series of \
                 weapons tests this year, officials said.",
                plural = if n > 1 { "s" } else { "" },
            );
            (body, headline)
        }
    };
    let published_at = published
        .and_hms_opt(9, 0, 0)
        .map(|t| t.and_utc().fixed_offset());
    Article {
        id: format!("syn-{index:07}"),
        version: 1,
        outlet: Some(outlet.to_owned()),
        headline: Some(headline),
        published_at,
        published_date_only: false,
        dateline: None,
        byline: None,
        url: None,
        pubstatus: Default::default(),
        body,
    }
}

trait WeekdayIndex {
    fn weekday_index(&self) -> usize;
}

impl WeekdayIndex for NaiveDate {
    fn weekday_index(&self) -> usize {
        use chrono::Datelike;
        self.weekday().num_days_from_monday() as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_articles() {
        let start = NaiveDate::from_ymd_opt(2024, 3, 4).unwrap_or_default();
        let a = articles(7, 50, 10, start);
        assert_eq!(a, articles(7, 50, 10, start));
        assert_ne!(a, articles(8, 50, 10, start));
        let ids: std::collections::HashSet<&str> = a.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids.len(), 50);
    }

    #[test]
    fn every_article_is_valid() {
        let start = NaiveDate::from_ymd_opt(2024, 3, 4).unwrap_or_default();
        for article in articles(1, 200, 30, start) {
            assert!(
                crate::validate::validate(&article, &crate::formats::Limits::default()).is_ok(),
                "{}",
                article.id
            );
            assert!(
                !article.body.contains("{"),
                "unfilled pattern in {}",
                article.id
            );
        }
    }
}
