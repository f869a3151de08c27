"""Entries, versions, the changes feed and progress, through the API."""

import datetime as dt

from tests.conftest import TODAY, entry_body


def _create(client, placement, **kw):
    body = entry_body(**kw)
    response = client.post(f"/api/placements/{placement.id}/entries", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_same_id_with_a_different_body_is_a_conflict(make_placement, login_as):
    placement = make_placement()
    student = login_as(placement.student)
    body = entry_body()
    assert student.post(f"/api/placements/{placement.id}/entries", json=body).status_code == 201
    changed = {**body, "description": "iets anders"}
    response = student.post(f"/api/placements/{placement.id}/entries", json=changed)
    assert response.status_code == 409
    assert response.get_json()["error"] == "id_conflict"


def test_update_needs_if_match_and_refuses_a_stale_version(make_placement, login_as):
    placement = make_placement()
    student = login_as(placement.student)
    entry = _create(student, placement)
    url = f"/api/entries/{entry['id']}"

    missing = student.patch(url, json={"description": "nieuw"})
    assert missing.status_code == 428
    assert missing.get_json()["error"] == "if_match_required"

    first = student.patch(url, json={"description": "eerste"}, headers={"If-Match": '"1"'})
    assert first.status_code == 200 and first.get_json()["version"] == 2

    stale = student.patch(url, json={"description": "tweede"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    body = stale.get_json()
    assert body["error"] == "version_mismatch"
    assert body["current"]["description"] == "eerste"
    assert body["current"]["version"] == 2
    assert student.get(url).get_json()["description"] == "eerste"


def test_moving_an_entry_into_another_week(make_placement, login_as):
    placement = make_placement()
    student = login_as(placement.student)
    entry = _create(student, placement)
    last_week = (TODAY - dt.timedelta(days=7)).isoformat()
    moved = student.patch(
        f"/api/entries/{entry['id']}", json={"date": last_week}, headers={"If-Match": '"1"'}
    )
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json()["week"] == "2026-W46"
    week = student.get(f"/api/placements/{placement.id}/weeks/2026-W46").get_json()
    assert [e["id"] for e in week["entries"]] == [entry["id"]]


def test_delete_leaves_a_tombstone_in_the_feed(make_placement, login_as):
    placement = make_placement()
    student = login_as(placement.student)
    entry = _create(student, placement)
    cursor = student.get("/api/sync/changes?since=0").get_json()["cursor"]

    deleted = student.delete(f"/api/entries/{entry['id']}", headers={"If-Match": '"1"'})
    assert deleted.status_code == 204
    assert student.get(f"/api/entries/{entry['id']}").status_code == 404

    feed = student.get(f"/api/sync/changes?since={cursor}").get_json()
    assert [(c["kind"], c["id"], c["deleted"]) for c in feed["changes"]] == [
        ("entry", entry["id"], True)
    ]


def test_feed_pages_by_cursor_without_gaps_or_repeats(make_placement, login_as):
    placement = make_placement()
    student = login_as(placement.student)
    made = {_create(student, placement, day=TODAY - dt.timedelta(days=d))["id"] for d in range(6)}
    seen, cursor, pages = [], 0, 0
    while True:
        page = student.get(f"/api/sync/changes?since={cursor}&limit=2").get_json()
        seen += [c["id"] for c in page["changes"] if c["kind"] == "entry"]
        assert all(c["seq"] > cursor for c in page["changes"])
        cursor, pages = page["cursor"], pages + 1
        if not page["more"]:
            break
    assert sorted(seen) == sorted(made)
    assert len(seen) == len(set(seen))
    assert pages > 3


def test_trainer_decision_reaches_the_student_through_the_feed(make_placement, login_as):
    placement = make_placement()
    student, trainer = login_as(placement.student), login_as(placement.praktijkopleider)
    _create(student, placement)
    student.post(f"/api/placements/{placement.id}/weeks/2026-W47/submit")
    cursor = student.get("/api/sync/changes").get_json()["cursor"]
    trainer.post(
        f"/api/placements/{placement.id}/weeks/2026-W47/reject", json={"comment": "Te vaag"}
    )
    changes = student.get(f"/api/sync/changes?since={cursor}").get_json()["changes"]
    assert [(c["kind"], c["data"]["status"], c["data"]["comment"]) for c in changes] == [
        ("week", "rejected", "Te vaag")
    ]


def test_progress_counts_only_counting_categories_in_approved_weeks(make_placement, login_as):
    placement = make_placement(required_hours=100)
    student, trainer = login_as(placement.student), login_as(placement.praktijkopleider)
    last_week = TODAY - dt.timedelta(days=7)
    _create(student, placement, day=last_week, start="08:00", end="17:00")  # 9 h work
    _create(student, placement, day=last_week, start="17:00", end="18:00", category=2)  # overtime
    _create(student, placement, day=last_week - dt.timedelta(days=1), category=7)  # sick
    _create(student, placement, day=TODAY, start="08:00", end="12:00")  # this week, draft
    base = f"/api/placements/{placement.id}/weeks"
    student.post(f"{base}/2026-W46/submit")
    pending = student.get(f"/api/placements/{placement.id}").get_json()["progress"]
    assert (pending["approved_hours"], pending["pending_hours"], pending["draft_hours"]) == (
        0,
        10,
        4,
    )
    trainer.post(f"{base}/2026-W46/approve")
    done = student.get(f"/api/placements/{placement.id}").get_json()["progress"]
    assert done["approved_hours"] == 10
    assert done["percent"] == 10.0
    assert done["remaining_hours"] == 90


def test_inbox_is_oldest_first_and_paginated(make_placement, make_user, make_company, login_as):
    company = make_company()
    trainer = make_user("praktijkopleider", company=company)
    placements = [make_placement(company=company, trainer=trainer) for _ in range(3)]
    for p in placements:
        c = login_as(p.student)
        _create(c, p)
        assert c.post(f"/api/placements/{p.id}/weeks/2026-W47/submit").status_code == 200
    client = login_as(trainer)
    first = client.get("/api/inbox/weeks?page_size=2")
    assert [w["placement_id"] for w in first.get_json()] == [p.id for p in placements[:2]]
    assert '"total": 3' in first.headers["X-Pagination"]
    second = client.get("/api/inbox/weeks?page_size=2&page=2").get_json()
    assert [w["placement_id"] for w in second] == [placements[2].id]


def test_openapi_document_is_published(client):
    doc = client.get("/api/openapi.json").get_json()
    assert doc["info"]["title"] == "Stagewijs API"
    assert "/api/placements/{placement_id}/entries" in doc["paths"]
    assert "/api/inbox/weeks" in doc["paths"]


def test_a_stale_week_decision_answers_the_week_in_its_api_shape(make_placement, login_as):
    placement = make_placement()
    student = login_as(placement.student)
    trainer = login_as(placement.praktijkopleider)
    _create(student, placement)
    weeks = f"/api/placements/{placement.id}/weeks"
    seen = student.post(f"{weeks}/2026-W47/submit").get_json()["version"]
    student.post(f"{weeks}/2026-W47/withdraw")
    student.post(f"{weeks}/2026-W47/submit")

    stale = trainer.post(f"{weeks}/2026-W47/approve", headers={"If-Match": f'"{seen}"'})

    assert stale.status_code == 412
    listed = next(w for w in trainer.get(weeks).get_json() if w["week"] == "2026-W47")
    assert stale.get_json()["current"] == listed
    assert listed["total_minutes"] == 210 and listed["status"] == "submitted"
