"""Front-end (issue 3): weight of the app shell a phone downloads, and what a repeat visit costs.

First load: a fresh phone (Chromium through Playwright, Pixel 7) opens /login, logs in as the demo
student and lands on /home. Every HTML document, stylesheet and script the pages load (the ES
modules each screen imports included, whether the network or the service worker answered), plus
/sw.js, is fetched again uncompressed and gzipped at level 9 (what the server sends); the sum is
the shell weight. Target: at most 60 KiB. The service worker's precache (every page and static
file, downloaded in the background for offline use) is reported beside it, from the server's
access log.

Repeat visit: once the service worker controls the page, reload it (and open the app in a new
tab) and count the requests for non-API resources that reached the server (its access log):
pages, CSS, JS, icons. Target: 0. The browser's own update check of the service worker script
(/sw.js) is not the shell and is reported beside it.
"""

import gzip
from urllib.parse import urlparse

from bench.harness import (
    DEMO_PASSWORD,
    DEMO_STUDENT,
    BenchError,
    Figure,
    browser_errors,
    page_controlled,
    page_login,
    page_ready,
    request,
)

NAME = "shell"
TITLE = "app shell weight and repeat visit"
FRONT_END = True  # the phone app: __main__ warns if its files change during the run
TARGET_KIB = 60
SHELL_TYPES = {"document": "HTML", "stylesheet": "CSS", "script": "JS"}
SETTLE_SECONDS = 2.0  # after a load: let stray requests (an update check of /sw.js) arrive
WORKER_SCRIPTS = ("/sw.js", "/sw-classic.js")


def run(ctx):
    with browser_errors("shell weight in Chromium"):
        return _run(ctx)


def _run(ctx):
    ctx.check_time(90, "the shell weight")
    server = ctx.demo_server()
    context = ctx.phone(server)
    try:
        page = context.new_page()
        seen = []  # (url, resource type, answered by the service worker, status)
        page.on(
            "response",
            lambda r: seen.append(
                (r.url, r.request.resource_type, r.from_service_worker, r.status)
            ),
        )
        mark = server.access_mark()
        page_login(page, DEMO_STUDENT, DEMO_PASSWORD, "/home")
        page_controlled(page)
        page.wait_for_timeout(SETTLE_SECONDS * 1000)
        first_visit = server.requests_since(mark)
        first_seen = list(seen)

        # Repeat visit: the service worker is in control now.
        seen.clear()
        mark = server.access_mark()
        page.reload()
        page_ready(page)
        page.wait_for_timeout(SETTLE_SECONDS * 1000)
        reload_rows = server.requests_since(mark)
        reload_seen = list(seen)

        # And opening the app again in a new tab (a home-screen start).
        tab = context.new_page()
        mark = server.access_mark()
        tab.goto("/home")
        page_ready(tab)
        tab.wait_for_timeout(SETTLE_SECONDS * 1000)
        tab_rows = server.requests_since(mark)
    finally:
        context.close()

    shell = _shell_files(server, first_seen, first_visit)
    raw = sum(f["raw"] for f in shell.values())
    gz = sum(f["gzip"] for f in shell.values())
    kinds = {}
    for f in shell.values():
        kinds.setdefault(f["kind"], [0, 0])
        kinds[f["kind"]][0] += 1
        kinds[f["kind"]][1] += f["gzip"]
    ctx.log(f"  first load ({len(shell)} files), gzip -9:")
    for path, f in sorted(shell.items(), key=lambda kv: -kv[1]["gzip"]):
        ctx.log(f"    {f['kind']:<4} {path:<36} {f['raw']:>7,} B raw {f['gzip']:>7,} B gzip")
    breakdown = ", ".join(
        f"{kind} {n} files {size / 1024:.1f} KiB" for kind, (n, size) in sorted(kinds.items())
    )

    precache = _precache(server, first_visit, shell)
    wire = sum(size for method, path, status, size, _ in first_visit if not _is_api(path))

    repeat = [r for r in reload_rows if _is_shell(r[1])]
    checks = [r for r in reload_rows + tab_rows if r[1] in WORKER_SCRIPTS]
    from_network = [
        urlparse(url).path
        for url, kind, from_sw, _ in reload_seen
        if kind in SHELL_TYPES and not from_sw and not _is_api(urlparse(url).path)
    ]
    tab_repeat = [r for r in tab_rows if _is_shell(r[1])]
    ctx.log(
        "  repeat visit (reload): server answered "
        + (", ".join(f"{m} {p} {s}" for m, p, s, *_ in repeat) or "nothing")
        + f" for the shell; {sum(_is_api(r[1]) for r in reload_rows)} API requests"
    )
    ctx.log(
        "  repeat visit (new tab on /home): server answered "
        + (", ".join(f"{m} {p} {s}" for m, p, s, *_ in tab_repeat) or "nothing")
        + " for the shell"
    )
    return [
        Figure(
            "app shell, first load (HTML+CSS+JS, gzip -9)",
            gz / 1024,
            "KiB",
            f"<= {TARGET_KIB} KiB",
            gz / 1024 <= TARGET_KIB,
            f"{breakdown}; {raw / 1024:.1f} KiB uncompressed; /login then /home",
        ),
        Figure(
            "service worker precache (HTML+CSS+JS, gzip -9)",
            precache["text"] / 1024,
            "KiB",
            note=(
                f"{precache['files']} text files, plus {precache['images'] / 1024:.1f} KiB of "
                f"icons; the first visit's server answers totalled {wire / 1024:.1f} KiB "
                "(page + precache)"
            ),
        ),
        Figure(
            "repeat visit: shell requests reaching the server",
            len(repeat) + len(tab_repeat),
            "requests",
            "0",
            not repeat and not tab_repeat,
            _describe(repeat, from_network, tab_repeat)
            + f"; the browser's update check of the worker: {len(checks)} request(s)",
        ),
    ]


