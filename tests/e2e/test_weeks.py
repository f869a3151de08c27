"""A week goes from the student's phone to the trainer's phone and back, approved."""

import pytest
from e2e_steps import (
    all_sent,
    controlled,
    log_hours,
    login,
    ready,
    start_student,
    today,
    wait_outbox,
)

from app.clock import iso_week_label, monday_of
from app.models import Week

pytestmark = pytest.mark.e2e


def week_row(school):
    return Week.get(
        (Week.placement == school["placement"].id) & (Week.monday == monday_of(today()))
    )


def submit_this_week(page):
    page.goto("/week")
    ready(page)
    page.get_by_role("button", name="Week inleveren").click()
    page.get_by_role("dialog").get_by_role("button", name="Week inleveren").click()
    all_sent(page)


def test_trainer_approves_and_student_can_no_longer_edit(server, school, new_phone):
    student_phone, trainer_phone = new_phone(), new_phone()
    student = student_phone.new_page()
    start_student(student, school)
    log_hours(student, today(), "08:00", "12:00", "Deeg gekneed")
    log_hours(student, today(), "12:30", "16:30", "Brood verkocht")
    submit_this_week(student)
    assert week_row(school).status == "submitted"
    student.get_by_text("Ingeleverd").first.wait_for()

    trainer = trainer_phone.new_page()
    login(trainer, school["trainer"], "/trainer")
    controlled(trainer)
    week_number = int(iso_week_label(monday_of(today())).split("-W")[1])
    pick = trainer.get_by_role("checkbox", name=f"Kies week {week_number} van Sanne de Vries")
    pick.check()
    trainer.get_by_role("button", name="Goedkeuren (1)").click()
    trainer.get_by_role("dialog").get_by_role("button", name="Goedkeuren (1)").click()
    all_sent(trainer)
    assert week_row(school).status == "approved"
    trainer.get_by_text("Er wacht niets op jou").wait_for()

    student.reload()
    ready(student)
    student.locator(".badge-approved", has_text="Goedgekeurd").wait_for()
    assert student.get_by_role("button", name="Week inleveren").count() == 0
    assert student.get_by_role("button", name="Week terughalen").count() == 0
    # Entries are shown without an edit link, and the edit page refuses.
    assert student.locator("a.entry-link").count() == 0
    entry_id = week_row(school).entries[0].id
    student.goto(f"/entry?id={entry_id}")
    ready(student)
    student.get_by_text("Deze week is goedgekeurd").wait_for()
    assert student.get_by_role("button", name="Opslaan").is_disabled()


def test_reject_with_comment_reaches_the_student(server, school, new_phone):
    student_phone, trainer_phone = new_phone(), new_phone()
    student = student_phone.new_page()
    start_student(student, school)
    log_hours(student, today(), "08:00", "12:00", "Deeg gekneed")
    submit_this_week(student)

    trainer = trainer_phone.new_page()
    login(trainer, school["trainer"], "/trainer")
    trainer.get_by_role("link", name="Sanne de Vries").click()
    ready(trainer)
    trainer.get_by_text("Deeg gekneed").wait_for()
    trainer.get_by_role("button", name="Week afkeuren").click()
    trainer.get_by_text("Schrijf erbij waarom je de week afkeurt.").wait_for()
    trainer.get_by_label("Waarom keur je de week af?").fill("Je pauze staat er niet bij.")
    trainer.get_by_role("button", name="Week afkeuren").click()
    trainer.wait_for_url("**/trainer")
    ready(trainer)
    all_sent(trainer)
    assert week_row(school).status == "rejected"

    student.reload()
    ready(student)
    student.get_by_text("Je pauze staat er niet bij.").wait_for()
    assert student.get_by_role("button", name="Week inleveren").is_visible()
    assert student.locator("a.entry-link").count() == 1


def test_approving_a_withdrawn_week_is_refused_with_a_message(server, school, new_phone):
    student_phone, trainer_phone = new_phone(), new_phone()
    student = student_phone.new_page()
    start_student(student, school)
    log_hours(student, today(), "08:00", "12:00", "Deeg gekneed")
    submit_this_week(student)

    trainer = trainer_phone.new_page()
    login(trainer, school["trainer"], "/trainer")
    controlled(trainer)
    trainer.get_by_role("link", name="Sanne de Vries").wait_for()
    trainer_phone.set_offline(True)
    trainer.get_by_role("link", name="Sanne de Vries").click()
    ready(trainer)
    trainer.get_by_role("button", name="Week goedkeuren").click()
    trainer.get_by_role("dialog").get_by_role("button", name="Week goedkeuren").click()
    trainer.locator(".badge-approved", has_text="Goedgekeurd").wait_for()

    student.goto("/week")
    ready(student)
    student.get_by_role("button", name="Week terughalen").click()
    student.get_by_role("dialog").get_by_role("button", name="Week terughalen").click()
    all_sent(student)

    trainer_phone.set_offline(False)
    ops = wait_outbox(trainer, lambda ops: ops and ops[0]["state"] == "attention")
    assert ops[0]["error"]["code"] == "week_withdrawn"
    assert week_row(school).status == "open"
    trainer.goto("/outbox")
    ready(trainer)
    trainer.get_by_text("De student heeft deze week teruggehaald").first.wait_for()
    trainer.get_by_role("button", name="Weggooien").click()
    trainer.get_by_role("dialog").get_by_role("button", name="Weggooien").click()
    all_sent(trainer)
    trainer.goto("/trainer")
    ready(trainer)
    trainer.get_by_text("Er wacht niets op jou").wait_for()
