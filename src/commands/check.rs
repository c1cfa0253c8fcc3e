//! `kinerja check`: SOP step 4 before any document is made. Reads every
//! workbook, measures it, and prints every finding with a verdict per file.

use crate::cli::CheckArgs;
use crate::findings::{count, Finding};
use crate::load::{self, Loaded};
use crate::measure::Measurement;
use crate::model::Workbook;
use crate::text::for_terminal as shown;
use serde::Serialize;

/// Checks the workbooks; done when none has an error.
pub fn run(args: &CheckArgs) -> super::Result {
    let (files, missing) = load::collect(&args.paths, &args.input);
    let loaded: Vec<Loaded> = files.iter().map(|p| load::load(p)).collect();
    let missing: Vec<Finding> = missing.iter().map(|p| load::missing_path(p)).collect();
    let ok =
        missing.is_empty() && !loaded.iter().any(Loaded::has_errors) && !(files.is_empty() && args.paths.is_empty());
    if args.json {
        let workbooks = loaded.iter().map(Checked::of).collect();
        super::print_sorted_json(&Report { workbooks, missing: &missing });
    } else {
        print_report(&loaded, &missing, &args.input);
    }
    Ok(ok.into())
}

/// What `kinerja check --json` prints.
#[derive(Debug, Serialize)]
struct Report<'a> {
    /// One per workbook read.
    workbooks: Vec<Checked<'a>>,
    /// Paths given that do not exist, as findings.
    missing: &'a [Finding],
}

/// One workbook as checked.
#[derive(Debug, Serialize)]
struct Checked<'a> {
    /// The path as given.
    file: &'a str,
    /// The unit's name and code, when the workbook could be read.
    #[serde(rename = "unit")]
    unit_name: Option<&'a str>,
    unit_code: Option<&'a str>,
    /// The verdict.
    status: Verdict,
    /// How many errors and warnings.
    errors: usize,
    warnings: usize,
    /// Every finding, with its place.
    findings: &'a [Finding],
    /// The workbook as read, and its measurement.
    workbook: Option<&'a Workbook>,
    measurement: Option<&'a Measurement>,
    /// How a form was read: its column map and levels (a kinerja workbook's report has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    form: Option<&'a crate::workbook::renja::map::FormMap>,
    /// What an empty form or template needs, in its own columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    advice: Option<&'a str>,
}

/// A workbook's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Verdict {
    /// No error.
    Ok,
    /// At least one error.
    Error,
    /// An unfilled template.
    Empty,
}

impl<'a> Checked<'a> {
    fn of(l: &'a Loaded) -> Self {
        let (errors, warnings) = count(&l.findings);
        Checked {
            file: &l.display,
            unit_name: l.workbook.as_ref().map(|w| w.identity.unit_name.as_str()),
            unit_code: l.workbook.as_ref().map(|w| w.identity.unit_code.as_str()),
            status: if l.unfilled.is_some() {
                Verdict::Empty
            } else if l.has_errors() {
                Verdict::Error
            } else {
                Verdict::Ok
            },
            errors,
            warnings,
            findings: &l.findings,
            workbook: l.workbook.as_ref(),
            measurement: l.measurement.as_ref(),
            form: l.form.as_ref(),
            advice: l.unfilled.as_deref(),
        }
    }
}

fn print_report(loaded: &[Loaded], missing: &[Finding], input: &std::path::Path) {
    for f in missing {
        println!("{}\n  {f}\n", shown(&f.file));
    }
    if loaded.is_empty() && missing.is_empty() {
        println!("Tidak ada buku kerja (.xlsx, .xlsm, .xls, .xlsb, .ods) di folder {}.", input.display());
        println!("  → Simpan buku kerja di input/, atau sebutkan berkasnya: kinerja check BERKAS.xlsx");
        return;
    }
    for l in loaded {
        println!("{}", shown(&l.display));
        for f in crate::findings::summarised(&l.findings) {
            for line in f.to_string().lines() {
                println!("  {line}");
            }
        }
        if let Some(form) = &l.form {
            // Headings and the sheet's name are cell text: shown with their control characters marked.
            for line in form.lines() {
                println!("  {}", shown(&line));
            }
        }
        let (errors, warnings) = count(&l.findings);
        let what = match (&l.workbook, &l.measurement) {
            (Some(w), Some(m)) => format!(
                "{} · {} {} · {} indikator dalam {} sasaran",
                shown(&w.identity.unit_name),
                w.identity.period.label(),
                w.identity.year,
                m.indicators.len(),
                m.sasaran.len()
            ),
            _ if l.unfilled.is_some() => shown(l.unfilled.as_deref().unwrap_or_default()).to_string(),
            _ => "tidak dapat dibaca sampai selesai".to_string(),
        };
        let verdict = if errors > 0 {
            "GAGAL"
        } else if l.unfilled.is_some() {
            "KOSONG"
        } else {
            "BAIK"
        };
        println!("  ⇒ {verdict}: {what}; {errors} kesalahan, {warnings} peringatan\n");
    }
    let failed = loaded.iter().filter(|l| l.has_errors()).count() + missing.len();
    println!(
        "{} buku kerja diperiksa: {} baik, {} gagal.",
        loaded.len() + missing.len(),
        loaded.len() + missing.len() - failed,
        failed
    );
}
