//! The workbooks tests start from, written with rust_xlsxwriter: the examples shipped in `input/`,
//! the filled example and the empty template that `kinerja init` writes (shipped as files in
//! `templates/buku-kerja/`; `shipped_workbooks_are_what_the_tests_describe` checks them against
//! these descriptions), and the fixtures each test changes cell by cell. A workbook is a list of
//! sheets of typed cells, placed anywhere, with merged cells, percent formats, dates and cached
//! formulas, as people make them.

#![allow(dead_code)]

use kinerja::workbook::kinerja::identitas::{self, KEYS};
use kinerja::workbook::kinerja::{anggaran, cascading, evaluasi, indikator, narasi, rencana_aksi, rencana_aksi_pk};
use kinerja::workbook::table::TableSpec;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, XlsxError};
use std::path::Path;

/// One cell as a person would have typed it.
#[derive(Debug, Clone)]
pub enum V {
    /// Text.
    T(String),
    /// A number cell.
    N(f64),
    /// A number cell formatted as a percentage (holds the fraction).
    P(f64),
    /// A date cell (year, month, day).
    D(u16, u8, u8),
    /// A formula with its cached result.
    F(String, f64),
    /// A formula whose cached result is an error such as `#DIV/0!`.
    Err(String),
    /// An empty cell.
    B,
}

/// Text cell.
pub fn t(s: &str) -> V {
    V::T(s.to_string())
}

/// Number cell.
pub fn n(x: f64) -> V {
    V::N(x)
}

/// One sheet: name, first row and column (0-based), rows of cells, merged ranges.
#[derive(Debug, Clone)]
pub struct SheetSpec {
    pub name: String,
    pub origin: (u32, u16),
    pub rows: Vec<Vec<V>>,
    pub merges: Vec<(u32, u16, u32, u16)>,
}

/// A workbook under construction.
#[derive(Debug, Clone, Default)]
pub struct Book {
    pub sheets: Vec<SheetSpec>,
    /// Single cells placed anywhere on a sheet, after its rows: (sheet, row, column, cell).
    pub cells: Vec<(String, u32, u16, V)>,
}

impl Book {
    pub fn new() -> Self {
        Book::default()
    }

    /// Adds a sheet starting at A1.
    pub fn sheet(self, name: &str, rows: Vec<Vec<V>>) -> Self {
        self.sheet_at(name, 0, 0, rows)
    }

    /// Adds a sheet whose first cell is at (row, col).
    pub fn sheet_at(mut self, name: &str, row: u32, col: u16, rows: Vec<Vec<V>>) -> Self {
        self.sheets.push(SheetSpec { name: name.into(), origin: (row, col), rows, merges: vec![] });
        self
    }

    /// The sheet called `name`, to change it.
    pub fn get(&mut self, name: &str) -> &mut SheetSpec {
        self.sheets.iter_mut().find(|s| s.name == name).expect("sheet")
    }

    /// Puts one cell at (row, col) of the sheet called `name`, however far from its table.
    pub fn cell(mut self, name: &str, row: u32, col: u16, v: V) -> Self {
        self.cells.push((name.into(), row, col, v));
        self
    }

    /// Removes the sheet called `name`.
    pub fn without(mut self, name: &str) -> Self {
        self.sheets.retain(|s| s.name != name);
        self
    }

    /// Writes the workbook to `path`.
    pub fn save(&self, path: &Path) -> Result<(), XlsxError> {
        let mut wb = Workbook::new();
        let percent = Format::new().set_num_format("0.00%");
        let date = Format::new().set_num_format("d mmmm yyyy");
        for spec in &self.sheets {
            let ws = wb.add_worksheet();
            ws.set_name(&spec.name)?;
            let mut write = |r: u32, c: u16, cell: &V| -> Result<(), XlsxError> {
                match cell {
                    V::T(s) => ws.write_string(r, c, s).map(|_| ()),
                    V::N(x) => ws.write_number(r, c, *x).map(|_| ()),
                    V::P(x) => ws.write_number_with_format(r, c, *x, &percent).map(|_| ()),
                    V::D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d)?;
                        ws.write_datetime_with_format(r, c, &dt, &date).map(|_| ())
                    }
                    V::F(f, v) => ws.write_formula(r, c, Formula::new(f).set_result(v.to_string())).map(|_| ()),
                    V::Err(e) => ws.write_formula(r, c, Formula::new("=1/0").set_result(e)).map(|_| ()),
                    V::B => Ok(()),
                }
            };
            for (i, row) in spec.rows.iter().enumerate() {
                let r = spec.origin.0 + i as u32;
                for (j, cell) in row.iter().enumerate() {
                    write(r, spec.origin.1 + j as u16, cell)?;
                }
            }
            for (_, r, c, cell) in self.cells.iter().filter(|(s, ..)| *s == spec.name) {
                write(*r, *c, cell)?;
            }
            for &(r0, c0, r1, c1) in &spec.merges {
                let first = spec.rows[(r0 - spec.origin.0) as usize].get((c0 - spec.origin.1) as usize);
                let text = match first {
                    Some(V::T(s)) => s.clone(),
                    _ => String::new(),
                };
                ws.merge_range(r0, c0, r1, c1, &text, &Format::new())?;
            }
        }
        wb.save(path)
    }
}

/// A small office for a test: `Identitas` with every required key (the unit `name` with `code`, the
/// `year` and `period`) and the `extra` keys, and a `Kinerja` sheet of `header` and `rows`.
pub fn office(
    name: &str,
    code: &str,
    year: i32,
    period: &str,
    extra: &[(&str, V)],
    header: &[&str],
    rows: Vec<Vec<V>>,
) -> Book {
    let mut id = vec![
        ("Pemerintah", t("Pemerintah Kabupaten Contoh")),
        ("Perangkat Daerah", t(name)),
        ("Kode Unit", t(code)),
        ("Tahun", n(year as f64)),
        ("Periode", t(period)),
        ("Tempat", t("Contoh")),
        ("Jabatan Penandatangan", t(&format!("Kepala {name}"))),
        ("Nama Penandatangan", t("NAMA KEPALA")),
        ("NIP", t("197203141998031007")),
    ];
    id.extend(extra.iter().cloned());
    let mut kinerja = vec![header.iter().map(|h| t(h)).collect::<Vec<V>>()];
    kinerja.extend(rows);
    Book::new().sheet("Identitas", identitas(&id)).sheet("Kinerja", kinerja)
}

/// The `Identitas` sheet of an office, as key/value rows.
pub fn identitas(pairs: &[(&str, V)]) -> Vec<Vec<V>> {
    pairs.iter().map(|(k, v)| vec![t(k), v.clone()]).collect()
}

