//! What an Inspektorat evaluator checks: the rules at their edges (a floor of 0 %, quarterly targets
//! up to the period, counts entered per quarter, stated figures at their own precision, figures as
//! entered, a cap below the threshold, T = 0 and R = 0), the settings each kabupaten chooses (predikat
//! scale, efficiency formula, overall capaian), and the columns they look for.

use crate::common::book::{self, n, t, Book, V};
use crate::common::{indicator, pdf_text, Dir, Run};
use serde_json::Value;

/// An office of one period with the Kinerja columns `header` and rows `rows`, and `extra` Identitas keys.
fn office(period: &str, extra: &[(&str, V)], header: &[&str], rows: Vec<Vec<V>>) -> Book {
    book::office("Inspektorat Daerah", "inspektorat", 2024, period, extra, header, rows)
}

const BASIC: [&str; 7] = ["Kode", "Sasaran", "Indikator Kinerja", "Satuan", "Polaritas", "Target", "Realisasi"];

fn row(code: &str, sasaran: &str, polarity: &str, target: V, realisation: V) -> Vec<V> {
    vec![t(code), t(sasaran), t(&format!("Indikator {code}")), t("Nilai"), t(polarity), target, realisation]
}

fn check(book: &Book) -> (Run, Value) {
    let dir = Dir::new();
    let p = dir.book("kerja.xlsx", book);
    let run = dir.run(&["check", "--json", p.to_str().unwrap()]);
    let wb = run.json()["workbooks"][0].clone();
    (run, wb)
}

