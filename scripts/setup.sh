#!/usr/bin/env bash
# Create .venv with Python >= 3.12 and install kg into it (editable), with optional extras.
#   bash scripts/setup.sh            # the product
#   bash scripts/setup.sh test,spark # plus test / spark extras
set -euo pipefail
cd "$(dirname "$0")/.."
extras=${1:-}

find_python() {
  local c
  for c in "${KG_PYTHON:-}" python3.13 python3.12 python3; do
    [ -n "$c" ] || continue
    if "$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then echo "$c"; return; fi
  done
  if command -v pyenv >/dev/null 2>&1; then
    local v
    v=$(pyenv versions --bare 2>/dev/null | grep -E '^3\.1[2-9]\.[0-9]+$' | sort -V | head -n1 || true)
    if [ -n "$v" ]; then echo "$(pyenv root)/versions/$v/bin/python"; return; fi
  fi
  echo "kg needs Python >= 3.12 (set KG_PYTHON to its path)" >&2
  return 1
}

if [ ! -x .venv/bin/python ]; then
  py=$(find_python)
  "$py" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ -n "$extras" ]; then
  .venv/bin/python -m pip install -q -e ".[$extras]"
else
  .venv/bin/python -m pip install -q -e .
fi
