//! Issue 12: a figure is the decimal an office typed or added up, never an accident of binary
//! floating point. Draft → konsep → final with nothing changed always signs; a draft v2 lists only
//! what really changed; a change of 0,01 is still one.

use crate::common::book::{identitas, n, t, Book, V};
use crate::common::{pdf_text, Dir, Run};
use kinerja::format::figure;
use proptest::prelude::*;
use serde_json::Value;

fn manifest(dir: &Dir) -> Vec<Value> {
    crate::common::manifest_lines(&dir.path().join("output"))
}

fn build(dir: &Dir, stage: &str, date: &str) -> Run {
    dir.run(&["build", "--stage", stage, "--date", date, "--json"])
}

const PERIODS: [&str; 5] = ["Tahunan", "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"];

/// How a number is typed into its cell.
#[derive(Debug, Clone, Copy)]
enum Style {
    /// A number cell.
    Number,
    /// Text in Indonesian style: "1.234,56".
    Indonesian,
    /// Text in English style: "1,234.56".
    English,
    /// A formula with its cached value.
    Formula,
    /// For a percent indicator: a cell formatted as percent (holding the fraction).
    PercentCell,
    /// For a percent indicator: text with the sign, "85,5%".
    PercentText,
}

const STYLES: [Style; 6] =
    [Style::Number, Style::Indonesian, Style::English, Style::Formula, Style::PercentCell, Style::PercentText];

fn english(x: f64) -> String {
    // figure() gives "1.234,56"; swap the separators.
    figure(x, 2)
        .chars()
        .map(|c| {
            if c == '.' {
                ','
            } else if c == ',' {
                '.'
            } else {
                c
            }
        })
        .collect()
}

fn cell(x: f64, style: Style, percent_unit: bool) -> V {
    match style {
        Style::Number => n(x),
        Style::Indonesian => t(&figure(x, 2)),
        Style::English => t(&english(x)),
        Style::Formula => V::F(format!("={}", x), x),
        Style::PercentCell if percent_unit => V::P(x / 100.0),
        Style::PercentText if percent_unit => t(&format!("{}%", figure(x, 2))),
        _ => n(x),
    }
}

/// One indicator: hundredths of its quarterly realisations and targets, and how they are typed.
#[derive(Debug, Clone)]
pub(crate) struct Ind {
    pub real: [u32; 4],
    pub target_q: Option<[u32; 4]>,
    pub target: u32,
    pub aggregation: usize,
    pub polarity: usize,
    pub percent: bool,
    pub styles: [usize; 3],
}

/// One office: its period, indicators and budget lines (sen).
#[derive(Debug, Clone)]
pub(crate) struct Office {
    pub period: usize,
    pub indicators: Vec<Ind>,
    pub budget: Vec<(u64, u64, usize)>,
}

fn ind() -> impl Strategy<Value = Ind> {
    (
        prop::array::uniform4(0u32..100_000),
        prop::option::of(prop::array::uniform4(1u32..100_000)),
        1u32..300_000,
        0usize..4,
        0usize..2,
        any::<bool>(),
        prop::array::uniform3(0usize..STYLES.len()),
    )
        .prop_map(|(real, target_q, target, aggregation, polarity, percent, styles)| Ind {
            real,
            target_q,
            target,
            aggregation,
            polarity,
            percent,
            styles,
        })
}

fn office() -> impl Strategy<Value = Office> {
    (
        0usize..PERIODS.len(),
        prop::collection::vec(ind(), 1..6),
        prop::collection::vec((1u64..500_000_000_000, 0u64..500_000_000_000, 0usize..STYLES.len()), 0..3),
    )
        .prop_map(|(period, indicators, budget)| Office { period, indicators, budget })
}

