//! The workbooks the project ships — the examples in `input/` and the empty template that
//! `kinerja init` writes (`templates/buku-kerja/`) — are what the builders in
//! `tests/common/book.rs` describe, and check like any user's workbook.

use crate::common::book;
use crate::common::Dir;
use std::path::Path;

/// Every sheet of a workbook with its cells, as calamine reads them.
fn cells(path: &Path) -> Vec<(String, Vec<Vec<calamine::Data>>)> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            (name, range.rows().map(|r| r.to_vec()).collect())
        })
        .collect()
}

/// After changing a builder, rewrite the shipped files with:
/// `KINERJA_TULIS_BUKU_KERJA=1 cargo test shipped_workbooks`.
#[test]
fn shipped_workbooks_are_what_the_tests_describe() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = Dir::new();
    type Write = Box<dyn Fn(&Path)>;
    let shipped: [(&str, Write); 5] = [
        ("input/diskominfo-lumajang-2024.xlsx", Box::new(|p| book::diskominfo_lengkap().save(p).unwrap())),
        ("input/bappeda-lumajang-2024-tw2.xlsx", Box::new(|p| book::bappeda().save(p).unwrap())),
        ("input/dispendukcapil-lumajang-2024-tw3.xlsx", Box::new(|p| book::dispendukcapil().save(p).unwrap())),
        // The template's keys and Petunjuk come from the reader's own column specs.
        ("templates/buku-kerja/templat-pengukuran-kinerja.xlsx", Box::new(|p| book::write_template(p).unwrap())),
        (
            "templates/buku-kerja/formulir-evaluasi-renja-e81.xlsx",
            Box::new(|p| crate::common::form::write_empty(p).unwrap()),
        ),
    ];
    for (i, (name, write)) in shipped.iter().enumerate() {
        let made = dir.path().join(format!("{i}.xlsx"));
        write(&made);
        if std::env::var_os("KINERJA_TULIS_BUKU_KERJA").is_some() {
            std::fs::copy(&made, root.join(name)).unwrap();
        }
        assert!(
            cells(&made) == cells(&root.join(name)),
            "{name} is not what the tests describe; rewrite it with KINERJA_TULIS_BUKU_KERJA=1 cargo test shipped_workbooks"
        );
    }
}

#[test]
fn shipped_examples_check_clean() {
    let dir = Dir::new();
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("input");
    let run = dir.run(&["check", "--json", input.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.all());
    let json = run.json();
    let books = json["workbooks"].as_array().unwrap();
    assert!(books.len() >= 2, "at least two example units");
    for wb in books {
        assert_eq!(wb["status"], "ok", "{wb}");
        assert_eq!(wb["errors"], 0);
    }
}

/// docs/workbook.md is the reference for people; the reader's specs are the reference for the code.
/// Every key and column the reader explains is in the docs under its own name.
#[test]
fn the_workbook_reference_names_every_key_and_column() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/workbook.md")).unwrap();
    for (sheet, name, _, _) in book::guide() {
        let name = name.split(" … ").next().unwrap_or(name); // "Target TW I … TW IV": its first column
        assert!(docs.contains(name), "docs/workbook.md does not name {sheet} column \"{name}\"");
    }
}
