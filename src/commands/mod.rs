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

use crate::archive::verify::{open_and_verify, Report};
use crate::archive::Archive;
use crate::cli::{Cli, Command};
use crate::text::for_terminal as shown;
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};
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

/// An office's archive that `index` or `rekap` draws from: held open under its shared lock (a build in it is
/// waited for, never reported as damage) and verified first.
pub struct Drawn {
    /// Its folder as given.
    pub root: PathBuf,
    /// The archive, open until the caller is done with it; none when it could not be opened.
    pub archive: Option<Archive>,
    /// What verify found, or why the archive could not be read.
    pub verdict: std::result::Result<Report, String>,
}

impl Drawn {
    /// Opens the archive at `root` to read it, and verifies it.
    pub fn open(root: &Path) -> Drawn {
        match open_and_verify(root) {
            Ok((archive, report)) => Drawn { root: root.to_path_buf(), archive: Some(archive), verdict: Ok(report) },
            Err(msg) => Drawn { root: root.to_path_buf(), archive: None, verdict: Err(msg) },
        }
    }

    /// True when it was read and is whole.
    pub fn ok(&self) -> bool {
        self.verdict.as_ref().is_ok_and(|r| r.ok)
    }

    /// Documents in its manifest.
    pub fn documents(&self) -> usize {
        self.verdict.as_ref().map_or(0, |r| r.documents)
    }

    /// What verify found, one line each (its problems, then the documents a cut build left pending), or
    /// why it could not be read.
    pub fn findings(&self) -> Vec<String> {
        match &self.verdict {
            Ok(report) => {
                let mut lines: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
                lines.extend(report.pending.iter().map(|p| format!("TERTUNDA: {p}")));
                lines
            }
            Err(msg) => vec![msg.clone()],
        }
    }

    /// Prints "ARSIP — BAIK: n dokumen", or "ARSIP — BERMASALAH: k temuan" (then `marked`, where the
    /// finding is shown besides) and each finding.
    pub fn print(&self, marked: &str) {
        let name = shown(&self.root.display().to_string()).into_owned();
        if self.ok() {
            println!("{name} — BAIK: {} dokumen", self.documents());
            return;
        }
        let findings = self.findings();
        println!("{name} — BERMASALAH: {} temuan{marked}", findings.len());
        for f in &findings {
            println!("  {}", shown(f));
        }
    }
}
