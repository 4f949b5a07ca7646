#!/usr/bin/env bash
# Prepares code-server (VS Code 1.139 with a Node extension host) for the
# code-server test layer (test/codeserver/run.js). Idempotent, and quick (no
# npm call) when the pinned versions are already there.
#   - Debian packages its native modules build against (libkrb5-dev,
#     libsecret-1-dev, libx11-dev, libxkbfile-dev; build-essential and python3
#     when missing), with apt-get; needs root or sudo.
#   - Node.js 24 (code-server needs it; the machine's Node may be older) from
#     the npm package `node`, in .code-server/node.
#   - code-server from npm, installed with that Node 24 first on PATH, in
#     .code-server/server.
# Everything goes into the ignored project folder .code-server/ (nothing is
# installed globally). From scratch this took about 1.5 minutes here (apt
# packages ~10 s, node ~5 s, code-server ~85 s, mostly its postinstall).
# Usage: bash scripts/setup-code-server.sh
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1

cd "$(dirname "$0")/.."
HOME_DIR="$PWD/.code-server"
NODE_BIN_DIR="$HOME_DIR/node/node_modules/node/bin"
SERVER_PKG="$HOME_DIR/server/node_modules/code-server"

installed_version() { # <package.json> -> its "version", or nothing
  [ -f "$1" ] && sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$1" | head -n 1
}

node_ok() { [ -x "$NODE_BIN_DIR/node" ] && [ "$("$NODE_BIN_DIR/node" --version 2>/dev/null)" = "v$NODE_VERSION" ]; }
server_ok() {
  [ "$(installed_version "$SERVER_PKG/package.json")" = "$CODE_SERVER_VERSION" ] &&
    [ -f "$HOME_DIR/server/.installed-$CODE_SERVER_VERSION" ]
}

if node_ok && server_ok; then
  exit 0
fi

started=$(date +%s)

missing=()
for pkg in libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 || missing+=(build-essential)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-code-server: installing Debian packages: ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup-code-server: need root or sudo to apt-get install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! node_ok; then
  echo "setup-code-server: installing Node.js $NODE_VERSION (npm package node) into .code-server/node"
  rm -rf "$HOME_DIR/node"
  mkdir -p "$HOME_DIR/node"
  npm install --prefix "$HOME_DIR/node" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$NODE_VERSION"
  node_ok || { echo "setup-code-server: $NODE_BIN_DIR/node is not v$NODE_VERSION after install" >&2; exit 1; }
fi

if ! server_ok; then
  echo "setup-code-server: installing code-server $CODE_SERVER_VERSION into .code-server/server (builds native modules; takes a minute or two)"
  rm -rf "$HOME_DIR/server"
  mkdir -p "$HOME_DIR/server"
  # code-server's install scripts run with whatever `node` is first on PATH: Node 24.
  # Its postinstall reads the Node version from npm_config_user_agent; under
  # `npm run` that still names the outer npm's Node, so let this npm set its own.
  env -u npm_config_user_agent PATH="$NODE_BIN_DIR:$PATH" npm install --prefix "$HOME_DIR/server" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  # Its postinstall installs (and builds) VS Code's own modules; without them it cannot serve.
  [ -d "$SERVER_PKG/lib/vscode/node_modules/kerberos" ] || { echo "setup-code-server: code-server's postinstall did not install lib/vscode/node_modules" >&2; exit 1; }
  # Check that it starts (its own config and data go to a scratch folder, not ~/.config).
  scratch=$(mktemp -d)
  version=$(PATH="$NODE_BIN_DIR:$PATH" XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" "$HOME_DIR/server/node_modules/.bin/code-server" --version 2>/dev/null | tail -n 1)
  rm -rf "$scratch"
  case "$version" in
    "$CODE_SERVER_VERSION "*) ;;
    *) echo "setup-code-server: code-server --version printed '$version', expected $CODE_SERVER_VERSION" >&2; exit 1 ;;
  esac
  touch "$HOME_DIR/server/.installed-$CODE_SERVER_VERSION"
fi

echo "setup-code-server: code-server $CODE_SERVER_VERSION with Node $NODE_VERSION ready in .code-server/ ($(( $(date +%s) - started )) s)"