/// A clean example: Diskominfo Lumajang, Tahunan 2024, two sasaran, five indicators, a budget.
pub fn diskominfo() -> Book {
    let id = identitas(&[
        ("Pemerintah", t("Pemerintah Kabupaten Lumajang")),
        ("Perangkat Daerah", t("Dinas Komunikasi dan Informatika")),
        ("Alamat", t("Jl. Alun-alun Utara No. 1, Lumajang 67311")),
        ("Kode Unit", t("diskominfo")),
        ("Tahun", n(2024.0)),
        ("Periode", t("Tahunan")),
        ("Tempat", t("Lumajang")),
        ("Tanggal", V::D(2025, 1, 15)),
        ("Jabatan Penandatangan", t("Plt. Kepala Dinas Komunikasi dan Informatika")),
        ("Nama Penandatangan", t("MUSTAQIM, S.HI., M.A.")),
        ("Pangkat", t("Pembina Tk. I (IV/b)")),
        ("NIP", t("19840518 201101 1 014")),
    ]);
    let header = [
        "Kode",
        "Sasaran Strategis",
        "Indikator Kinerja",
        "Satuan",
        "Polaritas",
        "Target",
        "Realisasi TW I",
        "Realisasi TW II",
        "Realisasi TW III",
        "Realisasi TW IV",
        "Agregasi",
        "Keterangan",
    ];
    let s1 = "Meningkatnya kualitas tata kelola pemerintahan berbasis elektronik";
    let s2 = "Meningkatnya keterbukaan informasi publik";
    let kinerja = vec![
        header.iter().map(|h| t(h)).collect(),
        vec![
            t("1.1"),
            t(s1),
            t("Indeks SPBE"),
            t("Indeks"),
            t("Positif"),
            n(3.5),
            n(3.1),
            n(3.2),
            n(3.25),
            n(3.39),
            t("terakhir"),
            t("Hasil evaluasi KemenPAN-RB"),
        ],
        vec![
            t("1.2"),
            V::B,
            t("Persentase perangkat daerah yang terhubung jaringan intra pemerintah"),
            t("%"),
            t("Positif"),
            n(90.0),
            n(70.0),
            n(80.0),
            n(85.0),
            n(94.0),
            t("terakhir"),
            V::B,
        ],
        vec![
            t("1.3"),
            V::B,
            t("Jumlah insiden keamanan informasi yang tidak tertangani"),
            t("Kejadian"),
            t("Negatif"),
            n(7.0),
            n(2.0),
            n(1.0),
            n(2.0),
            n(1.5),
            t("jumlah"),
            V::B,
        ],
        vec![
            t("2.1"),
            t(s2),
            t("Indeks keterbukaan informasi publik"),
            t("Indeks"),
            t("Positif"),
            n(90.0),
            V::B,
            V::B,
            V::B,
            n(85.21),
            t("terakhir"),
            V::B,
        ],
        vec![
            t("2.2"),
            V::B,
            t("Jumlah data statistik sektoral yang dipublikasikan"),
            t("Dataset"),
            t("Positif"),
            n(90.0),
            n(20.0),
            n(25.0),
            n(25.0),
            n(25.0),
            t("jumlah"),
            V::B,
        ],
    ];
    let anggaran = vec![
        vec![t("Program / Kegiatan"), t("Pagu"), t("Realisasi"), t("Kode Indikator"), t("Serapan (%)")],
        vec![t("Program Aplikasi Informatika"), n(1_250_000_000.0), n(1_068_125_000.0), t("1.1, 1.2, 1.3"), n(85.45)],
        vec![t("Program Informasi dan Komunikasi Publik"), n(640_500_000.0), n(600_250_000.0), t("2.2"), n(93.72)],
    ];
    Book::new().sheet("Identitas", id).sheet("Kinerja", kinerja).sheet("Anggaran", anggaran)
}

/// A messy example, laid out as people lay them out: Dispendukcapil Lumajang, Triwulan III 2024.
///
/// Title rows above the table, a blank first column, a two-level header
/// ("Realisasi" over TW I–IV), a row of column numbers, merged sasaran cells,
/// numbers typed as text in Indonesian style, a totals row, an unknown column,
/// keys in other words and the date as text.
pub fn dispendukcapil() -> Book {
    let id = vec![
        vec![t("IDENTITAS DOKUMEN")],
        vec![],
        vec![t("Pemerintah Daerah"), t(":"), t("Pemerintah Kabupaten Lumajang")],
        vec![t("Unit Kerja"), t(":"), t("Dinas Kependudukan dan Pencatatan Sipil")],
        vec![t("Alamat"), t(":"), t("Jl. Kyai Ilyas No. 9, Lumajang")],
        vec![t("Kode Unit"), t(":"), t("dispendukcapil")],
        vec![t("Tahun Anggaran"), t(":"), t("2024")],
        vec![t("Periode"), t(":"), t("TW III")],
        vec![t("Tempat"), t(":"), t("Lumajang")],
        vec![t("Tanggal"), t(":"), t("15 Oktober 2024")],
        vec![t("Jabatan Penandatangan"), t(":"), t("Kepala Dinas Kependudukan dan Pencatatan Sipil")],
        vec![t("Nama Penandatangan"), t(":"), t("Dra. SITI ROHANI, M.Si.")],
        vec![t("Pangkat/Golongan"), t(":"), t("Pembina Utama Muda (IV/c)")],
        vec![t("NIP"), t(":"), t("196905121994032008")],
    ];
    let s1 = "Meningkatnya kualitas pelayanan administrasi kependudukan";
    let s2 = "Meningkatnya pemanfaatan data kependudukan";
    let mut kinerja = vec![
        vec![V::B, t("PENGUKURAN KINERJA TRIWULAN III TAHUN 2024")],
        vec![V::B, t("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN LUMAJANG")],
        vec![],
        vec![
            V::B,
            t("No"),
            t("Sasaran"),
            t("Indikator Kinerja Utama"),
            t("Satuan"),
            t("Sifat"),
            t("Target"),
            t("Realisasi"),
            V::B,
            V::B,
            V::B,
            t("Agregasi"),
            t("Penanggung Jawab"),
        ],
        vec![V::B, V::B, V::B, V::B, V::B, V::B, V::B, t("TW I"), t("TW II"), t("TW III"), t("TW IV"), V::B, V::B],
        vec![
            V::B,
            t("(1)"),
            t("(2)"),
            t("(3)"),
            t("(4)"),
            t("(5)"),
            t("(6)"),
            t("(7)"),
            t("(8)"),
            t("(9)"),
            t("(10)"),
            t("(11)"),
            t("(12)"),
        ],
        vec![
            V::B,
            n(1.0),
            t(s1),
            t("Persentase kepemilikan KTP elektronik"),
            t("%"),
            t("naik"),
            t("98,5%"),
            t("97,2%"),
            t("97,8%"),
            t("98,1%"),
            V::B,
            t("terakhir"),
            t("Bidang Dafduk"),
        ],
        vec![
            V::B,
            n(2.0),
            V::B,
            t("Persentase kepemilikan akta kelahiran anak"),
            t("%"),
            t("naik"),
            t("95"),
            t("90,1"),
            t("91,4"),
            t("92,75"),
            V::B,
            t("terakhir"),
            t("Bidang Capil"),
        ],
        vec![
            V::B,
            n(3.0),
            V::B,
            t("Rata-rata waktu layanan dokumen kependudukan"),
            t("Hari"),
            t("turun"),
            t("3"),
            t("3,5"),
            t("3,2"),
            t("2,8"),
            V::B,
            t("rata-rata"),
            t("Bidang Dafduk"),
        ],
        vec![
            V::B,
            n(4.0),
            t(s2),
            t("Jumlah perangkat daerah pengguna data kependudukan"),
            t("Perangkat Daerah"),
            t("Positif"),
            t("1.200"),
            t("310"),
            t("305"),
            t("290"),
            V::B,
            t("jumlah"),
            t("Bidang PIAK"),
        ],
        vec![
            V::B,
            n(5.0),
            V::B,
            t("Persentase pemutakhiran data yang tepat waktu"),
            t("%"),
            t("Positif"),
            t("80 - 90"),
            V::P(0.82),
            V::P(0.88),
            V::P(0.93),
            V::B,
            t("terakhir"),
            t("Bidang PIAK"),
        ],
        vec![V::B, V::B, t("Jumlah"), V::B, V::B, V::B, V::B, V::B, V::B, V::B, V::B, V::B, V::B],
    ];
    kinerja.push(vec![]);
    let anggaran = vec![
        vec![t("REALISASI ANGGARAN S.D. TRIWULAN III")],
        vec![t("Uraian"), t("Pagu Anggaran (Rp)"), t("Realisasi Anggaran (Rp)"), t("Serapan (%)"), t("Kode Indikator")],
        vec![t("Program Pendaftaran Penduduk"), t("Rp 2.450.000.000"), t("Rp 1.653.750.000"), t("67,50%"), t("1, 3")],
        vec![t("Program Pencatatan Sipil"), t("Rp 865.300.000"), t("Rp 739.420.350"), t("85,73%"), t("2")],
        vec![
            t("Program Pengelolaan Informasi Administrasi Kependudukan"),
            t("Rp 512.000.000"),
            t("Rp 401.920.000"),
            V::B,
            t("4, 5"),
        ],
    ];
    let mut book =
        Book::new().sheet_at("Identitas", 1, 1, id).sheet_at("IKU", 0, 0, kinerja).sheet_at("Anggaran", 2, 0, anggaran);
    // Sasaran 1 merged over its three rows, sasaran 2 over its two, as Excel users do.
    book.get("IKU").merges = vec![(6, 2, 8, 2), (9, 2, 10, 2), (3, 7, 3, 10)];
    book
}

