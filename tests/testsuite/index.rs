//! The kabupaten's page, `output/index.html`: written after a build that changed the archive, the same
//! bytes for the same archive, rewritten only when the archive changed, known by `verify` as a derived
//! file, workbook text escaped, and drawn over several archives without changing them.

use crate::common::book::{self, t};
use crate::common::{files_under, manifest_lines, Dir};
use std::path::Path;

/// The page of the archive at `out`.
fn page(out: &Path) -> String {
    std::fs::read_to_string(out.join("index.html")).expect("index.html")
}

/// Every `href="…"` of a page, as the browser reads it (the escaped `/` and `&` undone).
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].replace("&#x2f;", "/").replace("&amp;", "&"))
        .collect()
}

/// Every file of an archive with its bytes, the page aside.
fn contents(out: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(out)
        .into_iter()
        .filter(|f| f != "index.html")
        .map(|f| {
            let b = std::fs::read(out.join(&f)).unwrap();
            (f, b)
        })
        .collect()
}

#[test]
fn a_build_writes_the_page_with_every_unit_and_a_link_to_every_archived_file() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo());
    dir.book("bappeda.xlsx", &book::bappeda());
    dir.book("capil.xlsx", &book::dispendukcapil());
    let run = dir.run(&["build", "--date", "2025-01-08"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("Halaman indeks: output/index.html"), "{}", run.stdout);
    let out = dir.path().join("output");
    let html = page(&out);
    for (name, code) in [
        ("Dinas Komunikasi dan Informatika", "diskominfo"),
        ("Badan Perencanaan Pembangunan Daerah", "bappeda"),
        ("Dinas Kependudukan dan Pencatatan Sipil", "dispendukcapil"),
    ] {
        assert!(html.contains(name) && html.contains(code), "{name} missing");
    }
    // Every PDF and snapshot of the manifest is linked, relatively, and the link leads to the file.
    let links = hrefs(&html);
    for line in manifest_lines(&out) {
        for field in ["path", "data_path"] {
            let p = line[field].as_str().unwrap();
            assert!(links.iter().any(|l| l == p), "no link to {p}");
        }
    }
    for l in links.iter().filter(|l| !l.starts_with('#')) {
        assert!(!l.contains("://") && !l.starts_with('/'), "not a relative link: {l}");
        assert!(out.join(l).is_file(), "link to nothing: {l}");
    }
    // The stage reached, capaian and predikat, and an unmet indicator without its rencana aksi.
    assert!(html.contains("101,47 %") && html.contains("Sangat Tinggi"), "capaian of diskominfo");
    assert!(html.contains("Jumlah rekomendasi penelitian yang dimanfaatkan"), "bappeda's unmet indicator");
    assert!(html.contains("belum ada rencana aksi"));
    // verify knows the page: not a stranger, and as the archive gives it.
    let v = dir.run(&["verify", "--json"]);
    assert_eq!(v.code, 0, "{}", v.stdout);
    assert_eq!(v.json()["index"], "sesuai");
    assert!(v.json()["problems"].as_array().unwrap().is_empty());
    // kinerja index writes the same bytes again.
    let again = dir.run(&["index"]);
    assert_eq!(again.code, 0, "{}", again.all());
    assert_eq!(page(&out), html);
}

#[test]
fn hostile_workbook_text_is_shown_as_text_in_the_page() {
    let hostile = "Dinas </script><script>alert(1)</script> <img src=x onerror=alert(2)> \"' onmouseover=\"alert(3) &amp; {{ x }}";
    let mut b = book::diskominfo();
    b.get("Identitas").rows[1][1] = t(hostile);
    b.get("Kinerja").rows[1][2] = t("Indeks <b>SPBE</b> </td></tr></table><script>alert(4)</script>");
    let dir = Dir::new();
    dir.book("x.xlsx", &b);
    assert_eq!(dir.run(&["build", "--date", "2025-01-08"]).code, 0);
    let html = page(&dir.path().join("output"));
    // Our own script is the page's only one; no tag of the workbook's survives as markup.
    assert_eq!(html.matches("<script").count(), 1, "a script came in from the workbook");
    for raw in ["<img", "<b>SPBE", "</td></tr></table><script>", "onmouseover=\"alert"] {
        assert!(!html.contains(raw), "{raw} is in the page as markup");
    }
    assert!(html.contains("Dinas &lt;&#x2f;script&gt;&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"), "escaped name");
    assert!(html.contains("&amp;amp;"), "an ampersand is escaped");
}

