//! One event per happening per article: the candidates that describe the same happening become one.
//!
//! Candidates merge when they have the same kind, compatible actors (they share one; for meetings one's
//! participants contain the other's or they share two), compatible dates (equal or one containing the
//! other; an undated mention joins a dated happening only when that date is recent — within two weeks of
//! publication — so "after they met in 2019" never absorbs this week's summit), and compatible places
//! (equal, or one a country containing the other); two agreements whose named parties differ ("A and B
//! signed ...; A, B and C also signed ...") stay two. Strong candidates, in text order, start happenings or
//! join one; weak ones (a lone participant, "the meeting", a quoted remark) only join the most recent
//! compatible happening and never make one. The merged event keeps the most specific place and date, the
//! firmest status (a denial wins a tie with a report; weak mentions without actors do not change status),
//! the union of actors and attribution, the largest count, the most specific weapon, and as evidence the
//! most informative sentence.

use chrono::NaiveDate;
use dateline_shared::{PartialDate, Place, Status};

use crate::entities::Ref;
use crate::frames::Candidate;

#[derive(Debug, Clone)]
pub struct Happening {
    pub kind: usize,
    pub status: Status,
    pub actors: Vec<Ref>,
    pub place: Option<Place>,
    pub destination: Option<Place>,
    pub date: Option<PartialDate>,
    pub time_text: Option<String>,
    pub count: Option<u32>,
    pub weapon: Option<String>,
    pub mode: Option<String>,
    pub attribution: Vec<String>,
    /// Candidate indices, in text order.
    pub mentions: Vec<usize>,
    arrival: bool,
    meeting: bool,
    agreement: bool,
    launch: bool,
    status_asserted: bool,
    /// The weapon each mention named, with its sentence: launches told apart in one sentence stay apart.
    weapons_named: Vec<(usize, String)>,
    /// The place is a launch site, which no sea area fired into replaces.
    place_site: bool,
    /// Started by a mention told as earlier than another ("came two days after ..."): see [`compatible_at`].
    precedes: bool,
}

/// The kinds whose actors merge by their own rules.
#[derive(Debug, Clone, Copy, Default)]
pub struct SpecialKinds {
    pub arrival: Option<usize>,
    pub meeting: Option<usize>,
    pub agreement: Option<usize>,
    pub missile_launch: Option<usize>,
}

/// One weapon name restates the other ("ballistic missile", "short-range ballistic missiles").
fn weapons_agree(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_end_matches('s'), b.trim_end_matches('s'));
    a.contains(b) || b.contains(a)
}

/// "tested a cruise missile and a new anti-aircraft missile": one sentence naming two different weapons
/// launched tells of two launches, whatever else they share.
fn told_apart(h: &Happening, c: &Candidate) -> bool {
    let Some(w) = c.weapon.as_deref() else {
        return false;
    };
    // "tested its Burevestnik cruise missile ... a Yars intercontinental ballistic missile was launched":
    // a cruise missile, a ballistic missile and a space rocket are different launches wherever told; so
    // are a ballistic missile that struck Dnipro and the cruise missiles fired at Ukraine that morning.
    h.weapons_named.iter().any(|(s, hw)| {
        (h.launch && *s == c.sent && !weapons_agree(hw, w))
            || matches!((weapon_class(hw), weapon_class(w)), (Some(a), Some(b)) if a != b)
    })
}

/// The class of a launched weapon that no restatement changes.
fn weapon_class(weapon: &str) -> Option<&'static str> {
    if weapon.contains("cruise") {
        Some("cruise")
    } else if weapon.contains("ballistic") {
        Some("ballistic")
    } else if weapon.contains("space launch") || weapon.contains("satellite") {
        Some("space")
    } else {
        None
    }
}

/// A launch whose weapon restates this candidate's is the better home for it than one that names another.
fn weapon_fits(h: &Happening, c: &Candidate) -> bool {
    match (h.weapon.as_deref(), c.weapon.as_deref()) {
        (Some(hw), Some(w)) => weapons_agree(hw, w),
        _ => false,
    }
}

fn recent(d: &PartialDate, published: Option<NaiveDate>) -> bool {
    let Some(p) = published else { return true };
    if let Some(day) = d.as_naive() {
        return (day - p).num_days().abs() <= 14;
    }
    months_after(d, p).is_some_and(|months| (-1..=1).contains(&months))
}

/// Months from publication's month to the date's, when the date has a month.
fn months_after(d: &PartialDate, p: NaiveDate) -> Option<i32> {
    let m = d.month?;
    Some(
        (d.year * 12 + m as i32)
            - (chrono::Datelike::year(&p) * 12 + chrono::Datelike::month(&p) as i32),
    )
}

