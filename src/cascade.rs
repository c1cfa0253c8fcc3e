//! The cascade (the pohon kinerja, sakip-cycle.md): the head's indicators carried down by the officials
//! below, each lower indicator supporting one higher indicator. What makes the tree whole is checked
//! here, each problem at its cell: every lower indicator names an existing indicator of its position's
//! superior; every higher indicator is supported or marked as the position's own; no loops; one holder
//! and one position above per position (the head excepted); the kegiatan under a program within the
//! program's pagu; the head's rows as the `Kinerja` sheet has them; a target marked as the sum of the
//! level below equal to that sum. [`Tree`] is the checked tree the documents draw.

use crate::compose::{self, DocContext, Dokumen, Identitas};
use crate::format::{self, entered, rupiah_plain};
use crate::model::{BudgetLine, CascadeIndicator, Indicator, Level, Person, Position, Target, Workbook};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One problem of the cascade, at its cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The sheet.
    pub sheet: String,
    /// The cell, when the problem has one.
    pub cell: Option<String>,
    /// What is wrong, in Bahasa Indonesia.
    pub message: String,
    /// What to do.
    pub hint: String,
}

/// The cascade as a tree of positions: the head at its root, each position's children in the sheet's
/// order.
#[derive(Debug)]
pub struct Tree<'a> {
    /// Every position, in the sheet's order.
    pub positions: &'a [Position],
    /// The head's index.
    pub head: usize,
    /// For each position, the positions directly below it.
    pub children: Vec<Vec<usize>>,
}

impl<'a> Tree<'a> {
    /// The tree of a workbook's cascade, when it has one with a head; the problems are [`problems`]'.
    pub fn of(wb: &'a Workbook) -> Option<Tree<'a>> {
        let positions = &wb.cascade;
        let head = head_of(positions)?;
        let index: HashMap<&str, usize> = positions.iter().enumerate().map(|(i, p)| (p.title.as_str(), i)).collect();
        let mut children = vec![vec![]; positions.len()];
        for (i, p) in positions.iter().enumerate() {
            if i == head {
                continue;
            }
            if let Some(&up) = p.superior.as_deref().and_then(|s| index.get(s)) {
                if up != i && reaches_head(positions, &index, i, head) {
                    children[up].push(i);
                }
            }
        }
        Some(Tree { positions, head, children })
    }

    /// The indicators directly supporting indicator `code`.
    pub fn supporters(&self, code: &str) -> Vec<&'a CascadeIndicator> {
        self.positions
            .iter()
            .flat_map(|p| p.indicators.iter())
            .filter(|x| x.supports.as_deref() == Some(code))
            .collect()
    }

    /// The position above `i`, when the tree has it.
    pub fn parent(&self, i: usize) -> Option<usize> {
        self.children.iter().position(|c| c.contains(&i))
    }
}

/// The head: the one eselon II position (the kepala perangkat daerah), else the one position without
/// a position above.
fn head_of(positions: &[Position]) -> Option<usize> {
    let heads: Vec<usize> =
        positions.iter().enumerate().filter(|(_, p)| p.level == Level::EselonIi).map(|(i, _)| i).collect();
    match heads.as_slice() {
        [h] => Some(*h),
        [] => {
            let roots: Vec<usize> =
                positions.iter().enumerate().filter(|(_, p)| p.superior.is_none()).map(|(i, _)| i).collect();
            (roots.len() == 1).then(|| roots[0])
        }
        _ => None,
    }
}

/// True when following the positions above from `i` reaches the head without a loop.
fn reaches_head(positions: &[Position], index: &HashMap<&str, usize>, mut i: usize, head: usize) -> bool {
    let mut seen = HashSet::new();
    while i != head {
        if !seen.insert(i) {
            return false;
        }
        match positions[i].superior.as_deref().and_then(|s| index.get(s)) {
            Some(&up) => i = up,
            None => return false,
        }
    }
    true
}

