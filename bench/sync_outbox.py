"""Front-end (issue 3): time to sync 500 queued operations from the phone's outbox.

Hook, not yet measured. To fill in: in Chromium (Playwright, /usr/bin/chromium) against
`ctx.app_server(ctx.args.small)`, log in as a load student of `ctx.database(...)`
["load_students"], go offline, queue 500 creates, go online and time until the outbox is empty
and the server holds all 500 (exactly once).
"""

from bench.harness import Figure

NAME = "sync"
TITLE = "outbox sync of 500 operations"


def run(ctx):
    return [Figure("sync of 500 queued operations", None, "s", note="not measured yet (issue 3)")]
