//! The kabupaten of the index and rekap tests: forty units' workbooks built through the SOP into one
//! archive, two of them with names that try to become markup.

use super::book::{self, n, t, Book};
use super::Dir;

const OFFICES: [&str; 10] = [
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Sosial",
    "Dinas Komunikasi dan Informatika",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Dinas Lingkungan Hidup",
    "Dinas Pertanian dan Ketahanan Pangan",
];

/// Names that try to become markup or script on the page.
pub const HOSTILE: [(usize, &str); 2] = [
    (7, "Dinas </script><script>window.pwned=1</script> \"Uji\" & Co"),
    (13, "Badan <img src=x onerror=\"window.pwned=2\"> <b>tebal</b>"),
];

/// Unit `i`'s name.
pub fn name(i: usize) -> String {
    HOSTILE
        .iter()
        .find(|(h, _)| *h == i)
        .map(|(_, s)| s.to_string())
        .unwrap_or_else(|| format!("{} {}", OFFICES[i % OFFICES.len()], i / OFFICES.len() + 1))
}

/// Unit `i`'s workbook for `year` and `period`: three indicators against a target of 100, met from
/// unit 20 on (so that units 30–39 can be signed without a rencana aksi).
pub fn unit(i: usize, year: i32, period: &str) -> Book {
    let header = ["Kode", "Sasaran", "Indikator Kinerja", "Satuan", "Polaritas", "Target", "Realisasi"];
    let real = [80.0 + i as f64, 95.0 + (i / 2) as f64, 100.0];
    let rows = real
        .iter()
        .enumerate()
        .map(|(k, r)| {
            vec![
                t(&format!("1.{}", k + 1)),
                t("Meningkatnya kualitas layanan"),
                t(&format!("Indikator {} unit {i}", k + 1)),
                t("%"),
                t("Positif"),
                n(100.0),
                n(*r),
            ]
        })
        .collect();
    book::office(&name(i), &format!("pd-{i:02}"), year, period, &[], &header, rows)
}

/// The kabupaten's archive: 40 units' 2024 drafts, konsep for units 20–39, finals for units 30–39,
/// 2023 for units 0–4 and 2024 Triwulan II for units 5–7 (48 rows on the page).
pub fn archive(dir: &Dir) {
    for i in 0..40 {
        dir.book(&format!("pd-{i:02}.xlsx"), &unit(i, 2024, "Tahunan"));
    }
    for i in 0..5 {
        dir.book(&format!("pd-{i:02}-2023.xlsx"), &unit(i, 2023, "Tahunan"));
    }
    for i in 5..8 {
        dir.book(&format!("pd-{i:02}-tw2.xlsx"), &unit(i, 2024, "TW II"));
    }
    let run = dir.run(&["build", "--date", "2025-01-08"]);
    assert_eq!(run.code, 0, "{}", run.all());
    for (stage, from, date) in [("konsep", 20, "2025-01-13"), ("final", 30, "2025-01-15")] {
        let mut args = vec!["build".to_string(), "--stage".into(), stage.into(), "--date".into(), date.into()];
        args.extend((from..40).map(|i| format!("input/pd-{i:02}.xlsx")));
        let run = dir.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(run.code, 0, "{}", run.all());
    }
}
