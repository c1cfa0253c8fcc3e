//! Bad input: each kind of problem gets its finding, in Bahasa Indonesia,
//! with file, sheet and cell; the other workbooks of the batch go on.

use crate::common::book::{self, n, t, Book, V};
use crate::common::Dir;
use serde_json::Value;

/// Runs `check --json` on one workbook and returns (exit code, its findings).
fn findings_of(book: &Book) -> (i32, Vec<Value>) {
    let dir = Dir::new();
    let p = dir.book("salah.xlsx", book);
    let run = dir.run(&["check", "--json", p.to_str().unwrap()]);
    let json = run.json();
    (run.code, json["workbooks"][0]["findings"].as_array().unwrap().clone())
}

/// The one error at `sheet!cell`, or a panic listing what was found.
fn error_at<'a>(findings: &'a [Value], sheet: &str, cell: &str) -> &'a Value {
    findings
        .iter()
        .find(|f| f["severity"] == "error" && f["sheet"] == sheet && f["cell"] == cell)
        .unwrap_or_else(|| panic!("no error at {sheet}!{cell}: {findings:#?}"))
}

fn message(f: &Value) -> &str {
    f["message"].as_str().unwrap()
}

#[test]
fn text_where_a_number_belongs() {
    let mut b = book::diskominfo();
    b.get("Kinerja").rows[2][5] = t("sembilan puluh");
    b.get("Kinerja").rows[3][7] = t("1,2,3");
    let (code, f) = findings_of(&b);
    assert_eq!(code, 1);
    let e = error_at(&f, "Kinerja", "F3");
    assert!(message(e).contains("Target berisi teks \"sembilan puluh\"; diharapkan angka"), "{e}");
    assert!(e["hint"].as_str().unwrap().contains("85,5"));
    assert!(message(error_at(&f, "Kinerja", "H4")).contains("Realisasi TW II"));
}

#[test]
fn formula_errors_are_named() {
    let mut b = book::diskominfo();
    b.get("Kinerja").rows[1][9] = V::Err("#DIV/0!".into());
    b.get("Kinerja").rows[2][9] = V::Err("#REF!".into());
    b.get("Anggaran").rows[1][2] = V::Err("#N/A".into());
    let (code, f) = findings_of(&b);
    assert_eq!(code, 1);
    assert!(message(error_at(&f, "Kinerja", "J2")).contains("galat rumus #DIV/0!"));
    assert!(message(error_at(&f, "Kinerja", "J3")).contains("#REF!"));
    assert!(message(error_at(&f, "Anggaran", "C2")).contains("#N/A"));
}

#[test]
fn missing_sheets_and_columns() {
    let (code, f) = findings_of(&book::diskominfo().without("Identitas"));
    assert_eq!(code, 1);
    assert!(f
        .iter()
        .any(|x| message(x).contains("Lembar \"Identitas\" tidak ditemukan") && message(x).contains("\"Kinerja\"")));

    let mut b = book::diskominfo();
    for row in b.get("Kinerja").rows.iter_mut() {
        row.remove(3); // Satuan
    }
    let (code, f) = findings_of(&b);
    assert_eq!(code, 1);
    let e = error_at(&f, "Kinerja", "A1");
    assert!(message(e).contains("Kolom wajib \"Satuan\" tidak ditemukan"), "{e}");
}

#[test]
fn duplicate_codes_and_missing_required_values() {
    let mut b = book::diskominfo();
    b.get("Kinerja").rows[2][0] = t("1.1");
    b.get("Kinerja").rows[4][3] = V::B; // Satuan
    b.get("Kinerja").rows[5][5] = V::B; // Target
    let (_, f) = findings_of(&b);
    let e = error_at(&f, "Kinerja", "A3");
    assert!(message(e).contains("\"1.1\" sudah dipakai di A2"), "{e}");
    assert!(message(error_at(&f, "Kinerja", "D5")).contains("Satuan kosong"));
    assert!(message(error_at(&f, "Kinerja", "F6")).contains("Target kosong"));
}

