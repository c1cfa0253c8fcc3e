//! Reading the values people type: numbers in Indonesian and English style,
//! dates as cells, serials and Indonesian text, periods and NIPs.
//!
//! These functions work on plain strings and numbers so that they can be
//! tested (and fuzzed) without a spreadsheet.

use crate::model::Period;
use chrono::NaiveDate;

/// A number read from text, and whether it carried a percent sign.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextNumber {
    /// The value as typed (`85,5%` is 85.5).
    pub value: f64,
    /// True when the text ended in `%`.
    pub percent: bool,
}

/// Reads a number typed as text: `1.234,5`, `1234.5`, `85,5%`, `Rp 1.000.000`, `-3,5`.
///
/// With both separators the last one is the decimal mark. A lone `.` or `,`
/// followed by exactly three digits groups thousands (`1.234` is 1234) unless
/// the integer part is `0`; any other lone separator is the decimal mark.
/// Returns None when the text is not a number.
pub fn parse_number(text: &str) -> Option<TextNumber> {
    let mut s: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}').collect();
    let lower = s.to_lowercase();
    for prefix in ["rp.", "rp", "idr"] {
        if lower.starts_with(prefix) {
            s = s[prefix.len()..].to_string();
            break;
        }
    }
    let percent = s.ends_with('%');
    if percent {
        s.pop();
    }
    let negative = s.starts_with('-') || s.starts_with('−');
    if negative || s.starts_with('+') {
        let first = s.chars().next().map(char::len_utf8).unwrap_or(0);
        s = s[first..].to_string();
    }
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) || !s.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let plain = match (dots, commas) {
        (0, 0) => s.clone(),
        (_, 0) => single_separator(&s, '.')?,
        (0, _) => single_separator(&s, ',')?,
        _ => {
            let (group, decimal) = if s.rfind('.') > s.rfind(',') { (',', '.') } else { ('.', ',') };
            if s.matches(decimal).count() != 1 {
                return None;
            }
            let (int_part, frac) = s.split_once(decimal)?;
            if frac.contains(group) || !valid_groups(int_part, group) {
                return None;
            }
            format!("{}.{}", int_part.replace(group, ""), frac)
        }
    };
    let value: f64 = plain.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    Some(TextNumber { value: if negative { -value } else { value }, percent })
}

/// One kind of separator, once or many times.
fn single_separator(s: &str, sep: char) -> Option<String> {
    let parts: Vec<&str> = s.split(sep).collect();
    if parts.len() > 2 {
        // Only grouping repeats: 1.000.000
        return valid_groups(s, sep).then(|| s.replace(sep, ""));
    }
    let (int_part, frac) = (parts[0], parts[1]);
    if frac.len() == 3 && int_part != "0" && int_part.len() <= 3 {
        Some(format!("{int_part}{frac}"))
    } else {
        Some(format!("{int_part}.{frac}"))
    }
}

/// True when `s` is digits grouped by `sep` in threes after the first group.
fn valid_groups(s: &str, sep: char) -> bool {
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 && s.contains(sep) {
        return false;
    }
    parts.all(|p| p.len() == 3)
}

/// Month names and abbreviations, Indonesian and English.
const MONTHS: [(&str, u32); 30] = [
    ("januari", 1),
    ("january", 1),
    ("februari", 2),
    ("february", 2),
    ("pebruari", 2),
    ("maret", 3),
    ("march", 3),
    ("april", 4),
    ("mei", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("juli", 7),
    ("july", 7),
    ("agustus", 8),
    ("august", 8),
    ("september", 9),
    ("oktober", 10),
    ("october", 10),
    ("november", 11),
    ("nopember", 11),
    ("desember", 12),
    ("december", 12),
    ("agu", 8),
    ("agt", 8),
    ("ags", 8),
    ("okt", 10),
    ("des", 12),
    ("peb", 2),
    ("nop", 11),
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if let Some((_, m)) = MONTHS.iter().find(|(name, _)| *name == w) {
        return Some(*m);
    }
    // Three-letter abbreviations shared by both languages: jan, feb, mar, apr, jun, jul, sep, nov, dec, oct, aug.
    // (Only ASCII words: slicing by bytes must not cut a character; a fuzzed "?{ײﮝ" once did.)
    if w.len() >= 3 && w.is_ascii() {
        let prefix = &w[..3];
        let table = [
            ("jan", 1),
            ("feb", 2),
            ("mar", 3),
            ("apr", 4),
            ("jun", 6),
            ("jul", 7),
            ("aug", 8),
            ("sep", 9),
            ("oct", 10),
            ("nov", 11),
            ("dec", 12),
        ];
        if w.len() <= 4 {
            return table.iter().find(|(p, _)| *p == prefix).map(|(_, m)| *m);
        }
    }
    None
}

/// Reads a date typed as text: "15 Januari 2024", "15-01-2024", "15/01/2024", "2024-01-15".
pub fn parse_date_text(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let words: Vec<&str> = t.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if words.len() == 3 {
        if let (Ok(d), Some(m), Ok(y)) = (words[0].parse::<u32>(), month_number(words[1]), words[2].parse::<i32>()) {
            return NaiveDate::from_ymd_opt(y, m, d);
        }
    }
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) {
        let n: Vec<i64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        if parts[0].len() == 4 {
            return NaiveDate::from_ymd_opt(n[0] as i32, n[1] as u32, n[2] as u32);
        }
        if parts[2].len() == 4 {
            return NaiveDate::from_ymd_opt(n[2] as i32, n[1] as u32, n[0] as u32);
        }
    }
    None
}

