#!/usr/bin/env bash
# The main job on embedded defaults: set up, then scan the bundled example document.
# Extra arguments go to `hinagata scan` (e.g. --json, --lang en).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/hinagata scan --example "$@"