/// "was expected in Jakarta in August ... It would be Lavrov's first trip to the capital since 2023": a plan
/// told twice, once with its month, is one plan when both tellings are of what is to come and the month lies
/// within the half year ahead.
fn coming_plan(d: &PartialDate, a: Status, b: Status, published: Option<NaiveDate>) -> bool {
    let ahead = |s: Status| matches!(s, Status::Expected | Status::Speculated);
    ahead(a)
        && ahead(b)
        && published
            .and_then(|p| months_after(d, p))
            .is_some_and(|months| (0..=6).contains(&months))
}

fn places_ok(a: &Option<Place>, b: &Option<Place>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a.compatible_with(b)
                || (a.country.is_none() || b.country.is_none()) && (a.is_country || b.is_country)
                || short_name_of(a, b)
                || short_name_of(b, a)
                || venue_named_for(a, b)
                || venue_named_for(b, a)
        }
        _ => true,
    }
}

/// "Hainan" and "the Hainan Commercial Spacecraft Launch Site", "Jiuquan" and "the Jiuquan Satellite Launch
/// Center": a venue no gazetteer knows, named after the place it stands in.
fn venue_named_for(place: &Place, venue: &Place) -> bool {
    !place.is_country
        && venue.country.is_none()
        && !venue.is_country
        && venue
            .name
            .strip_prefix(place.name.as_str())
            .is_some_and(|rest| rest.starts_with(' '))
}

/// "the Great Hall" for "the Great Hall of the People": a venue named by the start of its full name, in no
/// other country.
fn short_name_of(short: &Place, full: &Place) -> bool {
    let other_country = matches!((&short.country, &full.country), (Some(x), Some(y)) if x != y);
    !other_country
        && !short.is_country
        && !full.is_country
        && short.name.contains(' ')
        && full
            .name
            .strip_prefix(short.name.as_str())
            .is_some_and(|rest| rest.starts_with(" of "))
}

/// The country an actor is or belongs to, when known.
pub type CountryOf<'a> = &'a dyn Fn(Ref) -> Option<u16>;

/// A meeting named by countries alone ("France and Indonesia held talks") and one naming people of exactly
/// those countries ("Macron met Widodo") are the same meeting.
fn countries_match_people(countries: &[Ref], people: &[Ref], country_of: CountryOf<'_>) -> bool {
    if countries.len() < 2 || !countries.iter().all(|r| matches!(r, Ref::Country(_))) {
        return false;
    }
    if !people.iter().any(|r| matches!(r, Ref::Person(_))) {
        return false;
    }
    explained(countries, people, country_of)
}

/// Every country is that of a person named, or is left for one of the people whose country is unknown
/// ("President Joko Widodo").
fn explained(countries: &[Ref], people: &[Ref], country_of: CountryOf<'_>) -> bool {
    let persons: Vec<Ref> = people
        .iter()
        .copied()
        .filter(|r| matches!(r, Ref::Person(_)))
        .collect();
    let of_people: Vec<u16> = persons.iter().filter_map(|&r| country_of(r)).collect();
    let unknown = persons.len() - of_people.len();
    let unmatched = countries
        .iter()
        .filter(|&&r| !country_of(r).is_some_and(|c| of_people.contains(&c)))
        .count();
    unmatched <= unknown && unmatched < countries.len().max(1)
}

/// "Macron held talks with Vietnamese leaders" and "Macron ... welcomed by President Luong Cuong": past the
/// parties both name, each state one names is that of a person the other names.
fn others_by_country(states: &[Ref], people: &[Ref], country_of: CountryOf<'_>) -> bool {
    let shared = states.iter().filter(|a| people.contains(a)).count();
    let rest: Vec<Ref> = states
        .iter()
        .copied()
        .filter(|a| !people.contains(a))
        .collect();
    let persons: Vec<Ref> = people
        .iter()
        .copied()
        .filter(|r| matches!(r, Ref::Person(_)) && !states.contains(r))
        .collect();
    shared >= 1
        && !rest.is_empty()
        && !persons.is_empty()
        && rest.iter().all(|&r| {
            matches!(r, Ref::Country(_))
                && persons
                    .iter()
                    .any(|&p| country_of(p).is_some() && country_of(p) == country_of(r))
        })
}

fn compatible(
    h: &Happening,
    c: &Candidate,
    published: Option<NaiveDate>,
    country_of: CountryOf<'_>,
) -> bool {
    compatible_at(h, c, published, country_of, false)
}

