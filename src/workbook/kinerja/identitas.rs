//! Sheet `Identitas`: keys and their values — who, when, who signs — and the settings of the
//! measurement. The keys with their aliases are [`KEYS`], the one place they are listed.

use super::super::grid::{self, address, Sheet};
use super::super::values::{parse_nip, parse_number, parse_period, parse_yes_no};
use crate::findings::Findings;
use crate::model::{
    Aggregation, Agreement, Efficiency, Evaluator, Identity, Level, NegativeFormula, Overall, Period, Person, Polarity,
    Scale, Settings,
};
use crate::names::normalize;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

/// The sheet's name as the reference writes it, and every name it is found under (normalised).
pub const SHEET: (&str, &[&str]) = ("Identitas", &["identitas", "identitasunit", "identitasdokumen", "identitaspd"]);

/// A key of the `Identitas` sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Pemerintah,
    Unit,
    Alamat,
    KodeUnit,
    Tahun,
    Periode,
    Tempat,
    Tanggal,
    Jabatan,
    Nama,
    Pangkat,
    Nip,
    Logo,
    RumusNegatif,
    Batas,
    Ambang,
    SkalaPredikat,
    RumusEfisiensi,
    CapaianKeseluruhan,
    NolNol,
    NomorPk,
    TanggalPk,
    JenisPk,
    TempatPk,
    Jenjang,
    NamaPihakKedua,
    JabatanPihakKedua,
    PangkatPihakKedua,
    NipPihakKedua,
    Evaluator,
    JabatanEvaluator,
    NipEvaluator,
    RenstraAkhir,
    RenstraKumulatif,
    GrafikFinal,
    GrafikDekat,
    /// Only beside a Renja form: the polarity of every indicator without its own.
    Polaritas,
    /// Only beside a Renja form: the aggregation of every indicator without its own.
    Agregasi,
}

/// One key as the reference describes it.
#[derive(Debug)]
pub struct KeySpec {
    /// The key.
    pub key: Key,
    /// Its name, as the reference and the template write it.
    pub name: &'static str,
    /// Every name it is recognised by, normalised: its own and the aliases.
    pub aliases: &'static [&'static str],
    /// Whether the document can't be made without it.
    pub required: bool,
    /// What to fill in, for the template's Petunjuk sheet.
    pub help: &'static str,
}

