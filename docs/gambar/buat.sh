#!/usr/bin/env bash
# Makes the README's pictures from the shipped example, with the dates the README names.
# Usage: bash docs/gambar/buat.sh   (needs pdftoppm, from poppler-utils, and a built kinerja)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(pwd)/${KINERJA:-target/debug/kinerja}
out=$(pwd)/docs/gambar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/input" && cp input/diskominfo-lumajang-2024.xlsx "$work/input/"
cd "$work"
"$bin" build --date 2025-01-08 >/dev/null
"$bin" build --stage konsep --date 2025-01-13 >/dev/null
"$bin" build --stage final --date 2025-01-15 >/dev/null
d=output/2024/tahunan/diskominfo
last() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
draft=$(ls $d/draft/*/*.pdf) konsep=$(ls $d/konsep/*/*.pdf) final=$(ls $d/final/*/pengukuran-kinerja_*.pdf)
for p in 1 2 3; do pdftoppm -r 55 -png -f $p -l $p -singlefile "$draft" "$out/draft-$p"; done
pdftoppm -r 55 -png -f "$(last "$konsep")" -l "$(last "$konsep")" -singlefile "$konsep" "$out/konsep-2"
pdftoppm -r 55 -png -f "$(last "$final")" -l "$(last "$final")" -singlefile "$final" "$out/final-2"
pdftoppm -r 55 -png $d/final/*/rencana-aksi_*.pdf "$out/rencana-aksi"
ls "$out"/*.png
