//! End-to-end tests of `extract` on wire-style sentences written for them.

use chrono::DateTime;
use dateline_shared::{Article, Event, Status};

use crate::{extract, Lexicon};

fn article(headline: Option<&str>, body: &str, published: Option<&str>) -> Article {
    Article {
        id: "t-1".into(),
        version: 2,
        outlet: Some("Wire".into()),
        headline: headline.map(str::to_owned),
        published_at: published.map(|p| DateTime::parse_from_rfc3339(p).unwrap()),
        published_date_only: false,
        dateline: None,
        byline: None,
        url: None,
        pubstatus: Default::default(),
        body: body.into(),
    }
}

/// The first event that matches, or a panic that shows every event extracted.
fn find(evs: &[Event], matches: impl Fn(&&Event) -> bool) -> &Event {
    evs.iter()
        .find(matches)
        .unwrap_or_else(|| panic!("{evs:?}"))
}

fn run(body: &str) -> Vec<Event> {
    // 2024-03-13 is a Wednesday.
    extract(
        &article(None, body, Some("2024-03-13T10:00:00+09:00")),
        Lexicon::builtin(),
    )
}

#[test]
fn an_arrival_by_plane_with_role_and_date() {
    let evs = run("CANBERRA (AAP) - Japanese Prime Minister Shigeru Ishiba arrived in Canberra on Monday for talks on defence ties, officials said.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(a.actors[0].id, "shigeru-ishiba");
    assert_eq!(a.actors[0].role.as_deref(), Some("Prime Minister"));
    assert_eq!(a.actors[0].country.as_deref(), Some("JP"));
    assert_eq!(a.place.as_ref().unwrap().name, "Canberra");
    assert_eq!(a.date().unwrap().to_string(), "2024-03-11");
    assert_eq!(a.status, Status::Occurred);
    assert_eq!(a.attribution, vec!["officials".to_owned()]);
    assert_eq!((a.article_version, a.outlet.as_deref()), (2, Some("Wire")));
}

#[test]
fn a_cruise_missile_launch_and_the_sea_it_fell_into() {
    let evs = run("North Korea fired two cruise missiles into the Yellow Sea on Tuesday, South Korea's Joint Chiefs of Staff said.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(l.actors[0].id, "north-korea");
    assert_eq!(
        (l.count, l.weapon.as_deref()),
        (Some(2), Some("cruise missile"))
    );
    assert_eq!(l.place.as_ref().unwrap().name, "Yellow Sea");
    assert_eq!(l.date().unwrap().to_string(), "2024-03-12");
    assert_eq!(l.attribution, vec!["Joint Chiefs of Staff".to_owned()]);
}

#[test]
fn an_expected_visit_looks_forward() {
    let evs = run(
        "Chinese President Xi Jinping will visit Belgrade on Friday, the foreign ministry said.",
    );
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(
        (a.status, a.date().unwrap().to_string().as_str()),
        (Status::Expected, "2024-03-15")
    );
    assert_eq!(a.place.as_ref().unwrap().country.as_deref(), Some("RS"));
}

#[test]
fn a_denied_launch() {
    let evs = run("Seoul's military dismissed a report that Iran had launched a ballistic missile from Semnan on Saturday.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(
        (l.status, l.actors[0].id.as_str()),
        (Status::Denied, "iran")
    );
}

#[test]
fn a_departure_with_destination_and_a_meeting_merged_across_sentences() {
    let evs = run("Indian Prime Minister Narendra Modi left Warsaw for Kyiv on Thursday. Modi met Ukrainian President Volodymyr Zelenskiy in Kyiv on Friday. \
                   The Indian leader and Zelensky held talks in Kyiv, officials said.");
    let d = evs
        .iter()
        .find(|e| e.kind == "departure")
        .expect("departure");
    assert_eq!(d.place.as_ref().unwrap().name, "Warsaw");
    assert_eq!(d.destination.as_ref().unwrap().name, "Kyiv");
    let meetings: Vec<&Event> = evs.iter().filter(|e| e.kind == "meeting").collect();
    assert_eq!(meetings.len(), 1, "{evs:#?}");
    let ids: Vec<&str> = meetings[0].actor_ids().collect();
    assert_eq!(ids, vec!["narendra-modi", "volodymyr-zelensky"]);
}

#[test]
fn a_where_clause_after_a_destination_is_set_at_the_destination() {
    let evs = run("NAIROBI (Reuters) - Kenyan President William Ruto left Nairobi on Tuesday evening for Addis Ababa, where he arrived shortly before midnight for talks with Ethiopian officials.");
    let d = evs
        .iter()
        .find(|e| e.kind == "departure")
        .expect("departure");
    assert_eq!(d.place.as_ref().unwrap().name, "Nairobi");
    // The destination is read past the time between it and the place left.
    assert_eq!(d.destination.as_ref().unwrap().name, "Addis Ababa");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(a.place.as_ref().unwrap().name, "Addis Ababa", "{evs:#?}");
    assert_eq!(a.date().unwrap().to_string(), "2024-03-12");
}

#[test]
fn a_launch_counts_missiles_past_the_words_that_class_them() {
    for (text, count) in [
        (
            "Pakistan test-fired two new tactical ballistic missiles on Monday, the military said.",
            2,
        ),
        (
            "India launched three short-range solid-fuel missiles on Monday, officials said.",
            3,
        ),
    ] {
        let evs = run(text);
        let l = evs
            .iter()
            .find(|e| e.kind == "missile_launch")
            .unwrap_or_else(|| panic!("no launch in {text:?}: {evs:#?}"));
        assert_eq!(l.count, Some(count), "{text}");
    }
}

#[test]
fn a_happening_told_in_a_dated_report_with_no_time_of_its_own_is_dated_by_the_report() {
    // 2024-03-13 is a Wednesday.
    let evs = run("BEIJING (Reuters) - China's military said on Wednesday it had test-fired an intercontinental ballistic missile into the Pacific Ocean.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(l.date().unwrap().to_string(), "2024-03-13");
    // A happening in a clause after the report keeps its own reckoning.
    let evs = run("NEW DELHI (Reuters) - India test-fired a ballistic missile on Tuesday, officials said on Wednesday, a day after Pakistan conducted a training launch of a guided rocket.");
    let dates: Vec<String> = evs
        .iter()
        .filter(|e| e.kind == "missile_launch")
        .filter_map(|e| e.date().map(|d| d.to_string()))
        .collect();
    assert!(!dates.contains(&"2024-03-13".to_owned()), "{evs:#?}");
}

#[test]
fn generic_and_hypothetical_mentions_are_not_events() {
    let evs = run("The council punished Iran for launching ballistic missiles. If Tehran fires a missile, Washington will respond. \
                   Pakistan has test-fired cruise missiles several times this year.");
    assert!(evs.is_empty(), "{evs:#?}");
}

#[test]
fn an_agreement_and_an_attack() {
    let evs = run("Japan and the Philippines signed a defence pact in Manila on Monday. Russian forces shelled Kharkiv overnight, Ukraine's air force said.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(
        a.actor_ids().collect::<Vec<_>>(),
        vec!["japan", "philippines"]
    );
    assert_eq!(a.place.as_ref().unwrap().name, "Manila");
    let k = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(k.place.as_ref().unwrap().name, "Kharkiv");
    assert_eq!(k.date().unwrap().to_string(), "2024-03-13");
}

#[test]
fn evidence_offsets_point_into_headline_and_body() {
    let art = article(
        Some("Lula lands in Lima"),
        "Brazilian President Luiz Inacio Lula da Silva arrived in Lima on Tuesday.",
        None,
    );
    let evs = extract(&art, Lexicon::builtin());
    let text = crate::extraction_text(&art);
    assert!(!evs.is_empty());
    for e in &evs {
        assert_eq!(&text[e.evidence.start..e.evidence.end], e.evidence.text);
        // No publication date: the weekday keeps its words, not a date.
        if let Some(t) = &e.time {
            assert!(t.date.is_none());
        }
    }
    assert_eq!(evs[0].actors[0].id, "luiz-inacio-lula-da-silva");
    assert_eq!(evs, extract(&art, Lexicon::builtin()), "deterministic");
}

#[test]
fn never_panics_on_odd_input() {
    for body in [
        "",
        " ",
        "\u{201c}",
        "Mr.",
        "'s 's",
        "-- - --",
        "A.B.C.D. e.f.",
        "Kim\u{2019}",
        "1,000,000. 2019, in 2019",
    ] {
        let _ = run(body);
    }
}

#[test]
#[ignore = "prints the dev corpus score: cargo test -p dateline-extractor --lib dev_corpus -- --ignored --nocapture"]
fn dev_corpus_score() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/dev"));
    let corpus = crate::eval::load_corpus(dir).expect("corpus");
    let pairs: Vec<_> = corpus
        .into_iter()
        .map(|(a, g)| (g, extract(&a, Lexicon::builtin())))
        .collect();
    println!("{}", crate::eval::score(&pairs));
}

#[test]
fn a_meeting_of_leaders_with_of_country_is_one_event_with_the_people() {
    let evs = extract(
        &article(
            Some("Brazil and South Africa hold talks in Pretoria"),
            "PRETORIA (Wire) - President Lula da Silva of Brazil met President Cyril Ramaphosa in Pretoria on Monday.",
            Some("2024-03-13T10:00:00+09:00"),
        ),
        Lexicon::builtin(),
    );
    let ms: Vec<_> = evs.iter().filter(|e| e.kind == "meeting").collect();
    assert_eq!(ms.len(), 1, "{ms:?}");
    let ids: Vec<_> = ms[0].actors.iter().map(|a| a.id.as_str()).collect();
    assert!(ids.contains(&"cyril-ramaphosa"), "{ids:?}");
    assert!(!ids.contains(&"brazil"), "{ids:?}");
}

#[test]
fn the_two_leaders_and_missiles_fired_at_a_target() {
    let evs = run("Chilean President Gabriel Boric was welcomed by Argentine President Javier Milei at the airport before the two leaders held talks at the Casa Rosada on Tuesday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    let ids: Vec<_> = m.actors.iter().map(|a| a.id.as_str()).collect();
    assert!(
        ids.contains(&"gabriel-boric") && ids.contains(&"javier-milei"),
        "{ids:?}"
    );
    let evs = run("Iran fired dozens of ballistic missiles at Israel on Tuesday, the army said.");
    assert!(evs.iter().any(|e| e.kind == "attack"), "{evs:?}");
    assert!(!evs.iter().any(|e| e.kind == "missile_launch"), "{evs:?}");
}

fn ids(e: &Event) -> Vec<&str> {
    let mut v: Vec<&str> = e.actors.iter().map(|a| a.id.as_str()).collect();
    v.sort_unstable();
    v
}

#[test]
fn abbreviated_titles_bind_to_the_full_name_and_keep_the_role() {
    let evs = run("Foreign Minister Ana Kovac arrived in Vilnius on Monday. FM Kovac met Lithuanian President Gitanas Nauseda in Vilnius on Tuesday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), vec!["ana-kovac", "gitanas-nauseda"]);
    assert_eq!(
        m.actors
            .iter()
            .find(|a| a.id == "ana-kovac")
            .and_then(|a| a.role.as_deref()),
        Some("Foreign Minister")
    );
}

#[test]
fn names_with_particles_stay_whole() {
    let evs = run(
        "Prime Minister Ahmed al-Rashid met Commissioner Maria von der Berg in Brussels on Monday.",
    );
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), vec!["ahmed-al-rashid", "maria-von-der-berg"]);
}

#[test]
fn coordinated_countries_and_demonyms_are_all_parties() {
    let evs =
        run("Chilean and Peruvian officials signed a memorandum on fisheries in Lima on Monday.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(ids(a), vec!["chile", "peru"]);
    let evs = run("Kenya, Ethiopia and the United Arab Emirates signed a transport accord in Nairobi on Tuesday.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(ids(a), vec!["ethiopia", "kenya", "united-arab-emirates"]);
}

#[test]
fn the_two_leaders_are_leaders_not_the_spokesman_quoted_between() {
    let evs = run("President Lula da Silva arrived in Santiago on Monday to meet President Gabriel Boric, spokesman Pedro Ruiz said. The two leaders met at La Moneda on Tuesday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert!(!ids(m).contains(&"pedro-ruiz"), "{:?}", ids(m));
    assert!(ids(m).contains(&"gabriel-boric"), "{:?}", ids(m));
}

#[test]
fn the_object_of_one_trigger_is_not_the_subject_of_the_next() {
    let evs = run("Prime Minister Mark Carney is preparing to visit Beijing in May for a summit with Chinese President Xi Jinping.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), vec!["mark-carney", "xi-jinping"]);
}

#[test]
fn courtesy_calls_and_sitting_down_for_talks_are_meetings() {
    let evs = run("Foreign Minister Penny Wong paid a courtesy call on President Prabowo Subianto in Jakarta on Monday.");
    assert!(
        evs.iter()
            .any(|e| e.kind == "meeting" && ids(e) == vec!["penny-wong", "prabowo-subianto"]),
        "{evs:?}"
    );
    let evs = run("Mongolian President Ukhnaagiin Khurelsukh and Vladimir Putin sat down for talks at the State Palace on Tuesday.");
    assert!(evs.iter().any(|e| e.kind == "meeting"), "{evs:?}");
}

#[test]
fn a_present_tense_verb_with_its_own_time_is_a_schedule() {
    // 2024-03-13 is a Wednesday: "on Friday" is the 15th.
    let evs = run("President Lee Jae-myung leaves Jakarta for Manila on Friday, his office said.");
    let d = evs
        .iter()
        .find(|e| e.kind == "departure")
        .expect("departure");
    assert_eq!(d.status, Status::Expected);
    assert_eq!(d.date().unwrap().to_string(), "2024-03-15");
}

#[test]
fn a_general_denial_does_not_deny_a_reported_strike() {
    let evs = run("Russia struck the Ukrainian city of Sumy with two missiles on Tuesday, officials said. Russia, which denies targeting civilians, did not comment.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(a.status, Status::Occurred);
}

#[test]
fn a_denial_covers_its_own_clause_only() {
    let evs = run("The Kremlin denied a report that President Vladimir Putin would travel to Cairo next month, but said Foreign Minister Sergey Lavrov will visit Amman on Friday.");
    let putin = evs
        .iter()
        .find(|e| e.kind == "arrival" && ids(e) == vec!["vladimir-putin"])
        .expect("putin");
    assert_eq!(putin.status, Status::Denied);
    let lavrov = evs
        .iter()
        .find(|e| e.kind == "arrival" && ids(e) == vec!["sergey-lavrov"])
        .expect("lavrov");
    assert_eq!(lavrov.status, Status::Expected);
}

#[test]
fn a_demonym_on_a_launch_names_the_launching_state_not_the_subject() {
    let evs =
        run("Tokyo rejects claim of a Chinese hypersonic missile launch near Okinawa on Monday.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(l.actors.len(), 1, "{:?}", l.actors);
    assert_eq!(l.actors[0].id, "china");
}

#[test]
fn two_parties_agreeing_to_an_act_is_an_agreement_but_agreeing_to_meet_is_not() {
    let evs = run("Chilean President Ana Rojas and Peruvian President Luis Vega agreed to reopen the border crossing on Monday.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    let ids: Vec<&str> = a.actors.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, vec!["ana-rojas", "luis-vega"]);
    assert_eq!(a.date().unwrap().to_string(), "2024-03-11");
    for text in [
        "Ana Rojas and Luis Vega agreed to meet in Lima next month.",
        "Chile agreed to reopen the border crossing on Monday.",
    ] {
        let evs = run(text);
        assert!(evs.iter().all(|e| e.kind != "agreement"), "{text}: {evs:?}");
    }
}

#[test]
fn scare_quotes_do_not_split_the_clause_but_speech_stays_hearsay() {
    // The launch verb's object lies past a quoted term: the term is read as plain text.
    let evs = run(
        "Vietnam tested a \"next-generation\" cruise missile on Monday, the army newspaper said.",
    );
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(
        (l.actors[0].id.as_str(), l.weapon.as_deref()),
        ("vietnam", Some("cruise missile"))
    );
    assert_eq!(l.date().unwrap().to_string(), "2024-03-11");
    // A quoted sentence is still speech: no event stands on it alone.
    assert!(run("\"Vietnam will fire a cruise missile next week, and nobody can stop it,\" a blogger wrote.")
        .iter()
        .all(|e| e.kind != "missile_launch"));
}

#[test]
fn it_after_a_reporting_state_is_the_launcher() {
    let evs = run("Taiwan's defence ministry said on Tuesday it had test-fired two surface-to-air missiles off its east coast.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(l.actors[0].id, "taiwan");
    assert_eq!(l.count, Some(2));
}

#[test]
fn he_continues_the_subject_of_the_previous_sentence() {
    let evs = run("Kenyan President William Ruto will hold talks with his Tanzanian counterpart Samia Suluhu Hassan on Thursday and call on Prime Minister Kassim Majaliwa. From Dodoma, he will fly to Kampala on Friday.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(a.actors[0].id, "william-ruto");
    assert_eq!(a.place.as_ref().unwrap().name, "Kampala");
}

#[test]
fn a_meeting_the_subject_travels_for_is_theirs_and_where_they_arrive() {
    let evs = run("Brazilian President Luiz Inacio Lula da Silva arrived in Nairobi on Tuesday for talks with Kenyan President William Ruto.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    let mut ids: Vec<_> = m.actors.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["luiz-inacio-lula-da-silva", "william-ruto"]);
    assert_eq!(m.place.as_ref().unwrap().name, "Nairobi");
    // "ahead of a White House meeting with": the modifier is the venue, the status looks forward.
    let evs = run("Polish President Andrzej Duda arrived in Washington on Tuesday ahead of a White House meeting with President Joe Biden on Thursday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    let ids: Vec<_> = m.actors.iter().map(|a| a.id.as_str()).collect();
    assert!(
        ids.contains(&"andrzej-duda") && ids.contains(&"joe-biden"),
        "{ids:?}"
    );
    assert_eq!(m.place.as_ref().unwrap().name, "White House");
    assert_eq!(
        (m.status, m.date().unwrap().to_string().as_str()),
        (Status::Expected, "2024-03-14")
    );
}

#[test]
fn talks_of_the_two_delegations_are_their_leaders_and_a_later_verb_sets_the_status() {
    let evs = run("Kenyan President William Ruto will host Ghanaian President John Mahama for dinner on Monday. Formal talks between the two delegations are scheduled at State House on Friday.");
    let m = evs
        .iter()
        .find(|e| e.kind == "meeting" && e.date().is_some_and(|d| d.to_string() == "2024-03-15"))
        .expect("friday meeting");
    let mut ids: Vec<_> = m.actors.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["john-mahama", "william-ruto"]);
    assert_eq!(m.status, Status::Expected);
}

#[test]
fn a_satellite_launch_is_a_space_launch_vehicle_and_hedged_objects_keep_their_count() {
    let evs = run("Japan launched a spy satellite from the Tanegashima Space Center on Tuesday.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(l.weapon.as_deref(), Some("space launch vehicle"));
    let evs = run("Pakistan fired what is believed to be three cruise missiles into the Arabian Sea on Monday, the army said.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(
        (l.count, l.weapon.as_deref()),
        (Some(3), Some("cruise missile"))
    );
}

#[test]
fn a_launch_verb_takes_its_object_as_the_weapon() {
    // The longer weapon name earlier in the clause is not what this verb fired.
    let evs = run(
        "Iran's intercontinental ballistic missile force tested a new cruise missile on Monday.",
    );
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(l.weapon.as_deref(), Some("cruise missile"));
}

#[test]
fn two_deals_with_different_parties_stay_two() {
    let evs = run("Kenya and Uganda signed a pipeline agreement on Monday. Kenya, Uganda and Tanzania also signed a trilateral memorandum on rail links.");
    let deals: Vec<Vec<&str>> = evs
        .iter()
        .filter(|e| e.kind == "agreement")
        .map(|e| e.actors.iter().map(|a| a.id.as_str()).collect())
        .collect();
    assert_eq!(
        deals,
        vec![vec!["kenya", "uganda"], vec!["kenya", "uganda", "tanzania"]]
    );
}

fn launches(evs: &[Event]) -> Vec<(Option<&str>, Option<u32>)> {
    evs.iter()
        .filter(|e| e.kind == "missile_launch")
        .map(|e| (e.weapon.as_deref(), e.count))
        .collect()
}

#[test]
fn two_weapons_coordinated_after_a_launch_verb_are_two_launches() {
    let evs = run("Iran's army test-fired two cruise missiles and a new surface-to-air missile on Tuesday near the Strait of Hormuz, the IRNA news agency said. The cruise missiles flew about 300 km, the agency added.");
    assert_eq!(
        launches(&evs),
        vec![
            (Some("cruise missile"), Some(2)),
            (Some("surface-to-air missile"), Some(1))
        ]
    );
}

#[test]
fn a_restated_launch_still_merges_and_a_warhead_for_a_missile_is_one_launch() {
    let evs = run("Pakistan tested a new warhead for a ballistic missile on Monday, the military said. The ballistic missile was launched from a site in Sindh province, officials added.");
    assert_eq!(launches(&evs), vec![(Some("ballistic missile"), Some(1))]);
}

#[test]
fn a_restatement_joins_the_launch_with_the_same_weapon() {
    let evs = run("North Korea fired a ballistic missile and a cruise missile on Tuesday, Seoul's military said. The North launched the cruise missile from near Pyongyang, the Joint Chiefs of Staff said.");
    let l = launches(&evs);
    assert_eq!(l.len(), 2, "{l:?}");
    let cruise = evs
        .iter()
        .find(|e| e.weapon.as_deref() == Some("cruise missile"))
        .expect("cruise missile launch");
    assert!(cruise
        .attribution
        .contains(&"Joint Chiefs of Staff".to_owned()));
}

#[test]
fn leaders_who_witness_a_signing_stand_for_their_states() {
    let evs = run("Japanese Prime Minister Fumio Kishida and Indian Prime Minister Narendra Modi witnessed the signing of six cooperation agreements in New Delhi on Monday.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    let ids: Vec<&str> = a.actor_ids().collect();
    assert_eq!(ids, vec!["japan", "india"]);
}

#[test]
fn one_leader_agreeing_to_an_act_is_no_deal_signed() {
    let evs = run("Brazilian President Luiz Inacio Lula da Silva held talks with his Chilean counterpart in Brasilia on Tuesday, agreeing to expand their trade partnership.");
    assert!(
        evs.iter().all(|e| e.kind != "agreement"),
        "{:?}",
        evs.iter().map(|e| &e.kind).collect::<Vec<_>>()
    );
}

#[test]
fn a_gerund_taking_an_infinitive_after_a_head_of_state_is_a_verb() {
    let evs = run("Kenyan President William Ruto held talks with Tanzanian President Samia Suluhu Hassan in Nairobi on Monday, with the two heads of state agreeing to expand their border trade partnership.");
    assert!(
        evs.iter().all(|e| e.kind != "agreement"),
        "{:?}",
        evs.iter().map(|e| &e.kind).collect::<Vec<_>>()
    );
}

#[test]
fn the_visit_a_departure_sets_out_on_is_no_arrival_told() {
    let evs = run("Canadian Prime Minister Justin Trudeau on Tuesday left Ottawa for Tokyo on a four-day visit to Japan, his office said.");
    assert!(evs.iter().any(|e| e.kind == "departure"));
    assert!(
        evs.iter().all(|e| e.kind != "arrival"),
        "{:?}",
        evs.iter().map(|e| &e.kind).collect::<Vec<_>>()
    );
}

#[test]
fn a_courtesy_call_is_a_meeting_but_an_appeal_is_not() {
    let evs = run("Finland's President Alexander Stubb will hold talks with his Chilean counterpart Gabriel Boric in Santiago on Thursday and call on Senate President Manuel Ossandon.");
    let m = evs
        .iter()
        .find(|e| e.kind == "meeting" && e.actor_ids().any(|a| a == "manuel-ossandon"))
        .expect("courtesy call");
    assert!(m.actor_ids().any(|a| a == "alexander-stubb"), "{m:?}");
    assert!(!m.actor_ids().any(|a| a == "gabriel-boric"), "{m:?}");
    let evs = run("Chilean President Gabriel Boric called on Peru to reopen the border crossing.");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
}

#[test]
fn coordinated_travellers_share_the_second_verb() {
    let evs = run("Ghana's Foreign Minister Samuel Ablakwa and Trade Minister Elizabeth Mensah arrived in Abuja on Monday and paid a courtesy call on President Bola Tinubu.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    let ids: Vec<&str> = m.actor_ids().collect();
    assert!(
        ids.contains(&"samuel-ablakwa")
            && ids.contains(&"elizabeth-mensah")
            && ids.contains(&"bola-tinubu"),
        "{ids:?}"
    );
}

#[test]
fn a_headline_infinitive_is_expected_and_joins_the_lead() {
    let evs = extract(
        &article(
            Some("Lula, Ramaphosa to meet in Johannesburg"),
            "PRETORIA (Reuters) - Brazilian President Luiz Inacio Lula da Silva and South African President Cyril Ramaphosa will meet on Friday at the Union Buildings, officials said.",
            Some("2024-03-13T10:00:00+02:00"),
        ),
        Lexicon::builtin(),
    );
    let meetings: Vec<&Event> = evs.iter().filter(|e| e.kind == "meeting").collect();
    assert_eq!(meetings.len(), 1, "{meetings:?}");
    assert_eq!(meetings[0].status, Status::Expected);
    assert_eq!(meetings[0].date().unwrap().to_string(), "2024-03-15");
}

#[test]
fn a_deal_signed_after_talks_takes_their_day_and_venue() {
    let evs = run("Kenyan President William Ruto held talks with Tanzanian President Samia Suluhu Hassan at State House in Nairobi on Monday. After the talks, the two sides signed nine agreements on trade and energy.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(a.date().unwrap().to_string(), "2024-03-11");
    assert!(a.place.is_some(), "{a:?}");
}

#[test]
fn state_media_is_the_agency_the_article_names() {
    let evs = run("Iran test-fired two cruise missiles in the Gulf of Oman on Monday, state media reported. IRNA said the navy took part.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert!(l.attribution.iter().any(|a| a == "IRNA"), "{l:?}");
}

#[test]
fn months_are_not_places_and_an_indefinite_meeting_is_new() {
    let evs = run("Chancellor Olaf Scholz last visited in May 2022.");
    assert!(
        evs.iter()
            .all(|e| e.place.as_ref().is_none_or(|p| p.name != "May")),
        "{evs:?}"
    );
    let evs = run("Indian Prime Minister Narendra Modi held talks with Sri Lankan President Anura Kumara Dissanayake in Colombo. Sri Lanka's cabinet will hold a meeting on Friday to discuss the visit.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert!(m.date().is_none(), "{m:?}");
}

#[test]
fn a_title_of_a_state_before_the_name_and_a_description_points_back() {
    let evs = run("Brazilian President Luiz Inacio Lula da Silva received Foreign Minister of the Republic of Korea Cho Tae-yul in Brasilia on Monday. The minister arrived in Brasilia on Sunday and held talks with Brazilian Foreign Minister Mauro Vieira on Tuesday.");
    let m = evs
        .iter()
        .find(|e| e.kind == "meeting" && e.actor_ids().any(|a| a == "cho-tae-yul"))
        .expect("meeting with the minister");
    assert_eq!(m.actors.len(), 2, "{m:?}");
    assert!(
        evs.iter()
            .filter(|e| e.kind == "arrival")
            .all(|e| !e.actor_ids().any(|a| a == "mauro-vieira")),
        "{evs:?}"
    );
}

#[test]
fn a_quoted_name_inside_the_object_and_an_appeal_to_act() {
    let evs = run("Vietnam and Indonesia signed a \"comprehensive strategic partnership\" agreement in Hanoi on Monday.");
    assert!(evs.iter().any(|e| e.kind == "agreement"), "{evs:?}");
    let evs = run("Germany urged Poland not to sign a deal with the rebels.");
    assert!(evs.iter().all(|e| e.kind != "agreement"), "{evs:?}");
}

#[test]
fn her_plane_landed_and_heading_on_to_the_next_stop() {
    let evs = run("German Foreign Minister Annalena Baerbock met Chilean President Gabriel Boric in Santiago on Monday. Her plane landed in Lima on Tuesday. She will pay a visit to Brazil on Thursday.");
    let lima = evs
        .iter()
        .find(|e| e.kind == "arrival" && e.place.as_ref().is_some_and(|p| p.name == "Lima"))
        .expect("arrival in Lima");
    assert!(
        lima.actor_ids().any(|a| a == "annalena-baerbock"),
        "{lima:?}"
    );
    let brazil = evs
        .iter()
        .find(|e| e.kind == "arrival" && e.place.as_ref().is_some_and(|p| p.name == "Brazil"))
        .expect("arrival in Brazil");
    assert_eq!(brazil.status, Status::Expected);
}

#[test]
fn an_as_clause_keeps_its_own_place_and_a_headline_abroad_stays_apart() {
    let evs = run("Sudan's army shelled Omdurman on Monday as talks resumed in Jeddah.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(a.place.as_ref().map(|p| p.name.as_str()), Some("Omdurman"));
    let evs = extract(
        &article(
            Some("Blinken flies to Amman after talks in Cairo"),
            "CAIRO (Reuters) - U.S. Secretary of State Antony Blinken will travel to Israel on Friday, officials said.",
            Some("2024-03-13T10:00:00+02:00"),
        ),
        Lexicon::builtin(),
    );
    let arrivals = evs.iter().filter(|e| e.kind == "arrival").count();
    assert_eq!(arrivals, 2, "{evs:?}");
}

#[test]
fn a_departure_leaves_the_last_stop_and_shares_the_future_it_is_tied_to() {
    let evs = run("Canadian Prime Minister Mark Carney arrived in Canberra on Monday for talks. He will fly to Perth on Thursday to tour a port before leaving for Jakarta.");
    let d = evs
        .iter()
        .find(|e| e.kind == "departure")
        .expect("departure");
    assert_eq!(d.place.as_ref().map(|p| p.name.as_str()), Some("Perth"));
    assert_eq!(d.status, Status::Expected);
}

#[test]
fn a_launch_site_beats_the_sea_the_missiles_flew_into() {
    let evs = run("Iran fired two ballistic missiles toward the Persian Gulf on Tuesday, state media said. The missiles were fired from the Semnan area, the report said.");
    let launches: Vec<_> = evs.iter().filter(|e| e.kind == "missile_launch").collect();
    assert_eq!(launches.len(), 1, "{launches:?}");
    assert_eq!(launches[0].place.as_ref().unwrap().name, "Semnan");
    let one =
        run("Iran fired a cruise missile into the Gulf of Oman from the Jask area on Tuesday.");
    let l = one
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(l.place.as_ref().unwrap().name, "Jask");
}

#[test]
fn a_sea_naming_where_a_city_lies_is_not_the_place() {
    let evs = run("Ukrainian President Volodymyr Zelensky met Turkish President Recep Tayyip Erdogan in the Black Sea port of Odesa on Tuesday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(m.place.as_ref().unwrap().name, "Odesa");
}

#[test]
fn a_verbless_and_in_place_time_continuation_is_another_happening() {
    let evs = run("German Chancellor Olaf Scholz and French President Emmanuel Macron held talks in Berlin on Tuesday. The two leaders previously met in Paris in May 2023, and in Geneva in June 2021.");
    let mut met: Vec<(String, String)> = evs
        .iter()
        .filter(|e| e.kind == "meeting")
        .map(|e| {
            (
                e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
                e.date().map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    met.sort();
    assert_eq!(
        met,
        vec![
            ("Berlin".to_owned(), "2024-03-12".to_owned()),
            ("Geneva".to_owned(), "2021-06".to_owned()),
            ("Paris".to_owned(), "2023-05".to_owned()),
        ]
    );
}

#[test]
fn a_noun_restating_an_expected_trip_keeps_its_tense_and_day() {
    // 2024-03-13 is a Wednesday: "on Friday" ahead is the 15th, not the 8th.
    let evs = run("Officials said Brazilian President Luiz Inacio Lula da Silva would travel on to Madrid on Friday, the first visit by a Brazilian president to Spain in a decade.");
    let arrivals: Vec<&Event> = evs.iter().filter(|e| e.kind == "arrival").collect();
    assert_eq!(arrivals.len(), 1, "{arrivals:?}");
    assert_eq!(arrivals[0].status, Status::Expected);
    assert_eq!(arrivals[0].date().unwrap().to_string(), "2024-03-15");
}

#[test]
fn a_comma_before_a_time_clause_keeps_the_main_clause_time_out_of_it() {
    let evs = run("Kenyan President William Ruto on Tuesday left for Accra on a three-day visit to Ghana, before travelling to Nigeria.");
    let a = evs
        .iter()
        .find(|e| e.kind == "arrival" && e.place.as_ref().is_some_and(|p| p.name == "Nigeria"))
        .expect("arrival in Nigeria");
    assert!(a.time.is_none(), "{a:?}");
}

#[test]
fn a_wish_is_no_happening_and_reaches_only_what_follows_it() {
    let evs = run("Chilean President Gabriel Boric wants to hold a summit with Argentine President Javier Milei at an early date, his office said.");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
    let evs = run("Italian Prime Minister Giorgia Meloni, who flew into Tunis on Monday, said Rome hoped to see a deal on migration.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(a.place.as_ref().unwrap().name, "Tunis");
}

#[test]
fn plural_nouns_kinds_of_act_and_campaigns_are_no_attacks() {
    let evs = run("Kyiv has accused Belarus of supplying artillery shells and rockets to Russia for use in Ukraine.");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
    let evs = run("France and Germany have said such launches violate a U.N. resolution on Iran's missile programme.");
    assert!(evs.iter().all(|e| e.kind != "missile_launch"), "{evs:?}");
    let evs = run("The Shabaab say they are targeting convoys linked to Ethiopia in solidarity with Somali clans.");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
}

#[test]
fn returning_home_is_a_departure_from_the_last_stop() {
    let evs = run("Kenyan President William Ruto arrived in Lima on Monday. Ruto is scheduled to return to Nairobi on Thursday.");
    let d = evs
        .iter()
        .find(|e| e.kind == "departure")
        .expect("departure");
    assert_eq!(d.status, Status::Expected);
    assert_eq!(d.place.as_ref().unwrap().name, "Lima");
    assert_eq!(d.destination.as_ref().unwrap().name, "Nairobi");
}

#[test]
fn a_time_in_a_who_aside_dates_the_aside_not_the_main_clause() {
    let evs = run("Spanish Prime Minister Pedro Sanchez, who flew in from Rabat late on Monday, held talks with Portuguese Prime Minister Luis Montenegro in Lisbon.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert!(m.time.is_none(), "{m:?}");
}

#[test]
fn a_welcome_ceremony_is_no_meeting_and_a_title_is_no_place() {
    let evs = run("Brazilian President Luiz Inacio Lula da Silva welcomed Indian Prime Minister Narendra Modi with a military ceremony in Brasilia on Tuesday.");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
    let doc = crate::doc::Doc::new(
        "will meet Communist Party General Secretary To Lam",
        Lexicon::builtin(),
    );
    let ents = crate::entities::find(&doc);
    assert!(crate::places::parse(&doc, &ents, 2, doc.len()).is_none());
}

#[test]
fn an_attack_on_a_venue_named_by_its_noun() {
    let evs = run("U.S. aircraft bombed the Iraqi embassy on March 3, 2003, during the invasion.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(a.actors[0].id, "united-states");
    assert_eq!(a.place.as_ref().unwrap().name, "Iraqi embassy");
    let evs =
        run("Russia struck the Camp 12 outpost near Sumy on Sunday, Ukrainian officials said.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert!(a
        .place
        .as_ref()
        .unwrap()
        .name
        .eq_ignore_ascii_case("Camp 12 outpost"));
}

#[test]
fn a_first_visit_since_a_year_tells_of_the_last_one() {
    let evs = run("Kenyan President William Ruto arrived in Accra on Monday, his first official visit to Ghana since 2015.");
    let mut dates: Vec<String> = evs
        .iter()
        .filter(|e| e.kind == "arrival")
        .map(|e| e.date().map(|d| d.to_string()).unwrap_or_default())
        .collect();
    dates.sort();
    assert_eq!(dates, vec!["2015".to_owned(), "2024-03-11".to_owned()]);
    let evs = run(
        "It is the first visit to Peru by a Chilean president since Michelle Bachelet in 2017.",
    );
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(
        (a.actors[0].id.as_str(), a.date().unwrap().to_string()),
        ("michelle-bachelet", "2017".to_owned())
    );
    // Who came last is unknown when only a description is given.
    let evs = run("It is the first visit to Peru by a Chilean president since 2017.");
    assert!(evs.iter().all(|e| e.kind != "arrival"), "{evs:?}");
}

#[test]
fn an_arrival_naming_no_place_is_where_the_same_sentence_puts_the_traveller() {
    let evs = run("Kenyan President William Ruto arrived in Luanda on Tuesday. It is Ruto's first trip to Angola in 20 years, since he visited in August 2004.");
    let a = evs
        .iter()
        .find(|e| e.kind == "arrival" && e.date().is_some_and(|d| d.to_string() == "2004-08"))
        .expect("the 2004 visit");
    assert_eq!(a.place.as_ref().unwrap().name, "Angola");
}

#[test]
fn the_subject_coordinated_names_agree_and_ministers_sign_for_their_states() {
    let evs = run("Brazilian President Luiz Inacio Lula da Silva and Argentine President Javier Milei held talks in Brasilia on Monday, agreeing to reopen border crossings.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(a.actors.len(), 2, "{a:?}");
    let evs = run("Spain and Morocco on Monday signed a fisheries agreement. Foreign Minister Jose Manuel Albares signed the pact with Moroccan Foreign Minister Nasser Bourita in Rabat.");
    assert_eq!(
        evs.iter().filter(|e| e.kind == "agreement").count(),
        1,
        "{evs:?}"
    );
}

#[test]
fn a_relative_clause_launches_the_missile_it_hangs_on() {
    let evs = run("The parade featured the Shaheen-3 intermediate-range ballistic missile, which Pakistan first flight-tested in March 2015.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(l.actors[0].id, "pakistan");
    assert_eq!(
        l.weapon.as_deref(),
        Some("intermediate-range ballistic missile")
    );
    assert_eq!(l.date().unwrap().to_string(), "2015-03");
}

#[test]
fn names_joining_a_meeting_are_participants() {
    let evs = run("The Mercosur leaders met on Monday in Montevideo, with Argentine President Javier Milei and Chilean President Gabriel Boric joining Brazilian President Luiz Inacio Lula da Silva.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(m.actors.len(), 3, "{m:?}");
}

#[test]
fn a_trip_heads_to_one_stop_and_then_to_the_next() {
    let evs = run("Brazilian President Luiz Inacio Lula da Silva will head to Jakarta on Thursday and then to Kuala Lumpur, where he is due to address a business forum on Saturday.");
    let arrivals: Vec<_> = evs.iter().filter(|e| e.kind == "arrival").collect();
    assert_eq!(arrivals.len(), 2, "{evs:?}");
    assert_eq!(arrivals[0].place.as_ref().unwrap().name, "Jakarta");
    assert_eq!(arrivals[0].date().unwrap().to_string(), "2024-03-14");
    assert_eq!(arrivals[1].place.as_ref().unwrap().name, "Kuala Lumpur");
    // The forum's Saturday is not the arrival's day.
    assert_eq!(arrivals[1].date(), None);
    assert!(arrivals.iter().all(|a| a.status == Status::Expected));
    // A traveller who headed somewhere is on the way, not there.
    let evs = run("Lula's motorcade then headed to the port city of Surabaya on Monday.");
    assert!(!evs.iter().any(|e| e.kind == "arrival"), "{evs:?}");
}

#[test]
fn a_happening_the_lead_came_days_after_is_an_earlier_one() {
    // 2024-03-13 is a Wednesday: the strike was on Tuesday, the raid two days before it.
    let evs = run("Russian drones struck a power plant in Odesa on Tuesday, regional officials said. The attack came two days after Ukrainian attack drones hit an oil refinery in the Belgorod region.");
    let attacks: Vec<_> = evs.iter().filter(|e| e.kind == "attack").collect();
    assert_eq!(attacks.len(), 2, "{evs:?}");
    let earlier = attacks
        .iter()
        .find(|a| a.actors[0].id == "ukraine")
        .expect("the earlier raid, by the demonym's country");
    assert_eq!(earlier.date().unwrap().to_string(), "2024-03-10");
    // A gap too vague for a day leaves the earlier happening undated, and still apart.
    let evs = run("Iran launched a satellite from the Semnan spaceport on Tuesday. The launch came weeks after Iran launched a research satellite on a Simorgh rocket.");
    let launches: Vec<_> = evs.iter().filter(|e| e.kind == "missile_launch").collect();
    assert_eq!(launches.len(), 2, "{evs:?}");
    assert_eq!(launches[1].date(), None);
}

#[test]
fn the_two_countries_are_those_of_the_last_people_with_a_known_country() {
    let evs = run("Thai Prime Minister Srettha Thavisin held talks with Vietnamese President Vo Van Thuong in Hanoi on Tuesday. He was later to meet General Secretary To Lam. The two countries signed a trade agreement.");
    let deal = evs.iter().find(|e| e.kind == "agreement").expect("deal");
    let mut ids: Vec<_> = deal.actors.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["thailand", "vietnam"]);
    let later = evs
        .iter()
        .find(|e| e.actors.iter().any(|a| a.id == "to-lam"))
        .expect("meeting with To Lam");
    assert_eq!(later.status, Status::Expected);
}

#[test]
fn the_cause_of_a_strike_is_told_in_a_clause_of_its_own() {
    let evs = run("Pakistani jets struck militant hideouts in Afghanistan's Khost province on Monday in response to earlier Taliban raids on border posts.");
    let attacks: Vec<_> = evs.iter().filter(|e| e.kind == "attack").collect();
    assert_eq!(attacks.len(), 1, "{evs:?}");
    assert_eq!(attacks[0].actors[0].id, "pakistan");
}

#[test]
fn negotiators_from_two_parties_hold_talks_a_mediator_is_no_party() {
    let evs = run("Negotiators from Armenia and Azerbaijan have been holding indirect talks in Geneva, mediated by Swiss officials.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("talks");
    let mut ids: Vec<_> = m.actors.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["armenia", "azerbaijan"]);
    assert_eq!(m.place.as_ref().unwrap().name, "Geneva");
}

#[test]
fn a_joint_meeting_with_ministers_from_a_list_of_states() {
    let evs = run("Indian Foreign Minister Subrahmanyam Jaishankar will meet Brazilian President Luiz Inacio Lula da Silva on Thursday and then hold a joint meeting with foreign ministers from Argentina, Chile, Peru and Colombia.");
    let joint = evs
        .iter()
        .find(|e| e.kind == "meeting" && e.actors.iter().any(|a| a.id == "peru"))
        .expect("joint meeting");
    let ids: Vec<_> = joint.actors.iter().map(|a| a.id.as_str()).collect();
    assert!(ids.contains(&"subrahmanyam-jaishankar"), "{ids:?}");
    for state in ["argentina", "chile", "colombia"] {
        assert!(ids.contains(&state), "{ids:?}");
    }
    assert!(!ids.contains(&"luiz-inacio-lula-da-silva"), "{ids:?}");
}

#[test]
fn an_unnamed_attacker_is_named_by_its_noun_and_a_compass_word_keeps_the_place() {
    let evs = run("Gunmen killed 17 farmers when they attacked a market in northern Mozambique on Monday, the army said.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(a.actors[0].id, "gunmen");
    assert!(a.place.as_ref().unwrap().name.contains("Mozambique"));
    assert_eq!(a.date().unwrap().to_string(), "2024-03-11");
}

#[test]
fn a_named_armed_group_claims_a_drone_strike() {
    let evs = run("The Rapid Support Forces launched drones at an army depot in Kosti on Tuesday, a military spokesman said.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(a.actors[0].id, "rapid-support-forces");
    assert_eq!(a.place.as_ref().unwrap().name, "Kosti");
}

#[test]
fn repeated_strikes_are_a_summary_not_a_strike() {
    let evs =
        run("Ankara has carried out repeated air strikes against militants in northern Syria.");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
}

#[test]
fn a_settlement_named_after_an_unknown_region_or_demonym_is_the_place() {
    let evs = run(
        "President Hage Geingob arrived in the Zambian capital Lusaka on Monday, officials said.",
    );
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(a.place.as_ref().unwrap().name, "Lusaka");
    let evs = run("Prime Minister Robert Abela arrived in the Upper Nile town of Malakal on Monday, officials said.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(a.place.as_ref().unwrap().name, "Malakal");
}

#[test]
fn a_plural_title_heads_a_list_of_people() {
    let evs = run("Presidents Hakainde Hichilema and Lazarus Chakwera met in Lilongwe on Monday, officials said.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    let ids: Vec<_> = m.actors.iter().map(|a| a.id.as_str()).collect();
    assert!(ids.contains(&"hakainde-hichilema"), "{ids:?}");
    assert!(ids.contains(&"lazarus-chakwera"), "{ids:?}");
}

#[test]
fn an_attack_takes_its_attacker_from_a_following_in_which_clause() {
    let evs = run("Police stepped up patrols on Monday after an ambush near Mueda on Sunday, in which gunmen killed nine officers.");
    let a = evs
        .iter()
        .find(|e| e.kind == "attack" && e.actors.iter().any(|x| x.id == "gunmen"))
        .expect("ambush by gunmen");
    assert_eq!(a.status, Status::Occurred);
    let evs = run("Security was tightened across the province after last month's attack in Quetta, in which gunmen killed 11 passengers.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(a.actors[0].id, "gunmen");
    assert_eq!(a.date().unwrap().to_string(), "2024-02");
}

#[test]
fn denying_an_accusation_of_a_strike_makes_the_accused_the_denied_attacker() {
    let evs = run("Ethiopia denies Sudan's accusation of drone strike on Kassala airport");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(a.actors.len(), 1, "{evs:?}");
    assert_eq!(a.actors[0].id, "ethiopia");
    assert_eq!(a.status, Status::Denied);
    let evs = run("Ethiopia on Tuesday denied that its forces had carried out a drone strike on the airport in the Sudanese city of Kassala.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(a.actors[0].id, "ethiopia");
    assert_eq!(a.status, Status::Denied);
}

#[test]
fn an_agreement_signed_in_a_relative_or_when_clause() {
    let evs = run("Peru and Colombia have long argued over the Leticia Treaty, which the two countries signed in 1998.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(a.date().unwrap().to_string(), "1998");
    let ids: Vec<_> = a.actors.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["peru", "colombia"]);
    let evs = run("Presidents Hakainde Hichilema and Lazarus Chakwera last met in Lilongwe in May 2021, when they agreed a roadmap on trade.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(a.actors.len(), 2, "{evs:?}");
    assert_eq!(a.place.as_ref().unwrap().name, "Lilongwe");
    assert_eq!(a.date().unwrap().to_string(), "2021-05");
}

#[test]
fn a_space_launch_is_counted_in_rockets_not_satellites() {
    let evs = run("India launched a rocket carrying five satellites from Sriharikota on Tuesday, the space agency said.");
    let a = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(a.count, Some(1), "{evs:?}");
    let evs = run("Japan put four satellites into orbit on Tuesday in its second launch this year, the space agency said.");
    if let Some(a) = evs.iter().find(|e| e.kind == "missile_launch") {
        assert_eq!(a.count, Some(1), "{evs:?}");
    }
}

#[test]
fn a_summit_on_whose_sidelines_a_deal_is_signed_is_no_meeting_of_the_signatories() {
    let evs = run("Kenya and Ghana signed a trade agreement on Monday on the sidelines of the Commonwealth summit in Samoa, officials said.");
    assert!(evs.iter().any(|e| e.kind == "agreement"), "{evs:?}");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
}

#[test]
fn due_to_visit_in_may_is_expected_not_speculated() {
    let evs = run("Prime Minister Mark Carney is due to visit Mexico City in May for talks with President Claudia Sheinbaum, officials said.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(m.status, Status::Expected);
}

#[test]
fn a_second_object_with_its_own_target_and_time_is_a_second_strike() {
    let evs = run("Moscow said Ukraine had fired four missiles at the Belgorod region on Monday and drones at the Bryansk region on Tuesday.");
    let one = run(
        "Kyiv said Russia had launched 90 drones and a ballistic missile at Ukraine overnight.",
    );
    assert_eq!(
        one.iter().filter(|e| e.kind == "attack").count(),
        1,
        "{one:?}"
    );
    assert_eq!(one[0].weapon.as_deref(), Some("drone"), "{one:?}");
    let attacks: Vec<_> = evs.iter().filter(|e| e.kind == "attack").collect();
    assert_eq!(attacks.len(), 2, "{evs:?}");
    assert!(
        attacks.iter().all(|a| a.actors[0].id == "ukraine"),
        "{evs:?}"
    );
    let second = attacks
        .iter()
        .find(|a| a.place.as_ref().unwrap().name.contains("Bryansk"))
        .expect("second strike");
    assert_eq!(second.weapon.as_deref(), Some("drone"));
    assert_eq!(second.date().unwrap().to_string(), "2024-03-12");
}

#[test]
fn his_counterpart_after_and_is_a_second_participant() {
    let evs = run("President William Ruto and his Tanzanian counterpart Samia Suluhu Hassan held talks at the State House in Nairobi on Tuesday.");
    let m = find(&evs, |e| e.kind == "meeting");
    let ids: Vec<_> = m.actors.iter().map(|a| a.id.as_str()).collect();
    assert!(ids.contains(&"william-ruto"), "{ids:?}");
    assert!(ids.contains(&"samia-suluhu-hassan"), "{ids:?}");
}

#[test]
fn a_count_reads_over_a_designation_and_its_maker() {
    let evs = run("Moscow said Ukraine had fired five U.S.-made ATACMS missiles at the Belgorod region on Monday.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(a.count, Some(5), "{evs:?}");
}

#[test]
fn a_weapon_named_for_its_owner_names_the_attacker() {
    let evs = run(
        "Two Russian missiles hit a grain terminal in Odesa on Sunday, the regional governor said.",
    );
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(ids(a), vec!["russia"]);
    assert_eq!((a.count, a.weapon.as_deref()), (Some(2), Some("missile")));
    // "hit" is past as well as base: with its own past date it is no schedule.
    assert_eq!(
        (a.status, a.date().unwrap().to_string().as_str()),
        (Status::Occurred, "2024-03-10")
    );
    let evs = run("The ship was struck by at least three Houthi missiles off Hodeidah on Saturday, the U.S. military said.");
    let a = evs
        .iter()
        .find(|e| e.kind == "attack")
        .expect("passive attack");
    assert_eq!(ids(a), vec!["houthis"]);
    assert_eq!(a.count, Some(3));
    assert_eq!(a.place.as_ref().unwrap().name, "Hodeidah");
}

#[test]
fn drones_launched_toward_a_ship_are_an_attack() {
    let evs = run("The navy said a frigate shot down two Houthi drones launched toward the tanker Marlin Luanda in the Gulf of Aden on Tuesday.");
    assert!(evs.iter().all(|e| e.kind != "missile_launch"), "{evs:?}");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(ids(a), vec!["houthis"]);
    assert_eq!((a.count, a.weapon.as_deref()), (Some(2), Some("drone")));
}

#[test]
fn landing_a_craft_or_a_falling_missile_is_no_arrival() {
    for text in [
        "Rebel fighters landed a helicopter on the tanker on Sunday and seized its crew.",
        "Three of the missiles landed in the Sea of Japan on Tuesday, the defence ministry said.",
    ] {
        let evs = run(text);
        assert!(evs.iter().all(|e| e.kind != "arrival"), "{text}: {evs:?}");
    }
}

#[test]
fn calls_prevented_acts_and_target_nouns_are_not_events() {
    for text in [
        "Foreign Minister Penny Wong will meet Indian Foreign Minister Subrahmanyam Jaishankar by video link on Friday.",
        "France and Britain sent warships to the Red Sea on Monday to stop the attacks.",
        "Washington imposed sanctions on three Iranian firms for their role in launching satellites.",
    ] {
        let evs = run(text);
        assert!(evs.is_empty(), "{text}: {evs:?}");
    }
    // "Hezbollah targets" is the object of the strike, not Hezbollah targeting anything.
    let evs = run("Israeli jets struck 12 more Hezbollah targets across southern Lebanon on Monday, the military said.");
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(ids(&evs[0]), vec!["israel"]);
    assert_eq!(evs[0].place.as_ref().unwrap().name, "Lebanon");
}

#[test]
fn due_in_a_city_is_an_expected_arrival_and_a_patron_is_no_participant() {
    let evs = run("U.S. President Joe Biden's envoy Amos Hochstein is due in Beirut on Friday for talks with Lebanese Prime Minister Najib Mikati.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(ids(a), vec!["amos-hochstein"]);
    assert_eq!(
        (a.status, a.date().unwrap().to_string().as_str()),
        (Status::Expected, "2024-03-15")
    );
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), vec!["amos-hochstein", "najib-mikati"]);
}

#[test]
fn a_joint_declaration_adopted_is_an_agreement() {
    let evs = run("President Luiz Inacio Lula da Silva, Indian Prime Minister Narendra Modi and South African President Cyril Ramaphosa met in Brasilia on Monday and adopted a joint declaration on climate finance.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(a.actors.len(), 3);
    assert_eq!(a.date().unwrap().to_string(), "2024-03-11");
}

#[test]
fn a_coordinated_said_keeps_the_first_verbs_time() {
    let evs = run("Defence Minister Richard Marles visited a naval base in Darwin on Tuesday morning and said the fleet was ready.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(a.date().unwrap().to_string(), "2024-03-12");
    assert!(a.attribution.is_empty(), "{:?}", a.attribution);
}

#[test]
fn agreeing_on_a_stance_after_a_call_is_no_agreement() {
    let evs = run("The foreign ministers of Japan and South Korea held a phone call on Tuesday and agreed to respond firmly to the launch.");
    assert!(evs.is_empty(), "{evs:?}");
}

#[test]
fn strikes_after_an_adjective_are_a_noun_not_a_schedule() {
    let evs = run("Israel carried out military strikes on Hezbollah positions in southern Lebanon early on Monday.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(
        (a.status, a.date().unwrap().to_string().as_str()),
        (Status::Occurred, "2024-03-11")
    );
}

#[test]
fn an_accusation_of_an_act_and_a_strike_there() {
    let evs = run(
        "Officials in the city of Kherson accused Russia of shelling a market there on Tuesday.",
    );
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(ids(a), vec!["russia"]);
    assert_eq!(a.place.as_ref().unwrap().name, "Kherson");
    assert_eq!(a.date().unwrap().to_string(), "2024-03-12");
}

#[test]
fn a_demonym_on_an_attack_noun_names_the_attacker() {
    let evs = run("A Russian drone attack on Kharkiv killed 12 people on Sunday, medics said.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(ids(a), vec!["russia"]);
    // "a" counts the attacks, not the drones.
    assert_eq!((a.count, a.weapon.as_deref()), (None, Some("drone")));
}

#[test]
fn a_when_clause_happens_at_its_main_clauses_time() {
    let evs = run("Iran's satellite launch ended in failure late on Monday when the rocket exploded shortly after liftoff, state media said.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(ids(l), vec!["iran"]);
    assert_eq!(l.date().unwrap().to_string(), "2024-03-11");
}

#[test]
fn it_after_a_verb_of_telling_is_the_teller_not_the_one_told() {
    let evs = run("Pyongyang notified Japan's coast guard on Tuesday that it would launch a satellite rocket between March 20 and March 25.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(ids(l), vec!["north-korea"]);
    assert_eq!(l.status, Status::Expected);
}

#[test]
fn reaching_shelter_is_no_arrival_and_an_outlets_surname_spelling_binds() {
    let evs = run("Residents had only minutes to reach shelter after the sirens sounded.");
    assert!(evs.is_empty(), "{evs:?}");
    let evs = run("Ukrainian President Volodymyr Zelenskyy spoke on Tuesday.\n\nZelenskyy, who arrived in Pretoria on Wednesday morning, said he would cut the trip short.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(ids(a), vec!["volodymyr-zelensky"]);
    assert_eq!(a.place.as_ref().unwrap().name, "Pretoria");
}

#[test]
fn a_weapons_test_is_a_launch_and_a_visit_names_its_traveller_after_the_place() {
    let evs = run("The North's last intercontinental ballistic missile test came on Dec. 18, when it fired the solid-fuel Hwasong-18.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(ids(l), vec!["north-korea"]);
    assert_eq!(l.date().unwrap().to_string(), "2023-12-18");
    assert_eq!(
        l.weapon.as_deref(),
        Some("intercontinental ballistic missile")
    );
    // A nuclear test is not a kind in this scheme.
    assert!(run("The North conducted its sixth nuclear test on Sept. 3, 2017.").is_empty());
    let evs = run("China held drills after a visit to Taipei by U.S. House Speaker Nancy Pelosi in August 2022.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(ids(a), vec!["nancy-pelosi"]);
    assert_eq!(a.place.as_ref().unwrap().name, "Taipei");
}

#[test]
fn launching_attacks_is_no_missile_launch() {
    let evs = run("Rebels launched drone and rocket attacks on an army garrison in Goma on Monday, the army said.");
    assert!(evs.iter().all(|e| e.kind != "missile_launch"), "{evs:?}");
    // A launch verb with a weapon for its object is still a launch.
    let evs = run("China's navy launched two cruise missiles into the sea off Hainan on Monday, state media said.");
    assert!(evs.iter().any(|e| e.kind == "missile_launch"), "{evs:?}");
}

#[test]
fn a_participle_before_its_noun_tells_no_arrival() {
    let evs = run("President William Ruto received a visiting delegation of elders at State House in Nairobi on Monday.");
    assert!(evs.iter().all(|e| e.kind != "arrival"), "{evs:?}");
    let evs = run("President William Ruto is visiting Mombasa on Monday, his office said.");
    assert!(evs.iter().any(|e| e.kind == "arrival"), "{evs:?}");
}

#[test]
fn an_occasion_in_a_city_places_the_meeting_in_the_city() {
    let evs = run("Chancellor Olaf Scholz met Argentine President Javier Milei at the World Economic Forum in Davos on Tuesday, officials said.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(m.place.as_ref().unwrap().name, "Davos");
    let evs = run("Defence Minister Richard Marles met Chinese Defence Minister Dong Jun at the Shangri-La Dialogue in Singapore on Saturday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(m.place.as_ref().unwrap().name, "Singapore");
}

#[test]
fn an_attacker_claiming_responsibility_in_the_next_sentence_is_the_attacker() {
    let evs = run("A drone struck an oil terminal near Novorossiysk on Tuesday, port officials said. Ukraine's military intelligence claimed responsibility on Wednesday, saying its drones had targeted the fuel tanks.");
    let attacks: Vec<_> = evs.iter().filter(|e| e.kind == "attack").collect();
    assert_eq!(attacks.len(), 1, "{attacks:?}");
    assert_eq!(attacks[0].actors[0].id, "ukraine");
    assert_eq!(attacks[0].date().unwrap().to_string(), "2024-03-12");
    assert!(attacks[0]
        .place
        .as_ref()
        .unwrap()
        .name
        .contains("Novorossiysk"));
}

#[test]
fn an_attacker_blamed_in_the_next_sentence_is_the_attacker() {
    let evs = run("Artillery shells struck a village near Tovuz on Sunday, local officials said. Azerbaijan's defence ministry blamed Armenia for the attack.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    let ids: Vec<_> = a.actors.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["armenia"]);
    assert!(a.place.as_ref().unwrap().name.contains("Tovuz"));
    // Blame for something that is not an attack names no attacker.
    let evs = run("Artillery shells struck a village near Tovuz on Sunday. Azerbaijan's defence ministry blamed Armenia for the tension.");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
}

#[test]
fn a_name_running_into_a_country_name_is_one_place() {
    let evs = run("Prime Minister Kamil Idris arrived in Port Sudan on Monday, officials said.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(a.place.as_ref().unwrap().name, "Port Sudan");
}

#[test]
fn a_country_naming_a_trip_is_not_its_traveller() {
    let evs = run("Prime Minister Narendra Modi wraps up Kenya tour, heads to Lusaka");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    let ids: Vec<_> = a.actors.iter().map(|x| x.id.as_str()).collect();
    assert!(!ids.contains(&"kenya"), "{ids:?}");
    assert!(ids.iter().any(|i| i.contains("modi")), "{ids:?}");
}

#[test]
fn a_meeting_of_unnamed_ministers_is_not_the_leaders_meeting() {
    let evs = run("Prime Minister Christopher Luxon and Prime Minister Anthony Albanese met in Wellington on Tuesday. Luxon said they had agreed to hold a meeting of their trade ministers in Auckland next month.");
    let meetings: Vec<_> = evs.iter().filter(|e| e.kind == "meeting").collect();
    assert_eq!(meetings.len(), 1, "{meetings:?}");
    assert_eq!(meetings[0].place.as_ref().unwrap().name, "Wellington");
}

#[test]
fn where_hangs_on_the_place_named_before_it() {
    let evs = run("Foreign Minister Penny Wong left Suva on Monday for Apia, where she will meet Prime Minister Fiame Naomi Mata'afa on Tuesday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(m.place.as_ref().unwrap().name, "Apia");
}

#[test]
fn seas_and_bays_named_after_a_country_or_with_of_are_whole() {
    for (text, place) in [
        ("China fired two ballistic missiles into the South China Sea on Monday, state media said.", "South China Sea"),
        ("India test-fired a ballistic missile into the Bay of Bengal on Monday, officials said.", "Bay of Bengal"),
        ("Iran fired a cruise missile into the Gulf of Oman on Monday, state media said.", "Gulf of Oman"),
    ] {
        let evs = run(text);
        let l = evs.iter().find(|e| e.kind == "missile_launch").expect(text);
        assert_eq!(l.place.as_ref().unwrap().name, place, "{text}");
    }
}

#[test]
fn and_with_a_subject_of_its_own_opens_a_clause_with_its_own_time() {
    let evs = run("Pakistan launched a cruise missile in January, and in February it tested a ballistic missile, the army said.");
    let mut dates: Vec<String> = evs
        .iter()
        .filter(|e| e.kind == "missile_launch")
        .filter_map(|e| e.date().map(|d| d.to_string()))
        .collect();
    dates.sort();
    assert_eq!(dates, ["2024-01", "2024-02"], "{evs:?}");
}

#[test]
fn a_satellite_put_into_orbit_is_a_launch() {
    let evs = run("South Korea put its third military satellite into orbit on Monday, the defence ministry said.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(l.actors[0].id, "south-korea");
    assert_eq!(l.weapon.as_deref(), Some("space launch vehicle"));
    assert_eq!(l.date().unwrap().to_string(), "2024-03-11");
}

#[test]
fn later_in_the_day_is_the_day_just_told_else_the_reports_own() {
    // Published Wednesday 2024-03-13.
    let evs = run("Kenyan President William Ruto is scheduled to leave for Nairobi later in the day, his office said.");
    let d = evs
        .iter()
        .find(|e| e.kind == "departure")
        .expect("departure");
    assert_eq!(d.date().unwrap().to_string(), "2024-03-13", "{d:?}");

    let evs = run("Kenyan President William Ruto met Dutch Prime Minister Dick Schoof in The Hague on Monday evening, after meeting NATO Secretary-General Mark Rutte earlier in the day.");
    let mut dates: Vec<String> = evs
        .iter()
        .filter(|e| e.kind == "meeting")
        .filter_map(|e| e.date().map(|d| d.to_string()))
        .collect();
    dates.dedup();
    assert_eq!(dates, ["2024-03-11"], "{evs:?}");
}

#[test]
fn a_happening_told_as_a_reference_point_dates_none_of_its_neighbours() {
    for background in [
        "It is his first visit to Brazil since 2015.",
        "It is his first trip to the country in nine years, since he visited in June 2015.",
    ] {
        let text = format!(
            "BRASILIA (Reuters) - Indian Prime Minister Narendra Modi arrived in Brasilia on Monday. {background} Modi held talks with President Luiz Inacio Lula da Silva at the Planalto Palace."
        );
        let evs = run(&text);
        let talks = evs.iter().find(|e| e.kind == "meeting").expect(&text);
        assert_ne!(
            talks.date().map(|d| d.to_string()).as_deref(),
            Some("2015-06"),
            "{text}: {talks:?}"
        );
        assert_ne!(talks.date().map(|d| d.to_string()).as_deref(), Some("2015"));
    }
    // Of two dated happenings in the sentence before, the narrative goes on from the latest.
    let evs = run("BRASILIA (Reuters) - Indian Prime Minister Narendra Modi arrived in Brasilia on Monday, his first official visit to Brazil since 2015. Modi held talks with President Luiz Inacio Lula da Silva at the Planalto Palace.");
    let talks = evs.iter().find(|e| e.kind == "meeting").expect("talks");
    assert_eq!(talks.date().unwrap().to_string(), "2024-03-11", "{talks:?}");
}

#[test]
fn a_meeting_to_come_is_held_where_its_participant_has_arrived_or_is_going() {
    let evs = run("HANOI (Reuters) - Philippine President Ferdinand Marcos Jr. arrived in Hanoi on Tuesday. He is expected to meet Vietnamese President To Lam on Wednesday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(
        m.place.as_ref().map(|p| p.name.as_str()),
        Some("Hanoi"),
        "{m:?}"
    );

    let evs = run("Philippine President Ferdinand Marcos Jr. is scheduled to fly to Da Nang on Thursday to meet Vietnamese Prime Minister Pham Minh Chinh.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(
        m.place.as_ref().map(|p| p.name.as_str()),
        Some("Da Nang"),
        "{m:?}"
    );

    // A trip still to come says nothing of where a meeting told before it is held.
    let evs = run("Philippine President Ferdinand Marcos Jr. will meet Vietnamese President To Lam on Wednesday before he flies to Da Nang.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(m.place, None, "{m:?}");
}

#[test]
fn an_attack_told_without_attacker_takes_the_state_whose_forces_its_military_says_struck() {
    let evs = run("GAZA (AP) — A strike hit a school in Khan Younis before dawn on Tuesday, killing at least 11 people.\n\nWitnesses said the blast tore through two classrooms.\n\nThe Israeli military said hours later that its aircraft had targeted a command centre inside the compound.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(
        a.actors.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
        ["israel"],
        "{a:?}"
    );
    assert_eq!(
        a.place.as_ref().map(|p| p.name.as_str()),
        Some("Khan Younis")
    );

    // A sentence between that tells an attack of its own takes the naming for itself.
    let evs = run("KYIV (Reuters) - A strike hit a depot in Kharkiv on Monday. Separately, drones hit a power station in Sumy. Russia's defence ministry said its forces had struck energy facilities.");
    let kharkiv = evs
        .iter()
        .find(|e| e.place.as_ref().is_some_and(|p| p.name == "Kharkiv"));
    assert!(kharkiv.is_none(), "{evs:?}");
}

#[test]
fn officials_signing_after_the_talks_sign_for_the_states_whose_leaders_met() {
    let evs = run("BEIJING (Reuters) - Indonesian President Prabowo Subianto held talks with Chinese President Xi Jinping in Beijing on Monday. Afterwards, officials signed a dozen agreements on trade and fisheries.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    let mut parties: Vec<&str> = a.actors.iter().map(|x| x.id.as_str()).collect();
    parties.sort();
    assert_eq!(parties, ["china", "indonesia"], "{a:?}");
    assert_eq!(a.date().unwrap().to_string(), "2024-03-11");

    // With no meeting told before, officials signing name no parties: no event.
    let evs = run(
        "BEIJING (Reuters) - Officials signed a dozen agreements on trade and fisheries on Monday.",
    );
    assert!(evs.iter().all(|e| e.kind != "agreement"), "{evs:?}");
}

#[test]
fn what_the_visitor_and_another_did_together_on_a_visit_is_a_meeting() {
    let evs = run("NAIROBI (Reuters) - Kenyan President William Ruto last visited Tanzania in January, when he and Tanzanian President Samia Suluhu Hassan opened a border post in Namanga.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    let ids: Vec<&str> = m.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["william-ruto", "samia-suluhu-hassan"], "{m:?}");
    assert_eq!(m.date().unwrap().to_string(), "2024-01");
    assert_eq!(m.status, Status::Occurred);

    // Without a partner in the clause there is nobody to have met.
    let evs = run("NAIROBI (Reuters) - Kenyan President William Ruto last visited Tanzania in January, when he opened a border post.");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
}

#[test]
fn landing_at_an_airport_on_the_day_of_an_arrival_in_the_city_is_that_arrival() {
    let evs = run("JAKARTA (Reuters) - Brazilian President Luiz Inacio Lula da Silva arrived in Jakarta on Monday for a state visit. His plane landed at Halim Perdanakusuma airport shortly after noon. Da Silva will leave for Kuala Lumpur on Wednesday.");
    let arrivals: Vec<_> = evs.iter().filter(|e| e.kind == "arrival").collect();
    assert_eq!(arrivals.len(), 1, "{arrivals:?}");
    assert_eq!(
        arrivals[0].place.as_ref().map(|p| p.name.as_str()),
        Some("Jakarta")
    );
    // One leaves the city the gazetteer knows, not the airport.
    let d = evs
        .iter()
        .find(|e| e.kind == "departure")
        .expect("departure");
    assert_eq!(
        d.place.as_ref().map(|p| p.name.as_str()),
        Some("Jakarta"),
        "{d:?}"
    );
}

#[test]
fn a_headline_item_after_a_comma_keeps_its_time_and_its_bare_noun_takes_the_bodys_date() {
    // Published Monday 2024-03-11.
    let evs = extract(
        &article(
            Some("Ramaphosa arrives in Abuja for state visit, summit with Tinubu on Tuesday"),
            "ABUJA (Reuters) - South African President Cyril Ramaphosa arrived in Abuja on Monday for a two-day state visit. He is scheduled to hold a summit with Nigerian President Bola Tinubu on Tuesday.",
            Some("2024-03-11T18:00:00+01:00"),
        ),
        Lexicon::builtin(),
    );
    let kinds: Vec<(&str, String)> = evs
        .iter()
        .map(|e| {
            (
                e.kind.as_str(),
                e.date().map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("arrival", "2024-03-11".to_owned()),
            ("meeting", "2024-03-12".to_owned())
        ],
        "{evs:?}"
    );
    assert_eq!(evs[1].status, Status::Expected);
}

#[test]
fn a_states_military_strikes_for_the_state_and_airstrikes_are_attacks() {
    let evs = run("BEIRUT (AP) — Israeli airstrikes hit several towns in southern Lebanon on Tuesday, killing at least three people. The Israeli military said it struck weapons depots near Nabatieh.");
    let attacks: Vec<_> = evs.iter().filter(|e| e.kind == "attack").collect();
    assert_eq!(attacks.len(), 1, "{attacks:?}");
    let ids: Vec<&str> = attacks[0].actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["israel"], "{attacks:?}");
}

#[test]
fn an_armed_groups_rockets_fired_toward_a_country_are_an_attack() {
    let evs = run("BEIRUT (AP) — Hezbollah denied that it had fired any rockets toward Israel and said the truce, reached in November 2024, still held.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(a.status, Status::Denied);
    assert_eq!(a.actors[0].id, "hezbollah");
    // The time of the second reporting verb's clause is not the attack's.
    assert!(a.time.is_none(), "{a:?}");
    assert!(evs.iter().all(|e| e.kind != "missile_launch"), "{evs:?}");
}

#[test]
fn a_person_named_after_a_country_and_title_is_met_and_the_meeting_is_where_the_text_says() {
    let evs = run("BEIRUT (AP) — Lebanese President Joseph Aoun is expected to meet U.S. envoy Tom Barrack in Beirut on Friday, officials said.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    let ids: Vec<&str> = m.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["joseph-aoun", "tom-barrack"]);
    assert_eq!(
        m.place.as_ref().map(|p| p.name.as_str()),
        Some("Beirut"),
        "{m:?}"
    );
}

#[test]
fn the_deal_signed_by_officials_after_it_is_told_is_the_same_deal() {
    let evs = run("BRUSSELS (Reuters) - The European Union and Indonesia signed a free trade agreement on Tuesday. EU trade commissioner Maros Sefcovic and Indonesian Economic Affairs Minister Airlangga Hartarto signed the deal at a ceremony in Brussels.");
    let deals: Vec<_> = evs.iter().filter(|e| e.kind == "agreement").collect();
    assert_eq!(deals.len(), 1, "{deals:?}");
    assert_eq!(
        deals[0].place.as_ref().map(|p| p.name.as_str()),
        Some("Brussels")
    );
}

#[test]
fn a_launch_noun_after_a_possessive_and_a_modifier_restates_the_launch() {
    let evs = run("SEOUL (Yonhap) -- North Korea fired several cruise missiles into the Yellow Sea on Monday morning, the military said, in its first weapons launch in nearly a month. The military said it detected the launches from an area near Nampo.");
    let launches: Vec<_> = evs.iter().filter(|e| e.kind == "missile_launch").collect();
    assert_eq!(launches.len(), 1, "{launches:?}");
    assert_eq!(launches[0].status, Status::Occurred);
    assert_eq!(
        launches[0].place.as_ref().map(|p| p.name.as_str()),
        Some("Nampo")
    );
}

#[test]
fn a_verb_only_trigger_after_an_article_is_a_noun_and_tells_nothing() {
    let evs = run("TOKYO (Reuters) - Indian Prime Minister Narendra Modi and Japanese Prime Minister Shigeru Ishiba are set to hold their annual summit later in the day and are expected to announce a target for Japanese private investment in India, officials said.");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    // "and are expected to announce ... in India" is another verb phrase: its place is not the summit's.
    assert_eq!(m.place, None, "{m:?}");
}

#[test]
fn a_cruise_missile_test_and_a_ballistic_missile_launch_are_two_launches() {
    let evs = run("MOSCOW (Reuters) - Russia has tested its new cruise missile, President Vladimir Putin said on Sunday. Earlier this month, Russia's armed forces held drills in which a Yars intercontinental ballistic missile was launched from the Plesetsk cosmodrome.");
    let launches: Vec<_> = evs.iter().filter(|e| e.kind == "missile_launch").collect();
    assert_eq!(launches.len(), 2, "{launches:?}");
}

#[test]
fn who_travels_with_the_traveller_travels_too_but_not_who_they_meet() {
    let evs = run("Indian Prime Minister Narendra Modi will travel to Sendai with Japanese Prime Minister Shigeru Ishiba on Saturday.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    let ids: Vec<&str> = a.actors.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["narendra-modi", "shigeru-ishiba"], "{a:?}");

    let evs = run("Indian Prime Minister Narendra Modi arrived in Tokyo on Saturday for talks with Japanese Prime Minister Shigeru Ishiba.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(a.actors.len(), 1, "{a:?}");
}

#[test]
fn a_state_hosting_the_talks_is_no_party_to_them() {
    let evs = run("BAKU (AFP) - Azerbaijani President Ilham Aliyev and Armenian Prime Minister Nikol Pashinyan met in Abu Dhabi on Monday for talks hosted by the United Arab Emirates.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    let ids: Vec<&str> = m.actors.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["ilham-aliyev", "nikol-pashinyan"], "{m:?}");
}

#[test]
fn an_arabic_name_with_its_article_and_a_qualified_title_corefer() {
    let evs = extract(
        &article(
            Some("Putin holds talks with Syria's al-Sharaa in Kremlin"),
            "MOSCOW (TASS) - Russian President Vladimir Putin held talks with Syrian interim President Ahmed al-Sharaa in the Kremlin on Wednesday. Al-Sharaa also met Foreign Minister Sergey Lavrov during the visit. The Syrian leader is expected to return to Damascus on Thursday.",
            Some("2024-03-13T19:00:00+03:00"),
        ),
        Lexicon::builtin(),
    );
    let meetings: Vec<_> = evs.iter().filter(|e| e.kind == "meeting").collect();
    assert_eq!(meetings.len(), 2, "{meetings:?}");
    assert!(meetings
        .iter()
        .all(|m| m.actors.iter().any(|a| a.id == "ahmed-al-sharaa")));
    let d = evs
        .iter()
        .find(|e| e.kind == "departure")
        .expect("departure");
    assert_eq!(d.actors[0].id, "ahmed-al-sharaa");
}

#[test]
fn after_the_talks_reaches_back_to_the_talks_however_far() {
    let evs = run("BEIJING (Xinhua) -- Chinese President Xi Jinping held talks with Russian President Vladimir Putin at the Great Hall of the People on Tuesday. Xi called for closer cooperation. Putin praised the partnership. After the talks, the two heads of state witnessed the signing of more than 20 cooperation documents.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(a.date().unwrap().to_string(), "2024-03-12", "{a:?}");
    assert_eq!(
        a.place.as_ref().map(|p| p.name.as_str()),
        Some("Great Hall of the People")
    );
}

#[test]
fn a_time_after_since_does_not_keep_a_visit_from_the_narratives_date() {
    let evs = run("MOSCOW (TASS) - Russian President Vladimir Putin held talks with Syrian interim President Ahmed al-Sharaa in the Kremlin on Tuesday. It is al-Sharaa's first visit to Russia since the fall of the government in December.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(a.date().unwrap().to_string(), "2024-03-12", "{a:?}");
}

#[test]
fn visiting_before_a_name_tells_no_arrival() {
    let evs = run("TAIPEI (Reuters) - Taiwan President Lai Ching-te met visiting U.S. Senator Pete Ricketts in Taipei on Monday.");
    assert!(evs.iter().all(|e| e.kind != "arrival"), "{evs:?}");
}

#[test]
fn a_deadline_after_by_dates_nothing() {
    let evs = run("JAKARTA (Reuters) - Indonesia and Vietnam signed agreements on fisheries and education on Monday, and agreed to raise bilateral trade to $18 billion by 2028.");
    let dates: Vec<String> = evs
        .iter()
        .filter(|e| e.kind == "agreement")
        .filter_map(|e| e.date().map(|d| d.to_string()))
        .collect();
    assert!(dates.iter().all(|d| d != "2028"), "{evs:?}");
}

#[test]
fn an_arrival_in_a_relative_clause_restates_the_visit_told_before() {
    let evs = run("JAKARTA (Reuters) - Indonesia and Vietnam agreed on Monday to upgrade their ties, during a visit to Jakarta by Vietnamese Communist Party chief To Lam. Lam, who arrived on Sunday, held talks with Indonesian President Prabowo Subianto at the presidential palace.");
    let arrivals: Vec<_> = evs.iter().filter(|e| e.kind == "arrival").collect();
    assert_eq!(arrivals.len(), 1, "{arrivals:?}");
    assert_eq!(
        arrivals[0].place.as_ref().map(|p| p.name.as_str()),
        Some("Jakarta")
    );
}

#[test]
fn a_gerund_after_an_article_still_tells_its_event() {
    let evs = run("SEOUL (Reuters) - North Korean leader Kim Jong Un oversaw the test-firing of three new tactical ballistic missiles on Tuesday, state news agency KCNA reported.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(l.count, Some(3));
}

#[test]
fn a_name_known_by_an_inner_part_is_the_same_person() {
    let evs = run("BRASILIA (Reuters) - Brazilian President Luiz Inacio Lula da Silva arrived in Santiago on Monday for a two-day visit. Lula held talks with Chilean President Gabriel Boric at the La Moneda palace on Tuesday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), ["gabriel-boric", "luiz-inacio-lula-da-silva"]);
}

#[test]
fn a_camp_is_a_place_not_a_person() {
    let evs = run("MANILA (Reuters) - Philippine Defence Secretary Gilberto Teodoro hosted Australian Defence Minister Richard Marles at Camp Aguinaldo on Tuesday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), ["gilberto-teodoro", "richard-marles"]);
    assert_eq!(
        m.place.as_ref().map(|p| p.name.as_str()),
        Some("Camp Aguinaldo")
    );
}

#[test]
fn an_object_pronoun_is_the_visitor_the_story_is_about() {
    let evs = run("TOKYO (Kyodo) - Spanish King Felipe VI arrived in Tokyo on Monday for a state visit. On Tuesday, Emperor Naruhito received him at the Imperial Palace.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), ["felipe-vi", "naruhito"]);
    let emperor = m.actors.iter().find(|a| a.id == "naruhito");
    assert_eq!(emperor.and_then(|a| a.role.as_deref()), Some("Emperor"));
    assert_eq!(m.date().unwrap().to_string(), "2024-03-12");
}

#[test]
fn the_agency_is_the_space_agency_named_before_and_launches_for_its_state() {
    let evs = run("BENGALURU (Reuters) - The Indian Space Research Organisation said on Tuesday its new rocket performed well. The agency launched a PSLV rocket carrying an earth observation satellite from Sriharikota on Monday.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(ids(l), ["india"]);
    assert_eq!(
        l.place.as_ref().map(|p| p.name.as_str()),
        Some("Sriharikota")
    );
}

#[test]
fn an_aim_looks_forward() {
    let evs = run("NEW DELHI (Reuters) - India aims to launch a GSLV rocket carrying a weather satellite in August, the Indian Space Research Organisation said.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(l.status, Status::Expected);
    assert_eq!(l.date().unwrap().to_string(), "2024-08");
}

#[test]
fn gen_after_an_office_and_before_one_name_is_a_given_name() {
    let evs = run("TOKYO (Reuters) - U.S. Defense Secretary Pete Hegseth met Japanese Defense Minister Gen Nakatani in Tokyo on Sunday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), ["gen-nakatani", "pete-hegseth"]);
    let nakatani = m.actors.iter().find(|a| a.id == "gen-nakatani");
    assert_eq!(
        nakatani.and_then(|a| a.role.as_deref()),
        Some("Defense Minister")
    );
}

#[test]
fn an_office_named_after_a_title_is_a_venue() {
    let evs = run("TOKYO (Kyodo) - Prime Minister Shigeru Ishiba and Brazilian President Luiz Inacio Lula da Silva held talks at the Prime Minister's Office on Wednesday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), ["luiz-inacio-lula-da-silva", "shigeru-ishiba"]);
    assert_eq!(
        m.place.as_ref().map(|p| p.name.as_str()),
        Some("Prime Minister's Office")
    );
}

#[test]
fn visiting_between_a_verb_and_its_object_only_describes() {
    let evs = run("MANILA (Reuters) - Philippine President Ferdinand Marcos Jr. met visiting U.S. Defense Secretary Pete Hegseth at Malacanang Palace on Friday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), ["ferdinand-marcos-jr", "pete-hegseth"]);
}

#[test]
fn a_delegation_led_by_a_person_is_that_person() {
    let evs = run("TAIPEI (Reuters) - Taiwan President Lai Ching-te met a delegation of U.S. lawmakers led by Senator Pete Ricketts in Taipei on Monday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), ["lai-ching-te", "pete-ricketts"]);
}

#[test]
fn a_trip_the_arrival_is_told_on_is_no_second_arrival() {
    let evs = run("MANILA (AP) - U.S. Defense Secretary Pete Hegseth flew into Manila on Thursday night on his first trip to Asia since taking office.");
    let arrivals: Vec<_> = evs.iter().filter(|e| e.kind == "arrival").collect();
    assert_eq!(arrivals.len(), 1, "{arrivals:?}");
    assert_eq!(
        arrivals[0].place.as_ref().map(|p| p.name.as_str()),
        Some("Manila")
    );
}

#[test]
fn after_the_talks_dates_a_signing_by_the_talks_of_both_signers() {
    let evs = run("TOKYO (Kyodo) - Brazilian President Luiz Inacio Lula da Silva held talks with Prime Minister Shigeru Ishiba in Tokyo on Monday. On Tuesday, Lula met opposition leader Yoshihiko Noda at parliament. After the talks, Lula and Ishiba signed a joint statement on climate cooperation.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(ids(a), ["luiz-inacio-lula-da-silva", "shigeru-ishiba"]);
    assert_eq!(a.date().unwrap().to_string(), "2024-03-11");
}

#[test]
fn a_named_spouse_travels_too() {
    for body in [
        "HANOI (Reuters) - Brazilian President Luiz Inacio Lula da Silva arrived in Hanoi on Sunday evening with his wife, Rosangela da Silva, for a state visit.",
        "HANOI (Reuters) - Brazilian President Luiz Inacio Lula da Silva arrived in Hanoi on Sunday evening, accompanied by his wife, Rosangela da Silva, for a state visit.",
    ] {
        let evs = run(body);
        let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
        assert_eq!(ids(a), ["luiz-inacio-lula-da-silva", "rosangela-da-silva"], "{body}");
    }
}

#[test]
fn where_after_a_dated_destination_is_the_destination() {
    let evs = run("WASHINGTON (Reuters) - U.S. Defense Secretary Pete Hegseth will leave for Tokyo on Saturday, where he will meet Japanese Defense Minister Gen Nakatani, the Pentagon said.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("Tokyo"));
    assert_eq!(m.status, Status::Expected);
}

#[test]
fn a_time_after_agreed_on_dates_the_deal() {
    let evs = run("ADDIS ABABA (Reuters) - Ethiopia and Eritrea agreed on Monday to a ceasefire along their disputed border, the African Union said.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(a.date().unwrap().to_string(), "2024-03-11");
}

#[test]
fn an_acting_office_after_a_possessive_state_keeps_the_person() {
    let evs = run("KUALA LUMPUR (Reuters) - Cambodian Prime Minister Hun Manet and Thailand's acting Prime Minister Phumtham Wechayachai met in Kuala Lumpur on Monday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), ["hun-manet", "phumtham-wechayachai"]);
    let acting = m.actors.iter().find(|a| a.id == "phumtham-wechayachai");
    assert_eq!(acting.and_then(|a| a.country.as_deref()), Some("TH"));
}

#[test]
fn an_unnamed_venue_in_a_named_town_is_set_in_the_town() {
    let evs = run("JAKARTA (Reuters) - Indonesian President Prabowo Subianto received Malaysian Prime Minister Anwar Ibrahim at the presidential palace in Bogor on Monday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("Bogor"));
}

#[test]
fn a_deal_headlined_by_states_keeps_the_leaders_the_body_names() {
    let evs = extract(
        &article(
            Some("Chile, Peru agree to deepen trade ties"),
            "LIMA (Reuters) - Peruvian President Dina Boluarte and Chilean President Gabriel Boric signed a trade and investment accord in Lima on Friday.",
            Some("2024-03-16T10:00:00-05:00"),
        ),
        Lexicon::builtin(),
    );
    let deals: Vec<&Event> = evs.iter().filter(|e| e.kind == "agreement").collect();
    assert_eq!(deals.len(), 1, "{deals:?}");
    assert_eq!(ids(deals[0]), ["dina-boluarte", "gabriel-boric"]);
}

#[test]
fn a_rocket_carrying_a_satellite_is_a_space_launch_vehicle() {
    let evs = run("TOKYO (Kyodo) - Japan launched an H3 rocket carrying a navigation satellite from the Tanegashima Space Center on Sunday, the space agency JAXA said.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(l.weapon.as_deref(), Some("space launch vehicle"));
}

#[test]
fn accompanied_by_names_a_companion_past_the_plane() {
    let evs = run("NAIROBI (Reuters) - French President Emmanuel Macron landed in Nairobi on Sunday aboard a French air force jet, accompanied by his wife, Brigitte Macron, for a three-day visit.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(ids(a), ["brigitte-macron", "emmanuel-macron"]);
}

#[test]
fn a_halt_to_fighting_agreed_is_a_deal() {
    let evs = run("DOHA (Reuters) - Congo and the M23 rebels agreed on Saturday to a halt to all fighting in the east of the country, Qatari mediators said.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(a.status, Status::Occurred);
}

#[test]
fn an_air_base_is_a_venue_and_including_names_the_target() {
    let evs = run("KYIV (Reuters) - Ukraine fired drones at four Russian airfields on Sunday, including Belaya air base in the Irkutsk region, Ukraine's SBU security service said.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(
        a.place.as_ref().map(|p| p.name.as_str()),
        Some("Belaya Air Base")
    );
}

#[test]
fn then_goes_on_from_the_day_just_told_whoever_acts() {
    let evs = run("BEIRUT (Reuters) - Israeli jets struck targets in southern Lebanon on Monday, the Israeli military said. Hezbollah then fired rockets at a base in northern Israel, the group said.");
    let hezbollah = evs
        .iter()
        .find(|e| e.kind == "attack" && ids(e) == ["hezbollah"])
        .expect("Hezbollah's attack");
    assert_eq!(hezbollah.date().unwrap().to_string(), "2024-03-11");
}

#[test]
fn a_headline_traveller_named_by_state_is_the_body_traveller() {
    let evs = extract(
        &article(
            Some("US plans more drills as Pentagon chief visits Seoul"),
            "SEOUL (AP) — U.S. Defense Secretary Pete Hegseth arrived in Seoul on Monday for talks on the alliance.",
            Some("2024-03-13T10:00:00+09:00"),
        ),
        Lexicon::builtin(),
    );
    let arrivals: Vec<&Event> = evs.iter().filter(|e| e.kind == "arrival").collect();
    assert_eq!(arrivals.len(), 1, "{arrivals:?}");
    assert_eq!(ids(arrivals[0]), ["pete-hegseth"]);
}

#[test]
fn a_charge_the_accused_denied_closes_on_the_denial() {
    let evs = run("KINSHASA (Reuters) - Congo's army accused Rwandan troops of shelling the town of Goma on Sunday, a charge Kigali denied.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(a.status, Status::Denied);
    assert_eq!(ids(a), ["rwanda"]);
}

fn arrival_dated<'a>(evs: &'a [Event], date: &str) -> Option<&'a Event> {
    evs.iter()
        .find(|e| e.kind == "arrival" && e.date().is_some_and(|d| d.to_string() == date))
}

#[test]
fn a_trip_framing_an_arrival_but_dated_apart_is_the_earlier_trip() {
    let evs = run("ANKARA (Reuters) - Greek Prime Minister Kyriakos Mitsotakis arrived in Ankara on Monday on his first official visit to Turkey since 2019.");
    let now = arrival_dated(&evs, "2024-03-11").expect("Monday's arrival");
    assert_eq!(now.place.as_ref().map(|p| p.name.as_str()), Some("Ankara"));
    let before = arrival_dated(&evs, "2019").expect("the 2019 visit");
    assert_eq!(ids(before), ["kyriakos-mitsotakis"]);
    assert_eq!(before.status, Status::Occurred);
}

#[test]
fn his_first_trip_since_names_the_traveller_told_before() {
    let evs = run("MOSCOW (Reuters) - Indian Prime Minister Narendra Modi arrived in Moscow on Monday. It was his first trip to Russia since 2019.");
    let before = arrival_dated(&evs, "2019").expect("the 2019 trip");
    assert_eq!(ids(before), ["narendra-modi"]);
    assert_eq!(
        before.place.as_ref().map(|p| p.name.as_str()),
        Some("Russia")
    );
}

#[test]
fn a_first_trip_still_to_come_tells_of_the_last_one_as_occurred() {
    let evs = run("BEIJING (Reuters) - Chinese President Xi Jinping will travel to France next month, the foreign ministry said. It will be his first trip to France since March 2019.");
    let before = arrival_dated(&evs, "2019-03").expect("the March 2019 trip");
    assert_eq!(ids(before), ["xi-jinping"]);
    assert_eq!(before.status, Status::Occurred);
    let coming = evs
        .iter()
        .find(|e| e.kind == "arrival" && e.status == Status::Expected)
        .expect("next month's trip");
    assert_eq!(
        coming.date().map(|d| d.to_string()).as_deref(),
        Some("2024-04")
    );
}

fn launches_dated<'a>(evs: &'a [Event], date: &str) -> Option<&'a Event> {
    evs.iter()
        .find(|e| e.kind == "missile_launch" && e.date().is_some_and(|d| d.to_string() == date))
}

#[test]
fn the_previous_launch_of_a_series_is_the_launchers_earlier_one() {
    let evs = run("TOKYO (Kyodo) -- Japan launched its H3 rocket from the Tanegashima Space Center on Sunday, the space agency said. The previous H3 launch, in February, put a satellite into orbit.");
    let before = launches_dated(&evs, "2024-02").expect("February's launch");
    assert_eq!(ids(before), ["japan"]);
    assert_eq!(before.status, Status::Occurred);
}

#[test]
fn a_weapon_first_tested_years_ago_was_tested_by_its_launcher() {
    let evs = run("ISLAMABAD (Reuters) - Pakistan test-fired a Shaheen-III ballistic missile on Monday, the military said. The missile was first tested in March 2015.");
    let first = launches_dated(&evs, "2015-03").expect("the first test");
    assert_eq!(ids(first), ["pakistan"]);
}

#[test]
fn talks_held_there_after_a_visit_are_where_and_by_whom_the_visit_was() {
    let evs = run("NEW DELHI (Reuters) - Analysts said Russia softened its terms after Indian Prime Minister Narendra Modi visited the Kremlin in July and held talks there with President Vladimir Putin.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), ["narendra-modi", "vladimir-putin"]);
    assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("Kremlin"));
}

#[test]
fn a_venue_named_after_a_person_is_a_place() {
    let evs = run("NEW DELHI (Reuters) - India test-fired an Agni-Prime missile from Dr APJ Abdul Kalam Island off Odisha on Tuesday, the defence ministry said.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(
        l.place.as_ref().map(|p| p.name.as_str()),
        Some("Dr APJ Abdul Kalam Island")
    );
}

#[test]
fn the_rulers_of_sahel_states_sign_a_charter_as_their_states() {
    let evs = run("NIAMEY (Reuters) - The military rulers of Mali, Burkina Faso and Niger signed a charter in Niamey on Saturday creating a confederation of the three Sahel states.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    let mut states = ids(a);
    states.sort_unstable();
    assert_eq!(states, ["burkina-faso", "mali", "niger"]);
    assert_eq!(a.place.as_ref().map(|p| p.name.as_str()), Some("Niamey"));
    assert_eq!(a.date().unwrap().to_string(), "2024-03-09");
}

#[test]
fn a_country_inside_a_titled_name_is_part_of_the_name() {
    let evs = run("JERUSALEM (Reuters) - Israeli Defence Minister Israel Katz met U.S. envoy Steve Witkoff in Jerusalem on Monday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    let mut met = ids(m);
    met.sort_unstable();
    assert_eq!(met, ["israel-katz", "steve-witkoff"]);
    let evs = run("LISBON (Reuters) - Spanish Prime Minister Pedro Sanchez held talks with Portuguese Prime Minister Luis Montenegro in Lisbon on Monday. Montenegro will travel to Madrid in May, his office said.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    let mut leaders = ids(m);
    leaders.sort_unstable();
    assert_eq!(leaders, ["luis-montenegro", "pedro-sanchez"]);
    // The surname alone is still the person, not the country.
    let trip = evs.iter().find(|e| e.kind == "arrival").expect("trip");
    assert_eq!(ids(trip), ["luis-montenegro"]);
}

#[test]
fn a_signing_after_which_takes_the_talks_day() {
    let evs = run("ASTANA (Interfax) - Russian President Vladimir Putin arrived in Astana on Sunday. On Monday Putin held talks with Kazakh President Kassym-Jomart Tokayev at the Akorda presidential residence, after which the two leaders signed a joint statement on their alliance.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(a.date().unwrap().to_string(), "2024-03-11");
}

#[test]
fn a_bare_name_where_a_place_is_told_is_a_place_not_a_person() {
    let evs = run("GAZA (AP) - An Israeli air strike on a house in Deir Zaqqum late on Monday killed a family of five, medics said.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(ids(a), ["israel"]);
    assert_eq!(
        a.place.as_ref().map(|p| p.name.as_str()),
        Some("Deir Zaqqum")
    );
}

#[test]
fn a_smaller_citys_other_spelling_is_in_the_gazetteer() {
    let evs =
        run("GAZA (AP) - An Israeli air strike hit a house in Beit Lahiya on Monday, medics said.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    let place = a.place.as_ref().expect("place");
    assert_eq!(
        (place.name.as_str(), place.country.as_deref()),
        ("Beit Lahiya", Some("PS"))
    );
}

#[test]
fn before_dawn_is_a_time_of_day_not_a_clause() {
    let evs = run("SANAA (Reuters) - U.S. warplanes struck a port in Hodeidah before dawn on Monday, the Houthis said.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(a.date().unwrap().to_string(), "2024-03-11");
}

#[test]
fn a_targets_relative_clause_tells_where_and_when_it_was_hit() {
    let evs = run("KHARTOUM (Reuters) - A drone hit a market that was crowded with shoppers in Omdurman on Sunday, killing 12 people. The paramilitary Rapid Support Forces said its drones had targeted army positions.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(a.place.as_ref().map(|p| p.name.as_str()), Some("Omdurman"));
    assert_eq!(a.date().unwrap().to_string(), "2024-03-10");
}

#[test]
fn a_strike_told_past_its_phrase_and_claimed_by_the_military_named_before() {
    let evs = run("GAZA (AP) — The Israeli military said on Monday it would expand operations. On Saturday, a strike on a school in the Nuseirat refugee camp killed at least seven people. The military said it had struck militants there as well.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(ids(a), ["israel"]);
    assert_eq!(a.place.as_ref().map(|p| p.name.as_str()), Some("Nuseirat"));
    assert_eq!(a.date().unwrap().to_string(), "2024-03-09");
}

#[test]
fn an_envoy_for_a_state_is_named_after_it() {
    let evs = run("MUSCAT (Reuters) - U.N. envoy for Syria Geir Pedersen held talks with Omani officials in Muscat on Tuesday, his office said.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    let mut met = ids(m);
    met.sort_unstable();
    assert_eq!(met, ["geir-pedersen", "oman"]);
}

#[test]
fn defence_chiefs_of_two_states_meet_as_their_states() {
    let evs = run("SEOUL (Yonhap) -- U.S. and South Korean defence chiefs met in Seoul on Tuesday to discuss the alliance.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    let mut met = ids(m);
    met.sort_unstable();
    assert_eq!(met, ["south-korea", "united-states"]);
}

#[test]
fn talks_with_a_states_leaders_are_the_talks_with_its_president() {
    let evs = run("HANOI (AFP) - French President Emmanuel Macron held talks with Vietnamese leaders in Hanoi on Monday. Macron was welcomed by Vietnamese President Luong Cuong before the two held talks.");
    let meetings: Vec<&Event> = evs.iter().filter(|e| e.kind == "meeting").collect();
    assert_eq!(meetings.len(), 1, "{meetings:?}");
    assert_eq!(meetings[0].date().unwrap().to_string(), "2024-03-11");
}

#[test]
fn a_spokesman_denying_a_deal_speaks_for_his_state() {
    let evs = run("BEIJING (Reuters) - Chinese foreign ministry spokesman Lin Jian said on Tuesday the visit would go ahead. Lin denied reports that a contract for J-10 fighter jets would be signed during the visit.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(a.status, Status::Denied);
    assert_eq!(ids(a), ["china"]);
    assert_eq!(a.attribution.first().map(String::as_str), Some("Lin Jian"));
}

#[test]
fn a_state_its_group_or_its_leader_already_stands_for_is_no_second_party() {
    let evs = run("SANAA (Reuters) - Yemen's Houthis fired two missiles at a cargo ship in the Red Sea on Monday, the group said.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(ids(a), ["houthis"]);
    let evs = run("RIYADH (Reuters) - Saudi Crown Prince Mohammed bin Salman and Turkish President Tayyip Erdogan signed a defence pact in Riyadh on Monday. Saudi Arabia and Turkey also agreed to expand trade, the two sides said.");
    let deal = evs
        .iter()
        .find(|e| e.kind == "agreement" && e.place.is_some())
        .expect("the pact");
    let mut parties = ids(deal);
    parties.sort_unstable();
    assert_eq!(parties, ["mohammed-bin-salman", "recep-tayyip-erdogan"]);
}

#[test]
fn a_name_with_its_title_in_an_apposition_is_a_person() {
    let evs = run("HANOI (Reuters) - Singapore's Prime Minister Lawrence Wong arrived in Hanoi on Sunday. On Monday he met To Lam, general secretary of the ruling Communist Party.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    let mut met = ids(m);
    met.sort_unstable();
    assert_eq!(met, ["lawrence-wong", "to-lam"]);
}

#[test]
fn separate_meetings_are_one_with_each() {
    let evs = run("HANOI (Reuters) - Singapore's Prime Minister Lawrence Wong arrived in Hanoi on Sunday. On Monday he held separate meetings with President Luong Cuong and National Assembly Chairman Tran Thanh Man.");
    let mut met: Vec<Vec<&str>> = evs
        .iter()
        .filter(|e| e.kind == "meeting")
        .map(ids)
        .collect();
    met.sort();
    assert_eq!(
        met,
        [
            vec!["lawrence-wong", "luong-cuong"],
            vec!["lawrence-wong", "tran-thanh-man"]
        ]
    );
}

#[test]
fn a_modal_visit_on_a_condition_is_no_event() {
    let evs = run("SEOUL (Yonhap) -- A senior North Korean official said on Thursday that Japanese Prime Minister Fumio Kishida could visit Pyongyang if Tokyo dropped its demands.");
    assert!(evs.iter().all(|e| e.kind != "arrival"), "{evs:?}");
}

#[test]
fn fire_that_burns_launches_nothing() {
    let evs = run("MOSCOW (Reuters) - Ukrainian drones set fire to an oil depot in the Krasnodar region early on Wednesday, the regional governor said.");
    assert!(evs.iter().all(|e| e.kind != "missile_launch"), "{evs:?}");
}

#[test]
fn a_first_trip_after_the_arrival_is_that_arrival() {
    let evs = run("MANILA (Reuters) - Singapore's Prime Minister Lawrence Wong arrived in Manila on Sunday. On Monday he held talks with President Ferdinand Marcos. It is Wong's first trip to the Philippines since he took office.");
    let arrivals: Vec<&Event> = evs.iter().filter(|e| e.kind == "arrival").collect();
    assert_eq!(arrivals.len(), 1, "{arrivals:?}");
    assert_eq!(arrivals[0].date().unwrap().to_string(), "2024-03-10");
}

#[test]
fn drones_that_set_fire_to_a_depot_attacked_it() {
    let evs = run("MOSCOW (Reuters) - Ukrainian drones set fire to an oil depot near the village of Kavkazskaya early on Wednesday, the regional governor said.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(ids(a), ["ukraine"]);
    assert_eq!(a.date().unwrap().to_string(), "2024-03-13");
}

#[test]
fn a_contract_that_two_states_signed_is_their_agreement() {
    let evs = run("KYIV (Reuters) - Gas stopped flowing on Jan. 1, when a five-year transit contract that Russia and Ukraine signed in December 2019 expired.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    let mut parties = ids(a);
    parties.sort_unstable();
    assert_eq!(parties, ["russia", "ukraine"]);
    assert_eq!(a.date().unwrap().to_string(), "2019-12");
}

#[test]
fn their_ministers_stand_for_the_two_leaders_states() {
    let evs = run("BAKU (Reuters) - Azerbaijani President Ilham Aliyev and Armenian Prime Minister Nikol Pashinyan met in Abu Dhabi on Thursday. The two leaders signed a peace agreement that their foreign ministers had agreed in January.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement" && e.date().is_some_and(|d| d.to_string() == "2024-01"))
        .expect("January's agreement");
    let mut parties = ids(a);
    parties.sort_unstable();
    assert_eq!(parties, ["armenia", "azerbaijan"]);
}

#[test]
fn an_infinitive_coordinated_with_and_shares_the_subject() {
    let evs = run("RIYADH (Reuters) - U.S. officials are due to meet a Ukrainian delegation in Riyadh on Sunday and to hold separate talks with Russian negotiators there on Monday, the White House said.");
    let monday = evs
        .iter()
        .find(|e| e.kind == "meeting" && ids(e).contains(&"russia"))
        .expect("the talks with Russia");
    let mut parties = ids(monday);
    parties.sort_unstable();
    assert_eq!(parties, ["russia", "united-states"]);
}

#[test]
fn the_accused_rejecting_the_accusation_denies_the_strike() {
    let evs = run("BEIRUT (Reuters) - Israel accused Hezbollah on Tuesday of firing rockets at an army post near Metula. Hezbollah rejected the accusation as a lie, the group's media office said.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(ids(a), ["hezbollah"]);
    assert_eq!(a.status, Status::Denied);
}

#[test]
fn a_spouse_by_given_name_travels_too_even_in_an_aside() {
    let evs = run("NAIROBI (Reuters) - Kenyan President William Ruto landed in Beijing on Tuesday with his wife Rachel.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    let mut travellers = ids(a);
    travellers.sort_unstable();
    assert_eq!(travellers, ["rachel-ruto", "william-ruto"]);
    let evs = run("TOKYO (Kyodo) - Prime Minister Shigeru Ishiba, accompanied by his wife Yoshiko, left Tokyo on Sunday morning for Hanoi.");
    let d = evs
        .iter()
        .find(|e| e.kind == "departure")
        .expect("departure");
    let mut travellers = ids(d);
    travellers.sort_unstable();
    assert_eq!(travellers, ["shigeru-ishiba", "yoshiko-ishiba"]);
}

#[test]
fn a_signing_after_the_talks_at_the_great_hall_is_the_states_deal_told_first() {
    let evs = extract(
        &article(
            None,
            "BEIJING (AFP) - Chinese President Xi Jinping held talks with Zambian President Hakainde Hichilema at the Great Hall of the People on Thursday, and the two countries signed 12 agreements, officials said. Hichilema had landed in Beijing on Tuesday. Ministers from both sides signed the agreements in the Great Hall after the talks, and the two leaders agreed to deepen ties.",
            Some("2024-03-09T10:00:00+08:00"),
        ),
        Lexicon::builtin(),
    );
    let deals: Vec<&Event> = evs.iter().filter(|e| e.kind == "agreement").collect();
    assert_eq!(deals.len(), 1, "{deals:?}");
    let mut parties = ids(deals[0]);
    parties.sort_unstable();
    assert_eq!(parties, ["china", "zambia"]);
    assert_eq!(deals[0].date().unwrap().to_string(), "2024-03-07");
}

#[test]
fn no_office_holder_is_nobody_not_the_one_in_office() {
    let evs = run("NAIROBI (Reuters) - Kenyan President William Ruto said he had invited Chinese President Xi Jinping to visit. No Chinese president has travelled to Kenya since 2006.");
    assert!(
        evs.iter().all(|e| !(e.kind == "arrival"
            && e.status == Status::Occurred
            && ids(e) == ["xi-jinping"])),
        "{evs:?}"
    );
}

#[test]
fn a_condemned_strike_is_told_again_not_carried_out_by_the_condemner() {
    let evs = run("PARIS (Reuters) - Israeli jets struck a building in Beirut on Friday, the Israeli military said. Lebanese President Joseph Aoun, who arrived in Paris on Friday, condemned the Beirut strike at a news conference at the Elysee Palace.");
    let strikes: Vec<&Event> = evs.iter().filter(|e| e.kind == "attack").collect();
    assert_eq!(strikes.len(), 1, "{strikes:?}");
    assert_eq!(ids(strikes[0]), ["israel"]);
}

#[test]
fn brokers_of_a_ceasefire_are_no_parties_to_it() {
    let evs = run("BEIRUT (Reuters) - The ceasefire, brokered by the United States and France and agreed on Nov. 26, ended more than a year of fighting.");
    assert!(
        evs.iter().all(|e| !(e.kind == "agreement"
            && ids(e)
                .iter()
                .any(|a| *a == "france" || *a == "united-states"))),
        "{evs:?}"
    );
}

#[test]
fn their_talks_are_the_two_last_named() {
    let evs = run("PARIS (Reuters) - Lebanese President Joseph Aoun spoke at a joint news conference with French President Emmanuel Macron on Friday following their talks at the Elysee Palace.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    let mut met = ids(m);
    met.sort_unstable();
    assert_eq!(met, ["emmanuel-macron", "joseph-aoun"]);
}

#[test]
fn an_armed_group_fires_for_itself_and_unnamed_militants_are_named_by_the_noun() {
    let evs = run("SANAA (Reuters) - Yemen's Houthis launched a ballistic missile from Sanaa province on Sunday, the group's military spokesman said.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch" || e.kind == "attack")
        .expect("launch");
    assert_eq!(ids(l), ["houthis"]);
    let evs = run("JERUSALEM (Reuters) - Militants in Lebanon launched two rockets at Kiryat Shmona early on Monday, Israel's military said.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(ids(a), ["militants"]);
}

#[test]
fn flying_out_of_a_city_is_leaving_it() {
    let evs = run("SAMARKAND (AFP) - German Chancellor Olaf Scholz flew out of Samarkand for Astana on Monday.");
    let d = evs
        .iter()
        .find(|e| e.kind == "departure")
        .expect("departure");
    assert_eq!(d.place.as_ref().map(|p| p.name.as_str()), Some("Samarkand"));
    assert_eq!(
        d.destination.as_ref().map(|p| p.name.as_str()),
        Some("Astana")
    );
    assert_eq!(d.date().unwrap().to_string(), "2024-03-11");
}

#[test]
fn a_day_or_month_last_year_is_in_last_year() {
    let evs = run("TOKYO (Reuters) - Russia fired two cruise missiles into the Sea of Japan in March last year, Japan's defence ministry said.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(l.date().unwrap().to_string(), "2023-03");
    let evs = run("NEW DELHI (Reuters) - India first tested the Agni-Prime missile on Oct. 7 last year, the defence ministry said.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(l.date().unwrap().to_string(), "2023-10-07");
}

#[test]
fn a_sentence_that_places_the_meeting_itself_borrows_no_place_from_the_visit() {
    let evs = run("TOKYO (Reuters) - Brazilian President Luiz Inacio Lula da Silva arrived in the port city of Osaka on Monday. It is unclear when and where Lula and Japanese Prime Minister Shigeru Ishiba would hold talks, though Japanese media said the summit would likely take place at the Akasaka Palace on Wednesday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(m.status, Status::Expected);
    assert_eq!(
        m.place.as_ref().map(|p| p.name.as_str()),
        Some("Akasaka Palace")
    );
}

#[test]
fn a_pronoun_visiting_its_own_country_is_the_foreign_guest() {
    let evs = run("ANKARA (Reuters) - Turkish President Recep Tayyip Erdogan showed Kenyan President William Ruto around the presidential complex when he visited Ankara in January.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(ids(a), ["william-ruto"]);
    // Someone travelling within their own country, with no foreigner named, stays the traveller.
    let evs = run("ANKARA (Reuters) - Turkish President Recep Tayyip Erdogan said on Tuesday he visited Izmir in January.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(ids(a), ["recep-tayyip-erdogan"]);
}

#[test]
fn a_dialogue_between_parties_is_a_meeting_but_a_forum_named_dialogue_is_not() {
    let evs = run("BRUSSELS (AFP) - Chinese Foreign Minister Wang Yi and EU foreign policy chief Kaja Kallas held a long strategic dialogue in Brussels on Tuesday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), ["kaja-kallas", "wang-yi"]);
    assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("Brussels"));
    let evs = run("SINGAPORE (Reuters) - Australian Defence Minister Richard Marles and Philippine Defence Secretary Gilberto Teodoro spoke at the Shangri-La Dialogue on Saturday.");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
}

#[test]
fn an_organ_of_a_union_or_state_before_a_title_belongs_to_the_role() {
    let evs = run("BRUSSELS (AFP) - Wang Yi and EU foreign policy chief Kaja Kallas met in Brussels on Tuesday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), ["kaja-kallas", "wang-yi"]);
    let evs = run("BEIJING (Reuters) - Wang Yi met Pakistani intelligence chief Asim Malik in Beijing on Tuesday.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), ["asim-malik", "wang-yi"]);
}

#[test]
fn a_crewed_spaceship_launch_from_a_launch_center() {
    let evs = run("JIUQUAN (Xinhua) - China on Wednesday launched the Shenzhou-18 crewed spaceship from the Jiuquan Satellite Launch Center, the space agency said.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(ids(l), ["china"]);
    assert_eq!(l.weapon.as_deref(), Some("space launch vehicle"));
    assert_eq!(
        l.place.as_ref().map(|p| p.name.as_str()),
        Some("Jiuquan Satellite Launch Center")
    );
}

#[test]
fn a_crew_lifting_off_and_a_craft_to_be_launched_are_space_launches() {
    let evs = run("BEIJING (Xinhua) - China launched a crewed spacecraft on Wednesday. The previous crew lifted off from Jiuquan on Oct. 30 last year. A cargo craft would be launched in July, the agency said.");
    let launches: Vec<&Event> = evs.iter().filter(|e| e.kind == "missile_launch").collect();
    let crew = launches
        .iter()
        .find(|e| e.date().is_some_and(|d| d.to_string() == "2023-10-30"))
        .expect("the crew's launch");
    assert_eq!(ids(crew), ["china"]);
    assert_eq!(crew.weapon.as_deref(), Some("space launch vehicle"));
    let cargo = launches
        .iter()
        .find(|e| e.status == Status::Expected)
        .expect("the cargo craft's launch");
    assert_eq!(ids(cargo), ["china"]);
    assert_eq!(cargo.date().unwrap().to_string(), "2024-07");
}

#[test]
fn the_two_countries_are_the_two_a_sentence_names_when_its_people_have_none() {
    let evs = run("Agency spokesperson Lin Xiqiang spoke after commander Chen Dong. Lin said a Pakistani astronaut would be trained in China under an agreement the two countries signed in February.");
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(ids(a), ["china", "pakistan"]);
}

#[test]
fn that_year_and_the_following_month_count_from_the_year_last_named() {
    let evs = run("SEOUL (Yonhap) - North Korean leader Kim Jong Un last visited Beijing in January 2019, ahead of his summit with U.S. President Donald Trump in Hanoi the following month. Chinese President Xi Jinping paid a return visit to Pyongyang in June that year.");
    let hanoi = evs
        .iter()
        .find(|e| e.kind == "meeting" && ids(e).contains(&"donald-trump"))
        .expect("the Hanoi summit");
    assert_eq!(hanoi.date().unwrap().to_string(), "2019-02");
    // What a past trip was ahead of, dated years before publication, has happened.
    assert_eq!(hanoi.status, Status::Occurred);
    let xi = evs
        .iter()
        .find(|e| e.kind == "arrival" && ids(e) == ["xi-jinping"])
        .expect("Xi's visit");
    assert_eq!(xi.date().unwrap().to_string(), "2019-06");
    assert_eq!(xi.status, Status::Occurred);
}

#[test]
fn a_day_of_the_month_just_named_with_its_year_is_in_that_year() {
    let evs = run("SEOUL (Yonhap) - North Korean leader Kim Jong Un travelled to Russia in September 2021, when he met Russian President Vladimir Putin at the Vostochny Cosmodrome on Sept. 13.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(m.date().unwrap().to_string(), "2021-09-13");
}

#[test]
fn a_strike_drill_is_no_strike_and_a_wide_range_of_tests_is_a_summary() {
    let evs = run("SEOUL (Yonhap) - North Korea fired several short-range ballistic missiles into the East Sea on Thursday during a joint strike drill, the Joint Chiefs of Staff said. The North has tested a wide range of missiles this year.");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
    let launches: Vec<&Event> = evs.iter().filter(|e| e.kind == "missile_launch").collect();
    assert_eq!(launches.len(), 1, "{launches:?}");
    assert_eq!(launches[0].date().unwrap().to_string(), "2024-03-07");
    let evs = run("SEOUL (Yonhap) - The North has tested a wide range of missiles this year, defying U.N. sanctions.");
    assert!(evs.is_empty(), "{evs:?}");
}

#[test]
fn jets_that_pound_and_gunmen_who_open_fire_attack() {
    let evs = run("BEIRUT (AFP) - Israeli jets pounded Beirut's southern suburbs overnight, Lebanon's state news agency said.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(ids(a), ["israel"]);
    let evs = run("JERUSALEM (Reuters) - Two gunmen opened fire on passengers near a light rail station in Jaffa on Tuesday, police said.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(ids(a), ["gunmen"]);
    assert_eq!(a.place.as_ref().map(|p| p.name.as_str()), Some("Jaffa"));
}

#[test]
fn a_clause_with_a_named_subject_of_its_own_after_and_places_nothing_before_it() {
    let evs = run("BEIRUT (AFP) - Israeli warplanes struck Beirut's southern suburbs in some of the heaviest strikes of the war on Tuesday, and Hezbollah fired rockets at Haifa.");
    let israel: Vec<&Event> = evs
        .iter()
        .filter(|e| e.kind == "attack" && ids(e) == ["israel"])
        .collect();
    assert_eq!(israel.len(), 1, "{israel:?}");
    let hezbollah = evs
        .iter()
        .find(|e| e.kind == "attack" && ids(e) == ["hezbollah"])
        .expect("Hezbollah's rockets");
    assert_eq!(
        hezbollah.place.as_ref().map(|p| p.name.as_str()),
        Some("Haifa")
    );
}

#[test]
fn being_met_with_is_no_meeting() {
    let evs = run("JERUSALEM (AFP) - Prime Minister Benjamin Netanyahu said Iran would pay. Military spokesman Daniel Hagari said Israel would respond. The Guards said they had targeted three bases and warned that any Israeli response would be met with crushing strikes.");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
}

#[test]
fn an_emir_sheikh_is_a_leader_and_a_name_ending_in_a_venue_noun_is_a_venue() {
    let evs = run("DOHA (Reuters) - U.S. President Donald Trump landed in Doha on Wednesday, where Emir Sheikh Tamim bin Hamad Al Thani greeted him. The two leaders then held talks at the Amiri Diwan, where they signed a joint declaration.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(ids(m), ["donald-trump", "tamim-bin-hamad-al-thani"]);
    assert_eq!(
        m.place.as_ref().map(|p| p.name.as_str()),
        Some("Amiri Diwan")
    );
    let a = evs
        .iter()
        .find(|e| e.kind == "agreement")
        .expect("agreement");
    assert_eq!(ids(a), ["donald-trump", "tamim-bin-hamad-al-thani"]);
}

#[test]
fn a_time_between_a_verb_and_its_to_does_not_hide_the_trip_or_the_deal() {
    let evs = run("NAIROBI (Reuters) - Kenyan President William Ruto is due to meet Premier Li Qiang on Friday, before travelling on Saturday to the southeastern province of Fujian.");
    let a = evs
        .iter()
        .find(|e| e.kind == "arrival")
        .expect("the trip to Fujian");
    assert_eq!(a.place.as_ref().map(|p| p.name.as_str()), Some("Fujian"));
    assert_eq!(a.date().unwrap().to_string(), "2024-03-16");
    let evs = run("ANKARA (AA) - Ethiopian Prime Minister Abiy Ahmed and Somali President Hassan Sheikh Mohamud agreed late Tuesday to end a year-long dispute over sea access.");
    let d = evs.iter().find(|e| e.kind == "agreement").expect("deal");
    assert_eq!(ids(d), ["abiy-ahmed", "hassan-sheikh-mohamud"]);
    assert_eq!(d.date().unwrap().to_string(), "2024-03-12");
}

#[test]
fn earlier_that_month_is_the_month_last_named() {
    let evs = run("WASHINGTON (AP) - The two countries signed a declaration of principles in Washington on Feb. 25. Earlier that month, Massad Boulos, Trump's senior adviser for Africa, visited Kinshasa.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(a.date().unwrap().to_string(), "2024-02");
}

#[test]
fn the_two_ministers_are_the_ministers_and_a_passive_meeting_keeps_its_agent() {
    let evs = run("WASHINGTON (AP) - Congolese Foreign Minister Therese Kayikwamba Wagner and Rwandan Foreign Minister Olivier Nduhungirehe signed the deal on Friday. \"This is a moment of hope,\" Secretary of State Marco Rubio said. Hours later the two ministers were received in the Oval Office by President Donald Trump.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(
        ids(m),
        [
            "donald-trump",
            "olivier-nduhungirehe",
            "therese-kayikwamba-wagner"
        ]
    );
}

#[test]
fn him_in_what_someone_says_is_the_speaker() {
    let evs = run("WASHINGTON (AP) - Secretary of State Marco Rubio hosted the signing. President Donald Trump said Rwandan President Paul Kagame would meet him at the White House in the coming weeks.");
    let m = evs
        .iter()
        .find(|e| e.kind == "meeting" && ids(e).contains(&"paul-kagame"))
        .expect("meeting");
    assert_eq!(ids(m), ["donald-trump", "paul-kagame"]);
}

#[test]
fn a_day_later_counts_from_the_day_last_written() {
    let evs = run("MOSCOW (Reuters) - Russia's defence ministry said Ukraine fired six missiles at a military facility in the Bryansk region on Nov. 19. A day later, Ukrainian forces hit targets in the Kursk region with British cruise missiles, the ministry said.");
    let kursk = evs
        .iter()
        .find(|e| e.place.as_ref().is_some_and(|p| p.name == "Kursk"))
        .expect("the Kursk strike");
    assert_eq!(kursk.date().unwrap().to_string(), "2023-11-20");
}

#[test]
fn a_ballistic_missile_strike_and_cruise_missiles_fired_the_same_day_are_two_attacks() {
    let evs = run("KYIV (Reuters) - Russia struck the Ukrainian city of Dnipro with a new intermediate-range ballistic missile on Tuesday. The air force said Russia had also fired seven Kh-101 cruise missiles at Ukraine early on Tuesday.");
    let attacks: Vec<&Event> = evs.iter().filter(|e| e.kind == "attack").collect();
    assert_eq!(attacks.len(), 2, "{attacks:?}");
    assert!(attacks
        .iter()
        .any(|a| a.place.as_ref().is_some_and(|p| p.name == "Dnipro")));
}

#[test]
fn flying_on_to_a_stop_and_leaving_bound_for_one() {
    let evs = run("DOHA (Reuters) - U.S. President Donald Trump had flown out of Riyadh shortly before noon on Wednesday, bound for Doha. He will fly on to Abu Dhabi on Thursday.");
    let d = evs
        .iter()
        .find(|e| e.kind == "departure")
        .expect("departure");
    assert_eq!(
        d.destination.as_ref().map(|p| p.name.as_str()),
        Some("Doha")
    );
    let a = evs
        .iter()
        .find(|e| e.kind == "arrival" && e.status == Status::Expected)
        .expect("the next stop");
    assert_eq!(a.place.as_ref().map(|p| p.name.as_str()), Some("Abu Dhabi"));
    assert_eq!(a.date().unwrap().to_string(), "2024-03-14");
}

#[test]
fn a_deadline_for_the_act_agreed_does_not_date_the_deal_and_the_body_names_its_parties() {
    let evs = run("ANKARA (AA) - Ethiopian Prime Minister Abiy Ahmed and Somali President Hassan Sheikh Mohamud agreed late Tuesday to end a year-long dispute. Under the declaration, the two neighbours agreed to begin technical negotiations by the end of February.");
    let deals: Vec<&Event> = evs.iter().filter(|e| e.kind == "agreement").collect();
    assert_eq!(deals.len(), 1, "{deals:?}");
    assert_eq!(deals[0].date().unwrap().to_string(), "2024-03-12");
    let evs = extract(
        &article(
            Some("Ethiopia, Somalia agree to end sea access row"),
            "ANKARA (AA) - Ethiopian Prime Minister Abiy Ahmed and Somali President Hassan Sheikh Mohamud agreed late Tuesday to end a year-long dispute over sea access. Under the declaration, the two neighbours agreed to begin technical negotiations by the end of February.",
            Some("2024-03-13T10:00:00+03:00"),
        ),
        Lexicon::builtin(),
    );
    let d = evs.iter().find(|e| e.kind == "agreement").expect("deal");
    assert_eq!(ids(d), ["abiy-ahmed", "hassan-sheikh-mohamud"]);
}

#[test]
fn boarding_an_overnight_train_and_arriving_hours_later() {
    let evs = extract(
        &article(
            None,
            "KYIV (AFP) - Indian Prime Minister Narendra Modi arrived in Kyiv by train on Friday. Modi boarded a special overnight train at the Polish border town of Przemysl on Thursday evening, and reached the Ukrainian capital about 10 hours later.",
            Some("2024-08-23T20:15:00+03:00"),
        ),
        Lexicon::builtin(),
    );
    let d = evs
        .iter()
        .find(|e| e.kind == "departure")
        .expect("departure");
    assert_eq!(d.place.as_ref().map(|p| p.name.as_str()), Some("Przemysl"));
    assert_eq!(d.date().unwrap().to_string(), "2024-08-22");
    // "about 10 hours later" is Friday's arrival told again, not a second one on Thursday.
    let arrivals: Vec<&Event> = evs.iter().filter(|e| e.kind == "arrival").collect();
    assert_eq!(arrivals.len(), 1, "{arrivals:?}");
    assert_eq!(arrivals[0].date().unwrap().to_string(), "2024-08-23");
    // Boarding a ship is a raid's word, not a traveller's.
    let evs = run("SANAA (Reuters) - Houthi fighters boarded the vessel at the port of Hodeidah on Tuesday, the group said.");
    assert!(evs.iter().all(|e| e.kind != "departure"), "{evs:?}");
}

#[test]
fn a_headline_launching_a_drone_attack_launches_no_missile() {
    let evs = extract(
        &article(
            Some("Ukraine launches biggest drone attack on Moscow"),
            "MOSCOW (AFP) - Ukraine launched its biggest drone attack yet on Moscow overnight, officials said.",
            Some("2024-03-13T08:00:00+03:00"),
        ),
        Lexicon::builtin(),
    );
    assert!(evs.iter().all(|e| e.kind != "missile_launch"), "{evs:?}");
}

#[test]
fn a_ranked_envoy_described_in_an_aside_is_the_traveller() {
    let evs = run("KYIV (Reuters) - Retired Lt. Gen. Keith Kellogg, Trump's envoy for Ukraine and Russia, is due in Kyiv on Thursday, Ukrainian officials said.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(ids(a), ["keith-kellogg"]);
}

#[test]
fn a_kept_up_bombardment_is_a_summary() {
    let evs = run("KYIV (Reuters) - Russia has kept up its bombardment of Ukrainian cities throughout the diplomatic push, and Western sanctions on Moscow remain in place.");
    assert!(evs.is_empty(), "{evs:?}");
}

#[test]
fn a_called_off_visit_is_denied_and_a_hub_of_a_city_is_the_city() {
    let evs = run("ANKARA (Reuters) - Ukrainian President Volodymyr Zelensky said he had called off a visit to Saudi Arabia planned for Wednesday.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(a.status, Status::Denied);
    let evs = run("SHENZHEN (Reuters) - Pakistani Prime Minister Shehbaz Sharif landed in the southern technology hub of Shenzhen on Tuesday.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(a.place.as_ref().map(|p| p.name.as_str()), Some("Shenzhen"));
}

#[test]
fn two_cities_flown_to_are_two_stops_with_a_meeting_at_each() {
    let evs = run("BERLIN (dpa) - German Chancellor Friedrich Merz, sworn in on March 6, flew to Paris and Warsaw the following day, holding talks with French President Emmanuel Macron and Polish Prime Minister Donald Tusk.");
    let stops: Vec<&str> = evs
        .iter()
        .filter(|e| e.kind == "arrival")
        .filter_map(|e| e.place.as_ref().map(|p| p.name.as_str()))
        .collect();
    assert_eq!(stops, ["Paris", "Warsaw"]);
    let meetings: Vec<(Vec<&str>, &str)> = evs
        .iter()
        .filter(|e| e.kind == "meeting")
        .map(|e| (ids(e), e.place.as_ref().map_or("-", |p| p.name.as_str())))
        .collect();
    assert_eq!(
        meetings,
        [
            (vec!["emmanuel-macron", "friedrich-merz"], "Paris"),
            (vec!["donald-tusk", "friedrich-merz"], "Warsaw")
        ]
    );
    assert!(evs
        .iter()
        .all(|e| e.date().is_some_and(|d| d.to_string() == "2024-03-07")));
}

#[test]
fn a_time_modifying_another_noun_and_an_aside_closed_by_and_leave_the_trip_its_time() {
    let evs = run("JAKARTA (Antara) - Prabowo Subianto visited Beijing in January as president-elect, weeks after winning the Dec. 14 election, and held talks with Chinese President Xi Jinping at the Great Hall of the People.");
    let m = evs.iter().find(|e| e.kind == "meeting").expect("meeting");
    assert_eq!(m.date().unwrap().to_string(), "2024-01");
}

#[test]
fn a_meeting_placed_only_by_the_narrative_joins_the_talks_told_at_their_venue() {
    let evs = run("BEIJING (Antara) - Indonesian President Prabowo Subianto held talks with Chinese President Xi Jinping at the Great Hall of the People on Tuesday. Prabowo landed in Beijing on Monday evening. Xi welcomed him on Tuesday afternoon with a ceremony before the two leaders sat down for talks.");
    let meetings: Vec<&Event> = evs.iter().filter(|e| e.kind == "meeting").collect();
    assert_eq!(meetings.len(), 1, "{meetings:?}");
    assert_eq!(
        meetings[0].place.as_ref().map(|p| p.name.as_str()),
        Some("Great Hall of the People")
    );
}

#[test]
fn strikes_on_a_states_sites_are_in_that_state_and_a_halt_to_strikes_is_none() {
    let evs =
        run("TEHRAN (AFP) - American strikes on Iranian nuclear sites on March 3 angered Tehran.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(ids(a), ["united-states"]);
    assert_eq!(a.place.as_ref().map(|p| p.name.as_str()), Some("Iran"));
    let evs = run("MOSCOW (Reuters) - Putin ordered his military to stop targeting Ukrainian energy facilities for 30 days.");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
}

#[test]
fn a_tank_firing_on_a_building_strikes_and_the_killed_are_victims() {
    let evs = run("GAZA (AFP) - Yahya Sinwar was killed on October 16, 2023, when an Israeli tank fired on a building in Rafah.");
    let a = evs.iter().find(|e| e.kind == "attack").expect("attack");
    assert_eq!(ids(a), ["israel"]);
    let evs = run("DOHA (AFP) - Israel has hunted Hamas leaders abroad before. It killed Ismail Haniyeh in a strike on a guesthouse in Tehran on July 31, 2023.");
    assert!(
        evs.iter().all(|e| !ids(e).contains(&"ismail-haniyeh")),
        "{evs:?}"
    );
}

#[test]
fn was_expected_in_a_city_is_an_expected_arrival_and_a_day_that_year_is_in_it() {
    let evs = run("DOHA (AFP) - UAE President Sheikh Mohamed bin Zayed Al Nahyan was expected in Doha on Thursday, the Emirati news agency WAM reported.");
    let a = evs.iter().find(|e| e.kind == "arrival").expect("arrival");
    assert_eq!(a.status, Status::Expected);
    assert_eq!(a.date().unwrap().to_string(), "2024-03-14");
    let evs = run("GAZA (AFP) - Israel killed Hamas chief Ismail Haniyeh in Tehran on July 31, 2021. Yahya Sinwar was killed on October 16 that year when an Israeli tank fired on a building in Rafah.");
    let rafah = evs
        .iter()
        .find(|e| e.place.as_ref().is_some_and(|p| p.name == "Rafah"))
        .expect("the Rafah strike");
    assert_eq!(rafah.date().unwrap().to_string(), "2021-10-16");
}

#[test]
fn agreeing_to_explore_is_no_deal() {
    let evs = run("RIYADH (AP) - Secretary of State Marco Rubio and Foreign Minister Sergei Lavrov met on Tuesday. The two sides also agreed to explore economic cooperation once the war is over, the State Department said.");
    assert!(evs.iter().all(|e| e.kind != "agreement"), "{evs:?}");
}

#[test]
fn a_relative_clause_on_an_unnamed_person_takes_no_subject_from_the_sentence() {
    let evs = run("BEIJING (Reuters) - Pakistani Prime Minister Shehbaz Sharif held talks with Premier Li Qiang on Friday. President Xi Jinping received Sharif later on Friday. Xi and Li both raised the issue, a Pakistani official, who attended the talks, told Reuters.");
    assert!(
        evs.iter().all(|e| ids(e) != ["li-qiang", "xi-jinping"]),
        "{evs:?}"
    );
}

#[test]
fn accented_names_are_the_plain_spelling_and_a_hyphenated_surname_stays_whole() {
    let evs = run("BRASILIA (AP) - Indian Prime Minister Narendra Modi held talks with Brazilian President Luiz Inácio Lula da Silva on Tuesday, a day after meeting Cuban President Miguel Díaz-Canel in Rio.");
    let ids_all: Vec<&str> = evs
        .iter()
        .flat_map(|e| e.actors.iter().map(|a| a.id.as_str()))
        .collect();
    assert!(
        ids_all.contains(&"luiz-inacio-lula-da-silva"),
        "{ids_all:?}"
    );
    assert!(ids_all.contains(&"miguel-diaz-canel"), "{ids_all:?}");
}

#[test]
fn a_relative_clause_is_about_the_names_it_hangs_on() {
    let evs = run("MOSCOW (AFP) - Cosmonauts Sergei Ryzhikov and Alexei Zubritsky reached the station on Tuesday. They will take over from Alexei Ovchinin, Ivan Vagner and NASA's Don Pettit, who are due to return to Earth on March 20.");
    let d = evs
        .iter()
        .find(|e| e.kind == "departure")
        .expect("departure");
    assert_eq!(ids(d), ["alexei-ovchinin", "don-pettit", "ivan-vagner"]);
}

#[test]
fn the_state_whose_rocket_lifts_off_launches_it_not_its_passengers() {
    let evs = run("MOSCOW (AFP) - A Russian Soyuz rocket carrying two cosmonauts and a NASA astronaut blasted off from the Baikonur Cosmodrome in Kazakhstan on Tuesday.");
    let l = evs
        .iter()
        .find(|e| e.kind == "missile_launch")
        .expect("launch");
    assert_eq!(ids(l), ["russia"]);
}

#[test]
fn a_deal_struck_and_a_tally_since_a_time_are_no_strikes() {
    let evs = run("SEOUL (Yonhap) - National security adviser Wi Sung-lac said the two leaders would discuss how to carry out the tariff deal Seoul and Washington struck on July 30, under which the U.S. cut its tariff on Korean goods.");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
    let evs = run("BEIRUT (Reuters) - Hezbollah has fired thousands of rockets and drones into Israel since October last year.");
    assert!(evs.is_empty(), "{evs:?}");
}

#[test]
fn a_rank_among_visitors_an_engine_test_and_a_years_amount_tell_nothing_new() {
    let evs = run("PYONGYANG (Yonhap) - Chinese Premier Li Qiang, the most senior Chinese official to visit the North in years, arrived in Pyongyang on Thursday.");
    let arrivals: Vec<&Event> = evs.iter().filter(|e| e.kind == "arrival").collect();
    assert_eq!(arrivals.len(), 1, "{arrivals:?}");
    assert_eq!(
        arrivals[0].place.as_ref().map(|p| p.name.as_str()),
        Some("Pyongyang")
    );
    let evs = run("SEOUL (Yonhap) - North Korean leader Kim Jong Un oversaw the final ground test of a solid-fuel engine for the missile last month.");
    assert!(evs.iter().all(|e| e.kind != "missile_launch"), "{evs:?}");
    let evs = run("BRASILIA (AP) - Indian Prime Minister Narendra Modi and Brazilian President Luiz Inacio Lula da Silva signed six agreements on Tuesday. Lula said the two countries had agreed to lift their trade to $20 billion a year by 2030, from about $12 billion last year.");
    let deals: Vec<&Event> = evs.iter().filter(|e| e.kind == "agreement").collect();
    assert_eq!(deals.len(), 1, "{deals:?}");
}

#[test]
fn a_company_named_after_its_country_is_no_party() {
    let evs = run("DOHA (Reuters) - U.S. President Donald Trump and Emir Sheikh Tamim bin Hamad Al Thani held talks at the Amiri Diwan on Wednesday, where they signed a joint declaration and watched Qatar Airways sign an order for 210 Boeing jets.");
    assert!(evs.iter().all(|e| !ids(e).contains(&"qatar")), "{evs:?}");
}

#[test]
fn a_tests_island_target_is_no_attack() {
    let evs = run("SEOUL (Reuters) - North Korean leader Kim Jong Un oversaw the test-firing of three new tactical ballistic missiles on Tuesday, state news agency KCNA reported, saying the weapons hit an island target off the east coast.");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
    assert!(evs.iter().any(|e| e.kind == "missile_launch"), "{evs:?}");
}

#[test]
fn a_where_aside_before_a_coordinated_verb_dates_only_itself() {
    for verb in ["met", "held talks with"] {
        let evs = run(&format!("RIYADH (Reuters) - U.S. Secretary of State Antony Blinken arrived in Riyadh on Wednesday from Israel, where he had met Prime Minister Benjamin Netanyahu on Tuesday, and {verb} Crown Prince Mohammed bin Salman at his palace."));
        let talks = find(&evs, |e| {
            e.kind == "meeting" && ids(e).contains(&"mohammed-bin-salman")
        });
        assert_eq!(talks.date().unwrap().to_string(), "2024-03-13", "{verb}");
        let earlier = find(&evs, |e| {
            e.kind == "meeting" && ids(e).contains(&"benjamin-netanyahu")
        });
        assert_eq!(earlier.date().unwrap().to_string(), "2024-03-12", "{verb}");
    }
}

#[test]
fn the_previous_day_counts_from_the_weekday_its_sentence_told() {
    let evs = run("SEOUL (Reuters) - U.S. President Donald Trump met North Korean leader Kim Jong Un at Panmunjom on June 30, 2019. North Korea's state news agency KCNA reported Sunday that Kim had overseen a test-firing of two new-type air defence missiles the previous day.");
    let launch = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(launch.date().unwrap().to_string(), "2024-03-09");
    assert_eq!(launch.count, Some(2));
    assert_eq!(launch.weapon.as_deref(), Some("air defense missile"));
}

#[test]
fn a_wish_for_others_to_meet_is_no_meeting_unless_floated_with_a_time() {
    let evs = run("SEOUL (Reuters) - South Korean President Lee Jae-myung said he wants U.S. President Donald Trump to meet North Korean leader Kim Jong Un.");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
    let evs = run("SEOUL (Reuters) - South Korean President Lee Jae-myung said he would like U.S. President Donald Trump to meet North Korean leader Kim Jong Un, possibly at Panmunjom in October.");
    let floated = find(&evs, |e| e.kind == "meeting");
    assert_eq!(floated.status, Status::Speculated);
    assert_eq!(ids(floated), ["donald-trump", "kim-jong-un"]);
}

#[test]
fn a_regnal_number_is_part_of_a_titled_name() {
    let evs = run("ISTANBUL (AP) - Pope Leo XIV flew out of Istanbul on Sunday bound for Beirut. In Beirut, Leo will meet President Joseph Aoun. King Charles III welcomed French President Emmanuel Macron at Windsor Castle on Tuesday.");
    let left = find(&evs, |e| e.kind == "departure");
    assert_eq!(ids(left), ["leo-xiv"]);
    let talks = find(&evs, |e| {
        e.kind == "meeting" && ids(e).contains(&"joseph-aoun")
    });
    assert_eq!(ids(talks), ["joseph-aoun", "leo-xiv"]);
    assert!(
        evs.iter()
            .any(|e| e.kind == "meeting" && ids(e) == ["charles-iii", "emmanuel-macron"]),
        "{evs:?}"
    );
}

#[test]
fn missiles_fired_on_a_weekday_are_launched_by_the_state_their_demonym_names() {
    let evs = run("SEOUL (Yonhap) - South Korea's Joint Chiefs of Staff said two North Korean short-range ballistic missiles were fired on Tuesday from the Ryokpho district.");
    let launch = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(ids(launch), ["north-korea"]);
    assert_eq!(launch.date().unwrap().to_string(), "2024-03-12");
    assert_eq!(launch.count, Some(2));
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
}

#[test]
fn a_launch_by_no_one_named_in_a_story_of_one_launcher_adds_its_sources() {
    let evs = run("SEOUL (Yonhap) - North Korea fired ballistic missiles off its east coast on Tuesday, South Korea's Joint Chiefs of Staff said. Japan's defence ministry said at least two short-range ballistic missiles were fired from the Ryokpho district.");
    let launches: Vec<&Event> = evs.iter().filter(|e| e.kind == "missile_launch").collect();
    assert_eq!(launches.len(), 1, "{launches:?}");
    assert_eq!(launches[0].count, Some(2));
    assert!(
        launches[0]
            .attribution
            .iter()
            .any(|a| a.contains("defence ministry")),
        "{launches:?}"
    );
}

#[test]
fn a_strike_on_the_city_is_on_the_city_named_before() {
    let evs = run("KYIV (Reuters) - Explosions rocked Kharkiv overnight. Russian drones struck the city early on Tuesday, killing two people, the regional governor said.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(
        strike.place.as_ref().map(|p| p.name.as_str()),
        Some("Kharkiv")
    );
}

#[test]
fn jets_bombing_the_city_named_before_is_an_attack_there() {
    // No weapon and no name of its own: the attack stands on its attacker and the place told before.
    let evs = run("KYIV (Reuters) - Explosions rocked Kharkiv overnight. Russian jets bombed the city on Tuesday, the regional governor said.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(strike), ["russia"]);
    assert_eq!(
        strike.place.as_ref().map(|p| p.name.as_str()),
        Some("Kharkiv")
    );
}

#[test]
fn an_ambush_by_a_named_group_and_talks_that_reconvene() {
    let evs = run("ISLAMABAD (Reuters) - TTP fighters ambushed an army convoy in Pakistan's Orakzai district on Tuesday, killing 11 soldiers.");
    let ambush = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(ambush), ["pakistani-taliban"]);
    let evs = run("DOHA (Reuters) - Pakistan and Afghanistan agreed to a ceasefire on Sunday. Pakistan and Afghanistan would reconvene in Istanbul on March 25, Qatar said.");
    let next = find(&evs, |e| e.kind == "meeting");
    assert_eq!(next.status, Status::Expected);
    assert_eq!(
        next.place.as_ref().map(|p| p.name.as_str()),
        Some("Istanbul")
    );
    assert_eq!(ids(next), ["afghanistan", "pakistan"]);
}

#[test]
fn a_first_lady_is_a_title_and_a_shared_family_name_is_the_one_named_last() {
    let evs = run("LONDON (Reuters) - U.S. President Donald Trump arrived on Tuesday. Trump and first lady Melania Trump landed at Stansted Airport late on Tuesday.");
    let landed = find(&evs, |e| {
        e.kind == "arrival"
            && e.place
                .as_ref()
                .is_some_and(|p| p.name.contains("Stansted"))
    });
    assert_eq!(ids(landed), ["donald-trump", "melania-trump"]);
    let evs = run("SEOUL (Yonhap) - President Lee Jae-myung and first lady Kim Hea-kyung left for Tokyo. Lee said he wants to help North Korean leader Kim Jong Un talk to Washington. U.S. President Donald Trump met Kim in Singapore in June 2018.");
    let summit = find(&evs, |e| e.kind == "meeting");
    assert!(ids(summit).contains(&"kim-jong-un"), "{summit:?}");
}

#[test]
fn flying_home_from_a_country_is_leaving_it() {
    let evs = run("LONDON (Reuters) - U.S. President Donald Trump flew home from Britain on Tuesday evening after talks with Prime Minister Keir Starmer.");
    let left = find(&evs, |e| e.kind == "departure");
    assert_eq!(ids(left), ["donald-trump"]);
    assert_eq!(
        left.place.as_ref().map(|p| p.name.as_str()),
        Some("United Kingdom")
    );
    assert_eq!(left.date().unwrap().to_string(), "2024-03-12");
}

#[test]
fn leaders_who_put_their_signatures_to_a_framework_agree() {
    let evs = run("TOKYO (Reuters) - U.S. President Donald Trump and Japanese Prime Minister Sanae Takaichi put their signatures to a framework on critical minerals at the Akasaka Palace on Tuesday.");
    let deal = find(&evs, |e| e.kind == "agreement");
    assert_eq!(ids(deal), ["donald-trump", "sanae-takaichi"]);
    assert_eq!(
        deal.place.as_ref().map(|p| p.name.as_str()),
        Some("Akasaka Palace")
    );
    assert_eq!(deal.date().unwrap().to_string(), "2024-03-12");
}

#[test]
fn that_morning_is_the_morning_of_the_day_last_told() {
    let evs = run("DOHA (Reuters) - Pakistani Defence Minister Khawaja Asif held talks with Qatar's prime minister on Saturday afternoon. Asif had flown into Doha that morning.");
    let landed = find(&evs, |e| e.kind == "arrival");
    assert_eq!(landed.date().unwrap().to_string(), "2024-03-09");
    let evs = run("MOSCOW (Reuters) - U.S. envoy Steve Witkoff met Russian President Vladimir Putin on Feb. 12. A day earlier, he had flown to Moscow. Witkoff left Moscow that evening.");
    let left = find(&evs, |e| e.kind == "departure");
    assert_eq!(left.date().unwrap().to_string(), "2024-02-11");
}

#[test]
fn an_audience_where_the_traveller_went_on_to_and_no_person_called_southeast_asian() {
    let evs = run("TOKYO (Reuters) - U.S. President Donald Trump touched down at Haneda airport on Monday afternoon after a summit of Southeast Asian leaders, and went on to the Imperial Palace that evening for an audience with Emperor Naruhito.");
    let audience = find(&evs, |e| e.kind == "meeting");
    assert_eq!(
        audience.place.as_ref().map(|p| p.name.as_str()),
        Some("Imperial Palace")
    );
    assert_eq!(ids(audience), ["donald-trump", "naruhito"]);
    assert!(
        evs.iter().all(|e| !ids(e).contains(&"southeast-asian")),
        "{evs:?}"
    );
}

#[test]
fn him_in_a_where_clause_is_the_subject_it_hangs_on() {
    let evs = run("KYIV (Reuters) - Regional governor Veniamin Kondratyev said nobody was hurt. The strike came days after Ukrainian President Volodymyr Zelensky travelled to Paris, where French President Emmanuel Macron hosted him on Thursday.");
    let hosted = find(&evs, |e| e.kind == "meeting");
    assert_eq!(ids(hosted), ["emmanuel-macron", "volodymyr-zelensky"]);
}

#[test]
fn welcoming_a_visit_or_a_decision_is_no_meeting() {
    for text in [
        "BEIRUT (AP) - Pope Leo XIV arrived in Beirut on Sunday. Hezbollah issued a statement welcoming the pope's visit.",
        "CAIRO (Reuters) - Egypt welcomed the decision by Israel to open the crossing on Tuesday.",
    ] {
        let evs = run(text);
        assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
    }
    let evs = run("ANKARA (AP) - Turkish President Recep Tayyip Erdogan welcomed Pope Leo XIV at the presidential palace on Thursday.");
    assert!(evs.iter().any(|e| e.kind == "meeting"), "{evs:?}");
}

#[test]
fn the_name_beside_the_one_killed_is_a_victim_not_the_attacker() {
    let evs = run("BEIRUT (AP) - Israel killed Hezbollah's top military commander, Haytham Ali Tabatabai, in an air strike on Beirut's southern suburbs on Sunday.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(strike), ["israel"]);
}

#[test]
fn a_charter_named_by_its_airline_carries_its_passenger() {
    let evs = run("ISTANBUL (AP) - Pope Leo XIV flew out of Istanbul on Sunday. The pontiff opened his trip on Thursday, when his ITA Airways charter from Rome touched down in Ankara.");
    let landed = find(&evs, |e| e.kind == "arrival");
    assert_eq!(ids(landed), ["leo-xiv"]);
    assert_eq!(
        landed.place.as_ref().map(|p| p.name.as_str()),
        Some("Ankara")
    );
    assert_eq!(landed.mode.as_deref(), Some("plane"));
}

#[test]
fn the_pontiff_is_the_pope_named_before() {
    let evs = run("BEIRUT (AP) - Pope Leo XIV will visit Lebanon next week. President Joseph Aoun told reporters on Saturday the visit was a message of hope. The American-born pontiff opened the trip on Thursday, when his ITA Airways charter touched down in Ankara.");
    let landed = find(&evs, |e| {
        e.kind == "arrival" && e.place.as_ref().is_some_and(|p| p.name == "Ankara")
    });
    assert_eq!(ids(landed), ["leo-xiv"]);
}

#[test]
fn a_rocket_family_named_alone_is_a_space_launch_by_its_state() {
    let evs = run("BEIJING (AFP) - China launched a rocket from Hainan on Wednesday. It was the first flight from the pad since the Long March-12 itself debuted there on Nov. 30 last year. A Falcon 9 lifted off from Cape Canaveral on Tuesday.");
    let debut = find(&evs, |e| {
        e.kind == "missile_launch" && e.date().is_some_and(|d| d.to_string() == "2023-11-30")
    });
    assert_eq!(ids(debut), ["china"]);
    assert_eq!(debut.weapon.as_deref(), Some("space launch vehicle"));
    let falcon = find(&evs, |e| {
        e.kind == "missile_launch" && e.date().is_some_and(|d| d.to_string() == "2024-03-12")
    });
    assert_eq!(ids(falcon), ["united-states"]);
}

#[test]
fn what_reaches_orbit_goes_up_on_a_space_launch_vehicle() {
    let evs = run("SEOUL (Reuters) - North Korea last put a satellite into orbit in February 2016, a launch the U.N. Security Council condemned as a disguised test of ballistic missile technology.");
    let launches: Vec<&Event> = evs.iter().filter(|e| e.kind == "missile_launch").collect();
    assert_eq!(launches.len(), 1, "{launches:?}");
    assert_eq!(launches[0].weapon.as_deref(), Some("space launch vehicle"));
}

#[test]
fn a_launch_site_named_after_its_province_is_the_same_launch_and_a_rocket_maker_is_no_traveller() {
    let evs = run("BEIJING (AFP) - China put a group of internet satellites into orbit from the island province of Hainan on Wednesday. A Long March-12 rocket carrying nine satellites blasted off from the Hainan Commercial Spacecraft Launch Site, Xinhua said.");
    let launches: Vec<&Event> = evs.iter().filter(|e| e.kind == "missile_launch").collect();
    assert_eq!(launches.len(), 1, "{launches:?}");
    assert_eq!(
        launches[0].place.as_ref().map(|p| p.name.as_str()),
        Some("Hainan Commercial Spacecraft Launch Site")
    );
    let evs = run("BEIJING (AFP) - A Ceres-1 rocket built by private firm Galactic Energy broke apart minutes after leaving the Jiuquan Satellite Launch Center on Tuesday.");
    assert!(evs.iter().all(|e| e.kind != "departure"), "{evs:?}");
    assert!(
        evs.iter().all(|e| !ids(e).contains(&"galactic-energy")),
        "{evs:?}"
    );
}

#[test]
fn a_prepositions_object_is_no_subject_and_another_participles_agent_is_no_party() {
    let evs = run("TOKYO (Reuters) - Standing beside Japanese Prime Minister Sanae Takaichi, U.S. President Donald Trump addressed sailors on Tuesday. He later met Emperor Naruhito.");
    let audience = find(&evs, |e| e.kind == "meeting");
    assert_eq!(ids(audience), ["donald-trump", "naruhito"]);
    let evs = run("TOKYO (Reuters) - U.S. President Donald Trump met Japanese Prime Minister Sanae Takaichi and families of citizens abducted by North Korea on Tuesday.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(ids(talks), ["donald-trump", "sanae-takaichi"]);
}

#[test]
fn being_open_to_a_meeting_is_no_meeting() {
    let evs = run("SEOUL (Yonhap) - U.S. President Donald Trump has said he is open to meeting North Korean leader Kim Jong Un.");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
}

#[test]
fn returning_to_office_is_no_departure() {
    for text in [
        "BUSAN (Reuters) - U.S. President Donald Trump will meet Chinese President Xi Jinping on Thursday, their first meeting since Trump returned to the White House in January.",
        "MOSCOW (Reuters) - Russian President Vladimir Putin returned to power in 2012.",
    ] {
        let evs = run(text);
        assert!(evs.iter().all(|e| e.kind != "departure"), "{evs:?}");
    }
    let evs = run("CAIRO (Reuters) - U.S. Secretary of State Antony Blinken will return to Cairo on Thursday.");
    assert!(evs.iter().any(|e| e.kind == "departure"), "{evs:?}");
}

#[test]
fn a_deal_two_states_struck_is_an_agreement_and_a_strike_after_a_deal_is_not() {
    let evs = run("SEOUL (Yonhap) - The two leaders would discuss how to carry out the tariff deal Seoul and Washington struck on July 30, officials said.");
    let deal = find(&evs, |e| e.kind == "agreement");
    assert_eq!(ids(deal), ["south-korea", "united-states"]);
    assert_eq!(deal.date().unwrap().to_string(), "2023-07-30");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
    let evs =
        run("KYIV (Reuters) - Russia struck Kyiv on Tuesday in defiance of the ceasefire deal.");
    assert!(evs.iter().all(|e| e.kind != "agreement"), "{evs:?}");
    // A clause between the deal and "struck": the deal is its subject's, the strike is a strike.
    let evs = run("KYIV (Reuters) - Hours after the ceasefire deal collapsed, Russian drones struck Kyiv on Tuesday, officials said.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(strike), ["russia"]);
    assert!(evs.iter().all(|e| e.kind != "agreement"), "{evs:?}");
}

#[test]
fn an_attack_on_one_of_several_targets_is_an_attack_on_one_as_on_both_is_not() {
    let evs = run("DUBAI (Reuters) - The Houthis claimed an attack on one of the tankers in the Red Sea on Monday.");
    let attack = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(attack), ["houthis"]);
    let evs =
        run("BRUSSELS (AFP) - The allies pledged to treat an attack on one as an attack on both.");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
}

#[test]
fn discussing_with_someone_on_a_trip_is_meeting_them_but_not_by_phone() {
    let evs = run("LONDON (Reuters) - British finance minister Rachel Reeves will travel to Washington next month to discuss tariffs with Treasury Secretary Scott Bessent.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(ids(talks), ["rachel-reeves", "scott-bessent"]);
    assert_eq!(talks.status, Status::Expected);
    for text in [
        "LONDON (Reuters) - British finance minister Rachel Reeves discussed the war with U.S. Treasury Secretary Scott Bessent by phone on Tuesday.",
        "LONDON (Reuters) - British finance minister Rachel Reeves and U.S. Treasury Secretary Scott Bessent discussed trade, officials said.",
    ] {
        let evs = run(text);
        assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
    }
}

#[test]
fn talks_told_as_the_time_of_the_main_clause_are_its_subjects() {
    let evs = run("KYIV (Reuters) - Ukrainian President Volodymyr Zelensky, speaking in Ankara after talks with Turkish President Recep Tayyip Erdogan on Tuesday, said Ukraine would not accept the plan.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(ids(talks), ["recep-tayyip-erdogan", "volodymyr-zelensky"]);
    // After a journey the talks were where it left from; the sentence tells the departure, and leaves the
    // talks to the sentences that place them, rather than a meeting with no place that would borrow the
    // destination's.
    let evs = run("CAIRO (Reuters) - U.S. Secretary of State Antony Blinken left Saudi Arabia for Egypt on Tuesday after talks with Crown Prince Mohammed bin Salman, pressing on with his push for a ceasefire.");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
    assert!(evs.iter().any(|e| e.kind == "departure"), "{evs:?}");
}

#[test]
fn reports_brushed_aside_are_denied() {
    let evs = run("MOSCOW (Reuters) - Kremlin aide Yuri Ushakov brushed aside as fiction reports that Russian President Vladimir Putin and U.S. President Donald Trump had signed a framework for a ceasefire.");
    let deal = find(&evs, |e| e.kind == "agreement");
    assert_eq!(deal.status, Status::Denied);
}

#[test]
fn him_is_the_owner_named_before_and_stays_one_person() {
    let evs = run("ACCRA (PTI) - Indian Prime Minister Narendra Modi left for Ghana. Argentine President Javier Milei praised India. In Accra, Modi's motorcade reached Jubilee House and Ghanaian President John Dramani Mahama received him on Wednesday.");
    let received = find(&evs, |e| {
        e.kind == "meeting" && ids(e).contains(&"john-dramani-mahama")
    });
    assert_eq!(ids(received), ["john-dramani-mahama", "narendra-modi"]);
    let evs = run("LONDON (Reuters) - U.S. President Donald Trump arrived on Tuesday. The Red Arrows display team flew over. Trump's first state visit, in June 2019, took him to Buckingham Palace, where Queen Elizabeth II received him.");
    let audience = find(&evs, |e| {
        e.kind == "meeting" && ids(e).contains(&"elizabeth-ii")
    });
    assert_eq!(ids(audience), ["donald-trump", "elizabeth-ii"]);
}

#[test]
fn talks_at_the_casa_rosada_set_for_a_weekday_are_expected_there() {
    let evs = run("BUENOS AIRES (PTI) - Indian Prime Minister Narendra Modi arrived in Argentina on Tuesday, with talks with Argentine President Javier Milei set for Friday at the Casa Rosada.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(talks.status, Status::Expected);
    assert_eq!(
        talks.place.as_ref().map(|p| p.name.as_str()),
        Some("Casa Rosada")
    );
    assert_eq!(talks.date().unwrap().to_string(), "2024-03-15");
}

#[test]
fn a_reception_at_the_airport_is_part_of_the_arrival() {
    let evs = run("BUENOS AIRES (PTI) - Indian Prime Minister Narendra Modi's aircraft landed at Ezeiza International Airport late on Friday, and he was received by Foreign Minister Gerardo Werthein.");
    assert!(evs.iter().any(|e| e.kind == "arrival"), "{evs:?}");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
    let evs = run("MOSCOW (AP) - Indonesian President Prabowo Subianto landed in St Petersburg on Tuesday. Russian President Vladimir Putin received him at the Konstantinovsky Palace on Wednesday.");
    assert!(evs.iter().any(|e| e.kind == "meeting"), "{evs:?}");
}

#[test]
fn huthis_are_the_houthis_and_the_one_killed_is_no_attacker() {
    let evs = run("SANAA (AFP) - Yemen's Huthi rebels said on Saturday that the prime minister of their government, Ahmed Ghaleb al-Rahawi, had been killed in an Israeli air strike on Sanaa on Thursday.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(strike), ["israel"]);
    let evs = run("JERUSALEM (AFP) - The Huthis fired a ballistic missile at Tel Aviv on Tuesday.");
    let fired = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(fired), ["houthis"]);
    let evs = run(
        "SANAA (AFP) - Huthis say Israeli strike on Sanaa killed their prime minister on Thursday.",
    );
    assert!(
        evs.iter()
            .filter(|e| e.kind == "attack")
            .all(|e| ids(e) == ["israel"]),
        "{evs:?}"
    );
    let evs = run("JERUSALEM (AFP) - Israel said those strikes were retaliation for a ballistic missile fired by the Huthis on Aug. 22, the first, according to the army, to carry a cluster-munition warhead; fragments of it landed in a residential courtyard in central Israel.");
    assert!(evs.iter().all(|e| e.kind != "arrival"), "{evs:?}");
}

#[test]
fn boarding_a_plane_for_a_city_leaves_the_last_stop() {
    let evs = run("MUSCAT (AA) - Turkish President Recep Tayyip Erdogan arrived in Muscat on Tuesday. Erdogan boarded his plane for Ankara on Wednesday evening, the directorate said.");
    let left = find(&evs, |e| e.kind == "departure");
    assert_eq!(left.place.as_ref().map(|p| p.name.as_str()), Some("Muscat"));
    assert_eq!(
        left.destination.as_ref().map(|p| p.name.as_str()),
        Some("Ankara")
    );
}

#[test]
fn a_pacts_attack_on_one_is_no_attack_and_talks_on_an_expected_trip_are_expected() {
    let evs = run("RIYADH (Reuters) - Saudi Arabia and nuclear-armed Pakistan have bound themselves to treat an attack on one as an attack on both, under a pact signed in Riyadh on Wednesday.");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
    let evs = run("ISLAMABAD (Reuters) - Saudi Defence Minister Prince Khalid bin Salman is expected in Islamabad in October for talks with army chief Field Marshal Asim Munir, officials said.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(talks.status, Status::Expected);
    assert_eq!(talks.date().unwrap().to_string(), "2024-10");
}

#[test]
fn a_place_toured_or_last_visited_is_an_arrival_but_a_tour_is_not() {
    let evs = run("BUENOS AIRES (PTI) - Indian Prime Minister Indira Gandhi, who toured Argentina in 1968, was the last to make a bilateral visit. Indian Prime Minister Narendra Modi was last in Buenos Aires in November 2018.");
    let trips: Vec<String> = evs
        .iter()
        .filter(|e| e.kind == "arrival")
        .map(|e| {
            format!(
                "{} {}",
                ids(e).join(","),
                e.date().map(|d| d.to_string()).unwrap_or_default()
            )
        })
        .collect();
    assert!(
        trips.contains(&"indira-gandhi 1968".to_owned()),
        "{trips:?}"
    );
    assert!(
        trips.contains(&"narendra-modi 2018-11".to_owned()),
        "{trips:?}"
    );
    let evs = run("HANOI (AFP) - French President Emmanuel Macron held talks in Hanoi on Monday at the start of a Southeast Asia tour, and toured a fish-processing plant.");
    assert!(evs.iter().all(|e| e.kind != "arrival"), "{evs:?}");
}

#[test]
fn a_participle_opening_the_sentence_has_the_main_subject() {
    let evs = run("MOSCOW (AP) - Touching down at Pulkovo Airport late on Tuesday, Indonesian President Prabowo Subianto was met on the apron by Russian Deputy Prime Minister Denis Manturov, the secretariat said.");
    let landed = find(&evs, |e| e.kind == "arrival");
    assert_eq!(ids(landed), ["prabowo-subianto"]);
    assert_eq!(landed.date().unwrap().to_string(), "2024-03-12");
}

#[test]
fn drones_hurled_at_a_country_attack_it_and_a_record_or_a_fleet_reached_tells_nothing_more() {
    let evs = run("KYIV (Reuters) - Russia hurled 472 drones at Ukraine overnight, the most drones it has launched in a single night of the war, Ukraine's air force said.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(strike), ["russia"]);
    assert_eq!(strike.count, Some(472));
    assert!(evs.iter().all(|e| e.kind != "missile_launch"), "{evs:?}");
    let evs = run("KYIV (Reuters) - Ukrainian drones hit the Olenya air base in Russia on Sunday. It was not the first time Ukraine had reached Russia's bomber fleet.");
    assert!(evs.iter().all(|e| e.kind != "arrival"), "{evs:?}");
}

#[test]
fn arriving_there_is_arriving_where_the_sentence_before_named() {
    let evs = run("KUWAIT CITY (AA) - Turkish President Recep Tayyip Erdogan had not been to Kuwait since 2023. Erdogan arrived there on Tuesday for talks.");
    let landed = find(&evs, |e| e.kind == "arrival" && e.date().is_some());
    assert_eq!(
        landed.place.as_ref().map(|p| p.name.as_str()),
        Some("Kuwait")
    );
    let evs = run("KUALA LUMPUR (Reuters) - Australian Prime Minister Anthony Albanese will fly to Malaysia. Albanese travelled to Beijing in November, where he met President Xi Jinping, in the first visit there by an Australian leader since 2016.");
    assert!(
        evs.iter()
            .filter(|e| e.kind == "arrival" && e.status == Status::Occurred)
            .all(|e| e.place.as_ref().is_some_and(|p| p.name == "Beijing")),
        "{evs:?}"
    );
}

#[test]
fn a_rocket_family_named_last_in_the_text_is_read_without_reading_past_it() {
    // The family's name is the last token, so there is nothing after it to read as a designation. (This
    // panicked on an index past the text, found by the property test.)
    for text in [
        "BEIJING (AFP) - China launched a rocket on a Long March",
        "MOSCOW (TASS) - Russia launched a rocket on a Soyuz",
    ] {
        let evs = run(text);
        assert!(evs.iter().all(|e| e.kind == "missile_launch"), "{evs:?}");
    }
}

#[test]
fn a_reach_ending_the_text_reads_nothing_past_it() {
    // "reached" is the last word: no possessive after it to look at. (Read past the text before.)
    let evs = run("KYIV (Reuters) - Ukrainian President Volodymyr Zelensky reached");
    assert!(evs.iter().all(|e| e.kind != "arrival"), "{evs:?}");
}

#[test]
fn talks_after_an_arrival_are_the_travellers() {
    let evs = run("MOSCOW (Reuters) - Indian Prime Minister Narendra Modi flew into Moscow on July 8 and embraced Russian President Vladimir Putin at his residence, before formal talks in the Kremlin the next day.");
    let talks = find(&evs, |e| {
        e.kind == "meeting" && e.place.as_ref().is_some_and(|p| p.name == "Kremlin")
    });
    assert_eq!(ids(talks), ["narendra-modi", "vladimir-putin"]);
    assert_eq!(talks.date().unwrap().to_string(), "2023-07-09");
}

#[test]
fn going_on_to_a_city_is_the_next_stop_but_not_to_a_lunch_or_a_palace() {
    let evs = run("BEIJING (Reuters) - Indonesian President Prabowo Subianto met Xi Jinping in Beijing in April. From China he went on to Tokyo, where he met the prime minister.");
    assert!(
        evs.iter()
            .any(|e| e.kind == "arrival" && e.place.as_ref().is_some_and(|p| p.name == "Tokyo")),
        "{evs:?}"
    );
    for text in [
        "WASHINGTON (dpa) - German Chancellor Friedrich Merz met U.S. President Donald Trump on Thursday. The two then went on to a working lunch.",
        "TOKYO (Reuters) - U.S. President Donald Trump landed in Tokyo on Monday and went on to the Imperial Palace for an audience with Emperor Naruhito.",
    ] {
        let evs = run(text);
        assert!(
            evs.iter().filter(|e| e.kind == "arrival").count() <= 1
                && evs.iter().all(|e| e.kind != "arrival" || ids(e) != ["donald-trump", "friedrich-merz"]),
            "{evs:?}"
        );
    }
}

#[test]
fn the_one_named_after_since_made_the_last_such_visit() {
    let evs = run("PYONGYANG (Reuters) - Chinese Premier Li Qiang arrived in Pyongyang on Tuesday. He is the first Chinese premier to travel to North Korea since Wen Jiabao visited in October 2009. Macron is the first French president to visit Vietnam since Francois Hollande in 2016.");
    let earlier: Vec<String> = evs
        .iter()
        .filter(|e| e.kind == "arrival")
        .map(|e| {
            format!(
                "{} {} {}",
                ids(e).join(","),
                e.place.as_ref().map_or("-", |p| p.name.as_str()),
                e.date().map(|d| d.to_string()).unwrap_or_default()
            )
        })
        .collect();
    assert!(
        earlier.contains(&"wen-jiabao North Korea 2009-10".to_owned()),
        "{earlier:?}"
    );
    assert!(
        earlier.contains(&"francois-hollande Vietnam 2016".to_owned()),
        "{earlier:?}"
    );
}

#[test]
fn europes_rockets_are_the_agencys_and_a_designation_counts_nothing() {
    let evs = run("PARIS (Reuters) - Europe's new Ariane 6 rocket lifted off from Kourou in French Guiana on Tuesday. Ariane 6 completed a full-length test firing of its core stage on the launch pad in Kourou in November.");
    let launches: Vec<&Event> = evs.iter().filter(|e| e.kind == "missile_launch").collect();
    assert_eq!(launches.len(), 1, "{launches:?}");
    assert_eq!(ids(launches[0]), ["european-space-agency"]);
    assert_eq!(launches[0].count, Some(1));
}

#[test]
fn a_first_visit_by_someone_unnamed_is_no_visit_of_its_own() {
    let evs = run("ACCRA (PTI) - Indian Prime Minister Narendra Modi left Delhi. The tour opened on Wednesday in Ghana, where Modi's plane touched down at Kotoka International Airport in Accra and President John Dramani Mahama received him with a 21-gun salute, in the first visit by an Indian prime minister to the West African country in three decades. It is the first state visit by an Indian prime minister to Brazil since Indira Gandhi in 1968.");
    let arrivals: Vec<String> = evs
        .iter()
        .filter(|e| e.kind == "arrival")
        .map(|e| {
            format!(
                "{} {}",
                ids(e).join(","),
                e.place.as_ref().map_or("-", |p| p.name.as_str())
            )
        })
        .collect();
    assert!(
        arrivals
            .iter()
            .all(|a| !a.contains("john-dramani-mahama") && !a.contains("West African")),
        "{arrivals:?}"
    );
    assert!(
        arrivals.contains(&"indira-gandhi Brazil".to_owned()),
        "{arrivals:?}"
    );
}

#[test]
fn a_text_ending_on_a_determiner_after_a_first_visit_reads_nothing_past_it() {
    // It panicked on an index past the text.
    for text in [
        "WASHINGTON (AP) - He was the first to visit the",
        "WASHINGTON (AP) - It was the first visit to the",
    ] {
        let evs = run(text);
        assert!(evs.iter().all(|e| e.kind != "arrival"), "{evs:?}");
    }
}

#[test]
fn that_evening_looks_back_without_nesting() {
    // Forty sentences each with "that evening" and no date: each look-back reads the sentences before it
    // without their own look-backs. (Nested, this took about 1.84^40 steps.)
    let body = "Officials met that evening. ".repeat(40);
    let evs = run(&format!("SEOUL (Yonhap) - {body}"));
    assert!(evs.is_empty(), "{evs:?}");
}

#[test]
fn who_has_killed_is_the_attacker_and_who_was_killed_with_titles_is_not() {
    let evs = run("GAZA (Reuters) - Hamas said on Tuesday that Israel had killed its commander Mohammed Deif in an air strike on Khan Younis.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(strike), ["israel"]);
    let evs = run("BEIRUT (AP) - Israel has killed senior Hezbollah commander Ali Karaki in a strike on Beirut, the group said on Tuesday.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(strike), ["israel"]);
}

#[test]
fn a_name_after_a_clause_of_harm_is_the_next_clause_subject_not_a_victim() {
    let evs = run("GAZA (Reuters) - Hours after a Hamas rocket killed two, Israel shelled Rafah on Tuesday, medics said.");
    let shelling = find(&evs, |e| {
        e.kind == "attack" && e.place.as_ref().is_some_and(|p| p.name == "Rafah")
    });
    assert_eq!(ids(shelling), ["israel"]);
}

#[test]
fn the_largest_of_the_missiles_fired_is_a_launch_not_a_record() {
    let evs = run("SEOUL (Yonhap) - The largest of the missiles fired by North Korea on Tuesday flew about 1,000 km, the Joint Chiefs of Staff said.");
    let launch = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(ids(launch), ["north-korea"]);
    assert_eq!(launch.date().unwrap().to_string(), "2024-03-12");
}

#[test]
fn a_source_silent_about_a_launch_does_not_deny_it() {
    let evs = run("TOKYO (Kyodo) - North Korea fired several short-range ballistic missiles on Tuesday, Seoul said. The North's state media had not reported on the launch by Tuesday evening.");
    let launch = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(launch.status, Status::Occurred);
}

#[test]
fn it_after_a_country_named_inside_a_prepositional_phrase_is_the_clause_subject() {
    let evs = run("SEOUL (Yonhap) - The North last fired missiles on Nov. 5, hours before polls opened in the U.S. presidential election, when it launched seven short-range missiles from near Sariwon.");
    let launches: Vec<_> = evs.iter().filter(|e| e.kind == "missile_launch").collect();
    assert_eq!(launches.len(), 1, "{evs:?}");
    assert_eq!(ids(launches[0]), ["north-korea"]);
    assert_eq!(launches[0].count, Some(7));
}

#[test]
fn a_return_to_the_white_house_after_a_possessive_is_taking_office() {
    let evs = run("SEOUL (Yonhap) - Tokyo and Seoul want closer ties ahead of Donald Trump's return to the White House, officials said.");
    assert!(evs.iter().all(|e| e.kind != "departure"), "{evs:?}");
    let evs = run("CAIRO (Reuters) - U.S. Secretary of State Antony Blinken will return to Cairo on Thursday.");
    assert!(evs.iter().any(|e| e.kind == "departure"), "{evs:?}");
}

#[test]
fn a_country_after_air_names_an_airline_not_a_traveller() {
    let evs = run("HANOI (AFP) - Chinese President Xi Jinping arrived in Vietnam on Monday. Xi's Air China jet touched down at Noi Bai International Airport on Monday afternoon, where President Luong Cuong waited at the foot of the steps.");
    assert!(
        evs.iter().all(|e| ids(e) != ["china"]),
        "the airline is no actor: {evs:?}"
    );
    let evs =
        run("ISLAMABAD (Reuters) - Pakistan Air Force jets struck targets in Kabul on Friday.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(strike), ["pakistan"]);
}

#[test]
fn meeting_one_person_and_separately_another_is_two_meetings() {
    let evs = run("HANOI (AFP) - On Tuesday morning Chinese President Xi Jinping met Prime Minister Pham Minh Chinh and, separately, National Assembly Chairman Tran Thanh Man.");
    let meetings: Vec<Vec<&str>> = evs
        .iter()
        .filter(|e| e.kind == "meeting")
        .map(ids)
        .collect();
    assert_eq!(
        meetings,
        [
            vec!["pham-minh-chinh", "xi-jinping"],
            vec!["tran-thanh-man", "xi-jinping"]
        ],
        "{evs:?}"
    );
    assert_ne!(evs[0].id, evs[1].id, "each happening has its own id");
}

#[test]
fn a_present_tense_visit_in_a_headline_is_the_visitors_arrival() {
    let evs = extract(
        &article(
            Some("Chile fires test rockets as Peru's Ana Ortega visits Santiago"),
            "SANTIAGO (Reuters) - Chile's navy test-fired two rockets off Valparaiso on Tuesday.",
            Some("2024-03-13T10:00:00-03:00"),
        ),
        Lexicon::builtin(),
    );
    let arrivals: Vec<Vec<&str>> = evs
        .iter()
        .filter(|e| e.kind == "arrival")
        .map(ids)
        .collect();
    assert_eq!(
        arrivals,
        [vec!["ana-ortega"]],
        "the visitor, not the launcher nor her state: {evs:?}"
    );
    let evs = run("Italian Foreign Minister Paolo Renzi visits Tunis for talks on migration.");
    let a = find(&evs, |e| e.kind == "arrival");
    assert_eq!(a.place.as_ref().map(|p| p.name.as_str()), Some("Tunis"));
    assert_eq!(ids(a), ["paolo-renzi"]);
}

#[test]
fn a_states_possessive_before_a_new_name_is_whose_the_person_is() {
    let evs = run("Russia's Vladimir Putin arrived in Seoul on Monday.");
    let a = find(&evs, |e| e.kind == "arrival");
    assert_eq!(ids(a), ["vladimir-putin"]);
    let evs =
        run(
        "India's Defence Research and Development Organisation said on Monday it had flight-tested a hypersonic missile from APJ Abdul Kalam Island.",
    );
    let launch = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(ids(launch), ["india"], "an agency's name is no person");
}

#[test]
fn a_president_elect_is_a_title_not_part_of_the_name() {
    let evs = run("TOKYO (Kyodo) - Prime Minister Shinzo Abe will meet U.S. President-elect Donald Trump in New York next Thursday, officials said.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(ids(talks), ["donald-trump", "shinzo-abe"]);
    let trump = talks.actors.iter().find(|a| a.id == "donald-trump");
    assert_eq!(
        trump.and_then(|a| a.role.as_deref()),
        Some("President-elect")
    );
}

#[test]
fn a_headline_as_clause_with_listed_leaders_adds_no_party_to_the_deal() {
    let evs = extract(
        &article(
            Some("Chile, Peru sign lithium pact as Boric, Boluarte hold summit in Lima"),
            "LIMA (Reuters) - Chilean President Gabriel Boric and Peruvian President Dina Boluarte held talks in Lima on Tuesday, officials said.",
            Some("2024-03-13T10:00:00-05:00"),
        ),
        Lexicon::builtin(),
    );
    let deal = find(&evs, |e| e.kind == "agreement");
    assert_eq!(ids(deal), ["chile", "peru"]);
}

#[test]
fn missiles_fired_at_mock_targets_are_a_launch_not_an_attack() {
    let evs = run("DUBAI (Reuters) - Iran's navy fired three cruise missiles at simulated enemy targets in the Gulf of Oman on Tuesday, state media said.");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
    let launch = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(launch.count, Some(3));
    assert_eq!(ids(launch), ["iran"]);
}

fn place_of(e: &Event) -> Option<&str> {
    e.place.as_ref().map(|p| p.name.as_str())
}

#[test]
fn a_meeting_with_no_venue_is_held_in_the_dateline_city_the_visitor_reached() {
    let evs = run("NAIROBI, March 12 (Reuters) - Ethiopian Prime Minister Abiy Ahmed held talks with Kenyan President William Ruto on Tuesday on a stalled road corridor.\n\nAbiy landed in Nairobi on Monday evening for a two-day visit, officials said.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(ids(talks), ["abiy-ahmed", "william-ruto"]);
    assert_eq!(place_of(talks), Some("Nairobi"));
}

#[test]
fn the_dateline_ingest_took_out_of_the_body_still_places_the_meeting() {
    let mut a = article(
        None,
        "Ethiopian Prime Minister Abiy Ahmed held talks with Kenyan President William Ruto on Tuesday.\n\nAbiy arrived in Nairobi on Monday.",
        Some("2024-03-13T10:00:00+03:00"),
    );
    a.dateline = Some("NAIROBI".into());
    let evs = extract(&a, Lexicon::builtin());
    assert_eq!(
        place_of(find(&evs, |e| e.kind == "meeting")),
        Some("Nairobi")
    );
}

#[test]
fn a_meeting_after_the_visitor_moves_on_is_not_put_in_the_dateline_city() {
    let evs = run("NAIROBI, March 12 (Reuters) - Ethiopian Prime Minister Abiy Ahmed arrived in Nairobi on Monday for talks on a stalled road corridor.\n\nAbiy will leave for Kampala on Wednesday and is due to meet Ugandan President Yoweri Museveni on Thursday, officials said.");
    let talks = find(&evs, |e| {
        e.kind == "meeting" && e.actors.iter().any(|a| a.id == "yoweri-museveni")
    });
    assert_ne!(place_of(talks), Some("Nairobi"), "{talks:?}");
}

#[test]
fn a_visit_years_ago_lends_the_dateline_city_to_no_meeting() {
    let evs = run("NAIROBI, March 12 (Reuters) - Ethiopian Prime Minister Abiy Ahmed held talks with Kenyan President William Ruto on Tuesday.\n\nAbiy last visited Nairobi in 2019.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(place_of(talks), None, "{talks:?}");
}

#[test]
fn talks_told_later_in_the_story_of_the_day_take_that_day() {
    let evs = run("DAKAR, March 13 (AFP) - Mauritanian President Mohamed Ould Ghazouani arrived in Dakar on Tuesday for a two-day state visit.\n\nSenegalese President Bassirou Diomaye Faye greeted him at the foot of the steps, and a military band played both anthems.\n\nCrowds lined the coast road into the city.\n\nGhazouani later held talks with Faye at the presidential palace on fishing rights and gas.");
    let talks = find(&evs, |e| {
        e.kind == "meeting" && e.evidence.text.contains("held talks")
    });
    assert_eq!(
        talks.date().map(|d| d.to_string()).as_deref(),
        Some("2024-03-12"),
        "{talks:?}"
    );
}

#[test]
fn talks_told_after_a_strike_are_not_dated_by_the_strike() {
    let evs = run("TEL AVIV, March 13 (Reuters) - Israeli warplanes struck targets in southern Lebanon on Tuesday, the military said.\n\nResidents reported heavy damage in two villages.\n\nThe smoke could be seen from the border.\n\nIsraeli Prime Minister Benjamin Netanyahu held talks with U.S. envoy Amos Hochstein on a ceasefire proposal.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(talks.date(), None, "{talks:?}");
}

#[test]
fn a_time_in_a_whose_clause_dates_that_clause_not_the_summit() {
    let evs = run("NAIROBI, March 13 (Reuters) - Kenyan President William Ruto hosted leaders including Tanzanian President Samia Suluhu Hassan and Somali President Hassan Sheikh Mohamud, whose country joined the bloc in 2024.");
    let summit = find(&evs, |e| e.kind == "meeting");
    assert_eq!(summit.date(), None, "{summit:?}");
}

#[test]
fn a_destination_follows_a_later_time_after_the_place_left() {
    let evs = run("KAMPALA, March 13 (Reuters) - Ethiopian Prime Minister Abiy Ahmed held talks with Ugandan President Yoweri Museveni on Wednesday.\n\nAbiy was to leave Kampala later Wednesday for Kigali, the last stop on his tour.");
    let left = find(&evs, |e| e.kind == "departure");
    assert_eq!(
        left.destination.as_ref().map(|p| p.name.as_str()),
        Some("Kigali"),
        "{left:?}"
    );
}

#[test]
fn sitting_across_from_a_leader_is_a_meeting() {
    let evs = run("ABUJA, March 13 (Reuters) - Ghanaian President John Mahama flew into Abuja on Tuesday.\n\nBy evening he was sitting across from Nigerian President Bola Tinubu at the Aso Rock villa, where the two discussed regional security.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(ids(talks), ["bola-tinubu", "john-mahama"], "{talks:?}");
    assert_eq!(talks.status, Status::Occurred);
}

#[test]
fn rockets_fired_in_a_clause_of_their_own_are_not_the_sentence_subjects() {
    for body in [
        "ISLAMABAD, March 13 (Reuters) - Pakistan struck militant hideouts in Afghanistan's Paktika province on Tuesday, hours after rockets fired from across the border hit a checkpoint in North Waziristan.",
        "ISLAMABAD, March 13 (Reuters) - Pakistan struck militant hideouts in Afghanistan's Paktika province on Tuesday, after rockets were fired from across the border at a checkpoint in North Waziristan.",
    ] {
        let evs = run(body);
        let strike = find(&evs, |e| e.kind == "attack");
        assert_eq!(ids(strike), ["pakistan"]);
        assert_eq!(place_of(strike), Some("Paktika"));
        assert_eq!(evs.len(), 1, "{evs:?}");
    }
}

#[test]
fn a_when_clause_after_a_possessed_barrage_names_its_possessor() {
    let evs = run("SEOUL, March 13 (Yonhap) - South Korea has yet to answer North Korea's March 4 barrage, when some 10 ballistic missiles were fired toward the East Sea.");
    let barrage = find(&evs, |e| e.kind == "missile_launch" || e.kind == "attack");
    assert_eq!(ids(barrage), ["north-korea"], "{barrage:?}");
    assert_eq!(
        barrage.date().map(|d| d.to_string()).as_deref(),
        Some("2024-03-04")
    );
}

#[test]
fn a_possessive_far_back_in_the_sentence_is_no_party_to_an_appositive_strike() {
    let evs = run("DAMASCUS, March 13 (Reuters) - Israel struck a weapons depot in Damascus's western outskirts on Tuesday, its first strike on the Syrian capital this year.");
    assert!(evs.iter().all(|e| ids(e) == ["israel"]), "{evs:?}");
    assert_eq!(
        evs.iter().filter(|e| e.kind == "attack").count(),
        1,
        "{evs:?}"
    );
}

#[test]
fn interceptors_fired_at_incoming_missiles_are_no_strike() {
    let evs = run("JERUSALEM, March 13 (Reuters) - Two U.S. Navy destroyers fired interceptors at the incoming missiles on Tuesday, the Pentagon said.");
    assert!(evs.is_empty(), "{evs:?}");
    let evs = run("KYIV, March 13 (Reuters) - Ukraine fired missiles at drone bases in Russia's Kursk region on Tuesday, the General Staff said.");
    assert_eq!(find(&evs, |e| e.kind == "attack").kind, "attack");
}

#[test]
fn at_least_counts_the_targets_it_does_not_place_them() {
    let evs = run("JERUSALEM, March 13 (Reuters) - Iran fired about 100 ballistic missiles at Israel on Tuesday, the military said.\n\nMost were intercepted, though some struck open areas and at least one air base.");
    assert!(
        evs.iter().all(|e| e
            .place
            .as_ref()
            .is_none_or(|p| !p.name.starts_with("least"))),
        "{evs:?}"
    );
}

#[test]
fn the_following_day_counts_from_the_weekday_just_told_not_the_dateline() {
    let evs = run("NAIROBI, March 13 (Reuters) - Kenya's President William Ruto arrived in Addis Ababa on Monday for a two-day visit.\n\nHe toured an industrial park outside the city and met Ethiopian Prime Minister Abiy Ahmed the following day, officials said.");
    let m = find(&evs, |e| e.kind == "meeting");
    assert_eq!(m.date().unwrap().to_string(), "2024-03-12", "{evs:?}");
}

#[test]
fn an_attack_noun_as_subject_of_an_attack_verb_names_its_attacker() {
    let evs = run("KYIV, March 13 (Reuters) - Massive Russian air strikes hit the city of Odesa on Tuesday, regional officials said.");
    let a = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(a), ["russia"], "{evs:?}");
    assert_eq!(a.place.as_ref().map(|p| p.name.as_str()), Some("Odesa"));
    assert_eq!(evs.len(), 1, "{evs:?}");
}

#[test]
fn blowing_up_and_ramming_are_attacks_by_the_noun_the_copy_uses() {
    let evs = run("QUETTA, Pakistan, March 13 (Reuters) - A suicide bomber rammed an explosives-laden motorcycle into a police van in Quetta on Tuesday, killing four officers, police said.");
    let a = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(a), ["suicide-bomber"], "{evs:?}");
    assert_eq!(a.place.as_ref().map(|p| p.name.as_str()), Some("Quetta"));
    let evs = run("MOGADISHU, March 13 (Reuters) - Militants blew up a bridge outside Kismayo on Monday, cutting the road to the port, officials said.");
    let a = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(a), ["militants"], "{evs:?}");
    assert_eq!(a.date().unwrap().to_string(), "2024-03-11");
}

#[test]
fn a_launch_still_to_come_with_its_own_place_and_day_is_a_launch_of_its_own() {
    let evs = run("KARACHI, March 13 (Reuters) - Pakistan's navy fired two anti-ship missiles in the Arabian Sea on Tuesday, the first day of a naval exercise, the military said.\n\nA spokesman said more anti-ship missiles would be fired in the Arabian Sea on Thursday, the final day of the drill.");
    let planned = find(&evs, |e| {
        e.kind == "missile_launch" && e.status == Status::Expected
    });
    assert_eq!(ids(planned), ["pakistan"], "{evs:?}");
    assert_eq!(planned.date().unwrap().to_string(), "2024-03-14");
    assert!(evs
        .iter()
        .any(|e| e.kind == "missile_launch" && e.status == Status::Occurred));
}

#[test]
fn a_hyphenated_given_name_after_a_lowercase_role_is_a_name() {
    let evs = run("TASHKENT (AFP) - Turkish President Tayyip Erdogan held talks with his Uzbek counterpart Shavkat-Bek Mirzayev in Tashkent on Tuesday.\n\nMirzayev later hosted a dinner for the delegation.");
    let m = find(&evs, |e| e.kind == "meeting");
    assert!(
        m.actors.iter().any(|a| a.id == "shavkat-bek-mirzayev"),
        "{evs:?}"
    );
    // A place joined to a place is no given name.
    let evs =
        run("ISTANBUL (Reuters) - Negotiators opened Russia-Ukraine talks in Istanbul on Tuesday.");
    assert!(
        evs.iter().all(|e| e
            .actors
            .iter()
            .all(|a| a.actor_type != dateline_shared::ActorType::Person)),
        "{evs:?}"
    );
}

#[test]
fn talks_in_a_city_and_at_a_venue_there_are_one_meeting_at_the_venue() {
    let evs = run("ASTANA (AFP) - Indian Prime Minister Narendra Modi held talks with Kazakh President Kassym-Jomart Tokayev in Astana on Tuesday.\n\nThe two leaders met for three hours at the Akorda presidential palace, officials said.");
    let meetings: Vec<_> = evs.iter().filter(|e| e.kind == "meeting").collect();
    assert_eq!(meetings.len(), 1, "{evs:?}");
    assert!(
        meetings[0]
            .place
            .as_ref()
            .is_some_and(|p| p.name.contains("Akorda")),
        "{evs:?}"
    );
}

#[test]
fn a_meeting_the_sentence_says_was_postponed_is_no_event() {
    let evs = run("ASTANA (AFP) - Indian Prime Minister Narendra Modi had been due to meet Kyrgyz President Sadyr Japarov in Astana on Wednesday, but the meeting was postponed, officials said.");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
    let evs = run("ASTANA (AFP) - Indian Prime Minister Narendra Modi will meet Kyrgyz President Sadyr Japarov in Astana on Wednesday, officials said.");
    assert_eq!(find(&evs, |e| e.kind == "meeting").status, Status::Expected);
}

#[test]
fn the_two_countries_of_a_visitor_and_an_untitled_host_are_the_visitors_and_the_datelines() {
    let evs = run("NAIROBI, March 13 (Reuters) - Japanese Prime Minister Shigeru Ishiba held talks with President William Ruto on Tuesday.\n\nAfter the talks, ministers from the two countries signed three agreements on energy and ports, officials said.");
    let a = find(&evs, |e| e.kind == "agreement");
    let mut got = ids(a);
    got.sort();
    assert_eq!(got, ["japan", "kenya"], "{evs:?}");
}

#[test]
fn an_unbound_it_before_a_strike_is_never_the_person_named_before() {
    let evs = run("ADEN, March 13 (Reuters) - Yemen's rebels said on Wednesday that their defence minister, Ali Nasser al-Hadi, had been killed in an Israeli air strike on Sanaa on Tuesday, along with two aides, the most senior figure the Iran-backed movement has lost since it began firing at Israel two years ago.");
    assert!(
        evs.iter()
            .all(|e| e.actors.iter().all(|a| a.id != "ali-nasser-al-hadi")),
        "{evs:?}"
    );
    assert_eq!(ids(find(&evs, |e| e.kind == "attack")), ["israel"]);
}

#[test]
fn regular_reciprocal_visits_pledged_are_no_trip() {
    let evs = run("TOKYO, March 13 (Kyodo) - Prime Minister Fumio Kishida held talks with Australian Prime Minister Anthony Albanese in Tokyo on Tuesday, and the two pledged to resume regular reciprocal visits and to cooperate on China.");
    assert!(evs.iter().all(|e| e.kind != "arrival"), "{evs:?}");
    assert!(evs.iter().any(|e| e.kind == "meeting"), "{evs:?}");
}

#[test]
fn a_plan_told_with_its_month_and_again_without_is_one_plan() {
    let evs = run("JAKARTA, March 13 (Reuters) - Foreign Minister Sugiono said his Chinese counterpart Wang Yi was expected in Jakarta in June for consultations.\n\nIt would be Wang's first trip to the Indonesian capital since 2022.");
    let plans: Vec<_> = evs
        .iter()
        .filter(|e| e.kind == "arrival" && e.status == Status::Expected)
        .collect();
    assert_eq!(plans.len(), 1, "{evs:?}");
    assert_eq!(plans[0].date().unwrap().to_string(), "2024-06");
}

#[test]
fn a_return_to_the_white_house_as_a_reference_point_is_no_journey() {
    let evs = run("BEIJING, March 13 (Reuters) - Chinese President Xi Jinping met Brazilian President Luiz Inacio Lula da Silva in Beijing on Tuesday, two weeks after Donald Trump returned to the White House.");
    assert!(
        evs.iter()
            .all(|e| e.kind != "departure" && e.kind != "arrival"),
        "{evs:?}"
    );
    let evs = run("WASHINGTON, March 13 (Reuters) - President Donald Trump returned to the White House from Florida on Tuesday, officials said.");
    assert!(
        evs.iter()
            .any(|e| e.kind == "departure" || e.kind == "arrival"),
        "{evs:?}"
    );
}

#[test]
fn one_who_also_arrived_came_where_the_last_arrival_came() {
    let evs = run("HANOI, March 13 (Reuters) - Thai Prime Minister Srettha Thavisin arrived in Hanoi on Monday for a regional forum.\n\nPhilippine President Ferdinand Marcos, who also arrived on Monday, is expected to hold talks with his Vietnamese hosts on Thursday, officials said.");
    let marcos = find(&evs, |e| {
        e.kind == "arrival" && ids(e) == ["ferdinand-marcos"]
    });
    assert_eq!(
        marcos.place.as_ref().map(|p| p.name.as_str()),
        Some("Hanoi")
    );
    assert_eq!(marcos.date().unwrap().to_string(), "2024-03-11");
}

#[test]
fn a_test_firing_at_a_range_is_a_launch_not_an_attack() {
    let evs = run("NEW DELHI, March 13 (PTI) - India test-fired a long-range Agni-5 ballistic missile from the Integrated Test Range at Chandipur on Monday, the defence ministry said.");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
    let launch = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(ids(launch), ["india"]);
}

#[test]
fn a_national_agency_names_its_own_leader_without_a_country() {
    // Bernama files from Tokyo: "Prime Minister Anwar" is Malaysia's, the side Japan's leader leaves.
    let body = "TOKYO (Bernama) - Prime Minister Anwar Ibrahim held talks with Japanese Prime Minister Shigeru Ishiba at the Kantei on Friday.\n\nThe two prime ministers then witnessed the signing of four memorandums of understanding on energy transition and semiconductors.";
    let mut a = article(None, body, Some("2024-03-13T10:00:00+09:00"));
    a.outlet = Some("Bernama".into());
    let evs = extract(&a, Lexicon::builtin());
    let deal = find(&evs, |e| e.kind == "agreement");
    assert_eq!(ids(deal), ["japan", "malaysia"]);
    // Filed by a wire with no home, the side stays unknown and the leaders stand as named.
    let evs = run(body);
    let deal = find(&evs, |e| e.kind == "agreement");
    assert!(!ids(deal).contains(&"malaysia"), "{deal:?}");
}

#[test]
fn a_strike_that_killed_is_dated_past_an_apposition_and_its_toll() {
    let evs = run("KYIV (Reuters) - A Russian drone strike on Kherson, the regional capital on the Dnipro, killed 14 people, including five children, at a market on Monday, officials said.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(strike.date().unwrap().to_string(), "2024-03-11");
}

#[test]
fn a_place_fronted_before_the_comma_is_where_the_sentence_happens() {
    let evs = run("ASTANA, March 13 (Reuters) - German Chancellor Olaf Scholz arrived in Kazakhstan on Monday. In Almaty, the country's largest city, Scholz is due to hold talks with President Kassym-Jomart Tokayev on Tuesday.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(
        talks.place.as_ref().map(|p| p.name.as_str()),
        Some("Almaty")
    );
    // A back-reference is no place: "In the same hall" names none.
    let evs = run("ASTANA, March 13 (Reuters) - German Chancellor Olaf Scholz held talks with Kazakh President Kassym-Jomart Tokayev at the Akorda on Monday. In the same hall, the two sides later signed an energy agreement.");
    let deal = find(&evs, |e| e.kind == "agreement");
    assert_ne!(
        deal.place.as_ref().map(|p| p.name.as_str()),
        Some("same hall")
    );
}

#[test]
fn one_who_spoke_during_a_courtesy_call_made_it() {
    let evs = run("SEOUL, March 13 (Yonhap) - Australian Foreign Minister Penny Wong, who arrived in Seoul on Monday, condemned the launch during a courtesy call on South Korean Prime Minister Han Duck-soo on Tuesday morning.");
    let call = find(&evs, |e| e.kind == "meeting");
    assert_eq!(ids(call), ["han-duck-soo", "penny-wong"]);
    assert_eq!(call.date().unwrap().to_string(), "2024-03-12");
}

#[test]
fn the_evening_before_is_the_day_before_the_one_told() {
    let evs = run("SEOUL, March 13 (Yonhap) - Australian Foreign Minister Penny Wong met South Korean Prime Minister Han Duck-soo on Tuesday morning. The evening before, she had held talks with her South Korean counterpart Cho Tae-yul.");
    let talks = find(&evs, |e| {
        e.kind == "meeting" && ids(e).contains(&"cho-tae-yul")
    });
    assert_eq!(talks.date().unwrap().to_string(), "2024-03-11");
    assert_eq!(
        talks.time.as_ref().map(|t| t.text.as_str()),
        Some("The evening before")
    );
}

#[test]
fn his_guest_is_the_one_the_story_is_about() {
    let evs = run("NAIROBI, March 13 (Reuters) - Indonesian President Joko Widodo flew into Nairobi on Tuesday from Addis Ababa, where he had met Ethiopian Prime Minister Abiy Ahmed. At State House, Kenyan President William Ruto welcomed his guest with a guard of honour before the two leaders held talks on trade and fertiliser.");
    let talks = find(&evs, |e| {
        e.kind == "meeting" && ids(e).contains(&"william-ruto")
    });
    assert_eq!(ids(talks), ["joko-widodo", "william-ruto"]);
    assert_eq!(
        talks.place.as_ref().map(|p| p.name.as_str()),
        Some("State House")
    );
}

#[test]
fn a_rocket_leaving_a_launch_site_is_launched_from_it() {
    let evs = run("BEIJING, March 13 (Reuters) - A Kuaizhou-1A rocket broke apart minutes after leaving the Jiuquan Satellite Launch Center on Monday, destroying two satellites on board.");
    let launch = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(ids(launch), ["china"]);
    assert!(evs.iter().all(|e| e.kind != "departure"), "{evs:?}");
}

#[test]
fn a_rockets_own_first_test_flight_is_a_launch_of_it() {
    let evs = run("TOKYO, March 13 (Kyodo) - The H3, the rocket JAXA has been developing for a decade, could make its first test flight from Tanegashima next year, officials said.");
    let flight = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(flight.status, Status::Speculated);
    assert_eq!(flight.weapon.as_deref(), Some("space launch vehicle"));
}

#[test]
fn this_year_and_the_end_of_the_year_are_the_year_of_publication() {
    let evs = run("PARIS, March 13 (Reuters) - Chinese President Xi Jinping will visit Paris later this year, officials said.");
    let visit = find(&evs, |e| e.kind == "arrival");
    assert_eq!(visit.date().unwrap().to_string(), "2024");
    let evs = run("TOKYO, March 13 (Kyodo) - JAXA said the H3 rocket would fly again before the end of the year.");
    let flight = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(flight.status, Status::Expected);
    assert_eq!(flight.date().unwrap().to_string(), "2024");
    assert_eq!(ids(flight), ["japan"]);
}

#[test]
fn an_ordinal_makes_the_trigger_after_it_a_noun_not_a_schedule() {
    let evs = run("BENGALURU, March 13 (PTI) - India conducted the 100th launch of a PSLV rocket from Sriharikota on Jan. 29.");
    let launch = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(launch.status, Status::Occurred);
    assert_eq!(launch.date().unwrap().to_string(), "2024-01-29");
}

#[test]
fn bombers_flying_with_missiles_launch_nothing() {
    // Only a launch vehicle flying is launched.
    let evs = run("HELSINKI, March 13 (Reuters) - Two Russian bombers armed with cruise missiles flew over the Baltic Sea on Monday, Finland's defence ministry said.");
    assert!(evs.iter().all(|e| e.kind != "missile_launch"), "{evs:?}");
}

#[test]
fn a_deal_taking_effect_or_reached_was_made_by_the_parties_it_names() {
    let evs = run("KHARTOUM, March 13 (Reuters) - A truce between Sudan's army and the Rapid Support Forces took effect at midnight on Monday, after mediators in Jeddah announced it late on Sunday.");
    let truce = find(&evs, |e| e.kind == "agreement");
    assert_eq!(ids(truce).len(), 2, "{truce:?}");
    assert!(ids(truce).contains(&"rapid-support-forces"), "{truce:?}");
    let evs = run("ISLAMABAD, March 13 (Reuters) - Pakistan and Afghanistan traded fire on Monday despite a ceasefire the two neighbours reached in Doha in October.");
    let ceasefire = find(&evs, |e| e.kind == "agreement");
    assert_eq!(ids(ceasefire), ["afghanistan", "pakistan"]);
    assert_eq!(ceasefire.date().unwrap().to_string(), "2023-10");
}

#[test]
fn a_deal_reached_only_as_a_condition_is_none_made() {
    let evs = run("BEIRUT, March 13 (Reuters) - A Hezbollah spokesman said the group was not seeking a wider war, but that Hezbollah would keep firing at Israel until a ceasefire was reached in Gaza.");
    assert!(evs.iter().all(|e| e.kind != "agreement"), "{evs:?}");
}

#[test]
fn accepting_a_truce_agrees_to_it_but_being_pressed_to_does_not() {
    let evs = run("ISLAMABAD, March 13 (Reuters) - Fresh clashes broke out on the border on Monday, and that evening the two governments of Pakistan and Afghanistan accepted a 48-hour truce.");
    let truce = find(&evs, |e| e.kind == "agreement");
    assert_eq!(ids(truce), ["afghanistan", "pakistan"]);
    let evs = run("KYIV, March 13 (Reuters) - The attacks come as Washington presses Russia and Ukraine to accept a ceasefire.");
    assert!(evs.iter().all(|e| e.kind != "agreement"), "{evs:?}");
}

#[test]
fn the_neighbours_described_are_the_last_two_countries_named() {
    let evs = run("YEREVAN, March 13 (Reuters) - Armenia said on Tuesday that Azerbaijani forces had shelled the border village of Sotk with artillery. The arch-rivals fought a six-week war in 2020, in which both sides shelled each other's positions in Nagorno-Karabakh, before agreeing to a ceasefire brokered by Moscow.");
    let ceasefire = find(&evs, |e| e.kind == "agreement");
    assert_eq!(ids(ceasefire), ["armenia", "azerbaijan"]);
    // The exchange of fire summed up is no strike of its own.
    let strikes: Vec<_> = evs.iter().filter(|e| e.kind == "attack").collect();
    assert_eq!(strikes.len(), 1, "{strikes:?}");
}

#[test]
fn similar_deals_signed_elsewhere_are_a_class_not_a_deal() {
    let evs = run("ABU DHABI, March 13 (Reuters) - The UAE and Kenya signed a trade pact on Tuesday. The UAE has signed similar agreements with India, Indonesia and Turkey since 2022.");
    let deals: Vec<_> = evs.iter().filter(|e| e.kind == "agreement").collect();
    assert_eq!(deals.len(), 1, "{deals:?}");
    assert!(ids(deals[0]).contains(&"kenya"), "{deals:?}");
}

#[test]
fn a_strike_at_the_weekend_is_dated_by_the_weekend_not_the_claim() {
    // 2024-03-13 is a Wednesday: the weekend before began on Saturday the 9th.
    let evs = run("SANAA, March 13 (Reuters) - The Houthis on Tuesday claimed responsibility for the drone that struck a tanker in the Red Sea at the weekend.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(strike.date().unwrap().to_string(), "2024-03-09");
}

#[test]
fn fire_kept_up_is_no_one_strike() {
    let evs = run("BEIRUT, March 13 (Reuters) - Hezbollah will keep firing rockets at the Israeli town of Kiryat Shmona, a spokesman said.");
    assert!(
        evs.iter()
            .all(|e| e.kind != "attack" && e.kind != "missile_launch"),
        "{evs:?}"
    );
}

#[test]
fn he_after_a_since_clause_is_the_sentence_subject_not_the_clauses() {
    let evs = run("DOHA, March 13 (Reuters) - Not since Sheikh Tamim became emir in 2013 had Indian Prime Minister Narendra Modi been to Qatar. He arrived there on Tuesday for talks on energy.");
    let arrival = find(&evs, |e| {
        e.kind == "arrival" && e.date().is_some_and(|d| d.to_string() == "2024-03-12")
    });
    assert_eq!(ids(arrival), ["narendra-modi"]);
}

#[test]
fn consultations_and_a_leaders_retreat_are_talks() {
    let evs = run("JAKARTA, March 13 (Reuters) - Foreign Minister Sugiono said his Japanese counterpart, Yoko Kamikawa, was expected in Jakarta in June for consultations with him.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(ids(talks), ["sugiono", "yoko-kamikawa"]);
    assert_eq!(talks.status, Status::Expected);
    let evs = run("SINGAPORE, March 13 (Reuters) - Malaysian Prime Minister Anwar Ibrahim and Singapore Prime Minister Lawrence Wong held the two countries' annual leaders' retreat on Monday.");
    let retreat = find(&evs, |e| e.kind == "meeting");
    assert_eq!(ids(retreat), ["anwar-ibrahim", "lawrence-wong"]);
    // A withdrawal is no meeting.
    let evs = run("KYIV, March 13 (Reuters) - Russian forces began a retreat from the village of Robotyne on Monday, Ukraine's military said.");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
}

#[test]
fn targets_named_by_a_demonym_are_in_that_state() {
    let evs = run("WASHINGTON, March 13 (Reuters) - The United States struck three Iranian nuclear sites on Tuesday, the Pentagon said.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(strike.place.as_ref().map(|p| p.name.as_str()), Some("Iran"));
    // One of them named is the place.
    let evs = run("ISLAMABAD, March 13 (Reuters) - India fired missiles at three Pakistani air bases, including Nur Khan air base in Rawalpindi, on Tuesday, the Pakistani military said.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_ne!(
        strike.place.as_ref().map(|p| p.name.as_str()),
        Some("Pakistan")
    );
}

#[test]
fn hours_spent_with_someone_are_a_meeting_money_spent_is_not() {
    let evs = run("MOSCOW, March 13 (Reuters) - U.S. envoy Steve Witkoff spent three hours with Russian President Vladimir Putin in the Kremlin on Tuesday.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(ids(talks), ["steve-witkoff", "vladimir-putin"]);
    let evs = run("WARSAW, March 13 (Reuters) - Poland spent $5 billion with South Korea on tanks and howitzers last year, Polish President Andrzej Duda said.");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
}

#[test]
fn one_holding_consultations_takes_part_but_a_summit_held_as_a_habit_is_none() {
    let evs = run("BERLIN, March 13 (AP) - Chinese Premier Li Qiang visited Berlin in June 2023 on his first trip abroad as premier, holding government consultations with then-Chancellor Olaf Scholz.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(ids(talks), ["li-qiang", "olaf-scholz"]);
    let evs = run("SEOUL, March 13 (Yonhap) - South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida met in Seoul on Monday, pledging to hold their bilateral summit on a regular basis.");
    let meetings: Vec<_> = evs.iter().filter(|e| e.kind == "meeting").collect();
    assert_eq!(meetings.len(), 1, "{meetings:?}");
    assert_eq!(meetings[0].status, Status::Occurred);
}

#[test]
fn a_given_name_that_is_a_preposition_opens_a_sentence_once_the_article_titles_it() {
    let evs = run("HANOI, March 13 (AFP) - Thai Prime Minister Srettha Thavisin held talks with General Secretary To Lam in Hanoi on Tuesday. To Lam visited Bangkok in January.");
    let visit = find(&evs, |e| {
        e.kind == "arrival" && e.place.as_ref().is_some_and(|p| p.name == "Bangkok")
    });
    assert_eq!(ids(visit), ["to-lam"]);
    // Untitled anywhere, "To" opening a sentence stays the preposition.
    let evs = run("HANOI, March 13 (AFP) - Thai Prime Minister Srettha Thavisin held talks in Hanoi on Tuesday. To Lam visited Bangkok in January.");
    assert!(
        evs.iter()
            .all(|e| e.actors.iter().all(|a| a.id != "to-lam")),
        "{evs:?}"
    );
}

#[test]
fn the_last_visitor_before_is_named_by_no_one_since_and_by_the_last_to_visit() {
    let evs = run("NAIROBI, March 13 (Reuters) - Chinese Premier Li Qiang arrived in Nairobi on Tuesday. No Chinese premier has travelled to Kenya since Wen Jiabao in 2009.");
    let before = find(&evs, |e| e.actors.iter().any(|a| a.id == "wen-jiabao"));
    assert_eq!(
        (before.kind.as_str(), before.status),
        ("arrival", Status::Occurred)
    );
    assert_eq!(
        before.place.as_ref().map(|p| p.name.as_str()),
        Some("Kenya")
    );
    assert_eq!(before.date().map(|d| d.to_string()), Some("2009".into()));
    let evs = run("ASTANA, March 13 (AFP) - Italian Prime Minister Giorgia Meloni arrived in Astana on Tuesday. Matteo Renzi was the last Italian prime minister to visit Kazakhstan, in July 2015.");
    let before = find(&evs, |e| e.actors.iter().any(|a| a.id == "matteo-renzi"));
    assert_eq!(before.kind, "arrival");
    assert_eq!(
        before.place.as_ref().map(|p| p.name.as_str()),
        Some("Kazakhstan")
    );
    assert_eq!(before.date().map(|d| d.to_string()), Some("2015-07".into()));
}

#[test]
fn a_trip_that_took_its_traveller_to_places_is_an_arrival_at_each() {
    let evs = run("MUSCAT, March 13 (AA) - Indian Prime Minister Narendra Modi arrived in Muscat on Tuesday. Modi's last tour of the region, in August 2023, took him to Greece, Egypt and the United Arab Emirates.");
    for stop in ["Greece", "Egypt", "United Arab Emirates"] {
        let visit = find(&evs, |e| {
            e.kind == "arrival" && e.place.as_ref().is_some_and(|p| p.name == stop)
        });
        assert_eq!(ids(visit), ["narendra-modi"]);
        assert_eq!(visit.date().map(|d| d.to_string()), Some("2023-08".into()));
    }
    let evs = run("SEOUL, March 13 (Yonhap) - Kim's first trip abroad by train took him to Hanoi in February 2019, North Korean leader Kim Jong Un's aides recalled.");
    let visit = find(&evs, |e| e.kind == "arrival");
    assert_eq!(visit.place.as_ref().map(|p| p.name.as_str()), Some("Hanoi"));
    assert_eq!(visit.mode.as_deref(), Some("train"));
}

#[test]
fn flying_back_is_leaving_where_the_traveller_is() {
    let evs = run("TOKYO, March 13 (Kyodo) - Philippine President Ferdinand Marcos Jr. arrived in Tokyo on Tuesday for talks with Prime Minister Fumio Kishida. Marcos is scheduled to fly back to Manila on Thursday.");
    let leaving = find(&evs, |e| e.kind == "departure");
    assert_eq!(ids(leaving), ["ferdinand-marcos-jr"]);
    assert_eq!(leaving.status, Status::Expected);
    assert_eq!(
        leaving.destination.as_ref().map(|p| p.name.as_str()),
        Some("Manila")
    );
    assert_eq!(leaving.mode.as_deref(), Some("plane"));
    assert_eq!(
        leaving.date().map(|d| d.to_string()),
        Some("2024-03-14".into())
    );
    assert_eq!(
        leaving.place.as_ref().map(|p| p.name.as_str()),
        Some("Tokyo")
    );
}

#[test]
fn an_announced_presence_and_a_flight_on_from_there_are_expected_arrivals() {
    let evs = run("KYIV, March 13 (Reuters) - Ukrainian President Volodymyr Zelensky said he will be in Warsaw on Friday.");
    let visit = find(&evs, |e| e.kind == "arrival");
    assert_eq!(visit.status, Status::Expected);
    assert_eq!(
        visit.place.as_ref().map(|p| p.name.as_str()),
        Some("Warsaw")
    );
    assert_eq!(
        visit.date().map(|d| d.to_string()),
        Some("2024-03-15".into())
    );
    let evs = run("RIYADH, March 13 (Reuters) - Pakistani Prime Minister Shehbaz Sharif flew in from Doha. He is due to leave Riyadh for London on Thursday and will fly on from there to New York later this month.");
    let onward = find(&evs, |e| {
        e.kind == "arrival" && e.place.as_ref().is_some_and(|p| p.name == "New York")
    });
    // The flight in from Doha, told first and done, is not this plan.
    assert_eq!(onward.status, Status::Expected);
    assert_eq!(onward.date().map(|d| d.to_string()), Some("2024-03".into()));
}

#[test]
fn the_capital_is_the_dateline_city_when_that_is_its_countrys_capital() {
    let mut a = article(None, "NAIROBI, Kenya (AP) - Kenyan President William Ruto held talks with Indian Prime Minister Narendra Modi on Tuesday. Modi had flown into the capital from Mombasa late Monday.", Some("2024-03-13T10:00:00+03:00"));
    a.dateline = Some("NAIROBI, Kenya".into());
    let evs = extract(&a, Lexicon::builtin());
    let landing = find(&evs, |e| e.kind == "arrival");
    assert_eq!(
        landing.place.as_ref().map(|p| p.name.as_str()),
        Some("Nairobi")
    );
    assert_eq!(
        landing.date().map(|d| d.to_string()),
        Some("2024-03-11".into())
    );
    // Filed from a city that is no capital, "the capital" names no place it knows.
    let mut a = article(None, "MOMBASA, Kenya (AP) - Kenyan President William Ruto held talks with Indian Prime Minister Narendra Modi on Tuesday. Modi had flown into the capital from Delhi late Monday.", Some("2024-03-13T10:00:00+03:00"));
    a.dateline = Some("MOMBASA, Kenya".into());
    let evs = extract(&a, Lexicon::builtin());
    assert!(
        evs.iter().all(|e| e
            .place
            .as_ref()
            .is_none_or(|p| p.name != "Mombasa" || e.kind != "arrival")),
        "{evs:?}"
    );
}

#[test]
fn an_occasion_named_by_its_members_is_no_place_and_each_summit_is_a_meeting() {
    let evs = run("BERLIN, March 13 (dpa) - German Chancellor Olaf Scholz and Japanese Prime Minister Fumio Kishida will meet again at the Group of Seven summit in Apulia from June 13 to 15 and at the NATO summit in Washington on July 9-11, where allies will discuss Ukraine.");
    let meetings: Vec<_> = evs.iter().filter(|e| e.kind == "meeting").collect();
    let places: Vec<_> = meetings
        .iter()
        .filter_map(|e| e.place.as_ref().map(|p| p.name.as_str()))
        .collect();
    assert_eq!(places, ["Apulia", "Washington"], "{meetings:?}");
    assert!(
        meetings.iter().all(|e| e.status == Status::Expected),
        "{meetings:?}"
    );
    assert_eq!(
        meetings[1].date().map(|d| d.to_string()),
        Some("2024-07-09".into())
    );
    let evs = run("TOKYO, March 13 (Kyodo) - Japanese Prime Minister Fumio Kishida will meet Chinese Premier Li Qiang at the G20 summit in Osaka on Friday.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(talks.place.as_ref().map(|p| p.name.as_str()), Some("Osaka"));
}

#[test]
fn a_lowercase_particle_inside_a_known_place_name_is_part_of_it() {
    let evs = run("RIO DE JANEIRO, March 13 (Reuters) - Indian Prime Minister Narendra Modi arrived in Rio de Janeiro on Saturday, and Tanzanian President Samia Suluhu Hassan flew into Dar es Salaam on Sunday.");
    let places: Vec<_> = evs
        .iter()
        .filter(|e| e.kind == "arrival")
        .filter_map(|e| e.place.as_ref().map(|p| p.name.as_str()))
        .collect();
    assert_eq!(places, ["Rio de Janeiro", "Dar es Salaam"], "{evs:?}");
}

#[test]
fn a_strike_told_with_a_relative_clause_is_the_subject_of_its_verb_and_blamed_on_its_attacker() {
    let evs = run("BEIRUT, March 13 (AFP) - An air strike that Lebanon and Hezbollah blamed on Israel destroyed a warehouse in Tyre on Tuesday, killing three people.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(strike), ["israel"], "{strike:?}");
    assert_eq!(strike.status, Status::Occurred);
    assert_eq!(
        strike.date().map(|d| d.to_string()),
        Some("2024-03-12".into())
    );
    assert_eq!(strike.attribution, ["Lebanon", "Hezbollah"], "{strike:?}");
    let evs = run(
        "BEIRUT, March 13 (AFP) - An attack that could kill hundreds in Tyre worries the mayor.",
    );
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
}

#[test]
fn a_plural_strike_noun_after_a_fronted_day_is_past_with_its_verb() {
    let evs = run("DAMASCUS, March 13 (AFP) - On Friday, strikes near the central city of Homs killed 12 soldiers, the Observatory said. Syria's army blamed them on Israel.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(strike.status, Status::Occurred, "{strike:?}");
    assert_eq!(
        strike.date().map(|d| d.to_string()),
        Some("2024-03-08".into())
    );
    assert_eq!(ids(strike), ["israel"], "{strike:?}");
    assert!(
        strike.attribution.iter().any(|a| a == "Syria's army"),
        "{strike:?}"
    );
}

#[test]
fn a_blame_for_both_names_the_attacker_of_each_strike_told_before_it() {
    let evs = run("BEIRUT, March 13 (Reuters) - A senior commander was killed on Jan. 4 when missiles hit his car in Nabatieh. In February, a strike levelled a house in Bint Jbeil. Lebanon blamed Israel for both.");
    let strikes: Vec<_> = evs.iter().filter(|e| e.kind == "attack").collect();
    assert_eq!(strikes.len(), 2, "{evs:?}");
    assert!(strikes.iter().all(|e| ids(e) == ["israel"]), "{strikes:?}");
    assert!(
        strikes.iter().all(|e| e.attribution == ["Lebanon"]),
        "{strikes:?}"
    );
}

#[test]
fn a_state_disclaiming_any_part_in_the_strike_is_a_denied_attacker_of_that_strike() {
    let evs = run("BAGHDAD, March 13 (Reuters) - A drone strike that Iraq blamed on Turkey destroyed a police station in Sinjar on Tuesday, killing four officers. A Turkish official, speaking on condition of anonymity, said Iran had played no part in the strike and had not been told about it beforehand.");
    let strike = find(&evs, |e| e.kind == "attack" && e.status == Status::Occurred);
    assert_eq!(ids(strike), ["turkey"], "{evs:?}");
    let denial = find(&evs, |e| e.kind == "attack" && e.status == Status::Denied);
    assert_eq!(ids(denial), ["iran"], "{evs:?}");
    assert_eq!(denial.place, strike.place, "{denial:?}");
    assert_eq!(
        denial.date().map(|d| d.to_string()),
        Some("2024-03-12".into())
    );
    assert_eq!(denial.attribution, ["Turkish official"], "{denial:?}");
}

#[test]
fn a_minister_summoning_a_foreign_envoy_meets_the_envoys_country() {
    let evs = run("ANKARA, March 13 (Reuters) - Foreign Minister Hakan Fidan summoned Sweden's charge d'affaires in Ankara on Tuesday to protest against the burning of a Koran, the ministry said.");
    let summons = find(&evs, |e| e.kind == "meeting");
    assert_eq!(ids(summons), ["hakan-fidan", "sweden"], "{summons:?}");
    assert_eq!(
        summons.place.as_ref().map(|p| p.name.as_str()),
        Some("Ankara")
    );
    assert_eq!(
        summons.date().map(|d| d.to_string()),
        Some("2024-03-12".into())
    );
    let evs = run("SEOUL, March 13 (Yonhap) - South Korean prosecutors summoned opposition leader Lee Jae-myung for questioning on Tuesday.");
    assert!(evs.iter().all(|e| e.kind != "meeting"), "{evs:?}");
}

#[test]
fn a_modal_before_the_verb_that_puts_a_satellite_into_orbit_scopes_over_the_launch() {
    let evs = run("SEOUL, March 13 (Yonhap) - North Korea could also attempt to put its first military reconnaissance satellite into orbit in the coming weeks, a ministry official said.");
    let launch = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(launch.status, Status::Speculated, "{launch:?}");
}

#[test]
fn a_passive_launch_on_a_day_and_from_a_site_of_its_own_is_another_launch_by_the_storys_launcher() {
    let evs = run("SEOUL, March 13 (Yonhap) - North Korea fired a short-range ballistic missile into the sea on Tuesday, the military said. A month earlier, on Feb. 9, a Hwasong-15 ICBM had been launched from Pyongyang International Airport.");
    let launches: Vec<_> = evs.iter().filter(|e| e.kind == "missile_launch").collect();
    assert_eq!(launches.len(), 2, "{launches:?}");
    let earlier = find(&evs, |e| {
        e.kind == "missile_launch" && e.date().map(|d| d.to_string()) == Some("2024-02-09".into())
    });
    assert_eq!(ids(earlier), ["north-korea"], "{earlier:?}");
}

#[test]
fn a_report_a_day_after_the_launch_dates_the_launch_the_day_before() {
    // Published Wednesday 13 March: "said Tuesday ..., a day after the launch" is Monday's launch.
    let evs = run("SEOUL, March 13 (Yonhap) - North Korea said Tuesday it had test-fired a new solid-fuel intercontinental ballistic missile, a day after the launch drew condemnation from Tokyo.");
    let launch = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(
        launch.date().map(|d| d.to_string()),
        Some("2024-03-11".into()),
        "{launch:?}"
    );
}

#[test]
fn a_source_short_name_and_a_flight_angle_name_no_attacker_and_no_target() {
    let evs = run("SEOUL, March 13 (Yonhap) - North Korea fired a ballistic missile into the sea on Tuesday. According to South Korea's Joint Chiefs of Staff (JCS), the missile was fired at a lofted angle from near Pyongyang.");
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
    assert!(
        evs.iter()
            .all(|e| e.actors.iter().all(|a| a.id != "south-korea")),
        "{evs:?}"
    );
    let evs = run("SEOUL, March 13 (Yonhap) - North Korea fired a ballistic missile at a lofted angle on Tuesday, the military said.");
    let launch = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(ids(launch), ["north-korea"]);
    assert!(evs.iter().all(|e| e.kind != "attack"), "{evs:?}");
}

#[test]
fn they_after_a_counted_group_are_that_group_not_the_last_two_people_named() {
    let evs = run("DAMASCUS, March 13 (AFP) - President Bashar al-Assad received Iranian Foreign Minister Hossein Amirabdollahian on Monday. In January, four Guards officers died when a strike levelled a building where they had gathered for a meeting.");
    let meetings: Vec<_> = evs.iter().filter(|e| e.kind == "meeting").collect();
    assert_eq!(meetings.len(), 1, "{meetings:?}");
    let evs = run("HANOI, March 13 (Reuters) - French President Emmanuel Macron met Vietnamese President Luong Cuong at the Presidential Palace, where the two held talks before they signed 14 agreements on Tuesday.");
    let deal = find(&evs, |e| e.kind == "agreement");
    assert!(ids(deal).len() >= 2, "{deal:?}");
}

#[test]
fn she_after_a_sentence_naming_someone_only_as_an_object_is_the_one_named_last() {
    let evs = run("CANBERRA, March 13 (AAP) - Prime Minister Anthony Albanese will travel to Beijing next month. Another obstacle was removed in January with the release of Yang Hengjun, an Australian writer who had been detained for five years. He flew into Sydney on Friday.");
    let arrival = find(&evs, |e| {
        e.kind == "arrival" && e.place.as_ref().is_some_and(|p| p.name == "Sydney")
    });
    assert_eq!(ids(arrival), ["yang-hengjun"], "{arrival:?}");
}

#[test]
fn a_present_tense_meeting_after_before_is_still_to_come() {
    let evs = run("SEOUL, March 13 (Yonhap) - Analysts said the North wants to show its strength before South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida sit down for talks in Tokyo.");
    let talks = find(&evs, |e| e.kind == "meeting");
    assert_eq!(talks.status, Status::Expected, "{talks:?}");
}

#[test]
fn a_state_held_responsible_that_denies_any_role_is_the_denied_attacker() {
    let evs = run("BAGHDAD, March 13 (Reuters) - Ties soured in June 2021, when drones struck an oil refinery at Baiji. Baghdad and Washington held Iran responsible for the attack. Tehran denied any role in it.");
    let strike = find(&evs, |e| e.kind == "attack");
    assert_eq!(ids(strike), ["iran"], "{strike:?}");
    assert_eq!(strike.status, Status::Denied, "{strike:?}");
    assert_eq!(strike.attribution, ["Baghdad", "Washington"], "{strike:?}");
}

#[test]
fn a_launching_station_is_a_named_launch_site() {
    let evs = run("SEOUL, March 13 (Yonhap) - North Korea launched a rocket carrying a reconnaissance satellite from the Sohae Satellite Launching Station on Tuesday, the military said.");
    let launch = find(&evs, |e| e.kind == "missile_launch");
    assert_eq!(
        launch.place.as_ref().map(|p| p.name.as_str()),
        Some("Sohae Satellite Launching Station"),
        "{launch:?}"
    );
}
