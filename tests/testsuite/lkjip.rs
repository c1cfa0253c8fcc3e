//! The Laporan Kinerja (issue 28): written from the archive — the year's final measurement, the signed PK,
//! the earlier years' finals — and the office's words (`Narasi LKjIP`), draft then final
//! (`kinerja build --doc lkjip`). The tests read the PDF's text figure by figure against the finals'.

use crate::common::book::{self, n, t, Book, V};
use crate::common::{build_json as build, manifest_lines, ok, pdf_text, qr_on_page, Dir};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The PDF of the document `kind` of the first workbook in a `build --json` output.
fn pdf_of(dir: &Dir, json: &Value, kind: &str) -> PathBuf {
    let docs = json["workbooks"][0]["documents"].as_array().unwrap();
    let doc = docs.iter().find(|d| d["document"] == kind).unwrap_or_else(|| panic!("no {kind} in {json}"));
    dir.path().join("output").join(doc["path"].as_str().unwrap())
}

/// One year of the example office: the shipped workbook with that year's targets and quarters (2024
/// as shipped), the Renstra to 2026, a national standard for 1.1 and 2.1, the analysis columns, and
/// that year's budget. The earlier years' unmet indicators are those with a rencana aksi (1.1, 2.1).
fn year(y: i32) -> Book {
    let mut b = book::diskominfo_lengkap();
    let id = &mut b.get("Identitas").rows;
    for row in id.iter_mut() {
        match &row[0] {
            V::T(k) if k == "Tahun" => row[1] = n(y as f64),
            V::T(k) if k == "Tanggal" => row[1] = V::D(y as u16 + 1, 1, 15),
            _ => {}
        }
    }
    id.push(vec![t("Tahun Akhir Renstra"), n(2026.0)]);
    // Targets and realisations per quarter of 1.1, 1.2, 1.3, 2.1, 2.2.
    let (targets, quarters): ([f64; 5], [[Option<f64>; 4]; 5]) = match y {
        2022 => (
            [3.0, 80.0, 7.0, 85.0, 75.0],
            [
                [Some(2.6), Some(2.7), Some(2.8), Some(2.9)],
                [Some(70.0), Some(74.0), Some(78.0), Some(82.0)],
                [Some(2.0), Some(2.0), Some(1.0), Some(1.0)],
                [None, None, None, Some(80.0)],
                [Some(20.0), Some(20.0), Some(20.0), Some(20.0)],
            ],
        ),
        2023 => (
            [3.2, 85.0, 7.0, 88.0, 85.0],
            [
                [Some(2.9), Some(3.0), Some(3.0), Some(3.1)],
                [Some(80.0), Some(83.0), Some(85.0), Some(88.0)],
                [Some(2.0), Some(1.0), Some(1.0), Some(1.0)],
                [None, None, None, Some(83.0)],
                [Some(20.0), Some(22.0), Some(22.0), Some(22.0)],
            ],
        ),
        _ => (
            [3.5, 90.0, 7.0, 90.0, 90.0],
            [
                [Some(3.1), Some(3.2), Some(3.25), Some(3.39)],
                [Some(70.0), Some(80.0), Some(85.0), Some(94.0)],
                [Some(2.0), Some(1.0), Some(2.0), Some(1.5)],
                [None, None, None, Some(85.21)],
                [Some(20.0), Some(25.0), Some(25.0), Some(25.0)],
            ],
        ),
    };
    // The Renstra's end targets (2026) and the realisation of its years before this one (2.2, a count,
    // adds up: 80 in 2022, 86 in 2023).
    let renstra = [Some(4.0), Some(100.0), None, Some(95.0), Some(450.0)];
    let before = [
        None,
        None,
        None,
        None,
        match y {
            2023 => Some(80.0),
            2024 => Some(166.0),
            _ => None,
        },
    ];
    let kinerja = &mut b.get("Kinerja").rows;
    kinerja[0].extend(
        [
            "Target Renstra",
            "Realisasi Renstra s.d. Tahun Lalu",
            "Standar Nasional",
            "Sumber Standar",
            "Faktor Pendorong",
            "Faktor Penghambat",
            "Tindak Lanjut",
        ]
        .map(t),
    );
    for (i, row) in kinerja[1..].iter_mut().enumerate() {
        row[5] = n(targets[i]);
        for q in 0..4 {
            row[6 + q] = quarters[i][q].map_or(V::B, n);
        }
        row.push(renstra[i].map_or(V::B, n));
        row.push(before[i].map_or(V::B, n));
        let (standard, source) = match i {
            0 => (Some(2.79), Some("rata-rata nasional, evaluasi SPBE KemenPAN-RB 2023")),
            3 => (Some(75.4), Some("Indeks Keterbukaan Informasi Publik nasional 2023")),
            _ => (None, None),
        };
        row.push(standard.map_or(V::B, n));
        row.push(source.map_or(V::B, t));
        let (drivers, obstacles, follow_up) = match i {
            0 => (
                "Evaluasi mandiri SPBE tiap triwulan",
                "Arsitektur SPBE belum ditetapkan",
                "Perbup Arsitektur SPBE 2025",
            ),
            3 => (
                "PPID aktif di seluruh perangkat daerah",
                "DIP belum diperbarui",
                "Uji konsekuensi bersama PPID pembantu",
            ),
            _ => ("", "", ""),
        };
        row.extend([drivers, obstacles, follow_up].map(|s| if s.is_empty() { V::B } else { t(s) }));
    }
    let budget: [(f64, f64); 2] = match y {
        2022 => [(1_100_000_000.0, 902_000_000.0), (520_000_000.0, 474_500_000.0)],
        2023 => [(1_180_000_000.0, 1_003_000_000.0), (575_000_000.0, 533_600_000.0)],
        _ => [(1_250_000_000.0, 1_068_125_000.0), (640_500_000.0, 600_250_000.0)],
    };
    let anggaran = &mut b.get("Anggaran").rows;
    for (row, (pagu, real)) in anggaran[1..].iter_mut().zip(budget) {
        row[1] = n(pagu);
        row[2] = n(real);
        row[4] = V::B; // the stated serapan
    }
    b
}