/// Every key, in the order of the reference.
pub const KEYS: &[KeySpec] = &[
    KeySpec { key: Key::Pemerintah, name: "Pemerintah", aliases: &["pemerintah", "pemerintahdaerah"], required: true, help: "Nama pemerintah daerah, misalnya Pemerintah Kabupaten Lumajang." },
    KeySpec { key: Key::Unit, name: "Perangkat Daerah", aliases: &["perangkatdaerah", "unitkerja", "opd", "namaperangkatdaerah", "namaunitkerja", "namaopd"], required: true, help: "Nama perangkat daerah (juga: Unit Kerja, OPD)." },
    KeySpec { key: Key::Alamat, name: "Alamat", aliases: &["alamat", "alamatkantor"], required: false, help: "Alamat untuk kop surat." },
    KeySpec { key: Key::KodeUnit, name: "Kode Unit", aliases: &["kodeunit", "kodeopd", "singkatan"], required: false, help: "Singkatan untuk nama folder dan berkas arsip, misalnya diskominfo. Bila kosong dibentuk dari nama perangkat daerah." },
    KeySpec { key: Key::Tahun, name: "Tahun", aliases: &["tahun", "tahunanggaran", "tahunpengukuran"], required: true, help: "Tahun yang diukur, misalnya 2024." },
    KeySpec { key: Key::Periode, name: "Periode", aliases: &["periode", "periodepengukuran"], required: true, help: "Pilih: Tahunan, Triwulan I, Triwulan II, Triwulan III atau Triwulan IV." },
    KeySpec { key: Key::Tempat, name: "Tempat", aliases: &["tempat", "tempatpenandatanganan"], required: true, help: "Tempat penandatanganan, misalnya Lumajang." },
    KeySpec { key: Key::Tanggal, name: "Tanggal", aliases: &["tanggal", "tanggalpenandatanganan", "tanggalpengesahan"], required: false, help: "Tanggal penandatanganan (sel tanggal atau teks seperti 15 Januari 2025). Bila kosong dipakai tanggal pembuatan dokumen." },
    KeySpec { key: Key::Jabatan, name: "Jabatan Penandatangan", aliases: &["jabatanpenandatangan", "jabatan"], required: true, help: "Misalnya Kepala Dinas Komunikasi dan Informatika (tambahkan Plt. bila berlaku)." },
    KeySpec { key: Key::Nama, name: "Nama Penandatangan", aliases: &["namapenandatangan", "nama", "penandatangan"], required: true, help: "Nama lengkap dengan gelar." },
    KeySpec { key: Key::Pangkat, name: "Pangkat", aliases: &["pangkat", "pangkatgolongan", "pangkatgol"], required: false, help: "Misalnya Pembina Tk. I (IV/b)." },
    KeySpec { key: Key::Nip, name: "NIP", aliases: &["nip", "nippenandatangan"], required: true, help: "18 angka, boleh dengan spasi: 19840518 201101 1 014. Sel ini berformat teks agar angka tidak dibulatkan." },
    KeySpec { key: Key::Logo, name: "Logo", aliases: &["logo"], required: false, help: "Nama berkas gambar logo (PNG, JPG, SVG) di folder yang sama dengan buku kerja ini." },
    KeySpec { key: Key::RumusNegatif, name: "Rumus Polaritas Negatif", aliases: &["rumuspolaritasnegatif", "rumusnegatif"], required: false, help: "Pilih (2T-R)/T (bawaan, PermenPAN-RB 6/2022) atau T/R." },
    KeySpec { key: Key::Batas, name: "Batas Capaian", aliases: &["batascapaian", "batascapaianmaksimal", "capaianmaksimal", "batasatascapaian"], required: false, help: "Batas atas capaian dalam persen, misalnya 120. Kosong berarti tanpa batas." },
    KeySpec { key: Key::Ambang, name: "Ambang Tercapai", aliases: &["ambangtercapai", "ambangbatastercapai", "ambangtercapaipersen"], required: false, help: "Capaian minimal agar indikator dinyatakan tercapai, dalam persen. Bawaan 100." },
    KeySpec { key: Key::SkalaPredikat, name: "Skala Predikat", aliases: &["skalapredikat", "skalapenilaian", "predikat"], required: false, help: "Permendagri 86/2017 (bawaan), AKIP (huruf AA–D, PermenPAN-RB 88/2021), atau skala sendiri: batas bawah dan sebutan tiap pita, dipisah titik koma, misalnya 90 Sangat Baik; 75 Baik; 60 Cukup; 50 Kurang; 0 Sangat Kurang." },
    KeySpec { key: Key::RumusEfisiensi, name: "Rumus Efisiensi", aliases: &["rumusefisiensi", "efisiensi"], required: false, help: "100 - serapan (bawaan; hanya bila semua indikator yang didukung tercapai), capaian - serapan, atau (1 - serapan / capaian) x 100." },
    KeySpec { key: Key::CapaianKeseluruhan, name: "Capaian Keseluruhan", aliases: &["capaiankeseluruhan", "capaiankinerja", "capaiankeseluruhandari"], required: false, help: "rata-rata sasaran (bawaan) atau rata-rata indikator (seperti formulir evaluasi Renja)." },
    KeySpec { key: Key::NolNol, name: "Target dan Realisasi Nol", aliases: &["targetdanrealisasinol", "t0r0", "nolnol"], required: false, help: "Untuk indikator negatif dengan target 0 dan realisasi 0: tidak dapat dihitung (bawaan) atau 100 (dinilai 100 %, dan dokumen menyebutkannya)." },
    KeySpec { key: Key::NomorPk, name: "Nomor PK", aliases: &["nomorpk", "nomorperjanjiankinerja", "nopk"], required: false, help: "Nomor Perjanjian Kinerja yang diukur; dicetak di bawah judul." },
    KeySpec { key: Key::TanggalPk, name: "Tanggal PK", aliases: &["tanggalpk", "tanggalperjanjiankinerja"], required: false, help: "Tanggal Perjanjian Kinerja." },
    KeySpec { key: Key::JenisPk, name: "Jenis PK", aliases: &["jenispk", "jenisperjanjiankinerja"], required: false, help: "murni atau perubahan: Perjanjian Kinerja yang diukur, dan yang dibuat oleh kinerja build --doc pk (perubahan: PK Perubahan, dokumen tersendiri di samping PK murni)." },
    KeySpec { key: Key::TempatPk, name: "Tempat PK", aliases: &["tempatpk", "tempatperjanjiankinerja"], required: false, help: "Tempat penandatanganan Perjanjian Kinerja; bila kosong dipakai Tempat." },
    KeySpec { key: Key::Jenjang, name: "Jenjang Jabatan", aliases: &["jenjangjabatan", "jenjang", "eselon", "tingkatjabatan"], required: false, help: "kepala daerah, eselon II (bawaan), eselon III, eselon IV atau staf: menentukan siapa menandatangani Perjanjian Kinerja dengan siapa dan judul tabelnya (PK kepala daerah hanya satu penanda tangan)." },
    KeySpec { key: Key::NamaPihakKedua, name: "Nama Pihak Kedua", aliases: &["namapihakkedua", "pihakkedua", "namaatasan"], required: false, help: "Nama atasan yang menandatangani Perjanjian Kinerja sebagai pihak kedua, misalnya bupati. Wajib untuk PK selain PK kepala daerah." },
    KeySpec { key: Key::JabatanPihakKedua, name: "Jabatan Pihak Kedua", aliases: &["jabatanpihakkedua", "jabatanatasan"], required: false, help: "Jabatan pihak kedua, misalnya Bupati Lumajang." },
    KeySpec { key: Key::PangkatPihakKedua, name: "Pangkat Pihak Kedua", aliases: &["pangkatpihakkedua", "pangkatatasan"], required: false, help: "Pangkat pihak kedua (kosongkan untuk kepala daerah)." },
    KeySpec { key: Key::NipPihakKedua, name: "NIP Pihak Kedua", aliases: &["nippihakkedua", "nipatasan"], required: false, help: "NIP pihak kedua, 18 angka (kosongkan untuk kepala daerah)." },
    KeySpec { key: Key::Evaluator, name: "Dievaluasi Oleh", aliases: &["dievaluasioleh", "evaluator", "namaevaluator"], required: false, help: "Nama pejabat yang mengevaluasi; bila diisi, dokumen final memuat blok \"Dievaluasi oleh\" di samping tanda tangan." },
    KeySpec { key: Key::JabatanEvaluator, name: "Jabatan Evaluator", aliases: &["jabatanevaluator"], required: false, help: "Jabatan pejabat yang mengevaluasi." },
    KeySpec { key: Key::NipEvaluator, name: "NIP Evaluator", aliases: &["nipevaluator"], required: false, help: "NIP pejabat yang mengevaluasi, 18 angka." },
    KeySpec { key: Key::GrafikFinal, name: "Grafik pada Final", aliases: &["grafikpadafinal", "grafikfinal"], required: false, help: "ya atau tidak (bawaan): grafik capaian juga pada dokumen final yang ditandatangani (draft dan konsep selalu memuatnya)." },
    KeySpec { key: Key::GrafikDekat, name: "Batas Dekat Grafik", aliases: &["batasdekatgrafik", "grafikdekat"], required: false, help: "Capaian terendah (persen) yang diwarnai kuning \"mendekati target\" di grafik; bawaan 90. Di bawahnya merah, dari ambang tercapai hijau." },
    KeySpec { key: Key::RenstraAkhir, name: "Tahun Akhir Renstra", aliases: &["tahunakhirrenstra", "akhirperioderenstra", "tahunakhirperioderenstra"], required: false, help: "Tahun terakhir periode Renstra, misalnya 2026: tahun Target Renstra di lembar Kinerja." },
    KeySpec { key: Key::RenstraKumulatif, name: "Renstra Kumulatif", aliases: &["renstrakumulatif", "kumulatifrenstra"], required: false, help: "Bawaan untuk indikator yang kolom Renstra Kumulatif-nya kosong: ya (realisasi tahun ini ditambahkan ke realisasi s.d. tahun lalu) atau tidak (posisi tahun ini). Bila kosong: menurut satuan; %, indeks, nilai, skor dan rasio tidak dijumlahkan antartahun, satuan lain dijumlahkan." },
    KeySpec { key: Key::Polaritas, name: "Polaritas", aliases: &["polaritas", "polaritasindikator"], required: false, help: "Polaritas semua indikator formulir yang tidak punya kolom Polaritas: Positif (bawaan), Negatif, Rentang atau Tetap." },
    KeySpec { key: Key::Agregasi, name: "Agregasi", aliases: &["agregasi", "agregasitriwulan"], required: false, help: "Agregasi triwulan semua indikator formulir yang tidak punya kolom Agregasi: jumlah, terakhir atau rata-rata. Bila kosong dibaca dari kolom realisasi tahun ini." },
];