/// `any_place`: a headline sums up the story below it, so its place ("in Beijing") may name the city of a
/// venue the body gives ("the Great Hall of the People"); only a place in another country sets it apart.
fn compatible_at(
    h: &Happening,
    c: &Candidate,
    published: Option<NaiveDate>,
    country_of: CountryOf<'_>,
    any_place: bool,
) -> bool {
    if h.kind != c.kind || told_apart(h, c) {
        return false;
    }
    if !c.actors.is_empty() && !h.actors.is_empty() {
        let shared = c.actors.iter().filter(|a| h.actors.contains(a)).count();
        // "Japan and the Philippines signed ..." and "Kamikawa ... signed the pact with Teodoro": the states
        // and the people acting for them are the same parties, for a meeting or a deal.
        let by_country = (h.meeting || h.agreement)
            && (countries_match_people(&h.actors, &c.actors, country_of)
                || countries_match_people(&c.actors, &h.actors, country_of)
                || others_by_country(&h.actors, &c.actors, country_of)
                || others_by_country(&c.actors, &h.actors, country_of));
        // "Pentagon chief visits Manila" over "Hegseth flew into Manila": a headline's traveller named by
        // the state is the traveller of that state the body names.
        let traveller_by_country = any_place
            && h.arrival
            && c.actors.iter().all(|&r| {
                matches!(r, Ref::Country(_))
                    && country_of(r).is_some()
                    && h.actors
                        .iter()
                        .any(|&p| matches!(p, Ref::Person(_)) && country_of(p) == country_of(r))
            });
        if shared == 0 && !by_country && !traveller_by_country {
            return false;
        }
        let c_in_h = c.actors.iter().all(|a| h.actors.contains(a));
        let h_in_c = h.actors.iter().all(|a| c.actors.contains(a));
        if h.meeting && !by_country && !(c_in_h || h_in_c || shared >= 2) {
            return false;
        }
        // "Turkiye and Iraq signed 26 memorandums ... Turkiye, Iraq, Qatar and the UAE also signed a
        // quadrilateral memorandum": two deals whose named parties differ are two deals.
        if h.agreement
            && c.strong
            && c.actors.len() >= 2
            && h.actors.len() >= 2
            && !(c_in_h && h_in_c)
        {
            let by_country = countries_match_people(&h.actors, &c.actors, country_of)
                || countries_match_people(&c.actors, &h.actors, country_of);
            if !by_country {
                return false;
            }
        }
    }
    // "The launch comes a week after Iran launched ... on Jan. 20": the earlier happening and the one the
    // sentence's subject stands for are two, however alike; only a mention dated alike restates it.
    let precedes = c.precedes.is_some();
    if (h.precedes || precedes) && !h.mentions.is_empty() {
        let dated_alike = matches!((&h.date, &c.date), (Some(a), Some(b)) if a.agrees_with(b));
        if !dated_alike {
            return false;
        }
    }
    match (&h.date, &c.date) {
        (Some(a), Some(b)) if !a.agrees_with(b) => return false,
        (Some(a), None) | (None, Some(a))
            if !recent(a, published) && !coming_plan(a, h.status, c.status, published) =>
        {
            return false
        }
        _ => {}
    }
    // "Ruritania denied that its forces struck the airport in Kisangani" and "... had fired three drones at
    // Bangoka airport": a denial and a report of the same act by the same actors are one happening, wherever
    // each places it within one country.
    let denial_of_report = (h.status == Status::Denied) != (c.status == Status::Denied)
        && !c.actors.is_empty()
        && c.actors.iter().all(|a| h.actors.contains(a));
    // "arrived in Jakarta on Monday" and, that day, "landed at Halim Perdanakusuma airport": a traveller's
    // arrival at a venue no gazetteer knows, on the day of an arrival in a city, is that arrival told again.
    let landed_in_city = h.arrival
        && matches!((&h.date, &c.date), (Some(a), Some(b)) if a.day.is_some() && a == b)
        && city_and_unknown_venue(&h.place, &c.place);
    // A place the narrative lent ("arrived in Beijing ... Xi welcomed him") is a guess: the venue the text
    // tells for the same talks elsewhere is where they were.
    // "held talks with Tokayev in Astana on Wednesday" and "The two leaders met ... at the Akorda
    // presidential palace": the same two or more parties meeting at a city and at a venue no gazetteer
    // knows are one meeting told twice.
    let same_talks_in_one_country = h.meeting
        && c.actors.len() >= 2
        && c.actors.len() == h.actors.len()
        && c.actors.iter().all(|a| h.actors.contains(a))
        && city_and_unknown_venue(&h.place, &c.place);
    let ok = if any_place
        || denial_of_report
        || landed_in_city
        || same_talks_in_one_country
        || c.place_borrowed
    {
        same_country
    } else {
        places_ok
    };
    // "Lula, Ramaphosa to meet in Johannesburg" over "... will meet at the Union Buildings": a headline
    // naming the same two or more parties sums up that happening, whatever the gazetteer makes of a venue.
    let same_parties =
        any_place && c.actors.len() >= 2 && c.actors.iter().all(|a| h.actors.contains(a));
    // The site a launch came from and the sea it flew into are both its places.
    let site_and_area = h.launch && (h.place_site != c.launch_site);
    (same_parties || site_and_area || ok(&h.place, &c.place)) && ok(&h.destination, &c.destination)
}

