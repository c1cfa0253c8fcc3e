//! The scale benchmark: N realistic workbooks (40 by default, 12 indicators each) built by
//! `kinerja build`, with every figure measured in this one run and reported as ratios.
//!
//! Run: `cargo bench --bench skala` (options after `--`: `--n 40`, `--rounds 5`, `--keep`).
//! The machines are shared and noisy: the compared runs are repeated, interleaved, and the
//! medians reported.
//! Prints (a) the full build, (b) the typst CLI one process per document when `typst` is on
//! PATH, (c) a rebuild with nothing changed, (d) peak memory at N and 10×N, (e) time per
//! document with 1 and with all threads, and the share of typst against the rest; (f) what writing the
//! archive's page (index.html) costs in the 10×N build, and the page's load time in headless Chromium
//! (when /usr/bin/chromium and /usr/bin/chromedriver are there: `bash tests/setup.sh`); (g) the
//! Perjanjian Kinerja of every workbook (`--doc pk`), per document and against (a); (h) the Laporan
//! Kinerja (`--doc lkjip`) from an archive of finals: one report alone, and every workbook's; (i) one
//! office's whole cascade with `--doc pk` (60 positions): the head's PK, the pohon kinerja and every
//! official's PK.

#[path = "../common/book.rs"]
mod book;
use book::{n, t, Book, V};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const KINERJA: &str = env!("CARGO_BIN_EXE_kinerja");

#[path = "../common/browser.rs"]
#[allow(dead_code)]
mod browser;
#[path = "../common/rng.rs"]
mod rng;
use rng::Rng;

const UNITS: [&str; 10] = [
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Sosial",
    "Dinas Komunikasi dan Informatika",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Dinas Lingkungan Hidup",
    "Dinas Pertanian dan Ketahanan Pangan",
];

const INDICATORS: [(&str, &str, &str, &str); 12] = [
    ("Indeks kepuasan masyarakat terhadap layanan", "Indeks", "Positif", "terakhir"),
    ("Persentase dokumen perencanaan yang tepat waktu", "%", "Positif", "terakhir"),
    ("Jumlah pengaduan masyarakat yang tidak tertangani", "Kasus", "Negatif", "jumlah"),
    ("Persentase realisasi program prioritas", "%", "Positif", "terakhir"),
    ("Nilai SAKIP perangkat daerah", "Nilai", "Positif", "terakhir"),
    ("Jumlah inovasi pelayanan publik", "Inovasi", "Positif", "jumlah"),
    ("Rata-rata waktu penyelesaian layanan", "Hari", "Negatif", "rata-rata"),
    ("Persentase aset yang tercatat dan terverifikasi", "%", "Positif", "terakhir"),
    ("Indeks kualitas data sektoral", "Indeks", "Positif", "terakhir"),
    ("Persentase temuan pemeriksaan yang ditindaklanjuti", "%", "Positif", "terakhir"),
    ("Jumlah kegiatan pembinaan kepada masyarakat", "Kegiatan", "Positif", "jumlah"),
    ("Persentase pegawai yang mengikuti pengembangan kompetensi", "%", "Positif", "terakhir"),
];

