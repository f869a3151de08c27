"""On a repeat visit the app opens from the service worker's cache: no network needed, and the
server sees no request for the page or its files (the browser's own check of /sw.js aside)."""

import pytest
from e2e_steps import eventually, ready, start_student

pytestmark = pytest.mark.e2e

WORKER_SCRIPTS = ("/sw.js", "/sw-classic.js")


def shell_requests(server):
    return [
        (method, path)
        for method, path in server.dropper.seen
        if not path.startswith("/api/") and path not in WORKER_SCRIPTS
    ]


def test_repeat_visit_opens_without_network_and_without_the_server(server, school, phone):
    page = phone.new_page()
    start_student(page, school)

    phone.set_offline(True)
    page.goto("/week")
    ready(page)
    page.get_by_role("button", name="Week inleveren").count()  # the screen is drawn
    page.goto("/home")
    ready(page)
    page.get_by_text("Vandaag").first.wait_for()

    phone.set_offline(False)
    server.dropper.seen.clear()
    page.reload()
    ready(page)
    # The browser's update check asks for /sw.js; the modules the worker imports it takes from
    # its HTTP cache (versioned, immutable URLs), so they do not reach the server either.
    page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
    page.wait_for_timeout(1000)
    assert ("GET", "/sw.js") in server.dropper.seen
    assert shell_requests(server) == []


# Make the cached copy of a page look an hour and more old (its Date header).
AGE_PAGE = """async (path) => {
  const [name] = await caches.keys();
  const cache = await caches.open(name);
  const cached = await cache.match(path);
  const headers = new Headers(cached.headers);
  headers.set('Date', new Date(Date.now() - 2 * 3600 * 1000).toUTCString());
  await cache.put(path, new Response(await cached.text(), { headers }));
  return name;
}"""

CACHED_HEADER = """async ([name, path, header]) =>
  (await (await caches.open(name)).match(path)).headers.get(header)"""


def test_an_old_cached_page_is_refreshed_and_a_new_version_waits_for_the_user(
    server, school, phone, release
):
    page = phone.new_page()
    start_student(page, school)
    cache = page.evaluate(AGE_PAGE, "/home")
    old = page.evaluate(CACHED_HEADER, [cache, "/home", "Date"])
    page.goto("/home")  # served from the cache at once, fetched again behind it
    ready(page)
    eventually(
        lambda: page.evaluate(CACHED_HEADER, [cache, "/home", "Date"]) != old, message="refreshed"
    )

    page.evaluate(AGE_PAGE, "/home")
    release()  # the server now serves another version
    page.goto("/home")
    ready(page)
    # The other version's page does not enter this version's cache; its worker is fetched and
    # waits for the user's word.
    page.locator("#update").get_by_text("Er is een nieuwe versie van Stagewijs.").wait_for()
    assert page.evaluate(
        "async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting)"
    )
    page.wait_for_timeout(500)  # the background fetch has long answered by now
    assert page.evaluate(CACHED_HEADER, [cache, "/home", "X-Shell-Version"]) == cache.removeprefix(
        "stagewijs-shell-"
    )
