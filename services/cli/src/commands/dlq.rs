//! `dateline dlq`: list dead letters, and re-drive them to where they came from once the cause is fixed.

use std::time::Duration;

use anyhow::Context as _;
use async_nats::jetstream::consumer::{self, DeliverPolicy};
use async_nats::HeaderMap;
use dateline_shared::headers;
use dateline_shared::nats::NatsArgs;
use futures::StreamExt;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
    #[command(flatten)]
    nats: NatsArgs,
}

#[derive(clap::Subcommand, Debug)]
enum Action {
    /// Print every dead letter: stage, original subject, deliveries, reason.
    List,
    /// Publish dead letters again on their original subjects, then remove them from the DLQ.
    Redrive {
        /// Only dead letters of this stage (`extractor`, `aggregator`).
        #[arg(long)]
        stage: Option<String>,
    },
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    let names = args.nats.names()?;
    let client = args.nats.connect("dateline-dlq").await?;
    let js = async_nats::jetstream::new(client.clone());
    dateline_shared::nats::declare_pipeline(&js, &names, args.nats.durability()).await?;
    let mut stream = js.get_stream(names.dlq_stream()).await?;
    let total = stream.info().await?.state.messages;
    if total == 0 {
        println!("no dead letters");
        return Ok(());
    }
    let consumer = stream
        .create_consumer(consumer::pull::OrderedConfig {
            deliver_policy: DeliverPolicy::All,
            ..Default::default()
        })
        .await?;
    let mut messages = consumer.messages().await?;
    let mut seen = 0;
    let mut redriven = 0;
    while seen < total {
        let Ok(Some(message)) = tokio::time::timeout(Duration::from_secs(5), messages.next()).await
        else {
            break;
        };
        let message = message?;
        seen += 1;
        let header = |name: &str| {
            message
                .headers
                .as_ref()
                .and_then(|h| h.get(name))
                .map(|v| v.as_str().to_owned())
                .unwrap_or_default()
        };
        let stage = header(headers::DLQ_STAGE);
        let subject = header(headers::DLQ_SUBJECT);
        let sequence = message.info().map(|i| i.stream_sequence).unwrap_or(0);
        match &args.action {
            Action::List => println!(
                "#{sequence} stage={stage} subject={subject} deliveries={} reason={}",
                header(headers::DLQ_DELIVERIES),
                header(headers::DLQ_REASON)
            ),
            Action::Redrive { stage: only } => {
                if only.as_ref().is_some_and(|s| *s != stage) || subject.is_empty() {
                    continue;
                }
                let mut original = HeaderMap::new();
                if let Some(h) = &message.headers {
                    for (name, values) in h.iter() {
                        let name: &str = name.as_ref();
                        if name.starts_with("Dateline-Dlq-") || name == "Nats-Msg-Id" {
                            continue;
                        }
                        for value in values {
                            original.append(name, value.as_str());
                        }
                    }
                }
                js.publish_with_headers(subject.clone(), original, message.payload.clone())
                    .await?
                    .await
                    .with_context(|| format!("re-driving #{sequence} to {subject}"))?;
                stream
                    .delete_message(sequence)
                    .await
                    .with_context(|| format!("removing #{sequence} from the DLQ"))?;
                redriven += 1;
            }
        }
    }
    if let Action::Redrive { .. } = args.action {
        println!("re-drove {redriven} dead letters");
    }
    Ok(())
}