/// The shipped Diskominfo example: [`diskominfo_dievaluasi`], what its Perjanjian Kinerja needs
/// (issue 26): pihak kedua in `Identitas`, the quarters' targets (Target TW I–IV) and a `Rencana Aksi
/// PK` sheet; and the office's words for its Laporan Kinerja (issue 28), the `Narasi LKjIP` sheet.
pub fn diskominfo_lengkap() -> Book {
    diskominfo_pk().sheet("Narasi LKjIP", narasi_diskominfo())
}

/// The `Narasi LKjIP` sheet of the Diskominfo example: every section, a cell of two paragraphs (a line
/// break in the cell), and a section continued on the next row (Bagian left blank).
pub fn narasi_diskominfo() -> Vec<Vec<V>> {
    let rows: [(&str, &str); 12] = [
        ("Ikhtisar Eksekutif", "Tahun 2024 Dinas Komunikasi dan Informatika memusatkan kerjanya pada tata kelola SPBE dan keterbukaan informasi publik. Capaian indikator jaringan intra pemerintah dan statistik sektoral melampaui target; Indeks SPBE dan indeks keterbukaan informasi masih di bawah target dan menjadi prioritas perbaikan tahun 2025."),
        ("Gambaran Umum", "Dinas Komunikasi dan Informatika Kabupaten Lumajang dibentuk dengan Peraturan Daerah Nomor 12 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah.\nDinas melaksanakan urusan pemerintahan bidang komunikasi dan informatika, bidang statistik, dan bidang persandian."),
        ("Tugas dan Fungsi", "Dinas mempunyai tugas membantu Bupati melaksanakan urusan pemerintahan di bidang komunikasi dan informatika, statistik dan persandian yang menjadi kewenangan daerah serta tugas pembantuan."),
        ("Struktur Organisasi", "Dinas dipimpin oleh Kepala Dinas, dibantu Sekretaris dengan dua Subbagian, serta empat Bidang: Aplikasi Informatika, Informasi dan Komunikasi Publik, Persandian dan Jaringan, dan Statistik."),
        ("Sumber Daya Manusia", "Pada akhir 2024 dinas memiliki 48 pegawai: 31 PNS, 9 PPPK dan 8 tenaga pendukung; 14 di antaranya berlatar belakang pendidikan teknologi informasi."),
        ("Isu Strategis", "Arsitektur dan peta rencana SPBE daerah belum ditetapkan, sehingga pengembangan aplikasi belum terpadu."),
        ("", "Daftar Informasi Publik di sebagian perangkat daerah belum diperbarui dan uji konsekuensi belum lengkap."),
        ("Rencana Strategis", "Renstra Dinas Komunikasi dan Informatika 2021–2026 menjabarkan misi Bupati untuk mewujudkan tata kelola pemerintahan yang bersih, transparan dan berbasis elektronik, melalui dua sasaran strategis: tata kelola pemerintahan berbasis elektronik dan keterbukaan informasi publik."),
        ("Analisis Sasaran 1", "Indeks SPBE naik dari tahun sebelumnya tetapi belum mencapai target karena domain kebijakan internal SPBE belum lengkap; jaringan intra pemerintah telah menjangkau 94 % perangkat daerah."),
        ("Analisis Sasaran 2", "Indeks keterbukaan informasi turun karena Daftar Informasi Publik belum diperbarui; publikasi data statistik sektoral melampaui target berkat portal Satu Data."),
        ("Kesimpulan", "Dari lima indikator kinerja, tiga tercapai dan dua mendekati target, dengan penyerapan anggaran di atas 87 %."),
        ("Langkah Perbaikan", "Menetapkan Peraturan Bupati tentang Arsitektur SPBE pada semester I 2025.\nMemperbarui Daftar Informasi Publik bersama PPID pembantu di seluruh perangkat daerah."),
    ];
    let mut sheet = vec![vec![t("Bagian"), t("Uraian"), t("Gambar"), t("Keterangan Gambar")]];
    sheet.extend(rows.iter().map(|(b, u)| vec![if b.is_empty() { V::B } else { t(b) }, t(u)]));
    sheet
}

