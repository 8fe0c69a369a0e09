#!/usr/bin/env bash
# Runs every benchmark; results go to bench/results/*.json (summarised in BENCHMARKS.md).
# Datasets are read from ../shared/data (or $HINAGATA_DATA); a missing one is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash bench/setup.sh
PY=bench/.venv/bin/python
$PY bench/throughput.py --docs 60 --rounds 7 --repeat 10
$PY bench/names.py --split test --baseline
$PY bench/names.py --split tune
$PY bench/prose.py
$PY bench/contacts.py
$PY bench/addresses.py
$PY bench/health.py
$PY bench/identifiers.py --n 300
.venv/bin/python bench/judgment.py --texts 200 --passes 5
$PY bench/judgment_eval.py --split test
$PY bench/judgment_eval.py --split tune
# The gateway (separate processes; SQLite, then two workers) and the LiteLLM comparison.
$PY bench/gateway.py --rate 50 --seconds 20 --memory-requests 0
$PY bench/gateway.py --rate 100 --seconds 20 --memory-requests 0
$PY bench/gateway.py --rate 100 --seconds 20 --memory-requests 0 --workers 2
$PY bench/gateway.py --rate 50 --seconds 4 --memory-requests 40000
mv bench/results/gateway_50rps.json bench/results/gateway_memory_40k.json
$PY bench/gateway.py --rate 50 --seconds 20 --memory-requests 0
bash bench/setup-litellm.sh
$PY bench/litellm_compare.py
