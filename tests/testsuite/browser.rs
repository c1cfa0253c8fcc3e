//! The index page in a real browser (headless Chromium from Debian's packages): a 40-unit archive's page
//! opened from disk, as a clerk opens it from a shared folder — filters, sorting, the history, a link to a
//! PDF, no console errors, and hostile unit names shown as text.
//!
//! `KINERJA_SCREENSHOT=docs/index.png cargo test browser` also saves the README's picture.

use crate::common::browser::Browser;
use crate::common::kabupaten::{archive, HOSTILE};
use crate::common::Dir;
use fantoccini::Locator;
use std::path::Path;

/// The rows the page shows, as (year, period, stage, capaian) in the order shown.
fn visible(b: &Browser) -> Vec<(String, String, String, f64)> {
    let v = b.js(
        "return Array.from(document.querySelectorAll('tbody.unit')).filter(x => !x.hidden && x.offsetParent !== null)
           .map(x => [x.dataset.year, x.dataset.period, x.dataset.stage, parseFloat(x.querySelector('td.num').dataset.v)]);",
    );
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |i: usize| r[i].as_str().unwrap().to_string();
            (s(0), s(1), s(2), r[3].as_f64().unwrap())
        })
        .collect()
}

fn select(b: &Browser, id: &str, value: &str) {
    b.rt.block_on(async {
        let el = b.client.find(Locator::Id(id)).await?;
        el.select_by_value(value).await
    })
    .unwrap();
}

fn click(b: &Browser, css: &str) {
    b.rt.block_on(async { b.client.find(Locator::Css(css)).await?.click().await }).unwrap();
}

#[test]
fn the_page_of_a_40_unit_archive_works_in_chromium() {
    let dir = Dir::new();
    archive(&dir);
    let index = dir.path().join("output/index.html");
    let b = Browser::start(1400, 1000);
    b.open(&index);
    assert_eq!(b.console_errors(), Vec::<String>::new(), "console errors on load");
    let all = visible(&b);
    assert_eq!(all.len(), 48, "every unit, year and period");
    assert_eq!(all.iter().filter(|r| r.2 == "final").count(), 10);

    // Filters: year, period, stage, and the search on the name, as a person uses them.
    select(&b, "f-tahun", "2023");
    let rows = visible(&b);
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r.0 == "2023"), "{rows:?}");
    select(&b, "f-tahun", "2024");
    select(&b, "f-periode", "tw2");
    assert_eq!(visible(&b).len(), 3);
    select(&b, "f-periode", "tahunan");
    select(&b, "f-tahap", "konsep");
    let rows = visible(&b);
    assert_eq!(rows.len(), 10, "units 20–29 stopped at the konsep");
    assert!(rows.iter().all(|r| r.2 == "konsep"));
    select(&b, "f-tahap", "");
    b.rt.block_on(async { b.client.find(Locator::Id("f-cari")).await?.send_keys("kesehatan").await }).unwrap();
    assert_eq!(visible(&b).len(), 4, "Dinas Kesehatan 1–4 in 2024");
    let count = b.js("return document.getElementById('jumlah').textContent;");
    assert_eq!(count, "4 dari 48 baris");
    b.rt.block_on(async { b.client.find(Locator::Id("f-cari")).await?.clear().await }).unwrap();
    b.js("document.getElementById('f-cari').dispatchEvent(new Event('input'));");
    assert_eq!(visible(&b).len(), 40);

    // Sorting by capaian, both ways.
    click(&b, "th[data-key=capaian]");
    let up: Vec<f64> = visible(&b).iter().map(|r| r.3).collect();
    assert!(up.windows(2).all(|w| w[0] <= w[1]), "ascending: {up:?}");
    assert!(up.first() < up.last(), "{up:?}");
    click(&b, "th[data-key=capaian]");
    let down: Vec<f64> = visible(&b).iter().map(|r| r.3).collect();
    assert!(down.windows(2).all(|w| w[0] >= w[1]), "descending: {down:?}");
    select(&b, "f-tahun", "");

    // A unit's history one click away.
    let history = b.rt.block_on(async {
        let first = b.client.find(Locator::Css("tbody.unit:not([hidden]) button.toggle")).await?;
        let id = first.attr("aria-controls").await?.unwrap();
        let row = b.client.find(Locator::Id(&id)).await?;
        let before = row.is_displayed().await?;
        first.click().await?;
        Ok::<_, fantoccini::error::CmdError>((before, row.is_displayed().await?, row.text().await?))
    });
    let (before, after, text) = history.unwrap();
    assert!(!before && after, "the history row opens on a click");
    assert!(text.contains("v1") && text.contains("PDF"), "{text}");

    // Hostile names are text: shown as written, and no script of theirs ran.
    let names = b.js("return Array.from(document.querySelectorAll('td .name')).map(x => x.textContent);");
    for (_, hostile) in HOSTILE {
        assert!(names.as_array().unwrap().iter().any(|n| n == hostile), "{hostile} not shown as text");
    }
    assert_eq!(b.js("return typeof window.pwned;"), "undefined");
    assert_eq!(b.js("return document.querySelectorAll('img, b').length;"), 0);
    assert_eq!(b.console_errors(), Vec::<String>::new(), "console errors while using the page");

    if let Ok(p) = std::env::var("KINERJA_SCREENSHOT") {
        b.js("window.scrollTo(0, 0);");
        let png = b.screenshot();
        std::fs::write(Path::new(env!("CARGO_MANIFEST_DIR")).join(p), png).unwrap();
    }

    // A link to a final's PDF opens that file.
    let href = b.rt.block_on(async {
        let link = b.client.find(Locator::Css("tbody.unit[data-stage=final] tr.main a[href$='.pdf']")).await?;
        let href = link.prop("href").await?.unwrap();
        link.click().await?;
        Ok::<_, fantoccini::error::CmdError>(href)
    });
    let href = href.unwrap();
    let url = b.rt.block_on(b.client.current_url()).unwrap();
    assert_eq!(url.as_str(), href);
    let file = url.to_file_path().unwrap();
    assert!(file.starts_with(dir.path().canonicalize().unwrap().join("output")), "{file:?}");
    assert!(file.is_file() && std::fs::read(&file).unwrap().starts_with(b"%PDF"), "{file:?}");
    assert_eq!(b.js("return document.contentType;"), "application/pdf");
}

