//! Real Renja forms of five governments (issue 22), each read right — its worked figures of
//! tests/fixtures/real/README.md asserted figure by figure — or refused with the table's own reason
//! at a cell. No figure of a column about earlier years ever becomes this year's realisation.

use crate::common::zipped::with_identitas;
use crate::common::{pdf_text, pdfs_under, Dir};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real").join(name)
}

/// `check --json` of one file placed in `input/`.
fn checked(dir: &Dir, name: &str) -> Value {
    let run = dir.run(&["check", "--json", dir.input(name).to_str().unwrap()]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.workbook(name)
}

/// The measured indicator of that name.
fn named<'a>(wb: &'a Value, name: &str) -> &'a Value {
    wb["measurement"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"].as_str().is_some_and(|n| n.trim() == name))
        .unwrap_or_else(|| panic!("no indicator {name:?} in {}", wb["measurement"]))
}

/// The workbook's indicator of that name (its quarters, satuan).
fn read_as<'a>(wb: &'a Value, name: &str) -> &'a Value {
    wb["workbook"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"].as_str().is_some_and(|n| n.trim() == name))
        .unwrap_or_else(|| panic!("no indicator {name:?}"))
}

fn findings_at<'a>(wb: &'a Value, cell: &str) -> Vec<&'a str> {
    wb["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["cell"] == cell)
        .filter_map(|f| f["message"].as_str())
        .collect()
}

/// What `check` says a column was taken for.
fn column<'a>(wb: &'a Value, letters: &str) -> &'a str {
    wb["form"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["columns"] == letters)
        .and_then(|c| c["read_as"].as_str())
        .unwrap_or_else(|| panic!("no column {letters} in {}", wb["form"]))
}

