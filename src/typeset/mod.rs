//! Typesetting: our own typst World, embedded fonts, compile and PDF export.

pub mod assets;
