//! Text from a cell is data: it may hold anything a spreadsheet can store, including Excel's escapes of
//! control characters (`_x001B_` is ESC, `_x000D_` a carriage return, `_x0007_` the bell) and the
//! Unicode controls that reorder text (U+202E RIGHT-TO-LEFT OVERRIDE). Two renderings keep it data:
//! [`for_terminal`], the one way text reaches a terminal, shows every control character as a visible
//! mark instead of letting the terminal obey it; [`isolate_bidi`], for a PDF and a web page, closes the
//! reordering a text starts before the text ends, so that it cannot turn around what follows it. A leaf:
//! it uses nothing of the crate.

use std::borrow::Cow;

/// The Unicode characters that direct bidirectional text: embeddings, overrides and their end, isolates
/// and their end, and the marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character a terminal would obey rather than show: C0 and C1 controls and DEL, the bidi controls,
/// and the line and paragraph separators.
fn is_hidden(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || c == '\u{2028}' || c == '\u{2029}'
}

/// `text` as a terminal should show it: a line break inside a value as `↵`, a tab as a space, and every
/// other control character as `<U+001B>` — visible, so that a name cannot move the cursor, erase a line
/// already printed, ring the bell, retitle the window or reorder the line.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\n' => out.push('↵'),
            '\t' => out.push(' '),
            c if is_hidden(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` with its bidi controls kept inside it: wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL
/// ISOLATE, every isolate it opens closed before ours, and a stray POP DIRECTIONAL ISOLATE (which would
/// close ours early) dropped; per line, because a line break ends the bidi algorithm's paragraph. Under
/// the Unicode bidi algorithm (UAX #9, X6a) the closing isolate ends every embedding and override opened
/// inside, so what follows the text is laid out as if the text were a single neutral character. Text
/// without bidi controls is returned as it is (the documents of ordinary workbooks are unchanged).
pub fn isolate_bidi(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_bidi_control) {
        return Cow::Borrowed(text);
    }
    const OPEN: char = '\u{2068}';
    const CLOSE: char = '\u{2069}';
    let mut out = String::with_capacity(text.len() + 8);
    let mut depth = 0usize;
    out.push(OPEN);
    for c in text.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => {
                depth += 1;
                out.push(c);
            }
            CLOSE if depth == 0 => {}
            CLOSE => {
                depth -= 1;
                out.push(c);
            }
            '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}' => {
                out.extend(std::iter::repeat_n(CLOSE, depth + 1));
                depth = 0;
                out.push(c);
                out.push(OPEN);
            }
            c => out.push(c),
        }
    }
    out.extend(std::iter::repeat_n(CLOSE, depth + 1));
    Cow::Owned(out)
}

/// Every string in a JSON value passed through [`isolate_bidi`]: the data handed to a template.
pub fn isolate_bidi_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            if let Cow::Owned(o) = isolate_bidi(s) {
                *s = o;
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(isolate_bidi_json),
        serde_json::Value::Object(o) => o.values_mut().for_each(isolate_bidi_json),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_sees_control_characters_as_marks() {
        assert_eq!(for_terminal("Dinas Kominfo"), "Dinas Kominfo");
        assert!(matches!(for_terminal("Dinas — Kominfo ✓"), Cow::Borrowed(_)));
        assert_eq!(
            for_terminal("A\u{1b}[2K\rSAMA PERSIS\u{7}\u{9b}\u{202e}x"),
            "A<U+001B>[2K<U+000D>SAMA PERSIS<U+0007><U+009B><U+202E>x"
        );
        assert_eq!(for_terminal("baris satu\nbaris dua\tdst"), "baris satu↵baris dua dst");
    }

    #[test]
    fn bidi_controls_stay_inside_their_text() {
        assert!(matches!(isolate_bidi("Dinas Kominfo"), Cow::Borrowed(_)));
        assert_eq!(isolate_bidi("a\u{202e}b"), "\u{2068}a\u{202e}b\u{2069}");
        // A stray closing isolate cannot close ours; one the text opened is closed before ours.
        assert_eq!(isolate_bidi("\u{2069}\u{202e}x"), "\u{2068}\u{202e}x\u{2069}");
        assert_eq!(isolate_bidi("\u{2067}x"), "\u{2068}\u{2067}x\u{2069}\u{2069}");
        // Per line: a line break ends the paragraph, so each line is isolated on its own.
        assert_eq!(isolate_bidi("\u{202e}a\nb"), "\u{2068}\u{202e}a\u{2069}\n\u{2068}b\u{2069}");
        let mut v = serde_json::json!({ "unit": ["x\u{202e}y", 1], "ok": "z" });
        isolate_bidi_json(&mut v);
        assert_eq!(v, serde_json::json!({ "unit": ["\u{2068}x\u{202e}y\u{2069}", 1], "ok": "z" }));
    }
}
