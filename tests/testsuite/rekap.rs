//! The rekapitulasi (`kinerja rekap`): every unit of a year and period with the figures of its own
//! document, archived and versioned — a new final of one unit makes a new version, nothing else does —
//! signed by the block of a small settings file, and drawn over several archives without changing them.

use crate::common::book::n;
use crate::common::kabupaten::{self, archive};
use crate::common::{files_under, manifest_lines, pdf_text, Dir};
use serde_json::Value;
use std::path::Path;

const SIGNER: &str = "# Blok tanda tangan rekapitulasi\nPemerintah: Pemerintah Kabupaten Contoh\nTempat: Contoh\nJabatan: Sekretaris Daerah\nNama: Drs. NAMA SEKDA, M.Si.\nPangkat: Pembina Utama Madya (IV/d)\nNIP: 19680101 199003 1 010\n";

fn signer(dir: &Dir) {
    std::fs::write(dir.input("penandatangan-rekap.txt"), SIGNER).unwrap();
}

/// The rekap lines of an archive's manifest.
fn rekap_lines(out: &Path) -> Vec<Value> {
    manifest_lines(out).into_iter().filter(|l| l["document"] == "rekapitulasi").collect()
}

/// Each unit's own document as the rekap must show it: the newest Pengukuran Kinerja of its highest
/// stage for 2024 Tahunan, read from its own snapshot.
fn own_documents(out: &Path) -> Vec<(String, Value, Value)> {
    let lines = manifest_lines(out);
    let mut units: Vec<String> = lines
        .iter()
        .filter(|l| l["document"] == "pengukuran-kinerja" && l["year"] == 2024 && l["period"] == "tahunan")
        .map(|l| l["unit"].as_str().unwrap().to_string())
        .collect();
    units.sort();
    units.dedup();
    let order = |s: &str| ["draft", "konsep", "final"].iter().position(|x| *x == s).unwrap();
    units
        .into_iter()
        .map(|u| {
            let newest = lines
                .iter()
                .filter(|l| {
                    l["unit"] == u.as_str()
                        && l["document"] == "pengukuran-kinerja"
                        && l["year"] == 2024
                        && l["period"] == "tahunan"
                })
                .max_by_key(|l| (order(l["stage"].as_str().unwrap()), l["version"].as_u64().unwrap()))
                .unwrap()
                .clone();
            let snap: Value =
                serde_json::from_slice(&std::fs::read(out.join(newest["data_path"].as_str().unwrap())).unwrap())
                    .unwrap();
            (u, newest, snap)
        })
        .collect()
}

