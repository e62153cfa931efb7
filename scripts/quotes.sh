#!/usr/bin/env bash
# Set up .venv if needed, then run the quotes CLI with the given arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
exec .venv/bin/quotes "$@"
