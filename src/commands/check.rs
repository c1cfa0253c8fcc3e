//! `kinerja check`: SOP step 4 before any document is made. Reads every
//! workbook, measures it, and prints every finding with a verdict per file.

use crate::cli::CheckArgs;
use crate::findings::{count, Finding};
use crate::load::{self, Loaded};
use crate::text::for_terminal as shown;
use serde_json::json;

/// Checks the workbooks; true when none has an error.
pub fn run(args: &CheckArgs) -> bool {
    let (files, missing) = load::collect(&args.paths, &args.input);
    let loaded: Vec<Loaded> = files.iter().map(|p| load::load(p)).collect();
    let missing: Vec<Finding> = missing.iter().map(|p| load::missing_path(p)).collect();
    let ok =
        missing.is_empty() && !loaded.iter().any(Loaded::has_errors) && !(files.is_empty() && args.paths.is_empty());
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report_json(&loaded, &missing)).unwrap_or_default());
    } else {
        print_report(&loaded, &missing, &args.input);
    }
    ok
}

fn report_json(loaded: &[Loaded], missing: &[Finding]) -> serde_json::Value {
    let workbooks: Vec<_> = loaded
        .iter()
        .map(|l| {
            let (errors, warnings) = count(&l.findings);
            let mut report = json!({
                "file": l.display,
                "unit": l.workbook.as_ref().map(|w| &w.identity.unit),
                "unit_code": l.workbook.as_ref().map(|w| &w.identity.unit_code),
                "status": if l.unfilled.is_some() { "empty" } else if l.has_errors() { "error" } else { "ok" },
                "errors": errors,
                "warnings": warnings,
                "findings": l.findings,
                "workbook": l.workbook,
                "measurement": l.measurement,
            });
            // A form's reading, and an empty form's advice (a kinerja workbook's report is as before).
            if let Some(form) = &l.form {
                report["form"] = json!(form);
            }
            if let Some(advice) = &l.unfilled {
                report["advice"] = json!(advice);
            }
            report
        })
        .collect();
    json!({ "workbooks": workbooks, "missing": missing })
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
                shown(&w.identity.unit),
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