/// The Diskominfo example with what its Perjanjian Kinerja needs (issue 26).
pub fn diskominfo_pk() -> Book {
    let mut b = diskominfo_dievaluasi();
    b.get("Identitas").rows.extend(identitas(&[
        ("Nama Pihak Kedua", t("Drs. H. BAMBANG SUSILO, M.M.")),
        ("Jabatan Pihak Kedua", t("Bupati Lumajang")),
    ]));
    let quarters: [[f64; 4]; 5] = [
        [3.2, 3.3, 3.4, 3.5],
        [75.0, 80.0, 85.0, 90.0],
        [2.0, 2.0, 2.0, 1.0],
        [85.0, 87.0, 88.0, 90.0],
        [20.0, 25.0, 25.0, 20.0],
    ];
    let kinerja = &mut b.get("Kinerja").rows;
    kinerja[0].extend(["Target TW I", "Target TW II", "Target TW III", "Target TW IV"].map(t));
    for (row, q) in kinerja[1..].iter_mut().zip(quarters) {
        row.resize(12, V::B);
        row.extend(q.map(n));
    }
    let anggaran = &mut b.get("Anggaran").rows;
    anggaran[0].push(t("Keterangan"));
    for row in &mut anggaran[1..] {
        row.push(t("APBD"));
    }
    b.sheet(
        "Rencana Aksi PK",
        vec![
            vec![t("Kode"), t("Triwulan"), t("Rencana Aksi"), t("Penanggung Jawab")],
            vec![t("1.1"), t("I"), t("Menyusun Perbup Arsitektur SPBE"), t("Kepala Bidang Aplikasi Informatika")],
            vec![
                t("1.1"),
                t("II, III, IV"),
                t("Evaluasi mandiri SPBE tiap triwulan"),
                t("Kepala Bidang Aplikasi Informatika"),
            ],
            vec![
                t("1.2"),
                t("I s.d. IV"),
                t("Menyambungkan perangkat daerah ke jaringan intra pemerintah"),
                t("Kepala Bidang Persandian dan Jaringan"),
            ],
            vec![
                t("1.3"),
                V::B,
                t("Pemantauan keamanan informasi oleh CSIRT Kabupaten"),
                t("Kepala Bidang Persandian dan Jaringan"),
            ],
            vec![
                t("2.1"),
                t("II"),
                t("Memperbarui Daftar Informasi Publik dan uji konsekuensi"),
                t("Kepala Bidang Informasi dan Komunikasi Publik"),
            ],
            vec![
                t("2.2"),
                V::B,
                t("Menerbitkan data statistik sektoral di portal Satu Data"),
                t("Kepala Bidang Statistik"),
            ],
        ],
    )
    .sheet("Cascading", cascading_diskominfo())
}

/// The example office's cascade (sheet `Cascading`, issue 27): the Kepala Dinas's indicators as in
/// `Kinerja`, carried by three Kepala Bidang (eselon III), four Kepala Seksi (eselon IV) and a staff
/// member, each row one indicator with the indicator above it supports, the program / kegiatan / sub
/// kegiatan with its pagu.
pub fn cascading_diskominfo() -> Vec<Vec<V>> {
    let header = [
        "Jabatan",
        "Jenjang",
        "Nama",
        "Pangkat",
        "NIP",
        "Jabatan Atasan",
        "Sasaran",
        "Kode",
        "Indikator",
        "Satuan",
        "Target",
        "Mendukung",
        "Indikator Sendiri",
        "Jumlah dari Bawahan",
        "Program / Kegiatan",
        "Pagu",
    ];
    let kadis = "Plt. Kepala Dinas Komunikasi dan Informatika";
    let aptika = "Kepala Bidang Aplikasi Informatika";
    let sandi = "Kepala Bidang Persandian dan Jaringan";
    let ikp = "Kepala Bidang Informasi dan Komunikasi Publik";
    let s1 = "Meningkatnya kualitas tata kelola pemerintahan berbasis elektronik";
    let s2 = "Meningkatnya keterbukaan informasi publik";
    let (p1, p2) = ("Program Aplikasi Informatika", "Program Informasi dan Komunikasi Publik");
    // A position's first row: jabatan, jenjang, nama, pangkat, NIP, atasan.
    let who = |j: &str, l: &str, n: &str, p: &str, nip: &str, a: &str| -> Vec<V> {
        [j, l, n, p, nip, a].iter().map(|x| if x.is_empty() { V::B } else { t(x) }).collect()
    };
    let more = || vec![V::B; 6];
    // Sasaran, kode, indikator, satuan, target, mendukung, sendiri, jumlah, program/kegiatan, pagu.
    #[allow(clippy::too_many_arguments)]
    let ind = |mut head: Vec<V>,
               s: &str,
               k: &str,
               i: &str,
               sat: &str,
               tg: f64,
               m: &str,
               own: &str,
               sum: &str,
               b: &str,
               pagu: f64| {
        let text = |x: &str| if x.is_empty() { V::B } else { t(x) };
        head.extend([text(s), t(k), t(i), t(sat), n(tg), text(m), text(own), text(sum), text(b)]);
        head.push(if pagu > 0.0 { n(pagu) } else { V::B });
        head
    };
    let mut rows = vec![header.iter().map(|h| t(h)).collect::<Vec<V>>()];
    rows.extend([
        ind(
            who(kadis, "eselon II", "MUSTAQIM, S.HI., M.A.", "Pembina Tk. I (IV/b)", "19840518 201101 1 014", ""),
            s1,
            "1.1",
            "Indeks SPBE",
            "Indeks",
            3.5,
            "",
            "",
            "",
            p1,
            1_250_000_000.0,
        ),
        ind(
            more(),
            "",
            "1.2",
            "Persentase perangkat daerah yang terhubung jaringan intra pemerintah",
            "%",
            90.0,
            "",
            "",
            "",
            p1,
            1_250_000_000.0,
        ),
        ind(
            more(),
            "",
            "1.3",
            "Jumlah insiden keamanan informasi yang tidak tertangani",
            "Kejadian",
            7.0,
            "",
            "",
            "",
            p1,
            1_250_000_000.0,
        ),
        ind(more(), s2, "2.1", "Indeks keterbukaan informasi publik", "Indeks", 90.0, "", "", "", p2, 640_500_000.0),
        ind(
            more(),
            "",
            "2.2",
            "Jumlah data statistik sektoral yang dipublikasikan",
            "Dataset",
            90.0,
            "",
            "",
            "ya",
            p2,
            640_500_000.0,
        ),
        ind(
            who(aptika, "eselon III", "Ir. BUDI SANTOSO, M.T.", "Pembina (IV/a)", "19750312 200212 1 003", kadis),
            "Meningkatnya kematangan SPBE perangkat daerah",
            "1.1.1",
            "Persentase domain SPBE yang dievaluasi dan ditindaklanjuti",
            "%",
            100.0,
            "1.1",
            "",
            "",
            "Kegiatan Pengelolaan e-Government",
            700_000_000.0,
        ),
        ind(
            more(),
            "Meningkatnya konektivitas perangkat daerah",
            "1.2.1",
            "Jumlah perangkat daerah yang tersambung jaringan intra pemerintah",
            "Perangkat Daerah",
            36.0,
            "1.2",
            "",
            "",
            "Kegiatan Pengelolaan e-Government",
            700_000_000.0,
        ),
        ind(
            who(sandi, "eselon III", "SITI RAHAYU, S.Kom., M.M.", "Pembina (IV/a)", "19800924 200501 2 011", kadis),
            "Meningkatnya keamanan informasi pemerintah",
            "1.3.1",
            "Persentase insiden keamanan informasi yang ditangani",
            "%",
            100.0,
            "1.3",
            "ya",
            "",
            "Kegiatan Penyelenggaraan Persandian untuk Pengamanan Informasi",
            450_000_000.0,
        ),
        ind(
            who(ikp, "eselon III", "AHMAD FAUZI, S.Sos., M.Si.", "Pembina (IV/a)", "19781105 200312 1 005", kadis),
            "Meningkatnya layanan informasi publik",
            "2.1.1",
            "Persentase permohonan informasi publik yang diselesaikan",
            "%",
            100.0,
            "2.1",
            "",
            "",
            "Kegiatan Pengelolaan Informasi dan Komunikasi Publik",
            400_000_000.0,
        ),
        ind(
            more(),
            "Meningkatnya ketersediaan data sektoral",
            "2.2.1",
            "Jumlah dataset sektoral yang diterbitkan",
            "Dataset",
            90.0,
            "2.2",
            "",
            "ya",
            "Kegiatan Penyelenggaraan Statistik Sektoral",
            240_500_000.0,
        ),
        ind(
            who(
                "Kepala Seksi Tata Kelola SPBE",
                "eselon IV",
                "RINA MARLINA, S.T.",
                "Penata Tk. I (III/d)",
                "19860214 201001 2 008",
                aptika,
            ),
            "Tersusunnya tata kelola SPBE",
            "1.1.1.1",
            "Jumlah dokumen tata kelola SPBE yang ditetapkan",
            "Dokumen",
            2.0,
            "1.1.1",
            "",
            "",
            "Sub Kegiatan Koordinasi dan Evaluasi SPBE",
            150_000_000.0,
        ),
        ind(
            who(
                "Kepala Seksi Infrastruktur Jaringan",
                "eselon IV",
                "DEDI KURNIAWAN, S.Kom.",
                "Penata Tk. I (III/d)",
                "19870730 201101 1 006",
                aptika,
            ),
            "Tersambungnya jaringan intra pemerintah",
            "1.2.1.1",
            "Jumlah titik jaringan intra pemerintah yang dibangun",
            "Titik",
            12.0,
            "1.2.1",
            "",
            "",
            "Sub Kegiatan Pengelolaan Jaringan Intra Pemerintah",
            420_000_000.0,
        ),
        ind(
            who(
                "Kepala Seksi Pengelolaan Informasi Publik",
                "eselon IV",
                "NURUL HIDAYAH, S.I.Kom.",
                "Penata (III/c)",
                "19890402 201402 2 004",
                ikp,
            ),
            "Terkelolanya informasi publik",
            "2.1.1.1",
            "Jumlah Daftar Informasi Publik yang dimutakhirkan",
            "Dokumen",
            4.0,
            "2.1.1",
            "",
            "",
            "Sub Kegiatan Pengelolaan Informasi Publik",
            180_000_000.0,
        ),
        ind(
            who(
                "Kepala Seksi Statistik Sektoral",
                "eselon IV",
                "YUDI PRASETYO, S.Si.",
                "Penata (III/c)",
                "19900617 201503 1 002",
                ikp,
            ),
            "Tersedianya data statistik sektoral",
            "2.2.1.1",
            "Jumlah dataset sektoral yang dikumpulkan dan divalidasi",
            "Dataset",
            90.0,
            "2.2.1",
            "",
            "",
            "Sub Kegiatan Penyelenggaraan Statistik Sektoral",
            240_500_000.0,
        ),
        ind(
            who(
                "Pranata Komputer Ahli Pertama",
                "staf",
                "FAJAR NUGROHO, S.Kom.",
                "Penata Muda (III/a)",
                "19950309 202012 1 007",
                "Kepala Seksi Tata Kelola SPBE",
            ),
            "Terlaksananya evaluasi mandiri SPBE",
            "1.1.1.1.1",
            "Jumlah laporan evaluasi mandiri SPBE",
            "Laporan",
            4.0,
            "1.1.1.1",
            "",
            "",
            "",
            0.0,
        ),
    ]);
    rows
}