#[test]
fn identity_values_are_checked() {
    let mut b = book::diskominfo();
    let id = &mut b.get("Identitas").rows;
    id[4][1] = t("dua ribu"); // Tahun, B5
    id[5][1] = t("Semester 1"); // Periode, B6
    id[7][1] = t("besok pagi"); // Tanggal, B8
    id[11][1] = t("19840518 201101 1 01"); // 17 digits, B12
    id.remove(9); // Nama Penandatangan
    let (code, f) = findings_of(&b);
    assert_eq!(code, 1);
    assert!(message(error_at(&f, "Identitas", "B5")).contains("Tahun berisi \"dua ribu\""));
    assert!(message(error_at(&f, "Identitas", "B6")).contains("Periode \"Semester 1\" tidak dikenal"));
    assert!(message(error_at(&f, "Identitas", "B8")).contains("diharapkan tanggal"));
    let nip = error_at(&f, "Identitas", "B11");
    assert!(message(nip).contains("17 angka; diharapkan tepat 18"), "{nip}");
    assert!(f.iter().any(|x| message(x).contains("Kunci \"Nama Penandatangan\" tidak ditemukan")));
}

#[test]
fn unknown_words_in_coded_columns() {
    let mut b = book::diskominfo();
    b.get("Kinerja").rows[1][4] = t("ke atas");
    b.get("Kinerja").rows[2][10] = t("median");
    let (_, f) = findings_of(&b);
    assert!(message(error_at(&f, "Kinerja", "E2")).contains("Polaritas \"ke atas\" tidak dikenal"));
    assert!(message(error_at(&f, "Kinerja", "K3")).contains("Agregasi \"median\" tidak dikenal"));
}

#[test]
fn negative_budget_is_an_error_and_overspending_a_warning() {
    let mut b = book::diskominfo();
    b.get("Anggaran").rows[1][1] = n(-5.0);
    b.get("Anggaran").rows[2][2] = n(700_000_000.0);
    let (_, f) = findings_of(&b);
    assert!(message(error_at(&f, "Anggaran", "B2")).contains("negatif"));
    let w = f.iter().find(|x| x["cell"] == "C3").unwrap();
    assert_eq!(w["severity"], "warning");
    assert!(message(w).contains("melebihi pagu"));
}

#[test]
fn corrupt_and_foreign_files_are_findings_and_the_batch_goes_on() {
    let dir = Dir::new();
    std::fs::write(dir.input("bukan-excel.xlsx"), "ini teks biasa, bukan buku kerja").unwrap();
    let mut zip = std::fs::read(dir.book("rusak.xlsx", &book::diskominfo())).unwrap();
    zip.truncate(zip.len() / 2);
    std::fs::write(dir.input("rusak.xlsx"), zip).unwrap();
    dir.book("baik.xlsx", &book::diskominfo());
    std::fs::write(dir.input("~$baik.xlsx"), "lock file of Excel").unwrap();
    let run = dir.run(&["check", "--json"]);
    assert_eq!(run.code, 1);
    let json = run.json();
    let books = json["workbooks"].as_array().unwrap();
    assert_eq!(books.len(), 3, "the lock file is skipped");
    let status =
        |name: &str| books.iter().find(|b| b["file"].as_str().unwrap().ends_with(name)).unwrap()["status"].clone();
    assert_eq!(status("baik.xlsx"), "ok");
    assert_eq!(status("rusak.xlsx"), "error");
    assert_eq!(status("bukan-excel.xlsx"), "error");
    let text = dir.run(&["check"]);
    assert!(text.stdout.contains("bukan buku kerja yang dapat dibaca"), "{}", text.stdout);
    assert!(text.stdout.contains("3 buku kerja diperiksa: 1 baik, 2 gagal."), "{}", text.stdout);
}

