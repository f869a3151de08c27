"""Handing in a week (issue 12, item 3): a half-empty week asks first and names the empty working
days; an approved week is only viewed; an edit opened from the week page returns to the week."""

import datetime as dt

import pytest
from e2e_steps import all_sent, log_hours, ready, start_student, today

from app.clock import iso_week_label, monday_of
from app.models import Week

pytestmark = pytest.mark.e2e


def test_a_half_empty_week_asks_first_and_names_the_empty_days(server, school, new_phone):
    page = new_phone().new_page()
    start_student(page, school)
    # Last week, so that every working day lies in the past whatever day the test runs.
    monday = monday_of(today()) - dt.timedelta(days=7)
    label = iso_week_label(monday)
    log_hours(page, monday + dt.timedelta(days=1), "08:00", "12:00", "Deeg gekneed")

    page.goto(f"/week?w={label}")
    ready(page)
    page.get_by_role("button", name="Week inleveren").click()
    dialog = page.get_by_role("dialog")
    question = dialog.locator(".week-empty-days")
    question.wait_for()
    text = question.inner_text()
    for day in ("maandag", "woensdag", "donderdag", "vrijdag"):
        assert day in text, text
    assert "dinsdag" not in text
    assert "Wil je de week toch inleveren?" in text

    # "Annuleren" hands nothing in; saying yes does.
    dialog.get_by_role("button", name="Annuleren").click()
    page.wait_for_timeout(300)
    assert (
        Week.get((Week.placement == school["placement"].id) & (Week.monday == monday)).status
        == "open"
    )
    page.get_by_role("button", name="Week inleveren").click()
    page.get_by_role("dialog").get_by_role("button", name="Week inleveren").click()
    all_sent(page)
    assert (
        Week.get((Week.placement == school["placement"].id) & (Week.monday == monday)).status
        == "submitted"
    )


def test_an_edit_opened_from_the_week_page_returns_to_the_week(server, school, new_phone):
    page = new_phone().new_page()
    start_student(page, school)
    log_hours(page, today(), "08:00", "12:00", "Deeg gekneed")
    label = iso_week_label(monday_of(today()))

    page.goto(f"/week?w={label}")
    ready(page)
    page.locator("#week-days a.entry-link").first.click()
    page.wait_for_url("**/entry?id=*")
    ready(page)
    page.get_by_label("Korte uitleg (mag leeg)").fill("Deeg gekneed en gebakken")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/week?w={label}")
    ready(page)
    page.get_by_text("Deeg gekneed en gebakken").wait_for()


def test_an_unsafe_way_back_is_ignored(server, school, new_phone):
    page = new_phone().new_page()
    start_student(page, school)
    page.goto("/entry?back=//example.com/")
    ready(page)
    assert page.get_by_role("link", name="Annuleren").get_attribute("href") == "/home"