/// Workbook number `i`: a unit with 12 indicators in 4 sasaran, a budget and an evaluation note.
fn workbook(i: usize) -> Book {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15 ^ ((i as u64 + 1) * 0x1000_0001));
    let unit = format!("{} {}", UNITS[i % UNITS.len()], i / UNITS.len() + 1);
    let id = book::identitas(&[
        ("Pemerintah", t("Pemerintah Kabupaten Lumajang")),
        ("Perangkat Daerah", t(&unit)),
        ("Alamat", t("Jl. Alun-alun Utara, Lumajang")),
        ("Kode Unit", t(&format!("pd-{i:04}"))),
        ("Tahun", n(2024.0)),
        ("Periode", t("Tahunan")),
        ("Tempat", t("Lumajang")),
        ("Tanggal", V::D(2025, 1, 15)),
        ("Jabatan Penandatangan", t(&format!("Kepala {unit}"))),
        ("Nama Penandatangan", t("Drs. CONTOH PEJABAT, M.Si.")),
        ("Pangkat", t("Pembina Utama Muda (IV/c)")),
        ("NIP", t("19700101 199403 1 001")),
        ("Nama Pihak Kedua", t("Drs. H. CONTOH BUPATI, M.M.")),
        ("Jabatan Pihak Kedua", t("Bupati Lumajang")),
    ]);
    let mut kinerja = vec![[
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
        "Sumber Data",
    ]
    .iter()
    .map(|h| t(h))
    .collect::<Vec<_>>()];
    for (k, (name, unit_of, pol, agg)) in INDICATORS.iter().enumerate() {
        let target = match *unit_of {
            "%" => r.range(70.0, 100.0).round(),
            "Indeks" | "Nilai" => (r.range(3.0, 4.5) * 100.0).round() / 100.0,
            "Hari" => r.range(2.0, 7.0).round(),
            _ => r.range(5.0, 40.0).round(),
        };
        let q: Vec<V> = (0..4)
            .map(|_| {
                let base = if *agg == "jumlah" { target / 4.0 } else { target };
                n((base * r.range(0.8, 1.15) * 100.0).round() / 100.0)
            })
            .collect();
        let sasaran = if k % 3 == 0 { t(&format!("Sasaran strategis {} {unit}", k / 3 + 1)) } else { V::B };
        let mut row = vec![t(&format!("{}.{}", k / 3 + 1, k % 3 + 1)), sasaran, t(name), t(unit_of), t(pol), n(target)];
        row.extend(q);
        row.push(t(agg));
        row.push(t("Laporan bidang"));
        kinerja.push(row);
    }
    let mut anggaran = vec![vec![t("Program / Kegiatan"), t("Pagu"), t("Realisasi"), t("Kode Indikator")]];
    for p in 0..4 {
        let pagu = (r.range(200.0, 2_000.0) as u64 * 1_000_000) as f64;
        anggaran.push(vec![
            t(&format!("Program {} {unit}", p + 1)),
            n(pagu),
            n((pagu * r.range(0.7, 0.99)).round()),
            t(&format!("{}.1, {}.2, {}.3", p + 1, p + 1, p + 1)),
        ]);
    }
    let evaluasi = vec![
        vec![t("Tanggal"), t("Kode"), t("Catatan"), t("Tindak Lanjut")],
        vec![V::D(2025, 1, 8), t("1.1"), t("Bukti dukung agar dilengkapi"), t("Bidang terkait melengkapi")],
    ];
    Book::new().sheet("Identitas", id).sheet("Kinerja", kinerja).sheet("Anggaran", anggaran).sheet("Evaluasi", evaluasi)
}

