"""The app meets the install criteria: manifest, icons, a service worker at the root."""

import pytest
from e2e_steps import controlled, ready

from app.pwa.tools.chromium import CHROMIUM_ARGS, chromium_path

pytestmark = pytest.mark.e2e


def test_no_installability_errors(server, playwright_instance, tmp_path):
    # A normal (incognito-like) context always answers "in-incognito": use a real profile.
    context = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=chromium_path(),
        args=CHROMIUM_ARGS,
        base_url=server.url,
        **{
            k: v
            for k, v in playwright_instance.devices["Pixel 7"].items()
            if k != "default_browser_type"
        },
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto("/login")
        ready(page)
        controlled(page)
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"].endswith("/manifest.webmanifest")
        assert not manifest.get("errors"), manifest["errors"]
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == []
    finally:
        context.close()


def test_manifest_and_worker_are_served_as_required(server, phone):
    page = phone.new_page()
    manifest = page.request.get("/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    body = manifest.json()
    assert body["display"] == "standalone"
    assert body["start_url"] == "/"
    assert body["lang"] == "nl"
    assert body["theme_color"] and body["name"] and body["short_name"]
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in body["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in body["icons"]:
        assert page.request.get(icon["src"]).headers["content-type"] == "image/png"

    script = page.request.get("/static/js/app.js", headers={"Accept-Encoding": "gzip"})
    assert script.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in script.headers["vary"]

    worker = page.request.get("/sw.js")
    assert worker.headers["cache-control"] == "no-cache"
    assert worker.headers["service-worker-allowed"] == "/"
    assert "__SHELL_VERSION__" not in worker.text()


def test_repeat_visit_takes_the_shell_from_the_cache(server, phone):
    """Shell files come from the versioned precache; API answers never enter Cache Storage."""
    page = phone.new_page()
    page.goto("/login")
    ready(page)
    controlled(page)
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/static/" in r.url else None)
    from_network = []
    page.on(
        "response",
        lambda r: (
            from_network.append(r.url)
            if "/static/" in r.url and not r.from_service_worker
            else None
        ),
    )
    page.reload()
    ready(page)
    assert fetched, "the page loads its shell files"
    assert from_network == []
    cached = page.evaluate(
        """async () => {
          const urls = [];
          for (const name of await caches.keys()) {
            for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
          }
          return urls;
        }"""
    )
    assert any(u.endswith("/static/js/app.js") for u in cached)
    assert not [u for u in cached if "/api/" in u]
