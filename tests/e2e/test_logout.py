"""Phones are shared: logging out warns about unsent work, then clears the local database."""

import pytest
from e2e_steps import IDB_COUNTS, all_sent, log_hours, ready, start_student, today

pytestmark = pytest.mark.e2e


def local_data_left(page):
    counts = page.evaluate(IDB_COUNTS)
    return counts and any(counts.values())


def test_logout_warns_about_unsent_items_then_clears_indexeddb(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    phone.set_offline(True)
    log_hours(page, today(), "08:00", "12:00", "Nog niet verstuurd")

    page.goto("/account")
    ready(page)
    page.get_by_role("button", name="Uitloggen").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("1 item is nog niet verzonden").wait_for()
    dialog.get_by_role("button", name="Annuleren").click()
    assert local_data_left(page)

    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("dialog").get_by_role("button", name="Toch uitloggen").click()
    page.wait_for_url("**/login")
    ready(page)
    assert not local_data_left(page)
    # Offline the server session could not be ended: the app remembers to end it first.
    assert page.evaluate("localStorage.getItem('stagewijs.loggedOut')") == "1"
    page.goto("/home")
    page.wait_for_url("**/login?next=%2Fhome")


def test_logout_online_ends_the_session_and_clears_indexeddb(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    log_hours(page, today(), "08:00", "12:00", "Verstuurd")
    all_sent(page)
    assert local_data_left(page)

    page.goto("/account")
    ready(page)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/login")
    ready(page)
    assert not local_data_left(page), page.evaluate(IDB_COUNTS)
    me = page.request.get("/api/auth/me")
    assert me.status == 401, me.text()