#[test]
fn sukabumi_2018_reads_its_rkpd_numbering_and_never_this_years_realisation_from_the_rpjmd_columns() {
    let dir = Dir::new();
    std::fs::copy(real("evaluasi-renja-sukabumi-bappeda-2018.xlsx"), dir.input("sukabumi.xlsx")).unwrap();
    // As published, the form does not name its unit: refused at its title, with the reading shown.
    let wb = checked(&dir, "sukabumi.xlsx");
    assert_eq!(wb["status"], "error");
    assert!(findings_at(&wb, "A3").iter().any(|m| m.contains("Perangkat Daerah tidak ditemukan")), "{wb}");
    assert_eq!(wb["form"]["number_row"], 13);
    assert_eq!(wb["form"]["data_rows"], serde_json::json!([15, 44]));
    assert!(column(&wb, "K").contains("s.d. tahun lalu"), "{}", column(&wb, "K"));
    assert!(column(&wb, "W").starts_with("realisasi tahun ini"));
    assert!(column(&wb, "I").starts_with("satuan"));
    assert!(column(&wb, "N").contains("Rp × 1.000"));
    // With an Identitas sheet added beside the form (the rest of the file byte for byte).
    with_identitas(
        &real("evaluasi-renja-sukabumi-bappeda-2018.xlsx"),
        &dir.input("sukabumi.xlsx"),
        &[("Perangkat Daerah", "Badan Perencanaan Pembangunan Daerah"), ("Kode Unit", "bappeda")],
    );
    let wb = checked(&dir, "sukabumi.xlsx");
    assert_eq!(wb["status"], "ok", "{wb}");
    let id = &wb["workbook"]["identity"];
    assert_eq!(id["government"], "Pemerintah Kabupaten Sukabumi");
    assert_eq!(id["year"], 2018);
    // The form names no quarter; all four are reported: Triwulan IV, said at U13.
    assert_eq!(id["period"], "tw4");
    assert!(findings_at(&wb, "U13").iter().any(|m| m.contains("Triwulan IV")));
    // M18 = 52 with quarters 13/13/13/13 and W18 = 52.
    let atk = read_as(&wb, "Tersedianya alat tulis kantor");
    assert_eq!(atk["real_quarters"], serde_json::json!([13.0, 13.0, 13.0, 13.0]));
    assert_eq!(atk["unit"], "jenis");
    let m = named(&wb, "Tersedianya alat tulis kantor");
    assert_eq!(
        (m["target"].as_f64(), m["realisation"].as_f64(), m["capaian"].as_f64()),
        (Some(52.0), Some(52.0), Some(100.0))
    );
    // M43 = 5 with quarters 1/2/1/1; M44 = 45 (0/0/0/45).
    let diklat = "Jumlah aparatur yang mengikuti pendidikan dan pelatihan formal";
    assert_eq!(read_as(&wb, diklat)["real_quarters"], serde_json::json!([1.0, 2.0, 1.0, 1.0]));
    assert_eq!(named(&wb, diklat)["realisation"], 5.0);
    assert_eq!(named(&wb, diklat)["target"], 5.0);
    let sosialisasi = "Jumlah aparatur yang mengikuti sosialisasi peraturan perundang-undangan";
    assert_eq!(named(&wb, sosialisasi)["target"], 45.0);
    assert_eq!(named(&wb, sosialisasi)["realisation"], 45.0);
    // K17 and K42 hold the RPJMD's earlier years (100): the programs have no realisation this year.
    for program in ["Cakupan layanan administrasi perkantoran", "Cakupan Peningkatan Kapasitas Sumber Daya Aparatur"] {
        let p = named(&wb, program);
        assert_eq!(p["realisation"], Value::Null, "{p}");
        assert_eq!(p["status"], "belum-ada-realisasi");
    }
    // The column-number row is no indicator; 24 indicators, none named "4".
    let inds = wb["measurement"]["indicators"].as_array().unwrap();
    assert_eq!(inds.len(), 24);
    assert!(inds.iter().all(|i| i["name"] != "4"));
    let s = &wb["measurement"]["summary"];
    assert_eq!(s["capaian"], 100.0);
    assert_eq!(s["belum_ada_realisasi"], 2);
    // The budgets in thousands: N17 + N42 = 2.039.260 thousand rupiah, spent in full.
    assert_eq!(wb["measurement"]["budget_total"]["pagu"], 2_039_260_000.0);
    assert_eq!(wb["measurement"]["budget_total"]["realisation"], 2_039_260_000.0);
    // The draft is built without a signer (the form's signature block is empty).
    let run = dir.run(&["build", "--date", "2019-01-15"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let text = pdf_text(&pdfs_under(&dir.path().join("output/2018/tw4/bappeda/draft"))[0]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in ["PEMERINTAH KABUPATEN SUKABUMI", "TRIWULAN IV TAHUN 2018", "2.039.260.000"] {
        assert!(flat.contains(expected), "the draft lacks {expected:?}");
    }
    assert!(!flat.contains("542,86") && !flat.contains("117,71"), "{flat}");
}

#[test]
fn bondowoso_tw1_2021_an_xls_under_an_xlsx_name_is_read_from_its_data_sheet_and_builds_a_draft_without_a_signer() {
    let dir = Dir::new();
    let name = "evaluasi-renja-bondowoso-disdikbud-tw1-2021.xlsx";
    std::fs::copy(real(name), dir.input(name)).unwrap();
    let wb = checked(&dir, name);
    assert_eq!(wb["status"], "ok", "{wb}");
    assert_eq!(wb["errors"], 0);
    let messages: Vec<&str> = wb["findings"].as_array().unwrap().iter().filter_map(|f| f["message"].as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("Berkas bernama .xlsx tetapi isinya buku kerja Excel lama (.xls)")));
    assert!(messages.iter().any(|m| m.contains("yang dibaca lembar \"Isian Kinerja\"")));
    // Nothing about the template rows of #N/A under the data, nothing sent to "fix the formula".
    assert!(!messages.iter().any(|m| m.contains("galat rumus")), "{messages:?}");
    let id = &wb["workbook"]["identity"];
    assert_eq!(id["government"], "Pemerintah Kabupaten Bondowoso");
    assert_eq!(id["unit"], "Dinas Pendidikan dan Kebudayaan");
    assert_eq!((id["year"].as_i64(), id["period"].as_str()), (Some(2021), Some("tw1")));
    // The README's figures (cells of the print sheet; the data sheet's rows are one higher):
    // K10 = 100 / N10 = 100 → 100 %; K15 = 3 / N15 = 1 → 33,33 %; K17 = 120 / N17 = 30 → 25 %.
    for (indicator, target, realisation, capaian) in [
        ("% asn", 100.0, 100.0, 100.0),
        ("JUMLAH DOK PERENCANAA", 3.0, 1.0, 33.33),
        ("JUMLAH YG DIBAYAR", 120.0, 30.0, 25.0),
        // TW I only: the 50 typed under TW II is not this period's (said at N10).
        ("% sarana", 100.0, 25.0, 25.0),
    ] {
        let i = named(&wb, indicator);
        assert_eq!(
            (i["target"].as_f64(), i["realisation"].as_f64(), i["capaian"].as_f64()),
            (Some(target), Some(realisation), Some(capaian)),
            "{indicator}"
        );
    }
    assert!(findings_at(&wb, "N10").iter().any(|m| m.contains("TW II")), "{wb}");
    // "Jumlah evaluasi" has no TW I value: not 200 % from I16's RPJMD figures.
    let evaluasi = named(&wb, "Jumlah evaluasi");
    assert_eq!(evaluasi["realisation"], Value::Null);
    assert_eq!(evaluasi["status"], "belum-ada-realisasi");
    assert_eq!(wb["measurement"]["summary"]["capaian"], 45.83);
    assert_eq!(wb["measurement"]["summary"]["predikat"], "Sangat Rendah");
    // The polarity and aggregation columns it names by their content, the satuan by its heading.
    assert_eq!(read_as(&wb, "% sarana")["aggregation"], "terakhir");
    assert_eq!(read_as(&wb, "JUMLAH DOK PERENCANAA")["aggregation"], "jumlah");
    assert_eq!(read_as(&wb, "JUMLAH YG DIBAYAR")["unit"], "orang/bulan");
    assert!(column(&wb, "H").contains("s.d. tahun lalu"));
    assert!(column(&wb, "L").starts_with("polaritas"));
    // A draft needs only what it prints: it is built without a signer; the konsep asks for one.
    let run = dir.run(&["build", "--date", "2021-04-15"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let pdfs = pdfs_under(&dir.path().join("output/2021/tw1/dinas-pendidikan-dan-kebudayaan/draft"));
    let flat = pdf_text(&pdfs[0]).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in ["PEMERINTAH KABUPATEN BONDOWOSO", "TRIWULAN I TAHUN 2021", "33,33 %", "45,83 %", "Sangat Rendah"] {
        assert!(flat.contains(expected), "the draft lacks {expected:?}: {flat}");
    }
    assert!(!flat.contains("200,00"), "{flat}");
    let run = dir.run(&["build", "--stage", "konsep", "--date", "2021-04-16"]);
    assert_ne!(run.code, 0);
    assert!(run.all().contains("Penandatangan belum lengkap"), "{}", run.all());
}

#[test]
fn the_j1_table_of_permendagri_54_2010_is_read_as_an_annual_evaluation_with_all_21_indicators() {
    let dir = Dir::new();
    let name = "renja-j1-jabar-biro-bina-produksi-2014.xls";
    std::fs::copy(real(name), dir.input(name)).unwrap();
    let wb = checked(&dir, name);
    assert_eq!(wb["status"], "ok", "{wb}");
    let id = &wb["workbook"]["identity"];
    assert_eq!(id["government"], "Pemerintah Provinsi Jawa Barat");
    assert_eq!(id["unit"], "Biro Bina Produksi");
    assert_eq!((id["year"].as_i64(), id["period"].as_str()), (Some(2014), Some("tahunan")));
    // All 21, across the blank rows between programs; each named by column I's text (H holds "-").
    let inds = wb["measurement"]["indicators"].as_array().unwrap();
    assert_eq!(inds.len(), 21);
    assert!(inds.iter().all(|i| i["name"] != "-" && i["target"] == 1.0 && i["realisation"] == 1.0));
    assert_eq!(named(&wb, "Fasilitasi ATP")["capaian"], 100.0);
    assert_eq!(named(&wb, "Kebijakan penilaian usaha Perkebunan Besar")["code"], "20");
    // The year's realisation is column M ("Realisasi Renja SKPD Tahun 2014"); the Renstra target
    // "Tahun 2013" is before the year evaluated and not read.
    assert!(column(&wb, "M").starts_with("realisasi tahun ini"));
    assert!(column(&wb, "L").starts_with("target tahun ini"));
    assert!(column(&wb, "O").contains("tahun 2013"));
    assert!(findings_at(&wb, "J8").iter().any(|m| m.contains("tahun 2013")));
    assert!(inds.iter().all(|i| i["renstra"].is_null()), "no Renstra figure from a column not read");
}

#[test]
fn the_regulations_own_empty_e81_gets_advice_for_the_form_with_its_quarters_typed_with_the_letter_l() {
    let dir = Dir::new();
    let name = "formulir-e81-kosong-kota-bandung-2018.xls";
    std::fs::copy(real(name), dir.input(name)).unwrap();
    let wb = checked(&dir, name);
    assert_eq!(wb["status"], "empty", "{wb}");
    let advice = wb["advice"].as_str().unwrap();
    // Its own columns, the quarters I, Il, Ill, IV found: not the kinerja workbook's sheets.
    assert!(advice.contains("indikator di kolom D") && advice.contains("target tahun ini di kolom I"), "{advice}");
    assert!(advice.contains("kolom K, M, O, Q"), "{advice}");
    assert!(!advice.contains("Kinerja"), "{advice}");
    let run = dir.run(&["build", "--date", "2019-01-15"]);
    assert!(run.all().contains("Formulir belum diisi"), "{}", run.all());
}

#[test]
fn tables_that_are_not_performance_forms_are_refused_and_nothing_crashes() {
    let dir = Dir::new();
    for name in ["bukan-kinerja-realisasi-covid-jatim-2020.xlsx", "cascade-iki-biro-organisasi-jabar.xlsx"] {
        std::fs::copy(real(name), dir.input(name)).unwrap();
        let wb = checked(&dir, name);
        assert_eq!(wb["status"], "error", "{name}: {wb}");
        assert!(wb.get("form").is_none(), "{name} was taken for a form");
        assert_eq!(wb["measurement"], Value::Null);
    }
}

#[test]
fn check_shows_how_a_form_was_read_column_by_column_and_level_by_level() {
    let dir = Dir::new();
    let name = "evaluasi-renja-deli-serdang-2025.xlsx";
    std::fs::copy(real(name), dir.input(name)).unwrap();
    let run = dir.run(&["check", dir.input(name).to_str().unwrap()]);
    let out = run.stdout;
    assert!(out.contains("Cara formulir dibaca (lembar \"Realisasi TW IV\"): kepala tabel baris 6–9 (nomor kolom di baris 8), data baris 11–112, baris jumlah 113."), "{out}");
    for line in [
        "L      \"Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai de…\" K → realisasi Renstra/RPJMD s.d. tahun lalu",
        "P      \"Realisasi Kinerja Pada Triwulan I\" K → realisasi TW I, K",
        "Q      \"Realisasi Kinerja Pada Triwulan I\" % → realisasi TW I, % (tidak dipakai)",
        "AB     \"Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daera…\" K → realisasi tahun ini menurut formulir (dibandingkan), K",
        "B      \"Visi\" → visi / misi / tujuan / sasaran RPJMD (tidak dipakai)",
        "Tingkat baris: urusan / bidang 11–12",
    ] {
        assert!(out.contains(line), "check lacks {line:?}:\n{out}");
    }
    let wb = dir.run(&["check", "--json"]).workbook(name);
    let levels = wb["form"]["levels"].as_array().unwrap();
    let program = levels.iter().find(|l| l["level"] == "program").unwrap();
    assert!(program["rows"].as_array().unwrap().contains(&serde_json::json!(13)));
}
