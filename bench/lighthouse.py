"""Front-end (issue 3): Lighthouse scores of the phone app, run with no network.

Hook, not yet measured. Recipe (../shared/TESTING.md): `npm install lighthouse@12` into
bench/node_modules, then `CHROME_PATH=/usr/bin/chromium npx lighthouse <url>
--chrome-flags="--headless=new --no-sandbox" --output=json --quiet` against
`ctx.app_server(ctx.args.small).url`, and read the category scores from the JSON.
Installability: Page.getInstallabilityErrors in a persistent Playwright context.
"""

from bench.harness import Figure

NAME = "lighthouse"
TITLE = "Lighthouse scores"


def run(ctx):
    return [Figure("Lighthouse performance score", None, note="not measured yet (issue 3)")]