impl Key {
    /// The reference's description of the key.
    pub fn spec(self) -> &'static KeySpec {
        KEYS.iter().find(|k| k.key == self).expect("every key is in KEYS")
    }

    /// Whether the kinerja workbook's `Identitas` lists the key (its template and Petunjuk sheet): not
    /// the keys only an `Identitas` sheet beside a Renja form reads (a kinerja workbook gives them per
    /// indicator; docs/renja-form.md).
    pub fn in_workbook(self) -> bool {
        !matches!(self, Key::Polaritas | Key::Agregasi)
    }

    /// The name the reference gives the key (used in messages).
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The key a cell names, if any.
    pub fn from_text(text: &str) -> Option<Key> {
        let n = normalize(text);
        KEYS.iter().find(|k| k.aliases.contains(&n.as_str())).map(|k| k.key)
    }
}

/// True when a sheet's name is `Identitas`'s.
pub fn is_sheet(name: &str) -> bool {
    SHEET.1.contains(&normalize(name).as_str())
}

/// Each key found on the sheet, with the cell of its value: (row, column).
fn keys(sheet: &Sheet) -> HashMap<Key, (u32, u32)> {
    let mut found = HashMap::new();
    let (Some((r0, r1)), Some((c0, c1))) = (sheet.rows(), sheet.cols()) else { return found };
    for row in r0..=r1 {
        for col in c0..=c1 {
            let Some(key) = sheet.text(row, col).and_then(|t| Key::from_text(&t)) else {
                continue;
            };
            if found.contains_key(&key) {
                continue;
            }
            // The value is the next cell with content; a lone ":" between key and value is layout.
            let value_col = (col + 1..=c1)
                .find(|&c| sheet.text(row, c).is_some_and(|t| !t.chars().all(|ch| ch == ':' || ch.is_whitespace())));
            found.insert(key, (row, value_col.unwrap_or(col + 1)));
            break; // one key per row; the rest of the row is its value
        }
    }
    found
}

/// True for keys with no values at all (an unfilled template), counting the keys.
pub(super) fn unfilled_keys(sheet: &Sheet) -> Option<usize> {
    let (Some((r0, r1)), Some((c0, c1))) = (sheet.rows(), sheet.cols()) else { return None };
    let mut keys = 0;
    for row in r0..=r1 {
        let cells: Vec<String> = (c0..=c1).filter_map(|c| sheet.text(row, c)).collect();
        match cells.first().and_then(|t| Key::from_text(t)) {
            Some(_) if cells.len() == 1 => keys += 1,
            Some(_) => return None,
            None => {}
        }
    }
    Some(keys)
}

