//! What an adversarial pass found (issue 24, items 1, 5, 7, 9 and 10): each attack as a user or an
//! intruder would make it, and what must hold — the batch goes on, the build ends, the message names
//! the cell, no two units share a code, no figure prints that no cell holds.

use crate::common::book::{self, n, t, V};
use crate::common::{manifest_lines, pdfs_under, Dir};
use serde_json::Value;
use std::time::Duration;

/// Long enough for any of these builds, short enough that a hang fails the test.
const LIMIT: Duration = Duration::from_secs(120);

/// The findings of `check --json` for the workbook at `input/<name>`.
fn findings(dir: &Dir, name: &str) -> Vec<Value> {
    let run = dir.run_within(&["check", "--json", dir.input(name).to_str().unwrap()], &[], LIMIT);
    run.json()["workbooks"][0]["findings"].as_array().cloned().unwrap_or_default()
}

/// The finding of `severity` at `sheet!cell`, or a panic listing what was found.
fn at<'a>(findings: &'a [Value], severity: &str, sheet: &str, cell: &str) -> &'a Value {
    findings
        .iter()
        .find(|f| f["severity"] == severity && f["sheet"] == sheet && f["cell"] == cell)
        .unwrap_or_else(|| panic!("no {severity} at {sheet}!{cell}: {findings:#?}"))
}

/// The PDFs of the archive `output/` whose path names the unit `code`.
fn pdfs_of(dir: &Dir, code: &str) -> usize {
    pdfs_under(&dir.path().join("output")).iter().filter(|p| p.to_string_lossy().contains(&format!("/{code}/"))).count()
}

// Item 1 ---------------------------------------------------------------------------------------------

#[test]
fn a_far_cell_fails_its_own_workbook_and_the_rest_of_the_batch_is_built() {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    // One value at the last cell a sheet can have, on the table's own sheet: the sheet spans
    // 1 048 576 rows × 16 384 columns.
    dir.book("b.xlsx", &book::dispendukcapil().cell("IKU", 1_048_575, 16_383, t("x")));
    dir.book("c.xlsx", &book::bappeda());
    let run = dir.run_within(&["build", "--date", "2025-01-15"], &[], LIMIT);
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(pdfs_of(&dir, "diskominfo"), 1, "{}", run.all());
    assert_eq!(pdfs_of(&dir, "bappeda"), 1, "{}", run.all());
    assert_eq!(pdfs_of(&dir, "dispendukcapil"), 0);
    let report = run.stdout.split("b.xlsx").nth(1).unwrap_or_else(|| panic!("b.xlsx not reported: {}", run.all()));
    assert!(report.contains("KESALAHAN [IKU!XFD1048576]"), "{}", run.stdout);
    assert!(report.contains("(1.048.576 baris × 16.383 kolom"), "{}", run.stdout);
}

#[test]
fn a_far_cell_on_a_sheet_no_layout_reads_is_a_warning_and_the_workbook_is_built() {
    let dir = Dir::new();
    // The attack as found: a 9 KB workbook, the far cell on an extra sheet.
    let b =
        book::diskominfo().sheet("Catatan", vec![vec![t("catatan rapat")]]).cell("Catatan", 1_048_575, 16_383, n(1.0));
    dir.book("a.xlsx", &b);
    assert!(std::fs::metadata(dir.input("a.xlsx")).unwrap().len() < 16 * 1024);
    dir.book("c.xlsx", &book::bappeda());
    let run = dir.run_within(&["build", "--date", "2025-01-15"], &[], LIMIT);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!((pdfs_of(&dir, "diskominfo"), pdfs_of(&dir, "bappeda")), (1, 1));
    let f = findings(&dir, "a.xlsx");
    let w = at(&f, "warning", "Catatan", "XFD1048576");
    assert!(w["message"].as_str().unwrap().contains("tidak dibaca"), "{w}");
}

// Item 5 ---------------------------------------------------------------------------------------------

#[test]
fn a_template_name_typst_cannot_address_is_a_clear_error_and_nothing_waits() {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates").join("a\\b.typ"), "#let x = 1\n").unwrap();
    let run = dir.run_within(&["build", "--date", "2025-01-15"], &[], LIMIT);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.all().contains("a\\b.typ"), "{}", run.all());
    assert!(run.all().contains("tidak dapat dipakai sebagai nama berkas templat"), "{}", run.all());
    assert!(!run.all().contains("panicked"), "{}", run.all());
    // Renamed, the next build runs at once: no lock is left held.
    std::fs::remove_file(dir.path().join("templates").join("a\\b.typ")).unwrap();
    let again = dir.run_within(&["build", "--date", "2025-01-15"], &[], LIMIT);
    assert_eq!(again.code, 0, "{}", again.all());
}

