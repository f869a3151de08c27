#!/usr/bin/env bash
# The migration tests run on a throw-away PostgreSQL too: install Debian's server when missing.
set -euo pipefail
if ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's PostgreSQL for the migration tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
else
  echo "PostgreSQL is not installed (needs: sudo apt-get install postgresql)" >&2
  exit 1
fi
