//! The `kinerja` binary: parse the command line, dispatch, map the outcome to the exit code.

use clap::Parser;
use std::process::ExitCode;

#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Like other Unix tools, end quietly when the reader of our output goes away (`kinerja log | head`).
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = kinerja::cli::Cli::parse();
    kinerja::commands::run(cli)
}
