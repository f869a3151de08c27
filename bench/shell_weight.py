"""Front-end (issue 3): weight of the app shell a phone downloads on first visit.

Hook, not yet measured. To fill in: start the real app with `ctx.app_server(ctx.args.small)`,
fetch the shell page and every asset it (and the service worker's precache list) names, and
report total bytes raw and gzipped, as Figures with a target from the issue.
"""

from bench.harness import Figure

NAME = "shell"
TITLE = "app shell weight"


def run(ctx):
    return [Figure("app shell weight (KB, gzipped)", None, "KB", note="not measured yet (issue 3)")]
