"""The evidence screens with real data on them: axe finds nothing, text at 200% fits; the
coverage grid marks the empty werkprocessen; the timeline filters; a learning moment and a
goal made on the phone reach the server; the trainer and docent reach the student's evidence."""

import datetime as dt
import uuid

import pytest
from e2e_steps import (
    all_sent,
    controlled,
    eventually,
    login,
    ready,
    start_student,
    today,
)
from test_a11y import audit, fits_at_double_text_size
from test_evidence_tags import software

from app.models import LearningGoal, LearningMoment
from app.services import entries, starrts

pytestmark = pytest.mark.e2e
FULL = dict.fromkeys(("situatie", "taak", "actie", "resultaat", "reflectie", "transfer"), "Ja")


def _evidence(school):
    """An entry tagged B1-K1-W4 and a handed-in STARRT on it, made as the phone would."""
    student, pid = school["student"], school["placement"].id
    entry, _ = entries.create_entry(
        student,
        pid,
        {
            "id": uuid.uuid4(),
            "date": today() - dt.timedelta(days=1),
            "start_time": dt.time(9),
            "end_time": dt.time(12),
            "category": 1,
            "description": "Tests geschreven",
            "werkprocessen": ["B1-K1-W4"],
        },
    )
    data = {"id": uuid.uuid4(), "title": "Testen van de kassa", **FULL}
    data.update(werkprocessen=["B1-K1-W4"], evidence=[{"kind": "entry", "id": entry.id}])
    starrt, _ = starrts.create_starrt(student, pid, data)
    starrts.submit_starrt(student, starrt.id, starrt.version)


def test_the_evidence_screens(server, school, new_phone):
    school = software(school)
    _evidence(school)
    page = new_phone().new_page()
    start_student(page, school)
    problems = []
    for path in ["/evidence", "/coverage", "/starrts", "/starrt", "/learning", "/notes"]:
        audit(page, path, problems)
        assert fits_at_double_text_size(page), f"horizontal scrolling at 200% text on {path}"
    page.goto("/coverage")
    ready(page)
    tested = page.locator(".wp-tile", has_text="B1-K1-W4")
    tested.get_by_text("3 uur in 1 registratie").wait_for()
    assert "wp-empty" not in tested.get_attribute("class")
    assert "wp-empty" in page.locator(".wp-tile", has_text="B1-K1-W1").get_attribute("class")
    assert page.get_by_text("7 van de 8 werkprocessen hebben nog geen bewijs.").is_visible()

    page.goto("/evidence")
    ready(page)
    page.locator(".tl-item", has_text="Testen van de kassa").wait_for()
    page.get_by_label("Soort").select_option(label="Uren")
    eventually(lambda: page.locator(".tl-item").count() == 1, message="only the entry")
    page.get_by_label("Soort").select_option(label="Alles")
    page.get_by_label("Werkproces").select_option(value="B1-K1-W1")
    page.get_by_text("Hier is nog niets te zien.").wait_for()

    page.goto("/learning")
    ready(page)
    page.get_by_label("Nieuw leerdoel").fill("Zelf een test opzetten")
    page.get_by_role("button", name="Leerdoel toevoegen").click()
    page.locator(".goal", has_text="Zelf een test opzetten").wait_for()
    page.get_by_label("Wat heb je geleerd?").fill("Eerst de test, dan de code")
    page.get_by_label("Bij leerdoel (mag leeg)").select_option(label="Zelf een test opzetten")
    page.get_by_label("Reflectie (mag leeg)").select_option(label="Feedback en feedforward")
    page.get_by_label("Feedforward").fill("Volgende keer eerder beginnen")
    page.get_by_role("button", name="Leermoment opslaan").click()
    page.locator("#moments li", has_text="Eerst de test, dan de code").wait_for()
    audit(page, None, problems)
    all_sent(page)
    pid = school["placement"].id  # the live server's database is shared between tests
    (moment,) = LearningMoment.select().where(LearningMoment.placement == pid)
    goal = LearningGoal.get(LearningGoal.placement == pid)
    assert moment.goal_id == goal.id and moment.reflection_model == "feedback"
    assert "Volgende keer eerder beginnen" in moment.reflection

    docent = new_phone().new_page()
    login(docent, school["teacher"], "/docent")
    controlled(docent)
    docent.get_by_role("link", name="Bewijs bekijken").click()
    ready(docent)
    docent.locator(".tl-item", has_text="Testen van de kassa").wait_for()
    assert docent.get_by_text("Eerst de test, dan de code").count() == 0  # not shared
    audit(docent, None, problems)
    audit(docent, docent.url.replace("/evidence", "/coverage"), problems)
    assert problems == [], "\n\n".join(problems)


def test_a_long_timeline_shows_the_newest_days_and_more_on_request(server, school, new_phone):
    student, pid = school["student"], school["placement"].id
    for back in range(1, 36):  # 35 days, two lines each: 70, more than one page (60)
        for hour in (8, 13):
            entries.create_entry(student, pid, {
                "id": uuid.uuid4(), "date": today() - dt.timedelta(days=back),
                "start_time": dt.time(hour), "end_time": dt.time(hour + 3), "category": 1,
                "description": f"Dag {back} om {hour}",
            })  # fmt: skip
    page = new_phone().new_page()
    start_student(page, school)
    page.goto("/evidence")
    ready(page)
    lines = page.locator(".tl-item")
    page.get_by_text("Dag 1 om 13").wait_for()
    assert lines.count() == 60  # 30 whole days
    assert page.get_by_text("Dag 30 om 8").is_visible()
    assert not page.get_by_text("Dag 31 om 13").count()
    more = page.get_by_role("button", name="Toon nog 10 oudere items")
    more.click()
    eventually(lambda: lines.count() == 70, message="the older days")
    assert not more.count()
    # Reading goes on where the new lines start.
    focused = page.evaluate("document.activeElement.closest('.tl-item')?.textContent")
    assert "Dag 31 om" in (focused or ""), focused
    # A filter starts from the newest page again.
    page.get_by_label("Soort").select_option("entry")
    eventually(lambda: lines.count() == 60, message="back to one page")
