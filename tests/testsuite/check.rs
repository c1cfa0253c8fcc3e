//! `kinerja check` on good workbooks: the figures of the domain spec, every
//! number format and layout tolerance, and the settings of `Identitas`.

use crate::common::book::{self, n, t, Book, V};
use crate::common::{indicator, Dir};
use serde_json::Value;

fn check_one(book: &Book) -> (i32, Value, String) {
    let dir = Dir::new();
    let p = dir.book("kerja.xlsx", book);
    let run = dir.run(&["check", "--json", p.to_str().unwrap()]);
    let json = run.json();
    (run.code, json["workbooks"][0].clone(), run.all())
}

fn capaian(wb: &Value, code: &str) -> f64 {
    indicator(wb, code)["capaian"].as_f64().unwrap_or_else(|| panic!("no capaian for {code}: {}", indicator(wb, code)))
}

/// Sets `Identitas` key `key` (adds it when missing).
fn set_key(book: &mut Book, key: &str, value: V) {
    let rows = &mut book.get("Identitas").rows;
    match rows.iter_mut().find(|r| matches!(&r[0], V::T(k) if k == key)) {
        Some(r) => r[1] = value,
        None => rows.push(vec![t(key), value]),
    }
}

#[test]
#[allow(clippy::approx_constant)] // 6,28 % is an efficiency, not τ
fn clean_workbook_gives_the_worked_figures() {
    let (code, wb, out) = check_one(&book::diskominfo());
    assert_eq!(code, 0, "{out}");
    assert_eq!(wb["status"], "ok");
    assert_eq!(wb["unit"], "Dinas Komunikasi dan Informatika");
    // Negative polarity, T = 7 and R = 2 + 1 + 2 + 1,5 = 6,5 (jumlah) → 107,14 %.
    assert_eq!(indicator(&wb, "1.3")["realisation"], 6.5);
    assert_eq!(capaian(&wb, "1.3"), 107.14);
    // Index, last filled quarter: 3,39 of 3,5 → 96,86 %, Sangat Tinggi yet not tercapai.
    assert_eq!(capaian(&wb, "1.1"), 96.86);
    assert_eq!(indicator(&wb, "1.1")["predikat"], "Sangat Tinggi");
    assert_eq!(indicator(&wb, "1.1")["tercapai"], false);
    // Sasaran mean: 94,68 % and 105,56 % → 100,12 %.
    assert_eq!(capaian(&wb, "2.1"), 94.68);
    assert_eq!(capaian(&wb, "2.2"), 105.56);
    let sasaran = wb["measurement"]["sasaran"].as_array().unwrap();
    assert_eq!(sasaran[1]["capaian"], 100.12);
    assert_eq!(sasaran[0]["capaian"], 102.81);
    let summary = &wb["measurement"]["summary"];
    assert_eq!((summary["tercapai"].as_u64(), summary["tidak_tercapai"].as_u64()), (Some(3), Some(2)));
    assert_eq!(summary["capaian"], 101.47);
    // Budget: serapan recomputed; efficiency only where every linked indicator is tercapai.
    let budget = wb["measurement"]["budget"].as_array().unwrap();
    assert_eq!(budget[0]["serapan"], 85.45);
    assert_eq!(budget[0]["efficiency"], Value::Null);
    assert_eq!(budget[1]["efficiency"], 6.28);
    assert!(wb["findings"].as_array().unwrap().is_empty(), "{out}");
}

#[test]
fn messy_layout_reads_like_the_clean_one() {
    let (code, wb, out) = check_one(&book::dispendukcapil());
    assert_eq!(code, 0, "{out}");
    assert_eq!(wb["workbook"]["identity"]["period"], "tw3");
    assert_eq!(wb["workbook"]["identity"]["nip"], "196905121994032008");
    assert_eq!(wb["workbook"]["identity"]["date"], "2024-10-15");
    let inds = wb["measurement"]["indicators"].as_array().unwrap();
    // The totals row "Jumlah" is not an indicator; codes are numbered in order.
    assert_eq!(inds.len(), 5);
    assert_eq!(inds[4]["code"], "5");
    // Merged sasaran cells: blank means "same as above".
    assert_eq!(inds[2]["sasaran"], "Meningkatnya kualitas pelayanan administrasi kependudukan");
    assert_eq!(inds[4]["sasaran"], "Meningkatnya pemanfaatan data kependudukan");
    // "98,5%" as text in a percent indicator is 98,5; TW III is the last quarter measured.
    assert_eq!(indicator(&wb, "1")["target"], 98.5);
    assert_eq!(capaian(&wb, "1"), 99.59);
    // Negative polarity, rata-rata of 3,5 / 3,2 / 2,8 against 3 hari → 94,44 %.
    assert_eq!(capaian(&wb, "3"), 94.44);
    // "1.200" is twelve hundred; 310 + 305 + 290 against it.
    assert_eq!(indicator(&wb, "4")["realisation"], 905.0);
    assert_eq!(capaian(&wb, "4"), 75.42);
    // A range target, a realisation in percent-formatted cells (0,93 → 93) above it.
    assert_eq!(indicator(&wb, "5")["target_upper"], 90.0);
    assert_eq!(indicator(&wb, "5")["realisation"], 93.0);
    assert_eq!(capaian(&wb, "5"), 103.33);
    // Warnings, each with its cell.
    let findings = wb["findings"].as_array().unwrap();
    let at = |cell: &str| {
        findings.iter().find(|f| f["cell"] == cell).unwrap_or_else(|| panic!("no finding at {cell}: {out}"))
    };
    assert_eq!(at("M4")["severity"], "warning");
    assert!(at("M4")["message"].as_str().unwrap().contains("Penanggung Jawab"));
    assert!(at("G10")["message"].as_str().unwrap().contains("target tahunan"), "{out}");
    let serapan = at("D6");
    assert_eq!(serapan["sheet"], "Anggaran");
    assert!(
        serapan["message"].as_str().unwrap().contains("85,73 %")
            && serapan["message"].as_str().unwrap().contains("85,45 %")
    );
    assert!(findings.iter().all(|f| f["severity"] == "warning"));
}

