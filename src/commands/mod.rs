//! One file per command; [`run`] dispatches, prints a command's error once, and gives `main` the exit
//! status. A command returns how it ended ([`Exit`]) or why it stopped ([`Error`]); none exits itself.

pub mod build;
pub mod check;
pub mod index;
pub mod init;
pub mod log;
pub mod rekap;
pub mod typst;
pub mod verify;

use crate::cli::{Cli, Command};
use chrono::NaiveDate;
use serde::Serialize;
use std::process::ExitCode;

/// How a command that ran to its end came out: the exit status of the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: everything asked for was done, or was already up to date.
    Done,
    /// 1: a workbook failed or was refused, an archive is damaged, a given file is not the archived one
    /// (the command said which, and did the rest).
    Failed,
}

impl From<bool> for Exit {
    /// `Done` when `ok`.
    fn from(ok: bool) -> Self {
        if ok {
            Exit::Done
        } else {
            Exit::Failed
        }
    }
}

/// Why a command stopped before doing what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A usage error that clap cannot catch (`SOURCE_DATE_EPOCH` that is no number of seconds): the
    /// message as it is, exit status 2.
    Usage(String),
    /// Anything else (an archive locked or unreadable, a template set that does not load …):
    /// "KESALAHAN: …", exit status 1.
    Failed(String),
}

impl From<String> for Error {
    fn from(msg: String) -> Self {
        Error::Failed(msg)
    }
}

/// What a command returns.
pub type Result = std::result::Result<Exit, Error>;

/// Runs the command, prints its error if it stopped, and maps how it ended to the exit status.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Init(args) => init::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Typst(args) => typst::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Log(args) => log::run(&args),
        Command::Index(args) => index::run(&args),
        Command::Rekap(args) => rekap::run(&args),
    };
    match result {
        Ok(Exit::Done) => ExitCode::SUCCESS,
        Ok(Exit::Failed) => ExitCode::from(1),
        Err(Error::Usage(msg)) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
        Err(Error::Failed(msg)) => {
            eprintln!("KESALAHAN: {msg}");
            ExitCode::from(1)
        }
    }
}

/// The build date: `--date`, else `SOURCE_DATE_EPOCH`, else today. The one door time comes in by.
pub fn build_date(arg: Option<NaiveDate>) -> std::result::Result<NaiveDate, Error> {
    if let Some(d) = arg {
        return Ok(d);
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| Error::Usage(format!("SOURCE_DATE_EPOCH \"{epoch}\" bukan angka detik.")))?;
        return chrono::DateTime::from_timestamp(secs, 0)
            .map(|d| d.date_naive())
            .ok_or_else(|| Error::Usage(format!("SOURCE_DATE_EPOCH \"{epoch}\" di luar jangkauan.")));
    }
    Ok(chrono::Local::now().date_naive())
}

/// Prints a `--json` report of `build` or `check` with the keys of every object sorted, as these two have
/// always printed them (their reports were JSON values, whose keys sort), so that the scripts reading
/// them see the same text.
fn print_sorted_json<T: Serialize>(report: &T) {
    let text = serde_json::to_value(report).and_then(|v| serde_json::to_string_pretty(&v)).unwrap_or_default();
    println!("{text}");
}
