//! Typesetting in process with typst 0.15: our own [`World`] (the model is
//! typst-cli's `world.rs`), fonts from the template set, compile, PDF export.
//!
//! The shared parts (library, fonts) are built once per run; a document
//! brings only its main source, its JSON data and its logo. The world serves
//! nothing else: no file system, no packages, no clock but the build date.

mod messages;

use crate::templates::Templates;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use thiserror::Error;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// The parts of a world shared by every document of a run.
pub struct Typesetter {
    /// Typst's standard library.
    library: LazyHash<Library>,
    /// Metadata of the fonts, for font selection.
    book: LazyHash<FontBook>,
    /// The fonts of the template set (embedded Liberation, plus any the user added).
    fonts: Vec<Font>,
    /// The template files, by their path in the world, shared by every document.
    files: HashMap<String, Bytes>,
    /// The Typst sources among them, parsed once.
    sources: HashMap<FileId, Source>,
    /// How many documents are typeset at once.
    workers: usize,
}

/// One document to typeset.
pub struct Job<'a> {
    /// The template set (for `#import` and files the template reads).
    pub templates: &'a Templates,
    /// The main source, composed by minijinja.
    pub main: String,
    /// The template the main source came from, for messages.
    pub main_template: String,
    /// The document's data, read by the template as `data.json`.
    pub data: Vec<u8>,
    /// The logo, as (file name in the world, bytes).
    pub logo: Option<(String, Vec<u8>)>,
    /// The build date: typst's `today` and the PDF's timestamp.
    pub date: NaiveDate,
    /// The PDF's document identifier, fixed so that output is reproducible.
    pub ident: String,
    /// Export as PDF/A-2b.
    pub pdfa: bool,
}

/// A typst error, named by template file and line.
#[derive(Debug, Error)]
#[error("{}", .messages.join("\n"))]
pub struct TypesetError {
    /// One line per diagnostic: `file baris N: message`.
    pub messages: Vec<String>,
}

/// A typeset document.
pub struct Output {
    /// The PDF's bytes.
    pub pdf: Vec<u8>,
    /// Typst's warnings, with their places.
    pub warnings: Vec<String>,
}

/// The name of the main source in the world.
pub const MAIN: &str = "main.typ";
/// The name of the data file in the world.
pub const DATA: &str = "data.json";

impl Typesetter {
    /// Loads the fonts of the template set, for `workers` documents typeset at once.
    pub fn new(templates: &Templates, workers: usize) -> Self {
        let fonts: Vec<Font> = templates.fonts().flat_map(|b| Font::iter(Bytes::new(b.to_vec()))).collect();
        let files: HashMap<String, Bytes> =
            templates.files().map(|(name, bytes)| (name.to_string(), Bytes::new(bytes.to_vec()))).collect();
        let sources = templates
            .files()
            .filter(|(name, _)| name.ends_with(".typ"))
            .filter_map(|(name, bytes)| {
                let text = std::str::from_utf8(bytes).ok()?;
                // (Every name of a template set is a path typst can address: `Templates::load` refuses others.)
                let id = file_id(name)?;
                Some((id, Source::new(id, text.to_string())))
            })
            .collect();
        Typesetter {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            files,
            sources,
            workers: workers.max(1),
        }
    }

