//! The live desk: a read-only HTTP API over the story state, a server-sent-events stream of story changes, and
//! one plain HTML page that shows both. Binds loopback by default.
//!
//! - `GET /` — the page
//! - `GET /stories` — every story, newest change first (id, title, revision, updated_at, events)
//! - `GET /stories/{id}` — one story, whole
//! - `GET /stories/{id}/history` — every field change of the story, oldest first
//! - `GET /stories/{id}/events/{event_id}/sources` — every report behind one event, oldest first (a story
//!   carries only its events' recent sources; the older ones are read from their sealed pages)
//! - `GET /live` — `text/event-stream`, one `update` event per story change, fed from JetStream

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;

use async_nats::jetstream::{self, consumer};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use dateline_shared::shutdown::Shutdown;
use dateline_shared::{Names, Source, Story};
use futures::{Stream, StreamExt, TryStreamExt};
use serde::Serialize;

const PAGE: &str = include_str!("../assets/desk.html");

#[derive(Clone)]
struct Desk {
    js: jetstream::Context,
    names: Names,
}

/// Serves the desk on `addr` until shutdown.
pub async fn serve(
    js: jetstream::Context,
    names: Names,
    addr: SocketAddr,
    mut shutdown: Shutdown,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(addr = %listener.local_addr()?, "live desk listening");
    axum::serve(listener, router(js, names))
        .with_graceful_shutdown(async move { shutdown.wait().await })
        .await?;
    Ok(())
}

pub fn router(js: jetstream::Context, names: Names) -> Router {
    Router::new()
        .route("/", get(|| async { Html(PAGE) }))
        .route("/stories", get(list_stories))
        .route("/stories/{id}", get(one_story))
        .route("/stories/{id}/history", get(story_history))
        .route(
            "/stories/{id}/events/{event_id}/sources",
            get(event_sources),
        )
        .route("/live", get(live))
        .with_state(Desk { js, names })
}

struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(serde_json::json!({ "error": self.1 }))).into_response()
    }
}

fn unavailable(e: impl std::fmt::Display) -> ApiError {
    ApiError(
        StatusCode::SERVICE_UNAVAILABLE,
        format!("story store unavailable: {e}"),
    )
}

#[derive(Serialize)]
struct StorySummary {
    id: String,
    title: String,
    revision: u64,
    updated_at: chrono::DateTime<chrono::Utc>,
    events: usize,
}

async fn all_stories(desk: &Desk) -> Result<Vec<Story>, ApiError> {
    let kv = desk
        .js
        .get_key_value(desk.names.stories_bucket())
        .await
        .map_err(unavailable)?;
    let keys: Vec<String> = kv
        .keys()
        .await
        .map_err(unavailable)?
        .try_collect()
        .await
        .map_err(unavailable)?;
    let mut stories = Vec::with_capacity(keys.len());
    for key in keys {
        if let Some(value) = kv.get(&key).await.map_err(unavailable)? {
            if let Ok(story) = serde_json::from_slice::<Story>(&value) {
                stories.push(story);
            }
        }
    }
    stories.sort_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(stories)
}

async fn list_stories(State(desk): State<Desk>) -> Result<Json<Vec<StorySummary>>, ApiError> {
    let stories = all_stories(&desk).await?;
    Ok(Json(
        stories
            .into_iter()
            .map(|s| StorySummary {
                events: s.events.len(),
                id: s.id,
                title: s.title,
                revision: s.revision,
                updated_at: s.updated_at,
            })
            .collect(),
    ))
}

async fn find_story(desk: &Desk, id: &str) -> Result<Story, ApiError> {
    let kv = desk
        .js
        .get_key_value(desk.names.stories_bucket())
        .await
        .map_err(unavailable)?;
    let not_found = || ApiError(StatusCode::NOT_FOUND, format!("no story {id}"));
    let value = kv
        .get(id)
        .await
        .map_err(|_| not_found())?
        .ok_or_else(not_found)?;
    serde_json::from_slice(&value).map_err(|e| {
        ApiError(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("story {id} unreadable: {e}"),
        )
    })
}

async fn one_story(
    State(desk): State<Desk>,
    Path(id): Path<String>,
) -> Result<Json<Story>, ApiError> {
    find_story(&desk, &id).await.map(Json)
}

async fn event_sources(
    State(desk): State<Desk>,
    Path((id, event_id)): Path<(String, String)>,
) -> Result<Json<Vec<Source>>, ApiError> {
    let mut story = find_story(&desk, &id).await?;
    story.events.retain(|e| e.id == event_id);
    if story.events.is_empty() {
        return Err(ApiError(
            StatusCode::NOT_FOUND,
            format!("story {id} has no event {event_id}"),
        ));
    }
    let reports = desk
        .js
        .get_key_value(desk.names.reports_bucket())
        .await
        .map_err(unavailable)?;
    dateline_shared::nats::resolve_sources(&reports, &mut story)
        .await
        .map_err(unavailable)?;
    Ok(Json(
        story
            .events
            .iter()
            .flat_map(|e| e.sources.iter().cloned())
            .collect(),
    ))
}

#[derive(Serialize)]
struct HistoryLine {
    revision: u64,
    event_id: String,
    field: String,
    from: Option<String>,
    to: Option<String>,
    article_id: String,
    outlet: Option<String>,
}

async fn story_history(
    State(desk): State<Desk>,
    Path(id): Path<String>,
) -> Result<Json<Vec<HistoryLine>>, ApiError> {
    let story = find_story(&desk, &id).await?;
    let mut lines: Vec<HistoryLine> = story
        .events
        .iter()
        .flat_map(|e| {
            e.history.iter().map(move |h| HistoryLine {
                revision: h.revision,
                event_id: e.id.clone(),
                field: h.field.clone(),
                from: h.from.clone(),
                to: h.to.clone(),
                article_id: h.article_id.clone(),
                outlet: h.outlet.clone(),
            })
        })
        .collect();
    lines.sort_by(|a, b| {
        a.revision
            .cmp(&b.revision)
            .then_with(|| a.event_id.cmp(&b.event_id))
    });
    Ok(Json(lines))
}

async fn live(
    State(desk): State<Desk>,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, ApiError> {
    let stream = desk
        .js
        .get_stream(desk.names.stories_stream())
        .await
        .map_err(unavailable)?;
    let consumer = stream
        .create_consumer(consumer::pull::OrderedConfig {
            filter_subject: desk.names.all("stories"),
            deliver_policy: consumer::DeliverPolicy::New,
            ..Default::default()
        })
        .await
        .map_err(unavailable)?;
    let messages = consumer.messages().await.map_err(unavailable)?;
    let events = messages.filter_map(|message| async move {
        let message = message.ok()?;
        let text = std::str::from_utf8(&message.payload).ok()?.to_owned();
        Some(Ok(SseEvent::default().event("update").data(text)))
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
