//! How the documents write numbers, dates and NIPs, the Indonesian way: a thousands dot and a
//! decimal comma ("1.234.567,89", "85,73 %", "Rp 1.234.567"), "15 Januari 2024",
//! "19840518 201101 1 014". A leaf: it uses nothing of the crate.

use chrono::{Datelike, NaiveDate};

/// The decimal number a figure stands for: `x` rounded to 15 significant digits, the most a
/// binary double keeps exactly. This drops the noise of binary arithmetic (the sum of 28,3, 27,16,
/// 30,31 and 27,68 is 113.44999999999999 in binary and 113,45 here) and keeps every digit an
/// office writes, a rupiah budget to the sen included. Figures are compared and rounded as decimals.
pub fn decimal(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    format!("{x:.14e}").parse().unwrap_or(x)
}

/// Rounds the decimal `x` stands for (see [`decimal`]) half away from zero to `decimals` places,
/// stable for values like 107.145.
pub fn round(x: f64, decimals: u32) -> f64 {
    let p = 10f64.powi(decimals as i32);
    // Scaled, then snapped to its decimal again, so that 1.005 (stored as 1.00499…) is 100.5 and rounds
    // up as a person expects; no relative nudge, which would add a phantom unit to very large figures.
    let scaled = decimal(decimal(x) * p);
    if !scaled.is_finite() || scaled.abs() >= 4.5e15 {
        return decimal(x);
    }
    scaled.round() / p
}

/// How many decimals the decimal `x` stands for has: 93.6 → 1, 0.375 → 3, 94 → 0.
pub fn decimals(x: f64) -> u32 {
    let s = decimal(x).abs().to_string();
    s.split_once('.').map_or(0, |(_, frac)| frac.len() as u32)
}

/// A figure as it was entered: with its own decimals, at most 4 ("0,375", "3,39", "94").
pub fn entered(x: f64) -> String {
    figure(x, decimals(x).min(4))
}

/// Whether two figures are the same at `decimals` places, as they are printed: the comparison
/// behind "what changed" and the final's gate, so that a figure never differs from itself by an
/// accident of binary floating point, and two figures that print alike are alike.
pub fn same(a: f64, b: f64, decimals: u32) -> bool {
    a == b || round(a, decimals) == round(b, decimals)
}

/// [`same`] for figures that may be missing: both missing, or both there and the same.
pub fn same_opt(a: Option<f64>, b: Option<f64>, decimals: u32) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => same(a, b, decimals),
        _ => false,
    }
}

/// A number with exactly `decimals` decimals: `fixed(1234.5, 2)` = "1.234,50".
pub fn fixed(x: f64, decimals: u32) -> String {
    let r = round(x, decimals);
    let negative = r < 0.0 && r != 0.0;
    let s = format!("{:.*}", decimals as usize, r.abs());
    let (int_part, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if negative { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// A figure as a person writes it: up to `max_decimals` decimals, trailing zeros dropped ("85,5", "4", "1.234").
pub fn figure(x: f64, max_decimals: u32) -> String {
    let s = fixed(x, max_decimals);
    if s.contains(',') {
        s.trim_end_matches('0').trim_end_matches(',').to_string()
    } else {
        s
    }
}

/// A percentage with two decimals: "85,73 %".
pub fn percent(x: f64) -> String {
    format!("{} %", fixed(x, 2))
}

/// Rupiah without the prefix: "1.234.567" or "1.234.567,89" when there are cents.
pub fn rupiah_plain(x: f64) -> String {
    if round(x, 2).fract() == 0.0 {
        fixed(x, 0)
    } else {
        fixed(x, 2)
    }
}

/// Rupiah with the prefix: "Rp 1.234.567".
pub fn rupiah(x: f64) -> String {
    format!("Rp {}", rupiah_plain(x))
}

/// "15 Januari 2024".
pub fn date(date: NaiveDate) -> String {
    const NAMES: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    format!("{} {} {}", date.day(), NAMES[date.month0() as usize], date.year())
}

/// "19840518 201101 1 014": a NIP in its groups of 8, 6, 1 and 3.
pub fn nip(nip: &str) -> String {
    if nip.len() != 18 || !nip.is_ascii() {
        return nip.to_string();
    }
    format!("{} {} {} {}", &nip[..8], &nip[8..14], &nip[14..15], &nip[15..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_formats() {
        assert_eq!(fixed(1234567.891, 2), "1.234.567,89");
        assert_eq!(fixed(107.142857, 2), "107,14");
        assert_eq!(fixed(0.0, 2), "0,00");
        assert_eq!(fixed(-6.5, 1), "-6,5");
        assert_eq!(fixed(999.999, 2), "1.000,00");
        assert_eq!(figure(85.5, 2), "85,5");
        assert_eq!(figure(4.0, 2), "4");
        assert_eq!(figure(1234.0, 2), "1.234");
        assert_eq!(percent(85.7349), "85,73 %");
        assert_eq!(rupiah(49_021_000.0), "Rp 49.021.000");
        assert_eq!(rupiah(1_234_567.89), "Rp 1.234.567,89");
        assert_eq!(round(1.005, 2), 1.01);
        assert_eq!(round(100.125, 2), 100.13);
        assert_eq!(round(107.145, 2), 107.15);
        assert_eq!(round(-6.345, 2), -6.35);
        // No phantom unit on very large figures.
        assert_eq!(rupiah(6e12), "Rp 6.000.000.000.000");
        assert_eq!(figure(1.5e11, 4), "150.000.000.000");
        assert_eq!(rupiah(1_234_567_890_123.45), "Rp 1.234.567.890.123,45");
        assert_eq!(date(NaiveDate::from_ymd_opt(1945, 8, 17).unwrap()), "17 Agustus 1945");
        assert_eq!(nip("198405182011011014"), "19840518 201101 1 014");
    }

    #[test]
    fn figures_are_decimals() {
        // The sum of the issue: four quarters that add up to 113,45 in decimal.
        let sum: f64 = 28.3 + 27.16 + 30.31 + 27.68;
        assert_ne!(sum, 113.45, "binary arithmetic leaves noise in the last bits");
        assert_eq!(decimal(sum), 113.45);
        // A value read back with its last bits changed (an inexact JSON reader) is the same figure.
        let off = f64::from_bits(sum.to_bits() + 1);
        assert!(same(off, 113.45, 4) && same(sum, off, 2));
        assert!(!same(113.45, 113.46, 4) && !same(113.45, 113.4501, 4));
        assert!(same(113.45, 113.45004, 4), "below the printed precision");
        assert!(same_opt(None, None, 4) && !same_opt(Some(0.0), None, 4));
        // Rupiah to the sen on a budget of trillions; whole digits kept.
        assert_eq!(decimal(1_234_567_890_123.45), 1_234_567_890_123.45);
        assert!(!same(1_234_567_890_123.45, 1_234_567_890_123.46, 2));
        assert_eq!(decimal(-0.1 - 0.2), -0.3);
        assert_eq!(decimal(f64::INFINITY), f64::INFINITY);
        assert_eq!((decimals(93.6), decimals(0.375), decimals(94.0), decimals(28.3 + 27.16)), (1, 3, 0, 2));
        assert_eq!(
            (entered(0.375), entered(0.381), entered(1234.5), entered(1.0 / 3.0)),
            ("0,375".into(), "0,381".into(), "1.234,5".into(), "0,3333".into())
        );
    }
}
