//! The manifest as a chain, as git's commits and certificate-transparency logs are: every line the
//! program writes holds, as `prev`, the *head* of all the lines before it — a hash that covers each of
//! them, in order. Editing, removing, inserting or reordering a line breaks the link of the line after
//! it, which `verify` names; rewriting every link after an edit makes a new head, which a head written
//! down earlier (`verify --head`) exposes. Lines of older versions, written without a link, are covered
//! by the first link after them.

use super::sha256;

/// The head of a manifest's lines so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    /// sha256 (hex) over every line so far; for no lines, the sha256 of nothing.
    pub head: String,
    /// How many lines it covers.
    pub lines: usize,
}

impl Default for Chain {
    fn default() -> Self {
        Chain { head: sha256(b""), lines: 0 }
    }
}

impl Chain {
    /// Takes in one more line (its exact text, without the line break): the new head is the sha256 of
    /// the old head, a line break, and the line.
    pub fn push(&mut self, line: &str) {
        let mut text = String::with_capacity(self.head.len() + 1 + line.len());
        text.push_str(&self.head);
        text.push('\n');
        text.push_str(line);
        self.head = sha256(text.as_bytes());
        self.lines += 1;
    }

    /// The head as people write it down: its first 12 hex digits.
    pub fn short(&self) -> &str {
        &self.head[..12.min(self.head.len())]
    }

    /// "3f1e73dd9a0f (42 baris)": the head and the lines it covers, as `build`, `log` and `verify` print it.
    pub fn describe(&self) -> String {
        format!("{} ({} baris)", self.short(), self.lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_head_covers_every_line_before_it() {
        let mut a = Chain::default();
        assert_eq!(a.head, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        a.push("satu");
        a.push("dua");
        let mut b = Chain::default();
        b.push("satu ");
        b.push("dua");
        assert_ne!(a.head, b.head, "an edit of an earlier line changes every later head");
        let mut c = Chain::default();
        c.push("dua");
        c.push("satu");
        assert_ne!(a.head, c.head, "so does reordering");
        assert_eq!((a.lines, a.describe().len()), (2, "xxxxxxxxxxxx (2 baris)".len()));
    }
}
