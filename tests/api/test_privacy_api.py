"""The privacy desk through the API: copies and their links, the background path, erasure
requests, the audit log and "what is kept"."""

import datetime as dt
import io
import json
import zipfile

import pytest

from app.models import AuditEvent, ExportJob, HourEntry, User
from tests.conftest import PASSWORD, TODAY, assert_error, entry_body, module_app

NOW = dt.datetime(2026, 11, 18, 11, 0)  # UTC: noon in Amsterdam on TODAY
shared_app, app = module_app("privacy_api", FROZEN_NOW="2026-11-18T12:00:00+01:00")


@pytest.fixture
def s(make_placement, make_user, login_as):
    placement = make_placement()
    student = login_as(placement.student)
    body = entry_body(TODAY - dt.timedelta(days=1), description="Kabels getrokken")
    assert student.post(f"/api/placements/{placement.id}/entries", json=body).status_code == 201

    class S:
        pass

    s = S()
    s.placement, s.student = placement, student
    s.coordinator_user = make_user("coordinator")
    s.coordinator = login_as(s.coordinator_user)
    s.trainer = login_as(placement.praktijkopleider)
    s.other = login_as(make_placement().student)
    return s


def _ready_copy(client, **body):
    response = client.post("/api/privacy/exports", json=body)
    assert response.status_code == 201, response.get_json()
    job = response.get_json()
    assert (job["status"], job["progress"]["percent"]) == ("ready", 100)
    return job


def _link(client, job):
    response = client.post(f"/api/privacy/exports/{job['id']}/link")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["url"]


def _zip(response):
    assert response.status_code == 200, response.get_data()[:300]
    assert response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    return zipfile.ZipFile(io.BytesIO(response.get_data()))


def test_a_student_downloads_their_own_copy(app, s):
    job = _ready_copy(s.student)
    archive = _zip(s.student.get(_link(s.student, job)))
    account = json.loads(archive.read("account.json"))
    assert [a["email"] for a in account] == [s.placement.student.email]
    entries = json.loads(archive.read("hour_entries.json"))
    assert [e["description"] for e in entries] == ["Kabels getrokken"]
    assert entries[0]["category"]["name_nl"] == "Stage werkzaamheden"
    assert json.loads(archive.read("placements.json"))[0]["company"]["name"]
    # The audit log says who made and fetched which copy, never what was in it.
    events = {
        (e.action, e.subject)
        for e in AuditEvent.select().where(AuditEvent.user == s.placement.student_id)
    }
    assert {
        ("export_requested", f"user:{s.placement.student_id}"),
        (
            "export_downloaded",
            f"export:{job['id']}",
        ),
    } <= events
    assert all("Kabels" not in e.subject for e in AuditEvent.select())


def test_the_link_works_for_whoever_asked_only_and_not_after_it_expires(app, s, monkeypatch):
    job = _ready_copy(s.student)
    url = _link(s.student, job)
    for stranger in (s.other, s.trainer, s.coordinator, app.test_client()):
        response = stranger.get(url)
        assert response.status_code in (401, 404), response.get_json()
        assert stranger.get(f"/api/privacy/exports/{job['id']}").status_code in (401, 404)
        assert stranger.post(f"/api/privacy/exports/{job['id']}/link").status_code in (401, 404)
    assert_error(s.student.get(url + "x"), 403, "link_invalid")
    newer = _link(s.student, job)
    assert_error(s.student.get(url), 403, "link_invalid")  # a new link replaces the old one
    stored = ExportJob.get_by_id(job["id"])
    assert stored.token_hash and newer.rpartition("=")[2] not in str(stored.__data__)

    monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-11-18T13:01:00+01:00")
    assert_error(s.student.get(newer), 410, "link_expired")
    _zip(s.student.get(_link(s.student, job)))  # a fresh link still works: the copy is there
    monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-11-25T12:00:01+01:00")
    assert s.student.get(f"/api/privacy/exports/{job['id']}").get_json()["status"] == "expired"
    assert_error(s.student.post(f"/api/privacy/exports/{job['id']}/link"), 410, "export_expired")


