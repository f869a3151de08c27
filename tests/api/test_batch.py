"""POST /api/sync/batch: the outbox's many operations in one request, each as if sent alone."""

import datetime as dt
import json
import uuid

import pytest

from app.models import HourEntry
from app.services import entries as entry_service
from tests.conftest import TODAY, entry_body, module_app

shared_app, app = module_app("batch")
YESTERDAY = TODAY - dt.timedelta(days=1)


@pytest.fixture
def setup(app, make_placement, login_as):
    placement = make_placement()
    return placement, login_as(placement.student)


def _create_op(placement, **kw):
    body = entry_body(**kw)
    return {
        "op_id": str(uuid.uuid4()),
        "method": "POST",
        "path": f"/api/placements/{placement.id}/entries",
        "body": body,
    }


def _batch(client, ops):
    response = client.post("/api/sync/batch", json={"operations": ops})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["results"]


def test_operations_are_applied_in_order_and_a_refusal_blocks_nothing(setup):
    placement, student = setup
    first = _create_op(placement, start="08:00", end="10:00")
    overlapping = _create_op(placement, start="09:00", end="11:00")  # refused: overlaps first
    later = _create_op(placement, start="10:00", end="12:00")
    patch = {
        "op_id": str(uuid.uuid4()),
        "method": "PATCH",
        "path": f"/api/entries/{later['body']['id']}",
        "if_match": '"1"',
        "body": {"description": "aangepast"},
    }

    results = _batch(student, [first, overlapping, later, patch])

    assert [r["op_id"] for r in results] == [o["op_id"] for o in (first, overlapping, later, patch)]
    assert [r["status"] for r in results] == [201, 422, 201, 200]
    assert results[1]["body"]["error"] == "overlap"
    assert results[3]["body"]["description"] == "aangepast" and results[3]["etag"] == '"2"'
    assert HourEntry.select().count() == 2


def test_a_batch_whose_answer_was_lost_is_applied_exactly_once_when_replayed(setup):
    placement, student = setup
    ops = [_create_op(placement, start=f"{8 + n}:00", end=f"{8 + n}:30") for n in range(5)]
    ops = [
        {
            **op,
            "body": {**op["body"], "start_time": f"{8 + n:02d}:00", "end_time": f"{8 + n:02d}:30"},
        }
        for n, op in enumerate(ops)
    ]
    first = _batch(student, ops)
    again = _batch(student, ops)  # the phone never saw the first answer
    assert [r["status"] for r in first] == [201] * 5
    assert [(r["status"], r["body"]) for r in again] == [(r["status"], r["body"]) for r in first]
    assert HourEntry.select().count() == 5
    # Half of it sent alone later (a smaller batch, or one by one) answers the same.
    alone = student.post(
        ops[2]["path"], json=ops[2]["body"], headers={"Idempotency-Key": ops[2]["op_id"]}
    )
    assert (alone.status_code, alone.get_json()) == (201, first[2]["body"])
    assert alone.headers["Idempotent-Replayed"] == "true"


def test_an_operation_sent_alone_first_is_replayed_inside_a_batch(setup):
    placement, student = setup
    op = _create_op(placement)
    # JSON.stringify on the phone and the batch's re-encoding differ in spacing and order:
    # the fingerprint reads the body as data.
    fields = [
        ("description", "Werkzaamheden"),
        ("category", 1),
        ("id", op["body"]["id"]),
        ("date", TODAY.isoformat()),
        ("start_time", "08:30"),
        ("end_time", "12:00"),
    ]
    raw = json.dumps(dict(fields), indent=2)
    alone = student.post(
        op["path"],
        data=raw,
        content_type="application/json",
        headers={"Idempotency-Key": op["op_id"]},
    )
    assert alone.status_code == 201
    (result,) = _batch(student, [op])
    assert (result["status"], result["body"]) == (201, alone.get_json())
    assert HourEntry.select().count() == 1


def test_an_operation_that_crashes_does_not_stop_the_others(setup, monkeypatch):
    placement, student = setup
    real = entry_service.create_entry
    broken = _create_op(placement, start="08:00", end="09:00")

    def flaky(user, placement_id, data):
        if str(data["id"]) == broken["body"]["id"]:
            raise RuntimeError("disk on fire")
        return real(user, placement_id, data)

    monkeypatch.setattr(entry_service, "create_entry", flaky)
    after = _create_op(placement, start="10:00", end="11:00")
    results = _batch(student, [broken, after])
    assert [r["status"] for r in results] == [500, 201]
    assert results[0]["body"]["error"] == "internal_error"
    assert list(HourEntry.select(HourEntry.id).tuples()) == [(uuid.UUID(after["body"]["id"]),)]


@pytest.mark.parametrize(
    "path",
    [
        "/api/sync/batch",
        "/api/sync/%62atch",  # Werkzeug decodes the path: the refusal must see what it routes
        "/api/auth/password",
        "/api/auth/logout",
        "/api/%61uth/logout",
        "/api/nothing/here",
        "/api/",
    ],
)
def test_paths_that_are_no_write_endpoint_answer_404_in_their_result(setup, path):
    placement, student = setup
    ok = _create_op(placement)
    results = _batch(student, [{"op_id": "x1", "method": "POST", "path": path, "body": {}}, ok])
    assert [r["status"] for r in results] == [404, 201]
    assert results[0]["body"]["error"] == "not_found"
    assert student.get("/api/auth/me").status_code == 200  # still logged in


@pytest.mark.parametrize(
    "operations, field",
    [
        ([], "operations"),
        ([{"op_id": "a", "method": "GET", "path": "/api/auth/me"}], "operations"),
        ([{"op_id": "a", "method": "POST", "path": "https://elders.example/api/x"}], "operations"),
        ([{"op_id": "a\nb", "method": "POST", "path": "/api/x"}], "operations"),
        ([{"op_id": "a", "method": "POST", "path": "/api/x", "extra": 1}], "operations"),
        ([{"op_id": str(n), "method": "POST", "path": "/api/x"} for n in range(101)], "operations"),
    ],
)
def test_a_malformed_batch_is_refused_whole_naming_the_field(setup, operations, field):
    _, student = setup
    response = student.post("/api/sync/batch", json={"operations": operations})
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert HourEntry.select().count() == 0


def test_logged_out_batch_is_401(app, setup):
    placement, _ = setup
    response = app.test_client().post(
        "/api/sync/batch", json={"operations": [_create_op(placement)]}
    )
    assert response.status_code == 401
    assert HourEntry.select().count() == 0
