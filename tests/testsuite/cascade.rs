//! The cascade (issue 27): the `Cascading` sheet read into positions and indicators, the tree's checks
//! each at its cell, the pohon kinerja drawn, and a cascade laid out as blocks refused with the layout
//! to use.

use crate::common::book::{self, n, t, V};
use crate::common::{pdf_text, Dir};
use serde_json::Value;

/// The example with its `Cascading` sheet changed by `change` (rows as the sheet has them: 0 the
/// header, 1 the Kepala Dinas's first indicator …); what `check --json` found.
fn check_with(change: impl FnOnce(&mut Vec<Vec<V>>)) -> Value {
    let mut b = book::diskominfo_lengkap();
    change(&mut b.get("Cascading").rows);
    let dir = Dir::new();
    let p = dir.book("diskominfo.xlsx", &b);
    let run = dir.run(&["check", "--json", p.to_str().unwrap()]);
    run.json()["workbooks"][0].clone()
}

/// The cascade's findings (sheet Cascading): (cell, message).
fn findings(wb: &Value) -> Vec<(String, String)> {
    wb["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["sheet"] == "Cascading")
        .map(|f| (f["cell"].as_str().unwrap_or("").to_string(), f["message"].as_str().unwrap().to_string()))
        .collect()
}

fn has(wb: &Value, cell: &str, words: &str) -> bool {
    findings(wb).iter().any(|(c, m)| c == cell && m.contains(words))
}

// Columns of the example's sheet.
const ATASAN: usize = 5;
const KODE: usize = 7;
const TARGET: usize = 10;
const MENDUKUNG: usize = 11;
const PAGU: usize = 15;
const NAMA: usize = 2;

#[test]
fn the_example_cascade_is_whole() {
    let wb = check_with(|_| {});
    assert_eq!(wb["status"], "ok", "{wb}");
    assert!(findings(&wb).is_empty(), "{:?}", findings(&wb));
}

#[test]
fn an_indicator_supporting_nothing_that_exists_is_found_at_its_cell() {
    let wb = check_with(|r| r[15][MENDUKUNG] = t("1.1.9"));
    assert!(has(&wb, "L16", "mendukung \"1.1.9\", yang tidak ada"), "{:?}", findings(&wb));
    // An indicator naming another position's indicator than its superior's.
    let wb = check_with(|r| r[15][MENDUKUNG] = t("1.2.1.1"));
    assert!(has(&wb, "L16", "bukan indikator jabatan atasannya"), "{:?}", findings(&wb));
}

#[test]
fn an_indicator_nobody_below_supports_is_found_unless_it_is_the_positions_own() {
    // The Kepala Seksi Pengelolaan Informasi Publik now supports 2.2.1: 2.1.1 is left without support.
    let wb = check_with(|r| r[13][MENDUKUNG] = t("2.2.1"));
    assert!(has(&wb, "H10", "2.1.1") && has(&wb, "H10", "tidak didukung"), "{:?}", findings(&wb));
    // Marked as its own, it is meant.
    let wb = check_with(|r| {
        r[13][MENDUKUNG] = t("2.2.1");
        r[9][12] = t("ya");
    });
    assert!(!has(&wb, "H10", "tidak didukung"), "{:?}", findings(&wb));
}

#[test]
fn a_loop_is_found() {
    // Positions: the Kepala Seksi Tata Kelola SPBE under its own staff member.
    let wb = check_with(|r| r[11][ATASAN] = t("Pranata Komputer Ahli Pertama"));
    assert!(has(&wb, "F12", "berputar"), "{:?}", findings(&wb));
    // Indicators: 1.1.1.1 supporting the staff's 1.1.1.1.1, which supports it.
    let wb = check_with(|r| r[11][MENDUKUNG] = t("1.1.1.1.1"));
    assert!(findings(&wb).iter().any(|(_, m)| m.contains("berputar")), "{:?}", findings(&wb));
}

#[test]
fn kegiatan_over_their_programs_pagu_are_found_at_the_programs_pagu() {
    // Aplikasi Informatika's kegiatan: e-Government 700 juta + Persandian 450 → 600 juta = 1,3 miliar
    // against the program's 1,25 miliar.
    let wb = check_with(|r| r[8][PAGU] = n(600_000_000.0));
    assert!(
        has(
            &wb,
            "P2",
            "Pagu di bawah Program Aplikasi Informatika berjumlah Rp 1.300.000.000, melebihi pagunya Rp 1.250.000.000"
        ),
        "{:?}",
        findings(&wb)
    );
    assert!(!has(&wb, "P5", "melebihi"), "{:?}", findings(&wb));
}

#[test]
fn the_heads_rows_are_the_kinerja_sheets() {
    let wb = check_with(|r| r[2][TARGET] = n(95.0));
    assert!(has(&wb, "K3", "Target indikator 1.2 di lembar Cascading 95, di lembar Kinerja 90"), "{:?}", findings(&wb));
    let wb = check_with(|r| {
        r.remove(5);
    });
    assert!(
        findings(&wb).iter().any(|(_, m)| m.contains("Indikator 2.2") && m.contains("tidak ada di baris kepala")),
        "{:?}",
        findings(&wb)
    );
}

#[test]
fn a_target_split_below_adds_up_where_the_office_says_so() {
    // 2.2 (90 dataset, Jumlah dari Bawahan ya) is carried by 2.2.1 alone: 80 is not 90.
    let wb = check_with(|r| r[10][TARGET] = n(80.0));
    assert!(
        has(&wb, "K6", "Target indikator 2.2") && has(&wb, "K6", "jumlah target indikator bawahannya 80"),
        "{:?}",
        findings(&wb)
    );
}

#[test]
fn a_position_has_one_holder_and_one_position_above() {
    let wb = check_with(|r| r[7][NAMA] = t("ORANG LAIN, S.T."));
    let errors: Vec<&Value> = wb["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error").collect();
    assert!(
        errors
            .iter()
            .any(|f| f["cell"] == "C8" && f["message"].as_str().unwrap().contains("satu jabatan satu pemangku")),
        "{errors:?}"
    );
    let wb = check_with(|r| r[6][ATASAN] = t("Sekretaris Dinas"));
    assert!(has(&wb, "F7", "Jabatan atasan \"Sekretaris Dinas\""), "{:?}", findings(&wb));
    let _ = KODE;
}

#[test]
fn the_pohon_kinerja_is_drawn_with_every_position_and_target() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo_lengkap());
    let run = dir.run(&["build", "--doc", "pk", "--date", "2024-01-02", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let doc = run.json()["workbooks"][0]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["document"] == "pohon-kinerja")
        .unwrap()
        .clone();
    let text = pdf_text(&dir.path().join("output").join(doc["path"].as_str().unwrap()));
    for expected in [
        "POHON KINERJA DINAS KOMUNIKASI DAN INFORMATIKA TAHUN 2024",
        "Sasaran 1: Meningkatnya kualitas tata kelola pemerintahan berbasis elektronik",
        "Sasaran 2: Meningkatnya keterbukaan informasi publik",
        "Kepala Bidang Aplikasi Informatika Ir. BUDI SANTOSO, M.T.",
        "1.1.1 Persentase domain SPBE yang dievaluasi dan ditindaklanjuti Target 100 % · mendukung 1.1",
        "1.1.1.1.1 Jumlah laporan evaluasi mandiri SPBE Target 4 Laporan · mendukung 1.1.1.1",
        "2.2.1.1 Jumlah dataset sektoral yang dikumpulkan dan divalidasi Target 90 Dataset · mendukung 2.2.1",
    ] {
        assert!(text.contains(expected), "{expected}\n---\n{text}");
    }
}