#[test]
fn terminal_report_names_file_sheet_and_cell() {
    let dir = Dir::new();
    dir.book("capil.xlsx", &book::dispendukcapil());
    let run = dir.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("input/capil.xlsx"), "{}", run.stdout);
    assert!(run.stdout.contains("PERINGATAN [Anggaran!D6]: Serapan tertulis 85,73 %"), "{}", run.stdout);
    assert!(run.stdout.contains("BAIK: Dinas Kependudukan dan Pencatatan Sipil · Triwulan III 2024"), "{}", run.stdout);
}

#[test]
fn negative_formula_and_cap_are_settings() {
    let mut b = book::diskominfo();
    set_key(&mut b, "Rumus Polaritas Negatif", t("T/R"));
    let (_, wb, _) = check_one(&b);
    assert_eq!(capaian(&wb, "1.3"), 107.69); // 7 / 6,5
    let mut b = book::diskominfo();
    set_key(&mut b, "Batas Capaian", n(100.0));
    let (_, wb, _) = check_one(&b);
    assert_eq!(capaian(&wb, "1.3"), 100.0);
    assert_eq!(capaian(&wb, "1.1"), 96.86);
    let mut b = book::diskominfo();
    set_key(&mut b, "Ambang Tercapai", t("95%"));
    let (_, wb, _) = check_one(&b);
    assert_eq!(indicator(&wb, "1.1")["tercapai"], true);
    assert_eq!(indicator(&wb, "2.1")["tercapai"], false);
}

#[test]
fn zero_target_is_not_computable_with_its_reason() {
    let mut b = book::diskominfo();
    b.get("Kinerja").rows[1][5] = n(0.0);
    let (code, wb, out) = check_one(&b);
    assert_eq!(code, 0, "a zero target is a warning, not an error: {out}");
    let ind = indicator(&wb, "1.1");
    assert_eq!(ind["status"], "tidak-dapat-dihitung");
    assert_eq!(ind["capaian"], Value::Null);
    assert!(ind["reason"].as_str().unwrap().contains("target 0"));
    assert!(out.contains("F2"), "the finding names the target cell: {out}");
}

#[test]
fn missing_realisation_is_a_visible_gap() {
    let mut b = book::diskominfo();
    for c in 6..=9 {
        b.get("Kinerja").rows[2][c] = V::B;
    }
    let (code, wb, _) = check_one(&b);
    assert_eq!(code, 0);
    let ind = indicator(&wb, "1.2");
    assert_eq!(ind["status"], "belum-ada-realisasi");
    assert_eq!(wb["measurement"]["summary"]["belum_ada_realisasi"], 1);
    // The sasaran mean is over the indicators that have a capaian.
    assert_eq!(wb["measurement"]["sasaran"][0]["capaian"], 102.0); // (96,86 + 107,14) / 2
}

#[test]
fn numbers_in_every_style() {
    let mut b = book::diskominfo();
    {
        let k = &mut b.get("Kinerja").rows;
        k[1][5] = t("3,5"); // decimal comma
        k[1][9] = t("3.39"); // decimal point
        k[2][5] = V::P(0.9); // percent-formatted cell: 90
        k[2][9] = t("94%");
        k[5][5] = V::F("=45*2".into(), 90.0); // a formula's cached value
    }
    b.get("Anggaran").rows[1][1] = t("Rp 1.250.000.000");
    b.get("Anggaran").rows[1][2] = t("1.068.125.000,00");
    b.get("Anggaran").rows[1][4] = t("85,45%");
    let (code, wb, out) = check_one(&b);
    assert_eq!(code, 0, "{out}");
    assert_eq!(capaian(&wb, "1.1"), 96.86);
    assert_eq!(capaian(&wb, "1.2"), 104.44);
    assert_eq!(capaian(&wb, "2.2"), 105.56);
    assert_eq!(wb["measurement"]["budget"][0]["pagu"], 1_250_000_000.0);
    assert_eq!(wb["measurement"]["budget"][0]["serapan"], 85.45);
    assert!(wb["findings"].as_array().unwrap().is_empty(), "{out}");
}