/// An archive with the example office's finals of 2022, 2023 and 2024 (draft, konsep, final each) and
/// its signed PK of 2024. Returns the folder.
fn three_years() -> Dir {
    let dir = Dir::new();
    for y in [2022, 2023, 2024] {
        dir.book(&format!("diskominfo-{y}.xlsx"), &year(y));
    }
    ok(build(&dir, &["--doc", "pk", "--date", "2024-01-02", "input/diskominfo-2024.xlsx"]));
    ok(build(&dir, &["--doc", "pk", "--stage", "final", "--date", "2024-01-03", "input/diskominfo-2024.xlsx"]));
    ok(build(&dir, &["--date", "2025-01-08"]));
    ok(build(&dir, &["--stage", "konsep", "--date", "2025-01-13"]));
    ok(build(&dir, &["--stage", "final", "--date", "2025-01-15"]));
    dir
}

/// The newest final measurement of `year` in the archive: its manifest line and its snapshot.
fn final_of(out: &Path, year: i64) -> (Value, Value) {
    let line = manifest_lines(out)
        .into_iter()
        .rfind(|l| l["document"] == "pengukuran-kinerja" && l["stage"] == "final" && l["year"] == year)
        .unwrap_or_else(|| panic!("no final of {year}"));
    let snap =
        serde_json::from_str(&std::fs::read_to_string(out.join(line["data_path"].as_str().unwrap())).unwrap()).unwrap();
    (line, snap)
}

