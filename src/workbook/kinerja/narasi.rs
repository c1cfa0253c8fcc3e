//! Sheet `Narasi LKjIP` (optional): the office's own words for its Laporan Kinerja — one row per
//! passage, naming the section it belongs to ([`SECTIONS`], the one place the sections are listed),
//! its text as typed (each line of a cell a paragraph), and optionally a picture beside the workbook
//! (the organisation chart), checked as the logo is. Its columns are [`TABLE`]. A blank Bagian
//! continues the section above, so a long section takes as many rows as it needs.

use super::super::grid::{self, address, Sheet};
use super::super::table::{self, Column, Header, TableSpec};
use crate::findings::Findings;
use crate::model::{Indicator, Origin, Passage, Section};
use crate::names::normalize;
use std::path::Path;

/// A column of `Narasi LKjIP`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    Bagian,
    Uraian,
    Gambar,
    KeteranganGambar,
    /// A running number: known, and not used.
    Nomor,
}

/// The table: its sheet and columns.
pub const TABLE: TableSpec<Col> = TableSpec {
    sheet: "Narasi LKjIP",
    sheet_aliases: &["narasilkjip", "narasi", "narasilaporankinerja", "lkjip", "laporankinerja", "uraianlkjip"],
    columns: &[
        Column {
            field: Col::Bagian,
            name: "Bagian",
            aliases: &["bagian", "bab", "bagianlaporan", "subbab", "bagianlkjip"],
            required: true,
            help: "Bagian Laporan Kinerja yang diisi (lihat daftar bagian di bawah): Ikhtisar Eksekutif, Gambaran Umum, Tugas dan Fungsi, Struktur Organisasi, Sumber Daya Manusia, Isu Strategis, Rencana Strategis, Analisis Sasaran 1 (atau Analisis Sasaran dan nama sasarannya), Kesimpulan, Langkah Perbaikan. Kosong berarti sama dengan baris di atasnya, sehingga satu bagian boleh beberapa baris.",
        },
        Column {
            field: Col::Uraian,
            name: "Uraian",
            aliases: &["uraian", "isi", "teks", "narasi", "uraiannarasi"],
            required: true,
            help: "Teks bagian itu, persis seperti akan dicetak; setiap baris dalam sel (Alt+Enter) menjadi satu paragraf. Satu sel paling banyak 2.000 karakter: bagi teks panjang ke beberapa baris.",
        },
        Column {
            field: Col::Gambar,
            name: "Gambar",
            aliases: &["gambar", "berkasgambar", "bagan", "namaberkasgambar"],
            required: false,
            help: "Nama berkas gambar (PNG, JPG, SVG) di folder yang sama dengan buku kerja, misalnya bagan organisasi; dicetak di bawah teks baris itu.",
        },
        Column {
            field: Col::KeteranganGambar,
            name: "Keterangan Gambar",
            aliases: &["keterangangambar", "judulgambar", "namagambar"],
            required: false,
            help: "Judul gambar di bawahnya, misalnya Bagan Struktur Organisasi; bila kosong dipakai nama bagiannya.",
        },
        Column { field: Col::Nomor, name: "No", aliases: &["no", "nomor"], required: false, help: "" },
    ],
    pattern: None,
    sub_header: None,
};

/// One section as the reference describes it.
#[derive(Debug)]
pub struct SectionSpec {
    /// The section.
    pub section: Section,
    /// Its name, as the Bagian column and the reference write it.
    pub name: &'static str,
    /// Every name it is recognised by, normalised: its own and the aliases.
    pub aliases: &'static [&'static str],
    /// Where the Laporan Kinerja prints it.
    pub place: &'static str,
}

