"""On a repeat visit the app opens from the service worker's cache: no network needed, and the
server sees no request for the page or its files (the browser's own check of /sw.js aside)."""

import pytest
from e2e_steps import ready, start_student

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