#[test]
fn a_new_final_of_one_unit_rewrites_the_page_and_nothing_else() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo_lengkap());
    dir.book("capil.xlsx", &book::dispendukcapil());
    for (stage, date) in [("draft", "2025-01-08"), ("konsep", "2025-01-13")] {
        let run = dir.run(&["build", "--stage", stage, "--date", date]);
        assert_eq!(run.code, 0, "{}", run.all());
    }
    let run = dir.run(&["build", "input/diskominfo.xlsx", "--stage", "final", "--date", "2025-01-15"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let out = dir.path().join("output");
    let first = page(&out);
    assert!(first.contains("stage-final"), "the final reached");
    // Nothing new: the page is not written again (same file, same bytes).
    let ino = |p: &Path| {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(p).unwrap().ino()
    };
    let before_ino = ino(&out.join("index.html"));
    let run = dir.run(&["build", "input/diskominfo.xlsx", "--stage", "final", "--date", "2025-01-16"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(!run.stdout.contains("Halaman indeks"), "{}", run.stdout);
    assert_eq!(ino(&out.join("index.html")), before_ino, "the page was rewritten without a change");
    // A new konsep and final of Diskominfo: the page changes, every file of the archive stays as it was.
    let before = contents(&out);
    let mut b = book::diskominfo_lengkap();
    b.get("Kinerja").rows[1][9] = crate::common::book::V::N(3.45);
    dir.book("diskominfo.xlsx", &b);
    for (stage, date) in [("konsep", "2025-01-20"), ("final", "2025-01-21")] {
        let run = dir.run(&["build", "input/diskominfo.xlsx", "--stage", stage, "--date", date]);
        assert_eq!(run.code, 0, "{}", run.all());
    }
    let after = contents(&out);
    for (f, bytes) in &before {
        let now = after.iter().find(|(g, _)| g == f).unwrap_or_else(|| panic!("{f} is gone"));
        // The manifest grows by its new lines; every other file is as it was.
        if f == "manifest.jsonl" {
            assert!(now.1.starts_with(bytes), "{f} was rewritten");
        } else {
            assert!(now.1 == *bytes, "{f} was rewritten");
        }
    }
    let second = page(&out);
    assert_ne!(first, second);
    assert!(second.contains("2025-01-21") && second.contains(">v2<"), "the new final on the page");
    assert_eq!(dir.run(&["verify"]).code, 0);
}

#[test]
fn verify_tells_a_stale_page_and_writes_it_again() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo());
    assert_eq!(dir.run(&["build", "--date", "2025-01-08"]).code, 0);
    let out = dir.path().join("output");
    let good = page(&out);
    std::fs::write(out.join("index.html"), good.replace("101,47 %", "99,99 %")).unwrap();
    // A derived file: a stale page is said, not a problem of the archive.
    let v = dir.run(&["verify"]);
    assert_eq!(v.code, 0, "{}", v.stdout);
    assert!(v.stdout.contains("index.html: halaman turunan, TIDAK sesuai dengan arsip"), "{}", v.stdout);
    assert!(!v.stdout.contains("TIDAK TERCATAT"), "{}", v.stdout);
    let fixed = dir.run(&["verify", "--index"]);
    assert_eq!(fixed.code, 0, "{}", fixed.all());
    assert!(fixed.stdout.contains("index.html: halaman turunan, sesuai dengan arsip."), "{}", fixed.stdout);
    assert_eq!(page(&out), good);
    // Removed, it comes back with the next build even when nothing is new.
    std::fs::remove_file(out.join("index.html")).unwrap();
    assert_eq!(dir.run(&["build", "--date", "2025-01-09"]).code, 0);
    assert_eq!(page(&out), good);
}

#[test]
fn one_page_over_several_archives_verifies_each_and_changes_none() {
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &book::diskominfo());
    assert_eq!(dir.run(&["build", "--date", "2025-01-08", "--output", "drive/dinas kominfo"]).code, 0);
    std::fs::remove_file(dir.input("diskominfo.xlsx")).unwrap();
    dir.book("bappeda.xlsx", &book::bappeda());
    assert_eq!(dir.run(&["build", "--date", "2025-01-08", "--output", "drive/bappeda"]).code, 0);
    // Someone edited a PDF of Bappeda's archive.
    let bappeda = dir.path().join("drive/bappeda");
    let pdf = &manifest_lines(&bappeda)[0]["path"];
    std::fs::write(bappeda.join(pdf.as_str().unwrap()), b"%PDF palsu").unwrap();
    let kominfo = dir.path().join("drive/dinas kominfo");
    let before = [contents(&kominfo), contents(&bappeda)];
    std::fs::create_dir_all(dir.path().join("kabupaten")).unwrap();
    let run =
        dir.run(&["index", "drive/dinas kominfo", "drive/bappeda", "drive/hilang", "--to", "kabupaten/index.html"]);
    assert_eq!(run.code, 1, "a failing archive fails the command: {}", run.all());
    assert!(run.stdout.contains("drive/bappeda — BERMASALAH"), "{}", run.stdout);
    assert!(run.stdout.contains("drive/dinas kominfo — BAIK"), "{}", run.stdout);
    assert!(run.stdout.contains("drive/hilang — BERMASALAH"), "{}", run.stdout);
    let html = std::fs::read_to_string(dir.path().join("kabupaten/index.html")).unwrap();
    // Both archives' units are on the page; the failing one is marked, never left out.
    assert!(html.contains("Dinas Komunikasi dan Informatika") && html.contains("Badan Perencanaan Pembangunan Daerah"));
    assert!(html.contains("BERMASALAH") && html.contains("DIUBAH:") && html.contains("arsip bermasalah"));
    assert!(html.contains("drive&#x2f;hilang") && html.contains("tidak ditemukan"), "the missing archive is shown");
    // Links lead from the page's folder into each archive.
    let links: Vec<String> = hrefs(&html).into_iter().filter(|l| !l.starts_with('#')).collect();
    assert!(links.iter().any(|l| l.starts_with("../drive/dinas%20kominfo/2024/")), "{links:?}");
    for l in &links {
        let decoded = l.replace("%20", " ");
        assert!(dir.path().join("kabupaten").join(&decoded).is_file(), "link to nothing: {l}");
    }
    // Neither archive was changed.
    assert_eq!([contents(&kominfo), contents(&bappeda)], before);
    // The combined page may not be written into an archive.
    let inside = dir.run(&["index", "drive/bappeda", "--to", "drive/bappeda/gabungan.html"]);
    assert_eq!(inside.code, 1);
    assert!(inside.stderr.contains("arsip tidak boleh diubah"), "{}", inside.stderr);
    assert!(!bappeda.join("gabungan.html").exists());
}