/// Places that may be one where the text names them differently: a city and a venue in it, unless they
/// lie in different countries ("heads to Cairo" is no trip to Israel).
fn same_country(a: &Option<Place>, b: &Option<Place>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => match (&x.country, &y.country) {
            (Some(p), Some(q)) => p == q,
            _ => true,
        },
        _ => true,
    }
}

/// One place a place the gazetteer knows below country level, the other a venue it does not know ("Jakarta"
/// and "Halim Perdanakusuma airport", "Astana" and "the Akorda presidential palace"), in either order.
fn city_and_unknown_venue(a: &Option<Place>, b: &Option<Place>) -> bool {
    matches!((a, b), (Some(x), Some(y))
        if !x.is_country && !y.is_country && (x.country.is_none() != y.country.is_none()))
}

/// "held talks in Astana" then "met at the Akorda presidential palace": talks held at a venue no gazetteer
/// knows, in the city they were told in, were held at the venue.
fn venue_in_city(old: &Option<Place>, new: &Option<Place>) -> bool {
    city_and_unknown_venue(old, new) && new.as_ref().is_some_and(|n| n.country.is_none())
}

fn more_specific(old: &Option<Place>, new: &Option<Place>) -> bool {
    match (old, new) {
        (None, Some(_)) => true,
        (Some(o), Some(n)) => {
            o.is_country && !n.is_country
                || (o.country.is_none() && n.country.is_some() && o.name == n.name)
                || venue_named_for(o, n)
        }
        _ => false,
    }
}

fn absorb(h: &mut Happening, c: &Candidate, idx: usize) {
    h.mentions.push(idx);
    if let Some(w) = &c.weapon {
        h.weapons_named.push((c.sent, w.clone()));
    }
    for a in &c.actors {
        if !h.actors.contains(a) {
            h.actors.push(*a);
        }
    }
    // A launch site named anywhere ("detected the missiles being fired from the Sunan area") is the
    // launch's place, more telling than the sea the lead says they flew into.
    let site = c.launch_site && c.place.is_some() && !h.place_site;
    let borrowed_over_told = c.place_borrowed && h.place.is_some();
    // "from Hainan" then "from the Hainan Commercial Spacecraft Launch Site": the site named for the place.
    let site_in_place = c.launch_site
        && matches!((&h.place, &c.place), (Some(o), Some(n)) if venue_named_for(o, n));
    if site
        || site_in_place
        || (!h.place_site && !borrowed_over_told && more_specific(&h.place, &c.place))
        || (h.meeting && venue_in_city(&h.place, &c.place))
    {
        h.place = c.place.clone();
        h.place_site = c.launch_site;
    }
    if more_specific(&h.destination, &c.destination) {
        h.destination = c.destination.clone();
    }
    let better_date = match (&h.date, &c.date) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b.precision() > a.precision(),
        _ => false,
    };
    if better_date
        || (h.time_text.is_none() && c.time_text.is_some() && c.date.is_none() && h.date.is_none())
    {
        h.date = c.date;
        h.time_text = c.time_text.clone();
    }
    // A denial that names no time, place or weapon ("denies targeting civilians") is a general stance, not a
    // denial of the happening already reported.
    let vague_denial = c.status == Status::Denied
        && !c.strong
        && c.date.is_none()
        && c.place.is_none()
        && h.status_asserted;
    if (c.strong || !c.actors.is_empty() || c.status == Status::Denied)
        && c.asserted
        && !vague_denial
    {
        let firmer = c.status.assertiveness() > h.status.assertiveness()
            || (c.status == Status::Denied && h.status == Status::Occurred);
        if firmer || !h.status_asserted {
            h.status = c.status;
            h.status_asserted = true;
        }
    }
    h.count = match (h.count, c.count) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    if c.weapon
        .as_ref()
        .is_some_and(|w| h.weapon.as_ref().is_none_or(|hw| w.len() > hw.len()))
    {
        h.weapon = c.weapon.clone();
    }
    if h.mode.is_none() {
        h.mode = c.mode.clone();
    }
    let speaks = c.strong || !c.actors.is_empty();
    for a in c.attribution.iter().filter(|_| speaks) {
        if !h.attribution.contains(a) {
            h.attribution.push(a.clone());
        }
    }
}

