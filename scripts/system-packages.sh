#!/usr/bin/env bash
# The Debian packages `make test` needs, checked before anything is built (make system).
# Missing ones are installed when this runs as root or with password-less sudo; otherwise it
# stops and prints the one apt-get line to run. Nothing else is ever installed from here.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)              # browser tests, the PDF
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)        # PDF tests (pdftotext, pdffonts)
command -v npm >/dev/null 2>&1 || need+=(npm)                        # make pdf installs Paged.js
command -v git >/dev/null 2>&1 || need+=(git)                        # make site: editions from git
fc-list 2>/dev/null | grep -q DejaVuSerif || need+=(fonts-dejavu-core)  # the PDF's fonts
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)

if [ "${#need[@]}" -eq 0 ]; then
  exit 0
fi
line="apt-get install -y ${need[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "make test needs Debian packages that are missing. Run, as root:" >&2
  echo "  apt-get update && $line" >&2
  exit 1
fi
echo "installing: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
