#!/usr/bin/env bash
# The main job on embedded defaults (bundled national template, example services): set up,
# then judge a fictitious welfare note for two services — allow_masked on one that meets
# the working group's conditions, deny on a consumer chat service. Extra arguments go to
# `hinagata demo` (e.g. --lang en).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/hinagata demo "$@"
