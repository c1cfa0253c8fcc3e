//! The Renja evaluation form of Permendagri 86/2017 (issue 16): the real Deli Serdang file, forms the
//! tests write in its layout (with and without the Visi / Misi columns, and as .ods), the stages from
//! a form, bad forms, and the empty form of `kinerja init --form e81`.

use crate::common::book::{identitas, t, Book, V};
use crate::common::form::{self, contoh, Line};
use crate::common::{indicator, pdf_text, pdfs_under, Dir};
use std::collections::BTreeSet;
use std::path::Path;

const REAL: &str = "tests/fixtures/real/evaluasi-renja-deli-serdang-2025.xlsx";

fn real() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(REAL)
}

fn warning_cells(wb: &serde_json::Value) -> BTreeSet<String> {
    wb["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "warning")
        .filter_map(|f| f["cell"].as_str().map(str::to_string))
        .collect()
}

fn message_at<'a>(wb: &'a serde_json::Value, cell: &str) -> Vec<&'a str> {
    wb["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["cell"] == cell)
        .filter_map(|f| f["message"].as_str())
        .collect()
}

#[test]
fn the_real_deli_serdang_form_is_measured_with_its_own_figures_and_its_anomalies_named() {
    let dir = Dir::new();
    std::fs::copy(real(), dir.input("evaluasi-renja-deli-serdang-2025.xlsx")).unwrap();
    let run = dir.run(&["check", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let wb = run.workbook("evaluasi-renja-deli-serdang-2025.xlsx");
    assert_eq!(wb["status"], "ok", "{wb}");
    assert_eq!(wb["errors"], 0);
    assert_eq!(wb["unit_code"], "bappedalitbang");
    let id = &wb["workbook"]["identity"];
    assert_eq!(id["government"], "Pemerintah Kabupaten Deli Serdang");
    assert_eq!(id["year"], 2025);
    assert_eq!(id["period"], "tw4");
    assert_eq!(id["place"], "Lubuk Pakam");
    assert_eq!(id["signer_name"], "Dr. Ir. REMUS HASIHOLAN PARDEDE, M.Si");
    assert_eq!(id["signer_rank"], "PEMBINA UTAMA MUDA");
    assert_eq!(id["nip"], "196605061992031004");
    assert_eq!(id["renstra_end"], 2030);
    let m = &wb["measurement"];
    // 98 rows with an indicator; 13 of them have no Renja target this year (8 of 0 and 0, 5 blank).
    assert_eq!(m["indicators"].as_array().unwrap().len(), 85);
    // Row 15, the sub-kegiatan "Penyusunan Dokumen Perencanaan Perangkat Daerah": 2 + 0,8 + 1,2 + 0 = 4
    // against 4 (the file's AB15 = 4), Renstra 3 + 4 = 7 against 3 (AF15 = 233,33).
    let i5 = indicator(&wb, "5");
    assert_eq!(i5["target"], 4.0);
    assert_eq!(i5["realisation"], 4.0);
    assert_eq!(i5["capaian"], 100.0);
    assert_eq!(i5["renstra"]["cumulative"], 7.0);
    assert_eq!(i5["renstra"]["capaian"], 233.33);
    // The program's percentage, entered as increments of the year (AB13 = 100).
    assert_eq!(indicator(&wb, "3")["realisation"], 100.0);
    // Row 51: AB51 holds a typed 0 over its formula; the quarters add up to 35 of 35.
    assert_eq!(indicator(&wb, "41")["realisation"], 35.0);
    assert_eq!(indicator(&wb, "41")["capaian"], 100.0);
    // The hierarchy: row 15 is a sub-kegiatan of the kegiatan of row 14, in the program of row 13.
    let place = &wb["workbook"]["indicators"].as_array().unwrap().iter().find(|i| i["code"] == "5").unwrap()["place"];
    assert_eq!(place["program"], "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota");
    assert_eq!(place["kegiatan"], "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah");
    assert_eq!(place["sub_kegiatan"], "Penyusunan Dokumen Perencanaan Perangkat Daerah");
    assert_eq!(place["urusan"], "PERENCANAAN");
    // The budget of the six programs adds up to the file's own totals row (O113, AC113).
    assert_eq!(m["budget_total"]["pagu"], 14_723_660_349.0);
    assert_eq!(m["budget_total"]["realisation"], 12_023_973_159.0);
    // Where the file's own figures are wrong, a warning names the cell with both figures.
    let cells = warning_cells(&wb);
    for cell in [
        "AB51", // column 13 typed over: 0 against 35
        "AE64", // column 14 (Rp) = M64 + AF64 instead of + AC64
        "AC11", "AC12", "AC113", // column 13 (Rp) against the quarters that count programs twice
        "R113", "U113", "X113", "AA113", // the totals row counts two programs twice
        "K113",  // the totals' Renstra rupiah leaves out the Program Riset dan Inovasi Daerah
        "J15",   // an annual Renstra target against a cumulative realisation: 233,33 %
        "AD13",  // a percentage added up over the years: 100 + 100 = 200
        "H13",   // two indicators in one cell with one set of figures
        "AH15", "AI14", "AJ14", // figures in columns without a heading
        "X116", // "Desember 2025": a date without its day
        "N108", // no Renja target this year: not measured
    ] {
        assert!(cells.contains(cell), "no warning at {cell}: {cells:?}");
    }
    assert!(
        message_at(&wb, "AB51").iter().any(|m| m.contains("formulir 0") && m.contains("= 35")),
        "{:?}",
        message_at(&wb, "AB51")
    );
    assert!(message_at(&wb, "J15").iter().any(|m| m.contains("233,33 %")));
    assert!(message_at(&wb, "AE64").iter().any(|m| m.contains("81.825.849") && m.contains("177.868.883")));
    // Where they are right, nothing: no warning on column 13 of a row whose quarters add up.
    assert!(!cells.contains("AB15") && !cells.contains("AC15") && !cells.contains("AE15"));
}

#[test]
fn the_real_form_builds_a_draft_grouped_by_sasaran_and_program_with_its_budget() {
    let dir = Dir::new();
    std::fs::copy(real(), dir.input("evaluasi-renja-deli-serdang-2025.xlsx")).unwrap();
    let run = dir.run(&["build", "--date", "2026-01-15"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let pdfs = pdfs_under(&dir.path().join("output/2025/tw4/bappedalitbang/draft"));
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    let text = pdf_text(&pdfs[0]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "PEMERINTAH KABUPATEN DELI SERDANG",
        "TRIWULAN IV TAHUN 2025",
        "Meningkatnya Kinerja Perangkat Daerah",
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        "Sub Kegiatan: Penyusunan Dokumen Perencanaan",
        "14.723.660.349",
        "12.023.973.159",
    ] {
        assert!(flat.contains(expected), "the draft lacks {expected:?}");
    }
}

fn measurement_of(dir: &Dir, name: &str) -> serde_json::Value {
    let run = dir.run(&["check", "--json", dir.input(name).to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.all());
    let wb = run.workbook(name);
    assert_eq!(wb["status"], "ok", "{wb}");
    wb["measurement"].clone()
}

#[test]
fn a_written_form_with_or_without_visi_misi_and_as_ods_gives_the_same_measurement() {
    let dir = Dir::new();
    dir.book("dengan-visi.xlsx", &form::form(&contoh(), true, "Realisasi TW IV"));
    dir.book("tanpa-visi.xlsx", &form::form(&contoh(), false, "Realisasi TW IV"));
    let with = measurement_of(&dir, "dengan-visi.xlsx");
    let without = measurement_of(&dir, "tanpa-visi.xlsx");
    assert_eq!(with, without);
    // The figures of the form: a percentage entered as increments (20 + 25 + 20 + 25 = 90 of 90),
    // a kegiatan and its two sub-kegiatan, a program's value (76,5 of 75), a continuation row.
    let wb = serde_json::json!({ "measurement": with });
    for (code, realisation, capaian) in [
        ("2", 90.0, 100.0),
        ("3", 4.0, 100.0),
        ("4", 2.0, 100.0),
        ("5", 2.0, 100.0),
        ("6", 76.5, 102.0),
        ("7", 10.0, 100.0),
    ] {
        let i = indicator(&wb, code);
        assert_eq!(i["realisation"], realisation, "{code}");
        assert_eq!(i["capaian"], capaian, "{code}");
    }
    assert_eq!(with["sasaran"].as_array().unwrap().len(), 2);
    assert_eq!(with["budget_total"]["pagu"], 1_700_000_000.0);
    assert_eq!(with["budget_total"]["realisation"], 1_640_000_000.0);
    // The same form saved by LibreOffice as .ods (tests/fixtures/form-contoh.ods; made from
    // form::form(&contoh(), true, …) with `soffice --convert-to ods`).
    let ods = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/form-contoh.ods");
    std::fs::copy(ods, dir.input("form-contoh.ods")).unwrap();
    assert_eq!(measurement_of(&dir, "form-contoh.ods"), with);
}

#[test]
fn a_form_goes_through_konsep_and_final_like_a_kinerja_workbook() {
    let dir = Dir::new();
    // An Identitas sheet beside the form gives the unit's own code.
    let mut book = form::form(&contoh(), false, "Realisasi TW IV");
    book = book.sheet("Identitas", identitas(&[("Kode Unit", t("dinas-contoh"))]));
    dir.book("evaluasi-renja.xlsx", &book);
    for stage in ["draft", "konsep", "final"] {
        let run = dir.run(&["build", "--stage", stage, "--date", "2026-01-15"]);
        assert_eq!(run.code, 0, "{stage}: {}", run.all());
    }
    let unit = dir.path().join("output/2025/tw4/dinas-contoh");
    for stage in ["draft", "konsep", "final"] {
        assert_eq!(pdfs_under(&unit.join(stage)).len(), 1, "{stage}");
    }
    let text = pdf_text(&pdfs_under(&unit.join("final"))[0]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Dr. NAMA KEPALA, S.T., M.Si"), "{flat}");
    assert!(flat.contains("15 Desember 2025"), "{flat}");
    // A changed realisation after the konsep refuses the final, as for a workbook.
    let mut lines = contoh();
    lines[2].quarters[3] = Some((0.0, 2e8));
    let mut changed = form::form(&lines, false, "Realisasi TW IV");
    changed = changed.sheet("Identitas", identitas(&[("Kode Unit", t("dinas-contoh"))]));
    dir.book("evaluasi-renja.xlsx", &changed);
    let run = dir.run(&["build", "--stage", "final", "--date", "2026-01-16"]);
    assert_ne!(run.code, 0, "{}", run.all());
    assert!(run.all().contains("realisasi 4 di konsep, 3 sekarang"), "{}", run.all());
}

#[test]
fn bad_forms_get_findings_by_cell_and_the_batch_goes_on() {
    let dir = Dir::new();
    let mut book = form::form(&contoh(), true, "Realisasi TW IV");
    // Indicator 3 (row 13): TW II typed as a word; indicator 4 (row 14): its target left blank.
    let sheet = &mut book.sheets[0];
    sheet.rows[12][form_col(true, "q2")] = t("dua");
    sheet.rows[13][form_col(true, "target")] = V::B;
    dir.book("rusak.xlsx", &book);
    let good = form::form(&contoh(), false, "Realisasi TW IV")
        .sheet("Identitas", identitas(&[("Kode Unit", t("dinas-lain"))]));
    dir.book("baik.xlsx", &good);
    let run = dir.run(&["check", "--json"]);
    assert_ne!(run.code, 0);
    let bad = run.workbook("rusak.xlsx");
    assert_eq!(bad["status"], "error");
    let errors: Vec<(String, String)> = bad["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                format!("{}!{}", f["sheet"].as_str().unwrap_or(""), f["cell"].as_str().unwrap_or("")),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(errors.iter().any(|(at, m)| at == "Realisasi TW IV!S13" && m.contains("teks \"dua\"")), "{errors:?}");
    assert!(errors.iter().any(|(at, m)| at == "Realisasi TW IV!N14" && m.contains("kosong")), "{errors:?}");
    // The good form of the same batch is built; nothing of the bad one is archived.
    let run = dir.run(&["build", "--date", "2026-01-15"]);
    assert_ne!(run.code, 0);
    assert_eq!(pdfs_under(&dir.path().join("output")).len(), 1, "{}", run.all());
}

/// The 0-based column of a part of the written form.
fn form_col(visi: bool, what: &str) -> usize {
    let base = if visi { 4 } else { 0 };
    match what {
        "target" => base + 9,
        "q2" => base + 14,
        other => panic!("{other}"),
    }
}

#[test]
fn init_writes_an_empty_form_that_is_read_as_unfilled_and_reads_once_filled() {
    let dir = Dir::new();
    let run = dir.run(&["init", "kantor", "--form", "e81"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let empty = dir.path().join("kantor/input/formulir-evaluasi-renja-e81.xlsx");
    let run = dir.run(&["check", "--json", empty.to_str().unwrap()]);
    assert_eq!(run.workbook("formulir-evaluasi-renja-e81.xlsx")["status"], "empty", "{}", run.all());
    // Filled in as an office would: the title, the unit, the lines of the Dinas Contoh under the
    // shipped header, and the added Polaritas column (column AE) for its one negative indicator.
    let mut rows = cells_of(&empty);
    rows.truncate(10);
    rows[1][0] = t("Kabupaten Contoh");
    rows[2][0] = t("Tahun 2025");
    rows[9][1] = t("Perangkat Daerah : Dinas Contoh Pelayanan (DISCONTOH)");
    let polaritas = rows[5].iter().position(|c| matches!(c, V::T(s) if s == "Polaritas")).expect("a Polaritas column");
    let mut lines = contoh();
    lines[6].indikator = Some("Jumlah temuan BPK yang belum ditindaklanjuti".into());
    lines[6].quarters = [Some((1.0, 0.0)); 4];
    let mut data = form::form(&lines, false, "Realisasi TW IV").sheets.remove(0).rows.split_off(10);
    data[6].resize(polaritas + 1, V::B);
    data[6][polaritas] = t("Negatif");
    rows.extend(data);
    dir.book("isi.xlsx", &Book::new().sheet("Realisasi TW IV", rows));
    let run = dir.run(&["check", "--json"]);
    let wb = run.workbook("isi.xlsx");
    assert_eq!(wb["status"], "ok", "{wb}");
    assert_eq!(wb["measurement"]["indicators"].as_array().unwrap().len(), 6);
    assert_eq!(indicator(&wb, "7")["capaian"], 160.0); // (2 × 10 − 4) / 10
    assert_eq!(wb["workbook"]["identity"]["year"], 2025);
}

/// The cells of a workbook's first sheet from A1, as the test builders write them.
fn cells_of(path: &Path) -> Vec<Vec<V>> {
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let (r0, c0) = range.start().unwrap();
    let (r1, c1) = range.end().unwrap();
    let mut rows = vec![vec![V::B; c1 as usize + 1]; r1 as usize + 1];
    for r in r0..=r1 {
        for c in c0..=c1 {
            rows[r as usize][c as usize] = match range.get_value((r, c)) {
                Some(Data::String(s)) => t(s),
                Some(Data::Float(x)) => V::N(*x),
                Some(Data::Int(i)) => V::N(*i as f64),
                _ => V::B,
            };
        }
    }
    rows
}

#[test]
fn a_line_with_its_column_13_typed_over_is_measured_on_its_quarters_and_said() {
    let dir = Dir::new();
    let mut lines = contoh();
    lines[2] = Line { typed_13: Some(3.0), ..lines[2].clone() };
    dir.book("f.xlsx", &form::form(&lines, false, "Realisasi TW IV"));
    let run = dir.run(&["check", "--json"]);
    let wb = run.workbook("f.xlsx");
    assert_eq!(indicator(&wb, "3")["realisation"], 4.0);
    // Column 13 of the form without Visi/Misi is X; the line is row 13.
    assert!(message_at(&wb, "X13").iter().any(|m| m.contains("formulir 3") && m.contains("= 4")), "{wb}");
}

/// Writes the test form to `$KINERJA_FORMULIR` (to make tests/fixtures/form-contoh.ods from it with
/// LibreOffice): `KINERJA_FORMULIR=/tmp/form-contoh.xlsx cargo test write_the_test_form -- --ignored`.
#[test]
#[ignore]
fn write_the_test_form() {
    let path = std::env::var("KINERJA_FORMULIR").expect("KINERJA_FORMULIR");
    form::form(&contoh(), true, "Realisasi TW IV").save(Path::new(&path)).unwrap();
}

#[test]
fn a_workbook_of_one_sheet_per_quarter_reads_the_latest_or_the_one_identitas_names() {
    let dir = Dir::new();
    let mut tw3 = contoh();
    for line in &mut tw3 {
        line.quarters[3] = None;
    }
    let mut book = form::form(&tw3, false, "Realisasi TW III");
    book.sheets.extend(form::form(&contoh(), false, "Realisasi TW IV").sheets);
    dir.book("per-triwulan.xlsx", &book);
    let run = dir.run(&["check", "--json"]);
    let wb = run.workbook("per-triwulan.xlsx");
    assert_eq!(wb["workbook"]["identity"]["period"], "tw4", "{wb}");
    assert!(
        wb["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["message"].as_str().unwrap().contains("lembar \"Realisasi TW III\" tidak dibaca")),
        "{wb}"
    );
    let book = book.sheet("Identitas", identitas(&[("Periode", t("Triwulan III"))]));
    dir.book("per-triwulan.xlsx", &book);
    let wb = dir.run(&["check", "--json"]).workbook("per-triwulan.xlsx");
    assert_eq!(wb["workbook"]["identity"]["period"], "tw3", "{wb}");
    // Triwulan III: 1 + 1 + 1 of the year's 4 laporan.
    assert_eq!(indicator(&wb, "3")["realisation"], 3.0);
}

#[test]
fn an_evaluators_block_beside_the_signers_is_the_dievaluasi_oleh_of_the_final() {
    let dir = Dir::new();
    let mut book = form::form(&contoh(), false, "Realisasi TW IV");
    let rows = &mut book.sheets[0].rows;
    let n = rows.len();
    // The Bappeda's block at column D, labelled, beside the office's unlabelled one.
    for (back, text) in [
        (9, "Dievaluasi oleh,"),
        (7, "KEPALA BAPPEDA KABUPATEN CONTOH"),
        (3, "Ir. PENGEVALUASI, M.T."),
        (1, "NIP. 19700101 199503 1 002"),
    ] {
        rows[n - back][3] = t(text);
    }
    dir.book("f.xlsx", &book);
    let wb = dir.run(&["check", "--json"]).workbook("f.xlsx");
    let id = &wb["workbook"]["identity"];
    assert_eq!(id["signer_name"], "Dr. NAMA KEPALA, S.T., M.Si", "{id}");
    assert_eq!(id["evaluator"]["name"], "Ir. PENGEVALUASI, M.T.", "{id}");
    assert_eq!(id["evaluator"]["title"], "KEPALA BAPPEDA KABUPATEN CONTOH");
    assert_eq!(id["evaluator"]["nip"], "197001011995031002");
    for stage in ["draft", "konsep", "final"] {
        let run = dir.run(&["build", "--stage", stage, "--date", "2026-01-15"]);
        assert_eq!(run.code, 0, "{}", run.all());
    }
    let text = pdf_text(&pdfs_under(&dir.path().join("output/2025/tw4/discontoh/final"))[0]);
    assert!(text.contains("Ir. PENGEVALUASI, M.T."), "{text}");
}

#[test]
fn text_from_the_forms_cells_prints_literally() {
    let hostile = ["#read(\"/etc/passwd\")", "] #panic(\"x\") [", "$x$ dan *b* dan _i_ <l> @r", "{{ data }} {% if %}"];
    let mut lines = contoh();
    lines[1].program = Some(format!("Program {}", hostile[0]));
    lines[2].program = Some(hostile[1].into());
    lines[2].indikator = Some(hostile[2].into());
    lines[1].sasaran = Some(hostile[3].into());
    let dir = Dir::new();
    dir.book("f.xlsx", &form::form(&lines, false, "Realisasi TW IV"));
    let run = dir.run(&["build", "--date", "2026-01-15"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let text = pdf_text(&pdfs_under(&dir.path().join("output"))[0]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for h in [
        format!("Program {}", hostile[0]),
        format!("Kegiatan: {}", hostile[1]),
        hostile[2].to_string(),
        hostile[3].to_string(),
    ] {
        assert!(flat.contains(&h), "PDF lacks literal {h:?}:\n{flat}");
    }
    assert!(!text.contains("root:x:0"), "a cell read a file");
}

/// The measurement without the budget lines' names (which carry the codes of a coded form).
fn figures_of(m: &serde_json::Value) -> serde_json::Value {
    serde_json::json!({ "indicators": m["indicators"], "sasaran": m["sasaran"], "budget_total": m["budget_total"], "summary": m["summary"] })
}

#[test]
fn a_form_laid_out_otherwise_reads_the_same() {
    // Another office's copy: no row of column numbers, a group per quarter named with its months and
    // no I–IV row, Permendagri 90 codes in column 3, the second sasaran as a heading row of its own,
    // the sheet called "TW 4".
    let dir = Dir::new();
    let base = measurement_of(
        &{
            dir.book("asli.xlsx", &form::form(&contoh(), false, "Realisasi TW IV"));
            dir
        },
        "asli.xlsx",
    );
    let dir = Dir::new();
    let mut lines = contoh();
    for (line, code) in lines.iter_mut().zip([
        "2.16",
        "2.16.02",
        "2.16.02.1.01",
        "2.16.02.1.01.0001",
        "2.16.02.1.01.0002",
        "2.16.01",
        "",
    ]) {
        if let (Some(p), false) = (&line.program, code.is_empty()) {
            line.program = Some(format!("{code} {p}"));
        }
    }
    let second_sasaran = lines[5].sasaran.take().unwrap();
    let mut book = form::form(&lines, false, "TW 4");
    let sheet = &mut book.sheets[0];
    sheet.name = "TW 4".into();
    sheet.merges.retain(|m| !(m.0 == 5 && m.2 == 5)); // the quarters' merged group name
    for row in &mut sheet.rows[6..8] {
        row.fill(V::B);
    }
    let q0 = 11;
    for (i, months) in ["I (Jan–Mar)", "II (Apr–Jun)", "III (Jul–Sep)", "IV (Okt–Des)"].iter().enumerate() {
        sheet.rows[5][q0 + 3 * i] = t(&format!("Realisasi Triwulan {months}"));
    }
    let mut heading = vec![V::B; sheet.rows[10].len()];
    heading[1] = t(&second_sasaran);
    sheet.rows.insert(15, heading);
    dir.book("lain.xlsx", &book);
    let other = measurement_of(&dir, "lain.xlsx");
    assert_eq!(figures_of(&other), figures_of(&base));
    let wb = dir.run(&["check", "--json"]).workbook("lain.xlsx");
    assert_eq!(wb["workbook"]["identity"]["period"], "tw4");
    let place = &wb["workbook"]["indicators"][2]["place"]; // indicator 4
    assert_eq!(place["sub_kegiatan"], "2.16.02.1.01.0001 Penyusunan Standar Layanan", "{place}");
}

#[test]
fn polarity_and_aggregation_columns_an_office_adds_are_read_and_checked() {
    let mut lines = contoh();
    lines[6].indikator = Some("Jumlah temuan BPK yang belum ditindaklanjuti".into());
    lines[6].quarters = [Some((1.0, 0.0)); 4];
    let with_columns = |values: [(&str, &str); 7]| {
        let mut book = form::form(&lines, false, "Realisasi TW IV");
        let rows = &mut book.sheets[0].rows;
        rows[5].extend([t("Polaritas"), t("Agregasi")]);
        for (i, (p, a)) in values.iter().enumerate() {
            rows[10 + i].extend([t(p), t(a)]);
        }
        book
    };
    let dir = Dir::new();
    let mut values = [("", ""); 7];
    values[6] = ("Negatif", "jumlah");
    values[5] = ("", "terakhir");
    dir.book("f.xlsx", &with_columns(values));
    let wb = dir.run(&["check", "--json"]).workbook("f.xlsx");
    assert_eq!(wb["status"], "ok", "{wb}");
    // (2 × 10 − 4) / 10 × 100 = 160 %.
    assert_eq!(indicator(&wb, "7")["polarity"], "negatif");
    assert_eq!(indicator(&wb, "7")["capaian"], 160.0);
    assert_eq!(indicator(&wb, "6")["aggregation"], "terakhir");
    values[6] = ("Naik turun", "jumlah");
    dir.book("f.xlsx", &with_columns(values));
    let wb = dir.run(&["check", "--json"]).workbook("f.xlsx");
    assert_eq!(wb["status"], "error");
    // The Polaritas column is the 30th (AC), after column 15's two.
    assert!(message_at(&wb, "AD17").iter().any(|m| m.contains("Polaritas \"Naik turun\" tidak dikenal")), "{wb}");
}

#[test]
fn an_identitas_year_that_the_forms_headings_contradict_is_refused_at_the_target_heading() {
    // The headings say this year's target is 2025's; an Identitas sheet says 2024: which columns are
    // this year's is no longer certain, so nothing is read as such.
    let dir = Dir::new();
    let book = form::form(&contoh(), false, "Realisasi TW IV").sheet("Identitas", identitas(&[("Tahun", t("2024"))]));
    dir.book("f.xlsx", &book);
    let wb = dir.run(&["check", "--json"]).workbook("f.xlsx");
    assert_eq!(wb["status"], "error", "{wb}");
    // Column 8 of the form without Visi/Misi is J; its heading is in row 6.
    assert!(message_at(&wb, "J6").iter().any(|m| m.contains("Tahun 2024 di lembar Identitas")), "{wb}");
    assert_eq!(wb["measurement"], serde_json::Value::Null);
}
