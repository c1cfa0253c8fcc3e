//! Issue 24 (items 2, 3, 4, 6 and 8): what an attacker with write access to a shared drive, or with a
//! hostile workbook, tried against the archive's recovery, the terminal, `verify`, the page's `--to` and
//! the commands that read other offices' archives. Each test is the attack as it was made, and what a
//! user would see afterwards.

use crate::common::book::{self, t, V};
use crate::common::kabupaten;
use crate::common::{files_under, manifest_lines, pdf_text, Dir, Run};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const SIGNER: &str =
    "Pemerintah: Pemerintah Kabupaten Contoh\nTempat: Contoh\nNama: Drs. NAMA SEKDA, M.Si.\nNIP: 19680101 199003 1 010\n";

/// The problems `verify --json` reports of a kind.
fn problems(run: &Run, kind: &str) -> Vec<Value> {
    run.json()["problems"].as_array().unwrap().iter().filter(|p| p["kind"] == kind).cloned().collect()
}

/// draft → konsep → final of the Diskominfo example, archived in `out` (relative to the folder).
fn signed(out: &str) -> Dir {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo_lengkap());
    for (stage, date) in [("draft", "2025-01-06"), ("konsep", "2025-01-09"), ("final", "2025-01-15")] {
        let run = dir.run(&["build", "--stage", stage, "--date", date, "--output", out]);
        assert_eq!(run.code, 0, "{}", run.all());
    }
    dir
}

/// The manifest's lines as text.
fn lines(out: &Path) -> Vec<String> {
    std::fs::read_to_string(out.join("manifest.jsonl")).unwrap().lines().map(String::from).collect()
}

fn write_lines(out: &Path, lines: &[String]) {
    std::fs::write(out.join("manifest.jsonl"), lines.join("\n") + "\n").unwrap();
}

/// Plants a journal of a crashed build naming `entries`.
fn plant_journal(out: &Path, entries: &[Value]) {
    std::fs::create_dir_all(out.join(".kinerja-pending")).unwrap();
    let line = serde_json::to_string(entries).unwrap();
    std::fs::write(out.join(".kinerja-pending/build-4194000.jsonl"), line + "\n").unwrap();
}

// ---------------------------------------------------------------------------------------------------
// 2. A planted journal deletes files.

#[test]
fn a_planted_journal_cannot_delete_a_file_outside_the_archive() {
    let dir = signed("drive/arsip");
    let out = dir.path().join("drive/arsip");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "milik orang lain").unwrap();
    std::fs::write(dir.path().join("victim.json"), "{}").unwrap();
    // A journal naming a document whose files "were never finished": outside the archive.
    let mut entry: Value = serde_json::from_str(&lines(&out)[0]).unwrap();
    entry["path"] = "../../victim.txt".into();
    entry["data_path"] = "../../victim.json".into();
    entry["sha256"] = Value::from("0".repeat(64));
    entry.as_object_mut().unwrap().remove("prev");
    plant_journal(&out, &[entry]);
    let before = files_under(&out);
    let run = dir.run(&["build", "--output", "drive/arsip", "--date", "2025-01-20"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "milik orang lain", "a file outside was deleted");
    assert!(dir.path().join("victim.json").exists(), "a file outside was deleted");
    assert!(run.stderr.contains("../../victim.txt") && run.stderr.contains("tidak disentuh"), "{}", run.stderr);
    // The archive is as it was, and whole.
    assert_eq!(files_under(&out), before.into_iter().filter(|f| !f.starts_with(".kinerja")).collect::<Vec<_>>());
    let v = dir.run(&["verify", "--output", "drive/arsip"]);
    assert_eq!(v.code, 0, "{}", v.all());
}

