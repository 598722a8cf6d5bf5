#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 interpreter, or explains why there is none.
# Order: $ACTORGRAPH_PYTHON, python3.13/python3.12/python3 on PATH, then pyenv's versions
# (whose shims fail unless PYENV_VERSION names them, so we call the real binaries).
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
candidates=()
[ -n "${ACTORGRAPH_PYTHON:-}" ] && candidates+=("$ACTORGRAPH_PYTHON")
for name in python3.13 python3.12 python3; do
  path=$(command -v "$name" 2>/dev/null) && candidates+=("$path")
done
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root 2>/dev/null)
  for dir in $(ls -d "$root"/versions/3.1[2-9]* 2>/dev/null | sort -rV); do
    for exe in "$dir"/bin/python3.1[2-9] "$dir"/bin/python3; do
      [ -x "$exe" ] && candidates+=("$exe")
    done
  done
fi
for exe in /usr/bin/python3.1[2-9] /usr/local/bin/python3.1[2-9]; do
  [ -x "$exe" ] && candidates+=("$exe")
done
for exe in "${candidates[@]}"; do
  if ok "$exe"; then echo "$exe"; exit 0; fi
done
echo "actorgraph needs Python >= 3.12 and found none (tried: ${candidates[*]:-nothing})." >&2
echo "Install Python 3.12 or newer, or set ACTORGRAPH_PYTHON to its path." >&2
exit 1
