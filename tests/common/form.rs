//! The Renja evaluation form of Permendagri 86/2017 ("E.81") as the tests write it: laid out like the
//! real Deli Serdang file (title rows, a three-level header with merged group names, the row of
//! column numbers with their formulas as text, K / % / Rp sub-columns, the "Perangkat Daerah :" line,
//! live formulas with cached values for columns 13–15, a totals row and a signature block with a
//! date), with or without the Visi / Misi / Sasaran RPJMD / Tujuan columns.

#![allow(dead_code)]

use super::book::{n, t, Book, SheetSpec, V};

/// One row of column 3 and its indicator.
#[derive(Debug, Clone)]
pub struct Line {
    pub no: Option<u32>,
    pub sasaran: Option<String>,
    /// Column 3: the urusan, program, kegiatan or sub-kegiatan; None on a continuation row.
    pub program: Option<String>,
    /// Column 4.
    pub indikator: Option<String>,
    pub satuan: String,
    /// (K, Rp) of columns 6, 7 and 8.
    pub renstra: (f64, f64),
    pub before: (f64, f64),
    pub target: (f64, f64),
    /// K and Rp of each quarter; None is a quarter not yet reported.
    pub quarters: [Option<(f64, f64)>; 4],
    /// Column 13 (K) as the office typed it over the formula, when it did.
    pub typed_13: Option<f64>,
}

impl Line {
    /// A row of column 3 with its indicator and figures.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        no: u32,
        program: &str,
        indikator: &str,
        satuan: &str,
        renstra: (f64, f64),
        before: (f64, f64),
        target: (f64, f64),
        quarters: [(f64, f64); 4],
    ) -> Line {
        Line {
            no: Some(no),
            sasaran: None,
            program: Some(program.into()),
            indikator: Some(indikator.into()),
            satuan: satuan.into(),
            renstra,
            before,
            target,
            quarters: quarters.map(Some),
            typed_13: None,
        }
    }

    /// An urusan row: text in column 3, no indicator.
    pub fn urusan(no: u32, name: &str) -> Line {
        Line {
            no: Some(no),
            sasaran: None,
            program: Some(name.into()),
            indikator: None,
            satuan: String::new(),
            renstra: (0.0, 0.0),
            before: (0.0, 0.0),
            target: (0.0, 0.0),
            quarters: [None; 4],
            typed_13: None,
        }
    }

    pub fn sasaran(mut self, s: &str) -> Line {
        self.sasaran = Some(s.into());
        self
    }

    /// The row as a continuation row (column 3 blank).
    pub fn continuation(mut self) -> Line {
        self.program = None;
        self.no = None;
        self
    }
}

/// Column letters of a 0-based column.
pub fn letters(col: u16) -> String {
    let mut c = col as u32 + 1;
    let mut out = Vec::new();
    while c > 0 {
        out.push((b'A' + ((c - 1) % 26) as u8) as char);
        c = (c - 1) / 26;
    }
    out.iter().rev().collect()
}

/// The Dinas Contoh's form for Triwulan IV 2025: an urusan, two programs (one with two indicators on
/// a continuation row), a kegiatan with two sub-kegiatan whose pagu add up to its own.
pub fn contoh() -> Vec<Line> {
    vec![
        Line::urusan(1, "URUSAN PEMERINTAHAN BIDANG CONTOH"),
        Line::new(
            2,
            "Program Pelayanan Publik Contoh",
            "Persentase layanan selesai tepat waktu",
            "%",
            (100.0, 5e9),
            (80.0, 2e9),
            (90.0, 1.2e9),
            [(20.0, 2e8), (25.0, 3e8), (20.0, 3e8), (25.0, 3.5e8)],
        )
        .sasaran("Meningkatnya kualitas pelayanan publik"),
        Line::new(
            3,
            "Penyelenggaraan Layanan Contoh",
            "Jumlah laporan layanan",
            "Laporan",
            (20.0, 3e9),
            (8.0, 1e9),
            (4.0, 7e8),
            [(1.0, 1e8), (1.0, 2e8), (1.0, 1.5e8), (1.0, 2e8)],
        ),
        Line::new(
            4,
            "Penyusunan Standar Layanan",
            "Jumlah dokumen standar layanan",
            "Dokumen",
            (10.0, 2e9),
            (4.0, 6e8),
            (2.0, 4e8),
            [(0.0, 5e7), (1.0, 1e8), (0.0, 1e8), (1.0, 1.4e8)],
        ),
        Line::new(
            5,
            "Survei Kepuasan Masyarakat",
            "Jumlah survei",
            "Survei",
            (10.0, 1e9),
            (4.0, 4e8),
            (2.0, 3e8),
            [(0.0, 5e7), (1.0, 1e8), (0.0, 5e7), (1.0, 6e7)],
        ),
        Line::new(
            6,
            "Program Penunjang Urusan",
            "Nilai SAKIP perangkat daerah",
            "Nilai",
            (80.0, 4e9),
            (70.0, 1.5e9),
            (75.0, 5e8),
            [(0.0, 1e8), (0.0, 1e8), (0.0, 1e8), (76.5, 1.9e8)],
        )
        .sasaran("Meningkatnya akuntabilitas kinerja"),
        Line::new(
            7,
            "",
            "Jumlah temuan BPK yang ditindaklanjuti",
            "Temuan",
            (40.0, 0.0),
            (20.0, 0.0),
            (10.0, 0.0),
            [(2.0, 0.0), (3.0, 0.0), (3.0, 0.0), (2.0, 0.0)],
        )
        .continuation(),
    ]
}