def test_a_large_dossier_is_made_in_the_background_with_progress(app, s, monkeypatch):
    monkeypatch.setitem(app.config, "EXPORT_INLINE_MAX_ITEMS", 0)
    first = s.student.post("/api/privacy/exports", json={})
    assert first.status_code == 201
    job = first.get_json()
    assert job["status"] == "queued" and job["progress"]["done"] == 0
    assert job["progress"]["total"] >= 3
    again = s.student.post("/api/privacy/exports", json={})
    assert (again.status_code, again.get_json()["id"]) == (200, job["id"])
    assert_error(s.student.post(f"/api/privacy/exports/{job['id']}/link"), 409, "export_not_ready")

    result = app.test_cli_runner().invoke(args=["run-exports"])
    assert result.exit_code == 0 and "1 export(s) made" in result.output, result.output

    done = s.student.get(f"/api/privacy/exports/{job['id']}").get_json()
    assert (done["status"], done["progress"]["percent"]) == ("ready", 100)
    assert done["size"] > 0
    _zip(s.student.get(_link(s.student, done)))


def test_a_dead_workers_job_is_taken_over_when_its_lease_runs_out(app, s, monkeypatch):
    from app.privacy import export

    monkeypatch.setitem(app.config, "EXPORT_INLINE_MAX_ITEMS", 0)
    job_id = s.student.post("/api/privacy/exports", json={}).get_json()["id"]
    with app.test_request_context():
        assert export.claim().id == job_id  # a worker took it, then died
        assert export.claim() is None  # its lease still holds
        monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-11-18T12:16:00+01:00")
        assert export.process_queued() == 1
    assert ExportJob.get_by_id(job_id).status == "ready"


def test_a_coordinator_makes_a_copy_for_a_student(app, s):
    student_id = s.placement.student_id
    job = _ready_copy(s.coordinator, student_id=student_id, audience="third_party")
    assert (job["subject"]["id"], job["audience"]) == (student_id, "third_party")
    archive = _zip(s.coordinator.get(_link(s.coordinator, job)))
    assert json.loads(archive.read("manifest.json"))["subject"]["id"] == student_id
    # It is the coordinator's copy: the student does not see it, nobody else gets it.
    assert s.student.get(f"/api/privacy/exports/{job['id']}").status_code == 404
    assert [j["id"] for j in s.student.get("/api/privacy/exports").get_json()] == []
    assert_error(
        s.student.post("/api/privacy/exports", json={"audience": "third_party"}),
        422,
        "third_party_copy_by_coordinator",
        "audience",
    )
    other_student = User.get(User.role == "student", User.id != student_id)
    for client, target in ((s.trainer, student_id), (s.other, student_id)):
        assert_error(client.post("/api/privacy/exports", json={"student_id": target}), 404)
    assert other_student  # a student of the same school, any coordinator of theirs may ask


def test_erasure_asked_declined_asked_again_and_confirmed(app, s):
    student_id = s.placement.student_id
    asked = s.student.post("/api/privacy/erasure-requests", json={})
    assert asked.status_code == 201
    request_id = asked.get_json()["id"]
    again = s.student.post("/api/privacy/erasure-requests", json={})
    assert (again.status_code, again.get_json()["id"]) == (200, request_id)
    waiting = s.coordinator.get("/api/privacy/erasure-requests").get_json()
    assert [(r["id"], r["subject"]["id"], r["status"]) for r in waiting] == [
        (request_id, student_id, "requested")
    ]
    url = f"/api/privacy/erasure-requests/{request_id}"
    assert_error(s.student.post(f"{url}/confirm"), 403, "forbidden")
    assert_error(
        s.coordinator.post(f"{url}/decline", json={"comment": " "}),
        422,
        "decline_reason_required",
        "comment",
    )
    declined = s.coordinator.post(f"{url}/decline", json={"comment": "Examencommissie"})
    assert declined.get_json()["status"] == "declined"
    mine = s.student.get("/api/privacy/erasure-requests").get_json()
    assert [(r["status"], r["comment"]) for r in mine] == [("declined", "Examencommissie")]

    second = s.student.post("/api/privacy/erasure-requests", json={}).get_json()
    done = s.coordinator.post(f"/api/privacy/erasure-requests/{second['id']}/confirm")
    assert done.status_code == 200, done.get_json()
    assert (done.get_json()["status"], done.get_json()["subject"]) == ("done", None)
    assert not User.select().where(User.id == student_id).exists()
    assert not HourEntry.select().where(HourEntry.placement == s.placement.id).exists()
    assert s.student.get("/api/auth/me").status_code == 401
    assert_error(
        s.coordinator.post(f"/api/privacy/erasure-requests/{second['id']}/confirm"),
        409,
        "erasure_request_decided",
    )
    log = s.coordinator.get("/api/privacy/audit").get_json()
    actions = [(e["action"], e["subject"]) for e in log]
    assert ("erasure", f"user:{student_id}") in actions
    assert ("erasure_declined", f"erasure_request:{request_id}") in actions
    assert ("erasure_requested", f"erasure_request:{request_id}") in actions
    erased = next(e for e in log if e["action"] == "erasure")
    assert erased["actor"]["id"] == s.coordinator_user.id
    assert erased["at"].endswith("+00:00")
    # The student's own events stay, without them; nothing of the logbook is in the log.
    assert any(e["action"] == "login" and e["actor"] is None for e in log)
    assert "Kabels" not in json.dumps(log)


