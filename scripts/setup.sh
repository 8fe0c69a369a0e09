#!/usr/bin/env bash
# Creates .venv/ in the repository root with hinagata installed (editable) and its
# development tools. Idempotent: reinstalls only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  echo "hinagata needs Python 3.11 or newer (found: $("$PY" --version 2>&1)). Set PYTHON=/path/to/python3.11." >&2
  exit 1
fi

# A Japanese font for the PDF guideline (WeasyPrint renders with the system's fonts).
if ! fc-list :lang=ja 2>/dev/null | grep -q .; then
  pkgs="fontconfig fonts-ipaexfont-gothic fonts-ipaexfont-mincho libharfbuzz-subset0"
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get install -y -q $pkgs >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q $pkgs >/dev/null 2>&1; } \
      || echo "warning: could not install Japanese fonts ($pkgs); PDF output will be refused" >&2
  elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    sudo apt-get install -y -q $pkgs >/dev/null 2>&1 \
      || echo "warning: could not install Japanese fonts ($pkgs); PDF output will be refused" >&2
  else
    echo "warning: install a Japanese font (e.g. Debian: $pkgs) for PDF output" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi

stamp=.venv/.hinagata-installed
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
  echo "$want" > "$stamp"
fi
