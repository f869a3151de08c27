"""The docent's dashboard (GET /api/dashboard): a seeded class ordered as the rules say, with
the reasons shown, on a frozen clock; one student's row; the demo class; flat query count."""

import datetime as dt

import pytest

from app.demo import seed_demo
from app.extensions import db
from app.models.users import COORDINATOR, STUDENT, TEACHER
from tests.api.dashboard_world import (
    EIGHT_WEEKS,
    NOW,
    PACE,
    THREE_WEEKS,
    TODAY,
    D,
    ago,
    hand_in_starrt,
    log,
    submit,
)
from tests.conftest import module_app

shared_app, app = module_app("dashboard", FROZEN_NOW=NOW)


@pytest.fixture
def seeded(app, make_user, make_placement):
    """A class of seven, each needing something else (or nothing), and one student of another
    docent."""
    docent = make_user(TEACHER, name="Docent Dijkstra")
    people = {}

    def student(name, starrt=True, **fields):
        placement = make_placement(student=make_user(STUDENT, name=name), docent=docent, **fields)
        people[name] = placement
        if starrt and fields.get("start_date", TODAY) <= TODAY - dt.timedelta(weeks=4):
            hand_in_starrt(placement)
        return placement

    with app.app_context():
        anna = student("Anna Aalders", **EIGHT_WEEKS)
        log(anna, D(2026, 11, 2), D(2026, 11, 3), D(2026, 11, 4))
        submit(anna, "2026-W45", submitted_at=ago(9))
        student("Bram Bakker", **THREE_WEEKS)
        cas = student("Cas Claassen", **PACE)
        log(cas, *[D(2026, 11, d) for d in (2, 3, 4, 5, 6, 9, 10, 11)], hours=8)
        submit(cas, "2026-W45")
        submit(cas, "2026-W46")
        dirk = student("Dirk Dekker", **EIGHT_WEEKS)
        log(dirk, D(2026, 11, 2))
        log(dirk, D(2026, 11, 10))
        submit(dirk, "2026-W46")
        eva = student("Eva Evers", **EIGHT_WEEKS)
        log(eva, D(2026, 11, 9), D(2026, 11, 10), D(2026, 11, 11))
        submit(eva, "2026-W46")
        student("Finn Fokkema", start_date=TODAY + dt.timedelta(days=5))
        gijs = student("Gijs Gerritsen", **THREE_WEEKS)
        log(gijs, D(2026, 11, 10), D(2026, 11, 11))
        hugo = student("Hugo Hendriks", starrt=False, **EIGHT_WEEKS)
        log(hugo, D(2026, 11, 9), D(2026, 11, 10), D(2026, 11, 11))
        submit(hugo, "2026-W46")
        make_placement(student=make_user(STUDENT, name="Xander Xavier"), **THREE_WEEKS)
        # Over for more than 8 weeks: no longer on the dashboard, though its page still opens.
        people["Oud"] = make_placement(
            student=make_user(STUDENT, name="Olga Oud"),
            docent=docent,
            start_date=D(2025, 9, 1),
            end_date=TODAY - dt.timedelta(weeks=8, days=1),
        )
    return docent, people


EXPECTED = [
    ("Bram Bakker", "red", ["3 weken stage, nog niets geschreven"]),
    ("Gijs Gerritsen", "red", ["3 weken stage, nog niets gedeeld"]),
    ("Anna Aalders", "red", ["1 week wacht 9 dagen op de praktijkopleider"]),
    ("Cas Claassen", "orange", ["uren lopen 33% achter (64 van 96 uur)"]),
    ("Dirk Dekker", "orange", ["week 45 nog niet ingeleverd (10 dagen)"]),
    ("Hugo Hendriks", "orange", ["8 weken stage, nog geen STARRT ingeleverd"]),
    ("Eva Evers", "green", []),
    ("Finn Fokkema", "green", []),
]


def test_the_class_in_the_order_of_the_rules_with_reasons(seeded, login_as):
    docent, people = seeded
    response = login_as(docent).get("/api/dashboard")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    shown = [
        (s["student"]["name"], s["level"], [r["text"] for r in s["reasons"]])
        for s in body["students"]
    ]
    assert shown == EXPECTED
    assert body["counts"] == {"red": 3, "orange": 3, "green": 2}
    assert body["today"] == "2026-11-18"
    cas = body["students"][3]
    assert cas["placement_id"] == people["Cas Claassen"].id
    assert cas["pace"] == {"expected_hours": 96.0, "logged_hours": 64.0, "behind_percent": 33}
    assert cas["progress"]["pending_hours"] == 64.0
    assert cas["reasons"][0]["params"] == {"percent": 33, "logged": 64, "expected": 96}
    assert body["students"][7]["phase"] == "not_started"
    assert body["students"][7]["pace"] is None


