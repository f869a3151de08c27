"""The whole logbook cycle through the API: log, submit, reject, fix, resubmit, approve."""

from tests.conftest import TODAY, entry_body


def test_full_week_cycle(make_placement, login_as):
    placement = make_placement()
    student = login_as(placement.student)
    trainer = login_as(placement.praktijkopleider)
    base = f"/api/placements/{placement.id}"

    body = entry_body(TODAY, "08:30", "17:00")
    created = student.post(f"{base}/entries", json=body)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["minutes"] == 510
    assert created.headers["ETag"] == '"1"'

    replay = student.post(f"{base}/entries", json=body)
    assert replay.status_code == 200
    assert replay.get_json()["id"] == body["id"]

    week = created.get_json()["week"]
    submitted = student.post(f"{base}/weeks/{week}/submit")
    assert submitted.status_code == 200, submitted.get_json()
    assert submitted.get_json()["status"] == "submitted"

    inbox = trainer.get("/api/inbox/weeks")
    assert [w["week"] for w in inbox.get_json()] == [week]
    assert inbox.get_json()[0]["student"]["id"] == placement.student.id

    rejected = trainer.post(f"{base}/weeks/{week}/reject", json={"comment": "Pauze vergeten"})
    assert rejected.get_json()["status"] == "rejected"

    fix = student.patch(
        f"/api/entries/{body['id']}", json={"end_time": "16:30"}, headers={"If-Match": '"1"'}
    )
    assert fix.status_code == 200, fix.get_json()
    assert student.post(f"{base}/weeks/{week}/submit").status_code == 200
    approved = trainer.post(f"{base}/weeks/{week}/approve")
    assert approved.get_json()["status"] == "approved"

    locked = student.patch(
        f"/api/entries/{body['id']}", json={"end_time": "16:00"}, headers={"If-Match": '"2"'}
    )
    assert locked.status_code == 409
    assert locked.get_json()["error"] == "week_locked"

    detail = student.get(base).get_json()
    assert detail["progress"]["approved_hours"] == 8.0
