//! Who, what and when a form is for: each key of an `Identitas` sheet beside it first, then what the
//! form says — the "Perangkat Daerah :" line, its title lines, the title of another form sheet of the
//! same workbook (a print sheet beside a data sheet), the sheet's name, the quarters it reports, and
//! its signature blocks. What neither gives is an error naming the key to add; the signer is not
//! required here (a draft is made without one; the konsep and the final ask for it, `stage::gate`).

use super::super::grid::address;
use super::super::grid::Sheet;
use super::super::kinerja::identitas::Given;
use super::header::Form;
use super::headings::Group;
use super::rows::Rows;
use super::signature;
use super::titles::{self, Titles};
use crate::findings::Findings;
use crate::model::{Evaluator, Identity, Period};

/// What beside the form's own sheet may name the government and the unit: the titles of the
/// workbook's other form sheets.
pub struct Beside<'a> {
    pub given: Option<&'a Given>,
    pub other_titles: &'a [Titles],
}

/// The code a unit is filed under: the abbreviation in brackets at the end of its name
/// ("… (BAPPEDALITBANG)" → "bappedalitbang"), else its name as a slug.
pub fn unit_code(unit: &str) -> String {
    let from_brackets = unit.trim_end().strip_suffix(')').and_then(|s| s.rsplit_once('(')).map(|(_, abbr)| abbr.trim());
    match from_brackets.filter(|a| (2..=24).contains(&a.chars().count()) && !a.contains(' ')) {
        Some(abbr) => crate::names::slug(abbr),
        None => crate::names::slug(unit),
    }
}

/// The latest quarter with a figure in the form's rows, and the cell of its heading: the period of
/// a form that names none.
fn latest_reported(sheet: &Sheet, form: &Form, rows: &Rows) -> Option<(Period, String)> {
    (1..=4u8).rev().find_map(|q| {
        let cols = form.cols(Group::Quarter(q))?;
        let filled = rows.data.iter().any(|&r| {
            [cols.k, cols.rp].into_iter().flatten().any(|c| match sheet.get(r, c) {
                calamine::Data::Float(x) => *x != 0.0,
                calamine::Data::Int(i) => *i != 0,
                _ => false,
            })
        });
        let period = [Period::Tw1, Period::Tw2, Period::Tw3, Period::Tw4][q as usize - 1];
        filled.then(|| (period, address(form.header_end, cols.k.unwrap_or(cols.first))))
    })
}

