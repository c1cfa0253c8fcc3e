//! Versions, hashes and the dated archive: unchanged rebuilds, v2 with its
//! changes, verify, log, builds killed at random moments, concurrent builds.

use crate::common::book::{self, n, t, Book, BookExt, V};
use crate::common::rng::Rng;
use crate::common::{files_under, manifest_lines, pdf_text, pdfs_under, Dir};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn resaved_and_renamed_workbook_stays_unchanged() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo());
    assert_eq!(dir.run(&["build", "--date", "2026-11-25"]).code, 0);
    let before = files_under(&dir.path().join("output"));
    // The same meaning, saved again with another layout and under another name.
    std::fs::remove_file(dir.input("diskominfo.xlsx")).unwrap();
    let mut b = book::diskominfo();
    let k = b.get("Kinerja");
    k.origin = (3, 1);
    k.rows.insert(0, vec![t("PENGUKURAN KINERJA DISKOMINFO 2024")]);
    k.rows.insert(1, vec![]);
    b.get("Identitas").origin = (2, 2);
    b.get("Anggaran").rows.push(vec![]);
    dir.book("simpan-ulang.xlsx", &b);
    let run = dir.run(&["build", "--date", "2026-12-01", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(run.json()["workbooks"][0]["status"], "unchanged", "{}", run.stdout);
    assert_eq!(files_under(&dir.path().join("output")), before);
}

#[test]
fn one_changed_value_gives_v2_of_that_unit_alone_listing_the_change() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo());
    dir.book("capil.xlsx", &book::dispendukcapil());
    assert_eq!(dir.run(&["build", "--date", "2026-11-25"]).code, 0);
    // After the evaluation meeting: one realisation corrected, one note recorded.
    let mut b = book::diskominfo();
    b.get("Kinerja").rows[2][9] = n(96.0);
    b = b.sheet(
        "Evaluasi",
        vec![
            vec![t("Tanggal"), t("Kode"), t("Catatan"), t("Tindak Lanjut")],
            vec![
                V::D(2026, 11, 26),
                t("1.2"),
                t("Data TW IV dikoreksi sesuai laporan jaringan"),
                t("Lampirkan berita acara"),
            ],
        ],
    );
    dir.book("diskominfo.xlsx", &b);
    let run = dir.run(&["build", "--date", "2026-11-26", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let status = |name: &str| run.workbook(name);
    assert_eq!(status("capil.xlsx")["status"], "unchanged");
    let disk = status("diskominfo.xlsx");
    assert_eq!(disk["status"], "written");
    assert_eq!(disk["documents"][0]["version"], 2);
    let out = dir.path().join("output");
    let v2 = out.join(disk["documents"][0]["path"].as_str().unwrap());
    assert!(v2.to_string_lossy().contains("/2026-11-26/") && v2.to_string_lossy().contains("_draft_v2_"));
    let text = pdf_text(&v2);
    for needle in [
        "Perubahan sejak versi 1",
        "Indikator 1.2 (Persentase perangkat daerah yang terhubung jaringan intra pemerintah): realisasi TW IV 94 → 96; realisasi 94 → 96; capaian 104,44 % → 106,67 %.",
        "Catatan evaluasi baru (26 November 2026) tentang 1.2: Data TW IV dikoreksi sesuai laporan jaringan",
        "Lampirkan berita acara",
        "DRAFT versi 2",
    ] {
        assert!(text.contains(needle), "v2 lacks {needle:?}:\n{text}");
    }
    // v1 is kept; the manifest has three lines: two v1, one v2.
    let lines = manifest_lines(&out);
    assert_eq!(lines.len(), 3);
    assert_eq!(pdfs_under(&out).len(), 3);
    let log = dir.run(&["log", "diskominfo"]);
    assert_eq!(log.code, 0);
    assert!(log.stdout.contains("v1") && log.stdout.contains("versi pertama"), "{}", log.stdout);
    assert!(
        log.stdout.contains("v2") && log.stdout.contains("2026-11-26") && log.stdout.contains("2 perubahan"),
        "{}",
        log.stdout
    );
    assert!(log.stdout.contains("realisasi TW IV 94 → 96"), "{}", log.stdout);
    assert!(!log.stdout.contains("dispendukcapil"), "log UNIT shows that unit only");
}

#[test]
fn verify_names_modified_missing_and_stranger_files() {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    dir.book("b.xlsx", &book::dispendukcapil());
    assert_eq!(dir.run(&["build", "--date", "2026-11-25"]).code, 0);
    let ok = dir.run(&["verify"]);
    assert_eq!(ok.code, 0, "{}", ok.all());
    assert!(ok.stdout.contains("BAIK"), "{}", ok.stdout);
    let out = dir.path().join("output");
    let pdfs = pdfs_under(&out);
    // One byte of one PDF flipped.
    let mut bytes = std::fs::read(&pdfs[0]).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    std::fs::write(&pdfs[0], bytes).unwrap();
    let rel = |p: &Path| p.strip_prefix(&out).unwrap().to_string_lossy().into_owned();
    let run = dir.run(&["verify"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains(&format!("DIUBAH: {}", rel(&pdfs[0]))), "{}", run.stdout);
    // One deleted, one stranger dropped in.
    let json = pdfs[1].with_extension("json");
    std::fs::remove_file(&json).unwrap();
    std::fs::write(pdfs[1].parent().unwrap().join("catatan.txt"), "titipan").unwrap();
    let run = dir.run(&["verify", "--json"]);
    assert_eq!(run.code, 1);
    let report = run.json();
    let problems = report["problems"].as_array().unwrap();
    let has = |kind: &str, path: &str| problems.iter().any(|p| p["kind"] == kind && p["path"] == path);
    assert!(has("modified", &rel(&pdfs[0])), "{report}");
    assert!(has("missing", &rel(&json)), "{report}");
    assert!(has("not-in-manifest", &rel(&pdfs[1].parent().unwrap().join("catatan.txt"))), "{report}");
    assert_eq!(problems.len(), 3, "{report}");
}

/// Every PDF in the tree is whole: its content has the hash its name carries.
fn assert_no_partial_files(out: &Path) {
    for f in files_under(out) {
        if f.starts_with(".kinerja") || f == "manifest.jsonl" || f == "index.html" {
            continue;
        }
        let bytes = std::fs::read(out.join(&f)).unwrap();
        if f.ends_with(".pdf") {
            let short = f.rsplit('_').next().unwrap().trim_end_matches(".pdf");
            assert_eq!(&kinerja::archive::sha256(&bytes)[..12], short, "partial PDF {f}");
        } else {
            assert!(f.ends_with(".json"), "unexpected file {f}");
            serde_json::from_slice::<serde_json::Value>(&bytes).unwrap_or_else(|_| panic!("partial JSON {f}"));
        }
    }
    for line in manifest_lines(out) {
        assert!(out.join(line["path"].as_str().unwrap()).exists(), "manifest line without its file: {line}");
        assert!(out.join(line["data_path"].as_str().unwrap()).exists(), "manifest line without its data: {line}");
    }
}

#[test]
fn builds_killed_at_random_moments_leave_a_whole_archive() {
    let dir = Dir::new();
    let books: Vec<(&str, Book)> = vec![
        ("a.xlsx", book::diskominfo()),
        ("b.xlsx", book::dispendukcapil()),
        ("c.xlsx", {
            let mut b = book::diskominfo();
            b.get("Identitas").rows[3][1] = t("diskominfo-2");
            b
        }),
    ];
    let mut rng = Rng(0x5eed_1234_abcd);
    let kills = 50;
    for i in 0..kills {
        // Each round changes a value, so that every build has documents to write.
        for (name, b) in &books {
            let mut b = b.clone();
            b.set_first_realisation(i as f64);
            dir.book(name, &b);
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_kinerja"))
            .args(["build", "--date", "2026-11-25", "--json"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.next() % 120_000));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let out = dir.path().join("output");
        if out.exists() {
            assert_no_partial_files(&out);
            let v = dir.run(&["verify"]);
            assert_eq!(v.code, 0, "after kill {i}: {}", v.all());
        }
    }
    // The next build completes what was missing; the archive then verifies with nothing pending.
    let run = dir.run(&["build", "--date", "2026-11-25"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let v = dir.run(&["verify", "--json"]);
    assert_eq!(v.code, 0, "{}", v.all());
    assert!(v.json()["pending"].as_array().unwrap().is_empty());
    assert_no_partial_files(&dir.path().join("output"));
    // Versions count up without gaps or doubles per unit.
    let lines = manifest_lines(&dir.path().join("output"));
    for unit in ["diskominfo", "dispendukcapil", "diskominfo-2"] {
        let mut versions: Vec<u64> =
            lines.iter().filter(|l| l["unit"] == unit).map(|l| l["version"].as_u64().unwrap()).collect();
        versions.sort();
        assert_eq!(versions, (1..=versions.len() as u64).collect::<Vec<_>>(), "{unit}");
    }
}

#[test]
fn two_concurrent_builds_leave_a_consistent_archive() {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    dir.book("b.xlsx", &book::dispendukcapil());
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_kinerja"))
            .args(["build", "--date", "2026-11-25"])
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success() && b.status.success(), "{a:?}\n{b:?}");
    let out = dir.path().join("output");
    let lines = manifest_lines(&out);
    assert_eq!(lines.len(), 2, "each document archived once: {lines:?}");
    assert!(lines.iter().all(|l| l["version"] == 1));
    assert_eq!(dir.run(&["verify"]).code, 0);
    assert!(!out.join(".kinerja.lock").exists(), "the lock is released");
}

#[test]
fn a_lock_file_left_by_a_killed_build_does_not_stop_the_next() {
    // A build killed between creating the lock file and writing its process id
    // leaves it empty; a later build must not wait for it.
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    std::fs::create_dir_all(dir.path().join("output")).unwrap();
    std::fs::write(dir.path().join("output/.kinerja.lock"), "").unwrap();
    // (The old protocol waited 30 s for the dead build, then stopped with "sedang dipakai".)
    let run = dir.run(&["build", "--date", "2026-11-25"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(!run.all().contains("sedang dipakai"), "{}", run.all());
}

#[test]
fn a_document_the_disk_refuses_is_an_error_and_the_others_are_archived() {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    dir.book("b.xlsx", &book::dispendukcapil());
    // A file where the archive needs the folder of Dispendukcapil's TW III documents.
    let out = dir.path().join("output");
    std::fs::create_dir_all(out.join("2024")).unwrap();
    std::fs::write(out.join("2024/tw3"), "bukan folder").unwrap();
    let run = dir.run(&["build", "--date", "2026-11-25", "--json"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(run.workbook("a.xlsx")["status"], "written");
    let b = run.workbook("b.xlsx");
    assert_eq!(b["status"], "error", "{b}");
    assert!(b["documents"].as_array().unwrap().is_empty(), "{b}");
    let reason = b["reasons"][0].as_str().unwrap();
    assert!(reason.contains("tidak dapat diarsipkan: gagal membuat folder") && reason.contains("2024/tw3"), "{reason}");
    // Diskominfo alone is in the manifest, whole; nothing is pending or half-written.
    let lines = manifest_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["unit"], "diskominfo");
    let files = files_under(&out);
    assert!(files.iter().all(|f| !f.starts_with(".kinerja") && !f.contains("dispendukcapil")), "{files:?}");
    // The text report says so; once the file is moved away, the next build archives it.
    let text = dir.run(&["build", "--date", "2026-11-25"]);
    assert!(text.stdout.contains("b.xlsx — GAGAL"), "{}", text.stdout);
    std::fs::remove_file(out.join("2024/tw3")).unwrap();
    assert_no_partial_files(&out);
    let again = dir.run(&["build", "--date", "2026-11-25", "--json"]);
    assert_eq!(again.code, 0, "{}", again.all());
    assert_eq!(again.workbook("b.xlsx")["status"], "written");
    assert_eq!(dir.run(&["verify"]).code, 0);
}
