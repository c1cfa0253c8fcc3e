//! The template set: built in, overridable file by file from a `templates/` folder, hashed into
//! every document's source hash, and the main source of a template composed by minijinja.
//!
//! Cell text never enters the Typst source: minijinja only chooses the
//! stage's blocks, and every value from the workbook travels in `data.json`,
//! where Typst reads it as a string and prints it as typed.

use crate::document::Stage;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The templates built into the binary: (name, bytes).
const BUILTIN: &[(&str, &[u8])] = &[
    ("dokumen.typ.j2", include_bytes!("../templates/dokumen.typ.j2")),
    ("draft.typ.j2", include_bytes!("../templates/draft.typ.j2")),
    ("konsep.typ.j2", include_bytes!("../templates/konsep.typ.j2")),
    ("final.typ.j2", include_bytes!("../templates/final.typ.j2")),
    ("rencana-aksi.typ.j2", include_bytes!("../templates/rencana-aksi.typ.j2")),
    ("kinerja.typ", include_bytes!("../templates/kinerja.typ")),
    ("perjanjian-kinerja.typ.j2", include_bytes!("../templates/perjanjian-kinerja.typ.j2")),
    ("rencana-aksi-pk.typ.j2", include_bytes!("../templates/rencana-aksi-pk.typ.j2")),
    ("pk.typ", include_bytes!("../templates/pk.typ")),
    ("laporan-kinerja.typ.j2", include_bytes!("../templates/laporan-kinerja.typ.j2")),
    ("lkjip.typ", include_bytes!("../templates/lkjip.typ")),
    ("pohon-kinerja.typ.j2", include_bytes!("../templates/pohon-kinerja.typ.j2")),
    ("pohon.typ", include_bytes!("../templates/pohon.typ")),
    ("fonts/LiberationSans-Regular.ttf", include_bytes!("../templates/fonts/LiberationSans-Regular.ttf")),
    ("fonts/LiberationSans-Bold.ttf", include_bytes!("../templates/fonts/LiberationSans-Bold.ttf")),
    ("fonts/LiberationSans-Italic.ttf", include_bytes!("../templates/fonts/LiberationSans-Italic.ttf")),
    ("fonts/LiberationSans-BoldItalic.ttf", include_bytes!("../templates/fonts/LiberationSans-BoldItalic.ttf")),
    ("fonts/LiberationSerif-Regular.ttf", include_bytes!("../templates/fonts/LiberationSerif-Regular.ttf")),
    ("fonts/LiberationSerif-Bold.ttf", include_bytes!("../templates/fonts/LiberationSerif-Bold.ttf")),
    ("fonts/LICENSE-Liberation.txt", include_bytes!("../templates/fonts/LICENSE-Liberation.txt")),
];

/// The files that only one family of documents uses: (family, files). Every other file — the shared
/// layout `kinerja.typ`, the fonts, a file an office adds — is every family's. A document's template
/// hash covers its family's files and the shared ones, so that adding or changing another family's
/// template makes no new version of it.
const FAMILIES: &[(Family, &[&str])] = &[
    (Family::Pengukuran, &["dokumen.typ.j2", "draft.typ.j2", "konsep.typ.j2", "final.typ.j2", "rencana-aksi.typ.j2"]),
    (Family::Pk, &["perjanjian-kinerja.typ.j2", "rencana-aksi-pk.typ.j2", "pk.typ"]),
    (Family::Pohon, &["pohon-kinerja.typ.j2", "pohon.typ"]),
    (Family::Lkjip, &["laporan-kinerja.typ.j2", "lkjip.typ"]),
];

/// The families of documents whose templates are hashed apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// The Pengukuran Kinerja and its Rencana Aksi.
    Pengukuran,
    /// The Perjanjian Kinerja and its Rencana Aksi.
    Pk,
    /// The pohon kinerja: its layout changes no PK.
    Pohon,
    /// The Laporan Kinerja.
    Lkjip,
}

impl Family {
    /// The family of a document kind.
    pub fn of(kind: crate::document::DocKind) -> Family {
        if kind == crate::document::DocKind::PohonKinerja {
            Family::Pohon
        } else if kind.is_pk() {
            Family::Pk
        } else if kind == crate::document::DocKind::LaporanKinerja {
            Family::Lkjip
        } else {
            Family::Pengukuran
        }
    }
}

/// The template hash of each family, computed once per run.
#[derive(Debug, Clone)]
pub struct Hashes {
    pengukuran: String,
    pk: String,
    pohon: String,
    lkjip: String,
}

impl Hashes {
    /// The hashes of a template set.
    pub fn of(templates: &Templates) -> Self {
        Hashes {
            pengukuran: templates.sha256(Family::Pengukuran),
            pk: templates.sha256(Family::Pk),
            pohon: templates.sha256(Family::Pohon),
            lkjip: templates.sha256(Family::Lkjip),
        }
    }

    /// The template hash of a document kind.
    pub fn get(&self, kind: crate::document::DocKind) -> &str {
        match Family::of(kind) {
            Family::Pengukuran => &self.pengukuran,
            Family::Pk => &self.pk,
            Family::Pohon => &self.pohon,
            Family::Lkjip => &self.lkjip,
        }
    }
}

/// Largest template file taken from an override folder.
const MAX_TEMPLATE_BYTES: u64 = 20 * 1024 * 1024;

/// Where a template file came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into the binary.
    BuiltIn,
    /// Read from the override folder.
    Override(PathBuf),
}

