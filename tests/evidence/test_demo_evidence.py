"""The demo school's evidence, and the coverage view counting exactly what the seed made."""

from collections import Counter

import pytest

from app import demo
from app.demo_evidence import DEMO_MOMENTS, DEMO_NOTES, DEMO_STARRTS
from app.models import (
    HourEntry,
    Note,
    Placement,
    Programme,
    Starrt,
    User,
    Werkproces,
    WerkprocesTag,
)
from tests.conftest import module_app

shared_app, app = module_app("demo_evidence")


@pytest.fixture
def seeded(app):
    with app.app_context():
        summary = demo.seed_demo()
    student = User.get(User.email == demo.STUDENT_EMAIL)
    return summary, Placement.get(Placement.student == student.id)


def _login(app, email):
    client = app.test_client()
    response = client.post("/api/auth/login", json={"email": email, "password": demo.DEMO_PASSWORD})
    assert response.status_code == 200
    return client


def _expected_entries(placement):
    """From the seed's own rows: per code, the tagged entries and their minutes."""
    minutes = {
        e.id: e.minutes for e in HourEntry.select().where(HourEntry.placement == placement.id)
    }
    counts, total = Counter(), Counter()
    tags = (
        WerkprocesTag.select(WerkprocesTag.record_id, Werkproces.code)
        .join(Werkproces)
        .where((WerkprocesTag.placement == placement.id) & (WerkprocesTag.kind == "entry"))
        .tuples()
    )
    for record_id, code in tags:
        counts[code] += 1
        total[code] += minutes[record_id]
    return counts, total


def test_the_coverage_view_counts_what_the_seeded_data_says(app, seeded):
    summary, placement = seeded
    assert summary["starrts"] == len(DEMO_STARRTS) + 2 and summary["tags"] > 50
    student = _login(app, demo.STUDENT_EMAIL)
    body = student.get(f"/api/placements/{placement.id}/coverage").get_json()
    grid = {r["code"]: r for r in body["werkprocessen"]}
    counts, minutes = _expected_entries(placement)
    assert counts, "the demo student's logbook carries werkproces tags"
    for code, row in grid.items():
        assert (row["entries"], row["minutes"]) == (counts[code], minutes[code]), code
    starrts = Counter(spec[4] for spec in DEMO_STARRTS)
    rated = Counter(spec[4] for spec in DEMO_STARRTS if spec[1] == "rated")
    moments = Counter(code for spec in DEMO_MOMENTS for code in spec[5])
    for code, row in grid.items():
        assert (row["starrts"], row["starrts_rated"], row["moments"]) == (
            starrts[code],
            rated[code],
            moments[code],
        ), code
    assert body["starrts"] == {
        "rated_sufficient": 2,
        "rated": 2,
        "submitted": 1,
        "drafts": 1,
        "minimum": 5,
    }
    # The trainer sees the handed-in part only: no draft, no moments.
    trainer = _login(app, demo.TRAINER_EMAIL)
    theirs = trainer.get(f"/api/placements/{placement.id}/coverage").get_json()
    shared = {r["code"]: r for r in theirs["werkprocessen"]}
    assert shared["B1-K1-W5"]["starrts"] == starrts["B1-K1-W5"] - 1
    assert all(r["moments"] == 0 for r in shared.values())


def test_the_demo_has_notes_of_every_visibility_and_work_to_rate(app, seeded):
    _, placement = seeded
    assert sorted(
        n.visibility for n in Note.select().where(Note.placement == placement.id)
    ) == sorted(v for v, _ in DEMO_NOTES)
    docent = _login(app, demo.TEACHER_EMAIL)
    texts = {n["text"] for n in docent.get(f"/api/placements/{placement.id}/notes").get_json()}
    assert texts == {t for v, t in DEMO_NOTES if v != "self"}
    trainer = _login(app, demo.TRAINER_EMAIL)
    waiting = [
        c["data"]
        for c in trainer.get("/api/sync/changes?since=0&limit=1000").get_json()["changes"]
        if c["kind"] == "starrt" and c["data"]["status"] == "submitted"
    ]
    assert len(waiting) == 3 == Starrt.select().where(Starrt.status == "submitted").count()
    vig = Placement.select(Placement.id).join(Programme).where(Programme.crebo == "25655")
    tagged = WerkprocesTag.select().where(WerkprocesTag.placement.in_(vig))
    assert {t.werkproces.crebo for t in tagged} == {"25655"}
