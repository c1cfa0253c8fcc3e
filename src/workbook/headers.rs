//! Matching names people write (sheet names, keys, column headers) against
//! the names and aliases of the workbook spec, without regard to case, spaces
//! and punctuation.

use super::values::quarter_number;
use crate::names::normalize;

/// A field a table column (or an `Identitas` key) can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    // Kinerja
    Kode,
    Sasaran,
    Indikator,
    Satuan,
    Polaritas,
    Target,
    TargetQuarter(u8),
    RealisasiQuarter(u8),
    Realisasi,
    Agregasi,
    Keterangan,
    SumberData,
    /// A running number ("No"): known, and not used.
    Nomor,
    /// Capaian or predikat computed in the sheet: known, and recomputed by us instead.
    Computed,
    // Anggaran
    Uraian,
    Pagu,
    KodeIndikator,
    Serapan,
    // Evaluasi / Rencana Aksi
    Tanggal,
    Catatan,
    TindakLanjut,
    Kendala,
    RencanaAksi,
    PenanggungJawab,
    BatasWaktu,
}

/// Which table a header row belongs to; each has its own aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Kinerja,
    Anggaran,
    Evaluasi,
    RencanaAksi,
}

impl Table {
    /// The fields a header row must name for the table to be read.
    pub fn required(self) -> &'static [(Field, &'static str)] {
        match self {
            Table::Kinerja => &[
                (Field::Sasaran, "Sasaran Strategis"),
                (Field::Indikator, "Indikator Kinerja"),
                (Field::Satuan, "Satuan"),
                (Field::Target, "Target"),
            ],
            Table::Anggaran => {
                &[(Field::Uraian, "Program / Kegiatan"), (Field::Pagu, "Pagu"), (Field::Realisasi, "Realisasi")]
            }
            Table::Evaluasi => &[(Field::Tanggal, "Tanggal"), (Field::Catatan, "Catatan")],
            Table::RencanaAksi => &[
                (Field::Indikator, "Kode atau Indikator"),
                (Field::Kendala, "Kendala"),
                (Field::RencanaAksi, "Rencana Aksi"),
                (Field::PenanggungJawab, "Penanggung Jawab"),
                (Field::BatasWaktu, "Batas Waktu"),
            ],
        }
    }

    /// The field a header cell names in this table, if any.
    pub fn field(self, header: &str) -> Option<Field> {
        let n = normalize(header);
        if n.is_empty() {
            return None;
        }
        let n = n.as_str();
        match self {
            Table::Kinerja => kinerja_field(n),
            Table::Anggaran => match n {
                "programkegiatan"
                | "program"
                | "kegiatan"
                | "subkegiatan"
                | "uraian"
                | "programkegiatansubkegiatan"
                | "uraianprogramkegiatan" => Some(Field::Uraian),
                "pagu" | "anggaran" | "paguanggaran" | "pagurp" | "paguanggaranrp" | "anggaranrp" => Some(Field::Pagu),
                "realisasi" | "realisasianggaran" | "realisasirp" | "realisasianggaranrp" => Some(Field::Realisasi),
                "kodeindikator" | "indikator" | "kode" => Some(Field::KodeIndikator),
                "serapan" | "serapanpersen" | "persentaseserapan" => Some(Field::Serapan),
                "no" | "nomor" => Some(Field::Nomor),
                _ => None,
            },
            Table::Evaluasi => match n {
                "tanggal" | "tanggalrapat" | "tanggalevaluasi" => Some(Field::Tanggal),
                "kode" | "indikator" | "kodeindikator" | "kodeatauindikator" | "indikatorkinerja" => {
                    Some(Field::Indikator)
                }
                "catatan" | "catatanevaluasi" | "hasilevaluasi" => Some(Field::Catatan),
                "tindaklanjut" => Some(Field::TindakLanjut),
                "no" | "nomor" => Some(Field::Nomor),
                _ => None,
            },
            Table::RencanaAksi => match n {
                "kode" | "indikator" | "kodeindikator" | "kodeatauindikator" | "indikatorkinerja" => {
                    Some(Field::Indikator)
                }
                "kendala" | "permasalahan" | "masalah" => Some(Field::Kendala),
                "rencanaaksi" | "tindaklanjut" | "rencanatindaklanjut" => Some(Field::RencanaAksi),
                "penanggungjawab" | "pic" => Some(Field::PenanggungJawab),
                "bataswaktu" | "tenggatwaktu" | "targetwaktu" => Some(Field::BatasWaktu),
                "no" | "nomor" => Some(Field::Nomor),
                _ => None,
            },
        }
    }
}

