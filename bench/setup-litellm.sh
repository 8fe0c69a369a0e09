#!/usr/bin/env bash
# The LiteLLM comparison (bench/litellm_compare.py): a pinned LiteLLM proxy in its own
# environment (bench/.venv-litellm; its dependencies clash with the baseline's), and
# Presidio's anonymizer beside the analyzer in bench/.venv. Bench only, never a dependency.
# 1.82.6 is the last release published by LiteLLM's own CI before the March 2026 account
# compromise (1.82.7 and 1.82.8 carried credential-stealing code); 1.107.0 is reported
# compromised too. Check any other pin against the advisories before changing it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
[ -x bench/.venv-litellm/bin/python ] || "$PY" -m venv bench/.venv-litellm
bench/.venv-litellm/bin/python -m pip install --quiet --disable-pip-version-check "litellm[proxy]==1.82.6"
# A .pth file runs code at every interpreter start: refuse any but setuptools' own.
if find bench/.venv-litellm -name '*.pth' ! -name 'distutils-precedence.pth' | grep -q .; then
  echo "unexpected .pth file in bench/.venv-litellm — inspect before use" >&2; exit 1
fi
bench/.venv/bin/python -m pip install --quiet --disable-pip-version-check "presidio-anonymizer>=2.2"