/// Every problem of the workbook's cascade (none without one).
pub fn problems(wb: &Workbook) -> Vec<Problem> {
    let positions = &wb.cascade;
    if positions.is_empty() {
        return vec![];
    }
    let mut out = Vec::new();
    let sheet = positions[0].origin.sheet.clone();
    let at = |cell: &Option<String>, message: String, hint: &str| Problem {
        sheet: sheet.clone(),
        cell: cell.clone(),
        message,
        hint: hint.to_string(),
    };
    let index: HashMap<&str, usize> = positions.iter().enumerate().map(|(i, p)| (p.title.as_str(), i)).collect();
    let Some(head) = head_of(positions) else {
        let heads: Vec<&str> =
            positions.iter().filter(|p| p.level == Level::EselonIi).map(|p| p.title.as_str()).collect();
        out.push(at(
            &positions[0].indicators[0].origin.holder,
            if heads.is_empty() {
                "Lembar Cascading tidak memuat kepala perangkat daerah (jenjang eselon II) sebagai puncak pohon kinerja."
                    .to_string()
            } else {
                format!("Lembar Cascading memuat {} jabatan eselon II ({}); pohon kinerja hanya punya satu puncak.", heads.len(), heads.join(", "))
            },
            "Tulis baris-baris kepala perangkat daerah (jenjang eselon II, indikator dan target seperti lembar Kinerja) sebagai puncak.",
        ));
        return out;
    };
    // Positions: the one above exists, is one level up, and the chain reaches the head.
    for (i, p) in positions.iter().enumerate() {
        let cell = &p.indicators[0].origin.superior;
        if i == head {
            continue;
        }
        let Some(above) = p.superior.as_deref() else {
            out.push(at(
                cell,
                format!("Jabatan \"{}\" tidak menyebut jabatan atasan.", p.title),
                "Tulis jabatan satu tingkat di atasnya, persis seperti di kolom Jabatan.",
            ));
            continue;
        };
        let Some(&up) = index.get(above) else {
            out.push(at(
                cell,
                format!("Jabatan atasan \"{above}\" dari \"{}\" tidak ada di kolom Jabatan.", p.title),
                "Tulis jabatan atasan persis seperti di kolom Jabatan baris-baris atasannya.",
            ));
            continue;
        };
        if !reaches_head(positions, &index, i, head) {
            out.push(at(
                cell,
                format!(
                    "Jabatan \"{}\" berputar: mengikuti jabatan atasannya tidak pernah sampai ke {}.",
                    p.title, positions[head].title
                ),
                "Periksa kolom Jabatan Atasan: setiap rantai atasan harus berakhir di kepala perangkat daerah.",
            ));
            continue;
        }
        if positions[up].level >= p.level {
            out.push(at(
                cell,
                format!(
                    "Jabatan \"{}\" ({}) berada di bawah \"{}\" ({}), yang tidak lebih tinggi.",
                    p.title,
                    p.level.label(),
                    positions[up].title,
                    positions[up].level.label()
                ),
                "Periksa jenjang dan jabatan atasannya.",
            ));
        }
    }
    // Each position's documents get a folder of their own: two titles that make one folder name would
    // share their versions.
    let mut folders: HashMap<String, &str> = HashMap::new();
    for p in positions {
        let slug = position_slug(&p.title);
        let cell = &p.indicators[0].origin.holder;
        if slug.is_empty() {
            out.push(at(
                cell,
                format!("Jabatan \"{}\" tidak memuat huruf atau angka untuk nama folder arsipnya.", p.title),
                "Tulis jabatan dengan huruf, misalnya Kepala Seksi Statistik.",
            ));
        } else if let Some(other) = folders.insert(slug.clone(), &p.title) {
            out.push(at(
                cell,
                format!(
                    "Jabatan \"{}\" dan \"{other}\" mendapat nama folder arsip yang sama ({slug}); PK keduanya akan tercampur.",
                    p.title
                ),
                "Bedakan nama jabatannya, misalnya dengan nama bidang atau seksinya.",
            ));
        }
    }
    // Indicators: each below the head supports one indicator of its position's superior.
    let owner: HashMap<&str, usize> = positions
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.indicators.iter().map(move |x| (x.code.as_str(), i)))
        .collect();
    for (i, p) in positions.iter().enumerate() {
        for x in &p.indicators {
            if i == head {
                if let Some(s) = &x.supports {
                    out.push(at(
                        &x.origin.supports,
                        format!("Indikator {} kepala perangkat daerah menyebut \"{s}\" di kolom Mendukung; puncak pohon tidak mendukung indikator lain di lembar ini.", x.code),
                        "Kosongkan kolom Mendukung pada baris kepala perangkat daerah.",
                    ));
                }
                continue;
            }
            let Some(s) = &x.supports else {
                out.push(at(
                    &x.origin.supports,
                    format!("Indikator {} ({}) tidak menyebut indikator atasan yang didukungnya.", x.code, x.name),
                    "Tulis di kolom Mendukung kode satu indikator jabatan atasannya.",
                ));
                continue;
            };
            match owner.get(s.as_str()) {
                None => out.push(at(
                    &x.origin.supports,
                    format!("Indikator {} mendukung \"{s}\", yang tidak ada di lembar ini.", x.code),
                    "Tulis kode indikator jabatan atasan persis seperti di kolom Kode.",
                )),
                Some(&o) if Some(o) != p.superior.as_deref().and_then(|a| index.get(a)).copied() => out.push(at(
                    &x.origin.supports,
                    format!(
                        "Indikator {} ({}) mendukung {s}, indikator \"{}\", bukan indikator jabatan atasannya \"{}\".",
                        x.code,
                        p.title,
                        positions[o].title,
                        p.superior.as_deref().unwrap_or("—")
                    ),
                    "Indikator mendukung indikator atasan langsungnya; periksa kolom Mendukung atau Jabatan Atasan.",
                )),
                Some(_) => {}
            }
        }
    }
    // Loops among indicators (a code supporting itself through others).
    let supports: HashMap<&str, &str> = positions
        .iter()
        .flat_map(|p| p.indicators.iter())
        .filter_map(|x| x.supports.as_deref().map(|s| (x.code.as_str(), s)))
        .collect();
    for x in positions.iter().flat_map(|p| p.indicators.iter()) {
        let mut seen = HashSet::new();
        let mut c = x.code.as_str();
        while let Some(&up) = supports.get(c) {
            if !seen.insert(c) {
                out.push(at(
                    &x.origin.supports,
                    format!("Indikator {} berputar: rantai kolom Mendukung kembali ke dirinya.", x.code),
                    "Setiap indikator mendukung indikator satu tingkat di atasnya, sampai ke kepala perangkat daerah.",
                ));
                break;
            }
            c = up;
        }
    }
    // Every indicator above the staff is supported, or the position's own.
    for p in positions.iter().filter(|p| p.level != Level::Staf) {
        let has_below = positions.iter().any(|q| q.superior.as_deref() == Some(p.title.as_str()));
        for x in p.indicators.iter().filter(|x| !x.own) {
            if has_below && !supports.values().any(|s| *s == x.code) {
                out.push(at(
                    &x.origin.code,
                    format!("Indikator {} ({}, {}) tidak didukung indikator mana pun di bawahnya.", x.code, x.name, p.title),
                    "Tulis kodenya di kolom Mendukung indikator bawahan yang mendukungnya, atau isi Indikator Sendiri dengan ya bila memang dikerjakan sendiri.",
                ));
            }
        }
    }
    // A target marked as the sum of the level below is that sum.
    for x in positions.iter().flat_map(|p| p.indicators.iter()).filter(|x| x.sum_of_below) {
        let below: Vec<&CascadeIndicator> = positions
            .iter()
            .flat_map(|p| p.indicators.iter())
            .filter(|y| y.supports.as_deref() == Some(&x.code))
            .collect();
        let sum = format::decimal(below.iter().map(|y| single(y.target)).sum());
        if !below.is_empty() && !format::same(sum, single(x.target), 4) {
            let parts: Vec<String> =
                below.iter().map(|y| format!("{} {}", y.code, entered(single(y.target)))).collect();
            out.push(at(
                &x.origin.target,
                format!(
                    "Target indikator {} ({}) {}, tetapi jumlah target indikator bawahannya {} ({}).",
                    x.code,
                    x.name,
                    entered(single(x.target)),
                    entered(sum),
                    parts.join(" + ")
                ),
                "Samakan target dengan jumlah target bawahan, atau kosongkan Jumlah dari Bawahan.",
            ));
        }
    }
    // Budgets: the kegiatan carried below a program (through the indicators supporting the program's
    // indicators), each counted once, within the program's pagu; likewise sub kegiatan under a kegiatan.
    let all: Vec<&CascadeIndicator> = positions.iter().flat_map(|p| p.indicators.iter()).collect();
    for p in positions {
        let mut seen = HashSet::new();
        for x in &p.indicators {
            let Some((name, Some(pagu))) = x.budget.as_ref().map(|b| (b.name.as_str(), b.pagu)) else { continue };
            if !seen.insert(name) {
                continue;
            }
            let codes: Vec<&str> = p
                .indicators
                .iter()
                .filter(|y| y.budget.as_ref().is_some_and(|b| b.name == name))
                .map(|y| y.code.as_str())
                .collect();
            let mut below: BTreeMap<&str, f64> = BTreeMap::new();
            for y in all.iter().filter(|y| y.supports.as_deref().is_some_and(|s| codes.contains(&s))) {
                if let Some((n, Some(pg))) = y.budget.as_ref().map(|b| (b.name.as_str(), b.pagu)) {
                    if n != name {
                        below.insert(n, pg);
                    }
                }
            }
            let sum = format::decimal(below.values().sum());
            if sum > pagu + 0.005 {
                let parts: Vec<String> = below.iter().map(|(n, pg)| format!("{n} Rp {}", rupiah_plain(*pg))).collect();
                out.push(at(
                    &x.origin.pagu,
                    format!(
                        "Pagu di bawah {name} berjumlah Rp {}, melebihi pagunya Rp {}: {}.",
                        rupiah_plain(sum),
                        rupiah_plain(pagu),
                        parts.join("; ")
                    ),
                    "Periksa pagu kegiatan (atau sub kegiatan) di bawahnya, atau pagu program itu.",
                ));
            }
        }
    }
    // The head's rows are the Kinerja sheet's: the same indicators with the same targets.
    let h = &positions[head];
    for x in &h.indicators {
        match wb.indicators.iter().find(|i| i.code == x.code) {
            None => out.push(at(
                &x.origin.code,
                format!("Indikator {} ({}) kepala perangkat daerah tidak ada di lembar Kinerja.", x.code, x.name),
                "Baris kepala perangkat daerah memakai kode dan target indikatornya di lembar Kinerja.",
            )),
            Some(i) if !crate::archive::changes::same_target(&i.target, &x.target) => out.push(at(
                &x.origin.target,
                format!(
                    "Target indikator {} di lembar Cascading {}, di lembar Kinerja {}.",
                    x.code,
                    x.target.text(entered),
                    i.target.text(entered)
                ),
                "Samakan targetnya: pohon kinerja bermula dari target Perjanjian Kinerja kepala perangkat daerah.",
            )),
            Some(_) => {}
        }
    }
    for i in wb.indicators.iter().filter(|i| !h.indicators.iter().any(|x| x.code == i.code)) {
        out.push(at(
            &h.indicators[0].origin.code,
            format!(
                "Indikator {} ({}) lembar Kinerja tidak ada di baris kepala perangkat daerah lembar Cascading.",
                i.code, i.name
            ),
            "Tambahkan baris untuknya pada jabatan kepala perangkat daerah.",
        ));
    }
    out
}

