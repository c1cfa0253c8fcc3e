//! One file per command; [`run`] dispatches and returns the exit code.

pub mod check;

use crate::cli::{Cli, Command};
use std::process::ExitCode;

/// Runs the command and maps its outcome to the exit status of the spec.
pub fn run(cli: Cli) -> ExitCode {
    let ok = match cli.command {
        Command::Check(args) => check::run(&args),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