/// The pohon kinerja on the archive's page: one box per position, each inside the box of its superior,
/// with its holder and its targets; a hostile position title and holder name shown as text.
///
/// `KINERJA_SCREENSHOT_POHON=docs/gambar/pohon-halaman.png cargo test browser` also saves the README's picture.
#[test]
fn the_pohon_kinerja_on_the_page_is_the_tree_with_hostile_names_as_text() {
    use crate::common::book::{self, t, V};
    let sandi = "Kepala Bidang Persandian dan Jaringan";
    let hostile_title = "Kepala Bidang <img src=x onerror=\"window.pwned=4\"> & <b>Jaringan</b>";
    let hostile_name = "Ir. BUDI </script><script>window.pwned=3</script> \"S.\"";
    let mut b = book::diskominfo_lengkap();
    for row in b.get("Cascading").rows.iter_mut() {
        for cell in row.iter_mut() {
            let V::T(text) = cell else { continue };
            if text == sandi {
                *cell = t(hostile_title);
            } else if text == "Ir. BUDI SANTOSO, M.T." {
                *cell = t(hostile_name);
            }
        }
    }
    let dir = Dir::new();
    dir.book("diskominfo.xlsx", &b);
    let run = dir.run(&["build", "--doc", "pk", "--date", "2024-01-02"]);
    assert_eq!(run.code, 0, "{}", run.all());

    let br = Browser::start(1400, 1000);
    br.open(&dir.path().join("output/index.html"));
    assert_eq!(br.console_errors(), Vec::<String>::new(), "console errors on load");
    let boxes = "Array.from(document.querySelectorAll('details.pohon .box'))";
    assert_eq!(br.js(&format!("return {boxes}.filter(x => x.checkVisibility()).length;")), 0, "closed at first");
    click(&br, "details.pohon summary");
    // Each box as the reader sees it: (its position, the position of the box it hangs under, its text).
    let tree = br.js(&format!(
        "return {boxes}.filter(x => x.checkVisibility()).map(x => {{
            const up = x.closest('li').parentElement.closest('li');
            return [x.querySelector('b').textContent, up ? up.querySelector(':scope > .box > b').textContent : '', x.innerText];
        }});"
    ));
    let tree: Vec<(String, String, String)> = tree
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r[0].as_str().unwrap().into(), r[1].as_str().unwrap().into(), r[2].as_str().unwrap().into()))
        .collect();
    assert_eq!(tree.len(), 9, "nine positions: {tree:#?}");
    let kadis = "Plt. Kepala Dinas Komunikasi dan Informatika";
    let under = |position: &str| -> (String, String) {
        let (_, up, text) =
            tree.iter().find(|(p, _, _)| p == position).unwrap_or_else(|| panic!("{position}: {tree:#?}"));
        (up.clone(), text.clone())
    };
    let (up, text) = under(kadis);
    assert_eq!(up, "", "the head hangs under nothing");
    assert!(text.contains("1.1 Indeks SPBE — 3,5 Indeks"), "{text}");
    let (up, text) = under(hostile_title);
    assert_eq!(up, kadis);
    assert!(text.contains("SITI RAHAYU, S.Kom., M.M. · eselon III"), "{text}");
    let (up, text) = under("Kepala Bidang Aplikasi Informatika");
    assert_eq!(up, kadis);
    assert!(text.contains(&format!("{hostile_name} · eselon III")), "the name as typed: {text}");
    assert!(text.contains("1.1.1 Persentase domain SPBE yang dievaluasi dan ditindaklanjuti — 100 %"), "{text}");
    assert_eq!(under("Kepala Seksi Statistik Sektoral").0, "Kepala Bidang Informasi dan Komunikasi Publik");
    assert_eq!(under("Kepala Seksi Infrastruktur Jaringan").0, "Kepala Bidang Aplikasi Informatika");
    let (up, text) = under("Pranata Komputer Ahli Pertama");
    assert_eq!(up, "Kepala Seksi Tata Kelola SPBE");
    assert!(text.contains("1.1.1.1.1 Jumlah laporan evaluasi mandiri SPBE — 4 Laporan"), "{text}");

    // Hostile text stayed text: no element of theirs, no script of theirs ran.
    assert_eq!(br.js("return typeof window.pwned;"), "undefined");
    assert_eq!(br.js("return document.querySelectorAll('img').length;"), 0);
    assert_eq!(
        br.js("return document.querySelectorAll('details.pohon b').length;"),
        9,
        "only the boxes' titles are bold"
    );
    assert_eq!(br.console_errors(), Vec::<String>::new(), "console errors while opening the tree");

    if let Ok(p) = std::env::var("KINERJA_SCREENSHOT_POHON") {
        br.js("document.querySelector('details.pohon').scrollIntoView(); window.scrollBy(0, -60);");
        std::fs::write(Path::new(env!("CARGO_MANIFEST_DIR")).join(p), br.screenshot()).unwrap();
    }
}
