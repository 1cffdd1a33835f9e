//! `dateline watch`: follow story updates live in the terminal.

use std::io::Write;

use async_nats::jetstream::consumer::{self, DeliverPolicy};
use dateline_shared::nats::NatsArgs;
use dateline_shared::StoryUpdate;
use futures::StreamExt;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only this story.
    #[arg(long)]
    story: Option<String>,
    /// Replay every update from the start of the stream before following new ones.
    #[arg(long)]
    from_start: bool,
    /// Print updates as JSON lines instead of text.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    nats: NatsArgs,
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    let names = args.nats.names()?;
    let client = args.nats.connect("dateline-watch").await?;
    let js = async_nats::jetstream::new(client);
    let filter = match &args.story {
        Some(id) => names.story_subject(id),
        None => names.all("stories"),
    };
    let deliver = if args.from_start {
        DeliverPolicy::All
    } else {
        DeliverPolicy::New
    };
    follow(
        &js,
        &names.stories_stream(),
        filter,
        deliver,
        args.json,
        |_| true,
    )
    .await
}

/// Prints story updates from an ordered (ephemeral, flow-controlled) consumer until the stream ends or
/// `keep_going` says stop.
pub async fn follow(
    js: &async_nats::jetstream::Context,
    stream: &str,
    filter: String,
    deliver_policy: DeliverPolicy,
    json: bool,
    mut keep_going: impl FnMut(&StoryUpdate) -> bool,
) -> anyhow::Result<()> {
    let stream = js.get_stream(stream).await?;
    let consumer = stream
        .create_consumer(consumer::pull::OrderedConfig {
            filter_subject: filter,
            deliver_policy,
            ..Default::default()
        })
        .await?;
    let mut messages = consumer.messages().await?;
    while let Some(message) = messages.next().await {
        let message = message?;
        match serde_json::from_slice::<StoryUpdate>(&message.payload) {
            Ok(update) => {
                // Written, not printed, so that `dateline watch | head` ends the watch cleanly.
                let mut out = std::io::stdout().lock();
                if json {
                    writeln!(out, "{}", serde_json::to_string(&update)?)?;
                } else {
                    write!(out, "{}", crate::display::render_update(&update))?;
                }
                out.flush()?;
                if !keep_going(&update) {
                    break;
                }
            }
            Err(error) => eprintln!("unreadable story update on {}: {error}", message.subject),
        }
    }
    Ok(())
}