/// The Diskominfo example as it stands after its evaluation meeting: an `Evaluasi` sheet with
/// the meeting's notes and a `Rencana Aksi` sheet for the two unmet indicators (the example of
/// `tests/fixtures/diskominfo.xls` and `.ods`).
pub fn diskominfo_dievaluasi() -> Book {
    diskominfo()
        .sheet(
            "Evaluasi",
            vec![
                vec![t("Tanggal"), t("Kode"), t("Catatan"), t("Tindak Lanjut")],
                vec![
                    V::D(2025, 1, 8),
                    t("1.1"),
                    t("Nilai Indeks SPBE 3,39 belum mencapai target 3,5; domain manajemen SPBE masih lemah"),
                    t("Susun rencana aksi bersama Bidang Aplikasi Informatika"),
                ],
                vec![
                    V::D(2025, 1, 8),
                    V::B,
                    t("Lampiran bukti dukung agar diurutkan sesuai indikator"),
                    t("Sekretariat merapikan lampiran"),
                ],
                vec![
                    V::D(2025, 1, 10),
                    t("2.1"),
                    t("Indeks keterbukaan informasi publik turun karena DIP belum diperbarui"),
                    V::B,
                ],
            ],
        )
        .sheet(
            "Rencana Aksi",
            vec![
                vec![t("Kode"), t("Kendala"), t("Rencana Aksi"), t("Penanggung Jawab"), t("Batas Waktu")],
                vec![
                    t("1.1"),
                    t("Dokumen arsitektur dan peta rencana SPBE belum ditetapkan"),
                    t("Menetapkan Perbup Arsitektur SPBE dan melaksanakan evaluasi mandiri tiap triwulan"),
                    t("Kepala Bidang Aplikasi Informatika"),
                    V::D(2025, 6, 30),
                ],
                vec![
                    t("2.1"),
                    t("Daftar Informasi Publik belum diperbarui dan uji konsekuensi belum lengkap"),
                    t("Memperbarui DIP dan melakukan uji konsekuensi bersama PPID pembantu"),
                    t("Kepala Bidang Informasi dan Komunikasi Publik"),
                    t("Triwulan II 2025"),
                ],
            ],
        )
}

/// The rows of the template's Petunjuk sheet, from the reader's own description of each key, column
/// and section of the narrative (its one place): sheet, column or key, required, what to fill in.
pub fn guide() -> Vec<(&'static str, &'static str, bool, String)> {
    let mut rows: Vec<_> = KEYS
        .iter()
        .filter(|k| k.key.in_workbook())
        .map(|k| (identitas::SHEET.0, k.name, k.required, k.help.to_string()))
        .collect();
    let tables = [
        (indikator::TABLE.sheet, columns(&indikator::TABLE)),
        (anggaran::TABLE.sheet, columns(&anggaran::TABLE)),
        (evaluasi::TABLE.sheet, columns(&evaluasi::TABLE)),
        (rencana_aksi::TABLE.sheet, columns(&rencana_aksi::TABLE)),
        (rencana_aksi_pk::TABLE.sheet, columns(&rencana_aksi_pk::TABLE)),
        (narasi::TABLE.sheet, columns(&narasi::TABLE)),
        (cascading::TABLE.sheet, columns(&cascading::TABLE)),
    ];
    for (sheet, cols) in tables {
        rows.extend(cols.into_iter().map(|(name, required, help)| (sheet, name, required, help.to_string())));
    }
    rows.extend(
        narasi::SECTIONS
            .iter()
            .map(|s| (narasi::TABLE.sheet, s.name, false, format!("Isi kolom Bagian; dicetak di {}.", s.place))),
    );
    rows
}

/// A table's columns worth explaining (a running number or a computed capaian is not).
fn columns<F>(spec: &TableSpec<F>) -> Vec<(&'static str, bool, &'static str)> {
    spec.columns.iter().filter(|c| !c.help.is_empty()).map(|c| (c.name, c.required, c.help)).collect()
}