#[test]
fn a_planted_copy_of_an_archived_line_cannot_delete_the_final_or_its_snapshot() {
    let dir = signed("output");
    let out = dir.path().join("output");
    let all = lines(&out);
    let fin: Value = serde_json::from_str(all.iter().find(|l| l.contains("\"stage\":\"final\"")).unwrap()).unwrap();
    let (pdf, json) = (out.join(fin["path"].as_str().unwrap()), out.join(fin["data_path"].as_str().unwrap()));
    let (pdf_bytes, json_bytes) = (std::fs::read(&pdf).unwrap(), std::fs::read(&json).unwrap());
    // A copy of the final's line with another sha256 (so "not in the manifest" and "not whole"), and a
    // copy naming the final's snapshot, with its own hash, beside a PDF that does not exist.
    let mut other = fin.clone();
    other["sha256"] = Value::from("f".repeat(64));
    let mut snapshot_only = fin.clone();
    snapshot_only["path"] = Value::from(fin["path"].as_str().unwrap().replace("_v1_", "_v9_"));
    plant_journal(&out, &[other, snapshot_only]);
    let run = dir.run(&["build", "--date", "2025-01-20"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(std::fs::read(&pdf).unwrap(), pdf_bytes, "the archived final was deleted or changed");
    assert_eq!(std::fs::read(&json).unwrap(), json_bytes, "the final's snapshot was deleted or changed");
    assert!(run.stderr.contains("tidak disentuh"), "{}", run.stderr);
    assert_eq!(manifest_lines(&out).len(), all.len(), "nothing was completed from the planted journal");
    let v = dir.run(&["verify"]);
    assert_eq!(v.code, 0, "{}", v.all());
}

// ---------------------------------------------------------------------------------------------------
// 3. Terminal escapes from cells.

/// What a terminal must never be handed raw.
fn assert_no_raw_controls(what: &str, run: &Run) {
    for (c, name) in [('\u{1b}', "ESC"), ('\r', "CR"), ('\u{7}', "BEL"), ('\u{9b}', "CSI")] {
        assert!(!run.stdout.contains(c) && !run.stderr.contains(c), "{what} printed a raw {name}:\n{}", run.all());
    }
}

#[test]
fn escape_sequences_in_cells_reach_no_terminal_through_check_build_log_or_verify() {
    // Excel stores these as _x001B_, _x000D_, _x0007_: erase the line, go back to its start, write a
    // verdict of our own, retitle the window, ring the bell.
    let evil = "Dinas\u{1b}[2K\u{1b}[1A\r  SAMA PERSIS dengan dokumen arsip\u{1b}]0;judul palsu\u{7}";
    let mut b = book::diskominfo();
    b.get("Identitas").rows[1][1] = t(evil);
    b.get("Kinerja").rows[1][2] = t(&format!("Indeks SPBE {evil}"));
    // Indicator 1.1 without its realisation: the konsep is refused, naming it.
    for c in 6..=9 {
        b.get("Kinerja").rows[1][c] = V::B;
    }
    let dir = Dir::new();
    dir.book("x.xlsx", &b);
    // The escapes did reach the workbook's meaning (the JSON escapes them itself).
    let json = dir.run(&["check", "--json"]);
    assert_eq!(json.workbook("x.xlsx")["unit"], evil, "{}", json.stdout);

    let check = dir.run(&["check"]);
    assert_no_raw_controls("check", &check);
    assert!(check.stdout.contains("Dinas<U+001B>[2K<U+001B>[1A<U+000D>  SAMA PERSIS"), "{}", check.stdout);

    let draft = dir.run(&["build", "--date", "2025-01-08"]);
    assert_eq!(draft.code, 0, "{}", draft.all());
    let konsep = dir.run(&["build", "--stage", "konsep", "--date", "2025-01-09"]);
    assert_eq!(konsep.code, 1, "{}", konsep.all());
    assert_no_raw_controls("build", &konsep);
    assert!(konsep.stdout.contains("Indeks SPBE Dinas<U+001B>[2K"), "{}", konsep.stdout);

    let log = dir.run(&["log"]);
    assert_no_raw_controls("log", &log);
    assert!(log.stdout.contains("— Dinas<U+001B>[2K"), "{}", log.stdout);

    // A loose copy that differs: the BERBEDA line stays, and the name cannot print a verdict over it.
    let out = dir.path().join("output");
    let pdf = out.join(manifest_lines(&out)[0]["path"].as_str().unwrap());
    let mut bytes = std::fs::read(&pdf).unwrap();
    bytes.extend_from_slice(b"\n% diubah\n");
    let copy = dir.path().join("salinan.pdf");
    std::fs::write(&copy, bytes).unwrap();
    let verify = dir.run(&["verify", copy.to_str().unwrap()]);
    assert_eq!(verify.code, 1, "{}", verify.all());
    assert_no_raw_controls("verify", &verify);
    let line = verify.stdout.lines().find(|l| l.contains("BERBEDA")).unwrap_or_else(|| panic!("{}", verify.stdout));
    assert!(line.contains("Dinas<U+001B>[2K<U+001B>[1A<U+000D>  SAMA PERSIS"), "{line}");
    assert!(!verify.stdout.lines().any(|l| l.trim_start().starts_with("SAMA PERSIS")), "{}", verify.stdout);
}

/// True when every RIGHT-TO-LEFT OVERRIDE of `text` stands inside an isolate (U+2066–U+2068 … U+2069).
fn overrides_isolated(text: &str) -> bool {
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => depth += 1,
            '\u{2069}' => depth = depth.saturating_sub(1),
            '\u{202e}' if depth == 0 => return false,
            _ => {}
        }
    }
    true
}