/// Runs `kinerja ARGS` in `dir`; returns wall seconds and the JSON summary.
fn kinerja(dir: &Path, args: &[&str]) -> (f64, Value) {
    let started = Instant::now();
    let out = Command::new(KINERJA).args(args).arg("--json").current_dir(dir).output().expect("kinerja");
    let wall = started.elapsed().as_secs_f64();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!("kinerja {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    });
    (wall, json["summary"].clone())
}

fn make_inputs(dir: &Path, count: usize) {
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..count {
        workbook(i).save(&input.join(format!("pd-{i:04}.xlsx"))).unwrap();
    }
}

/// Workbook number `i` as it stands at its final (a rencana aksi for every indicator, so that the unmet
/// ones have theirs), with the office's narrative for its Laporan Kinerja.
fn workbook_final(i: usize) -> Book {
    let mut plans = vec![vec![t("Kode"), t("Kendala"), t("Rencana Aksi"), t("Penanggung Jawab"), t("Batas Waktu")]];
    for k in 0..INDICATORS.len() {
        plans.push(vec![
            t(&format!("{}.{}", k / 3 + 1, k % 3 + 1)),
            t("Data bidang terlambat"),
            t("Jadwal pelaporan bulanan"),
            t("Sekretaris"),
            t("Triwulan II 2025"),
        ]);
    }
    workbook(i).sheet("Rencana Aksi", plans).sheet("Narasi LKjIP", book::narasi_diskominfo())
}

/// A copy of the folder `from` at `to` (an archive to build into afresh).
fn copy_dir(from: &Path, to: &Path) {
    let st = Command::new("cp").arg("-r").arg(from).arg(to).status().expect("cp");
    assert!(st.success());
}

fn mib(kib: &Value) -> f64 {
    kib.as_f64().unwrap_or(0.0) / 1024.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(default)
    };
    let (n_docs, rounds) = (arg("--n", 40), arg("--rounds", 5).max(1));
    let keep = args.iter().any(|a| a == "--keep");
    let root = std::env::temp_dir().join(format!("kinerja-skala-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let small = root.join("n");
    let large = root.join("10n");
    make_inputs(&small, n_docs);
    make_inputs(&large, n_docs * 10);
    let date = ["build", "--date", "2025-01-15"];
    // (h) an archive of the N units' finals, made once; each report is built into a copy of it.
    let finals = root.join("lkjip");
    std::fs::create_dir_all(finals.join("input")).unwrap();
    for i in 0..n_docs {
        workbook_final(i).save(&finals.join(format!("input/pd-{i:04}.xlsx"))).unwrap();
    }
    for stage in ["draft", "konsep", "final"] {
        let (_, s) = kinerja(&finals, &["build", "--date", "2025-01-15", "--stage", stage, "--output", "arsip"]);
        // Every workbook archived (a final with unmet indicators is two documents, with its Rencana Aksi).
        assert_eq!((s["refused"].as_u64(), s["error"].as_u64()), (Some(0), Some(0)), "{stage}: {s}");
        assert!(s["written"].as_u64() >= Some(n_docs as u64), "{stage}: {s}");
    }
    // (i) a whole office's cascade: its PKs (the head's, the tree's, 59 officials').
    let office = root.join("cascade");
    std::fs::create_dir_all(office.join("input")).unwrap();
    book::cascading_office().save(&office.join("input/dpupr.xlsx")).unwrap();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    println!("kinerja skala: {n_docs} buku kerja × 12 indikator, {cores} inti, median dari {rounds} putaran\n");

    // The typst CLI's sources, written once by `kinerja typst`.
    let has_cli = Command::new("typst").arg("--version").output().ok().is_some_and(|o| o.status.success());
    let srcs: Vec<PathBuf> = if has_cli {
        (0..n_docs)
            .map(|i| {
                let out = small.join(format!("src-{i:04}"));
                let st = Command::new(KINERJA)
                    .args([
                        "typst",
                        &format!("input/pd-{i:04}.xlsx"),
                        "--stage",
                        "draft",
                        "--date",
                        "2025-01-15",
                        "--out",
                    ])
                    .arg(&out)
                    .current_dir(&small)
                    .output()
                    .unwrap();
                assert!(st.status.success());
                out
            })
            .collect()
    } else {
        vec![]
    };
    let cli_loop = || {
        let started = Instant::now();
        for s in &srcs {
            let st = Command::new("typst")
                .arg("compile")
                .arg("--root")
                .arg(s)
                .arg("--font-path")
                .arg(s.join("fonts"))
                .arg("--ignore-system-fonts")
                .arg(s.join("main.typ"))
                .arg(s.join("out.pdf"))
                .output()
                .unwrap();
            assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
        }
        started.elapsed().as_secs_f64()
    };

    let (mut fulls, mut clis, mut rebuilds, mut ones, mut pks) = (vec![], vec![], vec![], vec![], vec![]);
    let (mut reports, mut reports_one, mut trees) = (vec![], vec![], vec![]);
    // The full builds' summaries: thread times are summed over the rounds, peak memory is their median.
    let mut s_fulls: Vec<Value> = vec![];
    for r in 0..rounds {
        let out = format!("out-a{r}");
        // (a) the full build, all threads; (c) the same again, nothing changed.
        let (full, s) = kinerja(&small, &[&date[..], &["--output", &out]].concat());
        assert_eq!(s["written"].as_u64(), Some(n_docs as u64), "{s}");
        let (rebuild, s_re) = kinerja(&small, &[&date[..], &["--output", &out]].concat());
        assert_eq!(s_re["unchanged"].as_u64(), Some(n_docs as u64), "{s_re}");
        // (e) one thread.
        let (one, _) = kinerja(&small, &[&date[..], &["--output", &format!("out-e{r}"), "--jobs", "1"]].concat());
        // (g) the Perjanjian Kinerja of every workbook (one document each: no quarterly targets here).
        let (pk, s_pk) = kinerja(&small, &[&date[..], &["--doc", "pk", "--output", &format!("out-g{r}")]].concat());
        assert_eq!(s_pk["written"].as_u64(), Some(n_docs as u64), "{s_pk}");
        pks.push(pk);
        // (h) the Laporan Kinerja of one workbook, then of every workbook, each into a fresh copy of the finals.
        let report = ["build", "--date", "2025-02-10", "--doc", "lkjip", "--output"];
        copy_dir(&finals.join("arsip"), &finals.join(format!("out-h1-{r}")));
        let (one_report, s_h1) =
            kinerja(&finals, &[&report[..], &[&format!("out-h1-{r}")[..], "input/pd-0000.xlsx"]].concat());
        assert_eq!(s_h1["written"].as_u64(), Some(1), "{s_h1}");
        reports_one.push(one_report);
        copy_dir(&finals.join("arsip"), &finals.join(format!("out-h{r}")));
        let (all_reports, s_h) = kinerja(&finals, &[&report[..], &[&format!("out-h{r}")[..]]].concat());
        assert_eq!(s_h["written"].as_u64(), Some(n_docs as u64), "{s_h}");
        reports.push(all_reports);
        // (i) the cascade of a whole office.
        let (tree, s_i) = kinerja(&office, &[&date[..], &["--doc", "pk", "--output", &format!("out-i{r}")]].concat());
        assert_eq!(s_i["written"].as_u64(), Some(61), "{s_i}");
        trees.push(tree);
        // (b) the typst CLI, one process per document.
        if has_cli {
            clis.push(cli_loop());
        }
        fulls.push(full);
        rebuilds.push(rebuild);
        ones.push(one);
        s_fulls.push(s);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let (full, rebuild, one) = (median(&mut fulls), median(&mut rebuilds), median(&mut ones));
    let cli = has_cli.then(|| median(&mut clis));
    // (d) peak memory at 10×N.
    let (large_wall, s_large) = kinerja(&large, &[&date[..], &["--output", "out-d"]].concat());

    let secs = |k: &str| s_fulls.iter().map(|s| s["thread_seconds"][k].as_f64().unwrap_or(0.0)).sum::<f64>();
    let (read, typeset, rest) = (secs("read"), secs("typeset"), secs("rest"));
    // The archive thread runs beside the typesetting threads; its CPU time is the pipeline's work,
    // its waiting for the disk is not.
    let (archive, archive_cpu) = (secs("archive"), secs("archive_cpu"));
    let pipeline = read + rest + archive_cpu;
    let pipeline_share = pipeline / (pipeline + typeset);
    let peak_n = median(&mut s_fulls.iter().map(|s| mib(&s["peak_rss_kib"])).collect());
    let mem_ratio = mib(&s_large["peak_rss_kib"]) / peak_n.max(1e-9);
    let per_doc = |secs: f64, count: usize| secs / count as f64 * 1000.0;
    println!(
        "(a) build penuh, {n_docs} dokumen, semua inti:       {full:>8.2} s   ({:.1} ms/dokumen)",
        per_doc(full, n_docs)
    );
    match cli {
        Some(c) => println!(
            "(b) typst CLI, satu proses per dokumen:        {c:>8.2} s   → rasio build/CLI {:.2} (sasaran ≤ 0,50)",
            full / c
        ),
        None => println!("(b) typst CLI: tidak ada `typst` di PATH; dilewati"),
    }
    println!(
        "(c) build ulang tanpa perubahan:               {rebuild:>8.2} s   → {:.1} % dari build penuh (sasaran ≤ 3 %: buku kerja tidak dibaca ulang)",
        rebuild / full * 100.0
    );
    println!(
        "(d) memori puncak: N = {} MiB, 10×N = {} MiB      → rasio {mem_ratio:.2} (sasaran ≤ 1,30); 10×N dibangun dalam {large_wall:.2} s",
        peak_n.round(),
        mib(&s_large["peak_rss_kib"]).round()
    );
    println!(
        "(e) per dokumen: 1 thread {:.1} ms, {cores} thread {:.1} ms  → percepatan {:.2}×",
        per_doc(one, n_docs),
        per_doc(full, n_docs),
        one / full
    );
    println!(
        "    waktu thread ({rounds} build penuh): typst {typeset:.2} s, baca+ukur {read:.2} s, lainnya {rest:.2} s, arsip {archive:.2} s (CPU {archive_cpu:.2} s)"
    );
    println!(
        "    → pekerjaan pipeline (baca+ukur, lainnya, CPU arsip) {:.1} % dari waktu kerja (sasaran ≤ 15 %)",
        pipeline_share * 100.0
    );
    // (f) the page: what writing it costs in the 10×N build, and how long the browser takes to load it.
    let index_of = |s: &Value| s["index"]["seconds"].as_f64().unwrap_or(0.0);
    let share_of = |s: &Value| index_of(s) / s["seconds"].as_f64().unwrap_or(f64::NAN) * 100.0;
    let page = large.join("out-d/index.html");
    let size = std::fs::metadata(&page).map(|m| m.len()).unwrap_or(0);
    println!(
        "(f) halaman indeks, {} unit: ditulis dalam {:.0} ms → {:.2} % dari build 10×N (sasaran < 5 %); {} unit: {:.2} %; {:.0} KiB",
        n_docs * 10,
        index_of(&s_large) * 1000.0,
        share_of(&s_large),
        n_docs,
        median(&mut s_fulls.iter().map(share_of).collect()),
        size as f64 / 1024.0
    );
    let pk = median(&mut pks);
    println!(
        "(g) Perjanjian Kinerja, {n_docs} dokumen, semua inti: {pk:>8.2} s   ({:.1} ms/dokumen) → rasio terhadap build pengukuran (a) {:.2}",
        per_doc(pk, n_docs),
        pk / full
    );
    let (report, report_one) = (median(&mut reports), median(&mut reports_one));
    println!(
        "(h) Laporan Kinerja dari arsip final: satu laporan {report_one:>6.2} s; {n_docs} laporan, semua inti: {report:>8.2} s   ({:.1} ms/dokumen) → rasio terhadap build pengukuran (a) {:.2}",
        per_doc(report, n_docs),
        report / full
    );
    let tree = median(&mut trees);
    println!(
        "(i) pohon kinerja satu kantor (60 jabatan, 208 indikator): PK kepala, pohon, 59 PK pejabat = 61 dokumen {tree:>8.2} s   ({:.1} ms/dokumen) → rasio terhadap build pengukuran (a) {:.2}",
        per_doc(tree, 61),
        tree / full
    );
    if std::path::Path::new("/usr/bin/chromedriver").exists() && std::path::Path::new("/usr/bin/chromium").exists() {
        let b = browser::Browser::start(1400, 1000);
        let (mut loads, mut dcls) = (vec![], vec![]);
        for _ in 0..rounds {
            b.open(&page);
            let t = b.js(
                "const n = performance.getEntriesByType('navigation')[0]; return [n.domContentLoadedEventEnd, n.loadEventEnd];",
            );
            dcls.push(t[0].as_f64().unwrap_or(f64::NAN));
            loads.push(t[1].as_f64().unwrap_or(f64::NAN));
        }
        let rows = b.js("return document.querySelectorAll('tbody.unit').length;");
        println!(
            "    dimuat di Chromium headless: DOMContentLoaded {:.0} ms, load {:.0} ms ({rows} baris; median {rounds} kali)",
            median(&mut dcls),
            median(&mut loads)
        );
    } else {
        println!("    waktu muat di peramban: chromium/chromedriver tidak ada (bash tests/setup.sh); dilewati");
    }
    if keep {
        println!("\nberkas disimpan di {}", root.display());
    } else {
        let _ = std::fs::remove_dir_all(&root);
    }
}