/// Writes the empty template workbook of `kinerja init`: one sheet per part of the spec, styled
/// and frozen headers, drop-down lists for Periode, Polaritas, Agregasi and the negative formula,
/// rupiah and percent formats, fitting column widths, and a `Petunjuk` sheet explaining each column.
pub fn write_template(path: &Path) -> Result<(), XlsxError> {
    use rust_xlsxwriter::{Color, DataValidation, FormatBorder, Note};
    const ROWS: u32 = 500;
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDE6F0))
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let text = Format::new().set_num_format("@");
    let wrap = Format::new().set_text_wrap();
    let rupiah = Format::new().set_num_format("\"Rp\" #,##0");
    let number = Format::new().set_num_format("#,##0.##");
    let percent = Format::new().set_num_format("0.00%");
    let date = Format::new().set_num_format("d mmmm yyyy");
    let list = |items: &[&str], title: &str, message: &str| -> Result<DataValidation, XlsxError> {
        DataValidation::new()
            .allow_list_strings(items)?
            .set_input_title(title)?
            .set_input_message(message)?
            .set_error_message(format!("Pilih salah satu: {}", items.join(", ")))
    };
    let mut wb = Workbook::new();

    let ws = wb.add_worksheet();
    ws.set_name("Identitas")?;
    ws.write_string_with_format(0, 0, "Kunci", &head)?;
    ws.write_string_with_format(0, 1, "Nilai", &head)?;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 60)?;
    ws.set_freeze_panes(1, 0)?;
    for (i, k) in KEYS.iter().filter(|k| k.key.in_workbook()).enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, k.name)?;
        ws.insert_note(row, 0, &Note::new(k.help).set_author("kinerja"))?;
        match k.name {
            "Periode" => {
                ws.add_data_validation(
                    row,
                    1,
                    row,
                    1,
                    &list(
                        &["Tahunan", "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"],
                        "Periode",
                        "Pilih periode pengukuran.",
                    )?,
                )?;
            }
            "Rumus Polaritas Negatif" => {
                ws.add_data_validation(
                    row,
                    1,
                    row,
                    1,
                    &list(&["(2T-R)/T", "T/R"], "Rumus", "Rumus capaian polaritas negatif.")?,
                )?;
            }
            "NIP" => {
                ws.set_cell_format(row, 1, &text)?;
            }
            "Renstra Kumulatif" => {
                ws.add_data_validation(
                    row,
                    1,
                    row,
                    1,
                    &list(&["ya", "tidak"], "Renstra Kumulatif", "Kosongkan agar ditentukan menurut satuannya.")?,
                )?;
            }
            "Tanggal" => {
                ws.set_cell_format(row, 1, &date)?;
            }
            _ => {}
        }
    }

    let ws = wb.add_worksheet();
    ws.set_name("Kinerja")?;
    let columns: [(&str, f64, Option<&Format>); 29] = [
        ("Kode", 7.0, Some(&text)),
        ("Sasaran Strategis", 36.0, Some(&wrap)),
        ("Indikator Kinerja", 42.0, Some(&wrap)),
        ("Satuan", 11.0, None),
        ("Polaritas", 11.0, None),
        ("Target", 10.0, Some(&number)),
        ("Target TW I", 10.0, Some(&number)),
        ("Target TW II", 10.0, Some(&number)),
        ("Target TW III", 10.0, Some(&number)),
        ("Target TW IV", 10.0, Some(&number)),
        ("Realisasi TW I", 10.0, Some(&number)),
        ("Realisasi TW II", 10.0, Some(&number)),
        ("Realisasi TW III", 10.0, Some(&number)),
        ("Realisasi TW IV", 10.0, Some(&number)),
        ("Realisasi", 10.0, Some(&number)),
        ("Agregasi", 11.0, None),
        ("Keterangan", 30.0, Some(&wrap)),
        ("Sumber Data", 20.0, Some(&wrap)),
        ("Jenis", 8.0, None),
        ("Faktor Pendorong", 30.0, Some(&wrap)),
        ("Faktor Penghambat", 30.0, Some(&wrap)),
        ("Tindak Lanjut", 30.0, Some(&wrap)),
        ("Realisasi Tahun Lalu", 12.0, Some(&number)),
        ("Capaian Tahun Lalu", 12.0, Some(&number)),
        ("Target Renstra", 12.0, Some(&number)),
        ("Realisasi Renstra s.d. Tahun Lalu", 14.0, Some(&number)),
        ("Renstra Kumulatif", 11.0, None),
        ("Standar Nasional", 12.0, Some(&number)),
        ("Sumber Standar", 24.0, Some(&wrap)),
    ];
    for (c, (name, width, format)) in columns.iter().enumerate().filter(|(_, c)| !c.0.is_empty()) {
        let c = c as u16;
        ws.write_string_with_format(0, c, *name, &head)?;
        ws.set_column_width(c, *width)?;
        if let Some(f) = format {
            ws.set_column_format(c, f)?;
        }
    }
    ws.set_row_height(0, 30)?;
    ws.set_freeze_panes(1, 3)?;
    ws.add_data_validation(
        1,
        4,
        ROWS,
        4,
        &list(
            &["Positif", "Negatif", "Rentang", "Tetap"],
            "Polaritas",
            "Positif: makin tinggi makin baik. Negatif: makin rendah makin baik.",
        )?,
    )?;
    ws.add_data_validation(
        1,
        15,
        ROWS,
        15,
        &list(&["terakhir", "jumlah", "rata-rata"], "Agregasi", "Cara menjumlahkan triwulan sampai periode ini.")?,
    )?;
    ws.add_data_validation(
        1,
        26,
        ROWS,
        26,
        &list(&["ya", "tidak"], "Renstra Kumulatif", "Kosongkan agar ditentukan menurut satuannya.")?,
    )?;

    let ws = wb.add_worksheet();
    ws.set_name("Anggaran")?;
    for (c, (name, width, format)) in [
        ("Program / Kegiatan", 50.0, &wrap),
        ("Pagu", 20.0, &rupiah),
        ("Realisasi", 20.0, &rupiah),
        ("Kode Indikator", 16.0, &text),
        ("Serapan (%)", 12.0, &percent),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *name, &head)?;
        ws.set_column_width(c as u16, *width)?;
        ws.set_column_format(c as u16, format)?;
    }
    ws.set_freeze_panes(1, 0)?;

    for (sheet, cols) in [
        (
            "Evaluasi",
            vec![
                ("Tanggal", 16.0, &date),
                ("Kode", 10.0, &text),
                ("Catatan", 60.0, &wrap),
                ("Tindak Lanjut", 40.0, &wrap),
            ],
        ),
        (
            "Rencana Aksi",
            vec![
                ("Kode", 10.0, &text),
                ("Kendala", 40.0, &wrap),
                ("Rencana Aksi", 40.0, &wrap),
                ("Penanggung Jawab", 24.0, &wrap),
                ("Batas Waktu", 18.0, &wrap),
            ],
        ),
        (
            "Rencana Aksi PK",
            vec![
                ("Kode", 10.0, &text),
                ("Triwulan", 12.0, &text),
                ("Rencana Aksi", 50.0, &wrap),
                ("Penanggung Jawab", 30.0, &wrap),
            ],
        ),
        (
            "Narasi LKjIP",
            vec![
                ("Bagian", 24.0, &wrap),
                ("Uraian", 90.0, &wrap),
                ("Gambar", 24.0, &text),
                ("Keterangan Gambar", 30.0, &wrap),
            ],
        ),
        (
            "Cascading",
            vec![
                ("Jabatan", 34.0, &wrap),
                ("Jenjang", 11.0, &text),
                ("Nama", 28.0, &wrap),
                ("Pangkat", 20.0, &wrap),
                ("NIP", 22.0, &text),
                ("Jabatan Atasan", 34.0, &wrap),
                ("Sasaran", 36.0, &wrap),
                ("Kode", 10.0, &text),
                ("Indikator", 42.0, &wrap),
                ("Satuan", 11.0, &text),
                ("Target", 10.0, &number),
                ("Target TW I", 10.0, &number),
                ("Target TW II", 10.0, &number),
                ("Target TW III", 10.0, &number),
                ("Target TW IV", 10.0, &number),
                ("Mendukung", 12.0, &text),
                ("Indikator Sendiri", 11.0, &text),
                ("Jumlah dari Bawahan", 11.0, &text),
                ("Program / Kegiatan", 36.0, &wrap),
                ("Pagu", 18.0, &rupiah),
            ],
        ),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet)?;
        for (c, (name, width, format)) in cols.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *name, &head)?;
            ws.set_column_width(c as u16, *width)?;
            ws.set_column_format(c as u16, format)?;
        }
        ws.set_freeze_panes(1, 0)?;
        if sheet == "Narasi LKjIP" {
            // The sections as a list to pick from; another text (Analisis Sasaran 4, a sasaran's name)
            // is allowed, with a note.
            let mut names: Vec<String> = narasi::SECTIONS
                .iter()
                .filter(|s| s.section != kinerja::model::Section::AnalisisSasaran)
                .map(|s| s.name.to_string())
                .collect();
            names.splice(7..7, (1..=3).map(|k| format!("Analisis Sasaran {k}")));
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let v = list(&names, "Bagian", "Bagian Laporan Kinerja; kosong berarti sama dengan baris di atasnya.")?
                .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Information);
            ws.add_data_validation(1, 0, ROWS, 0, &v)?;
        }
    }

    let ws = wb.add_worksheet();
    ws.set_name("Petunjuk")?;
    ws.write_string_with_format(0, 0, "Lembar", &head)?;
    ws.write_string_with_format(0, 1, "Kolom / Kunci", &head)?;
    ws.write_string_with_format(0, 2, "Wajib", &head)?;
    ws.write_string_with_format(0, 3, "Penjelasan", &head)?;
    for (i, (sheet, col, required, help)) in guide().into_iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, sheet)?;
        ws.write_string(r, 1, col)?;
        ws.write_string(r, 2, if required { "wajib" } else { "tidak" })?;
        ws.write_string_with_format(r, 3, &help, &wrap)?;
    }
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 26)?;
    ws.set_column_width(2, 8)?;
    ws.set_column_width(3, 90)?;
    ws.set_freeze_panes(1, 0)?;
    wb.save(path)
}

