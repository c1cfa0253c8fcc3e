//! The Perjanjian Kinerja and its Rencana Aksi PK (issue 26): made from the workbook the office fills
//! (`kinerja build --doc pk`), draft then final, the PK perubahan beside the murni, and every
//! measurement of the year held to the PK in force.

use crate::common::book::{self, n, t, V};
use crate::common::{manifest_lines, pdf_text, Dir, Run};
use serde_json::Value;

fn build(dir: &Dir, args: &[&str]) -> Run {
    let mut a = vec!["build", "--json"];
    a.extend_from_slice(args);
    dir.run(&a)
}

fn ok(run: Run) -> Value {
    assert_eq!(run.code, 0, "{}", run.all());
    run.json()
}

/// The text of the PDF of the document `kind` in a `build --json` output.
fn text_of(dir: &Dir, json: &Value, kind: &str) -> String {
    let doc = json["workbooks"][0]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["document"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {json}"))
        .clone();
    pdf_text(&dir.path().join("output").join(doc["path"].as_str().unwrap()))
}

#[test]
fn the_example_office_gets_its_pk_and_rencana_aksi_pk_draft_then_final() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo_lengkap());
    let draft = ok(build(&dir, &["--doc", "pk", "--date", "2024-01-02"]));
    let pk = text_of(&dir, &draft, "perjanjian-kinerja");
    for expected in [
        "PERJANJIAN KINERJA TAHUN 2024",
        "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi pada hasil",
        "Nama : MUSTAQIM, S.HI., M.A. Jabatan : Plt. Kepala Dinas Komunikasi dan Informatika",
        "Nama : Drs. H. BAMBANG SUSILO, M.M. Jabatan : Bupati Lumajang",
        "selaku atasan pihak pertama, selanjutnya disebut pihak kedua",
        "Lumajang, 2 Januari 2024 Pihak Kedua, Bupati Lumajang Drs. H. BAMBANG SUSILO, M.M. Pihak Pertama, Plt. Kepala Dinas",
        "Indeks SPBE 3,5 Indeks",
        "Persentase perangkat daerah yang terhubung jaringan intra pemerintah 90 %",
        "Jumlah insiden keamanan informasi yang tidak tertangani 7 Kejadian",
        "Program Aplikasi Informatika 1.250.000.000 APBD",
        "Program Informasi dan Komunikasi Publik 640.500.000 APBD",
        "Jumlah 1.890.500.000",
        "NIP. 19840518 201101 1 014",
    ] {
        assert!(pk.contains(expected), "{expected}\n---\n{pk}");
    }
    let ra = text_of(&dir, &draft, "rencana-aksi-pk");
    for expected in [
        "RENCANA AKSI PERJANJIAN KINERJA TAHUN 2024",
        "Indeks SPBE 3,5 Indeks 3,2 3,3 3,4 3,5 Menyusun Perbup Arsitektur SPBE (TW I) Kepala Bidang Aplikasi Informatika",
        "Evaluasi mandiri SPBE tiap triwulan (TW II, III, IV)",
    ] {
        assert!(ra.contains(expected), "{expected}\n---\n{ra}");
    }
    let fin = ok(build(&dir, &["--doc", "pk", "--stage", "final", "--date", "2024-01-03"]));
    let pk = text_of(&dir, &fin, "perjanjian-kinerja");
    assert!(pk.contains("kinerja:perjanjian-kinerja/diskominfo/2024/tahunan/final/v1/"), "{pk}");
    let lines = manifest_lines(&dir.path().join("output"));
    let kinds: Vec<(String, String)> =
        lines.iter().map(|l| (l["document"].as_str().unwrap().into(), l["stage"].as_str().unwrap().into())).collect();
    assert_eq!(
        kinds,
        [
            ("perjanjian-kinerja", "draft"),
            ("rencana-aksi-pk", "draft"),
            ("perjanjian-kinerja", "final"),
            ("rencana-aksi-pk", "final")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}