/// A target as one number (a range by its upper bound).
fn single(t: Target) -> f64 {
    match t {
        Target::Single(v) => v,
        Target::Range(_, hi) => hi,
    }
}

/// The data of the pohon kinerja's template (`pohon-kinerja.typ.j2`).
#[derive(Debug, Clone, Serialize)]
pub struct PohonData {
    /// About the document itself.
    pub dokumen: Dokumen,
    /// The letterhead and the unit.
    pub identitas: Identitas,
    /// What changed since the previous version.
    pub perubahan: Vec<String>,
    /// The tree, one part per sasaran of the head (each drawn on its own page).
    pub pohon: Vec<Bagian>,
    /// Each problem of the cascade, one line (the draft shows them; the final has none).
    pub masalah: Vec<String>,
}

/// One sasaran of the head with the positions that carry it.
#[derive(Debug, Clone, Serialize)]
pub struct Bagian {
    /// "Sasaran 1: …".
    pub judul: String,
    /// The head, with only this sasaran's indicators, and below it what supports them.
    pub akar: Simpul,
    /// How many positions it draws (for the template's choice of scale).
    pub jabatan: usize,
}

/// One position of the tree, with the indicators it carries for this part.
#[derive(Debug, Clone, Serialize)]
pub struct Simpul {
    /// The position's title.
    pub jabatan: String,
    /// "eselon III" …
    pub jenjang: &'static str,
    /// The holder's name.
    pub nama: String,
    /// Its indicators in this part.
    pub indikator: Vec<Butir>,
    /// The positions below it that carry any of them.
    pub anak: Vec<Simpul>,
}