/// The text of the report from its chapter `from` (its heading as printed) up to `to`.
fn chapter<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text.find(from).unwrap_or_else(|| panic!("no {from:?} in {text}"));
    let rest = &text[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

#[test]
#[allow(clippy::approx_constant)] // 6,28 % is the example's efficiency, not τ
fn the_example_office_with_three_years_of_finals_gets_its_lkjip() {
    let dir = three_years();
    let out = dir.path().join("output");
    let draft = ok(build(&dir, &["--doc", "lkjip", "--date", "2025-02-10", "input/diskominfo-2024.xlsx"]));
    let pdf = pdf_of(&dir, &draft, "laporan-kinerja");
    assert!(pdf
        .to_string_lossy()
        .contains("2024/tahunan/diskominfo/draft/2025-02-10/laporan-kinerja_diskominfo_2024-tahunan_draft_v1_"));
    let text = pdf_text(&pdf);

    // The outline of PermenPAN-RB 53/2014 with its table of contents.
    for heading in [
        "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN 2024",
        "DAFTAR ISI Ikhtisar Eksekutif",
        "BAB I Pendahuluan",
        "BAB III Akuntabilitas Kinerja",
        "DAFTAR TABEL Tabel 2.1",
        "DAFTAR GAMBAR Gambar 3.1",
        "IKHTISAR EKSEKUTIF",
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
        "BAB III AKUNTABILITAS KINERJA",
        "BAB IV PENUTUP",
        "LAMPIRAN 1. PERJANJIAN KINERJA TAHUN 2024",
        "LAMPIRAN 2. PENGUKURAN KINERJA TAHUN 2024",
    ] {
        assert!(text.contains(heading), "{heading:?}\n---\n{text}");
    }

    // Its source line names the final it prints: version, date and code (with the source hash).
    let (line, snap) = final_of(&out, 2024);
    let source = line["source_sha256"].as_str().unwrap();
    let named = format!(
        "Pengukuran Kinerja Tahunan 2024, final v1, 15 Januari 2025 (kinerja:pengukuran-kinerja/diskominfo/2024/tahunan/final/v1/{})",
        &source[..12]
    );
    assert!(text.contains(&named), "{named}\n---\n{text}");

    // The Ikhtisar, computed: 3 of 5 met, the overall capaian and predikat of the final, the budget.
    let summary = &snap["measurement"]["summary"];
    assert_eq!((summary["tercapai"].as_u64(), summary["tidak_tercapai"].as_u64()), (Some(3), Some(2)));
    let ikhtisar = chapter(&text, "IKHTISAR EKSEKUTIF", "BAB I PENDAHULUAN");
    for expected in [
        "Dari 5 indikator kinerja, 3 tercapai dan 2 tidak tercapai.",
        "Capaian kinerja keseluruhan 101,47 % dengan predikat Sangat Tinggi.",
        "Realisasi anggaran Rp 1.668.375.000 dari pagu Rp 1.890.500.000, atau serapan 88,25 %.",
        "Sasaran dengan capaian tertinggi adalah Sasaran 1, Meningkatnya kualitas tata kelola pemerintahan berbasis elektronik (102,81 %, Sangat Tinggi).",
        "Sasaran dengan capaian terendah adalah Sasaran 2, Meningkatnya keterbukaan informasi publik (100,12 %, Sangat Tinggi).",
        "Tahun 2024 Dinas Komunikasi dan Informatika memusatkan kerjanya",
    ] {
        assert!(ikhtisar.contains(expected), "{expected:?}\n---\n{ikhtisar}");
    }
    assert_eq!(summary["capaian"].as_f64(), Some(101.47));

    // Bab III: the trend of 1.1 over three years, row by row — hand-worked and equal to each final.
    let bab3 = chapter(&text, "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP");
    for row in [
        "Tabel 3.2. Perkembangan capaian indikator Sasaran 1, 2022–2024",
        // (pdftotext reads the code, name and satuan, which span the three rows, with the middle one.)
        "Kode Indikator Kinerja Satuan Uraian 2022 2023 2024 Target 3 3,2 3,5 Realisasi 2,9 3,1 3,39",
        "1.1 Indeks SPBE Indeks Capaian 96,67 % 96,88 % 96,86 %",
        "Target 80 85 90 Realisasi 82 88 94",
        "1.2 Persentase perangkat daerah yang terhubung jaringan intra pemerintah % Capaian 102,50 % 103,53 % 104,44 %",
    ] {
        assert!(bab3.contains(row), "{row:?}\n---\n{bab3}");
    }
    for (y, realisation, capaian) in [(2022, "2,9", "96,67"), (2023, "3,1", "96,88"), (2024, "3,39", "96,86")] {
        let (_, s) = final_of(&out, y);
        let i = s["measurement"]["indicators"].as_array().unwrap().iter().find(|i| i["code"] == "1.1").unwrap().clone();
        let figure = |x: &Value| kinerja::format::entered(x.as_f64().unwrap());
        assert_eq!(
            (figure(&i["realisation"]).as_str(), kinerja::format::percent(i["capaian"].as_f64().unwrap()).as_str()),
            (realisation, format!("{capaian} %").as_str()),
            "{y}"
        );
    }
    // Against the Renstra's end target (2026): 2.2, a count, adds its years: 166 + 95 = 261 of 450.
    assert!(
        bab3.contains("2.2 Jumlah data statistik sektoral yang dipublikasikan Dataset 450 166 95 261 (jumlah) 58,00 %"),
        "{bab3}"
    );
    let renstra = snap["measurement"]["indicators"][4]["renstra"].clone();
    assert_eq!((renstra["cumulative"].as_f64(), renstra["capaian"].as_f64()), (Some(261.0), Some(58.0)));
    // Against a national standard, by the indicator's polarity.
    assert!(bab3.contains("2,79 3,39 +0,6 memenuhi standar"), "{bab3}");
    assert!(bab3.contains("Sumber standar: rata-rata nasional, evaluasi SPBE KemenPAN-RB 2023"), "{bab3}");
    assert!(bab3.contains("75,4 85,21 +9,81 memenuhi standar"), "{bab3}");
    // The causes, from the faktor columns of the final.
    assert!(
        bab3.contains(
            "Evaluasi mandiri SPBE tiap triwulan Arsitektur SPBE belum ditetapkan Perbup Arsitektur SPBE 2025"
        ),
        "{bab3}"
    );
    // The efficiency row of the program supporting sasaran 2 (its indicator met): 100 − 93,72.
    assert!(
        bab3.contains("2 Program Informasi dan Komunikasi Publik 2.2 640.500.000 600.250.000 93,72 % 6,28 %"),
        "{bab3}"
    );
    let budget = &snap["measurement"]["budget"][1];
    assert_eq!((budget["serapan"].as_f64(), budget["efficiency"].as_f64()), (Some(93.72), Some(6.28)));
    // Bab III B: the budget per program with its sasaran, and the total of the final.
    assert!(
        bab3.contains("1 Program Aplikasi Informatika 1.1, 1.2, 1.3 1.250.000.000 1.068.125.000 85,45 % — 1"),
        "{bab3}"
    );
    assert!(bab3.contains("Jumlah 1.890.500.000 1.668.375.000 88,25 %"), "{bab3}");
    let total = &snap["measurement"]["budget_total"];
    assert_eq!((total["pagu"].as_f64(), total["realisation"].as_f64()), (Some(1_890_500_000.0), Some(1_668_375_000.0)));

    // Bab II is the signed PK: its lampiran's rows, as the PK printed them.
    let pk_line = manifest_lines(&out)
        .into_iter()
        .find(|l| l["document"] == "perjanjian-kinerja" && l["stage"] == "final")
        .unwrap();
    let pk = pdf_text(&out.join(pk_line["path"].as_str().unwrap()));
    let bab2 = chapter(&text, "BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA");
    assert!(
        bab2.contains(&format!(
            "Perjanjian Kinerja 2024, final v1, 3 Januari 2024 (kinerja:perjanjian-kinerja/diskominfo/2024/tahunan/final/v1/{})",
            &pk_line["source_sha256"].as_str().unwrap()[..12]
        )),
        "{bab2}"
    );
    for row in [
        "Indeks SPBE 3,5 Indeks",
        "Persentase perangkat daerah yang terhubung jaringan intra pemerintah 90 %",
        "Jumlah insiden keamanan informasi yang tidak tertangani 7 Kejadian",
        "Indeks keterbukaan informasi publik 90 Indeks",
        "Jumlah data statistik sektoral yang dipublikasikan 90 Dataset",
    ] {
        assert!(pk.contains(row), "the PK prints {row:?}");
        assert!(bab2.contains(row), "Bab II prints {row:?} as the PK does\n---\n{bab2}");
    }
    let lampiran = chapter(&text, "LAMPIRAN 1. PERJANJIAN KINERJA", "LAMPIRAN 2.");
    assert!(
        lampiran.contains("Program Aplikasi Informatika 1.250.000.000 APBD")
            && lampiran.contains("Jumlah 1.890.500.000"),
        "{lampiran}"
    );

    // The final, signed from the draft read: its QR code holds its identity, and it is a PDF/A-2b.
    let fin =
        ok(build(&dir, &["--doc", "lkjip", "--stage", "final", "--date", "2025-02-20", "input/diskominfo-2024.xlsx"]));
    let pdf = pdf_of(&dir, &fin, "laporan-kinerja");
    let text = pdf_text(&pdf);
    assert!(!text.contains("DRAFT"), "the final has no marking");
    let pages = text.matches("Halaman ").count();
    let signature = (1..=pages)
        .find(|p| {
            let out = std::process::Command::new("pdftotext")
                .args(["-f", &p.to_string(), "-l", &p.to_string(), "-raw"])
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stdout).contains("NIP. 19840518 201101 1 014")
        })
        .unwrap();
    let code = qr_on_page(&pdf, signature, dir.path());
    assert!(
        code.starts_with("kinerja:laporan-kinerja/diskominfo/2024/tahunan/final/v1/") && text.contains(&code),
        "{code}"
    );
    let verify = dir.run(&["verify", &code]);
    assert_eq!(verify.code, 0, "{}", verify.all());
    let line = manifest_lines(&out).into_iter().last().unwrap();
    assert_eq!((line["document"].as_str(), line["stage"].as_str()), (Some("laporan-kinerja"), Some("final")));
    assert_eq!(line["parent_sha256"], draft["workbooks"][0]["documents"][0]["sha256"], "signed from the draft read");
    let head = std::fs::read(&pdf).unwrap();
    let raw = String::from_utf8_lossy(&head);
    assert!(raw.contains("<pdfaid:part>2</pdfaid:part>") && raw.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    // Unchanged sources: no new version.
    let again =
        ok(build(&dir, &["--doc", "lkjip", "--stage", "final", "--date", "2025-02-21", "input/diskominfo-2024.xlsx"]));
    assert_eq!(again["workbooks"][0]["status"], "unchanged", "{again}");
}

#[test]
fn without_a_final_measurement_the_lkjip_is_refused_with_the_reason() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo_lengkap());
    let run = build(&dir, &["--doc", "lkjip", "--date", "2025-02-10"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let reasons = run.workbook("diskominfo.xlsx")["reasons"].to_string();
    assert!(
        reasons.contains(
            "Belum ada Pengukuran Kinerja final tahun 2024 (tahunan atau triwulan IV) untuk unit diskominfo di arsip"
        ),
        "{reasons}"
    );
    assert!(reasons.contains("kinerja build --stage final"), "{reasons}");
    // A konsep is not a final: the reason says how far the archive is.
    ok(build(&dir, &["--date", "2025-01-08"]));
    ok(build(&dir, &["--stage", "konsep", "--date", "2025-01-13"]));
    let run = build(&dir, &["--doc", "lkjip", "--date", "2025-02-10"]);
    assert_eq!(run.code, 1);
    assert!(run.all().contains("arsip baru memuat konsep v1, 13 Januari 2025"), "{}", run.all());
    // No konsep stage; the final before a draft; a quarter's workbook.
    ok(build(&dir, &["--stage", "final", "--date", "2025-01-15"]));
    let run = build(&dir, &["--doc", "lkjip", "--stage", "konsep", "--date", "2025-02-10"]);
    assert!(run.code == 1 && run.all().contains("tidak memiliki tahap konsep"), "{}", run.all());
    let run = build(&dir, &["--doc", "lkjip", "--stage", "final", "--date", "2025-02-10"]);
    assert!(run.code == 1 && run.all().contains("Belum ada draft Laporan Kinerja"), "{}", run.all());
    let mut tw2 = book::diskominfo_lengkap();
    tw2.get("Identitas")
        .rows
        .iter_mut()
        .filter(|r| matches!(&r[0], V::T(k) if k == "Periode"))
        .for_each(|r| r[1] = t("Triwulan II"));
    dir.book("diskominfo-tw2.xlsx", &tw2);
    let run = build(&dir, &["--doc", "lkjip", "--date", "2025-02-10", "input/diskominfo-tw2.xlsx"]);
    assert!(run.code == 1 && run.all().contains("Laporan Kinerja adalah laporan tahunan"), "{}", run.all());
    // Nothing was archived by a refusal.
    assert!(!manifest_lines(&dir.path().join("output")).iter().any(|l| l["document"] == "laporan-kinerja"));
}

#[test]
fn a_new_final_a_pk_perubahan_or_a_changed_earlier_year_makes_a_new_version_listing_why() {
    let dir = three_years();
    let report = |date: &str| ok(build(&dir, &["--doc", "lkjip", "--date", date, "input/diskominfo-2024.xlsx"]));
    let v1 = report("2025-02-10");
    assert_eq!(v1["workbooks"][0]["documents"][0]["version"], 1);

    // A new final of 2024: one realisation corrected after the konsep, signed again.
    let mut b = year(2024);
    b.get("Kinerja").rows[2][9] = n(95.0);
    dir.book("diskominfo-2024.xlsx", &b);
    for (stage, date) in [("draft", "2025-02-11"), ("konsep", "2025-02-12"), ("final", "2025-02-13")] {
        ok(build(&dir, &["--stage", stage, "--date", date, "input/diskominfo-2024.xlsx"]));
    }
    // The report's final is refused: its draft was drawn from the first final.
    let run =
        build(&dir, &["--doc", "lkjip", "--stage", "final", "--date", "2025-02-14", "input/diskominfo-2024.xlsx"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.all().contains("Pengukuran Kinerja 2024: final v1 (15 Januari 2025) → final v2 (13 Februari 2025)."),
        "{}",
        run.all()
    );
    let v2 = report("2025-02-14");
    let doc = &v2["workbooks"][0]["documents"][0];
    assert_eq!(doc["version"], 2, "{v2}");
    let text = pdf_text(&dir.path().join("output").join(doc["path"].as_str().unwrap()));
    for why in [
        "Perubahan sejak versi 1",
        "Pengukuran Kinerja 2024: final v1 (15 Januari 2025) → final v2 (13 Februari 2025).",
        "Indikator 1.2 (Persentase perangkat daerah yang terhubung jaringan intra pemerintah): realisasi 94 → 95; capaian 104,44 % → 105,56 %.",
    ] {
        assert!(text.contains(why), "{why:?}\n---\n{text}");
    }
    let line = manifest_lines(&dir.path().join("output")).into_iter().last().unwrap();
    assert!(line["changes"].to_string().contains("final v1 (15 Januari 2025) → final v2"), "{line}");

    // A changed earlier year: a new final of 2023.
    let mut b = year(2023);
    b.get("Kinerja").rows[5][9] = n(23.0);
    dir.book("diskominfo-2023.xlsx", &b);
    for (stage, date) in [("draft", "2025-02-15"), ("konsep", "2025-02-16"), ("final", "2025-02-17")] {
        ok(build(&dir, &["--stage", stage, "--date", date, "input/diskominfo-2023.xlsx"]));
    }
    let v3 = report("2025-02-18");
    let line = manifest_lines(&dir.path().join("output")).into_iter().last().unwrap();
    assert_eq!(v3["workbooks"][0]["documents"][0]["version"], 3);
    assert!(
        line["changes"]
            .to_string()
            .contains("Pengukuran Kinerja 2023: final v1 (15 Januari 2025) → final v2 (17 Februari 2025)."),
        "{line}"
    );

    // A PK perubahan signed after the APBD-Perubahan.
    let mut b = year(2024);
    b.get("Kinerja").rows[2][9] = n(95.0);
    b.get("Identitas").rows.extend(book::identitas(&[("Jenis PK", t("perubahan")), ("Tanggal PK", V::D(2024, 9, 2))]));
    b.get("Anggaran").rows[1][1] = n(1_300_000_000.0);
    dir.book("pk-perubahan.xlsx", &b);
    ok(build(&dir, &["--doc", "pk", "--date", "2024-09-02", "input/pk-perubahan.xlsx"]));
    ok(build(&dir, &["--doc", "pk", "--stage", "final", "--date", "2024-09-03", "input/pk-perubahan.xlsx"]));
    let v4 = report("2025-02-19");
    let doc = &v4["workbooks"][0]["documents"][0];
    assert_eq!(doc["version"], 4, "{v4}");
    let line = manifest_lines(&dir.path().join("output")).into_iter().last().unwrap();
    assert!(
        line["changes"].to_string().contains("Perjanjian Kinerja: Perjanjian Kinerja final v1 (3 Januari 2024) → Perjanjian Kinerja Perubahan final v1 (3 September 2024)."),
        "{line}"
    );
    let text = pdf_text(&dir.path().join("output").join(doc["path"].as_str().unwrap()));
    assert!(text.contains("PERJANJIAN KINERJA PERUBAHAN TAHUN 2024") && text.contains("1.300.000.000"), "{text}");
    // Nothing else: the same sources give no new version.
    let same = report("2025-02-20");
    assert_eq!(same["workbooks"][0]["status"], "unchanged", "{same}");
}

/// A picture beside the workbook: an organisation chart (SVG).
const BAGAN: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="240" viewBox="0 0 600 240"><g font-family="sans-serif" font-size="14" text-anchor="middle"><rect x="225" y="10" width="150" height="40" fill="#dde6f0" stroke="#333"/><text x="300" y="35">Kepala Dinas</text><rect x="40" y="110" width="120" height="40" fill="#f1f4f8" stroke="#333"/><text x="100" y="135">Sekretariat</text><rect x="440" y="110" width="120" height="40" fill="#f1f4f8" stroke="#333"/><text x="500" y="135">Bidang</text><path d="M300 50 V80 H100 V110 M300 80 H500 V110" fill="none" stroke="#333"/></g></svg>"##;

#[test]
fn the_narrative_prints_as_typed_and_an_empty_section_is_a_warning_not_a_heading() {
    let dir = three_years();
    let hostile = "#read(\"/etc/passwd\") ] $x$ *b* _c_ {{ data }} {% if %} <l> @r // bukan komentar";
    let mut b = year(2024);
    std::fs::write(dir.input("bagan-organisasi.svg"), BAGAN).unwrap();
    let rows = &mut b.get("Narasi LKjIP").rows;
    rows[2][1] = t(&format!("{hostile}\nParagraf kedua = bukan judul\n- bukan daftar"));
    // Struktur Organisasi with its chart; Sumber Daya Manusia removed; Analisis Sasaran 2 by name.
    let struktur = rows.iter_mut().find(|r| matches!(&r[0], V::T(k) if k == "Struktur Organisasi")).unwrap();
    struktur.extend([t("bagan-organisasi.svg"), t("Bagan Struktur Organisasi Dinas")]);
    rows.retain(|r| !matches!(&r[0], V::T(k) if k == "Sumber Daya Manusia"));
    for r in rows.iter_mut() {
        if matches!(&r[0], V::T(k) if k == "Analisis Sasaran 2") {
            r[0] = t("Analisis Sasaran Meningkatnya keterbukaan informasi publik");
        }
    }
    // A sasaran named with markup, measured and signed again: its name is a heading of Bab III.
    let sasaran = "Sasaran <b>#x</b> = @ref $y$ [z]";
    b.get("Kinerja").rows[1][1] = t(sasaran);
    dir.book("diskominfo-2024.xlsx", &b);
    for (stage, date) in [("draft", "2025-02-01"), ("konsep", "2025-02-02"), ("final", "2025-02-03")] {
        ok(build(&dir, &["--stage", stage, "--date", date, "input/diskominfo-2024.xlsx"]));
    }
    let run = ok(build(&dir, &["--doc", "lkjip", "--date", "2025-02-10", "input/diskominfo-2024.xlsx"]));
    let warnings = run["workbooks"][0]["documents"][0]["warnings"].to_string();
    assert!(warnings.contains("Bagian Sumber Daya Manusia kosong di lembar Narasi LKjIP: tidak dicetak"), "{warnings}");
    assert!(!warnings.contains("Analisis Sasaran 2"), "found by its name: {warnings}");
    let pdf = pdf_of(&dir, &run, "laporan-kinerja");
    let text = pdf_text(&pdf);
    let bab1 = chapter(&text, "BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA");
    for expected in [
        hostile,
        "Paragraf kedua = bukan judul",
        "- bukan daftar",
        "Dinas dipimpin oleh Kepala Dinas",
        "Gambar 1.1. Bagan Struktur Organisasi Dinas",
    ] {
        assert!(bab1.contains(expected), "{expected:?}\n---\n{bab1}");
    }
    assert!(!text.contains("Sumber Daya Manusia"), "an empty section has no heading: {text}");
    assert!(text.contains(&format!("1. Sasaran 1: {sasaran} Capaian sasaran ini")), "{text}");
    assert!(!text.contains("root:x:0"));
    // The analysis named by its sasaran's name stands in that sasaran.
    let sasaran2 = chapter(&text, "2. Sasaran 2: Meningkatnya keterbukaan informasi publik", "B. Realisasi Anggaran");
    assert!(
        sasaran2.contains("Indeks keterbukaan informasi turun karena Daftar Informasi Publik belum diperbarui"),
        "{sasaran2}"
    );
    // The chart is drawn: its own words (Typst keeps an SVG's text as text) stand under Struktur Organisasi.
    assert!(bab1.contains("Kepala Dinas Sekretariat Bidang Gambar 1.1."), "{bab1}");

    // A picture outside the workbook's folder is an error at its cell, as a logo is.
    let mut b = year(2024);
    b.get("Narasi LKjIP").rows[4].extend([t("../rahasia.png"), V::B]);
    dir.book("diskominfo-2024.xlsx", &b);
    let check = dir.run(&["check", "--json", "input/diskominfo-2024.xlsx"]);
    assert_eq!(check.code, 1, "{}", check.all());
    let f = check.json()["workbooks"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["sheet"] == "Narasi LKjIP")
        .cloned()
        .unwrap();
    assert_eq!(f["cell"], "C5", "{f}");
    assert!(f["message"].as_str().unwrap().contains("Gambar \"../rahasia.png\" tidak dapat dipakai"), "{f}");
}

#[test]
fn the_report_s_words_make_no_new_version_of_the_measurement() {
    let dir = Dir::new();
    let mut b = book::diskominfo_lengkap();
    dir.book("diskominfo.xlsx", &b);
    let first = ok(build(&dir, &["--date", "2025-01-08"]));
    // The office writes its narrative and a national standard: the measurement is as it was.
    b.get("Narasi LKjIP").rows[1][1] = t("Teks lain untuk Ikhtisar Eksekutif.");
    b.get("Kinerja").rows[0].push(t("Standar Nasional"));
    b.get("Kinerja").rows[1].resize(16, V::B);
    b.get("Kinerja").rows[1].push(n(2.79));
    dir.book("diskominfo.xlsx", &b);
    let again = ok(build(&dir, &["--date", "2025-01-09"]));
    assert_eq!(again["workbooks"][0]["status"], "unchanged", "{again}");
    assert_eq!(
        again["workbooks"][0]["documents"][0]["source_sha256"],
        first["workbooks"][0]["documents"][0]["source_sha256"]
    );
}

#[test]
fn the_archives_page_and_the_rekap_show_each_units_lkjip() {
    let dir = three_years();
    ok(build(&dir, &["--doc", "lkjip", "--date", "2025-02-10", "input/diskominfo-2024.xlsx"]));
    let page = std::fs::read_to_string(dir.path().join("output/index.html")).unwrap();
    let row = |year: &str| {
        let start = page
            .find(&format!("data-year=\"{year}\" data-period=\"tahunan\""))
            .unwrap_or_else(|| panic!("no row {year}"));
        page[start..].split("</tbody>").next().unwrap().to_string()
    };
    let y2024 = row("2024");
    assert!(y2024.contains("draft v1, 2025-02-10"), "{y2024}");
    assert!(y2024.contains("draft&#x2f;2025-02-10&#x2f;laporan-kinerja_diskominfo_2024-tahunan_draft_v1_"), "{y2024}");
    assert!(
        y2024.contains("<td>Laporan Kinerja</td><td>draft</td><td>v1</td>"),
        "its version in the year's history: {y2024}"
    );
    assert!(row("2023").contains("<td class=\"lkjip\" data-v=\"0\"><span class=\"none\">—</span>"), "{}", row("2023"));
    ok(build(&dir, &["--doc", "lkjip", "--stage", "final", "--date", "2025-02-20", "input/diskominfo-2024.xlsx"]));
    let page = std::fs::read_to_string(dir.path().join("output/index.html")).unwrap();
    assert!(page.contains("final v1, 2025-02-20"), "the page was written again");

    // The rekapitulasi of the year counts the units with a final Laporan Kinerja.
    std::fs::write(
        dir.input("penandatangan-rekap.txt"),
        "Pemerintah: Pemerintah Kabupaten Lumajang\nTempat: Lumajang\nNama: Drs. SEKDA\nNIP: 196901011990031010\n",
    )
    .unwrap();
    let run = dir.run(&["rekap", "--year", "2024", "--date", "2025-03-01"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let line = manifest_lines(&dir.path().join("output")).into_iter().last().unwrap();
    assert_eq!(line["document"], "rekapitulasi");
    let text = pdf_text(&dir.path().join("output").join(line["path"].as_str().unwrap()));
    assert!(text.contains("Laporan Kinerja tahun 2024 final: 1 dari 1 perangkat daerah."), "{text}");
    let snap: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("output").join(line["data_path"].as_str().unwrap())).unwrap(),
    )
    .unwrap();
    assert_eq!(snap["units"][0]["lkjip"]["stage"], "final", "{snap}");
}

/// Writes the three years of the example office, with the organisation chart, into `$KINERJA_LKJIP/input`
/// (for the README's pictures): `KINERJA_LKJIP=/tmp/lkjip cargo test write_the_lkjip_example -- --ignored`,
/// then in that folder the builds of `three_years` and `kinerja build --doc lkjip`.
#[test]
#[ignore]
fn write_the_lkjip_example() {
    let root = PathBuf::from(std::env::var("KINERJA_LKJIP").expect("KINERJA_LKJIP"));
    std::fs::create_dir_all(root.join("input")).unwrap();
    std::fs::write(root.join("input/bagan-organisasi.svg"), BAGAN).unwrap();
    for y in [2022, 2023, 2024] {
        let mut b = year(y);
        if y == 2024 {
            let rows = &mut b.get("Narasi LKjIP").rows;
            let struktur = rows.iter_mut().find(|r| matches!(&r[0], V::T(k) if k == "Struktur Organisasi")).unwrap();
            struktur.extend([t("bagan-organisasi.svg"), t("Bagan Struktur Organisasi Dinas")]);
        }
        b.save(&root.join(format!("input/diskominfo-{y}.xlsx"))).unwrap();
    }
}
