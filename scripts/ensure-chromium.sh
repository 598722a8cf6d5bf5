#!/usr/bin/env bash
# Browser tests need Debian's chromium (a test tool's own browser download cannot work here).
# Installs it when missing and we are root; otherwise says so, and the browser tests skip.
set -u
if command -v chromium >/dev/null 2>&1 || [ -n "${ACTORGRAPH_CHROMIUM:-}" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing Debian's chromium for the browser tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "setup: could not install chromium; browser tests will be skipped" >&2
else
  echo "setup: chromium not found and not root; browser tests will be skipped" >&2
fi
exit 0
