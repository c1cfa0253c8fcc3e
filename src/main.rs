//! The `kinerja` binary: parse the command line, dispatch, map the outcome to the exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = kinerja::cli::Cli::parse();
    kinerja::commands::run(cli)
}