/// Every identity key the sheet gives, read and checked; a key it lacks is None.
#[derive(Debug, Default)]
pub struct Given {
    pub government: Option<String>,
    pub unit: Option<String>,
    pub address: Option<String>,
    /// The unit code as a slug, from Kode Unit (or, in [`read`], from the unit's name).
    pub unit_code: Option<String>,
    pub year: Option<i32>,
    pub period: Option<Period>,
    pub place: Option<String>,
    pub date: Option<NaiveDate>,
    pub signer_title: Option<String>,
    pub signer_name: Option<String>,
    pub signer_rank: Option<String>,
    pub nip: Option<String>,
    pub logo: Option<String>,
    pub agreement: Option<Agreement>,
    pub evaluator: Option<Evaluator>,
    pub renstra_end: Option<i32>,
    /// Jenjang Jabatan.
    pub level: Option<Level>,
    /// Pihak kedua of the Perjanjian Kinerja.
    pub superior: Option<Person>,
    /// Beside a Renja form only: the polarity and aggregation of every indicator without its own.
    pub polarity: Option<Polarity>,
    pub aggregation: Option<Aggregation>,
    /// Whether `Capaian Keseluruhan` is given (a form then follows it, not its own summary).
    pub overall_given: bool,
    /// True when every key it gives could be read.
    pub readable: bool,
}

/// Reads the identity and the settings; the identity is None when a required key is missing or
/// unreadable (each reported at its cell).
pub fn read(sheets: &[Sheet], path: &Path, f: &mut Findings) -> (Option<Identity>, Settings) {
    let Some((given, settings)) = read_given(sheets, path, f, true) else {
        f.set_sheet(None);
        f.file_error(
            format!("Lembar \"Identitas\" tidak ditemukan; lembar yang ada: {}.", super::super::sheet_list(sheets)),
            Some("Tambahkan lembar Identitas dengan kunci di kolom A dan nilainya di kolom B (Pemerintah, Perangkat Daerah, Tahun, Periode, Tempat, Jabatan Penandatangan, Nama Penandatangan, NIP).".into()),
        );
        return (None, Settings::default());
    };
    if !given.readable {
        return (None, settings);
    }
    let identity = (|| {
        Some(Identity {
            government: given.government?,
            unit_name: given.unit?,
            address: given.address,
            unit_code: given.unit_code?,
            year: given.year?,
            period: given.period?,
            place: Some(given.place?),
            date: given.date,
            signer_title: Some(given.signer_title?),
            signer_name: Some(given.signer_name?),
            signer_rank: given.signer_rank,
            nip: Some(given.nip?),
            logo: given.logo,
            agreement: given.agreement,
            evaluator: given.evaluator,
            renstra_end: given.renstra_end,
            level: given.level,
            superior: given.superior,
            position: None,
        })
    })();
    (identity, settings)
}

