#!/usr/bin/env bash
# The whole test suite: set up, lint (ruff), type-check (mypy), then pytest.
# The judgment tests then run again under three fixed hash seeds: reasons, clauses and
# findings must come out in the same order whatever the seed (docs/policy.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check src tests bench
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
for seed in 1 2 3; do
    echo "judgment tests, PYTHONHASHSEED=$seed"
    PYTHONHASHSEED=$seed .venv/bin/python -m pytest \
        tests/test_judgment.py tests/test_assess.py tests/test_policy_layers.py
done
