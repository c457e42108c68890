use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    spilno::init_tracing();
    let cli = spilno::cli::Cli::parse();
    match spilno::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            eprintln!("spilno: {error}");
            ExitCode::FAILURE
        }
    }
}
