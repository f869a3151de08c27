"""The dashboard's conversations part (chat): what waits for the docent's answer, and
messages as sharing, on a frozen clock."""

from app.models.users import STUDENT, TEACHER
from tests.api.dashboard_world import (
    EIGHT_WEEKS,
    NOW,
    THREE_WEEKS,
    D,
    ask,
    hand_in_starrt,
    log,
    say,
    submit,
)
from tests.conftest import module_app

shared_app, app = module_app("dashboard_conversations", FROZEN_NOW=NOW)


def test_what_waits_for_the_docent_and_messages_as_sharing(
    app, make_user, make_placement, login_as
):
    docent = make_user(TEACHER, name="Docent Dijkstra")

    def student(name, **fields):
        placement = make_placement(student=make_user(STUDENT, name=name), docent=docent, **fields)
        log(placement, D(2026, 11, 9), D(2026, 11, 10), D(2026, 11, 11))
        if fields.get("start_date") != THREE_WEEKS["start_date"]:
            submit(placement, "2026-W46")
            hand_in_starrt(placement)
        return placement

    with app.app_context():
        hanna = student("Hanna Hoekstra", **EIGHT_WEEKS)
        ask(hanna, 9)
        ilse = student("Ilse Idema", **EIGHT_WEEKS)
        say(ilse.student, ilse, "school", "Mag ik vrijdag vrij?", 1)
        joost = student("Joost Jansen", **EIGHT_WEEKS)
        say(joost.student, joost, "school", "Kunt u bellen?", 6)
        say(docent, joost, "school", "Ja, morgen om 10 uur.", 5)
        kees = student("Kees Kok", **THREE_WEEKS)  # no week handed in, but he wrote
        say(kees.student, kees, "stage", "Ik ben morgen later.", 2)
        lars = student("Lars Lubbers", **EIGHT_WEEKS)
        question = ask(lars, 9)
        say(docent, lars, "school", "Begin met de situatie.", 8, question=question.id)

    body = login_as(docent).get("/api/dashboard").get_json()
    shown = [
        (s["student"]["name"], s["level"], [r["text"] for r in s["reasons"]])
        for s in body["students"]
    ]
    assert shown == [
        ("Hanna Hoekstra", "red", ["vraag om begeleiding wacht 9 dagen op antwoord"]),
        ("Ilse Idema", "orange", ["wacht 1 dag op antwoord"]),
        ("Joost Jansen", "green", []),
        ("Kees Kok", "green", []),
        ("Lars Lubbers", "green", []),
    ]
