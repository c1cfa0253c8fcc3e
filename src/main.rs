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
    // A panic is contained where it can be (one workbook's failure); its message is said once, in
    // Bahasa Indonesia, with the place in the program for the report (the full trace with RUST_BACKTRACE).
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        eprintln!("GALAT INTERNAL kinerja{place}: {message}");
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            default_hook(info);
        }
    }));
    let cli = kinerja::cli::Cli::parse();
    kinerja::commands::run(cli)
}
