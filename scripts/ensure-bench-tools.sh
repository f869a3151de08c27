#!/usr/bin/env bash
# What `make bench` needs besides Python packages and Chromium: wrk (Debian's package) drives
# the load. Installed when missing, as root; otherwise says what to install.
set -euo pipefail
if command -v wrk >/dev/null; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing wrk for the benchmarks..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
else
  echo "wrk is not installed (needs: sudo apt-get install wrk)" >&2
  exit 1
fi