/// Every section, in the order of the report.
pub const SECTIONS: &[SectionSpec] = &[
    SectionSpec {
        section: Section::Ikhtisar,
        name: "Ikhtisar Eksekutif",
        aliases: &["ikhtisareksekutif", "ikhtisar", "ringkasaneksekutif", "ringkasan"],
        place: "Ikhtisar Eksekutif, setelah ringkasan angka yang dihitung",
    },
    SectionSpec {
        section: Section::GambaranUmum,
        name: "Gambaran Umum",
        aliases: &["gambaranumum", "gambaranumumorganisasi", "latarbelakang", "pendahuluan"],
        place: "Bab I Pendahuluan",
    },
    SectionSpec {
        section: Section::TugasFungsi,
        name: "Tugas dan Fungsi",
        aliases: &["tugasdanfungsi", "tugaspokokdanfungsi", "tupoksi", "kedudukantugasdanfungsi", "tugasfungsi"],
        place: "Bab I Pendahuluan",
    },
    SectionSpec {
        section: Section::StrukturOrganisasi,
        name: "Struktur Organisasi",
        aliases: &["strukturorganisasi", "struktur", "susunanorganisasi", "organisasi"],
        place: "Bab I Pendahuluan (dengan bagan organisasi di kolom Gambar)",
    },
    SectionSpec {
        section: Section::SumberDayaManusia,
        name: "Sumber Daya Manusia",
        aliases: &["sumberdayamanusia", "sdm", "kepegawaian", "sumberdayaaparatur"],
        place: "Bab I Pendahuluan",
    },
    SectionSpec {
        section: Section::IsuStrategis,
        name: "Isu Strategis",
        aliases: &["isustrategis", "permasalahanutama", "isustrategisdanpermasalahan", "permasalahan"],
        place: "Bab I Pendahuluan",
    },
    SectionSpec {
        section: Section::RencanaStrategis,
        name: "Rencana Strategis",
        aliases: &["rencanastrategis", "renstra", "visimisi", "visidanmisi"],
        place: "Bab II Perencanaan Kinerja: Renstra secara ringkas (visi, misi, tujuan, sasaran)",
    },
    SectionSpec {
        section: Section::AnalisisSasaran,
        name: "Analisis Sasaran",
        aliases: &[],
        place:
            "Bab III A, di sasaran yang disebut nomor atau namanya: Analisis Sasaran 1, Analisis Sasaran Meningkatnya …",
    },
    SectionSpec {
        section: Section::Kesimpulan,
        name: "Kesimpulan",
        aliases: &["kesimpulan", "simpulan", "penutup"],
        place: "Bab IV Penutup",
    },
    SectionSpec {
        section: Section::LangkahPerbaikan,
        name: "Langkah Perbaikan",
        aliases: &["langkahperbaikan", "saran", "rencanatindaklanjut", "langkahkedepan", "rekomendasi", "perbaikan"],
        place: "Bab IV Penutup",
    },
];

impl Section {
    /// The reference's description of the section.
    pub fn spec(self) -> &'static SectionSpec {
        SECTIONS.iter().find(|s| s.section == self).expect("every section is in SECTIONS")
    }

    /// The name the reference gives it.
    pub fn name(self) -> &'static str {
        self.spec().name
    }
}

/// The section a Bagian cell names, and for an analysis the sasaran it names (number or name as
/// written); None when it names no section. An analysis without its sasaran names `Some("")`.
pub fn section_of(text: &str) -> Option<(Section, Option<String>)> {
    let n = normalize(text);
    if let Some(s) = SECTIONS.iter().find(|s| s.aliases.contains(&n.as_str())) {
        return Some((s.section, None));
    }
    // "Analisis Sasaran 1", "Analisis Capaian Sasaran: Meningkatnya …", "Sasaran 2".
    let mut rest = text.trim();
    let mut words = 0;
    for word in ["analisis", "capaian", "sasaran", "strategis"] {
        if rest.get(..word.len()).is_some_and(|p| p.eq_ignore_ascii_case(word)) {
            rest =
                rest[word.len()..].trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == '-' || c == '–');
            words += 1;
        }
    }
    let named = normalize(text);
    (words >= 2 || (words == 1 && named.starts_with("sasaran")))
        .then(|| (Section::AnalisisSasaran, Some(rest.trim().trim_end_matches('.').to_string())))
}