fn kinerja_field(n: &str) -> Option<Field> {
    let field = match n {
        "kode" | "kodeindikator" => Field::Kode,
        "sasaranstrategis" | "sasaran" | "sasaranprogram" => Field::Sasaran,
        "indikatorkinerja"
        | "indikator"
        | "indikatorkinerjautama"
        | "iku"
        | "iki"
        | "indikatorkinerjaindividu"
        | "indikatorsasaran" => Field::Indikator,
        "satuan" => Field::Satuan,
        "polaritas" | "sifat" | "polarisasi" => Field::Polaritas,
        "target" | "targettahunan" | "targetpk" => Field::Target,
        "realisasi" | "realisasikumulatif" | "realisasisdtw" => Field::Realisasi,
        "agregasi" => Field::Agregasi,
        "keterangan" | "ket" => Field::Keterangan,
        "sumberdata" => Field::SumberData,
        "no" | "nomor" => Field::Nomor,
        "capaian" | "capaianpersen" | "predikat" | "kategori" => Field::Computed,
        _ => {
            for (prefix, make) in [
                ("target", Field::TargetQuarter as fn(u8) -> Field),
                ("realisasi", Field::RealisasiQuarter as fn(u8) -> Field),
            ] {
                if let Some(rest) = n.strip_prefix(prefix) {
                    if let Some(q) = quarter_token(rest) {
                        return Some(make(q));
                    }
                }
            }
            return None;
        }
    };
    Some(field)
}

/// "twi", "tw1", "triwulanii", "q3" → the quarter number.
pub fn quarter_token(n: &str) -> Option<u8> {
    ["triwulan", "tw", "q"].iter().find_map(|p| n.strip_prefix(p)).and_then(quarter_number)
}

/// Sheet names and their aliases, for the four tables and `Identitas`.
pub fn sheet_matches(kind: &str, sheet_name: &str) -> bool {
    let n = normalize(sheet_name);
    let aliases: &[&str] = match kind {
        "identitas" => &["identitas", "identitasunit", "identitasdokumen", "identitaspd"],
        "kinerja" => &["kinerja", "iku", "iki", "pengukurankinerja", "pengukuran"],
        "anggaran" => &["anggaran", "realisasianggaran"],
        "evaluasi" => &["evaluasi", "catatanevaluasi"],
        "rencanaaksi" => &["rencanaaksi"],
        _ => &[],
    };
    aliases.contains(&n.as_str())
}

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
}

impl Key {
    /// Every key, in the order of the spec.
    pub const ALL: [Key; 16] = [
        Key::Pemerintah,
        Key::Unit,
        Key::Alamat,
        Key::KodeUnit,
        Key::Tahun,
        Key::Periode,
        Key::Tempat,
        Key::Tanggal,
        Key::Jabatan,
        Key::Nama,
        Key::Pangkat,
        Key::Nip,
        Key::Logo,
        Key::RumusNegatif,
        Key::Batas,
        Key::Ambang,
    ];

