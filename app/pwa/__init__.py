"""The phone app: server-served page shells, the web app manifest and the service worker.

Pages hold no personal data (the JavaScript fills them from IndexedDB and the API), so the
service worker keeps them in its versioned precache and opens them with no network. The shell
version is a hash of every file the shell is made of, computed once at start-up; it names the
caches and changes the bytes of /sw.js, which is how browsers notice a new version.
"""

import gzip
import hashlib
import json
import posixpath
import re
from functools import cache
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    render_template,
    request,
    send_from_directory,
)

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
SERVICE_WORKER = HERE.parent.parent / "service_worker" / "sw.js"
THEME_COLOR = "#0b5e42"

bp = Blueprint(
    "pwa", __name__, template_folder="templates", static_folder="static", static_url_path="/static"
)

# url -> (endpoint, template/page id, title key). Query strings carry ids (?w=2026-W47), so
# one cached shell serves every week, day and entry.
PAGES = {
    "/": ("start", "start", "app.name"),
    "/login": ("login_page", "login", "login.title"),
    "/home": ("home", "home", "home.title"),
    "/entry": ("entry", "entry", "entry.title.new"),
    "/week": ("week", "week", "week.title"),
    "/logbook": ("logbook", "logbook", "logbook.title"),
    "/outbox": ("outbox", "outbox", "outbox.title"),
    "/account": ("account", "account", "account.title"),
    "/trainer": ("trainer", "trainer", "trainer.title"),
    "/trainer/week": ("trainer_week", "trainer-week", "trainer.week.title"),
    "/docent": ("docent", "docent", "docent.title"),
    "/privacy": ("privacy", "privacy", "privacy.title"),
    "/privacy/desk": ("privacy_desk", "privacy-desk", "desk.title"),
    "/berichten": ("messages", "messages", "chat.title"),  # conversations (#10)
    # Dashboard (#10): one student of the docent's (?p=<placement>)
    "/docent/student": ("docent_student", "docent-student", "dashboard.student.title"),
    # Photos (#9)
    "/photos": ("photos", "photos", "photos.title"),
    # Evidence (#9): timeline, coverage, STARRT, learning goals and moments, notes.
    "/evidence": ("evidence", "evidence", "evidence.title"),
    "/coverage": ("coverage", "coverage", "coverage.title"),
    "/starrts": ("starrts", "starrts", "starrts.title"),
    "/starrt": ("starrt", "starrt", "starrt.title"),
    "/learning": ("learning", "learning", "learning.title"),
    "/notes": ("notes", "notes", "notes.title"),
}

# What app.js loads for every signed-in screen, besides the screen's own module.
FRAME_MODULES = ["app.js", "chrome.js", "sync.js"]
STATIC_IMPORT = re.compile(r"""^import\s[^'"]*?from\s+['"](\.[^'"]+)['"]""", re.MULTILINE)
# `await useStrings('chat', 'starrt');` at the top of a module: the string areas it shows.
USES_STRINGS = re.compile(r"^await useStrings\(([^)]*)\);", re.MULTILINE)
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/manifest")


@cache
def _strings(locale):
    """UI strings live in ES modules, a folder per language (i18n.js says how they are split);
    Jinja renders the Dutch ones, so the server reads them all."""
    strings = {}
    for path in sorted((STATIC / "js" / "i18n" / locale).glob("*.js")):
        strings.update(string_module(path))
    return strings