/// A quarterly example: Bappeda Lumajang, Triwulan II 2024, with quarterly targets, one
/// realisation not yet reported (a visible gap in the draft) and an evaluation note.
pub fn bappeda() -> Book {
    let id = identitas(&[
        ("Pemerintah", t("Pemerintah Kabupaten Lumajang")),
        ("Perangkat Daerah", t("Badan Perencanaan Pembangunan Daerah")),
        ("Alamat", t("Jl. Kartini No. 2, Lumajang 67313")),
        ("Kode Unit", t("bappeda")),
        ("Tahun", n(2024.0)),
        ("Periode", t("Triwulan II")),
        ("Tempat", t("Lumajang")),
        ("Jabatan Penandatangan", t("Kepala Badan Perencanaan Pembangunan Daerah")),
        ("Nama Penandatangan", t("Ir. HENDRO WIBOWO, M.T.")),
        ("Pangkat", t("Pembina Utama Muda (IV/c)")),
        ("NIP", t("197203141998031007")),
    ]);
    let header = [
        "Kode",
        "Sasaran Strategis",
        "Indikator Kinerja",
        "Satuan",
        "Polaritas",
        "Target",
        "Target TW I",
        "Target TW II",
        "Realisasi TW I",
        "Realisasi TW II",
        "Agregasi",
        "Sumber Data",
    ];
    let s1 = "Meningkatnya kualitas perencanaan pembangunan daerah";
    let s2 = "Meningkatnya pemanfaatan data dan hasil penelitian dalam perencanaan";
    let kinerja = vec![
        header.iter().map(|h| t(h)).collect(),
        vec![
            t("1.1"),
            t(s1),
            t("Persentase konsistensi program RPJMD dalam RKPD"),
            t("%"),
            t("Positif"),
            n(95.0),
            n(95.0),
            n(95.0),
            n(92.5),
            n(96.0),
            t("terakhir"),
            t("Bidang Perencanaan"),
        ],
        vec![
            t("1.2"),
            V::B,
            t("Jumlah dokumen perencanaan yang ditetapkan tepat waktu"),
            t("Dokumen"),
            t("Positif"),
            n(6.0),
            n(2.0),
            n(1.0),
            n(2.0),
            n(1.0),
            t("jumlah"),
            t("Sekretariat"),
        ],
        vec![
            t("1.3"),
            V::B,
            t("Rata-rata keterlambatan penyampaian laporan evaluasi"),
            t("Hari"),
            t("Negatif"),
            n(5.0),
            n(5.0),
            n(5.0),
            n(6.0),
            n(4.0),
            t("rata-rata"),
            t("Bidang Evaluasi"),
        ],
        vec![
            t("2.1"),
            t(s2),
            t("Indeks kualitas data pembangunan daerah"),
            t("Indeks"),
            t("Positif"),
            n(3.2),
            n(3.0),
            n(3.1),
            n(3.05),
            V::B,
            t("terakhir"),
            t("Bidang Litbang"),
        ],
        vec![
            t("2.2"),
            V::B,
            t("Jumlah rekomendasi penelitian yang dimanfaatkan"),
            t("Rekomendasi"),
            t("Positif"),
            n(8.0),
            n(2.0),
            n(2.0),
            n(1.0),
            n(2.0),
            t("jumlah"),
            t("Bidang Litbang"),
        ],
    ];
    let anggaran = vec![
        vec![t("Program / Kegiatan"), t("Pagu"), t("Realisasi"), t("Kode Indikator")],
        vec![
            t("Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah"),
            n(1_480_000_000.0),
            n(612_340_000.0),
            t("1.1, 1.2, 1.3"),
        ],
        vec![t("Program Penelitian dan Pengembangan Daerah"), n(420_000_000.0), n(151_200_000.0), t("2.1, 2.2")],
    ];
    let evaluasi = vec![
        vec![t("Tanggal"), t("Kode"), t("Catatan"), t("Tindak Lanjut")],
        vec![
            V::D(2024, 7, 8),
            t("2.1"),
            t("Realisasi TW II indeks kualitas data belum dilaporkan Bidang Litbang"),
            t("Dilaporkan paling lambat 15 Juli 2024"),
        ],
    ];
    Book::new().sheet("Identitas", id).sheet("Kinerja", kinerja).sheet("Anggaran", anggaran).sheet("Evaluasi", evaluasi)
}

