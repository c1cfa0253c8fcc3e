//! The SOP walked on one workbook: draft, draft v2 after an evaluation note,
//! konsep refused with a missing realisation, konsep, final refused without
//! rencana aksi, konsep v2 with the rencana aksi, final.

use crate::common::book::{self, n, t, Book, V};
use crate::common::{pdf_text, Dir, Run};
use serde_json::Value;

fn build(dir: &Dir, stage: &str, date: &str) -> (Run, Value) {
    let run = dir.run(&["build", "--stage", stage, "--date", date, "--json"]);
    let json = run.json();
    (run, json["workbooks"][0].clone())
}

fn pdf_of(dir: &Dir, wb: &Value, i: usize) -> String {
    pdf_text(&dir.path().join("output").join(wb["documents"][i]["path"].as_str().unwrap()))
}

fn manifest(dir: &Dir) -> Vec<Value> {
    crate::common::manifest_lines(&dir.path().join("output"))
}

fn with_evaluation(b: Book) -> Book {
    b.sheet(
        "Evaluasi",
        vec![
            vec![t("Tanggal"), t("Indikator"), t("Catatan"), t("Tindak Lanjut")],
            vec![
                V::D(2025, 1, 8),
                t("Indeks SPBE"),
                t("Bukti dukung domain kebijakan belum lengkap"),
                t("Bidang Aplikasi melengkapi"),
            ],
        ],
    )
}

fn with_action_plans(b: Book) -> Book {
    b.sheet(
        "Rencana Aksi",
        vec![
            vec![t("Kode"), t("Kendala"), t("Rencana Aksi"), t("PIC"), t("Batas Waktu")],
            vec![
                t("1.1"),
                t("Arsitektur SPBE belum ditetapkan"),
                t("Menetapkan Perbup Arsitektur SPBE"),
                t("Kabid Aplikasi Informatika"),
                V::D(2025, 6, 30),
            ],
            vec![
                t("Indeks keterbukaan informasi publik"),
                t("DIP belum diperbarui"),
                t("Memperbarui DIP bersama PPID"),
                t("Kabid IKP"),
                t("Triwulan II 2025"),
            ],
        ],
    )
}

