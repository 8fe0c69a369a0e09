#!/usr/bin/env bash
# The training environment: train/.venv with hinagata (editable, so the features are
# computed with the package's own SudachiPy and dictionary, exactly as at run time) and the
# pinned training packages. Never a dependency of the package.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
[ -x train/.venv/bin/python ] || "$PY" -m venv train/.venv
train/.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
train/.venv/bin/python -m pip install --quiet --disable-pip-version-check \
  -r train/requirements.txt -e .