/// Reads the keys the `Identitas` sheet gives and the settings; None when there is no such sheet.
/// `strict`: a required key that is missing is an error (the kinerja workbook); otherwise it is
/// simply not given (a sheet beside another form, which supplies the rest).
pub fn read_given(sheets: &[Sheet], path: &Path, f: &mut Findings, strict: bool) -> Option<(Given, Settings)> {
    let sheet = sheets.iter().find(|s| is_sheet(&s.name))?;
    f.set_sheet(Some(&sheet.name));
    let found = keys(sheet);
    let cell_of = |key: Key| found.get(&key).map(|&(r, c)| address(r, c));
    let mut ok = true;
    let mut text = |key: Key, f: &mut Findings| -> Option<String> {
        let at = found.get(&key).copied();
        let value = at.and_then(|(r, c)| sheet.text(r, c));
        if value.is_none() && key.spec().required && strict {
            ok = false;
            let cell = at.map(|(r, c)| address(r, c));
            let message = match cell {
                Some(_) => format!("Nilai \"{}\" kosong; kunci ini wajib diisi.", key.name()),
                None => format!("Kunci \"{}\" tidak ditemukan; kunci ini wajib ada.", key.name()),
            };
            f.error(
                cell,
                message,
                Some(format!("Isi baris \"{}\" di lembar Identitas (kunci di kolom A, nilai di kolom B).", key.name())),
            );
        }
        value
    };
    let government = text(Key::Pemerintah, f);
    let unit = text(Key::Unit, f);
    let address_line = text(Key::Alamat, f);
    let unit_code_raw = text(Key::KodeUnit, f);
    let year_text = text(Key::Tahun, f);
    let period_text = text(Key::Periode, f);
    let place = text(Key::Tempat, f);
    let signer_title = text(Key::Jabatan, f);
    let signer_name = text(Key::Nama, f);
    let signer_rank = text(Key::Pangkat, f);
    let nip_text = text(Key::Nip, f);
    let logo = text(Key::Logo, f);
    let negative_text = text(Key::RumusNegatif, f);
    let scale_text = text(Key::SkalaPredikat, f);
    let efficiency_text = text(Key::RumusEfisiensi, f);
    let overall_text = text(Key::CapaianKeseluruhan, f);
    let zero_text = text(Key::NolNol, f);
    let pk_number = text(Key::NomorPk, f);
    let pk_kind = text(Key::JenisPk, f);
    let pk_place = text(Key::TempatPk, f);
    let level_text = text(Key::Jenjang, f);
    let superior_name = text(Key::NamaPihakKedua, f);
    let superior_title = text(Key::JabatanPihakKedua, f);
    let superior_rank = text(Key::PangkatPihakKedua, f);
    let superior_nip_text = text(Key::NipPihakKedua, f);
    let evaluator_name = text(Key::Evaluator, f);
    let evaluator_title = text(Key::JabatanEvaluator, f);
    let evaluator_nip_text = text(Key::NipEvaluator, f);
    let renstra_text = text(Key::RenstraAkhir, f);
    let chart_final_text = text(Key::GrafikFinal, f);
    let renstra_cumulative_text = text(Key::RenstraKumulatif, f);
    // The keys of a form's Identitas only (a kinerja workbook gives these per indicator).
    let (polarity_text, aggregation_text) =
        if strict { (None, None) } else { (text(Key::Polaritas, f), text(Key::Agregasi, f)) };
    let overall_given = overall_text.is_some();

    let year = year_text.as_deref().and_then(|t| year(t, cell_of(Key::Tahun), f));
    let period = period_text.as_deref().and_then(|t| {
        let p = parse_period(t);
        if p.is_none() {
            f.error(
                cell_of(Key::Periode),
                format!("Periode \"{}\" tidak dikenal; diharapkan Tahunan atau Triwulan I–IV.", grid::shorten(t)),
                Some("Tulis salah satu dari: Tahunan, Triwulan I, Triwulan II, Triwulan III, Triwulan IV (juga TW 1, Q1).".into()),
            );
        }
        p
    });
    let nip = nip_text.as_deref().and_then(|t| nip(t, cell_of(Key::Nip), f));
    let date = match found.get(&Key::Tanggal) {
        Some(&(r, c)) => sheet.date(r, c, "Tanggal", f).ok().flatten(),
        None => None,
    };
    let pk_date = match found.get(&Key::TanggalPk) {
        Some(&(r, c)) => sheet.date(r, c, "Tanggal PK", f).ok().flatten(),
        None => None,
    };
    let pk_kind = pk_kind.and_then(|k| {
        let n = normalize(&k);
        if n.contains("murni") || n.contains("perubahan") {
            Some(k.to_lowercase())
        } else {
            f.error(
                cell_of(Key::JenisPk),
                format!("Jenis PK \"{}\" tidak dikenal; diharapkan murni atau perubahan.", grid::shorten(&k)),
                Some("Tulis murni untuk Perjanjian Kinerja awal tahun, perubahan untuk PK Perubahan.".into()),
            );
            None
        }
    });
    let agreement = (pk_number.is_some() || pk_date.is_some() || pk_kind.is_some() || pk_place.is_some())
        .then_some(Agreement { number: pk_number, date: pk_date, kind: pk_kind, place: pk_place });
    let level = level_text.as_deref().and_then(|t| {
        let l = parse_level(t);
        if l.is_none() {
            f.error(
                cell_of(Key::Jenjang),
                format!("Jenjang Jabatan \"{}\" tidak dikenal.", grid::shorten(t)),
                Some("Tulis kepala daerah, eselon II, eselon III, eselon IV atau staf.".into()),
            );
        }
        l
    });
    let superior_nip = superior_nip_text.as_deref().and_then(|t| self::nip(t, cell_of(Key::NipPihakKedua), f));
    let superior = match (superior_name, superior_title) {
        (Some(name), Some(title)) => Some(Person { name, title, rank: superior_rank, nip: superior_nip }),
        (None, None) if superior_rank.is_none() && superior_nip_text.is_none() => None,
        (name, _) => {
            let (key, what) = if name.is_none() {
                (Key::NamaPihakKedua, "Nama Pihak Kedua")
            } else {
                (Key::JabatanPihakKedua, "Jabatan Pihak Kedua")
            };
            f.error(
                cell_of(key),
                format!("Pihak kedua Perjanjian Kinerja tidak lengkap: \"{what}\" kosong."),
                Some(format!("Isi baris \"{what}\" di lembar Identitas, atau kosongkan semua kunci pihak kedua.")),
            );
            None
        }
    };
    let evaluator_nip = evaluator_nip_text.as_deref().and_then(|t| self::nip(t, cell_of(Key::NipEvaluator), f));
    let evaluator = evaluator_name.map(|name| Evaluator { name, title: evaluator_title, nip: evaluator_nip });
    let renstra_end = renstra_text.as_deref().and_then(|t| self::year(t, cell_of(Key::RenstraAkhir), f));
    let polarity = polarity_text.as_deref().and_then(|t| {
        known(t, super::indikator::polarity, Key::Polaritas, "Positif, Negatif, Rentang atau Tetap", cell_of, f)
    });
    let aggregation = aggregation_text.as_deref().and_then(|t| {
        known(t, super::indikator::aggregation, Key::Agregasi, "jumlah, terakhir atau rata-rata", cell_of, f)
    });
    let mut settings = settings(sheet, &found, negative_text, f);
    let cell = |k: Key| found.get(&k).map(|&(r, c)| address(r, c));
    other_settings(
        &mut settings,
        [scale_text, efficiency_text, overall_text, zero_text],
        [cell(Key::SkalaPredikat), cell(Key::RumusEfisiensi), cell(Key::CapaianKeseluruhan), cell(Key::NolNol)],
        f,
    );
    if let Some(t) = chart_final_text {
        match parse_yes_no(&t) {
            Some(v) => settings.charts_on_final = v,
            None => f.error(
                cell(Key::GrafikFinal),
                format!("Grafik pada Final \"{}\" tidak dikenal; diharapkan ya atau tidak.", grid::shorten(&t)),
                None,
            ),
        }
    }
    if let Some(t) = renstra_cumulative_text {
        match parse_yes_no(&t) {
            Some(v) => settings.renstra_cumulative = Some(v),
            None => f.error(
                cell(Key::RenstraKumulatif),
                format!("Renstra Kumulatif \"{}\" tidak dikenal; diharapkan ya atau tidak.", grid::shorten(&t)),
                Some("Kosongkan sel ini agar setiap indikator ditentukan menurut satuannya.".into()),
            ),
        }
    }
    if let Some(&(r, c)) = found.get(&Key::GrafikDekat) {
        if let Ok(Some(v)) = sheet.number(r, c, "Batas Dekat Grafik", f) {
            if v <= 0.0 || v >= settings.threshold {
                f.error(
                    Some(address(r, c)),
                    format!("Batas Dekat Grafik {} tidak masuk akal; diharapkan persen di atas 0 dan di bawah Ambang Tercapai.", crate::format::figure(v, 2)),
                    None,
                );
            } else {
                settings.chart_close = Some(v);
            }
        }
    }
    if let Some(cap) = settings.cap.filter(|cap| *cap < settings.threshold) {
        f.error(
            cell(Key::Batas),
            format!(
                "Batas Capaian {} % di bawah Ambang Tercapai {} %: tidak ada indikator yang dapat tercapai.",
                crate::format::figure(cap, 2),
                crate::format::figure(settings.threshold, 2)
            ),
            Some("Naikkan Batas Capaian (misalnya 120) atau kosongkan bila tanpa batas.".into()),
        );
    }
    let unit_code = match (&unit_code_raw, &unit) {
        (Some(raw), _) => {
            let code = crate::names::slug(raw);
            if crate::names::full_slug(raw).len() > crate::names::MAX_SLUG {
                f.warning(
                    cell_of(Key::KodeUnit),
                    format!(
                        "Kode Unit lebih dari {} karakter; dipakai sebagai \"{code}\" (awalnya dan sidik kode lengkapnya, agar dua kode yang baru berbeda setelah karakter ke-{} tetap dua unit).",
                        crate::names::MAX_SLUG,
                        crate::names::MAX_SLUG
                    ),
                    Some("Kode Unit sebaiknya singkatan pendek, misalnya dp3appkb.".into()),
                );
            }
            Some(code)
        }
        (None, Some(unit)) if strict => Some(crate::names::slug(unit)),
        _ => None,
    };
    if unit_code.as_deref() == Some("") {
        ok = false;
        f.error(
            cell_of(Key::KodeUnit).or(cell_of(Key::Unit)),
            "Kode unit tidak dapat dibentuk: diharapkan huruf atau angka.",
            Some("Isi \"Kode Unit\" dengan singkatan seperti diskominfo.".into()),
        );
    }
    if let Some(logo) = &logo {
        check_logo(path, logo, cell_of(Key::Logo), f);
    }
    let unreadable = |text: &Option<String>, value: bool| text.is_some() && !value;
    let readable = ok
        && !unreadable(&year_text, year.is_some())
        && !unreadable(&period_text, period.is_some())
        && !unreadable(&nip_text, nip.is_some())
        && (!strict || (year.is_some() && period.is_some() && nip.is_some()));
    let given = Given {
        government,
        unit,
        address: address_line,
        unit_code,
        year,
        period,
        place,
        date,
        signer_title,
        signer_name,
        signer_rank,
        nip,
        logo,
        agreement,
        evaluator,
        renstra_end,
        level,
        superior,
        polarity,
        aggregation,
        overall_given,
        readable,
    };
    Some((given, settings))
}

