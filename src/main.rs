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
    // A build touches a hundred-odd MiB of fresh memory for a second or so; zeroing it as 2 MiB huge
    // pages cost more than they save (measured: 6 % of the CPU time and 40 % of the peak memory).
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    let cli = kinerja::cli::Cli::parse();
    kinerja::commands::run(cli)
}