#[test]
fn quarterly_targets_are_used_for_a_quarter() {
    let mut b = book::diskominfo();
    set_key(&mut b, "Periode", t("Triwulan II"));
    let k = &mut b.get("Kinerja").rows;
    k[0].push(t("Target TW I"));
    k[0].push(t("Target TW II"));
    for row in k.iter_mut().skip(1) {
        row.push(V::B);
        row.push(V::B);
    }
    // Datasets: 20 + 25 published against 20 + 20 planned → 112,5 %.
    let last = k[5].len();
    k[5][last - 2] = n(20.0);
    k[5][last - 1] = n(20.0);
    let (code, wb, out) = check_one(&b);
    assert_eq!(code, 0, "{out}");
    assert_eq!(indicator(&wb, "2.2")["target"], 40.0);
    assert_eq!(capaian(&wb, "2.2"), 112.5);
    // Jumlah without quarterly targets against the annual target: a warning on that target cell.
    assert_eq!(indicator(&wb, "1.3")["realisation"], 3.0);
    assert!(
        wb["findings"].as_array().unwrap().iter().any(|f| f["cell"] == "F4" && f["severity"] == "warning"),
        "{out}"
    );
}

#[test]
fn stated_realisation_is_checked_against_the_quarters() {
    let mut b = book::diskominfo();
    let k = &mut b.get("Kinerja").rows;
    k[0].push(t("Realisasi"));
    for row in k.iter_mut().skip(1) {
        row.push(V::B);
    }
    let last = k[3].len() - 1;
    k[3][last] = n(7.5); // quarters sum to 6,5
    let (_, wb, out) = check_one(&b);
    assert_eq!(indicator(&wb, "1.3")["realisation"], 7.5);
    let f = wb["findings"].as_array().unwrap();
    assert!(f.iter().any(|f| f["cell"] == "M4" && f["message"].as_str().unwrap().contains("6,5")), "{out}");
}

#[test]
fn every_format_gives_the_same_figures() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = Dir::new();
    let xlsx = dir.book("diskominfo.xlsx", &book::diskominfo_dievaluasi());
    let measure = |p: &std::path::Path| {
        let run = dir.run(&["check", "--json", p.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}: {}", p.display(), run.all());
        run.json()["workbooks"][0]["measurement"].clone()
    };
    let reference = measure(&xlsx);
    assert_eq!(reference["summary"]["capaian"], 101.47);
    for f in ["diskominfo.xls", "diskominfo.ods"] {
        assert_eq!(measure(&fixtures.join(f)), reference, "{f} differs from the .xlsx");
    }
    // A file named .xlsm (or anything) is read by its content.
    let xlsm = dir.input("diskominfo.xlsm");
    std::fs::copy(&xlsx, &xlsm).unwrap();
    assert_eq!(measure(&xlsm), reference);
    // .ods percentage cells mean what they show: 82 %, 88 %, 93 %, as in the .xlsx.
    let capil = measure(&fixtures.join("dispendukcapil.ods"));
    let dir2 = Dir::new();
    let capil_xlsx = dir2.book("c.xlsx", &book::dispendukcapil());
    let run = dir2.run(&["check", "--json", capil_xlsx.to_str().unwrap()]);
    assert_eq!(capil, run.json()["workbooks"][0]["measurement"]);
    assert_eq!(capil["indicators"][4]["realisation"], 93.0);
}

#[test]
fn a_percentage_read_as_a_fraction_is_pointed_out() {
    let mut b = book::diskominfo();
    b.get("Kinerja").rows[2][9] = n(0.94); // 94 % typed where the cell held its fraction
    let (_, wb, out) = check_one(&b);
    let f = wb["findings"].as_array().unwrap();
    assert!(
        f.iter().any(|x| x["cell"] == "J3" && x["message"].as_str().unwrap().contains("mungkin maksudnya 94 %")),
        "{out}"
    );
}

#[test]
fn identity_date_as_an_excel_serial() {
    let mut b = book::diskominfo();
    set_key(&mut b, "Tanggal", n(45306.0));
    let (_, wb, _) = check_one(&b);
    assert_eq!(wb["workbook"]["identity"]["date"], "2024-01-15");
}

#[test]
fn check_takes_input_like_build() {
    let dir = Dir::new();
    std::fs::create_dir_all(dir.path().join("lain")).unwrap();
    book::diskominfo().save(&dir.path().join("lain/d.xlsx")).unwrap();
    let run = dir.run(&["check", "--input", "lain", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(run.json()["workbooks"][0]["file"], "lain/d.xlsx");
    // The default folder is still input/, empty here.
    let empty = dir.run(&["check"]);
    assert_eq!(empty.code, 1);
    assert!(empty.stdout.contains("di folder input."), "{}", empty.stdout);
}
