//! The Perjanjian Kinerja and its Rencana Aksi PK (issue 26): made from the workbook the office fills
//! (`kinerja build --doc pk`), draft then final, the PK perubahan beside the murni, and every
//! measurement of the year held to the PK in force.

use crate::common::book::{self, n, t, V};
use crate::common::{build_json as build, manifest_lines, ok, pdf_text, qr_on_page, Dir};
use serde_json::Value;

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
        "Lumajang, 2 Januari 2024 Pihak Kedua, Pihak Pertama, Bupati Lumajang Plt. Kepala Dinas Komunikasi dan Informatika Drs. H. BAMBANG SUSILO, M.M. MUSTAQIM, S.HI., M.A.",
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
        "Sasaran Strategis 1: Meningkatnya kualitas tata kelola pemerintahan berbasis elektronik",
        "Menyusun Perbup Arsitektur SPBE (TW I) Kepala Bidang Aplikasi Informatika",
        "1 Indeks SPBE 3,5 Indeks 3,2 3,3 3,4 3,5 Evaluasi mandiri SPBE tiap triwulan (TW II, III, IV) Kepala Bidang Aplikasi Informatika",
        "5 Jumlah data statistik sektoral yang dipublikasikan 90 Dataset 20 25 25 20 Menerbitkan data statistik sektoral di portal Satu Data Kepala Bidang Statistik",
    ] {
        assert!(ra.contains(expected), "{expected}\n---\n{ra}");
    }
    let fin = ok(build(&dir, &["--doc", "pk", "--stage", "final", "--date", "2024-01-03"]));
    let pk = text_of(&dir, &fin, "perjanjian-kinerja");
    assert!(pk.contains("kinerja:perjanjian-kinerja/diskominfo/2024/tahunan/final/v1/"), "{pk}");
    // The signed PK's QR code holds its identity, and verify knows it.
    let pdf = dir.path().join("output").join(fin["workbooks"][0]["documents"][0]["path"].as_str().unwrap());
    let code = qr_on_page(&pdf, 1, dir.path());
    assert!(
        code.starts_with("kinerja:perjanjian-kinerja/diskominfo/2024/tahunan/final/v1/") && pk.contains(&code),
        "{code}"
    );
    let verify = dir.run(&["verify", &code]);
    assert_eq!(verify.code, 0, "{}", verify.all());
    let lines = manifest_lines(&dir.path().join("output"));
    // The unit's own documents (its officials' PKs, from the cascade, are issue 27's tests').
    let kinds: Vec<(String, String)> = lines
        .iter()
        .filter(|l| l.get("position").is_none())
        .map(|l| (l["document"].as_str().unwrap().into(), l["stage"].as_str().unwrap().into()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("perjanjian-kinerja", "draft"),
            ("rencana-aksi-pk", "draft"),
            ("pohon-kinerja", "draft"),
            ("perjanjian-kinerja", "final"),
            ("rencana-aksi-pk", "final"),
            ("pohon-kinerja", "final")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

/// The example office with its Identitas changed: each (key, value) replaces the key's value or is added.
fn with_keys(mut b: book::Book, keys: &[(&str, V)]) -> book::Book {
    let id = &mut b.get("Identitas").rows;
    for (k, v) in keys {
        match id.iter_mut().find(|r| matches!(&r[0], V::T(s) if s == k)) {
            Some(row) => row[1] = v.clone(),
            None => id.push(vec![t(k), v.clone()]),
        }
    }
    b
}

/// Sets the annual target of indicator row `row` (1-based within the data) of the example's Kinerja,
/// and of the Kepala Dinas's row for it in the cascade, which follows the Kinerja sheet.
fn with_target(mut b: book::Book, row: usize, target: f64) -> book::Book {
    b.get("Kinerja").rows[row][5] = n(target);
    if b.sheets.iter().any(|s| s.name == "Cascading") {
        b.get("Cascading").rows[row][10] = n(target);
    }
    b
}

#[test]
fn the_final_is_signed_from_the_draft_read_and_there_is_no_konsep() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo_lengkap());
    // No draft yet: the final says to make one.
    let run = build(&dir, &["--doc", "pk", "--stage", "final", "--date", "2024-01-03"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.all().contains("Belum ada draft Perjanjian Kinerja"), "{}", run.all());
    let run = build(&dir, &["--doc", "pk", "--stage", "konsep", "--date", "2024-01-03"]);
    assert_eq!(run.code, 1);
    assert!(run.all().contains("tidak memiliki tahap konsep"), "{}", run.all());
    ok(build(&dir, &["--doc", "pk", "--date", "2024-01-02"]));
    // A target changed after the draft was read: the final is refused, naming the change.
    dir.book("diskominfo.xlsx", &with_target(book::diskominfo_lengkap(), 2, 92.0));
    let run = build(&dir, &["--doc", "pk", "--stage", "final", "--date", "2024-01-03"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let reasons = run.workbook("diskominfo.xlsx")["reasons"].to_string();
    assert!(reasons.contains("target 90 % → 92 %"), "{reasons}");
    // A new draft lists the change, and the final follows it.
    let draft = ok(build(&dir, &["--doc", "pk", "--date", "2024-01-03"]));
    assert!(text_of(&dir, &draft, "perjanjian-kinerja").contains("Perubahan sejak versi 1"));
    ok(build(&dir, &["--doc", "pk", "--stage", "final", "--date", "2024-01-04"]));
    // Without pihak kedua the PK cannot be printed, already as a draft.
    let dir = Dir::new();
    let mut b = book::diskominfo_lengkap();
    b.get("Identitas").rows.retain(|r| !matches!(&r[0], V::T(s) if s.contains("Pihak Kedua")));
    dir.book("diskominfo.xlsx", &b);
    let run = build(&dir, &["--doc", "pk", "--date", "2024-01-02"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.all().contains("Pihak kedua Perjanjian Kinerja belum diisi"), "{}", run.all());
}

#[test]
fn the_kepala_daerah_signs_alone() {
    let dir = Dir::new();
    let b = with_keys(
        book::diskominfo_lengkap(),
        &[
            ("Jenjang Jabatan", t("kepala daerah")),
            ("Perangkat Daerah", t("Pemerintah Kabupaten Lumajang")),
            ("Jabatan Penandatangan", t("Bupati Lumajang")),
            ("Nama Penandatangan", t("Drs. H. BAMBANG SUSILO, M.M.")),
        ],
    );
    dir.book("bupati.xlsx", &b);
    let draft = ok(build(&dir, &["--doc", "pk", "--date", "2024-01-02"]));
    let text = text_of(&dir, &draft, "perjanjian-kinerja");
    assert!(text.contains("berjanji akan mewujudkan target kinerja tahunan sesuai lampiran perjanjian ini"), "{text}");
    assert!(!text.contains("Pihak Kedua"), "{text}");
    assert!(!text.contains("pihak kedua"), "{text}");
}

#[test]
fn a_pk_perubahan_lists_what_changed_and_leaves_the_murni_in_place() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo_lengkap());
    ok(build(&dir, &["--doc", "pk", "--date", "2024-01-02"]));
    let murni = ok(build(&dir, &["--doc", "pk", "--stage", "final", "--date", "2024-01-03"]));
    let murni_pdf = murni["workbooks"][0]["documents"][0]["path"].as_str().unwrap().to_string();
    let murni_bytes = std::fs::read(dir.path().join("output").join(&murni_pdf)).unwrap();
    // After the APBD-Perubahan: one target and one program's budget change.
    let mut b = with_keys(
        with_target(book::diskominfo_lengkap(), 1, 3.6),
        &[("Jenis PK", t("perubahan")), ("Tanggal PK", V::D(2024, 9, 2))],
    );
    b.get("Anggaran").rows[1][1] = n(1_300_000_000.0);
    dir.book("diskominfo.xlsx", &b);
    let draft = ok(build(&dir, &["--doc", "pk", "--date", "2024-09-02"]));
    let text = text_of(&dir, &draft, "perjanjian-kinerja-perubahan");
    for expected in [
        "PERJANJIAN KINERJA PERUBAHAN TAHUN 2024",
        "Perubahan dari Perjanjian Kinerja murni",
        "Mengubah Perjanjian Kinerja final v1, 3 Januari 2024 (kinerja:perjanjian-kinerja/diskominfo/2024/tahunan/final/v1/",
        "Indikator 1.1 (Indeks SPBE): target 3,5 Indeks → 3,6 Indeks.",
        "Anggaran Program Aplikasi Informatika: Rp 1.250.000.000 → Rp 1.300.000.000.",
        "Jumlah anggaran: Rp 1.890.500.000 → Rp 1.940.500.000.",
        "Lumajang, 2 September 2024",
    ] {
        assert!(text.contains(expected), "{expected}\n---\n{text}");
    }
    ok(build(&dir, &["--doc", "pk", "--stage", "final", "--date", "2024-09-03"]));
    // The murni is still the archive's, byte for byte, and still its own document's v1.
    assert_eq!(std::fs::read(dir.path().join("output").join(&murni_pdf)).unwrap(), murni_bytes);
    let lines = manifest_lines(&dir.path().join("output"));
    let finals: Vec<(&str, u64)> = lines
        .iter()
        .filter(|l| l["stage"] == "final" && l.get("position").is_none())
        .map(|l| (l["document"].as_str().unwrap(), l["version"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        finals,
        [
            ("perjanjian-kinerja", 1),
            ("rencana-aksi-pk", 1),
            ("pohon-kinerja", 1),
            ("perjanjian-kinerja-perubahan", 1),
            ("rencana-aksi-pk-perubahan", 1),
            ("pohon-kinerja", 2)
        ]
    );
}

#[test]
fn a_measurement_is_held_to_the_signed_pk_in_force_for_its_period() {
    let dir = Dir::new();
    // The murni (signed 3 January) and a perubahan dated 2 September that raises indicator 1.2's target.
    dir.book("diskominfo.xlsx", &with_keys(book::diskominfo_lengkap(), &[("Tanggal PK", V::D(2024, 1, 2))]));
    ok(build(&dir, &["--doc", "pk", "--date", "2024-01-02"]));
    ok(build(&dir, &["--doc", "pk", "--stage", "final", "--date", "2024-01-03"]));
    let perubahan = with_keys(
        with_target(book::diskominfo_lengkap(), 2, 95.0),
        &[("Jenis PK", t("perubahan")), ("Tanggal PK", V::D(2024, 9, 2))],
    );
    dir.book("diskominfo.xlsx", &perubahan);
    ok(build(&dir, &["--doc", "pk", "--date", "2024-09-02"]));
    ok(build(&dir, &["--doc", "pk", "--stage", "final", "--date", "2024-09-03"]));

    // Indicator 2.1 of the example reports its TW IV only; a quarterly konsep needs its quarters.
    let quarterly = |period: &str| {
        let mut b = with_keys(with_target(book::diskominfo_lengkap(), 2, 95.0), &[("Periode", t(period))]);
        for (c, v) in [(6, 84.0), (7, 85.0), (8, 86.0)] {
            b.get("Kinerja").rows[4][c] = n(v);
        }
        b
    };
    // Triwulan II is held to the murni (90), so its target of 95 differs: a finding at the target cell
    // naming the PK, the draft and konsep made, the final refused.
    let tw2 = quarterly("Triwulan II");
    dir.book("diskominfo.xlsx", &tw2);
    let draft = ok(build(&dir, &["--date", "2024-07-05"]));
    let findings = draft["workbooks"][0]["findings"].as_array().unwrap().clone();
    let f = findings
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("Berbeda dengan Perjanjian Kinerja final v1"))
        .unwrap_or_else(|| panic!("{findings:?}"));
    assert_eq!((f["sheet"].as_str(), f["cell"].as_str()), (Some("Kinerja"), Some("F3")), "{f}");
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains("2 Januari 2024 (kinerja:perjanjian-kinerja/diskominfo/2024/tahunan/final/v1/"),
        "{message}"
    );
    assert!(message.contains("target indikator 1.2 di buku kerja 95, dalam Perjanjian Kinerja 90"), "{message}");
    ok(build(&dir, &["--stage", "konsep", "--date", "2024-07-06"]));
    let run = build(&dir, &["--stage", "final", "--date", "2024-07-07"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.workbook("diskominfo.xlsx")["reasons"].to_string().contains("buat PK perubahan"), "{}", run.all());

    // Triwulan III is held to the perubahan (from 2 September on): 95 is its target; the final is signed
    // and its footnote names the PK it was measured against.
    let tw3 = quarterly("Triwulan III");
    dir.book("diskominfo.xlsx", &tw3);
    let draft = ok(build(&dir, &["--date", "2024-10-05"]));
    assert!(!draft.to_string().contains("Berbeda dengan"), "{draft}");
    ok(build(&dir, &["--stage", "konsep", "--date", "2024-10-06"]));
    let fin = ok(build(&dir, &["--stage", "final", "--date", "2024-10-07"]));
    let text = text_of(&dir, &fin, "pengukuran-kinerja");
    assert!(
        text.contains("Diukur terhadap Perjanjian Kinerja Perubahan final v1, 2 September 2024 (kinerja:perjanjian-kinerja-perubahan/diskominfo/2024/tahunan/final/v1/"),
        "{text}"
    );
}

#[test]
fn without_a_signed_pk_nothing_changes_for_the_measurement() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo_lengkap());
    let draft = ok(build(&dir, &["--date", "2025-01-08"]));
    // Only a PK draft: the measurement is not held to a draft.
    ok(build(&dir, &["--doc", "pk", "--date", "2024-01-02"]));
    let again = ok(build(&dir, &["--date", "2025-01-09"]));
    assert_eq!(again["workbooks"][0]["status"], "unchanged", "{again}");
    assert!(!text_of(&dir, &draft, "pengukuran-kinerja").contains("Diukur terhadap"));
}

#[test]
fn a_renja_form_gets_its_pk_with_the_program_budget() {
    use crate::common::form::{self, contoh};
    let dir = Dir::new();
    let b = form::form(&contoh(), false, "Realisasi TW IV").sheet(
        "Identitas",
        book::identitas(&[
            ("Kode Unit", t("dinas-contoh")),
            ("Nama Pihak Kedua", t("NAMA BUPATI")),
            ("Jabatan Pihak Kedua", t("Bupati Contoh")),
        ]),
    );
    dir.book("evaluasi-renja.xlsx", &b);
    let draft = ok(build(&dir, &["--doc", "pk", "--date", "2025-01-03"]));
    let text = text_of(&dir, &draft, "perjanjian-kinerja");
    for expected in [
        "PERJANJIAN KINERJA TAHUN 2025",
        "Persentase layanan selesai tepat waktu 90 %",
        "Nilai SAKIP perangkat daerah 75 Nilai",
        "Program Pelayanan Publik Contoh 1.200.000.000",
        "Program Penunjang Urusan 500.000.000",
        "Jumlah 1.700.000.000",
        "NAMA BUPATI",
    ] {
        assert!(text.contains(expected), "{expected}\n---\n{text}");
    }
    // The kegiatan's own indicators belong to the PKs of the levels below.
    assert!(!text.contains("Jumlah laporan layanan"), "{text}");
}

#[test]
fn hostile_text_prints_literally_in_the_pk() {
    let hostile = "#read(\"/etc/passwd\") ] $x$ *b* {{ data }} <l> @r";
    let dir = Dir::new();
    let mut b = with_keys(
        book::diskominfo_lengkap(),
        &[("Nama Pihak Kedua", t(hostile)), ("Jabatan Pihak Kedua", t("= Judul palsu"))],
    );
    b.get("Kinerja").rows[1][2] = t("] #panic(\"x\") [");
    b.get("Rencana Aksi PK").rows[1][2] = t("#set page(width: 1cm)");
    b.get("Anggaran").rows[1][0] = t("Program {% if %} // komentar");
    dir.book("x.xlsx", &b);
    let draft = ok(build(&dir, &["--doc", "pk", "--date", "2024-01-02"]));
    let pk = text_of(&dir, &draft, "perjanjian-kinerja");
    let ra = text_of(&dir, &draft, "rencana-aksi-pk");
    for (text, h) in [
        (&pk, hostile),
        (&pk, "= Judul palsu"),
        (&pk, "] #panic(\"x\") ["),
        (&pk, "Program {% if %} // komentar"),
        (&ra, "#set page(width: 1cm)"),
    ] {
        assert!(text.contains(h), "{h}\n---\n{text}");
    }
    assert!(!pk.contains("root:x:0"));
}

#[test]
fn the_archives_page_shows_each_units_pk() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo_lengkap());
    // Another unit with only a PK draft, not measured yet.
    dir.book(
        "bappeda.xlsx",
        &with_keys(
            book::diskominfo_lengkap(),
            &[("Kode Unit", t("bappeda")), ("Perangkat Daerah", t("Badan Perencanaan <b>Daerah</b>"))],
        ),
    );
    ok(build(&dir, &["--doc", "pk", "--date", "2024-01-02"]));
    ok(build(&dir, &["--doc", "pk", "--stage", "final", "--date", "2024-01-03", "input/diskominfo.xlsx"]));
    std::fs::remove_file(dir.input("bappeda.xlsx")).unwrap();
    ok(build(&dir, &["--date", "2025-01-08"]));
    let page = std::fs::read_to_string(dir.path().join("output/index.html")).unwrap();
    let row = |unit: &str| {
        let start = page.find(&format!("data-search=\"{unit}")).unwrap_or_else(|| panic!("no row {unit}"));
        page[start..].split("</tbody>").next().unwrap().to_string()
    };
    let diskominfo = row("dinas komunikasi dan informatika");
    assert!(diskominfo.contains("ditandatangani (murni v1, 2024-01-03)"), "{diskominfo}");
    // (minijinja writes each / of a link as &#x2f;.)
    assert!(
        diskominfo.contains("final&#x2f;2024-01-03&#x2f;perjanjian-kinerja_diskominfo_2024-tahunan_final_v1_"),
        "{diskominfo}"
    );
    assert!(diskominfo.contains("stage-draft"), "{diskominfo}");
    let bappeda = row("badan perencanaan &lt;b&gt;daerah&lt;&#x2f;b&gt;");
    assert!(bappeda.contains("belum diukur") && bappeda.contains("draft murni v1, 2024-01-02"), "{bappeda}");
    assert!(!page.contains("<b>Daerah</b>"), "the unit's name is text");
}
