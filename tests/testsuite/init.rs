//! `kinerja init`: from nothing to a first draft, and a template workbook
//! that keeps its drop-down lists.

use crate::common::{files_under, pdf_text, pdfs_under, Dir};
use std::io::Read;

#[test]
fn init_then_build_in_an_empty_folder() {
    let dir = Dir::new();
    let run = dir.run(&["init", "kantor"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("Langkah berikutnya"), "{}", run.stdout);
    let kantor = dir.path().join("kantor");
    let files = files_under(&kantor);
    for f in [
        "input/contoh-diskominfo-2024.xlsx",
        "input/templat-pengukuran-kinerja.xlsx",
        "templates/kinerja.typ",
        "templates/draft.typ.j2",
        "templates/PANDUAN.md",
        "templates/fonts/LICENSE-Liberation.txt",
    ] {
        assert!(files.contains(&f.to_string()), "{f} missing: {files:?}");
    }
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_kinerja"))
        .args(["build", "--date", "2026-11-25"])
        .current_dir(&kantor)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&build.stdout);
    assert!(build.status.success(), "{out}{}", String::from_utf8_lossy(&build.stderr));
    assert!(out.contains("templat-pengukuran-kinerja.xlsx — KOSONG"), "{out}");
    assert!(out.contains("2 dokumen: 1 baru, 0 tidak berubah, 0 gagal (1 templat kosong)"), "{out}");
    let pdfs = pdfs_under(&kantor.join("output"));
    assert_eq!(pdfs.len(), 1);
    let text = pdf_text(&pdfs[0]);
    assert!(text.contains("DINAS KOMUNIKASI DAN INFORMATIKA") && text.contains("Catatan Evaluasi"), "{text}");
}

#[test]
fn init_never_overwrites() {
    let dir = Dir::new();
    assert_eq!(dir.run(&["init"]).code, 0);
    let kinerja_typ = dir.path().join("templates/kinerja.typ");
    std::fs::write(&kinerja_typ, "// milik kantor\n").unwrap();
    let example = dir.input("contoh-diskominfo-2024.xlsx");
    std::fs::write(&example, "diubah").unwrap();
    let run = dir.run(&["init"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("sudah ada") && run.stdout.contains("tidak ditimpa"), "{}", run.stdout);
    assert_eq!(std::fs::read_to_string(&kinerja_typ).unwrap(), "// milik kantor\n");
    assert_eq!(std::fs::read_to_string(&example).unwrap(), "diubah");
}

/// The XML of one sheet of an xlsx, by its sheet number (1-based).
fn sheet_xml(path: &std::path::Path, n: usize) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml")).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn template_workbook_has_drop_downs_frozen_headers_and_a_guide() {
    let dir = Dir::new();
    assert_eq!(dir.run(&["init"]).code, 0);
    let template = dir.input("templat-pengukuran-kinerja.xlsx");
    // Sheet 1 Identitas: Periode and the negative formula as lists; sheet 2 Kinerja: Polaritas and Agregasi.
    let identitas = sheet_xml(&template, 1);
    assert!(
        identitas.contains(r#"<formula1>"Tahunan,Triwulan I,Triwulan II,Triwulan III,Triwulan IV"</formula1>"#),
        "{identitas}"
    );
    assert!(identitas.contains(r#"<formula1>"(2T-R)/T,T/R"</formula1>"#));
    let kinerja = sheet_xml(&template, 2);
    assert!(kinerja.contains(r#"<formula1>"Positif,Negatif,Rentang,Tetap"</formula1>"#), "{kinerja}");
    assert!(kinerja.contains(r#"<formula1>"terakhir,jumlah,rata-rata"</formula1>"#));
    assert!(kinerja.contains(r#"state="frozen""#), "header frozen");
    // Read back by the program itself: every sheet is there, and the guide explains each column.
    let run = dir.run(&["check", "--json", template.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(run.json()["workbooks"][0]["status"], "empty");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&template).unwrap()).unwrap();
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml").unwrap().read_to_string(&mut workbook).unwrap();
    for sheet in ["Identitas", "Kinerja", "Anggaran", "Evaluasi", "Rencana Aksi", "Petunjuk"] {
        assert!(workbook.contains(&format!("name=\"{sheet}\"")), "{sheet} missing");
    }
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml").unwrap().read_to_string(&mut strings).unwrap();
    assert!(strings.contains("Sel kosong berarti belum dilaporkan"), "the guide explains blank quarters");
}