/// Writes the form: `visi` adds the Visi / Misi / Sasaran RPJMD / Tujuan columns of the real file.
pub fn form(lines: &[Line], visi: bool, sheet: &str) -> Book {
    let shift: u16 = if visi { 4 } else { 0 };
    // Columns (0-based) of the regulation's groups.
    let no = 0u16;
    let sasaran = 1 + shift;
    let program = sasaran + 1;
    let indikator = program + 1;
    let satuan = indikator + 1;
    let renstra = satuan + 1; // K, Rp
    let before = renstra + 2;
    let target = before + 2;
    let q0 = target + 2; // each quarter K, %, Rp
    let c13 = q0 + 12;
    let c14 = c13 + 2;
    let c15 = c14 + 2;
    let last = c15 + 1;
    let width = last as usize + 1;
    let blank_row = || vec![V::B; width];
    let mut rows: Vec<Vec<V>> = Vec::new();
    let title = |s: &str| {
        let mut r = blank_row();
        r[0] = t(s);
        r
    };
    rows.push(title("Evaluasi Terhadap Hasil Renja Perangkat Daerah"));
    rows.push(title("Kabupaten Contoh"));
    rows.push(title("Tahun 2025"));
    rows.push(blank_row());
    rows.push(blank_row());
    // Row 6: group names.
    let mut h = blank_row();
    h[no as usize] = t("No");
    h[sasaran as usize] = t("Sasaran Perangkat daerah");
    h[program as usize] = t("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan");
    h[indikator as usize] = t("Indikator Kinerja Program (Outcome)/Kegiatan (Output)");
    h[satuan as usize] = t("Satuan");
    h[renstra as usize] = t("Target Renstra Perangkat Daerah Pada Tahun 2029 (Akhir Periode Renstra Perangkat Daerah)");
    h[before as usize] =
        t("Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun 2024");
    h[target as usize] =
        t("Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun 2025) yang dievaluasi");
    h[q0 as usize] = t("Realisasi Kinerja Pada Triwulan");
    h[c13 as usize] = t("Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi");
    h[c14 as usize] = t("Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun 2025");
    h[c15 as usize] = t("Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun 2029 (%)");
    rows.push(h);
    // Row 7: Visi … Tujuan, and the quarters.
    let mut r7 = blank_row();
    if visi {
        for (i, s) in ["Visi", "Misi", "Sasaran RPJMD/ NSPK", "Tujuan Perangkat Daerah"].iter().enumerate() {
            r7[1 + i] = t(s);
        }
    }
    for (i, q) in ["I", "II", "III", "IV"].iter().enumerate() {
        r7[(q0 + 3 * i as u16) as usize] = t(q);
    }
    rows.push(r7);
    // Row 8: the column numbers, with the formulas as text.
    let mut r8 = blank_row();
    for (col, label) in [
        (no, "1".to_string()),
        (sasaran, "2".into()),
        (program, "3".into()),
        (indikator, "4".into()),
        (satuan, "5".into()),
        (renstra, "6".into()),
        (before, "7".into()),
        (target, "8".into()),
        (q0, "9".into()),
        (q0 + 3, "10".into()),
        (q0 + 6, "11".into()),
        (q0 + 9, "12".into()),
        (c13, "13 = 9 + 10 + 11 + 12".into()),
        (c14, "14 = 7 + 13".into()),
        (c15, "15 = 14 / 6 x 100".into()),
    ] {
        r8[col as usize] = match label.parse::<f64>() {
            Ok(x) => n(x),
            Err(_) => t(&label),
        };
    }
    rows.push(r8);
    // Row 9: K, Rp, and K, %, Rp under each quarter.
    let mut r9 = blank_row();
    for g in [renstra, before, target, c13, c14, c15] {
        r9[g as usize] = t("K");
        r9[g as usize + 1] = t("Rp.");
    }
    for q in 0..4u16 {
        let c = (q0 + 3 * q) as usize;
        r9[c] = t("K");
        r9[c + 1] = t("%");
        r9[c + 2] = t("Rp.");
    }
    rows.push(r9);
    let mut r10 = blank_row();
    r10[sasaran as usize] = t("Perangkat Daerah : Dinas Contoh Pelayanan (DISCONTOH)");
    rows.push(r10);
    let first_data = rows.len() as u32; // 0-based row of the first line
    for (i, line) in lines.iter().enumerate() {
        let r = first_data + i as u32 + 1; // 1-based, for formulas
        let mut row = blank_row();
        let cell = |c: u16| format!("{}{r}", letters(c));
        if let Some(no_) = line.no {
            row[no as usize] = n(no_ as f64);
        }
        if let Some(s) = &line.sasaran {
            row[sasaran as usize] = t(s);
        }
        if let Some(p) = &line.program {
            row[program as usize] = t(p);
        }
        if let Some(ind) = &line.indikator {
            row[indikator as usize] = t(ind);
            row[satuan as usize] = t(&line.satuan);
            row[renstra as usize] = n(line.renstra.0);
            row[renstra as usize + 1] = n(line.renstra.1);
            row[before as usize] = n(line.before.0);
            row[before as usize + 1] = n(line.before.1);
            row[target as usize] = n(line.target.0);
            row[target as usize + 1] = n(line.target.1);
            let mut k_sum = 0.0;
            let mut rp_sum = 0.0;
            for (q, v) in line.quarters.iter().enumerate() {
                let c = q0 + 3 * q as u16;
                if let Some((k, rp)) = v {
                    k_sum += k;
                    rp_sum += rp;
                    row[c as usize] = n(*k);
                    row[c as usize + 1] = V::F(format!("={}/{}", cell(c), cell(target)), k_sum / line.target.0);
                    row[c as usize + 2] = n(*rp);
                }
            }
            let k13 = line.typed_13.unwrap_or(k_sum);
            let ks: Vec<String> = (0..4).map(|q| cell(q0 + 3 * q)).collect();
            let rps: Vec<String> = (0..4).map(|q| cell(q0 + 3 * q + 2)).collect();
            row[c13 as usize] = match line.typed_13 {
                Some(x) => n(x),
                None => V::F(format!("={}", ks.join("+")), k13),
            };
            row[c13 as usize + 1] = V::F(format!("={}", rps.join("+")), rp_sum);
            row[c14 as usize] = V::F(format!("={}+{}", cell(before), cell(c13)), line.before.0 + k13);
            row[c14 as usize + 1] = V::F(format!("={}+{}", cell(before + 1), cell(c13 + 1)), line.before.1 + rp_sum);
            if line.renstra.0 != 0.0 {
                row[c15 as usize] = V::F(
                    format!("=({}/{})*100", cell(c14), cell(renstra)),
                    (line.before.0 + k13) / line.renstra.0 * 100.0,
                );
            }
            if line.renstra.1 != 0.0 {
                row[c15 as usize + 1] = V::F(
                    format!("={}/{}*100", cell(c14 + 1), cell(renstra + 1)),
                    (line.before.1 + rp_sum) / line.renstra.1 * 100.0,
                );
            }
        }
        rows.push(row);
    }
    // The totals row: the programs' rupiah.
    let programs: Vec<&Line> =
        lines.iter().filter(|l| l.program.as_deref().is_some_and(|p| p.starts_with("Program"))).collect();
    let mut totals = blank_row();
    totals[no as usize] = t(" ");
    let sum = |f: &dyn Fn(&Line) -> f64| programs.iter().map(|l| f(l)).sum::<f64>();
    totals[renstra as usize + 1] = n(sum(&|l| l.renstra.1));
    totals[target as usize + 1] = n(sum(&|l| l.target.1));
    for q in 0..4usize {
        totals[(q0 + 3 * q as u16 + 2) as usize] = n(sum(&|l| l.quarters[q].map_or(0.0, |x| x.1)));
    }
    totals[c13 as usize + 1] = n(sum(&|l| l.quarters.iter().flatten().map(|x| x.1).sum()));
    rows.push(totals);
    rows.push(blank_row());
    rows.push(blank_row());
    // The signature block, in the real file's column X (or where the table ends).
    let sig = (c15 - 8) as usize;
    for text in [
        "Contoh,      15 Desember 2025",
        "",
        "KEPALA DINAS CONTOH PELAYANAN",
        "KABUPATEN CONTOH",
        "",
        "",
        "Dr. NAMA KEPALA, S.T., M.Si",
        "PEMBINA TINGKAT I",
        "NIP. 19720314 199803 1 007",
    ] {
        let mut r = blank_row();
        if !text.is_empty() {
            r[sig] = t(text);
        }
        rows.push(r);
    }
    let mut spec = SheetSpec { name: sheet.into(), origin: (0, 0), rows, merges: vec![] };
    // The merged group names and titles, as in the real file.
    spec.merges.push((0, 0, 0, last));
    spec.merges.push((5, q0, 5, q0 + 11));
    for g in [renstra, before, target, c13, c14, c15] {
        spec.merges.push((5, g, 6, g + 1));
    }
    Book { sheets: vec![spec], cells: vec![] }
}