/// The identity of the form on `sheet`.
pub fn identity(sheet: &Sheet, form: &Form, rows: &Rows, beside: &Beside, f: &mut Findings) -> Option<Identity> {
    f.set_sheet(Some(&sheet.name));
    let empty = Given::default();
    let g = beside.given.unwrap_or(&empty);
    let titles = titles::read(sheet, form.header_row);
    let blocks = signature::blocks(sheet, rows.end);
    let signer = blocks.iter().rev().find(|b| !b.evaluates()).or(blocks.last());
    let evaluator_block =
        blocks.iter().find(|b| b.evaluates() && Some(b.nip_cell.as_str()) != signer.map(|s| s.nip_cell.as_str()));
    let header_cell = address(form.header_row, form.col(Group::Indikator).unwrap_or(0));
    let title_cell = titles.title.clone().or(titles.first.clone()).unwrap_or_else(|| header_cell.clone());
    let other = |pick: fn(&Titles) -> Option<String>| beside.other_titles.iter().find_map(pick);
    let government = g
        .government
        .clone()
        .or_else(|| titles.government.as_ref().map(|(t, _)| t.clone()))
        .or_else(|| other(|t| t.government.as_ref().map(|(x, _)| x.clone())));
    let unit_line = rows.unit.clone().or_else(|| titles.unit.clone());
    let unit = g
        .unit
        .clone()
        .or_else(|| unit_line.as_ref().map(|(u, _)| u.clone()))
        .or_else(|| other(|t| t.unit.as_ref().map(|(x, _)| x.clone())));
    let year = g
        .year
        .or_else(|| titles.year.as_ref().map(|(y, _)| *y))
        .or_else(|| form.names.get(&Group::TargetRenja).and_then(|t| titles::year_in(t)))
        .or(form.year)
        .or_else(|| signer.and_then(|s| s.date_text.as_deref()).and_then(titles::year_in));
    let quarters = (1..=4u8).any(|q| form.cols(Group::Quarter(q)).is_some());
    let mut period = g
        .period
        .or_else(|| signature::period_in(&sheet.name))
        .or_else(|| titles.period.as_ref().map(|(p, _)| *p))
        .or((!quarters).then_some(Period::Tahunan));
    if period.is_none() {
        // The form names no quarter: the latest one it reports (a quarter is reported after it ends).
        if let Some((p, cell)) = latest_reported(sheet, form, rows) {
            f.warning(
                Some(cell),
                format!(
                    "Formulir tidak menyebut triwulannya; dibaca sebagai {}, triwulan terakhir yang berisi realisasi.",
                    p.label()
                ),
                Some("Bila lain, tulis Periode di lembar Identitas (misalnya Triwulan III), atau sebutkan triwulannya di judul formulir.".into()),
            );
            period = Some(p);
        }
    }
    let mut missing = Vec::new();
    if government.is_none() {
        missing.push(("Pemerintah", "baris judul seperti \"Kabupaten …\", \"Kota …\" atau \"Provinsi …\""));
    }
    if unit.is_none() {
        missing.push((
            "Perangkat Daerah",
            "baris \"Perangkat Daerah : …\" di atas tabel, atau nama perangkat daerah di judul",
        ));
    }
    if year.is_none() {
        missing.push(("Tahun", "baris judul \"Tahun …\""));
    }
    if period.is_none() {
        missing.push((
            "Periode",
            "nama lembar seperti \"Realisasi TW IV\", judul \"Triwulan IV\", atau realisasi triwulan yang terisi",
        ));
    }
    for (key, wanted) in &missing {
        f.error(
            Some(title_cell.clone()),
            format!("{key} tidak ditemukan di formulir (dicari: {wanted})."),
            Some(format!("Tambahkan lembar Identitas di samping formulir dengan kunci \"{key}\" di kolom A dan nilainya di kolom B.")),
        );
    }
    let place = g.place.clone().or_else(|| signer.and_then(|s| s.place.as_ref().map(|(p, _)| p.clone())));
    let signer_title = g.signer_title.clone().or_else(|| signer.and_then(|s| s.title.clone()));
    let signer_name = g.signer_name.clone().or_else(|| signer.and_then(|s| s.name.clone()));
    let nip = g.nip.clone().or_else(|| signer.map(|s| s.nip.clone()));
    let date = g.date.or_else(|| signer.and_then(|s| s.date));
    if let (None, Some(s)) = (date, signer) {
        if let (Some(text), Some((_, cell))) = (&s.date_text, &s.place) {
            f.warning(
                Some(cell.clone()),
                format!("Tanggal penandatanganan \"{text}\" tanpa hari; dokumen memakai tanggal pembuatannya."),
                Some(format!("Tulis tanggal lengkap (misalnya 15 {text}), atau kunci Tanggal di lembar Identitas.")),
            );
        }
    }
    let unit_code = match (&g.unit_code, &unit) {
        (Some(code), _) => Some(code.clone()),
        // The unit named by an Identitas sheet: its code as the kinerja workbook makes it, so that
        // the batch's check of one workbook per document finds the same key either way.
        (None, Some(unit)) if g.unit.is_some() => Some(crate::names::slug(unit)).filter(|c| !c.is_empty()),
        (None, Some(unit)) => {
            let code = unit_code(unit);
            if code.is_empty() {
                f.error(
                    unit_line.as_ref().map(|(_, c)| c.clone()),
                    "Kode unit tidak dapat dibentuk dari nama perangkat daerah.",
                    Some("Tambahkan lembar Identitas dengan kunci \"Kode Unit\": singkatan nama perangkat daerah, huruf dan angka.".into()),
                );
                None
            } else {
                f.warning(
                    unit_line.as_ref().map(|(_, c)| c.clone()).or(Some(header_cell)),
                    format!("Formulir tidak menyebut Kode Unit; arsip memakai \"{code}\"."),
                    Some("Untuk kode lain, tambahkan lembar Identitas dengan kunci \"Kode Unit\".".into()),
                );
                Some(code)
            }
        }
        _ => None,
    };
    let evaluator = g.evaluator.clone().or_else(|| {
        evaluator_block
            .and_then(|b| Some(Evaluator { name: b.name.clone()?, title: b.title.clone(), nip: Some(b.nip.clone()) }))
    });
    // The end of the Renstra period: the last year its target's heading names ("2016 s/d 2021").
    let renstra_end = g
        .renstra_end
        .or_else(|| form.names.get(&Group::TargetRenstra).and_then(|t| super::headings::years_in(t).last().copied()));
    if !missing.is_empty() || !g.readable && beside.given.is_some() {
        return None;
    }
    let identity = Identity {
        government: government?,
        unit_name: unit?,
        address: g.address.clone(),
        unit_code: unit_code?,
        year: year?,
        period: period?,
        place,
        date,
        signer_title,
        signer_name,
        signer_rank: g.signer_rank.clone().or_else(|| signer.and_then(|s| s.rank.clone())),
        nip,
        logo: g.logo.clone(),
        agreement: g.agreement.clone(),
        evaluator,
        renstra_end,
        level: g.level,
        superior: g.superior.clone(),
        position: None,
    };
    let lacking = identity.missing_signer();
    if !lacking.is_empty() {
        f.warning(
            None,
            format!(
                "Penandatangan tidak ditemukan di formulir ({} tidak ada); draft dibuat tanpa penandatangan, konsep dan final memerlukannya.",
                lacking.join(", ")
            ),
            Some("Isi blok tanda tangan di bawah tabel (tempat dan tanggal, jabatan, nama, NIP), atau tambahkan lembar Identitas dengan kunci yang belum ada.".into()),
        );
    }
    Some(identity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_codes() {
        assert_eq!(
            unit_code("Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan (BAPPEDALITBANG)"),
            "bappedalitbang"
        );
        assert_eq!(unit_code("Dinas Kesehatan"), "dinas-kesehatan");
    }
}