#[test]
fn the_whole_sop_on_one_workbook() {
    let dir = Dir::new();
    // SOP 4: the draft.
    dir.book("diskominfo.xlsx", &book::diskominfo());
    let (run, d1) = build(&dir, "draft", "2025-01-06");
    assert_eq!((run.code, d1["status"].as_str()), (0, Some("written")), "{}", run.all());

    // SOP 5: after the evaluation meeting, draft v2 shows the note and what changed.
    dir.book("diskominfo.xlsx", &with_evaluation(book::diskominfo()));
    let (_, d2) = build(&dir, "draft", "2025-01-08");
    assert_eq!(d2["documents"][0]["version"], 2);
    let text = pdf_of(&dir, &d2, 0);
    assert!(text.contains("Tindak Lanjut 8 Januari 2025 Indeks SPBE Bukti dukung domain kebijakan belum lengkap Bidang Aplikasi melengkapi"), "{text}");
    assert!(
        text.contains("Perubahan sejak versi 1 • Catatan evaluasi baru (8 Januari 2025) tentang Indeks SPBE"),
        "{text}"
    );
    let draft_sha = d2["documents"][0]["sha256"].as_str().unwrap().to_string();

    // SOP 6: the konsep is refused while a realisation is missing.
    let mut gap = with_evaluation(book::diskominfo());
    for c in 6..=9 {
        gap.get("Kinerja").rows[2][c] = V::B;
    }
    dir.book("diskominfo.xlsx", &gap);
    let (run, refused) = build(&dir, "konsep", "2025-01-09");
    assert_eq!(run.code, 1);
    assert_eq!(refused["status"], "refused");
    let reasons: Vec<&str> = refused["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert_eq!(
        reasons,
        ["Indikator 1.2 (Persentase perangkat daerah yang terhubung jaringan intra pemerintah) belum memiliki realisasi Tahunan (baris 3 lembar Kinerja)."]
    );
    let plain = dir.run(&["build", "--stage", "konsep", "--date", "2025-01-09"]);
    assert!(plain.stdout.contains("DITOLAK") && plain.stdout.contains("  - Indikator 1.2"), "{}", plain.stdout);

    // SOP 6: with the realisation back, the konsep: clean, marked, with places for paraf.
    dir.book("diskominfo.xlsx", &with_evaluation(book::diskominfo()));
    let (run, k1) = build(&dir, "konsep", "2025-01-09");
    assert_eq!(run.code, 0, "{}", run.all());
    let text = pdf_of(&dir, &k1, 0);
    assert!(text.contains("KONSEP versi 1"), "{text}");
    assert!(text.contains("Paraf Sekretaris Kasubag Perencanaan dan Keuangan"), "{text}");
    assert!(!text.contains("DRAFT") && !text.contains("Catatan Evaluasi"), "the konsep is clean: {text}");
    let m = manifest(&dir);
    let k1_entry = m.iter().find(|e| e["stage"] == "konsep").unwrap();
    assert_eq!(k1_entry["parent_sha256"], draft_sha.as_str(), "the konsep points at the draft it follows");

    // SOP 7: the Kadis returns it: two indicators are unmet and have no rencana aksi.
    let (run, f) = build(&dir, "final", "2025-01-15");
    assert_eq!(run.code, 1);
    assert_eq!(f["status"], "refused");
    let reasons: Vec<&str> = f["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons[0].starts_with("Indikator 1.1 (Indeks SPBE) tidak tercapai (96,86 %) dan belum memiliki rencana aksi")
    );
    assert!(reasons[1].starts_with("Indikator 2.1 (Indeks keterbukaan informasi publik) tidak tercapai (94,68 %)"));

    // The rencana aksi is written and goes back to the Kadis in konsep v2, which shows it.
    let full = with_action_plans(with_evaluation(book::diskominfo()));
    dir.book("diskominfo.xlsx", &full);
    let (run, k2) = build(&dir, "konsep", "2025-01-13");
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(k2["documents"][0]["version"], 2);
    let text = pdf_of(&dir, &k2, 0);
    assert!(text.contains("Rencana Aksi untuk Indikator yang Tidak Tercapai"), "{text}");
    assert!(text.contains("Menetapkan Perbup Arsitektur SPBE Kabid Aplikasi Informatika 30 Juni 2025"), "{text}");
    let k2_sha = k2["documents"][0]["sha256"].as_str().unwrap().to_string();

    // SOP 8: the final, signed from konsep v2, with the Rencana Aksi beside it.
    let (run, fin) = build(&dir, "final", "2025-01-15");
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(fin["status"], "written");
    let docs = fin["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1]["document"], "rencana-aksi");
    let source12 = &docs[0]["source_sha256"].as_str().unwrap()[..12];
    let text = pdf_of(&dir, &fin, 0);
    assert!(!text.contains("DRAFT") && !text.contains("KONSEP"), "the final has no marking: {text}");
    assert!(text.contains("Lumajang, 15 Januari 2025 Plt. Kepala Dinas Komunikasi dan Informatika"), "{text}");
    assert!(text.contains("MUSTAQIM, S.HI., M.A. Pembina Tk. I (IV/b) NIP. 19840518 201101 1 014"), "{text}");
    let verification = format!("Versi 1 · kode verifikasi {source12}");
    let pages = text.matches("Halaman ").count();
    assert!(pages >= 2);
    assert_eq!(text.matches(&verification).count(), pages, "the verification line is on every page: {text}");
    let ra = pdf_of(&dir, &fin, 1);
    assert!(ra.contains("RENCANA AKSI"), "{ra}");
    assert!(ra.contains("Memperbarui DIP bersama PPID Kabid IKP Triwulan II 2025"), "{ra}");
    assert!(ra.contains("NIP. 19840518 201101 1 014"), "{ra}");
    let m = manifest(&dir);
    let finals: Vec<&Value> = m.iter().filter(|e| e["stage"] == "final").collect();
    assert_eq!(finals.len(), 2);
    assert!(
        finals.iter().all(|e| e["parent_sha256"] == k2_sha.as_str()),
        "the final points at the konsep it was signed from"
    );
    // The final is archived as PDF/A-2b.
    let bytes = std::fs::read(dir.path().join("output").join(docs[0]["path"].as_str().unwrap())).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("<pdfaid:part>2</pdfaid:part>") && raw.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert_eq!(dir.run(&["verify"]).code, 0);
}

#[test]
fn final_is_refused_when_figures_moved_since_the_konsep_but_not_for_a_new_signing_date() {
    let dir = Dir::new();
    let full = with_action_plans(book::diskominfo());
    dir.book("d.xlsx", &full);
    assert_eq!(dir.run(&["build", "--date", "2025-01-06"]).code, 0);
    assert_eq!(dir.run(&["build", "--stage", "konsep", "--date", "2025-01-09"]).code, 0);
    // A realisation moved after the Kadis saw the konsep.
    let mut moved = full.clone();
    moved.get("Kinerja").rows[3][9] = n(1.0);
    dir.book("d.xlsx", &moved);
    let (run, f) = build(&dir, "final", "2025-01-15");
    assert_eq!(run.code, 1);
    let reasons: Vec<&str> = f["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(
        reasons[0].starts_with("Indikator 1.3 (Jumlah insiden keamanan informasi yang tidak tertangani) berbeda dari konsep: realisasi 6,5 di konsep, 6 sekarang; capaian 107,14 % di konsep, 114,29 % sekarang."),
        "{reasons:?}"
    );
    // Only the signing date changed: the final may be made without a new konsep.
    let mut dated = full.clone();
    dated.get("Identitas").rows[7][1] = V::D(2025, 1, 20);
    dir.book("d.xlsx", &dated);
    let (run, f) = build(&dir, "final", "2025-01-20");
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(pdf_of(&dir, &f, 0).contains("Lumajang, 20 Januari 2025"));
}

#[test]
fn workbook_errors_refuse_the_konsep() {
    let dir = Dir::new();
    let mut b = book::diskominfo();
    b.get("Identitas").rows[11][1] = t("1984");
    dir.book("d.xlsx", &b);
    let (run, k) = build(&dir, "konsep", "2025-01-09");
    assert_eq!(run.code, 1);
    assert_eq!(k["status"], "refused");
    assert!(k["reasons"][0].as_str().unwrap().contains("1 kesalahan"), "{k}");
}

#[test]
fn a_refused_konsep_names_the_cell_to_fill() {
    let dir = Dir::new();
    let mut gap = book::diskominfo();
    for c in 6..=9 {
        gap.get("Kinerja").rows[2][c] = V::B;
    }
    dir.book("d.xlsx", &gap);
    assert_eq!(dir.run(&["build", "--date", "2025-01-06"]).code, 0);
    let (run, k) = build(&dir, "konsep", "2025-01-09");
    assert_eq!(run.code, 1);
    let at: Vec<(&str, &str, &str)> = k["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["severity"].as_str().unwrap(), f["sheet"].as_str().unwrap_or(""), f["cell"].as_str().unwrap_or("")))
        .collect();
    assert!(at.contains(&("error", "Kinerja", "J3")), "{at:?}");
    let plain = dir.run(&["build", "--stage", "konsep", "--date", "2025-01-09"]);
    assert!(
        plain.stdout.contains("KESALAHAN [Kinerja!J3]: Realisasi Tahunan indikator 1.2 belum diisi"),
        "{}",
        plain.stdout
    );
}

#[test]
fn a_final_with_its_rencana_aksi_counts_two_documents() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &with_action_plans(book::diskominfo()));
    dir.book("capil.xlsx", &book::dispendukcapil());
    for (stage, date) in [("draft", "2025-01-08"), ("konsep", "2025-01-13")] {
        let run = dir.run(&["build", "input/diskominfo.xlsx", "--stage", stage, "--date", date]);
        assert_eq!(run.code, 0, "{}", run.all());
    }
    // The final and its Rencana Aksi: two new documents, one line each in the report.
    let run = dir.run(&["build", "input/diskominfo.xlsx", "--stage", "final", "--date", "2025-01-15"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(run.stdout.matches(" v1: output/2024/tahunan/diskominfo/final/").count(), 2, "{}", run.stdout);
    assert!(run.stdout.contains("2 dokumen: 2 baru, 0 tidak berubah, 0 gagal"), "{}", run.stdout);
    // Again, beside a workbook that has no konsep: both unchanged, and the other one refused.
    let run = dir.run(&["build", "--stage", "final", "--date", "2025-01-15"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains("3 dokumen: 0 baru, 2 tidak berubah, 1 gagal (1 ditolak)"), "{}", run.stdout);
    let json = dir.run(&["build", "--stage", "final", "--date", "2025-01-15", "--json"]).json();
    let s = &json["summary"];
    assert_eq!(
        (&s["documents"], &s["written"], &s["unchanged"], &s["refused"], &s["error"]),
        (&Value::from(3), &Value::from(0), &Value::from(2), &Value::from(1), &Value::from(0)),
        "{s}"
    );
}
