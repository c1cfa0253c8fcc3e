//! A history that cannot be rewritten unseen: the manifest is a chain (every line holds the hash of
//! all before it), `verify` names the first line that no longer follows, `verify --head` proves an
//! earlier head is still the history's, and `verify FILE.pdf` / the final's QR code answer for a
//! document far from the archive.

use crate::common::book::{self, t, V};
use crate::common::{manifest_lines, pdf_text, qr_on_page, Dir, Run};
use kinerja::archive::chain::Chain;
use serde_json::Value;
use std::path::PathBuf;

/// An archive of four manifest lines: three offices' drafts, then a second version of one.
fn four_lines() -> Dir {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo());
    dir.book("bappeda.xlsx", &book::bappeda());
    dir.book("capil.xlsx", &book::dispendukcapil());
    assert_eq!(dir.run(&["build", "--date", "2025-01-06", "--jobs", "1"]).code, 0);
    let mut b = book::diskominfo();
    b.get("Kinerja").rows[1][9] = V::N(3.45);
    dir.book("diskominfo.xlsx", &b);
    assert_eq!(dir.run(&["build", "--date", "2025-01-08"]).code, 0);
    assert_eq!(manifest_lines(&dir.path().join("output")).len(), 4);
    dir
}

fn manifest_path(dir: &Dir) -> PathBuf {
    dir.path().join("output/manifest.jsonl")
}

fn lines(dir: &Dir) -> Vec<String> {
    std::fs::read_to_string(manifest_path(dir)).unwrap().lines().map(String::from).collect()
}

fn write_lines(dir: &Dir, lines: &[String]) {
    std::fs::write(manifest_path(dir), lines.join("\n") + "\n").unwrap();
}

/// The problems `verify --json` reports of a kind.
fn problems(run: &Run, kind: &str) -> Vec<Value> {
    run.json()["problems"].as_array().unwrap().iter().filter(|p| p["kind"] == kind).cloned().collect()
}

