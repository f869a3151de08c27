"""How the end-to-end tests and the benchmarks start Chromium (one place for both).

As root Chromium needs --no-sandbox; the background flags stop it from trying the closed
network (../shared/TESTING.md). The browser is found the way a user's machine would find it:
$CHROMIUM_PATH, then Debian's /usr/bin/chromium, then one on PATH; None lets Playwright use
its own managed browser.
"""

import os
import shutil

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = "Pixel 7"


def chromium_path():
    env = os.environ.get("CHROMIUM_PATH")
    if env and os.access(env, os.X_OK):
        return env
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")
