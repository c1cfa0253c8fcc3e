//! The charts, drawn by the template from the data: capaian per indicator against the threshold line,
//! coloured by band, with its figures as text; the quarters against their targets; on the draft and
//! konsep, and on the final only when the office turns them on.

use crate::common::book::{n, office, t, Book};
use crate::common::{pdf_text, pdf_words, Dir, Word};
use std::path::Path;
use std::process::Command;

/// Three indicators, in this order: met (105 %), close (95 %), far (60 %); and `extra` Identitas keys.
fn three(extra: &[(&str, crate::common::book::V)]) -> Book {
    let header = ["Kode", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi"];
    let rows = [("1.1", 105.0), ("1.2", 95.0), ("1.3", 60.0)]
        .iter()
        .map(|(code, r)| vec![t(code), t("Sasaran"), t(&format!("Indikator {code}")), t("%"), n(100.0), n(*r)])
        .collect();
    let plans = vec![
        vec![t("Kode"), t("Kendala"), t("Rencana Aksi"), t("PIC"), t("Batas Waktu")],
        vec![t("1.2"), t("Data terlambat"), t("Jadwal baru"), t("Sekretaris"), t("Triwulan I 2025")],
        vec![t("1.3"), t("Anggaran kurang"), t("Usulan perubahan"), t("Sekretaris"), t("Triwulan I 2025")],
    ];
    office("Dinas Contoh", "contoh", 2024, "Tahunan", extra, &header, rows).sheet("Rencana Aksi", plans)
}

/// The page of a PDF that holds `words`, 1-based.
fn page_with(pdf: &Path, words: &str) -> usize {
    let pages = pdf_text(pdf).matches("Halaman ").count();
    (1..=pages)
        .find(|p| {
            let out = Command::new("pdftotext")
                .args(["-f", &p.to_string(), "-l", &p.to_string(), "-raw"])
                .arg(pdf)
                .arg("-")
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stdout).contains(words)
        })
        .unwrap_or_else(|| panic!("no page with {words:?}"))
}

/// A rendered page as (width, height, RGB bytes), from pdftoppm's PPM.
fn render(pdf: &Path, page: usize, work: &Path) -> (usize, usize, Vec<u8>) {
    let out = work.join("halaman");
    let st = Command::new("pdftoppm")
        .args(["-r", "50", "-f", &page.to_string(), "-l", &page.to_string(), "-singlefile"])
        .arg(pdf)
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success());
    let bytes = std::fs::read(out.with_extension("ppm")).unwrap();
    // "P6\n<w> <h>\n255\n" then the pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).to_string());
        at += 1;
    }
    (fields[1].parse().unwrap(), fields[2].parse().unwrap(), bytes[at..].to_vec())
}

/// How many pixels have about this colour, and their mean x.
fn pixels(img: &(usize, usize, Vec<u8>), rgb: (u8, u8, u8)) -> (usize, f64) {
    let (w, _, data) = img;
    let mut count = 0;
    let mut xs = 0.0;
    for (i, p) in data.chunks(3).enumerate() {
        let near = |a: u8, b: u8| a.abs_diff(b) <= 6;
        if near(p[0], rgb.0) && near(p[1], rgb.1) && near(p[2], rgb.2) {
            count += 1;
            xs += (i % w) as f64;
        }
    }
    (count, if count > 0 { xs / count as f64 } else { 0.0 })
}

const GREEN: (u8, u8, u8) = (0x2e, 0x7d, 0x32);
const AMBER: (u8, u8, u8) = (0xf9, 0xa8, 0x25);
const RED: (u8, u8, u8) = (0xc6, 0x28, 0x28);