/// One indicator in a box.
#[derive(Debug, Clone, Serialize)]
pub struct Butir {
    /// Its code.
    pub kode: String,
    /// Its name.
    pub nama: String,
    /// Its target with its satuan.
    pub target: String,
    /// The code it supports, when it supports one.
    pub mendukung: Option<String>,
}

impl Tree<'_> {
    /// The codes of the indicators below `code` (supporting it, directly or further down).
    fn below(&self, code: &str, out: &mut HashSet<String>) {
        for x in self.supporters(code) {
            if out.insert(x.code.clone()) {
                self.below(&x.code, out);
            }
        }
    }

    /// The box of position `i` with only the indicators in `codes`, and its children that have any.
    fn simpul(&self, i: usize, codes: &HashSet<String>) -> Option<Simpul> {
        let p = &self.positions[i];
        let indikator: Vec<Butir> = p
            .indicators
            .iter()
            .filter(|x| codes.contains(&x.code))
            .map(|x| Butir {
                kode: x.code.clone(),
                nama: x.name.clone(),
                target: crate::pk::target_text(x.target, &x.satuan),
                mendukung: x.supports.clone(),
            })
            .collect();
        if indikator.is_empty() {
            return None;
        }
        Some(Simpul {
            jabatan: p.title.clone(),
            jenjang: p.level.label(),
            nama: p.holder.name.clone(),
            indikator,
            anak: self.children[i].iter().filter_map(|&c| self.simpul(c, codes)).collect(),
        })
    }
}

