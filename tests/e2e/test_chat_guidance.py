"""Guidance questions on real phones (#10): the student shares at most three items (the phone
refuses a fourth), the docent sees them as shared and answers in the thread; the conversation
pages pass axe."""

import json
import uuid

import pytest
from chat_steps import FAST_POLL, open_line, send
from e2e_steps import api_session, eventually, login, ready, today

from app.models import GuidanceQuestion

pytestmark = pytest.mark.e2e


def test_a_guidance_question_shares_at_most_three_items(
    server, school, new_phone, playwright_instance
):
    pid = school["placement"].id
    student_api = api_session(playwright_instance, server.url, school["student"])
    for hour in range(8, 12):
        created = student_api.post(
            f"/api/placements/{pid}/entries",
            data={
                "id": str(uuid.uuid4()),
                "date": today().isoformat(),
                "start_time": f"{hour:02d}:00",
                "end_time": f"{hour:02d}:45",
                "category": 1,
                "description": f"Taak {hour}",
            },
        )
        assert created.status == 201, created.text()
    page = new_phone(FAST_POLL).new_page()
    login(page, school["student"], "/home")
    open_line(page, school, "school")
    page.get_by_text("Hulpvraag stellen").click()
    boxes = page.locator("#guidance-form input[type=checkbox]")
    eventually(lambda: boxes.count() >= 4, message="the student's items")
    for i in range(3):
        boxes.nth(i).check()
    boxes.nth(3).click()  # a fourth: refused
    assert page.locator("#guidance-form input[type=checkbox]:checked").count() == 3
    assert "hoogstens 3" in page.locator("#guidance-alert").inner_text()
    page.get_by_label("Je vraag").fill("Hoe plan ik mijn dag beter?")
    page.get_by_label("Bellen").check()
    page.get_by_role("button", name="Hulpvraag versturen").click()
    eventually(lambda: GuidanceQuestion.select().count() == 1, message="question stored")
    question = GuidanceQuestion.get()
    assert (question.answer_mode, len(question_items(question))) == ("call", 3)

    docent = new_phone(FAST_POLL).new_page()
    login(docent, school["teacher"], "/docent")
    open_line(docent, school, "school")
    card = docent.locator(".guidance")
    card.get_by_text("Hoe plan ik mijn dag beter?").wait_for()
    assert card.locator(".msg-item").count() == 3


def question_items(question):

    return json.loads(question.snapshot)


def test_the_docent_answers_a_question_in_its_thread(
    server, school, new_phone, playwright_instance
):
    pid = school["placement"].id
    student = api_session(playwright_instance, server.url, school["student"])
    entry = student.post(
        f"/api/placements/{pid}/entries",
        data={"id": str(uuid.uuid4()), "date": today().isoformat(), "start_time": "09:00",
              "end_time": "10:00", "category": 1, "description": "Oven schoongemaakt"},
    )  # fmt: skip
    asked = student.post(
        f"/api/placements/{pid}/guidance-questions",
        data={"id": str(uuid.uuid4()), "question": "Is dit genoeg?", "answer_mode": "written",
              "items": [{"kind": "entry", "id": entry.json()["id"]}]},
    )  # fmt: skip
    assert asked.status == 201, asked.text()
    page = new_phone(FAST_POLL).new_page()
    login(page, school["teacher"], "/docent")
    open_line(page, school, "school")
    card = page.locator(".guidance")
    card.get_by_text("Bekijk: uren").click()  # the shared item opens in place
    card.get_by_text("Oven schoongemaakt").wait_for()
    card.get_by_role("button", name="Beantwoorden").click()
    send(page, "Ja, goed gedaan.")
    eventually(
        lambda: GuidanceQuestion.get_by_id(asked.json()["id"]).status == "answered",
        message="answered in its thread",
    )
    card.get_by_text("beantwoord", exact=True).wait_for(timeout=20_000)


def test_the_conversation_pages_pass_axe(server, school, new_phone, playwright_instance):
    from test_a11y import audit, fits_at_double_text_size

    pid = school["placement"].id
    student_api = api_session(playwright_instance, server.url, school["student"])
    entry = student_api.post(
        f"/api/placements/{pid}/entries",
        data={"id": str(uuid.uuid4()), "date": today().isoformat(), "start_time": "09:00",
              "end_time": "10:00", "category": 1, "description": "Deeg gekneed"},
    ).json()  # fmt: skip
    student_api.post(
        f"/api/placements/{pid}/guidance-questions",
        data={"id": str(uuid.uuid4()), "question": "Klopt dit?", "answer_mode": "call",
              "items": [{"kind": "entry", "id": entry["id"]}]},
    )  # fmt: skip
    problems = []
    page = new_phone(FAST_POLL).new_page()
    login(page, school["student"], "/home")
    send_at = f"/berichten?p={pid}&l=stage"
    for path in ("/berichten", send_at, f"/berichten?p={pid}&l=school"):
        audit(page, path, problems)
        assert fits_at_double_text_size(page), f"horizontal scrolling at 200% text on {path}"
    page.get_by_text("Hulpvraag stellen").click()
    audit(page, None, problems)
    docent = new_phone(FAST_POLL).new_page()
    login(docent, school["teacher"], "/docent")
    docent.goto(f"/berichten?p={pid}&l=school")
    ready(docent)
    docent.get_by_text("Klopt dit?").wait_for()
    docent.get_by_text("Tijd voorstellen").click()
    audit(docent, None, problems)
    trainer = new_phone(FAST_POLL).new_page()
    login(trainer, school["trainer"], "/trainer")
    audit(trainer, None, problems)  # the students with their Stage line
    audit(trainer, send_at, problems)
    assert not problems, "\n\n".join(problems)
