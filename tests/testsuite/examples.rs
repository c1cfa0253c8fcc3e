//! The example workbooks shipped in `input/`: written by the builders in
//! `tests/common/book.rs`, and checked like any user's workbook.

use crate::common::book;
use crate::common::Dir;
use std::path::Path;

/// Regenerates `input/` from the builders: `cargo test -- --ignored write_shipped_examples`.
#[test]
#[ignore]
fn write_shipped_examples() {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("input");
    book::diskominfo_lengkap().save(&input.join("diskominfo-lumajang-2024.xlsx")).unwrap();
    book::bappeda().save(&input.join("bappeda-lumajang-2024-tw2.xlsx")).unwrap();
    book::dispendukcapil().save(&input.join("dispendukcapil-lumajang-2024-tw3.xlsx")).unwrap();
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
