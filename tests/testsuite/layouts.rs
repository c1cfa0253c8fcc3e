//! Many layouts of the Renja form, generated (tests/common/layouts.rs), each measured equal to the
//! truth it was generated from: the same office's figures whatever the columns' order, numbering,
//! wording, sub-columns, titles, blank and template rows, and sheets per quarter.
//! CI runs a few dozen layouts; a longer run: `PROPTEST_CASES=2000 cargo test layouts`.

use crate::common::layouts::{generate, Figures, Layout};
use proptest::prelude::*;

fn layout() -> impl Strategy<Value = Layout> {
    (
        (1u8..=4, any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), 0u8..=2, any::<bool>(), any::<bool>()),
        (
            0usize..6,
            any::<bool>(),
            any::<bool>(),
            0u8..=4,
            proptest::option::of(any::<bool>()),
            any::<bool>(),
            any::<bool>(),
        ),
        (any::<bool>(), 0u8..=2, any::<bool>(), any::<bool>(), proptest::bool::weighted(0.75)),
    )
        .prop_map(|(a, b, c)| Layout {
            period: a.0,
            rkpd: a.1,
            visi: a.2,
            kode: a.3,
            satuan_in_target: a.4,
            numbering: a.5,
            numbers_below_labels: a.6,
            formula_text: a.7,
            sub_order: b.0,
            pct: b.1,
            thousands: b.2,
            quarter_labels: b.3,
            merged_indicator: b.4,
            unit_in_title: b.5,
            period_in_title: b.6,
            blank_rows: c.0,
            template_rows: c.1,
            sheet_per_quarter: c.2,
            signature: c.3,
            sasaran: c.4,
        })
}

fn figures() -> impl Strategy<Value = Figures> {
    (
        proptest::array::uniform6(0usize..9),
        proptest::array::uniform6(proptest::array::uniform4(0u8..=12)),
        proptest::array::uniform6(proptest::bool::weighted(0.15)),
    )
        .prop_map(|(targets, quarters, unreported)| Figures { targets, quarters, unreported })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).map_or(48, |c: u32| c),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_generated_layout_measures_the_truth_it_was_generated_from(layout in layout(), figures in figures()) {
        let (book, truth) = generate(&layout, &figures);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("formulir.xlsx");
        book.save(&path).unwrap();
        let loaded = kinerja::load::load(&path);
        let errors: Vec<String> = loaded.findings.iter().filter(|f| f.severity == kinerja::findings::Severity::Error).map(|f| f.to_string()).collect();
        prop_assert!(errors.is_empty(), "{layout:?}\n{errors:#?}");
        let (Some(wb), Some(m)) = (&loaded.workbook, &loaded.measurement) else {
            return Err(TestCaseError::fail(format!("not read: {layout:?}")));
        };
        let id = &wb.identity;
        prop_assert_eq!(&id.government, "Pemerintah Kabupaten Contoh");
        prop_assert_eq!(&id.unit_name, &truth.unit);
        prop_assert_eq!(&id.unit_code, &truth.unit_code);
        prop_assert_eq!(id.year, 2025);
        prop_assert_eq!(id.period.slug(), truth.period, "{:?}", layout);
        prop_assert_eq!(id.signer_name.is_some(), layout.signature);
        prop_assert_eq!(m.indicators.len(), truth.indicators.len(), "{:?}", layout);
        for t in &truth.indicators {
            let i = m.indicators.iter().find(|i| i.name == t.name).unwrap();
            let w = wb.indicators.iter().find(|i| i.name == t.name).unwrap();
            prop_assert_eq!(&i.satuan, &t.unit, "{}", t.name);
            prop_assert_eq!(i.target, t.target, "{}", t.name);
            prop_assert_eq!(i.real_quarters, t.quarters, "{} {:?}", t.name, layout);
            prop_assert_eq!(i.realisation, t.realisation, "{} {:?}", t.name, layout);
            prop_assert_eq!(i.capaian, t.capaian, "{}", t.name);
            // The columns of earlier years and of the Renstra's end, placed as what they are.
            prop_assert_eq!(w.renstra_before, Some(t.renstra_before), "{}", t.name);
            prop_assert_eq!(w.renstra_target, Some(t.renstra_target), "{}", t.name);
            prop_assert_eq!(w.place.as_ref().and_then(|p| p.program.as_deref()), Some(t.program.as_str()), "{}", t.name);
        }
        prop_assert_eq!(m.budget_total.as_ref().map(|b| b.pagu), Some(truth.pagu), "{:?}", layout);
        prop_assert_eq!(m.budget_total.as_ref().map(|b| b.realisation), Some(truth.spent), "{:?}", layout);
    }
}

/// Writes a few generated layouts to `$KINERJA_LAYOUTS` to look at them:
/// `KINERJA_LAYOUTS=/tmp/layouts cargo test write_some_layouts -- --ignored`, then `kinerja check /tmp/layouts`.
#[test]
#[ignore]
fn write_some_layouts() {
    use proptest::strategy::ValueTree;
    let out = std::path::PathBuf::from(std::env::var("KINERJA_LAYOUTS").expect("KINERJA_LAYOUTS"));
    std::fs::create_dir_all(&out).unwrap();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for i in 0..8 {
        let l = layout().new_tree(&mut runner).unwrap().current();
        let f = figures().new_tree(&mut runner).unwrap().current();
        let (book, _) = generate(&l, &f);
        book.save(&out.join(format!("layout-{i}.xlsx"))).unwrap();
        std::fs::write(out.join(format!("layout-{i}.txt")), format!("{l:#?}")).unwrap();
    }
}
