use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    server::init_tracing();
    let cli = server::cli::Cli::parse();
    match server::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            eprintln!("spilno: {error}");
            ExitCode::FAILURE
        }
    }
}
