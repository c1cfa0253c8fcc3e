#!/usr/bin/env bash
# What the tests need besides the Rust toolchain, from Debian's packages: pdftotext and pdftoppm
# (poppler-utils) to read and render the PDFs, zbarimg (zbar-tools) to read the final's QR code, and
# headless Chromium with its chromedriver (chromium, chromium-driver) for the index page's browser tests.
set -euo pipefail
missing=()
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "pdftotext: $(command -v pdftotext)"
echo "zbarimg: $(command -v zbarimg)"
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null), chromedriver: $(/usr/bin/chromedriver --version 2>/dev/null | cut -d' ' -f1-2)"