    /// The characters of `text` that no font of the set can show (they would print as empty boxes).
    pub fn missing_glyphs(&self, text: &str) -> Vec<char> {
        // Bidi controls are never drawn: they direct the text around them.
        let mut chars: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control() && !crate::text::is_bidi_control(*c))
            .collect();
        chars.sort_unstable();
        chars.dedup();
        chars.retain(|c| !self.fonts.iter().any(|f| f.info().coverage.contains(*c as u32)));
        chars
    }

    /// Compiles and exports one document.
    pub fn typeset(&self, job: &Job) -> Result<Output, TypesetError> {
        let world = DocWorld::new(self, job);
        let warned = typst::compile::<PagedDocument>(&world);
        // Memoized results that none of the documents in flight used are dropped, so memory stays flat
        // over a long batch. (Each worker evicts once per document: what a result has not been used
        // for through as many evictions as there are workers, no document being typeset needs.)
        typst::comemo::evict(self.workers);
        let warnings = warned.warnings.iter().map(|d| world.describe(d)).collect();
        let doc = warned
            .output
            .map_err(|errs| TypesetError { messages: errs.iter().map(|d| world.describe(d)).collect() })?;
        let date = job.date;
        let stamp =
            Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0).map(Timestamp::new_utc);
        let standards = if job.pdfa {
            PdfStandards::new(&[PdfStandard::A_2b])
                .map_err(|e| TypesetError { messages: vec![format!("PDF/A-2b: {}", e.message())] })?
        } else {
            PdfStandards::default()
        };
        let options = PdfOptions {
            ident: Smart::Custom(job.ident.clone()),
            timestamp: stamp,
            standards,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&doc, &options)
            .map_err(|errs| TypesetError { messages: errs.iter().map(|d| world.describe(d)).collect() })?;
        Ok(Output { pdf, warnings })
    }
}

/// The world of one document.
struct DocWorld<'a> {
    /// Library and fonts.
    shared: &'a Typesetter,
    /// The document.
    job: &'a Job<'a>,
    /// The main source.
    main: Source,
    /// The document's own files (data.json, the logo), by their path in the world.
    files: HashMap<String, Bytes>,
}

/// The id of a file of the world; None for a name typst cannot address.
fn file_id(path: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).ok()?).intern())
}

/// The id of the main source.
fn main_id() -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(MAIN).expect("\"main.typ\" is a valid path")).intern()
}

impl<'a> DocWorld<'a> {
    fn new(shared: &'a Typesetter, job: &'a Job<'a>) -> Self {
        let mut files = HashMap::new();
        files.insert(DATA.to_string(), Bytes::new(job.data.clone()));
        if let Some((name, bytes)) = &job.logo {
            files.insert(name.clone(), Bytes::new(bytes.clone()));
        }
        DocWorld { shared, job, main: Source::new(main_id(), job.main.clone()), files }
    }

    /// The world's path of a file id, or None for a package file.
    fn path(id: FileId) -> Option<String> {
        let rooted = id.get();
        match rooted.root() {
            VirtualRoot::Project => Some(rooted.vpath().get_without_slash().to_string()),
            VirtualRoot::Package(_) => None,
        }
    }

    /// `templates/kinerja.typ (bawaan) baris 12: message`.
    fn describe(&self, d: &SourceDiagnostic) -> String {
        let kind = if d.severity == Severity::Warning { "peringatan typst" } else { "galat typst" };
        let place = d.span.id().and_then(|id| {
            let path = Self::path(id)?;
            let file = if path == MAIN {
                format!("{} (main.typ)", self.job.templates.describe(&self.job.main_template))
            } else {
                self.job.templates.describe(&path)
            };
            let line = self
                .range(d.span)
                .and_then(|r| self.source(id).ok().and_then(|s| s.lines().byte_to_line(r.start)))
                .map(|l| format!(" baris {}", l + 1))
                .unwrap_or_default();
            Some(format!("{file}{line}"))
        });
        let hints: String =
            d.hints.iter().filter_map(|h| messages::hint(&h.v)).map(|h| format!(" (saran: {h})")).collect();
        let message = messages::message(&d.message);
        match place {
            Some(p) => format!("{kind} di {p}: {message}{hints}"),
            None => format!("{kind}: {message}{hints}"),
        }
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        if let Some(source) = self.shared.sources.get(&id) {
            return Ok(source.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = Self::path(id).ok_or(FileError::AccessDenied)?;
        let found = self.files.get(&path).or_else(|| self.shared.files.get(&path));
        found.cloned().ok_or_else(|| FileError::NotFound(path.into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        let d = self.job.date;
        Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8)
    }
}
