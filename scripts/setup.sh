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

# llama-index's OpenAI integration requires openai<3 (its structured output imports a
# private helper of openai 2) while the dev tools test the current openai: the
# llama-index client of tests/test_clients.py has an environment of its own, resolved
# as pip resolves it for a user, inside .venv (removed with it).
side=.venv/llama-index
side_want="llama-index-llms-openai-like>=0.8.1,<0.9 llama-index-llms-openai>=0.8.3,<0.9 llama-index-core>=0.14.25,<0.15"
if [ ! -x "$side/bin/python" ] || [ "$(cat "$side/.installed" 2>/dev/null)" != "$side_want" ]; then
  [ -x "$side/bin/python" ] || "$PY" -m venv "$side"
  # shellcheck disable=SC2086  # one requirement a word
  "$side/bin/python" -m pip install --quiet --disable-pip-version-check $side_want
  echo "$side_want" > "$side/.installed"
fi

# The OpenID provider the sign-in tests start (panva's oidc-provider, tests/oidc_op; the
# versions pinned by its package-lock.json). Needs Node.js 20+ and npm; a test-only tool,
# never used by the server itself.
op=tests/oidc_op
if command -v npm >/dev/null 2>&1; then
  op_want="$(sha256sum "$op/package-lock.json" | cut -d' ' -f1)"
  if [ ! -d "$op/node_modules/oidc-provider" ] || [ "$(cat "$op/node_modules/.hinagata-installed" 2>/dev/null)" != "$op_want" ]; then
    npm ci --prefix "$op" --no-audit --no-fund --loglevel=error >/dev/null
    echo "$op_want" > "$op/node_modules/.hinagata-installed"
  fi
else
  echo "warning: npm not found; the OpenID Connect sign-in tests will be skipped (install nodejs and npm)" >&2
fi
