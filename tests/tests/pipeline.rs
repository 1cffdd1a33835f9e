//! The pipeline end to end against a real nats-server: the five seed articles go in through ingest, the real
//! extractor and aggregator stages run, and the story state is read back from the KV bucket.

use std::time::Duration;

use dateline_ingest::formats::Limits;
use dateline_ingest::publish::Publisher;
use dateline_shared::{Story, StoryEvent};
use dateline_tests::pipeline::{report_count, RunningPipeline};
use dateline_tests::{seeds_dir, wait_for, NatsServer};

async fn feed_seeds(publisher: &Publisher) -> anyhow::Result<(usize, usize)> {
    let mut files: Vec<_> =
        std::fs::read_dir(seeds_dir().join("json"))?.collect::<Result<_, _>>()?;
    files.sort_by_key(|f| f.file_name());
    let (mut accepted, mut duplicates) = (0, 0);
    for file in files {
        let bytes = std::fs::read(file.path())?;
        let report = publisher
            .ingest_document(
                &file.path().display().to_string(),
                &bytes,
                &Limits::default(),
            )
            .await;
        assert!(
            report.rejected.is_empty(),
            "seed rejected: {:?}",
            report.rejected
        );
        accepted += report.accepted;
        duplicates += report.duplicates;
    }
    Ok((accepted, duplicates))
}

fn seed_articles() -> anyhow::Result<Vec<dateline_shared::Article>> {
    let mut articles = Vec::new();
    for file in std::fs::read_dir(seeds_dir().join("json"))? {
        let path = file?.path();
        let parsed = dateline_ingest::formats::parse_document(
            &path.display().to_string(),
            &std::fs::read(&path)?,
            &Limits::default(),
        );
        articles.extend(parsed.articles);
    }
    Ok(articles)
}

fn has_actor(event: &StoryEvent, id: &str) -> bool {
    event.actors.iter().any(|a| a.id == id)
}

fn date(event: &StoryEvent) -> Option<String> {
    event
        .time
        .as_ref()
        .and_then(|t| t.date)
        .map(|d| d.to_string())
}

fn place(event: &StoryEvent) -> Option<&str> {
    event.place.as_ref().map(|p| p.name.as_str())
}

