//! typst's messages in Bahasa Indonesia. typst speaks English; the office reading a failed build does
//! not. The messages a template's author meets most are translated here, pattern by pattern (`{}` is
//! kept as typst wrote it: a name, a type, a value); any other is given as typst's own words, said to
//! be so. The place (template file and line) is added by the caller.

/// (typst's English, Bahasa Indonesia): `{}` in both stands for the same text, in order.
const MESSAGES: &[(&str, &str)] = &[
    ("unknown variable: {}", "variabel tidak dikenal: {}"),
    ("unclosed delimiter", "tanda kurung atau pembatas tidak ditutup"),
    ("unclosed string", "teks bertanda petik tidak ditutup"),
    ("unclosed raw text", "teks mentah (`) tidak ditutup"),
    ("unclosed label", "label tidak ditutup"),
    ("unexpected end of block comment", "akhir komentar blok tanpa awalnya"),
    ("expected {}, found {}", "diharapkan {}, ditemukan {}"),
    ("expected {}", "diharapkan {}"),
    ("unexpected argument: {}", "argumen tidak dikenal: {}"),
    ("unexpected argument", "argumen berlebih"),
    ("missing argument: {}", "argumen kurang: {}"),
    ("unexpected {}", "tidak diharapkan: {}"),
    ("file not found (searched at {})", "berkas tidak ditemukan (dicari di {})"),
    ("path {} would escape the project root", "jalur {} keluar dari folder templat"),
    (
        "failed to load file (access denied)",
        "berkas tidak dapat dibuka: templat hanya dapat membaca berkas templat, data.json dan logo",
    ),
    ("failed to load file ({})", "berkas tidak dapat dibuka ({})"),
    ("unknown font family: {}", "keluarga huruf tidak dikenal: {}"),
    ("type {} has no method `{}`", "tipe {} tidak memiliki metode `{}`"),
    ("cannot access fields on type {}", "bidang tidak dapat dibaca dari nilai bertipe {}"),
    ("dictionary does not contain key {}", "kamus tidak memiliki kunci {}"),
    ("array index out of bounds (index: {}, len: {})", "indeks larik di luar batas (indeks: {}, panjang: {})"),
    ("cannot add {} and {}", "tidak dapat menjumlahkan {} dan {}"),
    ("cannot subtract {} from {}", "tidak dapat mengurangkan {} dari {}"),
    ("cannot multiply {} with {}", "tidak dapat mengalikan {} dengan {}"),
    ("cannot divide {} by {}", "tidak dapat membagi {} dengan {}"),
    ("cannot divide by zero", "tidak dapat membagi dengan nol"),
    ("panicked with: {}", "templat berhenti (panic) dengan pesan: {}"),
    ("assertion failed", "pernyataan (assert) tidak terpenuhi"),
    ("maximum function call depth exceeded", "kedalaman pemanggilan fungsi melampaui batas"),
    ("layout did not converge within {} attempts", "tata letak tidak stabil setelah {} percobaan"),
    ("failed to parse JSON ({})", "JSON tidak dapat dibaca ({})"),
    ("failed to decode image ({})", "gambar tidak dapat dibaca ({})"),
    ("unknown image format", "format gambar tidak dikenal"),
    ("the character `{}` is not valid in code", "karakter `{}` tidak sah di dalam kode"),
    (
        "variables from outside the function are read-only and cannot be modified",
        "variabel dari luar fungsi hanya dapat dibaca, tidak dapat diubah",
    ),
    ("cannot mutate a temporary value", "nilai sementara tidak dapat diubah"),
];

/// typst's hints that come with them; an empty translation drops a hint that speaks of typst's own
/// command line, which kinerja users do not have.
const HINTS: &[(&str, &str)] = &[
    ("check whether you have a typo", "periksa salah ketik"),
    ("try adding a comma", "coba tambahkan koma"),
    ("try adding a semicolon", "coba tambahkan titik koma"),
    (
        "cannot access files outside of the project sandbox",
        "templat hanya dapat membaca berkas di dalam folder templat",
    ),
    ("you can adjust the project root with the `--root` argument", ""),
];

/// `message` in Bahasa Indonesia: translated when it is one of [`MESSAGES`], else typst's own words,
/// quoted and said to be typst's.
pub fn message(message: &str) -> String {
    translate(MESSAGES, message).unwrap_or_else(|| format!("typst melaporkan (dalam bahasa Inggris): \"{message}\""))
}

/// A hint in Bahasa Indonesia, or typst's own words marked as such; None for a hint that does not apply.
pub fn hint(hint: &str) -> Option<String> {
    match translate(HINTS, hint) {
        Some(t) if t.is_empty() => None,
        Some(t) => Some(t),
        None => Some(format!("dalam bahasa Inggris: \"{hint}\"")),
    }
}

fn translate(table: &[(&str, &str)], text: &str) -> Option<String> {
    table.iter().find_map(|(en, id)| {
        let slots = fill(en, text)?;
        let mut out = String::new();
        let mut slots = slots.into_iter();
        let mut parts = id.split("{}").peekable();
        while let Some(part) = parts.next() {
            out.push_str(part);
            if parts.peek().is_some() {
                out.push_str(slots.next().unwrap_or_default());
            }
        }
        Some(out)
    })
}

/// The texts standing for each `{}` when `text` has the shape of `pattern`; None when it does not.
fn fill<'t>(pattern: &str, text: &'t str) -> Option<Vec<&'t str>> {
    let literals: Vec<&str> = pattern.split("{}").collect();
    let mut rest = text.strip_prefix(literals[0])?;
    let mut slots = Vec::new();
    for (i, literal) in literals.iter().enumerate().skip(1) {
        let last = i == literals.len() - 1;
        let at = if last {
            // The last literal ends the text (empty: the slot takes the rest).
            rest.len().checked_sub(literal.len()).filter(|&at| rest[at..] == **literal)?
        } else {
            rest.find(literal)?
        };
        let slot = &rest[..at];
        if slot.is_empty() {
            return None;
        }
        slots.push(slot);
        rest = &rest[at + literal.len()..];
    }
    rest.is_empty().then_some(slots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_translated_with_their_names() {
        assert_eq!(message("unknown variable: nilai-x"), "variabel tidak dikenal: nilai-x");
        assert_eq!(message("expected expression, found comma"), "diharapkan expression, ditemukan comma");
        assert_eq!(message("expected semicolon or line break"), "diharapkan semicolon or line break");
        assert_eq!(message("unclosed delimiter"), "tanda kurung atau pembatas tidak ditutup");
        assert_eq!(message("cannot add integer and string"), "tidak dapat menjumlahkan integer dan string");
        assert_eq!(
            message("something new in typst 0.16"),
            "typst melaporkan (dalam bahasa Inggris): \"something new in typst 0.16\""
        );
        assert_eq!(hint("check whether you have a typo").as_deref(), Some("periksa salah ketik"));
        assert_eq!(hint("you can adjust the project root with the `--root` argument"), None);
        assert_eq!(
            message("path `\"../x\"` would escape the project root"),
            "jalur `\"../x\"` keluar dari folder templat"
        );
    }
}
