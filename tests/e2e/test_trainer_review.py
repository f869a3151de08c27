"""The trainer's side of a week: approving asks first and says what counts, the week page
names the student and shows the trainer's own comment, and the inbox says what to look at."""

import datetime as dt
import uuid

import pytest
from e2e_steps import all_sent, api_session, controlled, login, ready, today

from app.clock import iso_week_label, monday_of
from app.models import Week

pytestmark = pytest.mark.e2e


def week_status(school, monday):
    return Week.get((Week.placement == school["placement"].id) & (Week.monday == monday)).status


def post(session, url, data=None):
    answer = session.post(url, data=data, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert answer.ok, answer.text()
    return answer


def seed_week(session, school, monday, entries):
    """Entries (day offset, start, end, category code) in the week of `monday`, then submitted."""
    pid = school["placement"].id
    for offset, start, end, code in entries:
        day = monday + dt.timedelta(days=offset)
        post(
            session,
            f"/api/placements/{pid}/entries",
            {
                "id": str(uuid.uuid4()),
                "date": day.isoformat(),
                "start_time": start,
                "end_time": end,
                "category": code,
                "description": "",
            },
        )
    label = iso_week_label(monday)
    post(session, f"/api/placements/{pid}/weeks/{label}/submit")
    return label


def number(label):
    return int(label.split("-W")[1])


def test_single_approve_asks_first_then_says_approved(
    server, school, new_phone, playwright_instance
):
    monday = monday_of(today()) - dt.timedelta(weeks=1)
    student = api_session(playwright_instance, server.url, school["student"])
    label = seed_week(student, school, monday, [(0, "08:00", "12:00", 1), (1, "08:00", "11:30", 1)])
    student.dispose()

    trainer = new_phone().new_page()
    login(trainer, school["trainer"], "/trainer")
    controlled(trainer)
    trainer.get_by_role("link", name="Sanne de Vries").click()
    ready(trainer)
    trainer.get_by_role("heading", name=f"Week {number(label)} · Sanne de Vries").wait_for()

    trainer.get_by_role("button", name="Week goedkeuren").click()
    dialog = trainer.get_by_role("dialog")
    dialog.get_by_text(f"Week {number(label)} van Sanne de Vries goedkeuren?").wait_for()
    dialog.get_by_text("Telt mee voor de stage-uren: 7 uur 30 min.").wait_for()
    dialog.get_by_role("button", name="Annuleren").click()
    trainer.wait_for_timeout(500)
    assert week_status(school, monday) == "submitted"
    assert trainer.locator(".badge-submitted").count() == 1

    # Both decisions stay in reach at the bottom of the screen.
    bar = trainer.locator(".action-bar")
    assert bar.evaluate("(el) => getComputedStyle(el).position") == "fixed"
    assert bar.get_by_role("button", name="Week afkeuren").is_visible()
    bar.get_by_role("button", name="Week goedkeuren").click()
    trainer.get_by_role("dialog").get_by_role("button", name="Week goedkeuren").click()
    trainer.locator("#toast", has_text="goedgekeurd").wait_for()
    trainer.locator(".badge-approved", has_text="Goedgekeurd").wait_for()
    all_sent(trainer)
    assert week_status(school, monday) == "approved"


def test_rejected_week_shows_the_trainers_comment(server, school, new_phone, playwright_instance):
    monday = monday_of(today()) - dt.timedelta(weeks=1)
    student = api_session(playwright_instance, server.url, school["student"])
    label = seed_week(student, school, monday, [(0, "08:00", "12:00", 1)])
    student.dispose()
    boss = api_session(playwright_instance, server.url, school["trainer"])
    post(
        boss,
        f"/api/placements/{school['placement'].id}/weeks/{label}/reject",
        {"comment": "Je pauze staat er niet bij."},
    )
    boss.dispose()

    trainer = new_phone().new_page()
    login(trainer, school["trainer"], "/trainer")
    trainer.goto(f"/trainer/week?p={school['placement'].id}&w={label}")
    ready(trainer)
    trainer.get_by_text("Jouw opmerking bij het afkeuren:").wait_for()
    trainer.get_by_text("Je pauze staat er niet bij.").wait_for()


def test_week_opened_directly_names_the_student(server, school, new_phone, playwright_instance):
    monday = monday_of(today()) - dt.timedelta(weeks=1)
    student = api_session(playwright_instance, server.url, school["student"])
    label = seed_week(student, school, monday, [(0, "08:00", "12:00", 1)])
    student.dispose()
    boss = api_session(playwright_instance, server.url, school["trainer"])
    post(boss, f"/api/placements/{school['placement'].id}/weeks/{label}/approve")
    boss.dispose()

    trainer = new_phone().new_page()
    login(trainer, school["trainer"], "/trainer")
    controlled(trainer)
    trainer.get_by_text("Er wacht niets op jou").wait_for()
    # Not from the inbox (a link in an email, say): the week has no student, the placement has.
    trainer.goto(f"/trainer/week?p={school['placement'].id}&w={label}")
    ready(trainer)
    trainer.get_by_role("heading", name=f"Week {number(label)} · Sanne de Vries").wait_for()


def test_inbox_hints_overtime_sick_days_and_a_resubmitted_week(
    server, school, new_phone, playwright_instance
):
    pid = school["placement"].id
    this_monday = monday_of(today())
    busy_monday = this_monday - dt.timedelta(weeks=2)
    again_monday = this_monday - dt.timedelta(weeks=1)
    student = api_session(playwright_instance, server.url, school["student"])
    busy = seed_week(
        student,
        school,
        busy_monday,
        [
            (0, "08:00", "17:00", 1),
            (0, "17:00", "18:30", 2),
            (1, "08:00", "16:00", 7),
            (2, "08:00", "16:00", 7),
        ],
    )
    again = seed_week(student, school, again_monday, [(0, "08:00", "12:00", 1)])
    boss = api_session(playwright_instance, server.url, school["trainer"])
    post(boss, f"/api/placements/{pid}/weeks/{again}/reject", {"comment": "Pauze erbij zetten."})
    boss.dispose()
    post(student, f"/api/placements/{pid}/weeks/{again}/submit")
    student.dispose()

    trainer = new_phone().new_page()
    login(trainer, school["trainer"], "/trainer")
    items = trainer.locator(".inbox-item")
    busy_item = items.filter(has_text=f"Week {number(busy)}")
    again_item = items.filter(has_text=f"Week {number(again)}")
    busy_item.get_by_text("Overuren: 1 uur 30 min").wait_for()
    busy_item.get_by_text("Ziek: 2 dagen").wait_for()
    again_item.get_by_text("Opnieuw ingeleverd na afkeuren").wait_for()
    assert busy_item.get_by_text("Opnieuw ingeleverd").count() == 0
    assert again_item.get_by_text("Overuren").count() == 0

    # The multi-select approve says how many hours count, in total.
    trainer.get_by_role("button", name="Alles kiezen").click()
    trainer.get_by_role("button", name="Goedkeuren (2)").click()
    trainer.get_by_role("dialog").get_by_text(
        "Samen telt mee voor de stage-uren: 14 uur 30 min."
    ).wait_for()


def test_trainer_sees_each_students_weeks(server, school, new_phone, playwright_instance):
    pid = school["placement"].id
    older = monday_of(today()) - dt.timedelta(weeks=2)
    newer = monday_of(today()) - dt.timedelta(weeks=1)
    student = api_session(playwright_instance, server.url, school["student"])
    approved = seed_week(student, school, older, [(0, "08:00", "12:00", 1)])
    waiting = seed_week(student, school, newer, [(0, "08:00", "12:00", 1)])
    student.dispose()
    boss = api_session(playwright_instance, server.url, school["trainer"])
    post(boss, f"/api/placements/{pid}/weeks/{approved}/approve")
    boss.dispose()

    trainer = new_phone().new_page()
    login(trainer, school["trainer"], "/trainer")
    students = trainer.locator("#students")
    students.get_by_role("heading", name="Je studenten").wait_for()
    card = students.locator("section", has_text="Sanne de Vries")
    card.get_by_role("link", name=f"Week {number(approved)} Goedgekeurd").wait_for()
    card.get_by_role("link", name=f"Week {number(waiting)} Ingeleverd").wait_for()
    card.get_by_role("link", name=f"Week {number(approved)} Goedgekeurd").click()
    ready(trainer)
    trainer.get_by_role("heading", name=f"Week {number(approved)} · Sanne de Vries").wait_for()
