#!/usr/bin/env bash
# The main job on embedded defaults: set up, then start the gateway with SQLite, the
# bundled national template and the example services, routed to a clearly labelled demo
# upstream (「デモ用：実際のAIではありません」). The first administrator and a demo API key are
# created once in the configured database (`hinagata first-run`) and printed with a curl and
# an openai example. Extra arguments go to `hinagata serve`
# (e.g. --config examples/gateway.yaml to use real models, --port 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p var
PORT=8000
CONFIG=""
prev=""
for arg in "$@"; do
  if [ "$prev" = "--port" ]; then PORT="$arg"; fi
  if [ "$prev" = "--config" ] || [ "$prev" = "-c" ]; then CONFIG="$arg"; fi
  prev="$arg"
done
# The first administrator and a demo API key, in the database the configuration names
# (created once; the password and the key are kept under var/), and the banner.
if [ -n "$CONFIG" ]; then
  .venv/bin/hinagata first-run --config "$CONFIG" --port "$PORT"
else
  .venv/bin/hinagata first-run --port "$PORT"
fi
exec .venv/bin/hinagata serve "$@"