def _is_api(path):
    return path.startswith("/api/")


def _is_shell(path):
    return not _is_api(path) and path not in WORKER_SCRIPTS


def _shell_files(server, responses, first_visit):
    """{path: {kind, raw, gzip}} of the HTML, CSS and JS the pages loaded, plus /sw.js."""
    paths = {}
    origin = urlparse(server.url).netloc
    for url, kind, _, _ in responses:
        parsed = urlparse(url)
        if parsed.netloc != origin or _is_api(parsed.path) or kind not in SHELL_TYPES:
            continue
        paths.setdefault(parsed.path, SHELL_TYPES[kind])
    if any(path == "/sw.js" for _, path, *_ in first_visit):
        paths["/sw.js"] = "JS"
    if not any(kind == "HTML" for kind in paths.values()):
        raise BenchError(f"no page recorded in the first load: {sorted(paths)}")
    return {path: {"kind": kind, **_sizes(server, path)} for path, kind in paths.items()}


def _sizes(server, path):
    status, _, body = request(server.port, "GET", path)
    if status != 200:
        raise BenchError(f"GET {path} answered {status}")
    return {"raw": len(body), "gzip": len(gzip.compress(body, compresslevel=9, mtime=0))}


def _precache(server, first_visit, shell):
    """What the first visit fetched besides the API: the service worker's precache included."""
    text = images = files = 0
    for path in sorted({path for method, path, status, *_ in first_visit if method == "GET"}):
        if _is_api(path):
            continue
        sizes = shell.get(path) or _sizes(server, path)
        if path.endswith((".png", ".jpg", ".svg", ".webp", ".ico")):
            images += sizes["raw"]
        else:
            text += sizes["gzip"]
            files += 1
    return {"text": text, "images": images, "files": files}


def _describe(repeat, from_network, tab_repeat):
    if not repeat and not tab_repeat:
        return "reload and a new tab: every shell file from the service worker"
    parts = []
    if repeat:
        parts.append("reload: " + ", ".join(f"{m} {p} {s}" for m, p, s, *_ in repeat))
    if from_network:
        parts.append("not from the service worker: " + ", ".join(sorted(set(from_network))))
    parts.append("new tab: " + (", ".join(f"{m} {p} {s}" for m, p, s, *_ in tab_repeat) or "none"))
    return "; ".join(parts)
