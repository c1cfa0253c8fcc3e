//! kinerja: an office's workbook in, its signed and archived *Pengukuran
//! Kinerja* documents out. The modules follow the data (docs/architecture.md):
//! load (workbook → model) → measure → compose → typeset → archive, driven by
//! `build` under the rules of each `stage`, with findings reported on the way.

pub mod archive;
pub mod build;
pub mod cascade;
pub mod cli;
pub mod commands;
pub mod compose;
pub mod document;
pub mod findings;
pub mod format;
pub mod index;
pub mod lkjip;
pub mod load;
pub mod logo;
pub mod measure;
pub mod model;
pub mod names;
pub mod pk;
pub mod rekap;
pub mod stage;
pub mod templates;
pub mod text;
pub mod typeset;
pub mod workbook;