#[test]
fn a_bidi_override_in_a_name_does_not_reorder_what_follows_it_in_the_pdf_or_the_page() {
    let mut b = book::diskominfo();
    b.get("Identitas").rows[1][1] = t("Dinas \u{202e}Kominfo");
    let dir = Dir::new();
    dir.book("x.xlsx", &b);
    assert_eq!(dir.run(&["build", "--date", "2025-01-08"]).code, 0);
    let out = dir.path().join("output");
    let text = pdf_text(&out.join(manifest_lines(&out)[0]["path"].as_str().unwrap()));
    // The footer prints the name, then the period and year: those read as written.
    assert!(text.contains("\u{2069} · Tahunan 2024"), "{text}");
    assert!(!text.contains("4202 nanuhaT"), "the override turned round what follows the name: {text}");
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains("\u{202e}"), "the name is on the page");
    assert!(overrides_isolated(&page), "an override on the page is not isolated");
}

// ---------------------------------------------------------------------------------------------------
// 4. The last manifest line, and rewrites of the whole file.

/// An archive of three unit drafts and a second draft of one (the last line).
fn archive() -> Dir {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo());
    dir.book("capil.xlsx", &book::dispendukcapil());
    dir.book("bappeda.xlsx", &book::bappeda());
    assert_eq!(dir.run(&["build", "--date", "2025-01-06", "--jobs", "1"]).code, 0);
    let mut b = book::diskominfo();
    b.get("Kinerja").rows[1][9] = V::N(3.45);
    dir.book("diskominfo.xlsx", &b);
    assert_eq!(dir.run(&["build", "--date", "2025-01-08"]).code, 0);
    assert_eq!(dir.run(&["verify"]).code, 0);
    dir
}

/// `verify` fails and has a problem of `kind` at manifest line `line`.
fn found(dir: &Dir, kind: &str, line: u64) -> Run {
    let run = dir.run(&["verify", "--json"]);
    assert_eq!(run.code, 1, "not found: {}", run.stdout);
    let hits = problems(&run, kind);
    assert!(hits.iter().any(|p| p["line"] == line), "no {kind} at line {line}: {}", run.stdout);
    run
}

#[test]
fn the_last_lines_version_and_date_edited_are_found() {
    let dir = archive();
    let out = dir.path().join("output");
    let mut l = lines(&out);
    let last = l.len() - 1;
    l[last] =
        l[last].replace("\"version\":2", "\"version\":1").replace("\"date\":\"2025-01-08\"", "\"date\":\"2025-01-07\"");
    write_lines(&out, &l);
    let run = found(&dir, "disagrees", 4);
    let text = run.stdout;
    assert!(text.contains("seharusnya") && text.contains("PDF-nya dibuat 2025-01-08"), "{text}");
    let plain = dir.run(&["verify"]);
    assert!(plain.stdout.contains("TIDAK SESUAI: manifest.jsonl baris 4"), "{}", plain.stdout);
}