def test_english_for_an_english_account(seeded, login_as):
    docent, _ = seeded
    docent.locale = "en"
    docent.save()
    body = login_as(docent).get("/api/dashboard").get_json()
    assert [r["text"] for s in body["students"] for r in s["reasons"]] == [
        "3 weeks in placement, nothing logged yet",
        "3 weeks in placement, nothing shared yet",
        "1 week waiting 9 days for the praktijkopleider",
        "hours 33% behind (64 of 96 hours)",
        "week 45 not handed in yet (10 days)",
        "8 weeks in placement, no STARRT handed in yet",
    ]


def test_one_students_row(seeded, login_as, make_user):
    docent, people = seeded
    client = login_as(docent)
    anna = people["Anna Aalders"]
    body = client.get(f"/api/dashboard/students/{anna.id}").get_json()
    assert (body["student"]["name"], body["level"], body["weeks_waiting"]) == (
        "Anna Aalders",
        "red",
        1,
    )
    assert [r["code"] for r in body["reasons"]] == ["trainer_overdue"]
    old = client.get(f"/api/dashboard/students/{people['Oud'].id}").get_json()
    assert (old["student"]["name"], old["phase"]) == ("Olga Oud", "ended")
    other = login_as(make_user(TEACHER))
    assert other.get(f"/api/dashboard/students/{anna.id}").status_code == 404
    assert other.get("/api/dashboard").get_json()["students"] == []


def test_a_placement_handed_to_another_docent_leaves_the_dashboard(seeded, login_as, make_user):
    docent, people = seeded
    client = login_as(docent)
    newcomer = make_user(TEACHER)
    from app.services.placements import reassign

    reassign(people["Anna Aalders"].id, docent=newcomer.id)
    names = [s["student"]["name"] for s in client.get("/api/dashboard").get_json()["students"]]
    assert "Anna Aalders" not in names and len(names) == 7
    assert client.get(f"/api/dashboard/students/{people['Anna Aalders'].id}").status_code == 404
    theirs = login_as(newcomer).get("/api/dashboard").get_json()["students"]
    assert [s["student"]["name"] for s in theirs] == ["Anna Aalders"]


@pytest.mark.parametrize("role", [STUDENT, "praktijkopleider", COORDINATOR])
def test_only_a_docent_has_a_dashboard(seeded, login_as, make_user, role):
    _, people = seeded
    placement = people["Anna Aalders"]
    users = {
        STUDENT: placement.student,
        "praktijkopleider": placement.praktijkopleider,
        COORDINATOR: make_user(COORDINATOR),
    }
    client = login_as(users[role])
    for url in ("/api/dashboard", f"/api/dashboard/students/{placement.id}"):
        response = client.get(url)
        assert response.status_code == 404, (role, url)
        assert response.get_json()["error"] == "not_found"


@pytest.mark.parametrize(
    "path",
    [
        "/api/dashboard/students/abc",
        "/api/dashboard/students/" + "9" * 25,
        "/api/dashboard/students/-1",
    ],
)
def test_bad_ids_are_404(seeded, login_as, path):
    docent, _ = seeded
    response = login_as(docent).get(path)
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"


def _statements(client, url):
    seen = []
    real = db.obj.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        seen.append(sql)
        return real(sql, params, *args, **kwargs)

    db.obj.execute_sql = counting
    try:
        assert client.get(url).status_code == 200
    finally:
        db.obj.execute_sql = real
    return seen


def test_the_query_count_does_not_grow_with_the_class(app, login_as, make_user, make_placement):
    docent = make_user(TEACHER)
    client = login_as(docent)

    def grow(n):
        for _ in range(n):
            placement = make_placement(docent=docent, **EIGHT_WEEKS)
            log(placement, D(2026, 11, 9), D(2026, 11, 10))
            submit(placement, "2026-W46")

    with app.app_context():
        grow(2)
        _statements(client, "/api/dashboard")  # the first request also loads the session's user
        small = _statements(client, "/api/dashboard")
        grow(10)
        large = _statements(client, "/api/dashboard")
    assert len(client.get("/api/dashboard").get_json()["students"]) == 12
    # The placements with their people; the weeks with their totals; open questions; School
    # messages waiting; messages the students wrote; STARRTs and notes they shared.
    assert len(small) == len(large) == 6, (small, large)


def test_the_demo_class_shows_every_colour_for_its_own_reason(app, login_as):
    from app.models import User

    with app.app_context():
        seed_demo()
        docent = User.get(User.email == "docent@example.nl")
    client = app.test_client()
    login = client.post(
        "/api/auth/login", json={"email": "docent@example.nl", "password": "stagewijs-demo"}
    )
    assert login.status_code == 200
    body = client.get("/api/dashboard").get_json()
    assert docent.id and body["counts"]["red"] and body["counts"]["orange"]
    assert body["counts"]["green"]
    codes = {r["code"] for s in body["students"] for r in s["reasons"]}
    expected = {"nothing_logged", "nothing_shared", "trainer_overdue", "hours_behind"}
    assert (
        expected | {"message_overdue", "answer_waiting", "week_not_handed_in", "no_starrt"} <= codes
    )
    levels = [s["level"] for s in body["students"]]
    assert levels == sorted(levels, key=["red", "orange", "green"].index)
