//! Findings: everything the program has to say about an input, with its place.
//!
//! A finding is data (severity, file, sheet, cell, message, hint) until it is
//! rendered, once for the terminal and once as JSON. Every stage returns
//! findings instead of printing them. On the terminal, text from a cell shows
//! its control characters as marks ([`crate::text::for_terminal`]).

use serde::Serialize;
use std::fmt;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document can't be made until this is fixed.
    Error,
    /// The document can be made, but someone should look.
    Warning,
}

/// One problem found in one workbook, with its place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The workbook's path as the user gave it (or as found under `input/`).
    pub file: String,
    /// Sheet name, when the finding is about a sheet.
    pub sheet: Option<String>,
    /// Cell address without the sheet (`F7`), when the finding is about a cell.
    pub cell: Option<String>,
    /// What was found and what was expected, in Bahasa Indonesia.
    pub message: String,
    /// What to do next, in Bahasa Indonesia.
    pub hint: Option<String>,
}

impl Finding {
    /// A reference like `Kinerja!F7` or `'Rencana Aksi'!B3`, or the sheet alone.
    pub fn place(&self) -> Option<String> {
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => Some(format!("{}!{c}", quote_sheet(s))),
            (Some(s), None) => Some(format!("sheet {}", quote_sheet(s))),
            (None, Some(c)) => Some(c.clone()),
            (None, None) => None,
        }
    }
}

/// Excel's way of naming a sheet in a reference: quoted when it has spaces or punctuation.
pub fn quote_sheet(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "KESALAHAN",
            Severity::Warning => "PERINGATAN",
        };
        use crate::text::for_terminal as shown;
        write!(f, "{label}")?;
        if let Some(place) = self.place() {
            write!(f, " [{}]", shown(&place))?;
        }
        write!(f, ": {}", shown(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n    → {}", shown(hint))?;
        }
        Ok(())
    }
}

/// An error already recorded as a finding: the caller has nothing more to say, only to not use the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported;

/// Collects the findings of one workbook, all of them, not only the first.
#[derive(Debug, Clone)]
pub struct Findings {
    file: String,
    sheet: Option<String>,
    list: Vec<Finding>,
}

impl Findings {
    /// An empty collection for the workbook at `file`.
    pub fn new(file: impl Into<String>) -> Self {
        Findings { file: file.into(), sheet: None, list: Vec::new() }
    }

    /// The sheet that later findings without an explicit sheet refer to.
    pub fn set_sheet(&mut self, sheet: Option<&str>) {
        self.sheet = sheet.map(str::to_string);
    }

    /// Records an error at a cell of the current sheet (or on the file when `cell` is None).
    pub fn error(&mut self, cell: Option<String>, message: impl Into<String>, hint: Option<String>) {
        self.push(Severity::Error, cell, message.into(), hint);
    }

    /// Records a warning at a cell of the current sheet.
    pub fn warning(&mut self, cell: Option<String>, message: impl Into<String>, hint: Option<String>) {
        self.push(Severity::Warning, cell, message.into(), hint);
    }

    /// Records a finding about the whole file, with no sheet.
    pub fn file_error(&mut self, message: impl Into<String>, hint: Option<String>) {
        let sheet = self.sheet.take();
        self.push(Severity::Error, None, message.into(), hint);
        self.sheet = sheet;
    }

    fn push(&mut self, severity: Severity, cell: Option<String>, message: String, hint: Option<String>) {
        self.list.push(Finding { severity, file: self.file.clone(), sheet: self.sheet.clone(), cell, message, hint });
    }

    /// True when any error (not warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|f| f.severity == Severity::Error)
    }

    /// The findings, in the order they were found.
    pub fn into_vec(self) -> Vec<Finding> {
        self.list
    }

    /// The findings so far.
    pub fn as_slice(&self) -> &[Finding] {
        &self.list
    }
}

/// Counts of errors and warnings, for verdict lines.
pub fn count(findings: &[Finding]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    (errors, findings.len() - errors)
}

/// How many findings of one kind a terminal shows before it summarises the rest.
pub const SHOWN_PER_KIND: usize = 20;

/// A line of a terminal report: a finding, or how many more of a kind were left out.
#[derive(Debug, Clone, Copy)]
pub enum Shown<'a> {
    /// A finding, shown in full.
    One(&'a Finding),
    /// The findings of the kind of `like` beyond the first [`SHOWN_PER_KIND`]: how many.
    More { count: usize, like: &'a Finding },
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::One(finding) => write!(f, "{finding}"),
            Shown::More { count, like } => {
                let label = if like.severity == Severity::Error { "kesalahan" } else { "peringatan" };
                let sheet = like.sheet.as_deref().map(|s| format!(" di lembar {}", quote_sheet(s))).unwrap_or_default();
                let column = like
                    .cell
                    .as_deref()
                    .map(|c| format!(", kolom {}", c.trim_end_matches(|ch: char| ch.is_ascii_digit())))
                    .unwrap_or_default();
                write!(
                    f,
                    "… dan {} temuan serupa ({label}{sheet}{column}; semuanya terdaftar oleh kinerja check --json).",
                    crate::format::fixed(*count as f64, 0)
                )
            }
        }
    }
}

/// The findings as a terminal shows them: the first [`SHOWN_PER_KIND`] of each kind (the same
/// severity, sheet, column and advice) that has more than a few beyond them, in their order, then one
/// line per such kind saying how many more. A sheet of thousands of bad rows is a screen, not
/// thousands of lines; `--json` keeps every finding.
pub fn summarised(findings: &[Finding]) -> Vec<Shown<'_>> {
    /// A kind with at most this many beyond the first is shown whole: a summary line would hide little.
    const FEW: usize = 5;
    let kind = |x: &Finding| {
        let column = x.cell.as_deref().map(|c| c.trim_end_matches(|ch: char| ch.is_ascii_digit()).to_string());
        (x.severity == Severity::Error, x.sheet.clone(), column, x.hint.clone().unwrap_or_else(|| x.message.clone()))
    };
    let kinds: Vec<_> = findings.iter().map(kind).collect();
    let mut total = std::collections::HashMap::new();
    for k in &kinds {
        *total.entry(k).or_insert(0usize) += 1;
    }
    let mut seen = std::collections::HashMap::new();
    let mut shown = Vec::new();
    let mut more = Vec::new();
    for (x, k) in findings.iter().zip(&kinds) {
        let n = seen.entry(k).or_insert(0usize);
        *n += 1;
        let all = total[k];
        if all <= SHOWN_PER_KIND + FEW || *n <= SHOWN_PER_KIND {
            shown.push(Shown::One(x));
        } else if *n == SHOWN_PER_KIND + 1 {
            more.push(Shown::More { count: all - SHOWN_PER_KIND, like: x });
        }
    }
    shown.extend(more);
    shown
}
