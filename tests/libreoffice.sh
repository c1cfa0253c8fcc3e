#!/usr/bin/env bash
# Opens the template workbook of `kinerja init` in LibreOffice (headless), saves it as .ods, and checks
# that every sheet and the drop-down lists for Periode, Polaritas and Agregasi survived.
# Needs LibreOffice Calc (Debian: apt-get install --no-install-recommends libreoffice-calc-nogui) and
# a built kinerja (cargo build). Usage: bash tests/libreoffice.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${KINERJA:-target/debug/kinerja}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" init "$work/kantor" >/dev/null
soffice --headless --convert-to ods --outdir "$work" "$work/kantor/input/templat-pengukuran-kinerja.xlsx" >/dev/null 2>&1
ods="$work/templat-pengukuran-kinerja.ods"
[ -s "$ods" ] || { echo "GAGAL: LibreOffice tidak dapat membuka templat"; exit 1; }
content=$(unzip -p "$ods" content.xml)
fail=0
for sheet in Identitas Kinerja Anggaran Evaluasi "Rencana Aksi" Petunjuk; do
  grep -q "table:name=\"$sheet\"" <<<"$content" || { echo "GAGAL: lembar $sheet hilang"; fail=1; }
done
for list in '&quot;Tahunan&quot;;&quot;Triwulan I&quot;' '&quot;Positif&quot;;&quot;Negatif&quot;;&quot;Rentang&quot;;&quot;Tetap&quot;' '&quot;terakhir&quot;;&quot;jumlah&quot;;&quot;rata-rata&quot;'; do
  grep -q "cell-content-is-in-list($list" <<<"$content" || { echo "GAGAL: daftar pilihan $list hilang"; fail=1; }
done
# What LibreOffice saved, kinerja still reads as the unfilled template.
grep -q '"status": "empty"' <<<"$("$bin" check --json "$ods")" || { echo "GAGAL: kinerja tidak membaca .ods hasil LibreOffice sebagai templat kosong"; fail=1; }
# The filled example survives the round trip with the same figures.
soffice --headless --convert-to ods --outdir "$work" "$work/kantor/input/contoh-diskominfo-2024.xlsx" >/dev/null 2>&1
grep -q '"capaian": 107.14' <<<"$("$bin" check --json "$work/contoh-diskominfo-2024.ods")" || { echo "GAGAL: contoh .ods tidak memberi capaian 107,14 %"; fail=1; }
[ "$fail" = 0 ] && echo "BAIK: templat terbuka di LibreOffice $(soffice --version | awk '{print $2}') dengan semua lembar dan daftar pilihannya."
exit "$fail"
