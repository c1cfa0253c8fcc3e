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