/// Reads the rows. A Bagian that names no section, an analysis that names no sasaran, and a picture
/// that cannot be used are errors at their cells; an analysis naming none of the workbook's sasaran is
/// a warning.
pub fn read(
    sheet: &Sheet,
    header: &Header<Col>,
    path: &Path,
    indicators: &[Indicator],
    f: &mut Findings,
) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut current: Option<(Section, Option<String>)> = None;
    for row in table::data_rows(sheet, header, &TABLE, f) {
        let cell = |field| header.cell(row, field);
        let text = header.text(sheet, row, Col::Uraian).unwrap_or_default();
        let picture = header.text(sheet, row, Col::Gambar);
        if let Some(bagian) = header.text(sheet, row, Col::Bagian) {
            match section_of(&bagian) {
                Some((Section::AnalisisSasaran, Some(s))) if s.is_empty() => {
                    f.error(
                        cell(Col::Bagian),
                        "Analisis sasaran tanpa sasarannya: sebut nomor atau nama sasaran.".to_string(),
                        Some("Tulis misalnya Analisis Sasaran 1, atau Analisis Sasaran Meningkatnya keterbukaan informasi publik.".into()),
                    );
                    current = None;
                    continue;
                }
                Some((section, sasaran)) => {
                    if let Some(s) = &sasaran {
                        check_sasaran(s, cell(Col::Bagian), indicators, f);
                    }
                    current = Some((section, sasaran));
                }
                None => {
                    let names: Vec<&str> = SECTIONS.iter().map(|s| s.name).collect();
                    f.error(
                        cell(Col::Bagian),
                        format!(
                            "Bagian \"{}\" tidak dikenal; teksnya tidak dapat ditempatkan di Laporan Kinerja.",
                            grid::shorten(&bagian)
                        ),
                        Some(format!(
                            "Tulis salah satu bagian: {} (dengan nomor atau nama sasarannya).",
                            names.join(", ")
                        )),
                    );
                    current = None;
                    continue;
                }
            }
        } else if current.is_none() {
            if text.is_empty() && picture.is_none() {
                continue;
            }
            f.error(
                cell(Col::Bagian),
                "Bagian kosong dan tidak ada baris di atasnya untuk diikuti.".to_string(),
                Some("Isi Bagian pada baris ini, misalnya Gambaran Umum.".into()),
            );
            continue;
        }
        let Some((section, sasaran)) = current.clone() else { continue };
        if let Some(p) = &picture {
            if let Err(reason) = crate::logo::resolve(path, p) {
                f.error(
                    cell(Col::Gambar),
                    format!("Gambar \"{}\" tidak dapat dipakai: {reason}.", grid::shorten(p)),
                    Some("Simpan berkas gambar (PNG, JPG atau SVG) di folder yang sama dengan buku kerja dan tulis namanya saja, misalnya bagan-organisasi.png.".into()),
                );
                continue;
            }
        }
        if text.is_empty() && picture.is_none() {
            continue;
        }
        out.push(Passage {
            section,
            sasaran,
            text,
            picture,
            caption: header.text(sheet, row, Col::KeteranganGambar),
            origin: Origin {
                sheet: sheet.name.clone(),
                row: row + 1,
                target_cell: header.col(Col::Uraian).map(|c| address(row, c)),
                ..Origin::default()
            },
        });
    }
    out
}

/// Warns when an analysis names none of the workbook's sasaran (by number in their order, or by name).
fn check_sasaran(reference: &str, cell: Option<String>, indicators: &[Indicator], f: &mut Findings) {
    let mut sasaran: Vec<&str> = Vec::new();
    for i in indicators {
        if !sasaran.contains(&i.sasaran.as_str()) {
            sasaran.push(&i.sasaran);
        }
    }
    if sasaran.is_empty() || names_sasaran(reference, &sasaran).is_some() {
        return;
    }
    f.warning(
        cell,
        format!("Sasaran \"{}\" tidak ditemukan di lembar Kinerja (nomor atau nama).", grid::shorten(reference)),
        Some(format!(
            "Tulis nomor sasaran (1 sampai {}) atau namanya persis seperti di lembar Kinerja.",
            sasaran.len()
        )),
    );
}

/// The index of the sasaran a reference names: its number in order (1-based), else its name.
pub fn names_sasaran(reference: &str, sasaran: &[&str]) -> Option<usize> {
    let r = reference.trim();
    if let Ok(k) = r.parse::<usize>() {
        return (1..=sasaran.len()).contains(&k).then(|| k - 1);
    }
    let n = normalize(r);
    sasaran.iter().position(|s| normalize(s) == n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_as_offices_write_them() {
        assert_eq!(section_of("Gambaran Umum"), Some((Section::GambaranUmum, None)));
        assert_eq!(section_of("TUPOKSI"), Some((Section::TugasFungsi, None)));
        assert_eq!(section_of("SDM"), Some((Section::SumberDayaManusia, None)));
        assert_eq!(section_of("Analisis Sasaran 2"), Some((Section::AnalisisSasaran, Some("2".into()))));
        assert_eq!(
            section_of("Analisis Capaian Sasaran: Meningkatnya keterbukaan informasi publik"),
            Some((Section::AnalisisSasaran, Some("Meningkatnya keterbukaan informasi publik".into())))
        );
        assert_eq!(section_of("Sasaran 1"), Some((Section::AnalisisSasaran, Some("1".into()))));
        assert_eq!(section_of("Analisis Sasaran"), Some((Section::AnalisisSasaran, Some(String::new()))));
        assert_eq!(section_of("Lampiran"), None);
        for s in SECTIONS.iter().filter(|s| s.section != Section::AnalisisSasaran) {
            assert_eq!(section_of(s.name), Some((s.section, None)), "{}", s.name);
        }
    }

    #[test]
    fn a_sasaran_by_number_or_name() {
        let s = ["Meningkatnya A", "Meningkatnya B"];
        assert_eq!(names_sasaran("2", &s), Some(1));
        assert_eq!(names_sasaran("meningkatnya  a", &s), Some(0));
        assert_eq!(names_sasaran("3", &s), None);
        assert_eq!(names_sasaran("Menurunnya C", &s), None);
    }
}