    /// The name the spec gives the key (used in messages).
    pub fn name(self) -> &'static str {
        match self {
            Key::Pemerintah => "Pemerintah",
            Key::Unit => "Perangkat Daerah",
            Key::Alamat => "Alamat",
            Key::KodeUnit => "Kode Unit",
            Key::Tahun => "Tahun",
            Key::Periode => "Periode",
            Key::Tempat => "Tempat",
            Key::Tanggal => "Tanggal",
            Key::Jabatan => "Jabatan Penandatangan",
            Key::Nama => "Nama Penandatangan",
            Key::Pangkat => "Pangkat",
            Key::Nip => "NIP",
            Key::Logo => "Logo",
            Key::RumusNegatif => "Rumus Polaritas Negatif",
            Key::Batas => "Batas Capaian",
            Key::Ambang => "Ambang Tercapai",
        }
    }

    /// Whether the document can't be made without it.
    pub fn required(self) -> bool {
        matches!(
            self,
            Key::Pemerintah | Key::Unit | Key::Tahun | Key::Periode | Key::Tempat | Key::Jabatan | Key::Nama | Key::Nip
        )
    }

    /// The key a cell names, if any.
    pub fn from_text(text: &str) -> Option<Key> {
        let n = normalize(text);
        let key = match n.as_str() {
            "pemerintah" | "pemerintahdaerah" => Key::Pemerintah,
            "perangkatdaerah" | "unitkerja" | "opd" | "namaperangkatdaerah" | "namaunitkerja" | "namaopd" => Key::Unit,
            "alamat" | "alamatkantor" => Key::Alamat,
            "kodeunit" | "kodeopd" | "singkatan" => Key::KodeUnit,
            "tahun" | "tahunanggaran" | "tahunpengukuran" => Key::Tahun,
            "periode" | "periodepengukuran" => Key::Periode,
            "tempat" | "tempatpenandatanganan" => Key::Tempat,
            "tanggal" | "tanggalpenandatanganan" | "tanggalpengesahan" => Key::Tanggal,
            "jabatanpenandatangan" | "jabatan" => Key::Jabatan,
            "namapenandatangan" | "nama" | "penandatangan" => Key::Nama,
            "pangkat" | "pangkatgolongan" | "pangkatgol" => Key::Pangkat,
            "nip" | "nippenandatangan" => Key::Nip,
            "logo" => Key::Logo,
            "rumuspolaritasnegatif" | "rumusnegatif" => Key::RumusNegatif,
            "batascapaian" | "batascapaianmaksimal" | "capaianmaksimal" | "batasatascapaian" => Key::Batas,
            "ambangtercapai" | "ambangbatastercapai" | "ambangtercapaipersen" => Key::Ambang,
            _ => return None,
        };
        Some(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_with_aliases_and_noise() {
        let t = Table::Kinerja;
        assert_eq!(t.field("Indikator Kinerja Utama"), Some(Field::Indikator));
        assert_eq!(t.field("  SASARAN  strategis "), Some(Field::Sasaran));
        assert_eq!(t.field("Realisasi TW-I"), Some(Field::RealisasiQuarter(1)));
        assert_eq!(t.field("Target Triwulan IV"), Some(Field::TargetQuarter(4)));
        assert_eq!(t.field("Realisasi Q3"), Some(Field::RealisasiQuarter(3)));
        assert_eq!(t.field("Sifat"), Some(Field::Polaritas));
        assert_eq!(t.field("Warna"), None);
        assert_eq!(Table::Anggaran.field("Pagu Anggaran (Rp)"), Some(Field::Pagu));
        assert_eq!(Table::Anggaran.field("Serapan (%)"), Some(Field::Serapan));
        assert_eq!(Table::RencanaAksi.field("PIC"), Some(Field::PenanggungJawab));
        assert_eq!(Key::from_text("Unit Kerja"), Some(Key::Unit));
        assert_eq!(Key::from_text("N.I.P."), Some(Key::Nip));
        assert!(sheet_matches("kinerja", "Pengukuran Kinerja"));
        assert!(sheet_matches("rencanaaksi", "RENCANA_AKSI"));
    }
}
