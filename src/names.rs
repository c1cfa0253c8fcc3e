//! Matching the names people write (sheet names, keys, column headers, an indicator named in
//! `Evaluasi` or `Rencana Aksi`) without regard to case, spaces and punctuation, and the safe
//! names of folders and files. A leaf: it uses nothing of the crate.

use sha2::Digest;

/// Lower case, letters and digits only: "Realisasi TW-I" → "realisasitwi".
pub fn normalize(text: &str) -> String {
    // Lower-cased first: some capitals lower to a letter and a combining mark ("İ" to "i̇"), which goes.
    text.chars().flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric()).collect()
}

/// True when `reference` (as written in `Evaluasi` or `Rencana Aksi`) names the indicator with
/// this code or name; names match without regard to case, spaces and punctuation.
pub fn names_indicator(reference: &str, code: &str, name: &str) -> bool {
    reference.trim() == code || normalize(reference) == normalize(name)
}

/// The longest slug: a unit code is a folder and part of every file name.
pub const MAX_SLUG: usize = 60;

/// A safe folder and file name: ASCII letters and digits in lower case, joined by `-`, at most
/// [`MAX_SLUG`] characters. A longer one is never simply cut, which would make two texts that differ
/// after the cut one code (and one unit's document a version of the other's): it keeps its first 51
/// characters and adds the first 8 hex digits of the sha256 of the whole slug.
pub fn slug(text: &str) -> String {
    let whole = full_slug(text);
    if whole.len() <= MAX_SLUG {
        return whole;
    }
    let sha = sha2::Sha256::digest(whole.as_bytes());
    let short: String = sha.iter().take(4).map(|b| format!("{b:02x}")).collect();
    format!("{}-{short}", whole[..MAX_SLUG - 9].trim_end_matches('-'))
}

/// The slug of `text` however long: ASCII letters and digits in lower case, joined by `-`.
pub fn full_slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_slugs() {
        assert_eq!(normalize("Realisasi TW-I"), "realisasitwi");
        assert_eq!(normalize("İSTANBUL"), "istanbul", "a capital lowering to a letter and a mark");
        assert!(names_indicator(" 1.1 ", "1.1", "Indeks SPBE"));
        assert!(names_indicator("indeks spbe", "1.1", "Indeks SPBE"));
        assert!(!names_indicator("1.2", "1.1", "Indeks SPBE"));
        assert_eq!(slug("Dinas Komunikasi dan Informatika"), "dinas-komunikasi-dan-informatika");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("Diskominfo"), "diskominfo");
    }

    #[test]
    fn long_slugs_are_never_cut_into_one() {
        let stem = "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk";
        let a = slug(&format!("{stem} dan KB"));
        let b = slug(&format!("{stem} dan Keluarga Berencana"));
        assert_ne!(a, b);
        for s in [&a, &b] {
            assert!(s.len() <= MAX_SLUG, "{s}");
            assert!(s.starts_with("dinas-pemberdayaan-perempuan-perlindungan-anak-peng"), "{s}");
        }
        assert_eq!(a, slug(&format!("{stem} dan KB")), "the same text, the same code");
        // Exactly 60 characters stays as it is.
        let sixty = "a".repeat(60);
        assert_eq!(slug(&sixty), sixty);
    }
}
