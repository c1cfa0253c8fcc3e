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
pdftoppm -r 55 -png -f 1 -l 1 $d/draft/*/*.pdf "$out/draft"
pdftoppm -r 55 -png -f 2 -l 2 $d/draft/*/*.pdf "$out/draft"
pdftoppm -r 55 -png -f 2 -l 2 $d/konsep/*/*.pdf "$out/konsep"
pdftoppm -r 55 -png -f 2 -l 2 $d/final/*/pengukuran-kinerja_*.pdf "$out/final"
pdftoppm -r 55 -png $d/final/*/rencana-aksi_*.pdf "$out/rencana-aksi"
ls "$out"/*.png
