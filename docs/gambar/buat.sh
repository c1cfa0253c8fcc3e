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
# The Perjanjian Kinerja of the same workbook (draft 2 January 2024, signed 3 January), its Rencana Aksi PK
# and its pohon kinerja, in an archive of their own.
pk=$(mktemp -d) && trap 'rm -rf "$work" "$pk"' EXIT
mkdir -p "$pk/input" && cp "$out/../../input/diskominfo-lumajang-2024.xlsx" "$pk/input/"
cd "$pk"
"$bin" build --doc pk --date 2024-01-02 >/dev/null
"$bin" build --doc pk --stage final --date 2024-01-03 >/dev/null
f=output/2024/tahunan/diskominfo/final/2024-01-03
for p in 1 2; do pdftoppm -r 55 -png -f $p -l $p -singlefile $f/perjanjian-kinerja_*.pdf "$out/pk-$p"; done
pdftoppm -r 55 -png -f 1 -l 1 -singlefile $f/rencana-aksi-pk_*.pdf "$out/rencana-aksi-pk-1"
pdftoppm -r 55 -png -f 1 -l 1 -singlefile $f/pohon-kinerja_*.pdf "$out/pohon-1"
ls "$out"/pk-*.png "$out"/pohon-1.png