/// The level a cell names: "kepala daerah" (also bupati, walikota), "eselon II" (also JPT pratama,
/// kepala perangkat daerah), "eselon III" (administrator), "eselon IV" (pengawas), "staf" (JFU, JFT,
/// pelaksana, fungsional).
pub fn parse_level(t: &str) -> Option<Level> {
    let n = normalize(t);
    let n = n.strip_prefix("eselon").unwrap_or(&n);
    match n {
        "kepaladaerah" | "bupati" | "walikota" | "gubernur" | "bupatiwalikota" => Some(Level::KepalaDaerah),
        "ii" | "2" | "iia" | "iib" | "jptpratama" | "kepalaperangkatdaerah" | "kepalaopd" => Some(Level::EselonIi),
        "iii" | "3" | "iiia" | "iiib" | "administrator" => Some(Level::EselonIii),
        "iv" | "4" | "iva" | "ivb" | "pengawas" => Some(Level::EselonIv),
        "staf" | "staff" | "jfu" | "jft" | "pelaksana" | "fungsional" | "jabatanfungsional" => Some(Level::Staf),
        _ => None,
    }
}

/// A key's value read with `parse`; an unknown value is an error at its cell.
fn known<T>(
    text: &str,
    parse: fn(&str) -> Option<T>,
    key: Key,
    expected: &str,
    cell_of: impl Fn(Key) -> Option<String>,
    f: &mut Findings,
) -> Option<T> {
    let value = parse(text);
    if value.is_none() {
        f.error(
            cell_of(key),
            format!("{} \"{}\" tidak dikenal; diharapkan {expected}.", key.name(), grid::shorten(text)),
            None,
        );
    }
    value
}