#[test]
fn a_panic_in_one_document_is_its_failure_the_batch_ends_and_the_lock_is_released() {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    dir.book("b.xlsx", &book::dispendukcapil());
    dir.book("c.xlsx", &book::bappeda());
    // The test build's fault injection (debug builds only): a panic while making b.xlsx's document.
    let run = dir.run_within(&["build", "--date", "2025-01-15", "--json"], &[("KINERJA_UJI_PANIK", "b.xlsx")], LIMIT);
    assert_eq!(run.code, 1, "{}", run.all());
    let b = run.workbook("b.xlsx");
    assert_eq!(b["status"], "error", "{b}");
    let reason = b["reasons"][0].as_str().unwrap();
    assert!(reason.contains("galat internal") && reason.contains("uji: panik yang disengaja"), "{reason}");
    for name in ["a.xlsx", "c.xlsx"] {
        assert_eq!(run.workbook(name)["status"], "written", "{}", run.all());
    }
    assert_eq!((pdfs_of(&dir, "diskominfo"), pdfs_of(&dir, "dispendukcapil"), pdfs_of(&dir, "bappeda")), (1, 0, 1));
    // The lock is free and the archive whole: the next build makes b.xlsx's document at once.
    let again = dir.run_within(&["build", "--date", "2025-01-15"], &[], LIMIT);
    assert_eq!(again.code, 0, "{}", again.all());
    assert_eq!(pdfs_of(&dir, "dispendukcapil"), 1);
    assert_eq!(dir.run(&["verify"]).code, 0);
}

// Item 7 ---------------------------------------------------------------------------------------------

#[test]
fn unit_codes_that_differ_after_the_sixtieth_character_stay_two_units() {
    let stem = "dinas-pemberdayaan-perempuan-perlindungan-anak-pengendalian-penduduk";
    assert!(stem.len() > 60);
    let office = |code: &str, name: &str| {
        let mut b = book::diskominfo();
        b.get("Identitas").rows[3][1] = t(code);
        b.get("Identitas").rows[1][1] = t(name);
        b
    };
    let dir = Dir::new();
    dir.book("a.xlsx", &office(&format!("{stem}-kb"), "Dinas A"));
    assert_eq!(dir.run(&["build", "--date", "2025-01-15"]).code, 0);
    std::fs::remove_file(dir.input("a.xlsx")).unwrap();
    dir.book("b.xlsx", &office(&format!("{stem}-keluarga-berencana"), "Dinas B"));
    let run = dir.run(&["build", "--date", "2025-01-16", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let b = run.workbook("b.xlsx");
    assert_eq!(b["documents"][0]["version"], 1, "a unit of its own, not version 2 of the other: {b}");
    let units: std::collections::BTreeSet<String> =
        manifest_lines(&dir.path().join("output")).iter().map(|l| l["unit"].as_str().unwrap().to_string()).collect();
    assert_eq!(units.len(), 2, "{units:?}");
    assert!(units.iter().all(|u| u.len() <= 60), "{units:?}");
    // The code given is too long to be a folder name as it is: said at its cell.
    let w = at(&findings(&dir, "b.xlsx"), "warning", "Identitas", "B4").clone();
    assert!(w["message"].as_str().unwrap().contains("lebih dari 60"), "{w}");
}

// Item 9 ---------------------------------------------------------------------------------------------

#[test]
fn a_formula_saved_without_its_value_is_named_at_its_cell() {
    let dir = Dir::new();
    let mut b = book::diskominfo();
    // Realisasi TW IV of 1.1 as a formula (J2), and a Keterangan formula (L3), saved by a script.
    b.get("Kinerja").rows[1][9] = V::F("=I2+0.1".into(), 3.2);
    b.get("Kinerja").rows[2][11] = V::F("=\"catatan\"".into(), 0.0);
    let p = dir.book("a.xlsx", &b);
    book::without_cached_values(&p);
    let f = findings(&dir, "a.xlsx");
    let e = at(&f, "error", "Kinerja", "J2");
    assert!(e["message"].as_str().unwrap().contains("rumus =I2+0.1 tanpa nilai tersimpan"), "{e}");
    let w = at(&f, "warning", "Kinerja", "L3");
    assert!(w["message"].as_str().unwrap().contains("tanpa nilai tersimpan"), "{w}");
    let run = dir.run(&["build", "--date", "2025-01-15"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(pdfs_under(&dir.path().join("output")).is_empty());
}

#[test]
fn a_pagu_of_1e308_is_refused_at_its_cell_and_nothing_is_archived() {
    let dir = Dir::new();
    let mut b = book::diskominfo();
    b.get("Anggaran").rows[1][1] = n(1e308);
    dir.book("a.xlsx", &b);
    let f = findings(&dir, "a.xlsx");
    let e = at(&f, "error", "Anggaran", "B2");
    assert!(e["message"].as_str().unwrap().contains("di luar batas"), "{e}");
    for stage in ["draft", "konsep"] {
        let run = dir.run(&["build", "--stage", stage, "--date", "2025-01-15"]);
        assert_eq!(run.code, 1, "{}", run.all());
    }
    assert!(pdfs_under(&dir.path().join("output")).is_empty());
}

#[test]
fn a_target_of_1e_minus_310_is_refused_at_its_cell_not_inside_typst() {
    let dir = Dir::new();
    let mut b = book::diskominfo();
    b.get("Kinerja").rows[1][5] = n(1e-310);
    dir.book("a.xlsx", &b);
    let f = findings(&dir, "a.xlsx");
    let e = at(&f, "error", "Kinerja", "F2");
    assert!(e["message"].as_str().unwrap().contains("terlalu kecil"), "{e}");
    let run = dir.run(&["build", "--date", "2025-01-15"]);
    assert_eq!(run.code, 1);
    assert!(!run.all().contains("typst"), "{}", run.all());
}