#[test]
fn capaian_bars_are_coloured_by_band_in_order_with_their_figures_as_text() {
    let dir = Dir::new();
    dir.book("contoh.xlsx", &three(&[]));
    let run = dir.run(&["build", "--date", "2025-01-15", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let pdf = dir.path().join("output").join(run.json()["workbooks"][0]["documents"][0]["path"].as_str().unwrap());
    let text = pdf_text(&pdf);
    let chart = &text[text.find("Grafik Capaian").expect("a chart")..];
    for label in [
        "105,00 %",
        "95,00 %",
        "60,00 %",
        "ambang 100 %",
        "tercapai (≥ 100 %)",
        "mendekati (90–100 %)",
        "jauh dari target (< 90 %)",
    ] {
        assert!(chart.contains(label), "{label:?} not in the chart's text: {chart}");
    }
    let img = render(&pdf, page_with(&pdf, "Grafik Capaian"), dir.path());
    let (g, a, r) = (pixels(&img, GREEN), pixels(&img, AMBER), pixels(&img, RED));
    // Each bar is hundreds of pixels at 50 dpi (the legend's squares a few dozen).
    assert!(g.0 > 300 && a.0 > 300 && r.0 > 150, "green {g:?}, amber {a:?}, red {r:?}");
    assert!(g.1 < a.1 && a.1 < r.1, "bars in the indicators' order: green {g:?}, amber {a:?}, red {r:?}");
    // The met bar (105 %) is taller than the far one (60 %).
    assert!(g.0 > r.0, "green {g:?} against red {r:?}");

    // Another office's threshold moves the bands: at an Ambang Tercapai of 90, 95 % is met.
    let dir = Dir::new();
    dir.book("contoh.xlsx", &three(&[("Ambang Tercapai", n(90.0)), ("Batas Dekat Grafik", n(50.0))]));
    let run = dir.run(&["build", "--date", "2025-01-15", "--json"]);
    let pdf = dir.path().join("output").join(run.json()["workbooks"][0]["documents"][0]["path"].as_str().unwrap());
    let img = render(&pdf, page_with(&pdf, "Grafik Capaian"), dir.path());
    let (g2, a2, r2) = (pixels(&img, GREEN), pixels(&img, AMBER), pixels(&img, RED));
    assert!(g2.0 > g.0 && a2.0 > 300 && r2.0 < 100, "green {g2:?}, amber {a2:?}, red {r2:?}");
}

#[test]
fn charts_on_the_final_only_when_the_office_says_so() {
    for (extra, expected) in [(vec![], false), (vec![("Grafik pada Final", t("ya"))], true)] {
        let dir = Dir::new();
        dir.book("contoh.xlsx", &three(&extra));
        for (stage, date) in [("draft", "2025-01-06"), ("konsep", "2025-01-09")] {
            let run = dir.run(&["build", "--stage", stage, "--date", date, "--json"]);
            let pdf =
                dir.path().join("output").join(run.json()["workbooks"][0]["documents"][0]["path"].as_str().unwrap());
            assert!(pdf_text(&pdf).contains("Grafik Capaian"), "{stage} has its chart");
        }
        let run = dir.run(&["build", "--stage", "final", "--date", "2025-01-15", "--json"]);
        assert_eq!(run.code, 0, "{}", run.all());
        let docs = run.json()["workbooks"][0]["documents"].clone();
        let text = pdf_text(&dir.path().join("output").join(docs[0]["path"].as_str().unwrap()));
        assert_eq!(text.contains("Grafik Capaian"), expected, "{extra:?}");
        let ra = pdf_text(&dir.path().join("output").join(docs[1]["path"].as_str().unwrap()));
        assert!(!ra.contains("Grafik Capaian"), "the Rencana Aksi has no chart");
    }
}

#[test]
fn quarters_are_drawn_against_their_targets() {
    let dir = Dir::new();
    dir.book("bappeda.xlsx", &crate::common::book::bappeda());
    let run = dir.run(&["build", "--date", "2025-01-15", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let pdf = dir.path().join("output").join(run.json()["workbooks"][0]["documents"][0]["path"].as_str().unwrap());
    let text = pdf_text(&pdf);
    let chart = &text[text.find("Realisasi per triwulan").expect("the quarters' chart")..];
    // Bappeda's 1.1: 92,5 and 96 in TW I and II.
    assert!(chart.contains("1.1 Persentase konsistensi program RPJMD dalam RKPD"), "{chart}");
    assert!(chart.contains("92,5") && chart.contains("96") && chart.contains("TW II"), "{chart}");
}

/// The capaian labels of the chart on `page` ("96,86" of "96,86 %"), and the height of its threshold
/// line (the middle of the axis' "100", the leftmost "100" between the chart's title and its legend).
fn chart_labels(pdf: &Path, page: usize) -> (Vec<Word>, f64) {
    let w = pdf_words(pdf, page);
    let top = w.iter().find(|x| x.4 == "Grafik").unwrap().3;
    let bottom = w.iter().find(|x| x.4 == "tercapai" && x.1 > top).unwrap().1;
    let inside: Vec<_> = w.into_iter().filter(|x| x.1 > top && x.3 < bottom).collect();
    let is_label = |s: &str| {
        s.split_once(',').is_some_and(|(a, b)| b.len() == 2 && (a.to_string() + b).chars().all(|c| c.is_ascii_digit()))
    };
    let labels: Vec<_> = inside.iter().filter(|x| is_label(&x.4)).cloned().collect();
    let axis = inside.iter().filter(|x| x.4 == "100").min_by(|a, b| a.0.total_cmp(&b.0)).expect("the axis' 100");
    (labels, (axis.1 + axis.3) / 2.0)
}

#[test]
fn chart_labels_sit_on_no_line_and_no_other_label() {
    let overlap = |a: &(f64, f64, f64, f64, String), b: &(f64, f64, f64, f64, String)| {
        a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
    };
    // The example: 96,86 % and 94,68 % just under the threshold line (once drawn across it); and twelve
    // indicators with last year's capaian beside each, at nearly the same heights, on narrow bars.
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &crate::common::book::diskominfo_lengkap());
    let header = ["Kode", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian Tahun Lalu"];
    let rows = (1..=12)
        .map(|k| {
            let r = 94.0 + k as f64 * 0.5;
            vec![t(&format!("1.{k}")), t("Sasaran"), t(&format!("Indikator {k}")), t("%"), n(100.0), n(r), n(r - 0.3)]
        })
        .collect();
    dir.book("rapat.xlsx", &office("Dinas Rapat", "rapat", 2024, "Tahunan", &[], &header, rows));
    let run = dir.run(&["build", "--date", "2025-01-15", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    for wb in run.json()["workbooks"].as_array().unwrap() {
        let pdf = dir.path().join("output").join(wb["documents"][0]["path"].as_str().unwrap());
        let (labels, line) = chart_labels(&pdf, page_with(&pdf, "Grafik Capaian"));
        assert!(labels.len() >= 5, "{labels:?}");
        for (i, a) in labels.iter().enumerate() {
            assert!(!(a.1 < line && line < a.3), "label {} lies on the threshold line at {line}: {a:?}", a.4);
            for b in &labels[i + 1..] {
                assert!(!overlap(a, b), "labels {} and {} overlap: {a:?} {b:?}", a.4, b.4);
            }
        }
    }
}
