#!/usr/bin/env bash
# Installing Hinagata where no package registry can be reached (the LGWAN segment).
#
#   On a connected machine with the same OS, CPU and Python version as the target:
#     bash scripts/wheelhouse.sh build DIR
#   Copy DIR (and this repository, or just DIR) to the closed network, then:
#     bash scripts/wheelhouse.sh install DIR [VENV]
#
# DIR holds a wheel of hinagata and of every dependency — the Sudachi dictionary
# (sudachidict-core) included — so the install needs no network at all.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
cmd="${1:-}"; dir="${2:-}"
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 build DIR | install DIR [VENV]" >&2; exit 2
fi
case "$cmd" in
  build)
    mkdir -p "$dir"
    "$PY" -m pip wheel --quiet --disable-pip-version-check --wheel-dir "$dir" .
    # pip itself and the build backend, for a venv created offline
    "$PY" -m pip download --quiet --disable-pip-version-check --dest "$dir" pip setuptools wheel
    echo "wheelhouse: $(ls "$dir" | wc -l) files in $dir"
    ;;
  install)
    venv="${3:-.venv}"
    [ -x "$venv/bin/python" ] || "$PY" -m venv "$venv"
    PIP_NO_INDEX=1 "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
      --no-index --find-links "$dir" hinagata
    "$venv/bin/hinagata" --help >/dev/null
    echo "installed from $dir into $venv with no network"
    ;;
  *) echo "unknown command: $cmd" >&2; exit 2 ;;
esac