/// A problem with a template, named by its file and line.
#[derive(Debug, Error)]
pub enum TemplateError {
    /// The override folder could not be read.
    #[error("folder templat {path} tidak dapat dibaca: {source}")]
    Folder { path: PathBuf, source: std::io::Error },
    /// A file whose name typst cannot address (a backslash in it, say).
    #[error("templat {}: namanya tidak dapat dipakai sebagai nama berkas templat ({reason}). Ganti namanya (subfolder ditulis dengan /) atau pindahkan berkas itu dari folder templat.", path.display())]
    Name { path: PathBuf, reason: String },
    /// minijinja rejected a template.
    #[error("templat {file}{}: {message}", line.map(|l| format!(" baris {l}")).unwrap_or_default())]
    Syntax { file: String, line: Option<usize>, message: String },
}

/// The template set of one run: every file by its name relative to the template folder.
#[derive(Debug, Clone)]
pub struct Templates {
    /// Name (`kinerja.typ`, `fonts/X.ttf`) → content.
    files: BTreeMap<String, Vec<u8>>,
    /// Name → where it came from.
    origins: BTreeMap<String, Origin>,
}

impl Templates {
    /// The built-in templates only.
    pub fn builtin() -> Self {
        let files = BUILTIN.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect();
        let origins = BUILTIN.iter().map(|(n, _)| (n.to_string(), Origin::BuiltIn)).collect();
        Templates { files, origins }
    }

    /// The built-in templates, each replaced or joined by the files of `dir` when it exists.
    ///
    /// Only regular files inside `dir` are read (symbolic links are not followed).
    pub fn load(dir: &Path) -> Result<Self, TemplateError> {
        let mut t = Self::builtin();
        if !dir.is_dir() {
            return Ok(t);
        }
        for entry in walkdir::WalkDir::new(dir).follow_links(false).max_depth(3) {
            let entry = entry.map_err(|e| TemplateError::Folder {
                path: dir.to_path_buf(),
                source: e.into_io_error().unwrap_or_else(|| std::io::Error::other("loop")),
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            if name.starts_with('.') || name.contains("/.") || name.ends_with(".md") {
                continue;
            }
            if let Err(e) = typst::syntax::VirtualPath::new(&name) {
                let reason = match e {
                    typst::syntax::PathError::Backslash => "memuat garis miring terbalik \\".to_string(),
                    typst::syntax::PathError::Escapes => "keluar dari folder templat".to_string(),
                };
                return Err(TemplateError::Name { path: entry.path().to_path_buf(), reason });
            }
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            if size > MAX_TEMPLATE_BYTES {
                continue;
            }
            let bytes = std::fs::read(entry.path())
                .map_err(|source| TemplateError::Folder { path: entry.path().to_path_buf(), source })?;
            t.files.insert(name.clone(), bytes);
            t.origins.insert(name, Origin::Override(entry.path().to_path_buf()));
        }
        Ok(t)
    }

    /// The content of a template file.
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.files.get(name).map(Vec::as_slice)
    }

    /// Every file: (name, content), sorted by name.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(n, b)| (n.as_str(), b.as_slice()))
    }

    /// Font files (`.ttf`, `.otf`, `.ttc`) in the set.
    pub fn fonts(&self) -> impl Iterator<Item = &[u8]> {
        self.files
            .iter()
            .filter(|(n, _)| [".ttf", ".otf", ".ttc"].iter().any(|e| n.to_lowercase().ends_with(e)))
            .map(|(_, b)| b.as_slice())
    }

    /// How a message names a template: its path when overridden, else `templates/NAME (bawaan)`.
    pub fn describe(&self, name: &str) -> String {
        match self.origins.get(name) {
            Some(Origin::Override(p)) => p.display().to_string(),
            _ => format!("templates/{name} (bawaan)"),
        }
    }

    /// sha256 over the name and content of every file `family` uses ([`FAMILIES`]): part of each
    /// of its documents' source hashes.
    pub fn sha256(&self, family: Family) -> String {
        let others: Vec<&str> =
            FAMILIES.iter().filter(|(f, _)| *f != family).flat_map(|(_, files)| files.iter().copied()).collect();
        let mut h = Sha256::new();
        for (name, bytes) in self.files.iter().filter(|(n, _)| !others.contains(&n.as_str())) {
            h.update((name.len() as u64).to_le_bytes());
            h.update(name.as_bytes());
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        }
        crate::archive::hex(&h.finalize())
    }

    /// Composes the Typst main source of a document kind with minijinja.
    pub fn main_source(&self, kind: &str, stage: Stage) -> Result<String, TemplateError> {
        let mut env = minijinja::Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        for (name, bytes) in &self.files {
            if name.ends_with(".j2") {
                let text = String::from_utf8(bytes.clone()).map_err(|_| TemplateError::Syntax {
                    file: self.describe(name),
                    line: None,
                    message: "bukan teks UTF-8".into(),
                })?;
                env.add_template_owned(name.clone(), text).map_err(|e| self.error(name, &e))?;
            }
        }
        let name = format!("{kind}.typ.j2");
        let template = env.get_template(&name).map_err(|e| self.error(&name, &e))?;
        let ctx = minijinja::context! {
            stage => stage.slug(),
            kind => kind,
            tool => concat!("kinerja ", env!("CARGO_PKG_VERSION")),
        };
        template.render(ctx).map_err(|e| self.error(&name, &e))
    }

    fn error(&self, name: &str, e: &minijinja::Error) -> TemplateError {
        let file = e.name().unwrap_or(name).to_string();
        TemplateError::Syntax {
            file: self.describe(&file),
            line: e.line(),
            message: e.detail().unwrap_or(&e.to_string()).to_string(),
        }
    }
}