/// The pohon kinerja's data: one part per sasaran of the head.
pub fn data(wb: &Workbook, ctx: &DocContext, logo_file: Option<String>) -> PohonData {
    let id = &wb.identity;
    let mut pohon = Vec::new();
    if let Some(tree) = Tree::of(wb) {
        let head = &tree.positions[tree.head];
        let mut sasaran: Vec<&str> = Vec::new();
        for x in &head.indicators {
            if !sasaran.contains(&x.sasaran.as_str()) {
                sasaran.push(&x.sasaran);
            }
        }
        for (n, s) in sasaran.iter().enumerate() {
            let mut codes = HashSet::new();
            for x in head.indicators.iter().filter(|x| x.sasaran == *s) {
                codes.insert(x.code.clone());
                tree.below(&x.code, &mut codes);
            }
            if let Some(akar) = tree.simpul(tree.head, &codes) {
                fn count(s: &Simpul) -> usize {
                    1 + s.anak.iter().map(count).sum::<usize>()
                }
                pohon.push(Bagian { judul: format!("Sasaran {}: {s}", n + 1), jabatan: count(&akar), akar });
            }
        }
    }
    PohonData {
        dokumen: compose::dokumen(id, ctx),
        identitas: compose::identitas(id, ctx, logo_file),
        perubahan: ctx.changes.clone(),
        pohon,
        masalah: problems(wb)
            .into_iter()
            .map(|p| match p.cell {
                Some(c) => format!("{}!{c}: {}", p.sheet, p.message),
                None => p.message,
            })
            .collect(),
    }
}

