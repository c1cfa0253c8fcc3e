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

// Item 10 --------------------------------------------------------------------------------------------

/// A 1×1 PNG of another colour than the harness's, for a logo replaced by another.
fn png(red: u8) -> Vec<u8> {
    // An uncompressed 1×1 RGB PNG; the IDAT and the CRCs are computed here.
    fn crc(data: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in data {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
        }
        !c
    }
    fn adler(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for &x in data {
            a = (a + x as u32) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut v = (data.len() as u32).to_be_bytes().to_vec();
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        v.extend_from_slice(&body);
        v.extend_from_slice(&crc(&body).to_be_bytes());
        v
    };
    let raw = [0u8, red, 0x20, 0x40];
    let mut idat = vec![0x78, 0x01, 0x01, raw.len() as u8, 0, !(raw.len() as u8), 0xFF];
    idat.extend_from_slice(&raw);
    idat.extend_from_slice(&adler(&raw).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
    png.extend(chunk(b"IDAT", &idat));
    png.extend(chunk(b"IEND", &[]));
    png
}

#[test]
fn a_new_logo_makes_a_new_version_and_leaves_the_other_workbooks_alone() {
    let dir = Dir::new();
    let mut a = book::diskominfo();
    a.get("Identitas").rows.push(vec![t("Logo"), t("logo-a.png")]);
    dir.book("a.xlsx", &a);
    let mut c = book::bappeda();
    c.get("Identitas").rows.push(vec![t("Logo"), t("logo-c.png")]);
    dir.book("c.xlsx", &c);
    dir.book("d.xlsx", &book::dispendukcapil());
    std::fs::write(dir.input("logo-a.png"), png(0x10)).unwrap();
    std::fs::write(dir.input("logo-c.png"), png(0x10)).unwrap();
    let first = dir.run(&["build", "--date", "2025-01-15", "--json"]);
    assert_eq!(first.code, 0, "{}", first.all());
    // The same logo file saved again: nothing changed.
    std::fs::write(dir.input("logo-a.png"), png(0x10)).unwrap();
    let same = dir.run(&["build", "--date", "2025-01-16", "--json"]);
    for name in ["a.xlsx", "c.xlsx", "d.xlsx"] {
        assert_eq!(same.workbook(name)["status"], "unchanged", "{name}: {}", same.all());
    }
    // Another logo for a.xlsx alone: its documents are new, the others' source hashes stay.
    std::fs::write(dir.input("logo-a.png"), png(0xF0)).unwrap();
    let again = dir.run(&["build", "--date", "2025-01-17", "--json"]);
    assert_eq!(again.code, 0, "{}", again.all());
    let a2 = again.workbook("a.xlsx");
    assert_eq!((a2["status"].as_str(), a2["documents"][0]["version"].as_u64()), (Some("written"), Some(2)), "{a2}");
    for name in ["c.xlsx", "d.xlsx"] {
        let w = again.workbook(name);
        assert_eq!(w["status"], "unchanged", "{name}");
        assert_eq!(w["documents"][0]["source_sha256"], first.workbook(name)["documents"][0]["source_sha256"]);
    }
    let text = crate::common::pdf_text(&dir.path().join("output").join(a2["documents"][0]["path"].as_str().unwrap()));
    assert!(text.contains("Logo kop diganti"), "{text}");
}

/// diskominfo with its Rencana Aksi (every unmet indicator has one), so that it can be signed.
fn with_plans(b: crate::common::book::Book) -> crate::common::book::Book {
    b.sheet(
        "Rencana Aksi",
        vec![
            vec![t("Kode"), t("Kendala"), t("Rencana Aksi"), t("PIC"), t("Batas Waktu")],
            vec![
                t("1.1"),
                t("Arsitektur SPBE belum ditetapkan"),
                t("Menetapkan Perbup"),
                t("Kabid Aplikasi"),
                V::D(2025, 6, 30),
            ],
            vec![t("2.1"), t("DIP belum diperbarui"), t("Memperbarui DIP"), t("Kabid IKP"), t("Triwulan II 2025")],
        ],
    )
}

#[test]
fn a_stage_dated_before_its_parent_is_refused() {
    let dir = Dir::new();
    dir.book("a.xlsx", &with_plans(book::diskominfo()));
    assert_eq!(dir.run(&["build", "--date", "2025-01-15"]).code, 0);
    let early = dir.run(&["build", "--stage", "konsep", "--date", "2025-01-10"]);
    assert_eq!(early.code, 1, "{}", early.all());
    assert!(early.stdout.contains("10 Januari 2025") && early.stdout.contains("15 Januari 2025"), "{}", early.stdout);
    assert!(early.stdout.contains("sebelum"), "{}", early.stdout);
    assert_eq!(dir.run(&["build", "--stage", "konsep", "--date", "2025-01-20"]).code, 0);
    let final_1990 = dir.run(&["build", "--stage", "final", "--date", "1990-01-01"]);
    assert_eq!(final_1990.code, 1, "{}", final_1990.all());
    assert!(final_1990.stdout.contains("1 Januari 1990") && final_1990.stdout.contains("20 Januari 2025"));
    let signed = dir.run(&["build", "--stage", "final", "--date", "2025-01-20"]);
    assert_eq!(signed.code, 0, "the same day as the konsep is in order: {}", signed.all());
    assert!(!manifest_lines(&dir.path().join("output"))
        .iter()
        .any(|l| l["date"] == "1990-01-01" || l["date"] == "2025-01-10"));
}

/// An archive of one draft and a rekap signer file with `text` as its bytes; the rekap's run.
fn rekap_with_signer(bytes: &[u8]) -> (Dir, crate::common::Run) {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    assert_eq!(dir.run(&["build", "--date", "2025-01-15"]).code, 0);
    std::fs::write(dir.input("penandatangan-rekap.txt"), bytes).unwrap();
    let run = dir.run(&["rekap", "--year", "2024", "--date", "2025-01-20"]);
    (dir, run)
}

const SIGNER: &str = "Tempat: Contoh\nNama: Drs. NAMA SEKDA, M.Si.\nNIP: 19680101 199003 1 010\nPemerintah: Pemerintah Kabupaten Contoh\n";

#[test]
fn the_rekap_signers_nip_is_checked() {
    let (_, run) = rekap_with_signer(SIGNER.replace("19680101 199003 1 010", "1968").as_bytes());
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stderr.contains("NIP \"1968\" berisi 4 angka; diharapkan tepat 18 angka"), "{}", run.stderr);
    let (_, run) = rekap_with_signer(SIGNER.as_bytes());
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn a_signer_file_saved_with_a_bom_or_as_utf16_reads_as_written() {
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(SIGNER.as_bytes());
    let (dir, run) = rekap_with_signer(&bom);
    assert_eq!(run.code, 0, "the first key (Tempat) is read: {}", run.all());
    let rekap =
        manifest_lines(&dir.path().join("output")).into_iter().find(|l| l["document"] == "rekapitulasi").unwrap();
    let text = crate::common::pdf_text(&dir.path().join("output").join(rekap["path"].as_str().unwrap()));
    assert!(text.contains("Contoh"), "{text}");
    // Notepad's "Unicode": UTF-16 little endian with its mark.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(SIGNER.encode_utf16().flat_map(u16::to_le_bytes));
    let (_, run) = rekap_with_signer(&utf16);
    assert_eq!(run.code, 0, "{}", run.all());
    // Bytes that are no text at all get a message in Bahasa Indonesia.
    let (_, run) = rekap_with_signer(&[0x80, 0x81, 0xFE, 0x00, 0x41]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("bukan teks"), "{}", run.stderr);
    assert!(!run.stderr.contains("stream did not contain"), "{}", run.stderr);
}

#[test]
fn a_note_beside_the_rencana_aksi_table_is_a_warning_at_its_cell() {
    let dir = Dir::new();
    let b = with_plans(book::diskominfo()).cell("Rencana Aksi", 4, 7, t("Catatan: disusun bersama Bappeda"));
    dir.book("a.xlsx", &b);
    let f = findings(&dir, "a.xlsx");
    assert!(!f.iter().any(|x| x["severity"] == "error"), "{f:#?}");
    let w = at(&f, "warning", "Rencana Aksi", "H5");
    assert!(w["message"].as_str().unwrap().contains("di luar kolom tabel"), "{w}");
    assert_eq!(dir.run(&["build", "--date", "2025-01-15"]).code, 0);
}

#[test]
fn thousands_of_findings_are_summarised_on_the_terminal() {
    // 2 500 indicator rows without unit or target: two errors a row for the 2 000 rows read.
    let dir = Dir::new();
    let mut b = book::diskominfo();
    let k = b.get("Kinerja");
    k.rows.truncate(1);
    for i in 0..2_500 {
        k.rows.push(vec![t(&format!("9.{i}")), t("Sasaran"), t(&format!("Indikator {i}"))]);
    }
    dir.book("a.xlsx", &b);
    let run = dir.run(&["check"]);
    assert_eq!(run.code, 1);
    let shown = run.stdout.lines().filter(|l| l.trim_start().starts_with("KESALAHAN")).count();
    assert!(shown <= 60, "{shown} lines:\n{}", run.stdout);
    assert!(run.stdout.contains("temuan serupa"), "{}", run.stdout);
    let json = dir.run(&["check", "--json"]).json();
    let errors = json["workbooks"][0]["errors"].as_u64().unwrap();
    assert!(errors > 4_000, "every finding is still counted and in --json: {errors}");
    assert!(run.stdout.contains(&format!("{errors} kesalahan")), "the verdict counts them all: {}", run.stdout);
    // 200 000 rows: the sheet is larger than a sheet may be, and says so once.
    let mut b = book::diskominfo();
    b.get("Kinerja").rows.extend((0..200_000).map(|i| vec![V::B, V::B, t(&format!("Indikator {i}"))]));
    dir.book("a.xlsx", &b);
    let run = dir.run(&["check"]);
    assert_eq!(run.code, 1);
    let lines = run.stdout.lines().filter(|l| l.trim_start().starts_with("KESALAHAN")).count();
    assert!(lines <= 40, "{lines} lines:\n{}", run.stdout);
}

#[test]
fn verify_of_a_folder_that_is_no_archive_says_so() {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    let run = dir.run(&["verify", "--output", "input"]);
    assert_eq!(run.code, 1);
    assert!(run.all().contains("bukan arsip kinerja"), "{}", run.all());
    assert!(!run.all().contains("cadangan"), "{}", run.all());
    // An archive whose manifest was removed is still an archive with a problem.
    assert_eq!(dir.run(&["build", "--date", "2025-01-15"]).code, 0);
    std::fs::remove_file(dir.path().join("output").join("manifest.jsonl")).unwrap();
    let run = dir.run(&["verify"]);
    assert_eq!(run.code, 1);
    assert!(run.all().contains("TIDAK TERCATAT"), "{}", run.all());
}

#[test]
#[cfg(target_os = "linux")] // (the holder's command is read from /proc)
fn a_build_waiting_for_the_lock_says_so_and_for_whom() {
    use std::io::{BufRead, Write};
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    let out = dir.path().join("output");
    std::fs::create_dir_all(&out).unwrap();
    // Another process holds the lock, its id in the file as a build writes it (the test holds the
    // system lock for it; the process is a `sleep`, whose command the message names).
    let mut sleeper = std::process::Command::new("sleep").arg("61").spawn().unwrap();
    let mut holder = std::fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .read(true)
        .write(true)
        .open(out.join(".kinerja.lock"))
        .unwrap();
    holder.lock().unwrap();
    writeln!(holder, "{}", sleeper.id()).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kinerja"))
        .args(["build", "--date", "2025-01-15"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    let whom = format!("(proses {}), perintahnya: sleep 61", sleeper.id());
    assert!(line.contains("menunggu") && line.contains(&whom), "{line}");
    holder.unlock().unwrap();
    drop(holder);
    sleeper.kill().unwrap();
    sleeper.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut err, &mut rest).unwrap();
    assert!(child.wait().unwrap().success(), "{line}{rest}");
}

#[test]
fn typst_errors_are_said_in_bahasa_indonesia_with_the_template_and_line() {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    let draft = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/draft.typ.j2")).unwrap();
    let broken = draft.replace("#perubahan(data)", "#perubahan(data)\n#let x = variabel-yang-tidak-ada");
    std::fs::write(dir.path().join("templates").join("draft.typ.j2"), broken).unwrap();
    let run = dir.run(&["build", "--date", "2025-01-15"]);
    assert_eq!(run.code, 1);
    let line = run.stdout.lines().find(|l| l.contains("galat typst")).unwrap_or_else(|| panic!("{}", run.all()));
    assert!(line.contains("draft.typ.j2") && line.contains("baris"), "{line}");
    assert!(line.contains("variabel tidak dikenal: variabel-yang-tidak-ada"), "{line}");
    assert!(!line.contains("unknown variable"), "{line}");
}

#[test]
fn an_ods_sheet_too_large_to_lay_out_is_named_before_it_is_opened() {
    use std::io::{Read, Write};
    // tests/fixtures/diskominfo.ods with one more table: "catatan" in A1, 1 in XFD1048576 (a 1 KB
    // content.xml that calamine would lay out as 17 billion cells when opening the file).
    let extra = concat!(
        r#"<table:table table:name="Catatan"><table:table-row><table:table-cell office:value-type="string"><text:p>catatan</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
        r#"<table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table>"#
    );
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diskominfo.ods")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        if name == "content.xml" {
            let xml = String::from_utf8(content)
                .unwrap()
                .replace("</office:spreadsheet>", &format!("{extra}</office:spreadsheet>"));
            content = xml.into_bytes();
        }
        let method = if name == "mimetype" { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        out.start_file(name, zip::write::SimpleFileOptions::default().compression_method(method)).unwrap();
        out.write_all(&content).unwrap();
    }
    let dir = Dir::new();
    std::fs::write(dir.input("a.ods"), out.finish().unwrap().into_inner()).unwrap();
    dir.book("c.xlsx", &book::bappeda());
    let f = findings(&dir, "a.ods");
    let e = at(&f, "error", "Catatan", "XFD1048576");
    assert!(e["message"].as_str().unwrap().contains("1.048.576 baris × 16.384 kolom"), "{e}");
    let run = dir.run_within(&["build", "--date", "2025-01-15"], &[], LIMIT);
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(pdfs_of(&dir, "bappeda"), 1);
}