def test_a_coordinator_reads_their_own_schools_log_only(app, s, make_institution, make_user):
    elsewhere = make_user("coordinator", inst=make_institution())
    client = app.test_client()
    assert (
        client.post(
            "/api/auth/login", json={"email": elsewhere.email, "password": PASSWORD}
        ).status_code
        == 200
    )
    theirs = client.get("/api/privacy/audit").get_json()
    assert [e["actor"]["id"] for e in theirs] == [elsewhere.id]  # their own login only
    ours = s.coordinator.get("/api/privacy/audit?action=login&page_size=2")
    assert len(ours.get_json()) == 2 and json.loads(ours.headers["X-Pagination"])["total"] >= 4
    assert {e["action"] for e in ours.get_json()} == {"login"}


def test_what_is_kept_about_me(app, s, monkeypatch):
    kinds = {k["kind"]: k for k in s.student.get("/api/privacy/overview").get_json()["kinds"]}
    assert (kinds["account"]["count"], kinds["hour_entries"]["count"]) == (1, 1)
    assert kinds["hour_entries"]["follows_rule"] == {
        "name": "student_dossier",
        "days": 730,
        "after": "placement_end",
    }
    assert kinds["login_failures"]["retention"] == [
        {"name": "login_failures", "days": 1, "after": "event"}
    ]
    assert set(kinds["hour_entries"]["seen_by"]) == {
        "self",
        "praktijkopleider",
        "docent",
        "coordinator",
    }
    monkeypatch.setitem(app.config, "RETENTION_DAYS", {"student_dossier": 1095})
    again = s.student.get("/api/privacy/overview").get_json()["kinds"]
    assert next(k for k in again if k["kind"] == "weeks")["follows_rule"]["days"] == 1095


def test_a_new_copy_replaces_the_last_one_and_there_are_only_so_many_a_day(app, s, monkeypatch):
    from app.storage import storage

    first = _ready_copy(s.student)
    first_file = ExportJob.get_by_id(first["id"]).file_key
    second = _ready_copy(s.student)
    assert [j["id"] for j in s.student.get("/api/privacy/exports").get_json()] == [second["id"]]
    assert ExportJob.select().count() == 1
    assert storage(app).keys("exports/") == [ExportJob.get().file_key] != [first_file]
    monkeypatch.setitem(app.config, "EXPORT_MAX_PER_DAY", 2)
    assert_error(s.student.post("/api/privacy/exports", json={}), 429, "too_many_copies")


def test_a_student_sees_in_their_copy_who_made_a_copy_of_their_data(app, s):
    _ready_copy(s.coordinator, student_id=s.placement.student_id)
    archive = _zip(s.student.get(_link(s.student, _ready_copy(s.student))))
    events = json.loads(archive.read("audit_events.json"))
    by_coordinator = [e for e in events if e["user"] and e["user"]["role"] == "coordinator"]
    assert [(e["action"], e["subject"]) for e in by_coordinator] == [
        ("export_requested", f"user:{s.placement.student_id}")
    ]


def test_a_copy_whose_file_is_gone_is_expired_not_a_server_error(app, s):
    from app.storage import storage

    job = _ready_copy(s.student)
    url = _link(s.student, job)
    storage(app).delete(ExportJob.get_by_id(job["id"]).file_key)
    assert_error(s.student.get(url), 410, "export_expired")