/// verify fails and locates the first broken link at `line`.
fn broken_at(dir: &Dir, line: u64) {
    let run = dir.run(&["verify", "--json"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let breaks = problems(&run, "chain-broken");
    assert_eq!(breaks.len(), 1, "{}", run.stdout);
    assert_eq!(breaks[0]["line"], line, "{}", run.stdout);
    let plain = dir.run(&["verify"]);
    assert!(plain.stdout.contains(&format!("manifest.jsonl baris {line}")), "{}", plain.stdout);
}

#[test]
fn every_line_is_chained_and_verify_accepts_the_whole_history() {
    let dir = four_lines();
    let lines = lines(&dir);
    let mut chain = Chain::default();
    for l in &lines {
        let v: Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["prev"], chain.head.as_str(), "each line holds the head of the lines before it");
        chain.push(l);
    }
    let run = dir.run(&["verify", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(run.json()["chain"]["head"], chain.head.as_str());
    assert_eq!(run.json()["chain"]["lines"], 4);
    // build and log print the head (short) and the line count, for the minutes.
    let short = &chain.head[..12];
    let b = dir.run(&["build", "--date", "2025-01-09"]);
    assert!(b.stdout.contains(&format!("Rantai manifest: {short} (4 baris)")), "{}", b.stdout);
    let log = dir.run(&["log"]);
    assert!(log.stdout.contains(&format!("Rantai manifest: {short} (4 baris)")), "{}", log.stdout);
    let json = dir.run(&["build", "--date", "2025-01-09", "--json"]).json();
    assert_eq!(json["summary"]["manifest"]["head"], chain.head.as_str());
}

#[test]
fn an_edited_line_is_located_even_with_its_own_hashes_recomputed() {
    let dir = four_lines();
    let mut l = lines(&dir);
    l[1] = l[1].replace("\"date\":\"2025-01-06\"", "\"date\":\"2025-01-05\"");
    write_lines(&dir, &l);
    broken_at(&dir, 3);

    // The attacker swaps a PDF and writes its new sha256 into its line: the file check passes, the
    // chain does not.
    let dir = four_lines();
    let mut l = lines(&dir);
    let mut entry: Value = serde_json::from_str(&l[1]).unwrap();
    let pdf = dir.path().join("output").join(entry["path"].as_str().unwrap());
    let mut bytes = std::fs::read(&pdf).unwrap();
    bytes.extend_from_slice(b"\n% diubah\n");
    std::fs::write(&pdf, &bytes).unwrap();
    entry["sha256"] = Value::from(kinerja::archive::sha256(&bytes));
    l[1] = serde_json::to_string(&entry).unwrap();
    write_lines(&dir, &l);
    let run = dir.run(&["verify", "--json"]);
    assert!(problems(&run, "modified").is_empty(), "the file matches its edited line: {}", run.stdout);
    broken_at(&dir, 3);
}

#[test]
fn a_removed_inserted_or_swapped_line_is_located() {
    let dir = four_lines();
    let mut l = lines(&dir);
    l.remove(1);
    write_lines(&dir, &l);
    broken_at(&dir, 2);

    let dir = four_lines();
    let mut l = lines(&dir);
    let copy = l[0].clone();
    l.insert(1, copy);
    write_lines(&dir, &l);
    broken_at(&dir, 2);

    let dir = four_lines();
    let mut l = lines(&dir);
    l.swap(1, 2);
    write_lines(&dir, &l);
    broken_at(&dir, 2);

    // A line stripped of its link is no longer part of the chain.
    let dir = four_lines();
    let mut l = lines(&dir);
    let mut entry: Value = serde_json::from_str(&l[2]).unwrap();
    entry.as_object_mut().unwrap().remove("prev");
    l[2] = serde_json::to_string(&entry).unwrap();
    write_lines(&dir, &l);
    broken_at(&dir, 3);
}

#[test]
fn a_recorded_head_is_proven_after_later_builds_and_not_after_a_rewrite() {
    let dir = four_lines();
    let head = dir.run(&["build", "--date", "2025-01-08", "--json"]).json()["summary"]["manifest"]["head"]
        .as_str()
        .unwrap()
        .to_string();
    let short = &head[..12];
    // A legitimate build later: the history grows, the old head is still in it.
    let mut b = book::bappeda();
    b.get("Kinerja").rows[1][8] = V::N(93.0);
    dir.book("bappeda.xlsx", &b);
    assert_eq!(dir.run(&["build", "--date", "2025-01-10"]).code, 0);
    let proof = dir.run(&["verify", "--head", short]);
    assert_eq!(proof.code, 0, "{}", proof.all());
    assert!(proof.stdout.contains(&format!("{short} (4 baris)")), "{}", proof.stdout);
    // History rewritten with every link recomputed: the chain alone looks whole, the head does not.
    // (A date edited so is found by verify itself since issue 24: the line no longer agrees with its
    // file's name and its PDF. The input hash is a field no file of the archive repeats.)
    // (Each link replaced in the line's own text, as the program writes it.)
    let relinked = |l: &mut Vec<String>| {
        let mut chain = Chain::default();
        for line in l.iter_mut() {
            let v: Value = serde_json::from_str(line).unwrap();
            let old = format!("\"prev\":\"{}\"", v["prev"].as_str().unwrap());
            *line = line.replace(&old, &format!("\"prev\":\"{}\"", chain.head));
            chain.push(line);
        }
    };
    let original = lines(&dir);
    let mut l = original.clone();
    l[0] = l[0].replace("\"date\":\"2025-01-06\"", "\"date\":\"2025-01-01\"");
    relinked(&mut l);
    write_lines(&dir, &l);
    let run = dir.run(&["verify", "--json"]);
    assert_eq!(run.code, 1, "an edited date is found without a head: {}", run.stdout);
    assert_eq!(problems(&run, "disagrees")[0]["line"], 1, "{}", run.stdout);
    let mut l = original;
    let input: Value = serde_json::from_str::<Value>(&l[0]).unwrap()["input_sha256"].clone();
    l[0] = l[0].replace(input.as_str().unwrap(), &"0".repeat(64));
    relinked(&mut l);
    write_lines(&dir, &l);
    let v = dir.run(&["verify"]);
    assert_eq!(v.code, 0, "a rewrite with every link recomputed passes the chain check: {}", v.stdout);
    let proof = dir.run(&["verify", "--head", short]);
    assert_eq!(proof.code, 1, "{}", proof.all());
    assert!(proof.stdout.contains("tidak ada"), "{}", proof.stdout);
    assert_eq!(dir.run(&["verify", "--head", "bukan-hash"]).code, 2);
}

/// draft → konsep → final of the Diskominfo example (with its rencana aksi).
fn signed() -> (Dir, Value) {
    let dir = Dir::new();
    let plans = book::diskominfo_lengkap();
    dir.book("diskominfo.xlsx", &plans);
    assert_eq!(dir.run(&["build", "--date", "2025-01-06"]).code, 0);
    assert_eq!(dir.run(&["build", "--stage", "konsep", "--date", "2025-01-09"]).code, 0);
    let fin = dir.run(&["build", "--stage", "final", "--date", "2025-01-15", "--json"]);
    assert_eq!(fin.code, 0, "{}", fin.all());
    let wb = fin.workbook("diskominfo.xlsx");
    (dir, wb)
}

#[test]
fn a_loose_pdf_is_told_apart() {
    let (dir, fin) = signed();
    let out = dir.path().join("output");
    let final_pdf = out.join(fin["documents"][0]["path"].as_str().unwrap());
    let elsewhere = dir.path().join("lampiran-email");
    std::fs::create_dir_all(&elsewhere).unwrap();
    // The signed final, as an attachment.
    let copy = elsewhere.join("PK Diskominfo 2024.pdf");
    std::fs::copy(&final_pdf, &copy).unwrap();
    // A modified copy.
    let mut bytes = std::fs::read(&final_pdf).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x20;
    let modified = elsewhere.join("PK Diskominfo 2024 (revisi).pdf");
    std::fs::write(&modified, &bytes).unwrap();
    // The draft v1, superseded by nothing at its stage; the konsep is newer than the draft but not
    // the same stage. Make a draft v2 so that v1 is superseded.
    let draft_v1 = manifest_lines(&out).into_iter().find(|e| e["stage"] == "draft").unwrap();
    let old = elsewhere.join("draft-lama.pdf");
    std::fs::copy(out.join(draft_v1["path"].as_str().unwrap()), &old).unwrap();
    let mut b = book::diskominfo_lengkap();
    b.get("Identitas").rows[2][1] = t("Jl. Alun-alun Utara No. 2, Lumajang 67311");
    dir.book("diskominfo.xlsx", &b);
    assert_eq!(dir.run(&["build", "--date", "2025-01-20"]).code, 0);
    // Something else entirely.
    let stranger = elsewhere.join("undangan.pdf");
    std::fs::write(&stranger, b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n").unwrap();

    let run = dir.run(
        &["verify", "--json"]
            .iter()
            .copied()
            .chain([
                copy.to_str().unwrap(),
                modified.to_str().unwrap(),
                old.to_str().unwrap(),
                stranger.to_str().unwrap(),
            ])
            .collect::<Vec<_>>(),
    );
    let files = run.json()["files"].as_array().unwrap().clone();
    assert_eq!(files.len(), 4, "{}", run.stdout);
    assert_eq!(files[0]["answer"], "sama", "{}", files[0]);
    assert_eq!(files[0]["document"]["unit"], "diskominfo");
    assert_eq!(files[0]["document"]["stage"], "final");
    assert_eq!(files[0]["document"]["version"], 1);
    assert_eq!(files[0]["newest"], true);
    assert_eq!(files[1]["answer"], "berbeda", "{}", files[1]);
    assert_eq!(files[1]["document"]["path"], fin["documents"][0]["path"]);
    assert_eq!(files[2]["answer"], "sama");
    assert_eq!(files[2]["newest"], false, "{}", files[2]);
    assert_eq!(files[2]["newer"]["version"], 2);
    assert_eq!(files[3]["answer"], "tidak-dikenal", "{}", files[3]);
    assert_eq!(run.code, 1, "a file that is not the archived one fails the check");

    let plain = dir.run(&["verify", copy.to_str().unwrap(), old.to_str().unwrap(), stranger.to_str().unwrap()]);
    assert!(plain.stdout.contains("SAMA PERSIS") && plain.stdout.contains("final v1"), "{}", plain.stdout);
    assert!(plain.stdout.contains("ADA VERSI LEBIH BARU: draft v2"), "{}", plain.stdout);
    assert!(plain.stdout.contains("undangan.pdf") && plain.stdout.contains("TIDAK DIKENAL"), "{}", plain.stdout);
    let only_copy = dir.run(&["verify", copy.to_str().unwrap()]);
    assert_eq!(only_copy.code, 0, "{}", only_copy.all());
}

#[test]
fn the_final_carries_its_identity_as_a_qr_code_that_verify_understands() {
    let (dir, fin) = signed();
    let out = dir.path().join("output");
    for doc in fin["documents"].as_array().unwrap() {
        let pdf = out.join(doc["path"].as_str().unwrap());
        let text = pdf_text(&pdf);
        let pages = text.matches("Halaman ").count();
        let code = qr_on_page(&pdf, pages, dir.path());
        let source12 = &doc["source_sha256"].as_str().unwrap()[..12];
        assert_eq!(
            code,
            format!("kinerja:{}/diskominfo/2024/tahunan/final/v1/{source12}", doc["document"].as_str().unwrap()),
        );
        assert!(text.contains(&code), "the code is printed beside the QR: {text}");
        let check = dir.run(&["verify", &code]);
        assert_eq!(check.code, 0, "{}", check.all());
        assert!(check.stdout.contains("final v1") && check.stdout.contains("15 Januari 2025"), "{}", check.stdout);
    }
    // The draft and konsep carry no QR code.
    let draft = manifest_lines(&out).into_iter().find(|e| e["stage"] == "draft").unwrap();
    assert_eq!(qr_on_page(&out.join(draft["path"].as_str().unwrap()), 2, dir.path()), "");
}