/// The workbook of one official's own Perjanjian Kinerja: position `i` of the cascade as its signer
/// (pihak pertama), the holder of the position above as pihak kedua, its indicators and targets, its
/// kegiatan or sub kegiatan with their pagu. Everything the PK's rules (`pk::Promise`) and documents use,
/// and only that: a changed target of one official changes this workbook of that official alone.
pub fn official(wb: &Workbook, tree: &Tree, i: usize) -> Workbook {
    let p = &tree.positions[i];
    let above = tree.parent(i).map(|a| &tree.positions[a]);
    let mut identity = wb.identity.clone();
    identity.signer_title = Some(p.title.clone());
    identity.signer_name = Some(p.holder.name.clone());
    identity.signer_rank = p.holder.rank.clone();
    identity.nip = p.holder.nip.clone();
    identity.level = Some(p.level);
    identity.superior = above.map(|a| Person {
        name: a.holder.name.clone(),
        title: a.title.clone(),
        rank: a.holder.rank.clone(),
        nip: a.holder.nip.clone(),
    });
    identity.position = Some(position_slug(&p.title));
    // The unit's PK number, its evaluator and its Renstra are the head's, not the official's.
    identity.agreement = wb.identity.agreement.clone().map(|a| crate::model::Agreement { number: None, ..a });
    identity.evaluator = None;
    identity.renstra_end = None;
    let indicators = p
        .indicators
        .iter()
        .map(|x| Indicator {
            target_quarters: x.target_quarters,
            ..Indicator::planned(
                x.code.clone(),
                x.sasaran.clone(),
                x.name.clone(),
                x.satuan.clone(),
                x.target,
                crate::model::Origin {
                    sheet: x.origin.sheet.clone(),
                    row: x.origin.row,
                    target_cell: x.origin.target.clone(),
                    ..Default::default()
                },
            )
        })
        .collect();
    // Each kegiatan (or sub kegiatan) once, with its pagu, in the order of the rows.
    let mut budget: Vec<BudgetLine> = Vec::new();
    for x in &p.indicators {
        let Some(b) = &x.budget else { continue };
        match budget.iter_mut().find(|l| l.name == b.name) {
            Some(l) => l.indicator_codes.push(x.code.clone()),
            None => budget.push(BudgetLine {
                name: b.name.clone(),
                pagu: b.pagu.unwrap_or(0.0),
                realisation: 0.0,
                indicator_codes: vec![x.code.clone()],
                stated_serapan: None,
                note: None,
                origin: Default::default(),
            }),
        }
    }
    Workbook {
        identity,
        settings: wb.settings.clone(),
        indicators,
        budget,
        evaluations: vec![],
        action_plans: vec![],
        pk_actions: vec![],
        cascade: vec![],
        narrative: vec![],
    }
}

/// The folder and file name of a position: its title as a slug (a title that makes no slug of its own
/// is the position's row).
pub fn position_slug(title: &str) -> String {
    crate::names::slug(title)
}

/// The officials whose PKs the cascade makes: every position but the head's, in the sheet's order.
pub fn officials(tree: &Tree) -> Vec<usize> {
    (0..tree.positions.len()).filter(|&i| i != tree.head && tree.parent(i).is_some()).collect()
}