/// What each column of the form holds, for the empty form's `Petunjuk` sheet.
pub const GUIDE: &[(&str, &str)] = &[
    ("1 No", "Nomor urut baris; dipakai sebagai kode indikator dalam dokumen."),
    ("2 Sasaran Perangkat Daerah", "Sasaran strategis; kosong berarti sama dengan di atasnya."),
    ("3 Urusan / Program / Kegiatan", "Urusan, program (awali dengan \"Program\"), kegiatan dan sub-kegiatan, boleh dengan kodenya (1.01.01 …). Baris lanjutan (indikator kedua) dikosongkan."),
    ("4 Indikator Kinerja", "Indikator program (outcome) atau kegiatan (output); satu indikator per baris."),
    ("5 Satuan", "%, Dokumen, Orang, Indeks …"),
    ("6 Target Renstra (K, Rp)", "Target akhir periode Renstra, kumulatif, dan anggarannya."),
    ("7 Realisasi Renstra s.d. tahun lalu (K, Rp)", "Realisasi kumulatif sampai tahun lalu."),
    ("8 Target Renja (K, Rp)", "Target kinerja tahun ini dan pagunya. Baris tanpa target dan pagu tidak diukur."),
    ("9–12 Realisasi TW I–IV (K, %, Rp)", "Realisasi tiap triwulan; kosong berarti belum dilaporkan. Kolom % boleh diisi, tidak dipakai."),
    ("13 Realisasi Renja (K, Rp)", "= 9 + 10 + 11 + 12; kinerja menghitungnya sendiri dan memberi peringatan bila berbeda."),
    ("14 Realisasi Renstra s.d. tahun ini (K, Rp)", "= 7 + 13; dibandingkan dengan hitungan kinerja."),
    ("15 Tingkat capaian Renstra (K, Rp)", "= 14 / 6 × 100; dibandingkan dengan hitungan kinerja."),
    ("16 Unit Penanggung Jawab", "Bidang yang bertanggung jawab."),
    ("Polaritas", "Kolom tambahan, boleh kosong: Positif (bawaan), Negatif, Rentang, Tetap."),
    ("Agregasi", "Kolom tambahan, boleh kosong: jumlah, terakhir, rata-rata. Bila kosong dibaca dari kolom 13."),
    ("Identitas: Kode Unit", "Singkatan untuk arsip; bila kosong dari singkatan dalam kurung pada baris \"Perangkat Daerah :\"."),
    ("Identitas: Periode", "Triwulan yang dievaluasi; bila kosong dari nama lembar (\"Realisasi TW IV\")."),
    ("Identitas: Tanggal", "Tanggal tanda tangan bila di formulir tanpa hari."),
];

