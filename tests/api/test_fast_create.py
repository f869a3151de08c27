"""The hour-entry create answered before Flask's dispatch (app/api/fast_create.py): the same
answer as the framework's, exactly once, and every case it does not answer left to the app,
which then answers as it always does."""

import datetime as dt
import uuid

import pytest

from app.api import fast_create, idempotency
from app.api.fast_create import FastCreate
from app.models import HourEntry, IdempotencyRecord, User
from tests.conftest import TODAY, assert_error, entry_body


@pytest.fixture
def handed_on(app):
    """The entry requests FastCreate left to the app."""
    fast = app.wsgi_app
    assert isinstance(fast, FastCreate)
    inner = fast.wsgi_app
    seen = []

    def counting(environ, start_response):
        if environ["PATH_INFO"].endswith("/entries"):
            seen.append(environ["PATH_INFO"])
        return inner(environ, start_response)

    fast.wsgi_app = counting
    return seen


@pytest.fixture
def student(make_placement, login_as):
    placement = make_placement()
    return placement, login_as(placement.student)


def _post(client, placement, body, key="auto", **headers):
    if key == "auto":
        key = str(uuid.uuid4())
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post(f"/api/placements/{placement.id}/entries", json=body, headers=headers)


def _counts(app):
    with app.app_context():
        return HourEntry.select().count(), IdempotencyRecord.select().count()


def test_a_create_gets_the_framework_answer_without_the_framework(app, student, handed_on):
    placement, client = student
    fast_body = entry_body(start="08:00", end="10:00")
    fast = _post(client, placement, fast_body, key="op-fast")
    assert fast.status_code == 201, fast.get_json()
    assert handed_on == []

    app.config["FAST_CREATES"] = False
    slow_body = entry_body(start="10:00", end="12:00")
    slow = _post(client, placement, slow_body, key="op-slow")
    assert slow.status_code == 201, slow.get_json()
    assert len(handed_on) == 1

    assert dict(fast.headers) == {
        **dict(slow.headers),
        "Content-Length": fast.headers["Content-Length"],
    }
    same = {"id", "start_time", "end_time"}
    fast_json, slow_json = fast.get_json(), slow.get_json()
    assert {k: v for k, v in fast_json.items() if k not in same} == {
        k: v for k, v in slow_json.items() if k not in same
    }
    assert fast_json["id"] == fast_body["id"] and fast_json["start_time"] == "08:00"
    # Stored as the framework stores it: the same answer, replayed the same way.
    with app.app_context():
        stored = {r.key: r for r in IdempotencyRecord.select()}
    assert stored["op-fast"].body == fast.get_data(as_text=True)
    assert stored["op-fast"].status_code == 201
    for key, body, first in (("op-fast", fast_body, fast), ("op-slow", slow_body, slow)):
        replay = _post(client, placement, body, key=key)
        assert replay.status_code == 201
        assert replay.headers["Idempotent-Replayed"] == "true"
        assert replay.get_data() == first.get_data()
    assert _counts(app) == (2, 2)


def test_a_replay_is_answered_by_the_app_from_the_stored_first_answer(app, student, handed_on):
    placement, client = student
    body = entry_body()
    first = _post(client, placement, body, key="op-1")
    assert first.status_code == 201 and handed_on == []
    again = _post(client, placement, body, key="op-1")
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_data() == first.get_data()
    assert len(handed_on) == 1
    # The same entry under a new operation id (a phone that lost the first answer's record).
    repeat = _post(client, placement, body, key="op-2")
    assert repeat.status_code == 200 and repeat.get_json()["id"] == body["id"]
    # Handed on too: the fast create does not look for the id (its insert fails on it), and
    # the app's create finds the entry stored.
    assert len(handed_on) == 2
    assert _counts(app) == (1, 2)


def _raw(client, placement, data, content_type="application/json", **headers):
    return client.post(
        f"/api/placements/{placement.id}/entries",
        data=data,
        headers={"Idempotency-Key": str(uuid.uuid4()), "Content-Type": content_type, **headers},
    )