/// What tests do to a workbook besides building it.
pub trait BookExt {
    /// Sets the last reported realisation of the first indicator to `80 + x`.
    fn set_first_realisation(&mut self, x: f64);
}

impl BookExt for Book {
    fn set_first_realisation(&mut self, x: f64) {
        let sheet = self.sheets.iter_mut().find(|s| s.name == "Kinerja" || s.name == "IKU").expect("kinerja sheet");
        let (row, col) = if sheet.name == "Kinerja" { (1, 9) } else { (6, 9) };
        sheet.rows[row][col] = V::N(80.0 + x);
    }
}

/// Rewrites the .xlsx at `path` as a script that writes formulas without computing them saves it:
/// every formula keeps its `<f>` and loses its cached `<v>` value.
pub fn without_cached_values(path: &Path) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            let mut xml = String::from_utf8(content).unwrap();
            while let Some(f_end) = xml.find("</f><v>") {
                let v_start = f_end + "</f>".len();
                let v_end = v_start + xml[v_start..].find("</v>").unwrap() + "</v>".len();
                xml.replace_range(v_start..v_end, "");
            }
            content = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&content).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

/// A whole office's cascade (issue 27): a Kepala Dinas with 8 indicators in 4 sasaran, 5 Kepala Bidang
/// of 4 indicators, 18 Kepala Seksi of 4 and 36 staff of 3 — 60 positions, 208 indicators —, each
/// indicator supporting one of the position above, kegiatan and sub kegiatan within their pagu.
pub fn cascading_office() -> Book {
    let id = identitas(&[
        ("Pemerintah", t("Pemerintah Kabupaten Lumajang")),
        ("Perangkat Daerah", t("Dinas Pekerjaan Umum dan Penataan Ruang")),
        ("Kode Unit", t("dpupr")),
        ("Tahun", n(2025.0)),
        ("Periode", t("Tahunan")),
        ("Tempat", t("Lumajang")),
        ("Jabatan Penandatangan", t("Kepala Dinas Pekerjaan Umum dan Penataan Ruang")),
        ("Nama Penandatangan", t("Ir. KEPALA DINAS, M.T.")),
        ("NIP", t("19700101 199403 1 001")),
        ("Nama Pihak Kedua", t("Drs. H. CONTOH BUPATI, M.M.")),
        ("Jabatan Pihak Kedua", t("Bupati Lumajang")),
    ]);
    let mut kinerja = vec![["Kode", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target"].map(t).to_vec()];
    let head: Vec<(String, String, String, f64)> = (0..8)
        .map(|k| {
            (
                format!("{}.{}", k / 2 + 1, k % 2 + 1),
                format!("Sasaran strategis {}", k / 2 + 1),
                format!("Indikator utama {}", k + 1),
                80.0 + k as f64,
            )
        })
        .collect();
    for (code, sas, name, target) in &head {
        kinerja.push(vec![t(code), t(sas), t(name), t("%"), n(*target)]);
    }
    let header = [
        "Jabatan",
        "Jenjang",
        "Nama",
        "NIP",
        "Jabatan Atasan",
        "Sasaran",
        "Kode",
        "Indikator",
        "Satuan",
        "Target",
        "Mendukung",
        "Program / Kegiatan",
        "Pagu",
    ];
    let mut rows = vec![header.map(t).to_vec()];
    let mut nip = 0u32;
    let mut person = |rows: &mut Vec<Vec<V>>,
                      title: &str,
                      level: &str,
                      above: &str,
                      inds: &[(String, String, String, f64, String)],
                      budget: Option<(&str, f64)>| {
        nip += 1;
        for (k, (code, sas, name, target, supports)) in inds.iter().enumerate() {
            let first = k == 0;
            let cell = |x: &str| if first { t(x) } else { V::B };
            rows.push(vec![
                cell(title),
                cell(level),
                cell(&format!("PEJABAT {nip:03}")),
                if first { t(&format!("19800101 20050{} 1 {nip:03}", nip % 10)) } else { V::B },
                if first && !above.is_empty() { t(above) } else { V::B },
                t(sas),
                t(code),
                t(name),
                t("Dokumen"),
                n(*target),
                if supports.is_empty() { V::B } else { t(supports) },
                budget.map_or(V::B, |(b, _)| t(b)),
                budget.map_or(V::B, |(_, p)| n(p)),
            ]);
        }
    };
    let kadis = "Kepala Dinas Pekerjaan Umum dan Penataan Ruang";
    let head_rows: Vec<_> =
        head.iter().map(|(c, s, i, tg)| (c.clone(), s.clone(), i.clone(), *tg, String::new())).collect();
    person(&mut rows, kadis, "eselon II", "", &head_rows, Some(("Program Penyelenggaraan Jalan", 10_000_000_000.0)));
    let (mut kasi_n, mut staf_n) = (0, 0);
    for b in 0..5 {
        let kabid = format!("Kepala Bidang {}", b + 1);
        let inds: Vec<_> = (0..4)
            .map(|k| {
                (
                    format!("{}.{b}.{k}", head[(b * 4 + k) % 8].0),
                    format!("Sasaran program bidang {}", b + 1),
                    format!("Indikator bidang {} nomor {}", b + 1, k + 1),
                    10.0,
                    head[(b * 4 + k) % 8].0.clone(),
                )
            })
            .collect();
        person(
            &mut rows,
            &kabid,
            "eselon III",
            kadis,
            &inds,
            Some((&format!("Kegiatan Bidang {}", b + 1), 500_000_000.0)),
        );
        let seksi = if b < 3 { 4 } else { 3 };
        for s_ in 0..seksi {
            kasi_n += 1;
            let kasi = format!("Kepala Seksi {kasi_n}");
            let kinds: Vec<_> = (0..4)
                .map(|k| {
                    (
                        format!("{}.{s_}.{k}", inds[(s_ * 4 + k) % 4].0),
                        format!("Sasaran kegiatan seksi {kasi_n}"),
                        format!("Indikator seksi {kasi_n} nomor {}", k + 1),
                        5.0,
                        inds[(s_ * 4 + k) % 4].0.clone(),
                    )
                })
                .collect();
            person(
                &mut rows,
                &kasi,
                "eselon IV",
                &kabid,
                &kinds,
                Some((&format!("Sub Kegiatan Seksi {kasi_n}"), 100_000_000.0)),
            );
            for st in 0..2 {
                staf_n += 1;
                let sinds: Vec<_> = (0..3)
                    .map(|k| {
                        (
                            format!("{}.{st}.{k}", kinds[(st * 3 + k) % 4].0),
                            format!("Sasaran kinerja staf {staf_n}"),
                            format!("Indikator staf {staf_n} nomor {}", k + 1),
                            2.0,
                            kinds[(st * 3 + k) % 4].0.clone(),
                        )
                    })
                    .collect();
                person(&mut rows, &format!("Pelaksana {staf_n}"), "staf", &kasi, &sinds, None);
            }
        }
    }
    Book::new().sheet("Identitas", id).sheet("Kinerja", kinerja).sheet("Cascading", rows)
}