#[test]
fn a_cascade_drawn_as_blocks_is_refused_with_the_layout_to_use() {
    let real = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/cascade-iki-biro-organisasi-jabar.xlsx");
    let dir = Dir::new();
    let run = dir.run(&["check", "--json", real.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.all());
    let wb = &run.json()["workbooks"][0];
    let errors = wb["findings"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0]["sheet"].as_str(), errors[0]["cell"].as_str()), (Some("15 IKI (PK)"), Some("A3")));
    assert!(errors[0]["message"].as_str().unwrap().contains("cascading berbentuk kotak per jabatan"), "{errors:?}");
    assert!(errors[0]["hint"].as_str().unwrap().contains("lembar Cascading"), "{errors:?}");
}

/// The `--json` of `kinerja build ARGS` in `dir`, which must succeed.
fn built(dir: &Dir, args: &[&str]) -> Value {
    crate::common::ok(crate::common::build_json(dir, args))
}

/// The documents of a build's first workbook: (PDF path, version, status).
fn documents(json: &Value) -> Vec<(String, u64, String)> {
    json["workbooks"][0]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["version"].as_u64().unwrap(),
                d["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_official_gets_a_pk_with_their_superior_as_pihak_kedua() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo_lengkap());
    let draft = built(&dir, &["--doc", "pk", "--date", "2024-01-02"]);
    let docs = documents(&draft);
    let of = |position: &str| {
        let (path, _, _) = docs
            .iter()
            .find(|(p, _, _)| p.contains(&format!("/diskominfo/{position}/draft/")))
            .unwrap_or_else(|| panic!("no PK of {position} in {docs:?}"));
        pdf_text(&dir.path().join("output").join(path))
    };
    // Eight officials below the Kepala Dinas, each in a folder of their position.
    assert_eq!(docs.iter().filter(|(p, _, _)| p.contains("perjanjian-kinerja_diskominfo.")).count(), 8, "{docs:?}");
    let aptika = of("kepala-bidang-aplikasi-informatika");
    for expected in [
        "Nama : Ir. BUDI SANTOSO, M.T. Jabatan : Kepala Bidang Aplikasi Informatika",
        "Nama : MUSTAQIM, S.HI., M.A. Jabatan : Plt. Kepala Dinas Komunikasi dan Informatika",
        "Sasaran Program",
        "Persentase domain SPBE yang dievaluasi dan ditindaklanjuti 100 %",
        "Jumlah perangkat daerah yang tersambung jaringan intra pemerintah 36 Perangkat Daerah",
        "Kegiatan Pengelolaan e-Government 700.000.000",
        "NIP. 19750312 200212 1 003",
    ] {
        assert!(aptika.contains(expected), "{expected}\n---\n{aptika}");
    }
    let kasi = of("kepala-seksi-statistik-sektoral");
    for expected in [
        "Nama : YUDI PRASETYO, S.Si. Jabatan : Kepala Seksi Statistik Sektoral",
        "Nama : AHMAD FAUZI, S.Sos., M.Si. Jabatan : Kepala Bidang Informasi dan Komunikasi Publik",
        "Sasaran Kegiatan",
        "Kegiatan / Sub Kegiatan",
        "Jumlah dataset sektoral yang dikumpulkan dan divalidasi 90 Dataset",
        "Sub Kegiatan Penyelenggaraan Statistik Sektoral 240.500.000",
    ] {
        assert!(kasi.contains(expected), "{expected}\n---\n{kasi}");
    }
    let staf = of("pranata-komputer-ahli-pertama");
    assert!(staf.contains("Nama : RINA MARLINA, S.T. Jabatan : Kepala Seksi Tata Kelola SPBE"), "{staf}");
    assert!(
        staf.contains("Sasaran Kinerja Individu") && staf.contains("Jumlah laporan evaluasi mandiri SPBE 4 Laporan")
    );
    assert!(!staf.contains("Anggaran (Rp)"), "the staff's PK has no budget: {staf}");
    // Signed from their drafts, each verifiable by its own code.
    built(&dir, &["--doc", "pk", "--stage", "final", "--date", "2024-01-03"]);
    let verify = dir.run(&["verify"]);
    assert_eq!(verify.code, 0, "{}", verify.all());
}

#[test]
fn one_changed_target_makes_a_new_version_of_that_officials_pk_and_no_other() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo_lengkap());
    built(&dir, &["--doc", "pk", "--date", "2024-01-02"]);
    // The Kepala Seksi Tata Kelola SPBE now promises 3 documents (row 12 of the sheet).
    let mut b = book::diskominfo_lengkap();
    b.get("Cascading").rows[11][10] = n(3.0);
    dir.book("diskominfo.xlsx", &b);
    let again = built(&dir, &["--doc", "pk", "--date", "2024-01-05"]);
    let written: Vec<String> = documents(&again)
        .into_iter()
        .filter(|(_, _, status)| status == "written")
        .map(|(path, version, _)| format!("{} v{version}", path.split('/').rev().nth(3).unwrap()))
        .collect();
    // That official's PK, and the drawing of the tree that prints the target; nothing else.
    assert_eq!(written, ["diskominfo v2", "kepala-seksi-tata-kelola-spbe v2"], "{again}");
    let pohon = documents(&again).into_iter().find(|(p, _, _)| p.contains("pohon-kinerja_")).unwrap();
    assert!(pohon.0.contains("pohon-kinerja_diskominfo_2024-tahunan_draft_v2_"), "{pohon:?}");
    let changed = documents(&again).into_iter().find(|(p, _, _)| p.contains("kepala-seksi-tata-kelola-spbe")).unwrap();
    let text = pdf_text(&dir.path().join("output").join(&changed.0));
    assert!(text.contains("Jumlah dokumen tata kelola SPBE yang ditetapkan 3 Dokumen"), "{text}");
    assert!(text.contains("target 2 Dokumen → 3 Dokumen"), "{text}");
}

