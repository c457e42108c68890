use clap::Parser;
use std::process::ExitCode;

// Rendering pages allocates and frees many small strings; mimalloc does that about twice as
// fast as the system allocator (see the README's performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