/// Writes the empty form of `kinerja init --form e81`: the header of the real form with the extra
/// Polaritas and Agregasi columns (drop-down lists), the "Perangkat Daerah :" line, a signature block
/// to fill, a small `Identitas` sheet (Periode as a drop-down) and the `Petunjuk` sheet.
pub fn write_empty(path: &std::path::Path) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Color, DataValidation, Format, FormatBorder, Workbook};
    let book = form(&[], false, "Realisasi TW IV");
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDE6F0))
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let list = |items: &[&str], title: &str| -> Result<DataValidation, rust_xlsxwriter::XlsxError> {
        DataValidation::new()
            .allow_list_strings(items)?
            .set_input_title(title)?
            .set_error_message(format!("Pilih salah satu: {}", items.join(", ")))
    };
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let spec = &book.sheets[0];
    ws.set_name(&spec.name)?;
    let header_rows = 5..9;
    for (r, row) in spec.rows.iter().enumerate() {
        // The title and header rows; the data rows, totals and signature are left to fill.
        if r >= 10 {
            break;
        }
        for (c, cell) in row.iter().enumerate() {
            if let V::T(s) = cell {
                // The title and the unit are the office's to write.
                let blank_years = s.replace("2029", "…").replace("2024", "…").replace("2025", "…");
                let text = match r {
                    1 => "Kabupaten/Kota …",
                    2 => "Tahun …",
                    9 => "Perangkat Daerah : …",
                    _ => blank_years.as_str(),
                };
                if header_rows.contains(&r) {
                    ws.write_string_with_format(r as u32, c as u16, text, &head)?;
                } else {
                    ws.write_string(r as u32, c as u16, text)?;
                }
            } else if let V::N(x) = cell {
                ws.write_number_with_format(r as u32, c as u16, *x, &head)?;
            }
        }
    }
    let width = spec.rows[5].len() as u16;
    // Column 16 and the extra columns.
    for (i, (name, items)) in [
        ("Unit Perangkat Daerah Penanggung Jawab", None),
        ("Polaritas", Some(&["Positif", "Negatif", "Rentang", "Tetap"][..])),
        ("Agregasi", Some(&["jumlah", "terakhir", "rata-rata"][..])),
    ]
    .iter()
    .enumerate()
    {
        let c = width + i as u16;
        ws.write_string_with_format(5, c, *name, &head)?;
        if i == 0 {
            ws.write_number_with_format(7, c, 16.0, &head)?;
        }
        if let Some(items) = items {
            ws.add_data_validation(10, c, 300, c, &list(items, name)?)?;
        }
        ws.set_column_width(c, 16)?;
    }
    ws.set_column_width(0, 5)?;
    ws.set_column_width(1, 28)?;
    ws.set_column_width(2, 40)?;
    ws.set_column_width(3, 40)?;
    ws.set_column_width(4, 10)?;
    for c in 5..width {
        ws.set_column_width(c, 14)?;
    }
    ws.set_row_height(5, 96)?;
    ws.set_freeze_panes(10, 4)?;
    let sig = width - 8;
    for (i, text) in [
        "(Tempat), (tanggal bulan tahun)",
        "",
        "(JABATAN KEPALA PERANGKAT DAERAH)",
        "",
        "",
        "(NAMA)",
        "(PANGKAT)",
        "NIP. ",
    ]
    .iter()
    .enumerate()
    {
        if !text.is_empty() {
            ws.write_string(312 + i as u32, sig, *text)?;
        }
    }
    let id = wb.add_worksheet();
    id.set_name("Identitas")?;
    id.write_string_with_format(0, 0, "Kunci", &head)?;
    id.write_string_with_format(0, 1, "Nilai", &head)?;
    id.set_column_width(0, 24)?;
    id.set_column_width(1, 48)?;
    for (i, k) in ["Kode Unit", "Periode", "Tanggal", "Polaritas", "Agregasi"].iter().enumerate() {
        id.write_string(1 + i as u32, 0, *k)?;
    }
    id.add_data_validation(
        2,
        1,
        2,
        1,
        &list(&["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"], "Periode")?,
    )?;
    id.add_data_validation(4, 1, 4, 1, &list(&["Positif", "Negatif", "Rentang", "Tetap"], "Polaritas")?)?;
    id.add_data_validation(5, 1, 5, 1, &list(&["jumlah", "terakhir", "rata-rata"], "Agregasi")?)?;
    let guide = wb.add_worksheet();
    guide.set_name("Petunjuk")?;
    guide.write_string_with_format(0, 0, "Kolom", &head)?;
    guide.write_string_with_format(0, 1, "Isi", &head)?;
    guide.set_column_width(0, 40)?;
    guide.set_column_width(1, 100)?;
    for (i, (col, help)) in GUIDE.iter().enumerate() {
        guide.write_string(1 + i as u32, 0, *col)?;
        guide.write_string(1 + i as u32, 1, *help)?;
    }
    wb.save(path)
}
