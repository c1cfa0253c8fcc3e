//! Against last year and the Renstra (issue 15, its first part): last year's figures from last year's
//! final in the archive (else the workbook's columns), which enter the source hash; the capaian against
//! the Renstra's end target.

use crate::common::book::{self, n, t, Book, V};
use crate::common::{pdf_text, Dir, Run};
use serde_json::Value;

/// The Diskominfo example (with its rencana aksi) for `year`, its signing date a year on; `spbe` is the
/// Indeks SPBE realisation (TW IV).
fn diskominfo(year: i32, spbe: f64) -> Book {
    let mut b = book::diskominfo_lengkap();
    let id = &mut b.get("Identitas").rows;
    id[4][1] = n(year as f64);
    id[7][1] = V::D((year + 1) as u16, 1, 15);
    b.get("Kinerja").rows[1][9] = n(spbe);
    b
}

fn build(dir: &Dir, stage: &str, date: &str) -> Run {
    let run = dir.run(&["build", "--stage", stage, "--date", date, "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    run
}

fn first_pdf(dir: &Dir, run: &Run) -> (Value, String) {
    let doc = run.json()["workbooks"][0]["documents"][0].clone();
    let text = pdf_text(&dir.path().join("output").join(doc["path"].as_str().unwrap()));
    (doc, text)
}

#[test]
fn last_years_final_is_shown_and_a_new_version_of_it_makes_a_new_version() {
    let dir = Dir::new();
    // 2023, signed: Indeks SPBE 3,2 of 3,5 → 91,43 %.
    dir.book("diskominfo.xlsx", &diskominfo(2023, 3.2));
    build(&dir, "draft", "2024-01-08");
    build(&dir, "konsep", "2024-01-10");
    let fin23 = build(&dir, "final", "2024-01-15");
    let sha23 = fin23.json()["workbooks"][0]["documents"][0]["sha256"].as_str().unwrap()[..12].to_string();
    // 2024's draft shows last year beside this year, and says where the figures come from.
    dir.book("diskominfo.xlsx", &diskominfo(2024, 3.39));
    let d1 = build(&dir, "draft", "2025-01-08");
    let (doc, text) = first_pdf(&dir, &d1);
    assert_eq!(doc["version"], 1);
    assert!(text.contains("Perbandingan dengan Tahun 2023"), "{text}");
    assert!(text.contains("1.1 Indeks SPBE Indeks 3,2 91,43 % 3,39 96,86 % +5,43 arsip"), "{text}");
    assert!(text.contains(&format!("dokumen arsip final v1, 15 Januari 2024, {sha23}")), "{text}");
    // Unchanged: nothing new.
    let again = build(&dir, "draft", "2025-01-08");
    assert_eq!(again.json()["workbooks"][0]["status"], "unchanged");
    // 2023's final is remade (a new figure, through konsep): 2024's draft follows with a new version.
    dir.book("diskominfo.xlsx", &diskominfo(2023, 3.3));
    build(&dir, "draft", "2024-02-01");
    build(&dir, "konsep", "2024-02-02");
    let fin23b = build(&dir, "final", "2024-02-03");
    assert_eq!(fin23b.json()["workbooks"][0]["documents"][0]["version"], 2);
    dir.book("diskominfo.xlsx", &diskominfo(2024, 3.39));
    let d2 = build(&dir, "draft", "2025-01-09");
    let (doc, text) = first_pdf(&dir, &d2);
    assert_eq!(doc["version"], 2, "{}", d2.stdout);
    assert!(text.contains("1.1 Indeks SPBE Indeks 3,3 94,29 % 3,39 96,86 % +2,57 arsip"), "{text}");
    assert!(text.contains("final v2, 3 Februari 2024"), "{text}");
}

#[test]
fn the_workbooks_columns_serve_without_the_archive_and_win_with_a_warning() {
    let dir = Dir::new();
    let with_columns = |spbe_last: f64| {
        let mut b = diskominfo(2024, 3.39);
        let k = &mut b.get("Kinerja").rows;
        k[0].push(t("Realisasi Tahun Lalu"));
        k[0].push(t("Capaian Tahun Lalu"));
        k[1].push(n(spbe_last));
        k[1].push(n(90.0));
        b
    };
    dir.book("diskominfo.xlsx", &with_columns(3.15));
    let run = build(&dir, "draft", "2025-01-08");
    let (_, text) = first_pdf(&dir, &run);
    assert!(text.contains("1.1 Indeks SPBE Indeks 3,15 90,00 % 3,39 96,86 % +6,86 buku kerja"), "{text}");
    assert!(text.contains("1.2") && text.contains("dari kolom tahun lalu di buku kerja"), "{text}");

    // With last year's final in the archive too, the workbook's differing figure wins, with a warning.
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &diskominfo(2023, 3.2));
    build(&dir, "draft", "2024-01-08");
    build(&dir, "konsep", "2024-01-10");
    build(&dir, "final", "2024-01-15");
    dir.book("diskominfo.xlsx", &with_columns(3.15));
    let run = build(&dir, "draft", "2025-01-08");
    let (doc, text) = first_pdf(&dir, &run);
    assert!(text.contains("3,15 90,00 %") && text.contains("buku kerja"), "{text}");
    assert!(
        text.contains("1.2 Persentase") && text.contains("arsip"),
        "other indicators come from the archive: {text}"
    );
    let warnings = doc["warnings"].to_string();
    assert!(
        warnings
            .contains("angka tahun lalu indikator 1.1 di buku kerja (Kinerja!2) berbeda dengan dokumen arsip final v1"),
        "{warnings}"
    );
}

#[test]
fn against_the_renstra_with_the_deli_serdang_row() {
    // Row 15 of the real form: end target 3 Dok (an annual figure), 3 Dok before this year, this
    // year's 2 / 0,8 / 1,2 / 0 Dok = 4 against a target of 4: 7 of 3 → 233,33 %, with a warning.
    let header = [
        "Kode",
        "Sasaran",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Realisasi TW I",
        "Realisasi TW II",
        "Realisasi TW III",
        "Realisasi TW IV",
        "Agregasi",
        "Target Renstra",
        "Realisasi Renstra s.d. Tahun Lalu",
    ];
    let row = vec![
        t("1"),
        t("Perencanaan"),
        t("Penyusunan Dokumen Perencanaan Perangkat Daerah"),
        t("Dok"),
        n(4.0),
        n(2.0),
        n(0.8),
        n(1.2),
        n(0.0),
        t("jumlah"),
        n(3.0),
        n(3.0),
    ];
    let b = book::office(
        "Bappedalitbang",
        "bappedalitbang",
        2025,
        "Tahunan",
        &[("Tahun Akhir Renstra", n(2026.0))],
        &header,
        vec![row],
    );
    let dir = Dir::new();
    let p = dir.book("renja.xlsx", &b);
    let check = dir.run(&["check", "--json", p.to_str().unwrap()]);
    let wb = &check.json()["workbooks"][0];
    let r = &wb["measurement"]["indicators"][0]["renstra"];
    assert_eq!((r["cumulative"].as_f64(), r["capaian"].as_f64()), (Some(7.0), Some(233.33)), "{wb}");
    assert!(wb["findings"].to_string().contains("tampaknya target tahunan"), "{}", wb["findings"]);
    let run = build(&dir, "draft", "2026-01-10");
    let (_, text) = first_pdf(&dir, &run);
    assert!(text.contains("Capaian terhadap Target Renstra (akhir 2026)"), "{text}");
    assert!(text.contains("Dok 3 3 4 7 233,33 %"), "{text}");
}

#[test]
fn last_year_and_this_year_in_one_batch_are_built_in_that_order() {
    let dir = Dir::new();
    // This year's workbook is read first (its name sorts first); last year's final must still be the
    // one this year's final shows.
    dir.book("a-2024.xlsx", &diskominfo(2024, 3.39));
    dir.book("b-2023.xlsx", &diskominfo(2023, 3.2));
    for (stage, date) in [("draft", "2025-01-08"), ("konsep", "2025-01-10")] {
        build(&dir, stage, date);
    }
    let fin = build(&dir, "final", "2025-01-15");
    let wb = fin.workbook("a-2024.xlsx");
    let text = pdf_text(&dir.path().join("output").join(wb["documents"][0]["path"].as_str().unwrap()));
    assert!(text.contains("Perbandingan dengan Tahun 2023"), "{text}");
    assert!(text.contains("dokumen arsip final v1, 15 Januari 2025"), "{text}");
}

#[test]
fn last_years_figures_moved_after_the_konsep_refuse_the_final_and_are_listed() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &diskominfo(2023, 3.2));
    build(&dir, "draft", "2024-01-08");
    build(&dir, "konsep", "2024-01-10");
    build(&dir, "final", "2024-01-15");
    dir.book("diskominfo.xlsx", &diskominfo(2024, 3.39));
    build(&dir, "draft", "2025-01-08");
    build(&dir, "konsep", "2025-01-10");
    // Last year's final is remade with another figure after this year's konsep was reviewed.
    dir.book("diskominfo.xlsx", &diskominfo(2023, 3.3));
    build(&dir, "draft", "2025-01-11");
    build(&dir, "konsep", "2025-01-12");
    build(&dir, "final", "2025-01-13");
    dir.book("diskominfo.xlsx", &diskominfo(2024, 3.39));
    let fin = dir.run(&["build", "--stage", "final", "--date", "2025-01-15", "--json"]);
    assert_eq!(fin.code, 1, "{}", fin.all());
    let reasons = fin.workbook("diskominfo.xlsx")["reasons"].to_string();
    assert!(reasons.contains("Indikator 1.1 tahun lalu: realisasi 3,2 → 3,3; capaian 91,43 % → 94,29 %."), "{reasons}");
    // A new draft says what moved.
    build(&dir, "draft", "2025-01-16");
    let lines = crate::common::manifest_lines(&dir.path().join("output"));
    let v2 = lines.iter().find(|e| e["year"] == 2024 && e["stage"] == "draft" && e["version"] == 2).unwrap();
    let changes = v2["changes"].to_string();
    assert!(changes.contains("Dokumen tahun lalu: final v1, 15 Januari 2024"), "{changes}");
    assert!(changes.contains("Indikator 1.1 tahun lalu: realisasi 3,2 → 3,3"), "{changes}");
}
