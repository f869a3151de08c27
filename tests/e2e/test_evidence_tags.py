"""An hour entry tagged with werkprocessen on the phone, offline: the picker works from the
tree kept on the phone and the tags reach the server with the entry."""

import pytest
from e2e_steps import (
    all_sent,
    eventually,
    meta,
    ready,
    server_entries,
    start_student,
    today,
)

from app.models import Programme
from app.services import werkprocessen

pytestmark = pytest.mark.e2e


@pytest.fixture
def software_school(school):
    return software(school)


def software(school):
    """The e2e school's programme with a loaded KD (Software developer)."""
    Programme.update(crebo="25998").where(
        Programme.id == school["placement"].programme_id
    ).execute()
    return school


def test_an_entry_tagged_offline_reaches_the_server_with_its_werkprocessen(
    server, software_school, phone
):
    page = phone.new_page()
    start_student(page, software_school)
    eventually(lambda: meta(page, "werkprocessen"), message="werkprocessen stored")
    phone.set_offline(True)
    page.goto(f"/entry?date={today().isoformat()}")
    ready(page)
    page.get_by_label("Begintijd").fill("08:30")
    page.get_by_label("Eindtijd").fill("12:00")
    page.get_by_label("Korte uitleg (mag leeg)").fill("Tests geschreven")
    page.get_by_label("B1-K1-W4 Test software").check()
    page.get_by_label("B1-K2-W1 Voert overleg").check()
    assert page.get_by_text("2 werkprocessen gekozen").is_visible()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/home")
    phone.set_offline(False)
    all_sent(page)
    (entry,) = server_entries(software_school["placement"])
    assert werkprocessen.tags_for("entry", [entry.id])[str(entry.id)] == ["B1-K1-W4", "B1-K2-W1"]
    page.goto(f"/entry?id={entry.id}")
    ready(page)
    assert page.get_by_label("B1-K1-W4 Test software").is_checked()
    assert not page.get_by_label(
        "B1-K1-W1 Plant werkzaamheden en bewaakt de voortgang"
    ).is_checked()