/// An Excel serial day number (1900 date system) as a date.
pub fn date_from_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Excel's day 60 is the non-existent 29 February 1900; 1899-12-30 as day 0 is right from day 61 on.
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = serial.floor() as i64;
    let days = if days < 61 { days + 1 } else { days };
    base.checked_add_signed(chrono::Duration::days(days))
}

/// Reads a period: `Tahunan`, `Triwulan I` … `IV`, `TW I`, `TW 1`, `Q1`, `Triwulan 1`.
/// A yes/no cell: `ya` / `tidak` (also yes, y, 1, true / no, n, 0, false); None for anything else.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match crate::names::normalize(text).as_str() {
        "ya" | "yes" | "y" | "1" | "true" => Some(true),
        "tidak" | "no" | "n" | "0" | "false" => Some(false),
        _ => None,
    }
}

pub fn parse_period(text: &str) -> Option<Period> {
    let n = crate::names::normalize(text);
    if matches!(n.as_str(), "tahunan" | "tahun" | "annual" | "setahun") {
        return Some(Period::Tahunan);
    }
    let rest = ["triwulan", "tw", "q", "kuartal", "quarter"].iter().find_map(|p| n.strip_prefix(p))?;
    match quarter_number(rest)? {
        1 => Some(Period::Tw1),
        2 => Some(Period::Tw2),
        3 => Some(Period::Tw3),
        4 => Some(Period::Tw4),
        _ => None,
    }
}

/// "twi", "tw1", "triwulanii", "q3" (normalised) → the quarter number.
pub fn quarter_token(n: &str) -> Option<u8> {
    ["triwulan", "tw", "q"].iter().find_map(|p| n.strip_prefix(p)).and_then(quarter_number)
}

/// `i`/`1` … `iv`/`4` as a number 1–4.
pub fn quarter_number(token: &str) -> Option<u8> {
    match token {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

/// Strips spaces and dots from a NIP; Some(digits) only when exactly 18 digits remain.
pub fn parse_nip(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    (digits.len() == 18 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<f64> {
        parse_number(s).map(|n| n.value)
    }

    #[test]
    fn numbers_in_both_styles() {
        assert_eq!(num("1.234,5"), Some(1234.5));
        assert_eq!(num("1,234.5"), Some(1234.5));
        assert_eq!(num("1234.5"), Some(1234.5));
        assert_eq!(num("1.234"), Some(1234.0));
        assert_eq!(num("1,234"), Some(1234.0));
        assert_eq!(num("4.25"), Some(4.25));
        assert_eq!(num("3,39"), Some(3.39));
        assert_eq!(num("0,125"), Some(0.125));
        assert_eq!(num("Rp 1.000.000"), Some(1_000_000.0));
        assert_eq!(num("Rp. 1.234.567,89"), Some(1_234_567.89));
        assert_eq!(num("-6,5"), Some(-6.5));
        assert_eq!(num(" 12 "), Some(12.0));
        let p = parse_number("85,5%").unwrap();
        assert_eq!((p.value, p.percent), (85.5, true));
    }

    #[test]
    fn not_numbers() {
        for s in ["", "abc", "1.2.3,4,5", "1..2", ",5", "5,", "Rp", "%", "1.23.456", "12a", "1,2,3"] {
            assert_eq!(num(s), None, "{s:?}");
        }
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 15).unwrap();
        assert_eq!(parse_date_text("15 Januari 2024"), Some(d));
        assert_eq!(parse_date_text("15 januari 2024"), Some(d));
        assert_eq!(parse_date_text("15 Jan 2024"), Some(d));
        assert_eq!(parse_date_text("15-01-2024"), Some(d));
        assert_eq!(parse_date_text("15/01/2024"), Some(d));
        assert_eq!(parse_date_text("2024-01-15"), Some(d));
        assert_eq!(parse_date_text("31 Februari 2024"), None);
        assert_eq!(parse_date_text("besok"), None);
        assert_eq!(date_from_serial(45306.0), Some(d));
        assert_eq!(crate::format::date(d), "15 Januari 2024");
        assert_eq!(parse_date_text("17 Agustus 1945").map(crate::format::date).as_deref(), Some("17 Agustus 1945"));
    }

    #[test]
    fn periods() {
        assert_eq!(parse_period("Tahunan"), Some(Period::Tahunan));
        assert_eq!(parse_period("Triwulan III"), Some(Period::Tw3));
        assert_eq!(parse_period("TW I"), Some(Period::Tw1));
        assert_eq!(parse_period("TW 2"), Some(Period::Tw2));
        assert_eq!(parse_period("Q4"), Some(Period::Tw4));
        assert_eq!(parse_period("Semester 1"), None);
        assert_eq!(parse_period("TW V"), None);
    }

    #[test]
    fn nip() {
        assert_eq!(parse_nip("19840518 201101 1 014").as_deref(), Some("198405182011011014"));
        assert_eq!(parse_nip("19840518201101101"), None);
    }
}
