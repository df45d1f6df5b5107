#!/usr/bin/env bash
# Install everything the tests need (Python deps, Debian chromium, the npm Cypher linter) and run them.
# This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh test,spark

# chromium, and Liberation Sans: the views' layout reserves label widths by its (Arial's) metrics
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -q "Liberation Sans"; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
  fi
fi

if [ -f scripts/package.json ] && [ ! -d scripts/node_modules ]; then
  npm ci --prefix scripts --no-audit --no-fund --loglevel=error
fi

.venv/bin/ruff check kg tests scripts
.venv/bin/ruff format --check kg tests scripts
.venv/bin/python -m pytest -q "$@"