#[test]
fn missing_path_and_empty_input() {
    let dir = Dir::new();
    let run = dir.run(&["check", "tidak-ada.xlsx"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("tidak-ada.xlsx") && run.stdout.contains("tidak ditemukan"));
    let run = dir.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("Tidak ada buku kerja"), "{}", run.stdout);
    assert_eq!(dir.run(&["check", "--tidak-ada"]).code, 2, "a usage error exits 2");
}

#[test]
fn logo_outside_the_workbook_folder_is_refused() {
    let mut b = book::diskominfo();
    b.get("Identitas").rows.push(vec![t("Logo"), t("../../etc/passwd")]);
    let (code, f) = findings_of(&b);
    assert_eq!(code, 1);
    assert!(message(error_at(&f, "Identitas", "B13")).contains("tanpa \"..\""));
}

#[test]
fn real_published_workbooks_end_with_findings_not_panics() {
    let real = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let dir = Dir::new();
    let run = dir.run(&["check", "--json", real.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let json = run.json();
    let books = json["workbooks"].as_array().unwrap();
    // Every real file of the folder (this README is not read: only .xlsx, .xlsm, .xls, .xlsb and .ods are).
    assert_eq!(books.len(), 7);
    let book = |part: &str| books.iter().find(|b| b["file"].as_str().unwrap().contains(part)).unwrap();
    let at = |wb: &Value, sheet: &str, cell: &str| {
        wb["findings"].as_array().unwrap().iter().any(|f| f["sheet"] == sheet && f["cell"] == cell)
    };
    // The forms read, or refused at a cell, or empty with advice (tests/testsuite/real_forms.rs has
    // their figures); the tables that are no form, refused by the kinerja workbook's reader.
    for part in ["deli-serdang", "cascade", "sukabumi"] {
        let wb = book(part);
        let f = wb["findings"].as_array().unwrap();
        assert!(f.iter().any(|x| x["sheet"].is_string() && x["cell"].is_string()), "{wb}");
    }
    assert!(at(book("deli-serdang"), "Realisasi TW IV", "H6"));
    assert!(at(book("sukabumi"), "Sheet-1", "A3"), "{}", book("sukabumi"));
    assert_eq!(book("bondowoso")["status"], "ok");
    assert_eq!(book("renja-j1")["status"], "ok");
    assert_eq!(book("kosong-kota-bandung")["status"], "empty");
    let covid = book("covid");
    assert_eq!(covid["status"], "error");
    assert!(covid["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["message"].as_str().unwrap().contains("\"COVID 2020 (All)\"")));
}

// ------------------------------------------------------------ the hardening corpus

/// Runs `check --json` on a file already in place.
fn findings_of_file(dir: &Dir, path: &std::path::Path) -> (i32, Vec<Value>) {
    let run = dir.run(&["check", "--json", path.to_str().unwrap()]);
    (run.code, run.json()["workbooks"][0]["findings"].as_array().unwrap().clone())
}

#[test]
fn a_workbook_is_read_by_its_bytes_and_a_web_page_saved_as_xls_is_named_as_such() {
    // Many office apps "export to Excel" an HTML table under an .xls name.
    let dir = Dir::new();
    let path = dir.input("laporan.xls");
    std::fs::write(&path, "<html><body><table><tr><td>Indikator</td></tr></table></body></html>").unwrap();
    let (code, f) = findings_of_file(&dir, &path);
    assert_eq!(code, 1);
    assert!(message(&f[0]).contains("tampaknya halaman HTML"), "{f:?}");
    // A kinerja workbook written as .xlsx and named .xls is read by what it is, and said.
    let dir = Dir::new();
    let path = dir.input("contoh.xls");
    book::diskominfo().save(&path).unwrap();
    let run = dir.run(&["check", "--json", path.to_str().unwrap()]);
    let wb = run.workbook("contoh.xls");
    assert_eq!(wb["status"], "ok", "{wb}");
    let messages: Vec<&str> = wb["findings"].as_array().unwrap().iter().filter_map(|f| f["message"].as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains("Berkas bernama .xls tetapi isinya buku kerja Excel (.xlsx)")),
        "{messages:?}"
    );
}

