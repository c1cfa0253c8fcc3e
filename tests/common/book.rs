//! The workbooks tests start from: the library's examples (`kinerja::contoh`),
//! changed cell by cell by each test.

pub use kinerja::contoh::*;

/// What tests do to a workbook besides what the library offers.
pub trait BookExt {
    /// Sets the last reported realisation of the first indicator to `80 + x`.
    fn set_first_realisation(&mut self, x: f64);
}

impl BookExt for Book {
    fn set_first_realisation(&mut self, x: f64) {
        let sheet = self.sheets.iter_mut().find(|s| s.name == "Kinerja" || s.name == "IKU").expect("kinerja sheet");
        let (row, col) = if sheet.name == "Kinerja" { (1, 9) } else { (6, 9) };
        sheet.rows[row][col] = V::N(80.0 + x);
    }
}
