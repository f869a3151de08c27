#!/usr/bin/env bash
# Make sure the end-to-end tests have a Chromium, found the way a user's machine would:
# $CHROMIUM_PATH, then /usr/bin/chromium, then Playwright's own managed browser.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Installing Playwright's Chromium for the browser tests..."
  .venv/bin/python -m playwright install chromium
fi