/// The story events a careful reader expects from the seeds, each found exactly once.
fn seed_story_complete(stories: &[Story]) -> bool {
    let all: Vec<&StoryEvent> = stories.iter().flat_map(|s| s.events.iter()).collect();
    let count = |pred: &dyn Fn(&StoryEvent) -> bool| all.iter().filter(|e| pred(e)).count();
    let kim_at_khasan = count(&|e| {
        e.kind == "arrival"
            && has_actor(e, "kim-jong-un")
            && place(e) == Some("Khasan")
            && date(e).as_deref() == Some("2023-09-12")
    });
    let putin_in_vladivostok = count(&|e| {
        e.kind == "arrival"
            && has_actor(e, "vladimir-putin")
            && place(e) == Some("Vladivostok")
            && date(e).as_deref() == Some("2023-09-11")
    });
    let summit = count(&|e| {
        e.kind == "meeting"
            && has_actor(e, "kim-jong-un")
            && has_actor(e, "vladimir-putin")
            && date(e).as_deref() != Some("2019")
    });
    let missiles = count(&|e| {
        e.kind == "missile_launch" && e.count == Some(2) && date(e).as_deref() == Some("2023-09-13")
    });
    kim_at_khasan == 1 && putin_in_vladivostok == 1 && summit == 1 && missiles == 1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_articles_become_one_story_with_each_happening_once() -> anyhow::Result<()> {
    let server = NatsServer::start()?;
    let pipeline = RunningPipeline::start(&server).await?;
    let publisher = pipeline.publisher();

    let (accepted, duplicates) = feed_seeds(&publisher).await?;
    assert_eq!((accepted, duplicates), (5, 0));

    // Done when every event extraction finds in the seeds is held as a report (extraction is deterministic).
    let expected_reports: usize = seed_articles()?
        .iter()
        .map(|a| dateline_extractor::extract(a, dateline_extractor::Lexicon::builtin()).len())
        .sum();
    let waited = wait_for(Duration::from_secs(30), || async {
        let stories = pipeline.stories().await;
        (report_count(&stories) == expected_reports && seed_story_complete(&stories))
            .then_some(stories)
    })
    .await;
    let stories = match waited {
        Ok(stories) => stories,
        Err(error) => anyhow::bail!(
            "{error}; story events: {:#?}",
            summarise(&pipeline.stories().await)
        ),
    };

    // One story holds the summit and the trip around it.
    let summit_story = stories
        .iter()
        .find(|s| {
            s.events
                .iter()
                .any(|e| e.kind == "meeting" && has_actor(e, "vladimir-putin"))
        })
        .expect("a story with the summit");
    for kind in ["arrival", "missile_launch"] {
        assert!(
            summit_story.events.iter().any(|e| e.kind == kind),
            "{kind} not in the summit story"
        );
    }
    // The held summit's status comes from the last article, which reports it as happening.
    let summit = summit_story
        .events
        .iter()
        .find(|e| {
            e.kind == "meeting"
                && has_actor(e, "vladimir-putin")
                && has_actor(e, "kim-jong-un")
                && date(e).as_deref() != Some("2019")
        })
        .expect("the summit event");
    // Expected in the early articles, held in the last: the held report decides.
    assert_eq!(summit.status, dateline_shared::Status::Occurred);
    assert_eq!(place(summit), Some("Vostochny Cosmodrome"));
    assert!(
        summit.sources.count() >= 4,
        "summit merged from only {} reports: {:#?}",
        summit.sources.count(),
        summarise(&stories)
    );

    // Feeding the same articles again is dropped by JetStream's duplicate window and changes nothing.
    let revisions: Vec<u64> = stories.iter().map(|s| s.revision).collect();
    let (accepted, duplicates) = feed_seeds(&publisher).await?;
    assert_eq!((accepted, duplicates), (0, 5));

    // Bad input is rejected with a reason that names it, and the pipeline carries on.
    let limits = Limits {
        max_article_bytes: 2_000,
        ..Limits::default()
    };
    let empty = publisher
        .ingest_document("empty.json", br#"{"id": "x1", "body": "   "}"#, &limits)
        .await;
    let not_utf8 = publisher
        .ingest_document("latin1.txt", b"SEOUL (Reuters) - caf\xe9 \xff\xfe", &limits)
        .await;
    let oversized_body = format!(r#"{{"id": "x3", "body": "{}"}}"#, "word ".repeat(1_000));
    let oversized = publisher
        .ingest_document("big.json", oversized_body.as_bytes(), &limits)
        .await;
    for (report, code, name) in [
        (&empty, "empty", "empty.json"),
        (&not_utf8, "not_utf8", "latin1.txt"),
        (&oversized, "too_large", "big.json"),
    ] {
        assert_eq!(report.accepted, 0);
        assert_eq!(report.rejected.len(), 1, "{name}");
        assert_eq!(report.rejected[0].reason.code(), code, "{name}");
        assert!(
            report.rejected[0].to_string().contains(name),
            "{}",
            report.rejected[0]
        );
    }

    // A fresh article still flows after the rejects; the seed stories are untouched by the re-feed.
    let later = br#"{"id": "dl-later-1", "outlet": "Test Wire", "published_at": "2023-09-14",
        "body": "Japanese Prime Minister Fumio Kishida arrived in Jakarta on Wednesday for talks with Indonesian President Joko Widodo."}"#;
    let report = publisher
        .ingest_document("later.json", later, &Limits::default())
        .await;
    assert_eq!(report.accepted, 1);
    wait_for(Duration::from_secs(30), || async {
        let stories = pipeline.stories().await;
        stories
            .iter()
            .any(|s| s.events.iter().any(|e| has_actor(e, "fumio-kishida")))
            .then_some(())
    })
    .await?;
    let after: Vec<u64> = pipeline
        .stories()
        .await
        .iter()
        .filter(|s| stories.iter().any(|old| old.id == s.id))
        .map(|s| s.revision)
        .collect();
    assert_eq!(
        after, revisions,
        "re-feeding the seeds changed their stories"
    );

    pipeline.stop().await
}

fn summarise(stories: &[Story]) -> Vec<String> {
    stories
        .iter()
        .flat_map(|s| {
            s.events.iter().map(move |e| {
                let actors: Vec<&str> = e.actors.iter().map(|a| a.id.as_str()).collect();
                format!(
                    "{} | {} {:?} {:?} {:?} {:?} count={:?} reports={}",
                    s.id,
                    e.kind,
                    e.status,
                    actors,
                    place(e),
                    date(e),
                    e.count,
                    e.sources.count()
                )
            })
        })
        .collect()
}
