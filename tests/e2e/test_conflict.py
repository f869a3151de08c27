"""A stale edit (412) is never overwritten silently: the phone shows both versions."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from e2e_steps import (
    all_sent,
    api_session,
    log_hours,
    outbox,
    ready,
    server_entries,
    start_student,
    today,
    wait_outbox,
)

pytestmark = pytest.mark.e2e


def test_conflicting_edit_offers_both_versions(server, school, phone, playwright_instance):
    page = phone.new_page()
    start_student(page, school)
    log_hours(page, today(), "08:00", "12:00", "Eerste versie")
    all_sent(page)
    (entry,) = server_entries(school["placement"])

    # Offline on this phone, the student changes the description...
    phone.set_offline(True)
    page.goto(f"/entry?id={entry.id}")
    ready(page)
    page.get_by_label("Korte uitleg (mag leeg)").fill("Versie van de telefoon")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/home")

    # ...while another device changed the same entry on the server.
    other = api_session(playwright_instance, server.url, school["student"])
    answer = other.patch(
        f"/api/entries/{entry.id}",
        data={"description": "Versie van de laptop"},
        headers={"If-Match": '"1"', "Idempotency-Key": "laptop-1"},
    )
    assert answer.status == 200, answer.text()
    other.dispose()

    phone.set_offline(False)
    ops = wait_outbox(page, lambda ops: ops and ops[0]["state"] == "attention")
    assert ops[0]["error"]["status"] == 412

    page.goto("/outbox")
    ready(page)
    table = page.locator("table.compare")
    table.wait_for()
    assert table.get_by_role("columnheader", name="Jouw versie").is_visible()
    assert table.get_by_role("columnheader", name="Op de server").is_visible()
    assert table.get_by_text("Versie van de telefoon").is_visible()
    assert table.get_by_text("Versie van de laptop").is_visible()
    assert Axe().run(page).violations_count == 0

    page.get_by_role("button", name="Mijn versie houden").click()
    all_sent(page)
    (entry,) = server_entries(school["placement"])
    assert entry.description == "Versie van de telefoon"
    assert entry.version == 3
    assert outbox(page) == []


def test_taking_the_server_version_drops_mine(server, school, phone, playwright_instance):
    page = phone.new_page()
    start_student(page, school)
    log_hours(page, today(), "09:00", "12:00", "Eerste versie")
    all_sent(page)
    (entry,) = server_entries(school["placement"])
    phone.set_offline(True)
    page.goto(f"/entry?id={entry.id}")
    ready(page)
    page.get_by_label("Korte uitleg (mag leeg)").fill("Van de telefoon")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/home")
    other = api_session(playwright_instance, server.url, school["student"])
    assert other.patch(
        f"/api/entries/{entry.id}",
        data={"description": "Van de laptop"},
        headers={"If-Match": '"1"', "Idempotency-Key": "laptop-2"},
    ).ok
    other.dispose()
    phone.set_offline(False)
    wait_outbox(page, lambda ops: ops and ops[0]["state"] == "attention")
    page.goto("/outbox")
    ready(page)
    page.get_by_role("button", name="Versie van de server nemen").click()
    all_sent(page)
    page.goto("/home")
    ready(page)
    page.get_by_text("Van de laptop").wait_for()
    (entry,) = server_entries(school["placement"])
    assert entry.description == "Van de laptop"