#[test]
fn the_rekap_of_40_units_shows_each_units_own_figures_and_a_new_final_makes_a_new_version() {
    let dir = Dir::new();
    archive(&dir);
    signer(&dir);
    let out = dir.path().join("output");
    let run = dir.run(&["rekap", "--year", "2024", "--period", "tahunan", "--date", "2025-01-20"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("Rekapitulasi 2024 Tahunan — DIBUAT: v1 (40 unit)"), "{}", run.stdout);
    let lines = rekap_lines(&out);
    assert_eq!(lines.len(), 1);
    let rekap: Value =
        serde_json::from_slice(&std::fs::read(out.join(lines[0]["data_path"].as_str().unwrap())).unwrap()).unwrap();
    let rows = rekap["units"].as_array().unwrap();
    // Every unit, with the stage, figures and the very document of its own archive.
    let own = own_documents(&out);
    assert_eq!(own.len(), 40);
    assert_eq!(rows.len(), 40);
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text = squeeze(&pdf_text(&out.join(lines[0]["path"].as_str().unwrap())));
    for (unit, entry, snap) in &own {
        let row = rows.iter().find(|r| r["unit"] == unit.as_str()).unwrap_or_else(|| panic!("{unit} missing"));
        assert_eq!(row["stage"], entry["stage"], "{unit}");
        assert_eq!(row["sha256"], entry["sha256"], "{unit}: made from its newest document");
        let summary = &snap["measurement"]["summary"];
        for (field, own) in [
            ("capaian", &summary["capaian"]),
            ("predikat", &summary["predikat"]),
            ("tercapai", &summary["tercapai"]),
            ("tidak_tercapai", &summary["tidak_tercapai"]),
            ("tidak_dapat_dihitung", &summary["tidak_dapat_dihitung"]),
        ] {
            assert_eq!(&row[field], own, "{unit}: {field}");
        }
        // The PDF prints the unit's name and its capaian as its own document does.
        let name = squeeze(row["name"].as_str().unwrap());
        assert!(text.contains(&name), "{name} not in the rekap's PDF");
        let capaian = format!("{:.2}%", summary["capaian"].as_f64().unwrap()).replace('.', ",");
        assert!(text.contains(&format!("{name}{unit}")) && text.contains(&capaian), "{unit}: {capaian}");
    }
    assert!(text.contains("SekretarisDaerah") && text.contains("NIP.196801011990031010"), "the signature block");
    assert!(text.contains("Rata-rataPemerintahKabupatenContoh"), "the government's mean");
    assert_eq!(dir.run(&["verify"]).code, 0);

    // Nothing changed: no new version.
    let again = dir.run(&["rekap", "--year", "2024", "--date", "2025-01-21"]);
    assert_eq!(again.code, 0, "{}", again.all());
    assert!(again.stdout.contains("TIDAK BERUBAH: v1"), "{}", again.stdout);
    assert_eq!(rekap_lines(&out).len(), 1);

    // A new final of unit 30: a new rekap version naming it; every earlier file as it was.
    let mut b = kabupaten::unit(30, 2024, "Tahunan");
    b.get("Kinerja").rows[1][6] = n(125.0);
    dir.book("pd-30.xlsx", &b);
    for (stage, date) in [("draft", "2025-01-22"), ("konsep", "2025-01-23"), ("final", "2025-01-24")] {
        let run = dir.run(&["build", "input/pd-30.xlsx", "--stage", stage, "--date", date]);
        assert_eq!(run.code, 0, "{}", run.all());
    }
    let before: Vec<(String, Vec<u8>)> = files_under(&out)
        .into_iter()
        .filter(|f| f != "index.html")
        .map(|f| (f.clone(), std::fs::read(out.join(&f)).unwrap()))
        .collect();
    let index_before = std::fs::read(out.join("index.html")).unwrap();
    let run = dir.run(&["rekap", "--year", "2024", "--date", "2025-01-25"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("DIBUAT: v2 (40 unit)"), "{}", run.stdout);
    let lines = rekap_lines(&out);
    assert_eq!(lines.len(), 2);
    let changes = lines[1]["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(changes[0].as_str().unwrap().contains("(pd-30): final v1 → final v2"), "{changes:?}");
    for (f, bytes) in &before {
        let now = std::fs::read(out.join(f)).unwrap();
        if f == "manifest.jsonl" {
            assert!(now.starts_with(bytes), "the manifest was rewritten");
        } else {
            assert!(now == *bytes, "{f} was rewritten");
        }
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_ne!(index.as_bytes(), &index_before[..], "the page shows the new rekap");
    assert!(
        index.contains("Rekapitulasi")
            && index.contains(lines[1]["path"].as_str().unwrap().rsplit('/').next().unwrap())
    );
}

#[test]
fn the_rekap_needs_its_signer_and_draws_over_several_archives_without_changing_them() {
    let dir = Dir::new();
    for i in 0..3 {
        dir.book(&format!("pd-{i:02}.xlsx"), &kabupaten::unit(i, 2024, "Tahunan"));
        let run = dir.run(&[
            "build",
            &format!("input/pd-{i:02}.xlsx"),
            "--output",
            &format!("kantor-{i}"),
            "--date",
            "2025-01-08",
        ]);
        assert_eq!(run.code, 0, "{}", run.all());
    }
    let no_signer = dir.run(&["rekap", "kantor-0", "--year", "2024", "--output", "kabupaten"]);
    assert_eq!(no_signer.code, 1);
    assert!(
        no_signer.stderr.contains("penandatangan-rekap.txt") && no_signer.stderr.contains("Nama:"),
        "{}",
        no_signer.stderr
    );
    signer(&dir);
    // Someone removed a snapshot from kantor-2.
    let k2 = dir.path().join("kantor-2");
    std::fs::remove_file(k2.join(manifest_lines(&k2)[0]["data_path"].as_str().unwrap())).unwrap();
    let before: Vec<Vec<String>> = (0..3).map(|i| files_under(&dir.path().join(format!("kantor-{i}")))).collect();
    let run = dir.run(&[
        "rekap",
        "kantor-0",
        "kantor-1",
        "kantor-2",
        "--year",
        "2024",
        "--output",
        "kabupaten",
        "--date",
        "2025-01-20",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("kantor-2 — BERMASALAH") && run.stdout.contains("DIBUAT: v1 (3 unit)"),
        "{}",
        run.stdout
    );
    let out = dir.path().join("kabupaten");
    let line = &rekap_lines(&out)[0];
    let rekap: Value =
        serde_json::from_slice(&std::fs::read(out.join(line["data_path"].as_str().unwrap())).unwrap()).unwrap();
    let notes = rekap["notes"].as_array().unwrap();
    assert!(notes.iter().any(|n| n.as_str().unwrap().contains("kantor-2 BERMASALAH")), "{notes:?}");
    let text = pdf_text(&out.join(line["path"].as_str().unwrap()));
    assert!(text.contains("kantor-2 BERMASALAH"), "the failing archive is noted on the document");
    // The offices' archives are as they were.
    let after: Vec<Vec<String>> = (0..3).map(|i| files_under(&dir.path().join(format!("kantor-{i}")))).collect();
    assert_eq!(before, after);
}

#[test]
fn one_archive_named_without_output_gets_its_own_rekap_inside_it() {
    let dir = Dir::new();
    signer(&dir);
    dir.book("pd-00.xlsx", &kabupaten::unit(0, 2024, "Tahunan"));
    let run = dir.run(&["build", "--output", "kantor-0", "--date", "2025-01-08"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let run = dir.run(&["rekap", "kantor-0", "--year", "2024", "--date", "2025-01-20"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(!dir.path().join("output").exists(), "a new archive output/ was made beside kantor-0");
    let out = dir.path().join("kantor-0");
    let lines = rekap_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0]["path"].as_str().unwrap().starts_with("2024/tahunan/rekapitulasi/final/2025-01-20/"));
    let text = pdf_text(&out.join(lines[0]["path"].as_str().unwrap()));
    assert!(text.contains(&kabupaten::name(0)), "{text}");
    // It is the rekap `--output kantor-0` makes: the same sources, so no new version.
    let again = dir.run(&["rekap", "--output", "kantor-0", "--year", "2024", "--date", "2025-01-21"]);
    assert_eq!(again.code, 0, "{}", again.all());
    assert!(again.stdout.contains("TIDAK BERUBAH: v1"), "{}", again.stdout);
    assert_eq!(dir.run(&["verify", "--output", "kantor-0"]).code, 0);
}
