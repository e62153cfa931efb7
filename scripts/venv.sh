#!/usr/bin/env bash
# Create or reuse .venv with quotes installed (editable) and its dev extras.
# Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
stamp=.venv/.quotes-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -x .venv/bin/python ]; then
  echo "creating .venv" >&2
  "$PY" -m venv .venv
fi
if [ ! -x .venv/bin/quotes ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "installing quotes into .venv" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev,spark]' >&2
  echo "$want" > "$stamp"
fi
