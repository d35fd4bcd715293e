#!/usr/bin/env bash
# Set up what the project needs on this machine: Debian chromium and Arabic fonts (PNG export, browser tests),
# and a Python virtual environment in .venv. Safe to run again: it only installs what is missing.
#   scripts/setup.sh          runtime (the app)
#   scripts/setup.sh --dev    runtime + test tools
set -euo pipefail
cd "$(dirname "$0")/.."
dev=0; [ "${1:-}" = "--dev" ] && dev=1

# System packages: chromium (kaleido's PNG export and the browser tests), Noto fonts (Arabic glyphs in PNGs).
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Naskh Arabic" || need+=(fonts-noto-core)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "setup: missing ${need[*]}: run 'sudo apt-get install ${need[*]}' (PNG export and browser tests need them)" >&2
  fi
fi

# Python environment.
py=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$py" -m venv .venv
req=requirements.txt; [ $dev = 1 ] && req=requirements-dev.txt
stamp=.venv/.installed-$(cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)-$dev
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r "$req"
  touch "$stamp"
fi