def string_module(path):
    """One strings module: JSON between the braces of its `export default`."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("{") : text.rindex("}") + 1])


def translate(key, **params):
    text = _strings("nl").get(key, key)
    if isinstance(text, dict):  # a counted string: {"one": ..., "other": ...} (Dutch rules)
        count = params.get("count", params.get("n"))
        text = text["one"] if count == 1 and "one" in text else text["other"]
    for name, value in params.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def _shell_files():
    files = [p for p in sorted(STATIC.rglob("*")) if p.is_file()]
    files += sorted(p for p in TEMPLATES.rglob("*") if p.is_file())
    return files + [SERVICE_WORKER, Path(__file__)]


def _compute_shell():
    digest = hashlib.sha256()
    for path in _shell_files():
        digest.update(str(path.relative_to(HERE.parent.parent)).encode())
        digest.update(path.read_bytes())
    static_urls = [
        "/static/" + p.relative_to(STATIC).as_posix()
        for p in sorted(STATIC.rglob("*"))
        if p.is_file() and p.name != "apple-touch-icon.png"
    ]
    precache = list(PAGES) + ["/manifest.webmanifest"] + static_urls
    return {"version": digest.hexdigest()[:12], "precache": precache}


def shell():
    """The shell version and precache list: once per app, or per request while debugging."""
    app = current_app
    if app.debug:
        return _compute_shell()
    if "pwa_shell" not in app.extensions:
        app.extensions["pwa_shell"] = _compute_shell()
    return app.extensions["pwa_shell"]


@cache
def page_modules(page):
    """Every module a screen needs at start, in one list for <link rel=modulepreload>.

    Without it the browser discovers the module graph a level at a time (app.js, then the
    screen, then its imports): three round trips on a slow mobile network instead of one.
    """
    frame = ["app.js"] if page == "login" else FRAME_MODULES
    roots = [*frame, f"pages/{page}.js"]
    seen, todo = [], list(roots)
    while todo:
        name = todo.pop(0)
        if name in seen or not (STATIC / "js" / name).is_file():
            continue
        seen.append(name)
        source = (STATIC / "js" / name).read_text(encoding="utf-8")
        base = posixpath.dirname(name)
        todo += [posixpath.normpath(posixpath.join(base, m)) for m in STATIC_IMPORT.findall(source)]
    # The Dutch strings of the areas these modules ask for (the server renders Dutch), so they
    # arrive with the modules instead of a round trip after them.
    areas = {area for name in seen for area in string_areas(name)}
    return seen + [f"i18n/nl/{area}.js" for area in sorted(areas)]


@cache
def string_areas(name):
    """The string areas a module asks for with `await useStrings(...)` (i18n.js)."""
    source = (STATIC / "js" / name).read_text(encoding="utf-8")
    return [
        area.strip().strip("'\"")
        for call in USES_STRINGS.findall(source)
        for area in call.split(",")
        if area.strip()
    ]


@bp.app_context_processor
def _template_globals():
    return {"t": translate, "theme_color": THEME_COLOR, "page_modules": page_modules}


@bp.after_request
def _compress(response):
    """Gzip the shell's text files when the browser accepts it (they shrink to about a third)."""
    if (
        response.status_code != 200
        or "gzip" not in request.headers.get("Accept-Encoding", "")
        or not (response.mimetype or "").startswith(COMPRESSIBLE)
        or response.headers.get("Content-Encoding")
    ):
        return response
    response.direct_passthrough = False
    response.set_data(_gzipped(response.get_data()))
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    tag = response.get_etag()[0]
    if tag:  # same file, other bytes: a weak tag, so If-None-Match still finds it unchanged
        response.set_etag(tag, weak=True)
    return response


_gzip_cache = {}


def _gzipped(data):
    key = hashlib.sha1(data).digest()
    if key not in _gzip_cache:
        if len(_gzip_cache) > 256:
            _gzip_cache.clear()
        _gzip_cache[key] = gzip.compress(data, compresslevel=9, mtime=0)
    return _gzip_cache[key]


def _page_view(page, title_key):
    def view():
        html = render_template(f"{page}.html", page=page, title_key=title_key)
        # The service worker keeps a refreshed copy only if it is of its own version.
        headers = {"Cache-Control": "no-cache", "X-Shell-Version": shell()["version"]}
        return Response(html, headers=headers, mimetype="text/html")

    return view


for _url, (_endpoint, _page, _title) in PAGES.items():
    bp.add_url_rule(_url, _endpoint, _page_view(_page, _title), methods=["GET"])


@bp.get("/manifest.webmanifest")
def manifest():
    icons = "/static/icons/"
    body = {
        "id": "/",
        "name": "Stagewijs",
        "short_name": "Stagewijs",
        "description": translate("app.description"),
        "lang": "nl",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "categories": ["education", "productivity"],
        "icons": [
            {
                "src": icons + "icon-192.png",
                "sizes": "192x192",
                "type": "image/png",
                "purpose": "any",
            },
            {
                "src": icons + "icon-512.png",
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "any",
            },
            {
                "src": icons + "icon-maskable-512.png",
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return Response(
        json.dumps(body, ensure_ascii=False),
        mimetype="application/manifest+json",
        headers={"Cache-Control": "no-cache"},
    )


# The module worker shares the pages' outbox module, so Background Sync can flush the outbox
# with no page open. Browsers that refuse module workers get the same worker without it.
WORKER_HEADERS = {
    "module": "import * as outbox from '/sw-modules/{version}/outbox.js';\n"
    "import * as push from '/sw-modules/{version}/push-renew.js';\n",
    "classic": "const outbox = null;\nconst push = null;\n",
}
YEAR = 365 * 24 * 3600


def _worker(flavour):
    info = shell()
    source = SERVICE_WORKER.read_text(encoding="utf-8")
    source = source.replace("__SHELL_VERSION__", info["version"]).replace(
        '"__PRECACHE__"', json.dumps(info["precache"])
    )
    return Response(
        WORKER_HEADERS[flavour].replace("{version}", info["version"]) + source,
        mimetype="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@bp.get("/sw.js")
def service_worker():
    return _worker("module")


@bp.get("/sw-classic.js")
def service_worker_classic():
    return _worker("classic")


@bp.get("/sw-modules/<version>/<path:name>")
def worker_module(version, name):
    """The JS modules the module worker imports (outbox.js and what it imports), by version.

    The browser's update check of /sw.js also checks every script the worker imported. Under a
    URL named by the shell version, immutable, it answers that from its HTTP cache instead of
    asking the server for each module on every visit; a new version imports new URLs.
    """
    if not name.endswith(".js"):
        abort(404)
    current = version == shell()["version"]
    response = send_from_directory(STATIC / "js", name, max_age=YEAR if current else None)
    if current:
        response.cache_control.immutable = True
        response.cache_control.public = True
    return response


# The one-tap approval page (server-rendered, outside the app shell).
from app.pwa import decide  # noqa: E402, F401
