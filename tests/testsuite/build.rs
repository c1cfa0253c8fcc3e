//! `kinerja build --stage draft`: the PDFs a reviewer reads, the archive
//! tree, hostile text, determinism, and a batch with a bad workbook in it.

use crate::common::book::{self, t, V};
use crate::common::{files_under, pdf_text, pdfs_under, Dir};

#[test]
fn draft_shows_unit_indicators_capaian_and_marking() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo());
    let run = dir.run(&["build", "--date", "2026-11-25"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("1 dokumen: 1 baru, 0 tidak berubah, 0 gagal"), "{}", run.stdout);
    let pdfs = pdfs_under(&dir.path().join("output"));
    assert_eq!(pdfs.len(), 1);
    let text = pdf_text(&pdfs[0]);
    for needle in [
        "PEMERINTAH KABUPATEN LUMAJANG",
        "DINAS KOMUNIKASI DAN INFORMATIKA",
        "PENGUKURAN KINERJA",
        "TAHUN 2024",
        "Indeks SPBE",
        "Persentase perangkat daerah yang terhubung jaringan intra pemerintah",
        "Jumlah insiden keamanan informasi yang tidak tertangani",
        "Indeks keterbukaan informasi publik",
        "Jumlah data statistik sektoral yang dipublikasikan",
        "96,86 %",
        "104,44 %",
        "107,14 %",
        "94,68 %",
        "105,56 %",
        "100,12 %",
        "101,47 %",
        "1.250.000.000",
        "85,45 %",
        "DRAFT versi 1 · dibuat 25 November 2026",
        "Grafik Capaian",
        "Halaman 1 dari 3",
        "Halaman 3 dari 3",
        "Belum ada catatan evaluasi.",
    ] {
        assert!(text.contains(needle), "PDF lacks {needle:?}:\n{text}");
    }
    // DRAFT on every page (the measurement, the charts, the rest): the marking is drawn once per page.
    assert_eq!(text.matches("DRAFT versi 1").count(), 3);
    assert!(text.matches("DRAFT").count() >= 6, "{text}");
}

#[test]
fn archive_tree_names_and_manifest() {
    let dir = Dir::new();
    dir.book("capil.xlsx", &book::dispendukcapil());
    let run = dir.run(&["build", "--date", "2024-10-16", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let json = run.json();
    let wb = &json["workbooks"][0];
    assert_eq!(wb["status"], "written");
    assert_eq!(wb["stage"], "draft");
    let doc = &wb["documents"][0];
    let sha = doc["sha256"].as_str().unwrap();
    let expected = format!(
        "2024/tw3/dispendukcapil/draft/2024-10-16/pengukuran-kinerja_dispendukcapil_2024-tw3_draft_v1_{}.pdf",
        &sha[..12]
    );
    assert_eq!(doc["path"], expected.as_str());
    let out = dir.path().join("output");
    let files = files_under(&out);
    assert_eq!(
        files,
        vec![
            expected.replace(".pdf", ".json"),
            expected.clone(),
            "index.html".to_string(),
            "manifest.jsonl".to_string()
        ]
    );
    // Nothing of the build's own is left at the top either: no lock, journal or staging folder.
    let mut top: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    top.sort();
    assert_eq!(top, ["2024", "index.html", "manifest.jsonl"]);
    // The PDF's own sha256 is the one in its name and in the manifest.
    let bytes = std::fs::read(out.join(&expected)).unwrap();
    assert_eq!(kinerja::archive::sha256(&bytes), sha);
    let manifest = std::fs::read_to_string(out.join("manifest.jsonl")).unwrap();
    let line: serde_json::Value = serde_json::from_str(manifest.lines().next().unwrap()).unwrap();
    for field in [
        "document",
        "unit",
        "year",
        "period",
        "stage",
        "version",
        "date",
        "path",
        "sha256",
        "source_sha256",
        "data_path",
        "parent_sha256",
        "tool",
    ] {
        assert!(line.get(field).is_some(), "manifest lacks {field}: {line}");
    }
    assert_eq!(line["unit"], "dispendukcapil");
    assert_eq!(line["period"], "tw3");
    assert_eq!(line["version"], 1);
    assert_eq!(line["date"], "2024-10-16");
    // The snapshot beside the PDF is the data it was made from.
    let snap: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(expected.replace(".pdf", ".json"))).unwrap()).unwrap();
    assert_eq!(snap["workbook"]["identity"]["unit"], "Dinas Kependudukan dan Pencatatan Sipil");
    assert_eq!(snap["source_sha256"], line["source_sha256"]);
}

