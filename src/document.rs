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

/// The documents `kinerja build` makes from a workbook, as `--doc` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Doc {
    /// The Pengukuran Kinerja (draft, konsep, final) and the Rencana Aksi of its final.
    Pengukuran,
    /// The Perjanjian Kinerja (murni or perubahan, as Identitas says) and its Rencana Aksi PK (draft,
    /// final).
    Pk,
    /// The Laporan Kinerja (LKjIP) of the year (draft, final): its figures from the archive, its words
    /// from the workbook.
    Lkjip,
}

/// The kinds of document the archive holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// The Pengukuran Kinerja itself, at every stage.
    PengukuranKinerja,
    /// The Rencana Aksi that comes with a final when an indicator is unmet.
    RencanaAksi,
    /// The government's rekapitulasi of every unit for a year and period (`kinerja rekap`).
    Rekapitulasi,
    /// The Perjanjian Kinerja of the year (murni), draft and final (`kinerja build --doc pk`).
    PerjanjianKinerja,
    /// The PK perubahan: its own document beside the murni, never replacing it.
    PerjanjianKinerjaPerubahan,
    /// The Rencana Aksi of the PK (quarters' targets and actions), signed with it. Not the SOP's
    /// [`DocKind::RencanaAksi`] for unmet indicators.
    RencanaAksiPk,
    /// The Rencana Aksi of the PK perubahan.
    RencanaAksiPkPerubahan,
    /// The Laporan Kinerja Instansi Pemerintah (LKjIP) of the year, draft and final (`kinerja build
    /// --doc lkjip`), written from the archive's documents.
    LaporanKinerja,
    /// The pohon kinerja: the cascade of the PK's indicators down to every official, drawn.
    PohonKinerja,
}

impl DocKind {
    /// `pengukuran-kinerja`, `rencana-aksi`: file names, the manifest, JSON.
    pub fn slug(self) -> &'static str {
        match self {
            DocKind::PengukuranKinerja => "pengukuran-kinerja",
            DocKind::RencanaAksi => "rencana-aksi",
            DocKind::Rekapitulasi => "rekapitulasi",
            DocKind::PerjanjianKinerja => "perjanjian-kinerja",
            DocKind::PerjanjianKinerjaPerubahan => "perjanjian-kinerja-perubahan",
            DocKind::RencanaAksiPk => "rencana-aksi-pk",
            DocKind::RencanaAksiPkPerubahan => "rencana-aksi-pk-perubahan",
            DocKind::LaporanKinerja => "laporan-kinerja",
            DocKind::PohonKinerja => "pohon-kinerja",
        }
    }

    /// The document's name as printed.
    pub fn title(self) -> &'static str {
        match self {
            DocKind::PengukuranKinerja => "Pengukuran Kinerja",
            DocKind::RencanaAksi => "Rencana Aksi",
            DocKind::Rekapitulasi => "Rekapitulasi Pengukuran Kinerja",
            DocKind::PerjanjianKinerja => "Perjanjian Kinerja",
            DocKind::PerjanjianKinerjaPerubahan => "Perjanjian Kinerja Perubahan",
            DocKind::RencanaAksiPk => "Rencana Aksi Perjanjian Kinerja",
            DocKind::RencanaAksiPkPerubahan => "Rencana Aksi Perjanjian Kinerja Perubahan",
            DocKind::LaporanKinerja => "Laporan Kinerja",
            DocKind::PohonKinerja => "Pohon Kinerja",
        }
    }

    /// The template (without `.typ.j2`) that composes it at `stage`.
    pub fn template(self, stage: Stage) -> &'static str {
        match self {
            DocKind::PengukuranKinerja => stage.slug(),
            DocKind::RencanaAksi => "rencana-aksi",
            DocKind::Rekapitulasi => "rekapitulasi",
            DocKind::PerjanjianKinerja | DocKind::PerjanjianKinerjaPerubahan => "perjanjian-kinerja",
            DocKind::RencanaAksiPk | DocKind::RencanaAksiPkPerubahan => "rencana-aksi-pk",
            DocKind::LaporanKinerja => "laporan-kinerja",
            DocKind::PohonKinerja => "pohon-kinerja",
        }
    }

    /// Every kind, in the order above.
    pub const ALL: [DocKind; 9] = [
        DocKind::PengukuranKinerja,
        DocKind::RencanaAksi,
        DocKind::Rekapitulasi,
        DocKind::PerjanjianKinerja,
        DocKind::PerjanjianKinerjaPerubahan,
        DocKind::RencanaAksiPk,
        DocKind::RencanaAksiPkPerubahan,
        DocKind::LaporanKinerja,
        DocKind::PohonKinerja,
    ];

    /// True for the documents of the Perjanjian Kinerja (the PK and its Rencana Aksi, murni or
    /// perubahan): made once a year, archived under the year's `tahunan` period.
    pub fn is_pk(self) -> bool {
        matches!(
            self,
            DocKind::PerjanjianKinerja
                | DocKind::PerjanjianKinerjaPerubahan
                | DocKind::RencanaAksiPk
                | DocKind::RencanaAksiPkPerubahan
                | DocKind::PohonKinerja
        )
    }

    /// True for the documents whose final is signed from their draft (there is no konsep): the PK's and
    /// the Laporan Kinerja.
    pub fn signed_from_draft(self) -> bool {
        self.is_annual()
    }

    /// True for the documents of a unit's year rather than of a period — the PK's and the Laporan
    /// Kinerja: archived under the year's `tahunan` period whatever the workbook's Periode.
    pub fn is_annual(self) -> bool {
        self.is_pk() || self == DocKind::LaporanKinerja
    }
}