/// A year between 2000 and 2100.
fn year(t: &str, cell: Option<String>, f: &mut Findings) -> Option<i32> {
    let y = parse_number(t).map(|n| n.value).filter(|y| y.fract() == 0.0 && (2000.0..=2100.0).contains(y));
    if y.is_none() {
        f.error(
            cell,
            format!("Tahun berisi \"{}\"; diharapkan tahun empat angka antara 2000 dan 2100.", grid::shorten(t)),
            Some("Tulis tahunnya saja, misalnya 2024.".into()),
        );
    }
    y.map(|y| y as i32)
}

/// A NIP of 18 digits.
fn nip(t: &str, cell: Option<String>, f: &mut Findings) -> Option<String> {
    let n = parse_nip(t);
    if n.is_none() {
        let digits = t.chars().filter(char::is_ascii_digit).count();
        f.error(
            cell,
            format!("NIP \"{}\" berisi {digits} angka; diharapkan tepat 18 angka.", grid::shorten(t)),
            Some("Tulis NIP 18 angka, boleh dengan spasi: 19840518 201101 1 014. Di Excel, format selnya sebagai Teks agar angka tidak dibulatkan.".into()),
        );
    }
    n
}

/// The settings: the negative formula, the cap, the threshold.
fn settings(sheet: &Sheet, found: &HashMap<Key, (u32, u32)>, negative: Option<String>, f: &mut Findings) -> Settings {
    let mut settings = Settings::default();
    if let Some(t) = negative {
        match normalize(&t).as_str() {
            "2trt" | "2tr" | "2trtx100" | "a" => settings.negative_formula = NegativeFormula::TwoTMinusR,
            "tr" | "trx100" | "b" => settings.negative_formula = NegativeFormula::TOverR,
            _ => f.error(
                found.get(&Key::RumusNegatif).map(|&(r, c)| address(r, c)),
                format!(
                    "Rumus polaritas negatif \"{}\" tidak dikenal; diharapkan (2T-R)/T atau T/R.",
                    grid::shorten(&t)
                ),
                None,
            ),
        }
    }
    for key in [Key::Batas, Key::Ambang] {
        let what = key.name();
        let Some(&(r, c)) = found.get(&key) else { continue };
        if let Ok(Some(v)) = sheet.number(r, c, what, f) {
            if v <= 0.0 {
                f.error(
                    Some(address(r, c)),
                    format!("{what} {v} tidak masuk akal; diharapkan persen lebih dari 0."),
                    None,
                );
                continue;
            }
            if v <= 1.5 {
                // A percent cell of .xls (or a fraction typed) reads as 1 for 100 %.
                f.warning(
                    Some(address(r, c)),
                    format!(
                        "{what} tertulis {}: mungkin maksudnya {} %.",
                        crate::format::figure(v, 4),
                        crate::format::figure(v * 100.0, 2)
                    ),
                    Some("Tulis persen sebagai angka biasa (100 atau 100%), bukan pecahan.".into()),
                );
            }
            if key == Key::Ambang {
                settings.threshold = v;
            } else {
                settings.cap = Some(v);
            }
        }
    }
    settings
}

/// The predikat scale, the efficiency formula, the overall capaian and the T = 0, R = 0 rule, each from
/// its cell's text (an unknown text is an error at that cell).
fn other_settings(settings: &mut Settings, texts: [Option<String>; 4], cells: [Option<String>; 4], f: &mut Findings) {
    let [scale, efficiency, overall, zero] = texts;
    let [scale_cell, efficiency_cell, overall_cell, zero_cell] = cells;
    let mut unknown = |cell: Option<String>, what: &str, t: &str, expected: &str| {
        f.error(cell, format!("{what} \"{}\" tidak dikenal; diharapkan {expected}.", grid::shorten(t)), None)
    };
    if let Some(t) = scale {
        match parse_scale(&t) {
            Some(s) => settings.scale = s,
            None => unknown(
                scale_cell,
                "Skala Predikat",
                &t,
                "Permendagri 86/2017, AKIP, atau pita sendiri dari 0 ke atas seperti \"90 Sangat Baik; 75 Baik; 0 Kurang\"",
            ),
        }
    }
    if let Some(t) = efficiency {
        match normalize(&t).as_str() {
            "100serapan" | "bawaan" => settings.efficiency = Efficiency::RemainingBudget,
            "capaianserapan" => settings.efficiency = Efficiency::CapaianMinusSerapan,
            "1serapancapaianx100" | "1serapancapaian100" | "1serapancapaian" => settings.efficiency = Efficiency::Ratio,
            _ => unknown(
                efficiency_cell,
                "Rumus Efisiensi",
                &t,
                "100 - serapan, capaian - serapan, atau (1 - serapan / capaian) x 100",
            ),
        }
    }
    if let Some(t) = overall {
        match normalize(&t).as_str() {
            "rataratasasaran" | "sasaran" | "bawaan" => settings.overall = Overall::Sasaran,
            "ratarataindikator" | "rataratasemuaindikator" | "ratarataseluruhindikator" | "indikator" => {
                settings.overall = Overall::Indicators
            }
            _ => unknown(overall_cell, "Capaian Keseluruhan", &t, "rata-rata sasaran atau rata-rata indikator"),
        }
    }
    if let Some(t) = zero {
        match normalize(&t).as_str() {
            "100" | "100persen" => settings.zero_zero_full = true,
            "tidakdapatdihitung" | "bawaan" => settings.zero_zero_full = false,
            _ => unknown(zero_cell, "Target dan Realisasi Nol", &t, "tidak dapat dihitung atau 100"),
        }
    }
}