#[test]
fn hostile_cell_text_prints_literally() {
    let hostile = [
        "#read(\"/etc/passwd\")",
        "] #panic(\"x\") [",
        "$x$ dan *b* dan _i_",
        "<l> @r \\ \" ' `kode` // komentar /* x */",
        "{{ data }} {% if %} {# c #}",
        "= Judul palsu",
    ];
    let mut b = book::diskominfo();
    {
        let k = &mut b.get("Kinerja").rows;
        for (i, h) in hostile.iter().enumerate().take(5) {
            k[i + 1][2] = t(h);
        }
        k[1][11] = t(hostile[5]);
        k[1][1] = t("Sasaran #set page(width: 1cm) ]");
    }
    b.get("Identitas").rows[1][1] = t("Dinas #{1+1} $\\sum$");
    b.get("Identitas").rows[3][1] = t("../../etc");
    let dir = Dir::new();
    dir.book("x.xlsx", &b);
    let run = dir.run(&["build", "--date", "2026-11-25"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let out = dir.path().join("output");
    // The unit code is a safe slug: nothing lands outside the archive.
    let files = files_under(&out);
    assert!(
        files.iter().all(|f| f == "manifest.jsonl" || f == "index.html" || f.starts_with("2024/tahunan/etc/draft/")),
        "{files:?}"
    );
    let text = pdf_text(&pdfs_under(&out)[0]);
    for h in hostile.iter().chain(["Sasaran #set page(width: 1cm) ]", "DINAS #{1+1} $\\SUM$"].iter()) {
        let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&h), "PDF lacks literal {h:?}:\n{text}");
    }
    assert!(!text.contains("root:x:0"), "a cell read a file");
}

#[test]
fn same_inputs_and_date_give_identical_pdfs() {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    dir.book("b.xlsx", &book::dispendukcapil());
    let r1 = dir.run(&["build", "--date", "2026-11-25", "--output", "satu", "--jobs", "1"]);
    let r2 = dir.run(&["build", "--date", "2026-11-25", "--output", "dua"]);
    assert_eq!((r1.code, r2.code), (0, 0), "{}{}", r1.all(), r2.all());
    let (a, b) = (dir.path().join("satu"), dir.path().join("dua"));
    assert_eq!(files_under(&a), files_under(&b));
    for f in files_under(&a) {
        let (x, y) = (std::fs::read(a.join(&f)).unwrap(), std::fs::read(b.join(&f)).unwrap());
        if f == "manifest.jsonl" {
            // Entries are appended as documents finish, so their order follows the threads, and with it
            // each line's link to the lines before it (`prev`); the entries themselves are the same.
            let lines = |v: &[u8]| {
                let mut l: Vec<String> = String::from_utf8_lossy(v)
                    .lines()
                    .map(|line| {
                        let mut e: serde_json::Value = serde_json::from_str(line).unwrap();
                        e.as_object_mut().unwrap().remove("prev");
                        e.to_string()
                    })
                    .collect();
                l.sort();
                l
            };
            assert_eq!(lines(&x), lines(&y));
        } else {
            assert!(x == y, "{f} differs between --jobs 1 and the default");
        }
    }
}

