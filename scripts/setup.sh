#!/usr/bin/env bash
# Creates .venv with a Python >= 3.12 and installs actorgraph with its pinned dependencies.
# Re-running is cheap: it reinstalls only when pyproject.toml or the lock file changed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv
stamp=$venv/.installed
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
  python=$(scripts/find-python.sh)
  echo "setup: creating $venv with $python"
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
  echo "setup: installing actorgraph and its pinned dependencies"
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet -c requirements.lock -e '.[dev]'
  touch "$stamp"
fi
