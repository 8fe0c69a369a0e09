#!/usr/bin/env bash
# The benchmark environment: bench/.venv with hinagata (editable) and the baseline,
# Presidio with GiNZA (ja_ginza). The baseline is never a dependency of the package.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
[ -x bench/.venv/bin/python ] || "$PY" -m venv bench/.venv
bench/.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
bench/.venv/bin/python -m pip install --quiet --disable-pip-version-check \
  "presidio-analyzer>=2.2" "ginza>=5.2" "ja-ginza>=5.2" "faker>=25" -e .