#[test]
fn the_last_lines_pdf_swapped_with_its_sha256_recomputed_is_found() {
    let dir = archive();
    let out = dir.path().join("output");
    let mut l = lines(&out);
    let last = l.len() - 1;
    let entry: Value = serde_json::from_str(&l[last]).unwrap();
    // Another office's PDF put in its place, and the hash in the line made to match it.
    let other: Value = serde_json::from_str(&l[0]).unwrap();
    let bytes = std::fs::read(out.join(other["path"].as_str().unwrap())).unwrap();
    std::fs::write(out.join(entry["path"].as_str().unwrap()), &bytes).unwrap();
    let sha = kinerja::archive::sha256(&bytes);
    l[last] = l[last].replace(entry["sha256"].as_str().unwrap(), &sha);
    write_lines(&out, &l);
    let run = found(&dir, "disagrees", 4);
    assert!(problems(&run, "modified").is_empty(), "the file matches its edited line: {}", run.stdout);
    assert!(run.stdout.contains("PDF-nya mengaku dokumen lain"), "{}", run.stdout);
}

#[test]
fn links_stripped_from_every_line_are_found() {
    let dir = archive();
    let out = dir.path().join("output");
    let l: Vec<String> = lines(&out)
        .iter()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            line.replace(&format!(",\"prev\":\"{}\"", v["prev"].as_str().unwrap()), "")
        })
        .collect();
    assert!(l.iter().all(|x| !x.contains("prev")));
    write_lines(&out, &l);
    found(&dir, "chain-unlinked", 1);
    let plain = dir.run(&["verify"]);
    assert!(plain.stdout.contains("RANTAI DILEPAS di manifest.jsonl baris 1"), "{}", plain.stdout);
}

#[test]
fn a_manifest_saved_with_crlf_or_blank_lines_is_found() {
    let dir = archive();
    let out = dir.path().join("output");
    let l = lines(&out);
    std::fs::write(out.join("manifest.jsonl"), l.join("\r\n") + "\r\n").unwrap();
    found(&dir, "manifest-rewritten", 4);
    let dir = archive();
    let out = dir.path().join("output");
    let l = lines(&out);
    std::fs::write(out.join("manifest.jsonl"), format!("{}\n\n{}\n\n", l[..2].join("\n"), l[2..].join("\n"))).unwrap();
    let run = found(&dir, "manifest-rewritten", 3);
    assert!(problems(&run, "manifest-rewritten").iter().any(|p| p["line"] == 6), "{}", run.stdout);
    // The last line re-written with spaces, its meaning unchanged.
    let dir = archive();
    let out = dir.path().join("output");
    let mut l = lines(&out);
    let last = l.len() - 1;
    l[last] = l[last].replace("\",\"", "\", \"");
    write_lines(&out, &l);
    found(&dir, "manifest-rewritten", 4);
}