#[test]
fn a_broken_tree_makes_no_officials_pk() {
    let dir = Dir::new();
    let mut b = book::diskominfo_lengkap();
    b.get("Cascading").rows[15][11] = t("1.1.9");
    dir.book("diskominfo.xlsx", &b);
    let run = dir.run(&["build", "--doc", "pk", "--date", "2024-01-02", "--json"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let wb = run.workbook("diskominfo.xlsx");
    // The orphan, and the indicator it no longer supports.
    assert!(wb["reasons"].to_string().contains("pohon kinerja di lembar Cascading belum utuh (2 masalah"), "{wb}");
    let paths: Vec<String> = documents(&run.json()).into_iter().map(|(p, _, _)| p).collect();
    assert!(paths.iter().all(|p| !p.contains("perjanjian-kinerja_diskominfo.")), "{paths:?}");
    assert!(paths.iter().any(|p| p.contains("pohon-kinerja_")), "the draft of the tree shows its problems: {paths:?}");
}

#[test]
fn a_whole_offices_pohon_stays_readable_split_under_the_head() {
    // 60 positions: a Kepala Dinas, 5 Kepala Bidang, 18 Kepala Seksi, 36 staff (the skala benchmark's).
    let dir = Dir::new();
    dir.book("dpupr.xlsx", &book::cascading_office());
    let json = built(&dir, &["--doc", "pk", "--date", "2025-01-15"]);
    let docs = documents(&json);
    assert_eq!(docs.iter().filter(|(p, _, _)| p.contains("perjanjian-kinerja_dpupr.")).count(), 59, "{docs:?}");
    let (path, _, _) = docs.iter().find(|(p, _, _)| p.contains("pohon-kinerja_")).unwrap();
    let pdf = dir.path().join("output").join(path);
    let mut pages = vec![];
    for page in 1.. {
        let words = crate::common::pdf_words(&pdf, page);
        if words.is_empty() {
            break;
        }
        pages.push(words);
    }
    let text: Vec<String> =
        pages.iter().map(|w| w.iter().map(|x| x.4.as_str()).collect::<Vec<_>>().join(" ")).collect();
    // Each sasaran too wide for a page at a readable size is drawn a Kepala Bidang a page, the head on top.
    let parts: Vec<&String> = text.iter().filter(|t| t.contains(" dari ") && t.contains("Bagian")).collect();
    assert!(parts.len() >= 5, "{text:#?}");
    for t in &parts {
        assert!(t.contains("Kepala Dinas Pekerjaan Umum dan Penataan Ruang"), "{t}");
    }
    // Every position is on some page, and every word of every page is printed at 4 pt or more.
    let all = text.join(" ");
    for i in 1..=60 {
        assert!(all.contains(&format!("PEJABAT {i:03}")), "PEJABAT {i:03}");
    }
    let smallest = pages.iter().flatten().map(|w| w.3 - w.1).fold(f64::MAX, f64::min);
    assert!(smallest >= 4.0, "the smallest word is {smallest:.1} pt high");
}
