"""Start tells the student what the trainer decided (issue 12, item 2): a rejected week with the
comment and the way to fix it, until it is handed in again; an approved week once."""

import pytest
from e2e_steps import (
    all_sent,
    api_session,
    log_hours,
    meta,
    ready,
    start_student,
    today,
)

from app.clock import iso_week_label, monday_of

pytestmark = pytest.mark.e2e


def this_week():
    return iso_week_label(monday_of(today()))


def week_number():
    return int(this_week().split("-W")[1])


def submit_on_phone(page):
    page.goto("/week")
    ready(page)
    page.get_by_role("button", name="Week inleveren").click()
    page.get_by_role("dialog").get_by_role("button", name="Week inleveren").click()
    all_sent(page)


def trainer_decides(playwright, server, school, action, comment=None):
    trainer = api_session(playwright, server.url, school["trainer"])
    path = f"/api/placements/{school['placement'].id}/weeks/{this_week()}/{action}"
    answer = trainer.post(
        path,
        data={"comment": comment} if comment else None,
        headers={"Idempotency-Key": f"e2e-{action}-{school['placement'].id}"},
    )
    assert answer.ok, answer.text()
    trainer.dispose()


def back_home(page):
    page.goto("/home")
    ready(page)


def test_a_rejected_week_stays_on_start_until_it_is_handed_in_again(
    server, school, new_phone, playwright_instance
):
    page = new_phone().new_page()
    start_student(page, school)
    log_hours(page, today(), "08:00", "12:00", "Deeg gekneed")
    submit_on_phone(page)
    trainer_decides(playwright_instance, server, school, "reject", "Je pauze staat er niet bij.")

    back_home(page)
    card = page.locator("#decisions").get_by_role(
        "status", name=f"Week {week_number()} is afgekeurd"
    )
    card.wait_for()
    assert card.get_by_text("Je pauze staat er niet bij.").is_visible()
    assert card.get_by_text("lever de week daarna opnieuw in").is_visible()
    card.get_by_role("link", name=f"Week {week_number()} aanpassen").click()
    page.wait_for_url(f"**/week?w={this_week()}")
    ready(page)
    page.get_by_role("button", name="Week inleveren").wait_for()

    # Still there on the next visit, gone once the week is handed in again.
    back_home(page)
    card.wait_for()
    submit_on_phone(page)
    back_home(page)
    page.get_by_text("Ingeleverd").first.wait_for()
    assert page.locator("#decisions").get_by_text("is afgekeurd").count() == 0


def test_an_approved_week_is_shown_once(server, school, new_phone, playwright_instance):
    page = new_phone().new_page()
    start_student(page, school)
    log_hours(page, today(), "08:00", "12:00", "Deeg gekneed")
    submit_on_phone(page)
    trainer_decides(playwright_instance, server, school, "approve")

    back_home(page)
    card = page.locator("#decisions").get_by_role(
        "status", name=f"Week {week_number()} is goedgekeurd"
    )
    card.wait_for()
    assert f"week:{school['placement'].id}:{this_week()}" in meta(page, "approvalsShown")
    card.get_by_role("button", name=f"Bericht over week {week_number()} sluiten").click()
    assert card.count() == 0

    # Seen once: not again on the next visit.
    back_home(page)
    page.locator(".badge-approved", has_text="Goedgekeurd").wait_for()
    assert page.locator("#decisions").get_by_text("is goedgekeurd").count() == 0
    # An approved week is only viewed, no longer handed in.
    assert page.get_by_role("link", name="Week bekijken", exact=True).is_visible()
    assert page.get_by_role("link", name="Week bekijken en inleveren").count() == 0