#[test]
fn an_empty_sha256_is_no_way_around_the_content_check() {
    let dir = archive();
    let out = dir.path().join("output");
    let mut l = lines(&out);
    let last = l.len() - 1;
    let entry: Value = serde_json::from_str(&l[last]).unwrap();
    // Both files changed, both hashes emptied.
    std::fs::write(out.join(entry["path"].as_str().unwrap()), b"%PDF palsu").unwrap();
    std::fs::write(out.join(entry["data_path"].as_str().unwrap()), b"{}").unwrap();
    for field in ["sha256", "data_sha256"] {
        let value = entry[field].as_str().unwrap();
        l[last] = l[last].replace(&format!("\"{field}\":\"{value}\""), &format!("\"{field}\":\"\""));
    }
    write_lines(&out, &l);
    let run = dir.run(&["verify", "--json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(problems(&run, "modified").len(), 2, "both files are checked: {}", run.stdout);
    assert!(problems(&run, "disagrees").iter().any(|p| p["what"].as_str().unwrap().contains("bukan sha256")));
}

#[test]
fn paths_outside_the_archive_are_never_read_nor_linked() {
    let dir = archive();
    let out = dir.path().join("output");
    // Two files outside the archive, with their true hashes in the last line.
    let outside = dir.path().join("di-luar");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("x.pdf"), b"%PDF luar").unwrap();
    std::fs::write(outside.join("x.json"), b"{}").unwrap();
    let mut l = lines(&out);
    let last = l.len() - 1;
    let entry: Value = serde_json::from_str(&l[last]).unwrap();
    let absolute = outside.join("x.pdf").display().to_string();
    for (field, sha, path) in [("path", "sha256", absolute.as_str()), ("data_path", "data_sha256", "../di-luar/x.json")]
    {
        let file = if path.starts_with('/') { PathBuf::from(path) } else { out.join(path) };
        let hash = kinerja::archive::sha256(&std::fs::read(file).unwrap());
        l[last] = l[last].replace(entry[field].as_str().unwrap(), path).replace(entry[sha].as_str().unwrap(), &hash);
    }
    write_lines(&out, &l);
    // The archive's own files of that line are no longer listed: moved away by the attacker.
    std::fs::remove_file(out.join(entry["path"].as_str().unwrap())).unwrap();
    std::fs::remove_file(out.join(entry["data_path"].as_str().unwrap())).unwrap();
    let run = dir.run(&["verify", "--json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let outs = problems(&run, "outside-archive");
    assert_eq!(outs.len(), 2, "{}", run.stdout);
    assert!(outs.iter().all(|p| p["line"] == 4));
    // The page links only inside the archive.
    assert_eq!(dir.run(&["index"]).code, 0);
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    let links: Vec<&str> = page.split("href=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    assert!(links.iter().all(|l| !l.contains("di-luar") && !l.contains("..")), "the page links outside: {links:?}");
    assert!(page.contains("jalur di luar pohon arsip"), "the row says why its figures are missing");
}

// ---------------------------------------------------------------------------------------------------
// 6. `index --to`.

#[cfg(unix)]
#[test]
fn the_combined_page_is_never_written_through_a_planted_link() {
    let dir = signed("arsip");
    let out = dir.path().join("arsip");
    let fin = manifest_lines(&out).into_iter().find(|l| l["stage"] == "final").unwrap();
    let target = out.join(fin["path"].as_str().unwrap());
    let original = std::fs::read(&target).unwrap();
    // The old temporary name was `<to>.<pid>.tmp`: links for the next few thousand process ids.
    let web = dir.path().join("web");
    std::fs::create_dir_all(&web).unwrap();
    // (Process ids count up to pid_max and start again above 300.)
    let max: u32 =
        std::fs::read_to_string("/proc/sys/kernel/pid_max").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(32768);
    let next = Command::new("true").spawn().unwrap().id();
    for k in 0..5000 {
        let pid = if next + k < max { next + k } else { next + k - max + 300 };
        std::os::unix::fs::symlink(&target, web.join(format!("index.html.{pid}.tmp"))).unwrap();
    }
    let run = dir.run(&["index", "arsip", "--to", "web/index.html"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(std::fs::read(&target).unwrap(), original, "the archived final was overwritten");
    assert!(std::fs::read_to_string(web.join("index.html")).unwrap().contains("Dinas Komunikasi"));
    assert_eq!(dir.run(&["verify", "--output", "arsip"]).code, 0);
}

#[test]
fn the_combined_page_replaces_only_a_page_kinerja_wrote() {
    let dir = signed("arsip");
    std::fs::write(dir.path().join("penting.txt"), "catatan rapat").unwrap();
    let run = dir.run(&["index", "arsip", "--to", "penting.txt"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stderr.contains("penting.txt sudah ada dan bukan halaman indeks"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(dir.path().join("penting.txt")).unwrap(), "catatan rapat");
    // A page of its own is written, then written again.
    for _ in 0..2 {
        let run = dir.run(&["index", "arsip", "--to", "kabupaten.html"]);
        assert_eq!(run.code, 0, "{}", run.all());
    }
    assert!(std::fs::read_to_string(dir.path().join("kabupaten.html")).unwrap().contains("Dinas Komunikasi"));
}

// ---------------------------------------------------------------------------------------------------
// 8. verify FILE and --head, concurrency, links, the rekap's archives.

#[test]
fn a_loose_copy_of_a_deleted_final_is_not_vouched_for_by_an_incomplete_archive() {
    let dir = signed("output");
    let out = dir.path().join("output");
    let fin = manifest_lines(&out).into_iter().find(|l| l["stage"] == "final").unwrap();
    let archived = out.join(fin["path"].as_str().unwrap());
    let copy = dir.path().join("lampiran.pdf");
    std::fs::copy(&archived, &copy).unwrap();
    let head = dir.run(&["verify", "--json"]).json()["chain"]["head"].as_str().unwrap()[..12].to_string();
    std::fs::remove_file(&archived).unwrap();
    let run = dir.run(&["verify", copy.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains("salinan arsipnya HILANG"), "{}", run.stdout);
    assert!(run.stdout.contains("BERMASALAH") && run.stdout.contains("HILANG:"), "{}", run.stdout);
    let json = dir.run(&["verify", "--json", copy.to_str().unwrap()]).json();
    assert_eq!(json["files"][0]["answer"], "sama");
    assert_eq!(json["files"][0]["archived"], "hilang");
    assert_eq!(json["ok"], false);
    let proof = dir.run(&["verify", "--head", &head]);
    assert_eq!(proof.code, 1, "a head proves the lines, not files that are gone: {}", proof.all());
    assert!(proof.stdout.contains("HILANG:"), "{}", proof.stdout);
}

#[cfg(unix)]
#[test]
fn an_archive_reached_through_a_link_verifies() {
    let dir = signed("output");
    std::os::unix::fs::symlink(dir.path().join("output"), dir.path().join("arsip")).unwrap();
    let run = dir.run(&["verify", "--output", "arsip"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("BAIK"), "{}", run.stdout);
}

/// Runs `kinerja ARGS…` in `dir` in the background.
fn spawn(dir: &Dir, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_kinerja"))
        .args(args)
        .current_dir(dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn readers_wait_for_a_build_in_progress_and_report_no_false_findings() {
    // Two offices' archives; a new version of Diskominfo is made aside, to be put into its archive the
    // way a build does: files first, the manifest line last, all under the archive's lock.
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo());
    assert_eq!(dir.run(&["build", "--date", "2025-01-06", "--output", "kominfo"]).code, 0);
    std::fs::remove_file(dir.input("diskominfo.xlsx")).unwrap();
    dir.book("bappeda.xlsx", &book::bappeda());
    assert_eq!(dir.run(&["build", "--date", "2025-01-06", "--output", "bappeda"]).code, 0);
    std::fs::write(dir.input("penandatangan-rekap.txt"), SIGNER).unwrap();
    let kominfo = dir.path().join("kominfo");
    let aside = dir.path().join("aside");
    std::fs::create_dir_all(&aside).unwrap();
    for f in files_under(&kominfo) {
        std::fs::create_dir_all(aside.join(&f).parent().unwrap()).unwrap();
        std::fs::copy(kominfo.join(&f), aside.join(&f)).unwrap();
    }
    let mut b = book::diskominfo();
    b.get("Kinerja").rows[1][9] = V::N(3.45);
    dir.book("diskominfo.xlsx", &b);
    assert_eq!(dir.run(&["build", "input/diskominfo.xlsx", "--date", "2025-01-08", "--output", "aside"]).code, 0);
    let new_line = lines(&aside).pop().unwrap();
    let v2: Value = serde_json::from_str(&new_line).unwrap();

    // The "build": lock taken, files placed, then the readers start.
    let lock = kinerja::archive::lock::acquire(&kominfo).unwrap();
    for field in ["data_path", "path"] {
        let rel = v2[field].as_str().unwrap();
        std::fs::create_dir_all(kominfo.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(aside.join(rel), kominfo.join(rel)).unwrap();
    }
    let readers = [
        spawn(&dir, &["verify", "--output", "kominfo"]),
        spawn(&dir, &["index", "kominfo", "bappeda", "--to", "kabupaten.html"]),
        spawn(
            &dir,
            &["rekap", "kominfo", "bappeda", "--year", "2024", "--output", "kabupaten", "--date", "2025-01-09"],
        ),
    ];
    std::thread::sleep(Duration::from_millis(1500));
    // The manifest line, as the build appends it, and the lock released.
    let mut text = std::fs::read_to_string(kominfo.join("manifest.jsonl")).unwrap();
    text.push_str(&new_line);
    text.push('\n');
    std::fs::write(kominfo.join("manifest.jsonl"), text).unwrap();
    drop(lock);
    let outs: Vec<Run> = readers.into_iter().map(|c| Run::from(c.wait_with_output().unwrap())).collect();
    assert_eq!(outs[0].code, 0, "verify during a build: {}", outs[0].all());
    assert!(outs[0].stdout.contains("2 dokumen"), "verify read before the build ended: {}", outs[0].stdout);
    assert_eq!(outs[1].code, 0, "index during a build: {}", outs[1].all());
    assert!(outs[1].stdout.contains("kominfo — BAIK"), "{}", outs[1].stdout);
    assert_eq!(outs[2].code, 0, "rekap during a build: {}", outs[2].all());
    assert!(!outs[2].stdout.contains("BERMASALAH"), "{}", outs[2].stdout);
    let rekap = manifest_lines(&dir.path().join("kabupaten"))[0].clone();
    let snap: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("kabupaten").join(rekap["data_path"].as_str().unwrap())).unwrap(),
    )
    .unwrap();
    assert_eq!(snap["notes"], Value::Array(vec![]), "the signed rekap notes a healthy archive as failing");
    assert!(!kominfo.join(".kinerja.lock").exists(), "the readers left the lock file behind");
}

#[test]
fn a_rekap_is_never_written_into_an_archive_it_draws_from() {
    let dir = Dir::new();
    std::fs::write(dir.input("penandatangan-rekap.txt"), SIGNER).unwrap();
    dir.book("pd-00.xlsx", &kabupaten::unit(0, 2024, "Tahunan"));
    assert_eq!(dir.run(&["build", "--date", "2025-01-08", "--output", "kantor-0"]).code, 0);
    let before = files_under(&dir.path().join("kantor-0"));
    for output in ["kantor-0", "kantor-0/rekap", "."] {
        let run = dir.run(&["rekap", "kantor-0", "--year", "2024", "--output", output, "--date", "2025-01-20"]);
        assert_eq!(run.code, 1, "--output {output}: {}", run.all());
        assert!(run.stderr.contains("arsip perangkat daerah tidak boleh diubah"), "{}", run.stderr);
        assert_eq!(files_under(&dir.path().join("kantor-0")), before, "--output {output} changed the archive");
    }
}

#[test]
fn a_unit_code_found_in_two_archives_is_said_on_the_terminal_and_the_document() {
    let dir = Dir::new();
    std::fs::write(dir.input("penandatangan-rekap.txt"), SIGNER).unwrap();
    // Two offices that both call themselves pd-01.
    dir.book("a.xlsx", &kabupaten::unit(1, 2024, "Tahunan"));
    assert_eq!(dir.run(&["build", "--date", "2025-01-08", "--output", "kantor-a"]).code, 0);
    std::fs::remove_file(dir.input("a.xlsx")).unwrap();
    let mut b = kabupaten::unit(2, 2024, "Tahunan");
    b.get("Identitas").rows[2][1] = t("pd-01");
    dir.book("b.xlsx", &b);
    assert_eq!(dir.run(&["build", "--date", "2025-01-08", "--output", "kantor-b"]).code, 0);
    let run =
        dir.run(&["rekap", "kantor-a", "kantor-b", "--year", "2024", "--output", "kabupaten", "--date", "2025-01-20"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("PERINGATAN: Kode unit pd-01 ada di 2 arsip"), "{}", run.stdout);
    assert!(run.stdout.contains("kantor-a") && run.stdout.contains("kantor-b"), "{}", run.stdout);
    let out = dir.path().join("kabupaten");
    let line = &manifest_lines(&out)[0];
    let text = pdf_text(&out.join(line["path"].as_str().unwrap()));
    assert!(text.contains("Kode unit pd-01 ada di 2 arsip"), "the document does not say so: {text}");
}

#[cfg(unix)]
#[test]
fn links_planted_at_the_lock_or_manifest_are_never_written_through() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo());
    let out = dir.path().join("output");
    std::fs::create_dir_all(&out).unwrap();
    let victim = dir.path().join("korban.txt");
    std::fs::write(&victim, "milik orang lain").unwrap();
    // The lock file is truncated and given the build's process id: a link there must not lead it away.
    std::os::unix::fs::symlink(&victim, out.join(".kinerja.lock")).unwrap();
    let run = dir.run(&["build", "--date", "2025-01-08"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "milik orang lain", "the lock wrote through a link");
    std::fs::remove_file(out.join(".kinerja.lock")).unwrap();
    // The manifest is appended to: a link there must not be appended through.
    std::os::unix::fs::symlink(&victim, out.join("manifest.jsonl")).unwrap();
    let run = dir.run(&["build", "--date", "2025-01-08"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "milik orang lain", "the manifest wrote through a link");
}