pub(crate) fn workbook(code: &str, o: &Office, note: bool) -> Book {
    let id = identitas(&[
        ("Pemerintah", t("Pemerintah Kabupaten Contoh")),
        ("Perangkat Daerah", t(&format!("Dinas Contoh {code}"))),
        ("Kode Unit", t(code)),
        ("Tahun", n(2024.0)),
        ("Periode", t(PERIODS[o.period])),
        ("Tempat", t("Contoh")),
        ("Jabatan Penandatangan", t("Kepala Dinas")),
        ("Nama Penandatangan", t("NAMA KEPALA")),
        ("NIP", t("197203141998031007")),
    ]);
    let quarters = if o.period == 0 { 4 } else { o.period };
    let mut header =
        vec![t("Kode"), t("Sasaran Strategis"), t("Indikator Kinerja"), t("Satuan"), t("Polaritas"), t("Target")];
    for q in ["I", "II", "III", "IV"] {
        header.push(t(&format!("Target TW {q}")));
    }
    for q in ["I", "II", "III", "IV"] {
        header.push(t(&format!("Realisasi TW {q}")));
    }
    header.push(t("Agregasi"));
    let mut kinerja = vec![header];
    let mut plans = vec![vec![t("Kode"), t("Kendala"), t("Rencana Aksi"), t("PIC"), t("Batas Waktu")]];
    for (k, i) in o.indicators.iter().enumerate() {
        let c = |hundredths: u32, which: usize| cell(hundredths as f64 / 100.0, STYLES[i.styles[which]], i.percent);
        let code = format!("1.{}", k + 1);
        let mut row = vec![
            t(&code),
            t(if k < 3 { "Sasaran pertama" } else { "Sasaran kedua" }),
            t(&format!("Indikator nomor {}", k + 1)),
            t(if i.percent { "%" } else { "Dokumen" }),
            t(["Positif", "Negatif"][i.polarity]),
            c(i.target, 0),
        ];
        for q in 0..4 {
            row.push(match i.target_q {
                Some(tq) if q < quarters => c(tq[q], 1),
                _ => V::B,
            });
        }
        for q in 0..4 {
            row.push(if q < quarters { c(i.real[q], 2) } else { V::B });
        }
        row.push(match i.aggregation {
            0 => t("jumlah"),
            1 => t("rata-rata"),
            2 => t("terakhir"),
            _ => V::B,
        });
        kinerja.push(row);
        plans.push(vec![t(&code), t("Data terlambat"), t("Memperbaiki jadwal"), t("Kepala Bidang"), V::D(2025, 6, 30)]);
    }
    let mut b = Book::new().sheet("Identitas", id).sheet("Kinerja", kinerja).sheet("Rencana Aksi", plans);
    if !o.budget.is_empty() {
        let mut rows = vec![vec![t("Program / Kegiatan"), t("Pagu"), t("Realisasi"), t("Kode Indikator")]];
        for (k, (pagu, real, style)) in o.budget.iter().enumerate() {
            let rp = |sen: u64| match STYLES[*style] {
                Style::Indonesian | Style::PercentText => t(&format!("Rp {}", figure(sen as f64 / 100.0, 2))),
                s => cell(sen as f64 / 100.0, s, false),
            };
            rows.push(vec![t(&format!("Program {}", k + 1)), rp(*pagu), rp(*real), t("1.1")]);
        }
        b = b.sheet("Anggaran", rows);
    }
    if note {
        b = b.sheet(
            "Evaluasi",
            vec![
                vec![t("Tanggal"), t("Indikator"), t("Catatan"), t("Tindak Lanjut")],
                vec![V::D(2025, 1, 8), V::B, t("Catatan rapat evaluasi"), t("Ditindaklanjuti")],
            ],
        );
    }
    b
}

