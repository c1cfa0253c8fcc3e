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

/// The Kinerja columns of the Renstra tests: quarters, their aggregation, the Renstra's end target and
/// its realisation up to last year.
const RENSTRA_COLUMNS: [&str; 12] = [
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
    let header = RENSTRA_COLUMNS;
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

/// One office of `rows` under `header`, annual 2025, Renstra to 2026, with `extra` Identitas keys;
/// what `check --json` measured for it.
fn renstra_check(dir: &Dir, header: &[&str], rows: Vec<Vec<V>>, extra: &[(&str, V)]) -> Value {
    let mut id = vec![("Tahun Akhir Renstra", n(2026.0))];
    id.extend(extra.iter().cloned());
    let b = book::office("Bappeda", "bappeda", 2025, "Tahunan", &id, header, rows);
    let p = dir.book("bappeda.xlsx", &b);
    let check = dir.run(&["check", "--json", p.to_str().unwrap()]);
    check.json()["workbooks"][0].clone()
}

/// (cumulative, capaian) against the Renstra of each indicator, in order.
fn renstra_figures(wb: &Value) -> Vec<(Option<f64>, Option<f64>)> {
    wb["measurement"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["renstra"]["cumulative"].as_f64(), i["renstra"]["capaian"].as_f64()))
        .collect()
}

#[test]
fn a_count_adds_its_year_to_the_years_before_whatever_its_agregasi() {
    // Issue 23's office: an annual count, no Agregasi column. Three documents before and four this year
    // make seven so far, against an end target of 3 (an annual figure): 233,33 %, warned at the
    // Target Renstra cell.
    let dir = Dir::new();
    let header = [
        "Kode",
        "Sasaran",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Realisasi",
        "Target Renstra",
        "Realisasi Renstra s.d. Tahun Lalu",
    ];
    let row = vec![t("1"), t("Perencanaan"), t("Jumlah dokumen perencanaan"), t("Dok"), n(4.0), n(4.0), n(3.0), n(3.0)];
    let wb = renstra_check(&dir, &header, vec![row], &[]);
    assert_eq!(renstra_figures(&wb), vec![(Some(7.0), Some(233.33))], "{wb}");
    let warning = wb["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("tampaknya target tahunan"))
        .unwrap_or_else(|| panic!("{}", wb["findings"]))
        .clone();
    assert_eq!((warning["sheet"].as_str(), warning["cell"].as_str()), (Some("Kinerja"), Some("G2")), "{warning}");
    let run = build(&dir, "draft", "2026-01-10");
    let (_, text) = first_pdf(&dir, &run);
    assert!(text.contains("Dok 3 3 4 7 233,33 % jumlah"), "{text}");
    assert!(text.contains("jumlah = realisasi s.d. tahun lalu + realisasi tahun ini"), "{text}");

    // A count reported cumulatively within the year (Agregasi terakhir, quarters 1 / 2 / 3 / 4) is 4
    // this year, and its 4 is still added to the 10 before: 14 of 20 = 70 %.
    let dir = Dir::new();
    let header = RENSTRA_COLUMNS;
    let row = vec![
        t("1"),
        t("Perencanaan"),
        t("Jumlah kajian"),
        t("Kajian"),
        n(4.0),
        n(1.0),
        n(2.0),
        n(3.0),
        n(4.0),
        t("terakhir"),
        n(20.0),
        n(10.0),
    ];
    let wb = renstra_check(&dir, &header, vec![row], &[]);
    assert_eq!(wb["measurement"]["indicators"][0]["realisation"].as_f64(), Some(4.0), "{wb}");
    assert_eq!(renstra_figures(&wb), vec![(Some(14.0), Some(70.0))], "{wb}");
    assert!(!wb["findings"].to_string().contains("tampaknya target tahunan"), "{}", wb["findings"]);
}

#[test]
fn a_level_never_adds_over_the_years_and_the_office_can_say_otherwise_both_ways() {
    let header = [RENSTRA_COLUMNS.as_slice(), &["Renstra Kumulatif"]].concat();
    // 1.1: a percentage whose quarters are increments (jumlah): 85 this year, 80 before, 90 at the end.
    // 1.2: a count: 4 this year, 6 before, 12 at the end.
    let rows = |kumulatif_pct: V, kumulatif_count: V| {
        vec![
            vec![
                t("1.1"),
                t("Layanan"),
                t("Persentase layanan tepat waktu"),
                t("%"),
                n(85.0),
                n(20.0),
                n(20.0),
                n(20.0),
                n(25.0),
                t("jumlah"),
                n(90.0),
                n(80.0),
                kumulatif_pct,
            ],
            vec![
                t("1.2"),
                t("Layanan"),
                t("Jumlah inovasi"),
                t("Inovasi"),
                n(4.0),
                n(1.0),
                n(1.0),
                n(1.0),
                n(1.0),
                t("jumlah"),
                n(12.0),
                n(6.0),
                kumulatif_count,
            ],
        ]
    };
    let dir = Dir::new();
    // By the satuan: the percentage is where it stands (85 of 90), the count adds (10 of 12).
    let wb = renstra_check(&dir, &header, rows(V::B, V::B), &[]);
    assert_eq!(renstra_figures(&wb), vec![(Some(85.0), Some(94.44)), (Some(10.0), Some(83.33))], "{wb}");
    // The rows say otherwise: the percentage adds (165 of 90), the count does not (4 of 12).
    let wb = renstra_check(&dir, &header, rows(t("ya"), t("tidak")), &[]);
    assert_eq!(renstra_figures(&wb), vec![(Some(165.0), Some(183.33)), (Some(4.0), Some(33.33))], "{wb}");
    // The office's default, and a row that overrides it.
    let wb = renstra_check(&dir, &header, rows(V::B, V::B), &[("Renstra Kumulatif", t("tidak"))]);
    assert_eq!(renstra_figures(&wb), vec![(Some(85.0), Some(94.44)), (Some(4.0), Some(33.33))], "{wb}");
    let wb = renstra_check(&dir, &header, rows(V::B, t("ya")), &[("Renstra Kumulatif", t("tidak"))]);
    assert_eq!(renstra_figures(&wb), vec![(Some(85.0), Some(94.44)), (Some(10.0), Some(83.33))], "{wb}");
    let wb = renstra_check(&dir, &header, rows(V::B, V::B), &[("Renstra Kumulatif", t("ya"))]);
    assert_eq!(renstra_figures(&wb), vec![(Some(165.0), Some(183.33)), (Some(10.0), Some(83.33))], "{wb}");
    // The document says which rule each row used, and marks the office's.
    let run = build(&dir, "draft", "2026-01-10");
    let (_, text) = first_pdf(&dir, &run);
    assert!(text.contains("% 90 80 85 165 183,33 % jumlah*"), "{text}");
    assert!(text.contains("Inovasi 12 6 4 10 83,33 % jumlah"), "{text}");
    assert!(text.contains("* = ditetapkan kantor"), "{text}");
    // A word that is neither is an error at its cell.
    let wb = renstra_check(&dir, &header, rows(t("kadang"), V::B), &[]);
    let findings = wb["findings"].as_array().unwrap();
    assert!(
        findings.iter().any(|f| f["cell"] == "M2"
            && f["severity"] == "error"
            && f["message"].as_str().unwrap().contains("Renstra Kumulatif \"kadang\" tidak dikenal")),
        "{findings:?}"
    );
}
