//! One file per command; [`run`] dispatches and returns the exit code.

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
use std::process::ExitCode;

/// Runs the command and maps its outcome to the exit status of the spec.
pub fn run(cli: Cli) -> ExitCode {
    let ok = match cli.command {
        Command::Init(args) => init::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Typst(args) => typst::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Log(args) => log::run(&args),
        Command::Index(args) => index::run(&args),
        Command::Rekap(args) => rekap::run(&args),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The build date: `--date`, else `SOURCE_DATE_EPOCH`, else today. The one door time comes in by.
pub fn build_date(arg: Option<NaiveDate>) -> Result<NaiveDate, String> {
    if let Some(d) = arg {
        return Ok(d);
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 =
            epoch.trim().parse().map_err(|_| format!("SOURCE_DATE_EPOCH \"{epoch}\" bukan angka detik."))?;
        return chrono::DateTime::from_timestamp(secs, 0)
            .map(|d| d.date_naive())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH \"{epoch}\" di luar jangkauan."));
    }
    Ok(chrono::Local::now().date_naive())
}
