//! Matching the names people write (sheet names, keys, column headers, an indicator named in
//! `Evaluasi` or `Rencana Aksi`) without regard to case, spaces and punctuation, and the safe
//! names of folders and files. A leaf: it uses nothing of the crate.

/// Lower case, letters and digits only: "Realisasi TW-I" → "realisasitwi".
pub fn normalize(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// True when `reference` (as written in `Evaluasi` or `Rencana Aksi`) names the indicator with
/// this code or name; names match without regard to case, spaces and punctuation.
pub fn names_indicator(reference: &str, code: &str, name: &str) -> bool {
    reference.trim() == code || normalize(reference) == normalize(name)
}

/// A safe folder and file name: ASCII letters and digits in lower case, joined by `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    out.chars().take(60).collect::<String>().trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_slugs() {
        assert_eq!(normalize("Realisasi TW-I"), "realisasitwi");
        assert!(names_indicator(" 1.1 ", "1.1", "Indeks SPBE"));
        assert!(names_indicator("indeks spbe", "1.1", "Indeks SPBE"));
        assert!(!names_indicator("1.2", "1.1", "Indeks SPBE"));
        assert_eq!(slug("Dinas Komunikasi dan Informatika"), "dinas-komunikasi-dan-informatika");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("Diskominfo"), "diskominfo");
    }
}
