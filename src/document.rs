//! What a document is, in the archive's words: the SOP stage it is made for, its kind, the key its
//! versions are counted under, and what became of it in a build. Plain types, shared by the stages,
//! the archive, the manifest and the commands; strings only at the edges (JSON, folder names).

use crate::model::{Identity, Period};
use serde::{Deserialize, Serialize};

/// The SOP stage a document is made for, in SOP order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// SOP langkah 4–5: selalu dibuat, kekosongan terlihat, bertanda DRAFT.
    Draft,
    /// SOP langkah 6: lengkap, bertanda KONSEP, dengan tempat paraf.
    Konsep,
    /// SOP langkah 8: dengan tanda tangan dan baris verifikasi, PDF/A-2b.
    Final,
}

impl Stage {
    /// `draft`, `konsep`, `final`: folder and file names, the manifest, JSON.
    pub fn slug(self) -> &'static str {
        match self {
            Stage::Draft => "draft",
            Stage::Konsep => "konsep",
            Stage::Final => "final",
        }
    }

    /// The marking printed on every page, if any.
    pub fn marking(self) -> Option<&'static str> {
        match self {
            Stage::Draft => Some("DRAFT"),
            Stage::Konsep => Some("KONSEP"),
            Stage::Final => None,
        }
    }
}

/// The kinds of document the archive holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// The Pengukuran Kinerja itself, at every stage.
    PengukuranKinerja,
    /// The Rencana Aksi that comes with a final when an indicator is unmet.
    RencanaAksi,
}

impl DocKind {
    /// `pengukuran-kinerja`, `rencana-aksi`: file names, the manifest, JSON.
    pub fn slug(self) -> &'static str {
        match self {
            DocKind::PengukuranKinerja => "pengukuran-kinerja",
            DocKind::RencanaAksi => "rencana-aksi",
        }
    }

    /// The document's name as printed.
    pub fn title(self) -> &'static str {
        match self {
            DocKind::PengukuranKinerja => "Pengukuran Kinerja",
            DocKind::RencanaAksi => "Rencana Aksi",
        }
    }

    /// The template (without `.typ.j2`) that composes it at `stage`.
    pub fn template(self, stage: Stage) -> &'static str {
        match self {
            DocKind::PengukuranKinerja => stage.slug(),
            DocKind::RencanaAksi => "rencana-aksi",
        }
    }
}

/// What versions are counted under: one document of one unit, year, period and stage.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocKey {
    /// The unit's code.
    pub unit: String,
    /// The year measured.
    pub year: i32,
    /// The period measured.
    pub period: Period,
    /// The SOP stage.
    pub stage: Stage,
    /// The kind of document.
    pub kind: DocKind,
}

impl DocKey {
    /// The key of a unit's document of `kind` at `stage`.
    pub fn of(identity: &Identity, stage: Stage, kind: DocKind) -> Self {
        DocKey { unit: identity.unit_code.clone(), year: identity.year, period: identity.period, stage, kind }
    }
}

/// What a build did with a workbook, or with one of its documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A new version was archived.
    Written,
    /// The newest version was made from the same sources: nothing written.
    Unchanged,
    /// A gate of the stage refused.
    Refused,
    /// The workbook could not be read, or a document could not be made or archived.
    Error,
    /// An unfilled template: skipped.
    Empty,
}

impl Status {
    /// The word of the report: DIBUAT, TIDAK BERUBAH, …
    pub fn label(self) -> &'static str {
        match self {
            Status::Written => "DIBUAT",
            Status::Unchanged => "TIDAK BERUBAH",
            Status::Refused => "DITOLAK",
            Status::Error => "GAGAL",
            Status::Empty => "KOSONG",
        }
    }

    /// True when the workbook got what was asked for (or needed nothing).
    pub fn is_ok(self) -> bool {
        matches!(self, Status::Written | Status::Unchanged | Status::Empty)
    }
}
