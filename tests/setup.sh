#!/usr/bin/env bash
# What the tests need besides the Rust toolchain: pdftotext (poppler-utils), to read the PDFs' text.
set -euo pipefail
if ! command -v pdftotext >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
  fi
fi
echo "pdftotext: $(command -v pdftotext)"