CASES = {
    "no Idempotency-Key": (lambda c, p: _post(c, p, entry_body(), key=None), 201, None, None),
    "a key too long": (lambda c, p: _post(c, p, entry_body(), key="k" * 101), 422, None, None),
    "not JSON": (lambda c, p: _raw(c, p, b"{not json"), 400, "invalid_json", None),
    "not a JSON content type": (lambda c, p: _raw(c, p, b"{}", "text/plain"), 422, None, None),
    "a field missing": (
        lambda c, p: _post(c, p, {k: v for k, v in entry_body().items() if k != "start_time"}),
        422,
        None,
        "start_time",
    ),
    "a field unknown": (lambda c, p: _post(c, p, {**entry_body(), "x": 1}), 422, None, "x"),
    "a list body": (lambda c, p: _post(c, p, [entry_body()]), 422, None, None),
    "end before start": (
        lambda c, p: _post(c, p, entry_body(start="12:00", end="11:00")),
        422,
        "end_before_start",
        "end_time",
    ),
    "a day in the future": (
        lambda c, p: _post(c, p, entry_body(day=TODAY + dt.timedelta(days=1))),
        422,
        "date_in_future",
        "date",
    ),
    "an unknown category": (lambda c, p: _post(c, p, entry_body(category=999)), 422, None, None),
    "from another site": (
        lambda c, p: _post(c, p, entry_body(), **{"Sec-Fetch-Site": "cross-site"}),
        403,
        "cross_site_request",
        None,
    ),
    "from another origin": (
        lambda c, p: _post(c, p, entry_body(), Origin="https://evil.example"),
        403,
        "cross_site_request",
        None,
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_every_other_case_is_answered_by_the_app(app, student, handed_on, case):
    placement, client = student
    send, status, error, field = CASES[case]
    response = send(client, placement)
    assert len(handed_on) == 1, "left to the app"
    if status >= 400:
        assert_error(response, status, error, field)
        assert _counts(app) == (0, 0), "nothing of a refused create is kept"
    else:
        assert response.status_code == status, response.get_json()


def test_refusals_of_the_service_are_rolled_back_and_answered_by_the_app(app, student, handed_on):
    placement, client = student
    assert _post(client, placement, entry_body(start="08:00", end="10:00")).status_code == 201
    overlap = _post(client, placement, entry_body(start="09:00", end="11:00"))
    assert_error(overlap, 422, "overlap", "start_time")
    body = entry_body(start="13:00", end="14:00")
    assert _post(client, placement, body).status_code == 201
    conflict = _post(client, placement, {**body, "description": "iets anders"})
    assert_error(conflict, 409, "id_conflict", "id")
    missing = client.post(
        "/api/placements/999999/entries",
        json=entry_body(),
        headers={"Idempotency-Key": "op-x"},
    )
    assert_error(missing, 404)
    assert len(handed_on) == 3
    assert _counts(app) == (2, 2)


def test_sessions_the_app_would_refuse_are_left_to_it(app, student, handed_on, login_as):
    placement, client = student
    trainer = login_as(placement.praktijkopleider)
    assert_error(_post(trainer, placement, entry_body()), 403)
    anonymous = app.test_client()
    assert_error(_post(anonymous, placement, entry_body()), 401, "unauthorized")
    with app.app_context():  # "log out everywhere": the cookie's session version has ended
        User.update(session_version=User.session_version + 1).where(
            User.id == placement.student.id
        ).execute()
    assert_error(_post(client, placement, entry_body()), 401, "unauthorized")
    assert len(handed_on) == 3
    assert _counts(app) == (0, 0)


def test_an_expired_session_is_left_to_the_app(app, student, handed_on):
    placement, client = student
    later = dt.datetime.now(dt.UTC) + app.permanent_session_lifetime + dt.timedelta(days=1)
    app.config["FROZEN_NOW"] = later.isoformat()
    app.config["FROZEN_TODAY"] = None
    response = _post(client, placement, entry_body())
    assert_error(response, 401, "unauthorized")
    assert len(handed_on) == 1


def test_other_paths_and_methods_go_to_the_app(app, student, handed_on):
    placement, client = student
    body = entry_body()
    leading_zero = client.post(
        f"/api/placements/0{placement.id}/entries", json=body, headers={"Idempotency-Key": "a"}
    )
    assert len(handed_on) == 1
    assert leading_zero.status_code in (201, 404)
    listed = client.get(f"/api/placements/{placement.id}/entries")
    assert listed.status_code == 200
    assert len(handed_on) == 2


def test_a_failure_inside_the_create_is_rolled_back_and_the_app_makes_it_once(
    app, student, handed_on, monkeypatch, caplog
):
    placement, client = student
    real = idempotency.record_answer
    calls = []

    def fail_once(*args):
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("disk full")
        return real(*args)

    monkeypatch.setattr(idempotency, "record_answer", fail_once)
    body = entry_body()
    response = _post(client, placement, body, key="op-1")
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["id"] == body["id"]
    assert len(calls) == 2 and len(handed_on) == 1
    assert "fast create failed" in caplog.text
    assert _counts(app) == (1, 1)
    with app.app_context():
        assert HourEntry.get_by_id(body["id"]).version == 1


def test_switched_off_every_create_goes_to_the_app(app, student, handed_on):
    placement, client = student
    app.config["FAST_CREATES"] = False
    assert _post(client, placement, entry_body()).status_code == 201
    assert len(handed_on) == 1


def test_the_body_read_here_is_still_read_by_the_app(app, student, handed_on, monkeypatch):
    """A body read here and then left to the app (here: the user check says no) reaches the
    view whole."""
    placement, client = student
    monkeypatch.setattr(fast_create, "load_user", lambda user_id: None)
    body = entry_body()
    response = _post(client, placement, body)
    assert response.status_code == 201 and response.get_json()["id"] == body["id"]
    assert len(handed_on) == 1


@pytest.mark.parametrize("length", ["\u00b2", "9" * 5000, "-1", ""])
def test_a_content_length_that_is_no_number_is_left_to_the_app(app, student, handed_on, length):
    """Checked before int(): "\u00b2".isdigit() is true and int() refuses 5,000 digits."""
    from werkzeug.test import EnvironBuilder

    placement, client = student
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    environ = EnvironBuilder(
        path=f"/api/placements/{placement.id}/entries",
        method="POST",
        json=entry_body(),
        headers={"Idempotency-Key": "op-1", "Cookie": f"stagewijs_session={cookie}"},
    ).get_environ()
    environ["CONTENT_LENGTH"] = length
    statuses = []
    b"".join(app.wsgi_app(environ, lambda status, headers, exc=None: statuses.append(status)))
    assert len(handed_on) == 1
    assert statuses and not statuses[0].startswith("5")