/// What versions are counted under: one document of one unit, year, period and stage.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocKey {
    /// The unit's code.
    pub unit_code: String,
    /// The year measured.
    pub year: i32,
    /// The period measured.
    pub period: Period,
    /// The SOP stage.
    pub stage: Stage,
    /// The kind of document.
    pub kind: DocKind,
    /// The position within the unit, for an official's own documents (the PK of a Kepala Bidang, from
    /// the cascade): a slug; none for the unit's.
    pub position: Option<String>,
}

impl DocKey {
    /// The key of a unit's (or an official's) document of `kind` at `stage`.
    pub fn of(identity: &Identity, stage: Stage, kind: DocKind) -> Self {
        let period = if kind.is_annual() { Period::Tahunan } else { identity.period };
        DocKey {
            unit_code: identity.unit_code.clone(),
            year: identity.year,
            period,
            stage,
            kind,
            position: identity.position.clone(),
        }
    }

    /// The unit's code with the position's when there is one: `diskominfo`, `diskominfo.kepala-bidang-…`
    /// (a slug holds no dot), as file names and identity codes write it.
    pub fn owner(&self) -> String {
        match &self.position {
            Some(p) => format!("{}.{p}", self.unit_code),
            None => self.unit_code.clone(),
        }
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

/// A document's identity as one line of plain text — what the final's QR code holds and its PDF's
/// keywords carry: `kinerja:<kind>/<unit>/<year>/<period>/<stage>/v<version>/<source hash, 12>`.
pub fn code(key: &DocKey, version: u32, source_sha: &str) -> String {
    format!(
        "kinerja:{}/{}/{}/{}/{}/v{version}/{}",
        key.kind.slug(),
        key.owner(),
        key.year,
        key.period.slug(),
        key.stage.slug(),
        &source_sha[..12.min(source_sha.len())]
    )
}

/// Reads a [`code`] back: the document's key, version and short source hash.
pub fn parse_code(text: &str) -> Option<(DocKey, u32, String)> {
    let rest = text.trim().strip_prefix("kinerja:")?;
    let parts: Vec<&str> = rest.split('/').collect();
    let [kind, unit, year, period, stage, version, source] = parts.as_slice() else { return None };
    let kind = DocKind::ALL.into_iter().find(|k| k.slug() == *kind)?;
    let period = [Period::Tahunan, Period::Tw1, Period::Tw2, Period::Tw3, Period::Tw4]
        .into_iter()
        .find(|p| p.slug() == *period)?;
    let stage = [Stage::Draft, Stage::Konsep, Stage::Final].into_iter().find(|s| s.slug() == *stage)?;
    let version = version.strip_prefix('v')?.parse().ok()?;
    let source = source.to_string();
    if unit.is_empty() || source.len() < 8 || !source.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let (unit, position) = match unit.split_once('.') {
        Some((u, p)) => (u, Some(p.to_string()).filter(|p| !p.is_empty())),
        None => (*unit, None),
    };
    Some((
        DocKey { unit_code: unit.to_string(), year: year.parse().ok()?, period, stage, kind, position },
        version,
        source,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back() {
        let key = DocKey {
            unit_code: "diskominfo".into(),
            year: 2024,
            period: Period::Tahunan,
            stage: Stage::Final,
            kind: DocKind::PengukuranKinerja,
            position: None,
        };
        let code = code(&key, 1, "3f1e73dd9a0f5b2c");
        assert_eq!(code, "kinerja:pengukuran-kinerja/diskominfo/2024/tahunan/final/v1/3f1e73dd9a0f");
        assert_eq!(parse_code(&code), Some((key, 1, "3f1e73dd9a0f".to_string())));
        // An official's document: the position after the unit's code.
        let official = DocKey {
            kind: DocKind::PerjanjianKinerja,
            position: Some("kepala-seksi-statistik".into()),
            ..parse_code(&code).unwrap().0
        };
        let code = super::code(&official, 2, "aabbccddeeff0011");
        assert_eq!(
            code,
            "kinerja:perjanjian-kinerja/diskominfo.kepala-seksi-statistik/2024/tahunan/final/v2/aabbccddeeff"
        );
        assert_eq!(parse_code(&code), Some((official, 2, "aabbccddeeff".to_string())));
        assert_eq!(parse_code("kinerja:pengukuran-kinerja/x/2024/tw5/final/v1/3f1e73dd9a0f"), None);
        assert_eq!(parse_code("https://contoh.go.id"), None);
    }
}
