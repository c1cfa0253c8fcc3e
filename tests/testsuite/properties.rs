//! Property tests (proptest) of the parsers and the text path into Typst.
//! CI runs the default number of cases; a longer run: `PROPTEST_CASES=20000 cargo test properties`.

use kinerja::format::{date as format_date_id, figure, fixed};
use kinerja::names::normalize;
use kinerja::workbook::kinerja::identitas::Key;
use kinerja::workbook::kinerja::{anggaran, evaluasi, indikator, rencana_aksi};
use kinerja::workbook::values::{date_from_serial, parse_date_text, parse_nip, parse_number, parse_period};
use proptest::prelude::*;

proptest! {
    #[test]
    fn number_parser_never_panics(s in "\\PC{0,40}") {
        let _ = parse_number(&s);
    }

    #[test]
    fn number_parser_on_number_like_text(s in "[-+]?(Rp ?)?[0-9.,]{0,20}%?") {
        if let Some(n) = parse_number(&s) {
            prop_assert!(n.value.is_finite());
        }
    }

    #[test]
    fn indonesian_numbers_round_trip(cents in -10_000_000_000i64..10_000_000_000i64) {
        let x = cents as f64 / 100.0;
        let text = fixed(x, 2);
        prop_assert_eq!(parse_number(&text).map(|n| n.value), Some(x), "{}", text);
        let short = figure(x, 2);
        // A trimmed figure like "1.234" (thousands) reads back as 1234 only when it has no decimals.
        if short.contains(',') || !short.contains('.') {
            prop_assert_eq!(parse_number(&short).map(|n| n.value), Some(x), "{}", short);
        }
    }

    #[test]
    fn date_parsers_never_panic(s in "\\PC{0,30}", serial in proptest::num::f64::ANY) {
        let _ = parse_date_text(&s);
        let _ = date_from_serial(serial);
    }

    #[test]
    fn indonesian_dates_round_trip(days in 0i64..60_000) {
        let d = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Duration::days(days);
        prop_assert_eq!(parse_date_text(&format_date_id(d)), Some(d));
        prop_assert_eq!(parse_date_text(&d.format("%d-%m-%Y").to_string()), Some(d));
    }

    #[test]
    fn header_matcher_and_keys_never_panic(s in "\\PC{0,40}") {
        let n = normalize(&s);
        prop_assert!(n.chars().all(char::is_alphanumeric));
        let _ = indikator::TABLE.field(&s);
        let _ = anggaran::TABLE.field(&s);
        let _ = evaluasi::TABLE.field(&s);
        let _ = rencana_aksi::TABLE.field(&s);
        let _ = Key::from_text(&s);
        let _ = parse_period(&s);
        let _ = parse_nip(&s);
    }

    #[test]
    fn headers_match_whatever_the_case_and_punctuation(sep in "[ ._/-]{0,2}", upper in proptest::bool::ANY) {
        let h = format!("Realisasi{sep}TW{sep}III");
        let h = if upper { h.to_uppercase() } else { h.to_lowercase() };
        prop_assert_eq!(indikator::TABLE.field(&h), Some(indikator::Col::RealisasiQuarter(3)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).map_or(12, |c: u32| c / 20 + 1), ..ProptestConfig::default() })]

    /// Any text in a cell prints as typed: it goes through data.json, never into markup. (The
    /// characters are those the embedded Liberation fonts cover: ASCII, Latin-1, Latin Extended-A,
    /// dashes, quotes, bullet, ellipsis, euro, but the soft hyphen, which is invisible by design; others would print as missing glyphs, with a typst warning.)
    #[test]
    fn any_cell_text_prints_literally(text in "[ -~\u{a0}-\u{ac}\u{ae}-\u{17f}\u{2013}\u{2014}\u{2018}-\u{201e}\u{2022}\u{2026}\u{20ac}]{1,60}") {
        prop_assume!(!text.trim().is_empty());
        let dir = crate::common::Dir::new();
        let mut b = crate::common::book::diskominfo();
        b.get("Kinerja").rows[1][2] = crate::common::book::t(&text);
        dir.book("x.xlsx", &b);
        let run = dir.run(&["build", "--date", "2026-11-25"]);
        prop_assert_eq!(run.code, 0, "{}", run.all());
        let pdf = crate::common::pdfs_under(&dir.path().join("output"));
        // Compared without whitespace: the table cell may break a line after a dash or an ellipsis.
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let got = squeeze(&crate::common::pdf_text(&pdf[0]));
        let want = squeeze(&text);
        prop_assert!(got.contains(&want), "{:?} not in PDF", text);
    }
}
