//! kinerja: an office's workbook in, its signed and archived *Pengukuran
//! Kinerja* documents out. The modules follow the data: workbook → model →
//! measure → render → typeset → archive, with findings reported on the way.

pub mod cli;
pub mod commands;
pub mod findings;
pub mod format;
pub mod measure;
pub mod model;
pub mod pipeline;
pub mod typeset;
pub mod workbook;