/// Every workbook of a run was `status`, with the run's output as the message.
fn all_are(run: &Run, status: &str, count: usize) {
    let json = run.json();
    let wbs = json["workbooks"].as_array().unwrap();
    assert_eq!(wbs.len(), count, "{}", run.all());
    for w in wbs {
        assert_eq!(w["status"], status, "{w:#}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, max_shrink_iters: 8, ..ProptestConfig::default() })]

    #[test]
    fn unchanged_figures_always_sign(offices in prop::collection::vec(office(), 1..6)) {
        let dir = Dir::new();
        for (k, o) in offices.iter().enumerate() {
            dir.book(&format!("u{k}.xlsx"), &workbook(&format!("u{k}"), o, false));
        }
        all_are(&build(&dir, "draft", "2025-01-06"), "written", offices.len());
        // After the evaluation meeting: a note, and nothing else, changes.
        for (k, o) in offices.iter().enumerate() {
            dir.book(&format!("u{k}.xlsx"), &workbook(&format!("u{k}"), o, true));
        }
        all_are(&build(&dir, "draft", "2025-01-08"), "written", offices.len());
        for e in manifest(&dir).iter().filter(|e| e["version"] == 2) {
            let changes: Vec<&str> = e["changes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
            prop_assert_eq!(changes, vec!["Catatan evaluasi baru (8 Januari 2025): Catatan rapat evaluasi"], "{}", e);
        }
        all_are(&build(&dir, "konsep", "2025-01-09"), "written", offices.len());
        let fin = build(&dir, "final", "2025-01-15");
        prop_assert_eq!(fin.code, 0, "{}", fin.all());
        all_are(&fin, "written", offices.len());
    }
}

/// The office of the issue: an indicator whose four quarters, typed as text, add up to 113,45.
fn perikanan(tw4: &str) -> Book {
    let header = [
        "Kode",
        "Sasaran",
        "Indikator Kinerja",
        "Satuan",
        "Polaritas",
        "Target",
        "Realisasi TW I",
        "Realisasi TW II",
        "Realisasi TW III",
        "Realisasi TW IV",
        "Agregasi",
    ];
    let row = vec![
        t("3.1"),
        t("Meningkatnya kualitas pelayanan publik"),
        t("Jumlah pengaduan masyarakat yang belum ditindaklanjuti (5)"),
        t("Pengaduan"),
        t("Positif"),
        n(107.6),
        t("28,3"),
        t("27,16"),
        t("30,31"),
        t(tw4),
        t("jumlah"),
    ];
    crate::common::book::office("Dinas Perikanan", "dinas-perikanan", 2024, "Tahunan", &[], &header, vec![row])
}

#[test]
fn the_final_of_the_issue_is_signed_and_a_real_change_of_a_hundredth_is_not() {
    let dir = Dir::new();
    dir.book("015-dinas-perikanan.xlsx", &perikanan("27,68"));
    all_are(&build(&dir, "draft", "2025-01-06"), "written", 1);
    let konsep = build(&dir, "konsep", "2025-01-09");
    all_are(&konsep, "written", 1);
    // The konsep's data holds the figure as added up by a person, and prints it so.
    let k = konsep.workbook("015-dinas-perikanan.xlsx");
    let snapshot: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("output").join(k["documents"][0]["data_path"].as_str().unwrap())).unwrap(),
    )
    .unwrap();
    assert_eq!(snapshot["measurement"]["indicators"][0]["realisation"].as_f64(), Some(113.45));
    let text = pdf_text(&dir.path().join("output").join(k["documents"][0]["path"].as_str().unwrap()));
    assert!(text.contains("113,45 105,44 %"), "{text}");

    let fin = build(&dir, "final", "2025-01-15");
    assert_eq!(fin.code, 0, "{}", fin.all());
    all_are(&fin, "written", 1);

    // A real change of 0,01 in a realisation after the konsep: listed, and the final refused.
    let dir = Dir::new();
    dir.book("015-dinas-perikanan.xlsx", &perikanan("27,68"));
    all_are(&build(&dir, "draft", "2025-01-06"), "written", 1);
    all_are(&build(&dir, "konsep", "2025-01-09"), "written", 1);
    dir.book("015-dinas-perikanan.xlsx", &perikanan("27,69"));
    let refused = build(&dir, "final", "2025-01-15");
    assert_eq!(refused.code, 1);
    let reasons = refused.workbook("015-dinas-perikanan.xlsx")["reasons"].clone();
    assert_eq!(reasons.as_array().unwrap().len(), 1, "{reasons}");
    assert!(
        reasons[0].as_str().unwrap().starts_with(
            "Indikator 3.1 (Jumlah pengaduan masyarakat yang belum ditindaklanjuti (5)) berbeda dari konsep: realisasi 113,45 di konsep, 113,46 sekarang; capaian 105,44 % di konsep, 105,45 % sekarang."
        ),
        "{reasons}"
    );
    let draft = build(&dir, "draft", "2025-01-16");
    all_are(&draft, "written", 1);
    let v2 = manifest(&dir).into_iter().find(|e| e["stage"] == "draft" && e["version"] == 2).unwrap();
    assert_eq!(
        v2["changes"],
        serde_json::json!([
            "Indikator 3.1 (Jumlah pengaduan masyarakat yang belum ditindaklanjuti (5)): realisasi TW IV 27,68 → 27,69; realisasi 113,45 → 113,46; capaian 105,44 % → 105,45 %."
        ])
    );
}