#[test]
fn rebuild_writes_nothing_and_reports_unchanged() {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    assert_eq!(dir.run(&["build", "--date", "2026-11-25"]).code, 0);
    let before = files_under(&dir.path().join("output"));
    let run = dir.run(&["build", "--date", "2026-11-26", "--json"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.json()["workbooks"][0]["status"], "unchanged");
    assert_eq!(files_under(&dir.path().join("output")), before);
}

#[test]
fn a_bad_workbook_does_not_stop_the_batch() {
    let dir = Dir::new();
    dir.book("baik.xlsx", &book::diskominfo());
    let mut bad = book::dispendukcapil();
    bad.get("IKU").rows[6][6] = t("sembilan");
    dir.book("buruk.xlsx", &bad);
    std::fs::write(dir.input("teks.xlsx"), "bukan excel").unwrap();
    let run = dir.run(&["build", "--date", "2026-11-25", "--json"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let status = |name: &str| run.workbook(name);
    assert_eq!(status("baik.xlsx")["status"], "written");
    let buruk = status("buruk.xlsx");
    assert_eq!(buruk["status"], "error");
    assert!(buruk["findings"].as_array().unwrap().iter().any(|f| f["sheet"] == "IKU" && f["cell"] == "G7"), "{buruk}");
    assert_eq!(status("teks.xlsx")["status"], "error");
    let files = files_under(&dir.path().join("output"));
    assert!(
        files.iter().all(|f| f == "manifest.jsonl" || f == "index.html" || f.contains("/diskominfo/")),
        "{files:?}"
    );
    assert!(!files.iter().any(|f| f.contains(".tmp")));
    let text = dir.run(&["build", "--date", "2026-11-25"]);
    assert!(text.stdout.contains("buruk.xlsx — GAGAL"), "{}", text.stdout);
    assert!(text.stdout.contains("KESALAHAN [IKU!G7]: Target berisi teks \"sembilan\""), "{}", text.stdout);
    assert!(text.stdout.contains("3 dokumen: 0 baru, 1 tidak berubah, 2 gagal"), "{}", text.stdout);
}

#[test]
fn missing_realisation_is_visible_in_the_draft() {
    let mut b = book::diskominfo();
    for c in 6..=9 {
        b.get("Kinerja").rows[2][c] = V::B;
    }
    let dir = Dir::new();
    dir.book("a.xlsx", &b);
    assert_eq!(dir.run(&["build", "--date", "2026-11-25"]).code, 0);
    let text = pdf_text(&pdfs_under(&dir.path().join("output"))[0]);
    assert!(text.contains("belum ada realisasi"), "{text}");
    assert!(text.contains("Belum ada realisasi 1"), "{text}");
}

#[test]
fn typst_command_writes_sources_data_and_assets() {
    let dir = Dir::new();
    let p = dir.book("a.xlsx", &book::diskominfo());
    let run = dir.run(&["typst", p.to_str().unwrap(), "--stage", "draft", "--out", "sumber", "--date", "2026-11-25"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("typst compile"), "{}", run.stdout);
    let files = files_under(&dir.path().join("sumber"));
    for f in
        ["main.typ", "data.json", "kinerja.typ", "fonts/LiberationSans-Regular.ttf", "fonts/LICENSE-Liberation.txt"]
    {
        assert!(files.contains(&f.to_string()), "{f} missing: {files:?}");
    }
    let main = std::fs::read_to_string(dir.path().join("sumber/main.typ")).unwrap();
    assert!(main.contains("#import \"kinerja.typ\"") && main.contains("json(\"data.json\")"), "{main}");
    assert!(!main.contains("Indeks SPBE"), "cell text never enters the Typst source");
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("sumber/data.json")).unwrap()).unwrap();
    assert_eq!(data["sasaran"][0]["indikator"][2]["capaian"], "107,14 %");
}

#[test]
fn template_errors_name_the_file_and_line() {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    let kinerja = include_str!("../../templates/kinerja.typ")
        .replace("#let kop(data) = {", "#let kop(data) = {\n  tidak-ada-fungsi(1)");
    std::fs::write(dir.path().join("templates/kinerja.typ"), kinerja).unwrap();
    let run = dir.run(&["build", "--date", "2026-11-25"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("templates/kinerja.typ baris"), "{}", run.stdout);
    assert!(run.stdout.contains("tidak-ada-fungsi"), "{}", run.stdout);
    std::fs::write(
        dir.path().join("templates/draft.typ.j2"),
        "{% extends \"dokumen.typ.j2\" %}\n{% block notes %}\n{{ oops(\n{% endblock %}",
    )
    .unwrap();
    std::fs::remove_file(dir.path().join("templates/kinerja.typ")).unwrap();
    let run = dir.run(&["build", "--date", "2026-11-25"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("templates/draft.typ.j2 baris 4"), "{}", run.stdout);
}

#[test]
fn hostile_text_in_every_field_prints_literally_through_every_stage() {
    let h = |what: &str| format!("{what} #read(\"/etc/passwd\") ]*_$x$ <l> @r \\ \"");
    let mut b = book::diskominfo_lengkap();
    {
        let id = &mut b.get("Identitas").rows;
        id[0][1] = t(&h("Pemerintah"));
        id[1][1] = t(&h("Dinas"));
        id[2][1] = t(&h("Alamat"));
        id[6][1] = t(&h("Tempat"));
        id[8][1] = t(&h("Jabatan"));
        id[9][1] = t(&h("Nama"));
        id[10][1] = t(&h("Pangkat"));
        for (key, what) in
            [("Nomor PK", "NomorPK"), ("Dievaluasi Oleh", "Evaluator"), ("Jabatan Evaluator", "JabatanEvaluator")]
        {
            id.push(vec![t(key), t(&h(what))]);
        }
    }
    {
        let k = &mut b.get("Kinerja").rows;
        k[1][1] = t(&h("Sasaran"));
        k[1][2] = t(&h("Indikator"));
        k[1][3] = t(&h("Satuan"));
        k[1][11] = t(&h("Keterangan"));
        // The columns an evaluator looks for, on the first indicator.
        for (column, what) in [
            ("Jenis", "Jenis"),
            ("Sumber Data", "Sumber"),
            ("Faktor Pendorong", "Pendorong"),
            ("Faktor Penghambat", "Penghambat"),
            ("Tindak Lanjut", "Lanjut"),
        ] {
            k[0].push(t(column));
            k[1].push(t(&h(what)));
            for row in k.iter_mut().skip(2) {
                row.push(V::B);
            }
        }
    }
    b.get("Anggaran").rows[1][0] = t(&h("Program"));
    b.get("Evaluasi").rows[1][2] = t(&h("Catatan"));
    b.get("Evaluasi").rows[1][3] = t(&h("Tindak"));
    {
        let ra = &mut b.get("Rencana Aksi").rows;
        ra[1][1] = t(&h("Kendala"));
        ra[1][2] = t(&h("Aksi"));
        ra[1][3] = t(&h("PIC"));
    }
    let dir = Dir::new();
    dir.book("#read(\"x\") ] $.xlsx", &b);
    for (stage, date) in [("draft", "2025-01-08"), ("konsep", "2025-01-13"), ("final", "2025-01-15")] {
        let run = dir.run(&["build", "--stage", stage, "--date", date]);
        assert_eq!(run.code, 0, "{stage}: {}", run.all());
    }
    let out = dir.path().join("output");
    let files = files_under(&out);
    assert!(
        files.iter().all(|f| f == "manifest.jsonl" || f == "index.html" || f.starts_with("2024/tahunan/diskominfo/")),
        "{files:?}"
    );
    // Compared without whitespace: a narrow cell may break a line after "/".
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let all: String = squeeze(&pdfs_under(&out).iter().map(|p| pdf_text(p)).collect::<Vec<_>>().join("\n"));
    for field in [
        "Alamat",
        "Sasaran",
        "Indikator",
        "Satuan",
        "Keterangan",
        "Program",
        "Catatan",
        "Tindak",
        "Kendala",
        "Aksi",
        "PIC",
        "Nama",
        "Pangkat",
        "Jabatan",
        "NomorPK",
        "Evaluator",
        "JabatanEvaluator",
        "Jenis",
        "Sumber",
        "Pendorong",
        "Penghambat",
        "Lanjut",
    ] {
        assert!(all.contains(&squeeze(&h(field))), "{field} not literal:\n{all}");
    }
    // The letterhead prints these in capitals, exactly otherwise.
    assert!(all.contains(&squeeze(&h("Dinas")).to_uppercase()), "{all}");
    assert!(all.contains(&squeeze(&format!("{}, 15 Januari 2025", h("Tempat")))), "{all}");
    assert!(!all.contains("root:x:0"));
}

#[test]
fn templates_cannot_read_outside_their_folder() {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    std::fs::write(dir.path().join("rahasia.txt"), "RAHASIA-KANTOR").unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    for (i, probe) in [
        "#read(\"/etc/passwd\")",
        "#read(\"../rahasia.txt\")",
        "#read(\"/rahasia.txt\")",
        "#image(\"../input/a.xlsx\")",
        "#import \"@preview/cetz:0.3.0\"",
    ]
    .iter()
    .enumerate()
    {
        let main = format!("{{% extends \"dokumen.typ.j2\" %}}\n{{% block notes %}}\n{probe}\n{{% endblock %}}\n");
        std::fs::write(dir.path().join("templates/draft.typ.j2"), main).unwrap();
        let run = dir.run(&["build", "--date", "2026-11-25", "--output", &format!("out{i}")]);
        assert_eq!(run.code, 1, "{probe} must fail: {}", run.all());
        assert!(run.stdout.contains("galat typst"), "{}", run.stdout);
        assert!(!run.all().contains("root:x:0") && !run.all().contains("RAHASIA-KANTOR"));
        assert!(pdfs_under(&dir.path().join(format!("out{i}"))).is_empty());
    }
}

#[test]
fn characters_the_fonts_lack_are_warned_about() {
    let mut b = book::diskominfo();
    b.get("Kinerja").rows[1][2] = t("Indeks SPBE 漢字");
    let dir = Dir::new();
    dir.book("a.xlsx", &b);
    let run = dir.run(&["build", "--date", "2026-11-25", "--json"]);
    assert_eq!(run.code, 0);
    let warnings = run.json()["workbooks"][0]["documents"][0]["warnings"].clone();
    assert!(warnings[0].as_str().unwrap().contains("'漢' (U+6F22)"), "{warnings}");
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

#[test]
fn the_logo_named_by_the_workbook_is_in_the_letterhead() {
    let mut b = book::diskominfo();
    b.get("Identitas").rows.push(vec![t("Logo"), t("logo-lumajang.png")]);
    let dir = Dir::new();
    dir.book("a.xlsx", &b);
    std::fs::write(dir.input("logo-lumajang.png"), PNG).unwrap();
    let run = dir.run(&["build", "--date", "2026-11-25"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let pdf = &pdfs_under(&dir.path().join("output"))[0];
    let images = std::process::Command::new("pdfimages").arg("-list").arg(pdf).output().unwrap();
    let list = String::from_utf8_lossy(&images.stdout);
    assert_eq!(
        list.lines()
            .skip(2)
            .filter(|l| {
                let c: Vec<&str> = l.split_whitespace().collect();
                c.first() == Some(&"1") && c.get(2) == Some(&"image")
            })
            .count(),
        1,
        "one image on page 1:\n{list}"
    );
    // Without the logo, none.
    let dir2 = Dir::new();
    dir2.book("a.xlsx", &book::diskominfo());
    assert_eq!(dir2.run(&["build", "--date", "2026-11-25"]).code, 0);
    let images = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&pdfs_under(&dir2.path().join("output"))[0])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&images.stdout).lines().count(), 2, "only the header lines");
}

#[test]
fn two_workbooks_for_one_unit_and_period_are_both_refused() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo());
    let mut copy = book::diskominfo();
    copy.get("Kinerja").rows[2][9] = t("96");
    dir.book("diskominfo (salinan).xlsx", &copy);
    dir.book("capil.xlsx", &book::dispendukcapil());
    // Refused every time, whichever thread reads which copy first; the other office is built.
    for (i, capil) in ["written", "unchanged", "unchanged"].iter().enumerate() {
        let run = dir.run(&["build", "--date", "2026-11-25", "--json"]);
        assert_eq!(run.code, 1, "run {i}: {}", run.all());
        assert_eq!(run.workbook("capil.xlsx")["status"], *capil);
        for (name, other) in
            [("diskominfo.xlsx", "diskominfo (salinan).xlsx"), ("diskominfo (salinan).xlsx", "diskominfo.xlsx")]
        {
            let w = run.workbook(name);
            assert_eq!(w["status"], "refused");
            let reason = w["reasons"][0].as_str().unwrap();
            assert!(
                reason.contains(other) && reason.contains("unit diskominfo, tahun 2024 dan periode Tahunan"),
                "{reason}"
            );
        }
    }
    let files = files_under(&dir.path().join("output"));
    assert!(files.iter().all(|f| !f.contains("/diskominfo/")), "nothing of either copy is archived: {files:?}");
}

#[test]
fn an_unchanged_workbook_is_not_read_again_and_a_changed_one_is() {
    let dir = Dir::new();
    dir.book("capil.xlsx", &book::dispendukcapil());
    let first = dir.run(&["build", "--date", "2026-11-25", "--json"]);
    assert_eq!(first.code, 0, "{}", first.all());
    let warnings = first.json()["workbooks"][0]["findings"].as_array().unwrap().len();
    assert!(warnings > 0, "the messy example has warnings");
    // The same bytes, templates and program: known unchanged from the manifest, the workbook unread
    // (so it has no findings of its own, only the count recorded with its newest version).
    let again = dir.run(&["build", "--date", "2026-11-26", "--json"]);
    let wb = again.workbook("capil.xlsx");
    assert_eq!(wb["status"], "unchanged");
    assert_eq!(wb["findings"].as_array().unwrap().len(), 0, "{wb}");
    assert_eq!(wb["warnings_unread"], warnings);
    assert_eq!(wb["documents"][0]["version"], 1);
    let plain = dir.run(&["build", "--date", "2026-11-26"]);
    assert!(
        plain.stdout.contains(&format!("{warnings} peringatan (lihat: kinerja check input/capil.xlsx)")),
        "{}",
        plain.stdout
    );
    // Saved again (other bytes, same meaning): read, and still unchanged.
    let mut b = book::dispendukcapil();
    b.get("Identitas").origin.1 += 2;
    dir.book("capil.xlsx", &b);
    let resaved = dir.run(&["build", "--date", "2026-11-27", "--json"]).workbook("capil.xlsx");
    assert_eq!(resaved["status"], "unchanged");
    assert_eq!(resaved["findings"].as_array().unwrap().len(), warnings);
    // Other templates: read, and a new version.
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/draft.typ.j2"), b"{% extends \"dokumen.typ.j2\" %}\n").unwrap();
    let templated = dir.run(&["build", "--date", "2026-11-28", "--json"]);
    assert_eq!(templated.workbook("capil.xlsx")["status"], "written", "{}", templated.all());
}

#[test]
fn progress_lines_speak_bahasa_indonesia() {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    let run = dir.run(&["build", "--date", "2026-11-25"]);
    assert!(run.stderr.contains("[1/1] input/a.xlsx — dibuat"), "{}", run.stderr);
    let run = dir.run(&["build", "--date", "2026-11-25"]);
    assert!(run.stderr.contains("[1/1] input/a.xlsx — tidak berubah"), "{}", run.stderr);
}

#[test]
fn a_workbook_named_twice_is_built_once() {
    let dir = Dir::new();
    dir.book("a.xlsx", &book::diskominfo());
    let run = dir.run(&["build", "input", "input/a.xlsx", "--date", "2026-11-25", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let json = run.json();
    assert_eq!(json["workbooks"].as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json["workbooks"][0]["status"], "written");
}