#[test]
fn password_protected_workbook_is_named_as_such() {
    // An encrypted .xlsx is an OLE2 compound file with EncryptionInfo and EncryptedPackage streams.
    let dir = Dir::new();
    let path = dir.input("rahasia.xlsx");
    {
        let mut comp = cfb::create(&path).unwrap();
        use std::io::Write;
        comp.create_stream("/EncryptionInfo").unwrap().write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0]).unwrap();
        comp.create_stream("/EncryptedPackage").unwrap().write_all(&[0x5a; 4096]).unwrap();
        comp.flush().unwrap();
    }
    let (code, f) = findings_of_file(&dir, &path);
    assert_eq!(code, 1);
    assert!(message(&f[0]).contains("dilindungi kata sandi"), "{f:?}");
    assert!(f[0]["hint"].as_str().unwrap().contains("hapus kata sandinya"));
}

#[test]
fn zip_that_inflates_absurdly_is_refused() {
    use std::io::Write;
    let dir = Dir::new();
    let path = dir.input("bom.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..64 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 1024 * 1024, "64 MiB in under 1 MiB");
    let (code, f) = findings_of_file(&dir, &path);
    assert_eq!(code, 1);
    assert!(message(&f[0]).contains("mengembang") && message(&f[0]).contains("xl/worksheets/sheet1.xml"), "{f:?}");
}

#[test]
fn empty_workbook() {
    let (code, f) = findings_of(&Book::new().sheet("Sheet1", vec![]));
    assert_eq!(code, 1);
    assert!(f.iter().any(|x| message(x).contains("Lembar \"Identitas\" tidak ditemukan; lembar yang ada: \"Sheet1\"")));
    assert!(f.iter().any(|x| message(x).contains("Lembar \"Kinerja\"")));
}

#[test]
fn nip_with_nineteen_digits() {
    let mut b = book::diskominfo();
    b.get("Identitas").rows[11][1] = t("19840518 201101 1 0145");
    let (_, f) = findings_of(&b);
    assert!(message(error_at(&f, "Identitas", "B12")).contains("berisi 19 angka; diharapkan tepat 18"));
}

#[test]
fn repeated_header_row_is_skipped_with_a_warning() {
    let mut b = book::diskominfo();
    let header = b.get("Kinerja").rows[0].clone();
    b.get("Kinerja").rows.insert(3, header);
    let (code, f) = findings_of(&b);
    assert_eq!(code, 0, "{f:?}");
    let w = f.iter().find(|x| x["cell"] == "A4").unwrap();
    assert_eq!(w["severity"], "warning");
    assert!(message(w).contains("mengulang baris judul"));
}

#[test]
fn fifty_thousand_rows_are_refused_quickly_with_the_row() {
    let mut b = book::diskominfo();
    let row = b.get("Kinerja").rows[2].clone();
    for i in 0..50_000 {
        let mut r = row.clone();
        r[0] = t(&format!("9.{i}"));
        b.get("Kinerja").rows.push(r);
    }
    let started = std::time::Instant::now();
    let (code, f) = findings_of(&b);
    eprintln!("50 000 rows checked in {:?}", started.elapsed());
    assert_eq!(code, 1);
    let e = error_at(&f, "Kinerja", "A2002");
    assert!(message(e).contains("lebih dari 2.000 baris data"), "{e}");
    assert_eq!(f.iter().filter(|x| x["severity"] == "error").count(), 1);
}

#[test]
fn very_wide_text_is_refused_at_its_cell() {
    let mut b = book::diskominfo();
    b.get("Kinerja").rows[1][2] = t(&"Indeks SPBE sangat panjang ".repeat(200));
    let (code, f) = findings_of(&b);
    assert_eq!(code, 1);
    assert!(message(error_at(&f, "Kinerja", "C2")).contains("5.400 karakter, melebihi batas 2.000"));
}
