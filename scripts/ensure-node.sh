#!/usr/bin/env bash
# The JS unit tests run on node's own test runner (node --test, Node 18 or newer, no npm
# packages). Install Debian's nodejs when node is missing.
set -euo pipefail
if command -v node >/dev/null && node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)'; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's nodejs for the JS unit tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null
else
  echo "node (18 or newer) is needed for the JS unit tests: install nodejs" >&2
  exit 1
fi
