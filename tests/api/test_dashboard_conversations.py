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


def test_an_answer_by_the_docent_before_a_reassignment_still_counts(
    app, make_user, make_placement, login_as
):
    from app.services import placements

    with app.app_context():
        p = make_placement(**EIGHT_WEEKS)
        log(p, D(2026, 11, 9), D(2026, 11, 10), D(2026, 11, 11))
        submit(p, "2026-W46")
        hand_in_starrt(p)
        say(p.student, p, "school", "Mag ik vrijdag vrij?", 20)
        say(p.docent, p, "school", "Ja, prima.", 20)
        newcomer = make_user(TEACHER)
        placements.reassign(p.id, docent=newcomer.id)
    (row,) = login_as(newcomer).get("/api/dashboard").get_json()["students"]
    assert [r["code"] for r in row["reasons"]] == []
    with app.app_context():
        from app.services import guidance

        assert guidance.unanswered_school_messages([p.id]) == {}


def test_a_follow_up_in_a_question_thread_waits_for_an_answer(app, make_placement, login_as):
    with app.app_context():
        p = make_placement(**EIGHT_WEEKS)
        log(p, D(2026, 11, 9), D(2026, 11, 10), D(2026, 11, 11))
        submit(p, "2026-W46")
        hand_in_starrt(p)
        question = ask(p, 9)
        say(p.docent, p, "school", "Begin met de situatie.", 8, question=question.id)
        say(p.student, p, "school", "En daarna?", 3, question=question.id)
    (row,) = login_as(p.docent).get("/api/dashboard").get_json()["students"]
    assert [r["text"] for r in row["reasons"]] == [
        "bericht op de lijn School wacht 3 dagen op antwoord"
    ]
