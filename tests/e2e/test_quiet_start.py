"""A logged-out start is quiet (issue 12, item 10): no 401 for /api/auth/me in the console."""

import pytest
from e2e_steps import ready

pytestmark = pytest.mark.e2e


def test_a_logged_out_load_logs_no_console_error(server, phone):
    page = phone.new_page()
    errors, asked = [], []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: asked.append(req.url) if "/api/auth/me" in req.url else None)

    page.goto("/")  # no session, no local data: straight to the login page
    page.wait_for_url("**/login**")
    ready(page)
    page.goto("/login")
    ready(page)
    page.reload()
    ready(page)

    assert errors == []
    assert asked == []
