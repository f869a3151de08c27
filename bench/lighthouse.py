"""Front-end (issue 3): Lighthouse scores of the phone app, run with no network.

Lighthouse 12 (npm `lighthouse@12`, installed on first use into bench/node_modules, which git
ignores) with its mobile defaults (Moto G Power emulation, simulated slow 4G and 4x CPU
slowdown) drives Debian's Chromium against the real app serving the demo school (gunicorn,
production settings). The pages need a login: the session cookie of POST /api/auth/login goes
along on every request through `--extra-headers`, and each run starts from a browser profile
holding the phone's "signed in here" mark (`SIGNED_IN` in session.js; without it a start asks
no /api/auth/me and goes to /login). Lighthouse's own storage reset still clears that profile's
service worker, Cache Storage and HTTP cache, so the audit is a first load, as before 1 Dec.
Each page is audited `RUNS` times (one with --quick); each category's median is reported.
Targets: performance at least 95, accessibility 100. Best practices and SEO are reported without
a target.

If npm or the install fails, the figures say why and the other benchmarks still run.
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import time

from app.pwa.tools.chromium import CHROMIUM_ARGS
from bench.harness import (
    BENCH,
    DEMO_PASSWORD,
    DEMO_STUDENT,
    DEMO_TRAINER,
    OUT,
    ROOT,
    BenchError,
    Figure,
    browser_errors,
    chromium_path,
)

NAME = "lighthouse"
TITLE = "Lighthouse scores (mobile)"
FRONT_END = True  # the phone app: __main__ warns if its files change during the run
PACKAGE = "lighthouse@12"
CLI = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = [
    ("student home", "/home", DEMO_STUDENT),
    ("trainer inbox", "/trainer", DEMO_TRAINER),
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100}
RUNS = 3
RUN_TIMEOUT = 180
INSTALL_TIMEOUT = 420
METRICS = [
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
]


def run(ctx):
    problem = ensure_lighthouse(ctx)
    if problem:
        ctx.log(f"  skipped: {problem}")
        return [Figure("Lighthouse", None, note=f"skipped: {problem}")]
    version = json.loads((CLI.parent.parent / "package.json").read_text())["version"]
    chrome = chromium_path()
    if chrome is None:
        raise BenchError("no Chromium for Lighthouse (apt-get install chromium)")
    server = ctx.demo_server()
    template = _signed_in_profile(ctx, server, chrome)
    runs = 1 if ctx.args.quick else RUNS
    figures = []
    for label, path, email in PAGES:
        (cookie,) = ctx.login(server, [email], DEMO_PASSWORD)
        reports = []
        for i in range(runs):
            ctx.check_time(RUN_TIMEOUT + 30, f"Lighthouse on the {label}")
            # A copy per run: the one before filled its IndexedDB, which Lighthouse keeps.
            profile = OUT / "lighthouse-profile-run"
            shutil.rmtree(profile, ignore_errors=True)
            shutil.copytree(template, profile, symlinks=True)
            report = _lighthouse(
                server.url + path, cookie, chrome, profile, f"{NAME}-{path.strip('/')}-{i}"
            )
            _check_page(report, path, label)
            scores = {c: _score(report, c) for c in CATEGORIES}
            ctx.log(
                f"  {label} run {i + 1}: "
                + ", ".join(f"{c} {scores[c]}" for c in CATEGORIES)
                + " | "
                + _metrics(report)
            )
            reports.append(report)
        figures += _figures(label, path, reports, version)
    return figures


def ensure_lighthouse(ctx):
    """Install Lighthouse into bench/node_modules when missing; a reason to skip, or None."""
    if CLI.exists():
        return None
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return "node and npm are not installed (Lighthouse needs them)"
    ctx.log(f"  installing {PACKAGE} into {BENCH / 'node_modules'} (npm) ...")
    try:
        done = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(BENCH),
                "--no-save",
                "--no-package-lock",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                PACKAGE,
            ],
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"npm install {PACKAGE} took more than {INSTALL_TIMEOUT} s"
    if done.returncode != 0 or not CLI.exists():
        lines = (done.stderr or done.stdout).strip().splitlines()
        return f"npm install {PACKAGE} failed ({done.returncode}): " + " ".join(lines[-3:])[:300]
    return None


def signed_in_key():
    """The localStorage key of the "signed in here" mark, read from the app (no second copy)."""
    source = (ROOT / "app" / "pwa" / "static" / "js" / "session.js").read_text()
    found = re.search(r"export const SIGNED_IN = '([^']+)'", source)
    if found is None:
        raise BenchError("session.js no longer exports SIGNED_IN as a string")
    return found.group(1)


def _signed_in_profile(ctx, server, chrome):
    """A Chromium profile that has been logged in on the demo origin: only the mark, no cookie.

    Its service worker is blocked while it is made, so the profile holds no cached shell.
    """
    template = OUT / "lighthouse-profile"
    shutil.rmtree(template, ignore_errors=True)
    with browser_errors("preparing Lighthouse's browser profile"):
        context = ctx.playwright().chromium.launch_persistent_context(
            str(template), executable_path=chrome, args=CHROMIUM_ARGS, service_workers="block"
        )
        try:
            page = context.new_page()
            page.goto(server.url + "/login")
            page.evaluate("key => localStorage.setItem(key, '1')", signed_in_key())
        finally:
            context.close()
    if " " in str(template):
        # Lighthouse splits --chrome-flags on spaces.
        raise BenchError(f"the bench's folder has a space in its path: {template}")
    return template


def _lighthouse(url, cookie, chrome, profile, label):
    out = OUT / f"{label}.json"
    out.unlink(missing_ok=True)
    cmd = [
        "node",
        str(CLI),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        # chrome-launcher puts its own --user-data-dir first; Chromium takes the last one.
        f"--chrome-flags=--headless=new --no-sandbox --user-data-dir={profile}",
        "--extra-headers=" + json.dumps({"Cookie": cookie}),
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    env = {**os.environ, "CHROME_PATH": chrome}
    started = time.monotonic()
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=RUN_TIMEOUT, env=env, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"Lighthouse on {url} took more than {RUN_TIMEOUT} s") from error
    if done.returncode != 0 or not out.exists():
        tail = (done.stderr or done.stdout).strip()[-600:]
        raise BenchError(f"Lighthouse on {url} failed ({done.returncode}): {tail}")
    report = json.loads(out.read_text())
    report["_seconds"] = time.monotonic() - started
    return report


def _check_page(report, path, label):
    """The audit must be of the logged-in page, not a redirect to the login screen."""
    final = report.get("finalDisplayedUrl") or report.get("finalUrl") or ""
    if not final.split("?", 1)[0].endswith(path):
        raise BenchError(f"Lighthouse on the {label} ended on {final}: not logged in?")
    if report.get("runtimeError"):
        raise BenchError(f"Lighthouse on the {label}: {report['runtimeError']}")


def _score(report, category):
    score = report["categories"][category]["score"]
    return None if score is None else round(score * 100)


def _metrics(report):
    audits = report["audits"]
    parts = []
    for key, short in METRICS:
        audit = audits.get(key, {})
        if audit.get("displayValue"):
            parts.append(f"{short} {audit['displayValue']}")
    return ", ".join(parts).replace("\xa0", " ")


def _failing(report, category):
    """Audits that cost points in a category (ids), for the note."""
    refs = report["categories"][category]["auditRefs"]
    audits = report["audits"]
    return [
        r["id"]
        for r in refs
        if r.get("weight")
        and audits[r["id"]].get("score") is not None
        and audits[r["id"]]["score"] < 1
    ]


def _figures(label, path, reports, version):
    figures = []
    for category in CATEGORIES:
        scores = [_score(r, category) for r in reports]
        known = [s for s in scores if s is not None]
        value = statistics.median(known) if known else None
        # The run whose score is the median (the first such), for metrics and failing audits.
        typical = next((r for r, s in zip(reports, scores, strict=True) if s == value), reports[0])
        target = TARGETS.get(category)
        note = f"runs {scores}, Lighthouse {version}, {path}"
        if category == "performance":
            note += "; " + _metrics(typical)
        failing = _failing(typical, category)
        if failing and category != "performance":
            note += "; losing points: " + ", ".join(failing[:8])
        figures.append(
            Figure(
                f"Lighthouse {category}, {label}",
                value,
                "",
                f">= {target}" if target else "",
                None if target is None or value is None else value >= target,
                note,
            )
        )
    return figures
