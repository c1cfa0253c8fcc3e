//! `kinerja log`: the history of the archive per unit, period and stage:
//! version, date, short hash, and what changed.

use crate::archive::manifest::{self, Entry};
use crate::cli::LogArgs;
use crate::document::DocKey;
use crate::text::for_terminal as shown;
use std::collections::BTreeMap;

/// Prints the history; failed when the unit has none.
pub fn run(args: &LogArgs) -> super::Result {
    let mf = manifest::read(&args.output).map_err(|e| e.to_string())?;
    let wanted = |e: &Entry| match &args.unit {
        None => true,
        Some(u) => {
            let u = u.to_lowercase();
            e.unit_code == u || e.unit_name.to_lowercase().contains(&u)
        }
    };
    // By unit, year, period, stage in SOP order, then kind.
    let mut groups: BTreeMap<DocKey, Vec<&Entry>> = BTreeMap::new();
    for e in mf.entries.iter().filter(|e| wanted(e)) {
        groups.entry(e.key()).or_default().push(e);
    }
    if groups.is_empty() {
        match &args.unit {
            Some(u) => println!(
                "Tidak ada dokumen untuk unit \"{}\" di arsip {}.",
                shown(u),
                shown(&args.output.display().to_string())
            ),
            None => println!("Arsip {} masih kosong. → Jalankan kinerja build lebih dulu.", args.output.display()),
        }
        return Ok(args.unit.is_none().into());
    }
    let mut last_unit = String::new();
    for (DocKey { unit_code, year, period, stage, kind, position }, mut entries) in groups {
        entries.sort_by_key(|e| e.version);
        if unit_code != last_unit {
            println!("{} — {}", shown(&unit_code), shown(&entries[0].unit_name));
            last_unit = unit_code.clone();
        }
        match &position {
            Some(p) => println!("  {year} {} · {} · {} · {}", period.slug(), stage.slug(), kind.slug(), shown(p)),
            None => println!("  {year} {} · {} · {}", period.slug(), stage.slug(), kind.slug()),
        }
        for e in entries {
            let what = if e.version == 1 {
                "versi pertama".to_string()
            } else if e.changes.is_empty() {
                "templat atau program berubah".to_string()
            } else {
                format!("{} perubahan", e.changes.len())
            };
            let sha: String = e.sha256.chars().take(12).collect();
            println!("    v{:<3} {}  {}  {what}", e.version, shown(&e.date), shown(&sha));
            for c in &e.changes {
                println!("           - {}", shown(c));
            }
        }
    }
    println!(
        "Rantai manifest: {} (kinerja verify --head {} membuktikan riwayat ini kelak)",
        mf.chain.describe(),
        mf.chain.short()
    );
    Ok(super::Exit::Done)
}