fn findings(wb: &Value) -> Vec<(String, String, String)> {
    wb["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["severity"].as_str().unwrap_or("").to_string(),
                f["cell"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The draft's text.
fn draft_text(book: &Book) -> String {
    let dir = Dir::new();
    dir.book("kerja.xlsx", book);
    let run = dir.run(&["build", "--date", "2025-01-15", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let path = run.json()["workbooks"][0]["documents"][0]["path"].as_str().unwrap().to_string();
    pdf_text(&dir.path().join("output").join(path))
}

#[test]
fn capaian_never_goes_below_zero() {
    // Negative polarity, T = 5, R = 12: (2·5 − 12) ÷ 5 = −40 % → 0,00 %, with a warning at the cell.
    let b = office("Tahunan", &[], &BASIC, vec![row("1.1", "S", "Negatif", n(5.0), n(12.0))]);
    let (run, wb) = check(&b);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(indicator(&wb, "1.1")["capaian"], 0.0);
    let f = findings(&wb);
    assert!(f.iter().any(|(s, cell, m)| s == "warning" && cell == "G2" && m.contains("-40,00 %")), "{f:?}");
    let text = draft_text(&b);
    assert!(text.contains("0,00 %") && text.contains("dicatat 0,00 %"), "{text}");
}

#[test]
fn figures_print_as_entered() {
    // A Gini ratio: T 0,375, R 0,381, lower is better → (2·0,375 − 0,381) ÷ 0,375 = 98,40 %.
    let b = office("Tahunan", &[], &BASIC, vec![row("1.1", "S", "Negatif", n(0.375), n(0.381))]);
    let text = draft_text(&b);
    assert!(text.contains("0,375 0,381 98,40 %"), "{text}");
}

#[test]
fn the_period_needs_its_own_quarter_target() {
    let header = [
        "Kode",
        "Sasaran",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Target TW I",
        "Target TW II",
        "Target TW III",
        "Realisasi TW I",
        "Realisasi TW II",
        "Realisasi TW III",
        "Agregasi",
    ];
    let quarters = |tw3: V| {
        vec![
            t("1.1"),
            t("S"),
            t("Jumlah temuan ditindaklanjuti"),
            t("Temuan"),
            n(40.0),
            n(10.0),
            n(10.0),
            tw3,
            n(9.0),
            n(11.0),
            n(10.0),
            t("jumlah"),
        ]
    };
    // TW III measured against TW I–II's targets alone would be 30 of 20 = 150 %: an error instead.
    let (run, wb) = check(&office("Triwulan III", &[], &header, vec![quarters(V::B)]));
    assert_eq!(run.code, 1, "{}", run.all());
    let f = findings(&wb);
    assert!(f.iter().any(|(s, cell, m)| s == "error" && cell == "H2" && m.contains("Target TW III")), "{f:?}");
    // With it: 30 of 30 = 100 %.
    let (run, wb) = check(&office("Triwulan III", &[], &header, vec![quarters(n(10.0))]));
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(indicator(&wb, "1.1")["capaian"], 100.0);
    // A range target with quarterly targets: said, not done silently.
    let mut range = quarters(n(10.0));
    range[4] = t("35 - 45");
    let mut h = header.to_vec();
    h.insert(4, "Polaritas");
    range.insert(4, t("Rentang"));
    let (_, wb) = check(&office("Triwulan III", &[], &h, vec![range]));
    let f = findings(&wb);
    assert!(f.iter().any(|(s, cell, m)| s == "warning" && cell == "F2" && m.contains("target rentang")), "{f:?}");
}

#[test]
fn counts_entered_per_quarter_without_agregasi_are_pointed_out() {
    // Deli Serdang's row: 2 / 0,8 / 1,2 / 0 Dok with no Agregasi is measured on TW IV = 0.
    let header = [
        "Kode",
        "Sasaran",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Realisasi TW I",
        "Realisasi TW II",
        "Realisasi TW III",
        "Realisasi TW IV",
        "Agregasi",
    ];
    let r = |agg: V| {
        vec![t("1.1"), t("S"), t("Dokumen perencanaan"), t("Dok"), n(4.0), n(2.0), n(0.8), n(1.2), n(0.0), agg]
    };
    let (_, wb) = check(&office("Tahunan", &[], &header, vec![r(V::B)]));
    assert_eq!(indicator(&wb, "1.1")["capaian"], 0.0);
    let f = findings(&wb);
    assert!(f.iter().any(|(s, cell, m)| s == "warning" && cell == "I2" && m.contains("(0)")), "{f:?}");
    assert!(wb["findings"].to_string().contains("isi Agregasi jumlah"), "{f:?}");
    // Said explicitly, it is the office's choice; as jumlah, 4 of 4.
    let (_, wb) = check(&office("Tahunan", &[], &header, vec![r(t("terakhir"))]));
    assert!(findings(&wb).is_empty(), "{:?}", findings(&wb));
    let (_, wb) = check(&office("Tahunan", &[], &header, vec![r(t("jumlah"))]));
    assert_eq!(indicator(&wb, "1.1")["capaian"], 100.0);
}

/// An office with one indicator at `capaian` % (T 100) and one budget line of pagu 1 000 000.
fn with_budget(extra: &[(&str, V)], capaian: f64, realisasi: f64, stated: V) -> Book {
    office("Tahunan", extra, &BASIC, vec![row("1.1", "S", "Positif", n(100.0), n(capaian))]).sheet(
        "Anggaran",
        vec![
            vec![t("Program"), t("Pagu"), t("Realisasi"), t("Kode Indikator"), t("Serapan (%)")],
            vec![t("Program Pengawasan"), n(1_000_000.0), n(realisasi), t("1.1"), stated],
        ],
    )
}

#[test]
fn a_stated_serapan_is_read_at_its_own_precision() {
    let serapan_warnings =
        |wb: &Value| findings(wb).into_iter().filter(|(_, _, m)| m.starts_with("Serapan tertulis")).count();
    // 936 300 of 1 000 000 = 93,63 %: a stated 93,6 agrees, 93,63 too, 0,9363 (a fraction) too.
    for stated in [n(93.6), n(93.63), t("93,6%"), n(0.9363)] {
        let (_, wb) = check(&with_budget(&[], 100.0, 936_300.0, stated.clone()));
        assert_eq!(serapan_warnings(&wb), 0, "{stated:?}: {:?}", findings(&wb));
    }
    // 93,7 does not; and a stated 1 is 1 %, not 100 %: 10 000 of 1 000 000 is 1 %.
    let (_, wb) = check(&with_budget(&[], 100.0, 936_300.0, n(93.7)));
    assert_eq!(serapan_warnings(&wb), 1);
    let (_, wb) = check(&with_budget(&[], 100.0, 10_000.0, n(1.0)));
    assert_eq!(serapan_warnings(&wb), 0, "{:?}", findings(&wb));
    let (_, wb) = check(&with_budget(&[], 100.0, 1_000_000.0, n(1.0)));
    assert_eq!(serapan_warnings(&wb), 1, "1 % stated against 100 % spent");
}

#[test]
fn each_efficiency_formula_on_a_worked_row() {
    // Serapan 80 %, the linked indicator at 90 % (not met).
    let eff = |formula: Option<&str>, capaian: f64, realisasi: f64| {
        let extra: Vec<(&str, V)> = formula.map(|f| vec![("Rumus Efisiensi", t(f))]).unwrap_or_default();
        let (_, wb) = check(&with_budget(&extra, capaian, realisasi, V::B));
        (wb["measurement"]["budget"][0]["efficiency"].as_f64(), findings(&wb))
    };
    assert_eq!(eff(None, 90.0, 800_000.0).0, None, "100 − serapan only where the indicators are met");
    assert_eq!(eff(None, 100.0, 800_000.0).0, Some(20.0));
    assert_eq!(eff(Some("capaian - serapan"), 90.0, 800_000.0).0, Some(10.0));
    assert_eq!(eff(Some("(1 - serapan / capaian) x 100"), 90.0, 800_000.0).0, Some(11.11));
    // Serapan 95 % against capaian 90 %: −5, shown and warned.
    let (e, f) = eff(Some("capaian - serapan"), 90.0, 950_000.0);
    assert_eq!(e, Some(-5.0));
    assert!(f.iter().any(|(s, _, m)| s == "warning" && m.contains("negatif (-5,00 %)")), "{f:?}");
    let text = draft_text(&with_budget(&[("Rumus Efisiensi", t("capaian - serapan"))], 90.0, 950_000.0, V::B));
    assert!(text.contains("95,00 % -5,00 %") && text.contains("Efisiensi = capaian rata-rata"), "{text}");
}

#[test]
fn each_predikat_scale_on_a_worked_row() {
    let b = |scale: Option<&str>| {
        let extra: Vec<(&str, V)> = scale.map(|s| vec![("Skala Predikat", t(s))]).unwrap_or_default();
        office("Tahunan", &extra, &BASIC, vec![row("1.1", "S", "Positif", n(100.0), n(90.5))])
    };
    let predikat = |s: Option<&str>| check(&b(s)).1["measurement"]["indicators"][0]["predikat"].clone();
    // 90,5 %: between Permendagri's whole-number bands → the lower (Tinggi); AKIP's AA is > 90.
    assert_eq!(predikat(None), "Tinggi");
    assert_eq!(predikat(Some("AKIP")), "AA");
    assert_eq!(predikat(Some("90 Sangat Baik; 75 Baik; 0 Kurang")), "Sangat Baik");
    assert_eq!(predikat(Some("91 Sangat Baik; 75 Baik; 0 Kurang")), "Baik");
    let text = draft_text(&b(Some("AKIP")));
    assert!(text.contains("90,50 %↑a AA") || text.contains("90,50 %↑a") && text.contains("AA"), "{text}");
    assert!(text.contains("skala AKIP (PermenPAN-RB 88/2021)"), "{text}");
    let text = draft_text(&b(Some("90 Sangat Baik; 75 Baik; 0 Kurang")));
    assert!(
        text.contains("skala kantor: ≥ 90 Sangat Baik; ≥ 75 Baik; ≥ 0 Kurang (batas bawah tiap pita termasuk)"),
        "{text}"
    );
    let (run, _) = check(&b(Some("bagus sekali")));
    assert_eq!(run.code, 1, "an unknown scale is an error at its cell: {}", run.stdout);
}

#[test]
fn the_overall_capaian_of_sasaran_or_of_indicators() {
    let rows = vec![
        row("1.1", "Sasaran satu", "Positif", n(100.0), n(100.0)),
        row("1.2", "Sasaran satu", "Positif", n(100.0), n(80.0)),
        row("2.1", "Sasaran dua", "Positif", n(100.0), n(70.0)),
    ];
    // Sasaran 90 and 70 → 80; indicators 100, 80, 70 → 83,33.
    let (_, wb) = check(&office("Tahunan", &[], &BASIC, rows.clone()));
    assert_eq!(wb["measurement"]["summary"]["capaian"], 80.0);
    let b = office("Tahunan", &[("Capaian Keseluruhan", t("rata-rata indikator"))], &BASIC, rows);
    assert_eq!(check(&b).1["measurement"]["summary"]["capaian"], 83.33);
    assert!(draft_text(&b).contains("rata-rata capaian seluruh indikator"));
}

#[test]
fn zero_target_and_zero_realisation_by_setting_only() {
    let r = || vec![row("1.1", "S", "Negatif", n(0.0), n(0.0))];
    let (_, wb) = check(&office("Tahunan", &[], &BASIC, r()));
    assert_eq!(indicator(&wb, "1.1")["status"], "tidak-dapat-dihitung");
    let b = office("Tahunan", &[("Target dan Realisasi Nol", t("100"))], &BASIC, r());
    let (_, wb) = check(&b);
    assert_eq!(indicator(&wb, "1.1")["capaian"], 100.0);
    let text = draft_text(&b);
    assert!(text.contains("100,00 %↓f") && text.contains("target 0 dan realisasi 0 dinilai 100 %"), "{text}");
}

#[test]
fn a_cap_below_the_threshold_is_an_error_at_its_cell() {
    let b = office(
        "Tahunan",
        &[("Batas Capaian", n(90.0)), ("Ambang Tercapai", n(100.0))],
        &BASIC,
        vec![row("1.1", "S", "Positif", n(10.0), n(12.0))],
    );
    let (run, wb) = check(&b);
    assert_eq!(run.code, 1);
    let f = findings(&wb);
    assert!(f.iter().any(|(s, cell, m)| s == "error" && cell == "B10" && m.contains("Batas Capaian 90 %")), "{f:?}");
}

/// Twenty indicators with every column an evaluator looks for, at Triwulan IV.
fn everything(with_extras: bool) -> Book {
    let mut header = vec!["Kode", "Jenis", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polaritas", "Target"];
    header.extend(["Target TW I", "Target TW II", "Target TW III", "Target TW IV"]);
    header.extend([
        "Realisasi TW I",
        "Realisasi TW II",
        "Realisasi TW III",
        "Realisasi TW IV",
        "Agregasi",
        "Keterangan",
        "Sumber Data",
    ]);
    header.extend(["Faktor Pendorong", "Faktor Penghambat", "Tindak Lanjut"]);
    if !with_extras {
        header.retain(|h| {
            !["Jenis", "Sumber Data", "Faktor Pendorong", "Faktor Penghambat", "Tindak Lanjut"].contains(h)
        });
        header.retain(|h| !h.starts_with("Target TW"));
    }
    let rows = (1..=20)
        .map(|k| {
            let s = format!("Meningkatnya akuntabilitas kinerja dan kualitas pengawasan bidang {}", (k + 4) / 5);
            header
                .iter()
                .map(|h| match *h {
                    "Kode" => t(&format!("{}.{}", (k + 4) / 5, k)),
                    "Jenis" => t(if k % 3 == 0 { "IKK" } else { "IKU" }),
                    "Sasaran Strategis" => t(&s),
                    "Indikator Kinerja" => t(&format!(
                        "Persentase rekomendasi hasil pengawasan yang ditindaklanjuti oleh perangkat daerah nomor {k}"
                    )),
                    "Satuan" => t("%"),
                    "Polaritas" => t(if k % 4 == 0 { "Negatif" } else { "Positif" }),
                    "Target" => n(80.0 + k as f64),
                    h if h.starts_with("Target TW") => n(20.0 + k as f64 / 4.0),
                    h if h.starts_with("Realisasi TW") => n(19.5 + k as f64 / 4.0),
                    "Agregasi" => t("jumlah"),
                    "Keterangan" => t("Data hasil pemantauan tindak lanjut semester"),
                    "Sumber Data" => t("Aplikasi SIPTL"),
                    "Faktor Pendorong" => t("Komitmen pimpinan perangkat daerah"),
                    "Faktor Penghambat" => t("Keterbatasan auditor dan waktu"),
                    "Tindak Lanjut" => t("Pendampingan bulanan"),
                    _ => V::B,
                })
                .collect()
        })
        .collect();
    let extra: Vec<(&str, V)> = if with_extras {
        vec![
            ("Nomor PK", t("700/15/427.60/2024")),
            ("Tanggal PK", V::D(2024, 1, 5)),
            ("Jenis PK", t("Perubahan")),
            ("Dievaluasi Oleh", t("Dra. PENGAWAS UTAMA")),
            ("Jabatan Evaluator", t("Kepala Bagian Organisasi")),
            ("NIP Evaluator", t("197001011990031001")),
        ]
    } else {
        vec![]
    };
    let plans = vec![vec![t("Kode"), t("Kendala"), t("Rencana Aksi"), t("PIC"), t("Batas Waktu")]]
        .into_iter()
        .chain((1..=20).map(|k| {
            vec![
                t(&format!("{}.{}", (k + 4) / 5, k)),
                t("Kurang auditor"),
                t("Menambah auditor"),
                t("Sekretaris"),
                V::D(2025, 6, 30),
            ]
        }))
        .collect();
    office("Triwulan IV", &extra, &header, rows).sheet("Rencana Aksi", plans)
}

#[test]
fn every_column_an_evaluator_expects_shows_when_the_workbook_has_it() {
    let with = draft_text(&everything(true));
    let without = draft_text(&everything(false));
    for shown in [
        "IKU",
        "Sumber data: Aplikasi SIPTL",
        "Analisis Capaian",
        "Komitmen pimpinan perangkat daerah",
        "Keterbatasan auditor dan waktu",
        "Pendampingan bulanan",
        "T 20,25",
        "T = target triwulan",
        "Perjanjian Kinerja Nomor 700/15/427.60/2024 tanggal 5 Januari 2024 (perubahan)",
    ] {
        assert!(with.contains(shown), "{shown:?} missing from the draft that has it");
        assert!(!without.contains(shown), "{shown:?} in the draft that lacks it");
    }
    for mark in ["↑a", "↓b", "Tanda capaian: ↑ polaritas positif"] {
        assert!(with.contains(mark) && without.contains(mark), "{mark}");
    }
    // Every indicator is on the pages.
    for k in 1..=20 {
        assert!(with.contains(&format!("perangkat daerah nomor {k}")), "indicator {k}");
    }
    // The evaluator's block stands beside the signature of the final.
    let dir = Dir::new();
    dir.book("kerja.xlsx", &everything(true));
    assert_eq!(dir.run(&["build", "--date", "2025-01-06"]).code, 0);
    assert_eq!(dir.run(&["build", "--stage", "konsep", "--date", "2025-01-09"]).code, 0);
    let fin = dir.run(&["build", "--stage", "final", "--date", "2025-01-15", "--json"]);
    assert_eq!(fin.code, 0, "{}", fin.all());
    let path = fin.json()["workbooks"][0]["documents"][0]["path"].as_str().unwrap().to_string();
    let text = pdf_text(&dir.path().join("output").join(path));
    assert!(text.contains("Dievaluasi oleh Kepala Bagian Organisasi"), "{text}");
    assert!(text.contains("Dra. PENGAWAS UTAMA") && text.contains("NIP. 19700101 199003 1 001"), "{text}");
}

/// Writes the twenty-indicator office to $KINERJA_CONTOH_EVALUATOR, to look at its pages.
#[test]
#[ignore]
fn write_the_twenty_indicator_office() {
    if let Ok(p) = std::env::var("KINERJA_CONTOH_EVALUATOR") {
        everything(true).save(std::path::Path::new(&p)).unwrap();
    }
}

#[test]
fn a_new_setting_after_the_konsep_refuses_the_final_and_is_listed() {
    let rows = vec![
        row("1.1", "Sasaran satu", "Positif", n(100.0), n(100.0)),
        row("1.2", "Sasaran satu", "Positif", n(100.0), n(80.0)),
        row("2.1", "Sasaran dua", "Positif", n(100.0), n(70.0)),
    ];
    let plans = vec![
        vec![t("Kode"), t("Kendala"), t("Rencana Aksi"), t("PIC"), t("Batas Waktu")],
        vec![t("1.2"), t("Kendala"), t("Tindakan"), t("Sekretaris"), t("Triwulan I 2025")],
        vec![t("2.1"), t("Kendala"), t("Tindakan"), t("Sekretaris"), t("Triwulan I 2025")],
    ];
    let b = |extra: &[(&str, V)]| office("Tahunan", extra, &BASIC, rows.clone()).sheet("Rencana Aksi", plans.clone());
    let dir = Dir::new();
    dir.book("kerja.xlsx", &b(&[]));
    assert_eq!(dir.run(&["build", "--date", "2025-01-06"]).code, 0);
    assert_eq!(dir.run(&["build", "--stage", "konsep", "--date", "2025-01-09"]).code, 0);
    // Every indicator as reviewed, but the overall capaian is now the mean of the indicators.
    dir.book("kerja.xlsx", &b(&[("Capaian Keseluruhan", t("rata-rata indikator"))]));
    let fin = dir.run(&["build", "--stage", "final", "--date", "2025-01-15", "--json"]);
    assert_eq!(fin.code, 1, "{}", fin.all());
    let reasons = fin.json()["workbooks"][0]["reasons"].to_string();
    assert!(
        reasons.contains("Capaian kinerja berbeda dari konsep: 80,00 % (Tinggi) di konsep, 83,33 % (Tinggi) sekarang."),
        "{reasons}"
    );
    // A new threshold: the draft's "what changed" says so, and which verdicts moved.
    dir.book("kerja.xlsx", &b(&[("Ambang Tercapai", n(80.0))]));
    let d2 = dir.run(&["build", "--date", "2025-01-16", "--json"]);
    assert_eq!(d2.code, 0, "{}", d2.all());
    let lines = crate::common::manifest_lines(&dir.path().join("output"));
    let v2 = lines.iter().find(|e| e["stage"] == "draft" && e["version"] == 2).unwrap();
    let changes = v2["changes"].to_string();
    assert!(changes.contains("Pengaturan berubah: ambang tercapai."), "{changes}");
    assert!(
        changes.contains("Indikator 1.2 (Indikator 1.2): penilaian tidak tercapai, Tinggi → tercapai, Tinggi."),
        "{changes}"
    );
}

#[test]
fn a_threshold_written_as_a_fraction_is_pointed_out() {
    // An .xls percent cell of 100 % reads as 1: the threshold would be 1 %.
    let b =
        office("Tahunan", &[("Ambang Tercapai", n(1.0))], &BASIC, vec![row("1.1", "S", "Positif", n(100.0), n(50.0))]);
    let (_, wb) = check(&b);
    let f = findings(&wb);
    assert!(
        f.iter().any(|(s, cell, m)| s == "warning" && cell == "B10" && m.contains("mungkin maksudnya 100 %")),
        "{f:?}"
    );
}
