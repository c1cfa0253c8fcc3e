//! kinerja: an office's workbook in, its signed and archived *Pengukuran
//! Kinerja* documents out. The modules follow the data: workbook → model →
//! measure → render → typeset → archive, with findings reported on the way.

pub mod archive;
pub mod cli;
pub mod commands;
pub mod contoh;
pub mod document;
pub mod findings;
pub mod format;
pub mod measure;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod stages;
pub mod typeset;
pub mod workbook;