/// "Permendagri 86/2017", "AKIP", or the office's own bands: "90 Sangat Baik; 75 Baik; 0 Kurang".
fn parse_scale(text: &str) -> Option<Scale> {
    let n = normalize(text);
    if n.starts_with("permendagri") || n == "bawaan" {
        return Some(Scale::Permendagri);
    }
    if n.starts_with("akip") || n.starts_with("permenpanrb") {
        return Some(Scale::Akip);
    }
    let mut bands: Vec<(f64, String)> = Vec::new();
    for part in text.split([';', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        // "≥ 90 Sangat Baik" or "90 Sangat Baik"; a range "91 - 100 Sangat Tinggi" by its lower bound.
        // (">" would say the bound is not in the band: not this convention, so not accepted.)
        let part = part.strip_prefix('≥').unwrap_or(part).trim();
        let (number, rest) = part.split_once(char::is_whitespace)?;
        let bound = parse_number(number)?.value;
        let mut label = rest.trim();
        for sep in ["-", "–", "s.d.", "s.d", "s/d", "sd", "sampai"] {
            let Some(after) = label.strip_prefix(sep) else { continue };
            let after = after.trim_start();
            let (upper, tail) = after.split_once(char::is_whitespace).unwrap_or((after, ""));
            // "91 - 100 Sangat Tinggi": a range by its lower bound; "90 – Sangat Baik": a separator.
            label = if parse_number(upper).is_some() { tail.trim() } else { after };
            break;
        }
        if label.is_empty() {
            return None;
        }
        bands.push((bound, label.to_string()));
    }
    bands.sort_by(|a, b| b.0.total_cmp(&a.0));
    // The lowest band starts at 0, so that every capaian has a predikat.
    (bands.len() >= 2 && bands.last().is_some_and(|b| b.0 <= 0.0)).then_some(Scale::Own(bands))
}

/// The logo must be an image inside the workbook's folder.
fn check_logo(workbook: &Path, logo: &str, cell: Option<String>, f: &mut Findings) {
    if let Err(reason) = crate::logo::resolve(workbook, logo) {
        f.error(
            cell,
            format!("Logo \"{}\" tidak dapat dipakai: {reason}.", grid::shorten(logo)),
            Some("Simpan berkas logo (PNG, JPG atau SVG) di folder yang sama dengan buku kerja dan tulis namanya saja, misalnya logo-lumajang.png.".into()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_with_aliases_and_noise() {
        assert_eq!(Key::from_text("Unit Kerja"), Some(Key::Unit));
        assert_eq!(Key::from_text("N.I.P."), Some(Key::Nip));
        assert_eq!(Key::from_text("Warna"), None);
        assert!(is_sheet("IDENTITAS"));
        for k in KEYS {
            assert_eq!(Key::from_text(k.name), Some(k.key), "{}", k.name);
            assert_eq!(k.key.spec().name, k.name);
        }
    }

    #[test]
    fn scales() {
        assert_eq!(parse_scale("Permendagri 86/2017"), Some(Scale::Permendagri));
        assert_eq!(parse_scale("AKIP"), Some(Scale::Akip));
        assert_eq!(
            parse_scale("0 Sangat Kurang; 90 Sangat Baik; 75 Baik"),
            Some(Scale::Own(vec![(90.0, "Sangat Baik".into()), (75.0, "Baik".into()), (0.0, "Sangat Kurang".into())]))
        );
        assert_eq!(parse_scale("bagus"), None);
        assert_eq!(
            parse_scale("91 - 100 Sangat Tinggi; 0 – 90 Lainnya"),
            Some(Scale::Own(vec![(91.0, "Sangat Tinggi".into()), (0.0, "Lainnya".into())]))
        );
        assert_eq!(parse_scale("> 90 AA; 0 D"), None, "\">\" is not this convention");
        assert_eq!(
            parse_scale("75 s.d 90 Baik; 0 sd 74 Kurang"),
            Some(Scale::Own(vec![(75.0, "Baik".into()), (0.0, "Kurang".into())]))
        );
        assert_eq!(
            parse_scale("90 – Sangat Baik; 0 – Kurang"),
            Some(Scale::Own(vec![(90.0, "Sangat Baik".into()), (0.0, "Kurang".into())]))
        );
        assert_eq!(parse_scale("91 Sangat Tinggi; 51 Rendah"), None, "a capaian of 40 would have no band");
    }
}