/// Groups candidates into happenings, in order of first mention. Candidates in the first
/// `headline_sents` sentences are the headline's: they join the body's happenings after those are formed.
pub fn merge(
    cands: &[Candidate],
    kinds: SpecialKinds,
    published: Option<NaiveDate>,
    country_of: CountryOf<'_>,
    headline_sents: usize,
) -> Vec<Happening> {
    let mut out: Vec<Happening> = Vec::new();
    let strong = cands.iter().enumerate().filter(|(_, c)| c.strong);
    let body = strong.clone().filter(|(_, c)| c.sent >= headline_sents);
    let headline = strong.filter(|(_, c)| c.sent < headline_sents);
    for (i, c) in body.chain(headline) {
        let in_headline = c.sent < headline_sents;
        let fits = |h: &Happening| compatible_at(h, c, published, country_of, in_headline);
        let home = out
            .iter()
            .position(|h| h.launch && weapon_fits(h, c) && fits(h))
            .or_else(|| out.iter().position(fits));
        match home.map(|k| &mut out[k]) {
            Some(h) => absorb(h, c, i),
            None => {
                let mut h = Happening {
                    kind: c.kind,
                    status: c.status,
                    actors: Vec::new(),
                    place: None,
                    destination: None,
                    date: None,
                    time_text: None,
                    count: None,
                    weapon: None,
                    mode: None,
                    attribution: Vec::new(),
                    mentions: Vec::new(),
                    arrival: Some(c.kind) == kinds.arrival,
                    meeting: Some(c.kind) == kinds.meeting,
                    agreement: Some(c.kind) == kinds.agreement,
                    launch: Some(c.kind) == kinds.missile_launch,
                    status_asserted: false,
                    weapons_named: Vec::new(),
                    place_site: false,
                    precedes: c.precedes.is_some(),
                };
                absorb(&mut h, c, i);
                out.push(h);
            }
        }
    }
    for (i, c) in cands.iter().enumerate().filter(|(_, c)| !c.strong) {
        // The most recent compatible happening mentioned before this one, else the first after it.
        let last_before = |h: &Happening| h.mentions.iter().filter(|&&m| m < i).max().copied();
        // "Sharif flew in from Doha" never tells ahead of time of a trip the text only later plans ("will fly
        // on to New York"): told first as done, it is no mention of what is still to come.
        let done_before_planned = |h: &Happening| {
            last_before(h).is_none() && c.status == Status::Occurred && h.status == Status::Expected
        };
        let best = out
            .iter()
            .enumerate()
            .filter(|(_, h)| compatible(h, c, published, country_of) && !done_before_planned(h))
            .max_by_key(|(_, h)| last_before(h).map_or(0, |m| m + 1))
            .map(|(k, _)| k);
        if let Some(k) = best {
            absorb(&mut out[k], c, i);
        }
    }
    for h in &mut out {
        h.mentions.sort_unstable();
        // Meetings name their people; a country stays only when no person named stands for it. A deal
        // names its parties as the body tells them: "Japan, Brazil agree" over "Ishiba and Lula agreed".
        let countries_from_headline_only = (h.agreement || h.arrival)
            && h.mentions.iter().all(|&m| {
                cands[m].sent < headline_sents
                    || !cands[m].actors.iter().any(|r| matches!(r, Ref::Country(_)))
            });
        if h.meeting || countries_from_headline_only {
            let countries: Vec<Ref> = h
                .actors
                .iter()
                .copied()
                .filter(|r| matches!(r, Ref::Country(_)))
                .collect();
            let persons = h
                .actors
                .iter()
                .filter(|r| matches!(r, Ref::Person(_)))
                .count();
            let enough = if h.arrival { 1 } else { 2 };
            if persons >= enough
                && !countries.is_empty()
                && explained(&countries, &h.actors, country_of)
            {
                h.actors.retain(|r| !matches!(r, Ref::Country(_)));
            }
        }
    }
    out.sort_by_key(|h| h.mentions[0]);
    out
}
