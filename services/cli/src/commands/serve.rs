//! `dateline serve`: the live desk alone, for a pipeline running elsewhere.

use std::net::SocketAddr;

use dateline_shared::nats::NatsArgs;
use dateline_shared::shutdown::Shutdown;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on. The API is read-only; bind beyond loopback deliberately.
    #[arg(long, default_value = "127.0.0.1:8080")]
    http: SocketAddr,
    #[command(flatten)]
    nats: NatsArgs,
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    let names = args.nats.names()?;
    let client = args.nats.connect("dateline-desk").await?;
    let js = async_nats::jetstream::new(client);
    dateline_shared::nats::declare_pipeline(&js, &names, args.nats.durability()).await?;
    eprintln!("live desk: http://{}/", args.http);
    dateline_aggregator::web::serve(js, names, args.http, Shutdown::on_signals()).await
}
