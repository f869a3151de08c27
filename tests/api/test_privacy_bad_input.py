"""Bad input at the privacy endpoints: a 4xx in the one error shape, never a 500, nothing made.

(The OpenAPI fuzz test, tests/api/test_openapi_fuzz.py, runs them too, with real ids.)"""

import pytest

from app.models import ErasureRequest, ExportJob
from tests.conftest import assert_error, module_app

HUGE = "9" * 25
shared_app, app = module_app("privacy_bad_input", PROPAGATE_EXCEPTIONS=False)


@pytest.fixture
def s(make_placement, make_user, login_as):
    placement = make_placement()
    student = login_as(placement.student)
    job = student.post("/api/privacy/exports", json={}).get_json()
    request = student.post("/api/privacy/erasure-requests", json={}).get_json()
    return student, login_as(make_user("coordinator")), job, request


def saved():
    return ExportJob.select().count(), sorted(
        (r.status, r.comment) for r in ErasureRequest.select()
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"student_id": "1"}, "student_id"),
        ({"student_id": 1.5}, "student_id"),
        ({"student_id": True}, "student_id"),
        ({"student_id": 0}, "student_id"),
        ({"student_id": int(HUGE)}, "student_id"),
        ({"student_id": None}, "student_id"),
        ({"audience": "everyone"}, "audience"),
        ({"audience": 1}, "audience"),
        ({"subject": 1}, "subject"),
        ([], "_schema"),
    ],
)
def test_bad_copy_and_erasure_requests(s, body, field):
    student, coordinator, _, _ = s
    before = saved()
    for client in (student, coordinator):
        assert_error(client.post("/api/privacy/exports", json=body), 422, "validation_error", field)
        if field != "audience":
            assert_error(
                client.post("/api/privacy/erasure-requests", json=body),
                422,
                "validation_error",
                field,
            )
    assert saved() == before


@pytest.mark.parametrize(
    ("raw", "status"), [(b'{"student_id": ', 400), (b"null", 422), (b'"x"', 422)]
)
def test_bodies_that_are_not_an_object(s, raw, status):
    student, *_ = s
    before = saved()
    for url in ("/api/privacy/exports", "/api/privacy/erasure-requests"):
        response = student.post(url, data=raw, content_type="application/json")
        assert_error(response, 422 if response.status_code == 422 else status)
    assert saved() == before


def test_unknown_people_and_records_are_404(s):
    student, coordinator, job, request = s
    before = saved()
    assert_error(coordinator.post("/api/privacy/exports", json={"student_id": 10**9}), 404)
    assert_error(coordinator.post("/api/privacy/erasure-requests", json={"student_id": 10**9}), 404)
    for path in (HUGE, "-1", "abc", "0"):
        assert_error(student.get(f"/api/privacy/exports/{path}"), 404)
        assert_error(student.post(f"/api/privacy/exports/{path}/link"), 404)
        assert_error(student.get(f"/api/privacy/exports/{path}/download?token=x"), 404)
        assert_error(coordinator.post(f"/api/privacy/erasure-requests/{path}/confirm"), 404)
        assert_error(
            coordinator.post(
                f"/api/privacy/erasure-requests/{path}/decline", json={"comment": "x"}
            ),
            404,
        )
    assert saved() == before


@pytest.mark.parametrize(
    ("query", "status", "error"),
    [
        ("", 422, "validation_error"),
        ("?token=", 422, "validation_error"),
        ("?token=" + "x" * 201, 422, "validation_error"),
        ("?token=%00", 403, "link_invalid"),
        ("?token=x", 403, "link_invalid"),
    ],
)
def test_bad_download_tokens(s, query, status, error):
    student, _, job, _ = s
    assert_error(student.get(f"/api/privacy/exports/{job['id']}/download{query}"), status, error)


@pytest.mark.parametrize(
    ("body", "status", "error", "field"),
    [
        ({}, 422, "validation_error", "comment"),
        ({"comment": 5}, 422, "validation_error", "comment"),
        ({"comment": "x" * 2001}, 422, "validation_error", "comment"),
        ({"comment": "\ud800"}, 422, "validation_error", "comment"),
        ({"comment": "   "}, 422, "decline_reason_required", "comment"),
        ({"comment": "x", "status": "done"}, 422, "validation_error", "status"),
    ],
)
def test_bad_declines(s, body, status, error, field):
    _, coordinator, _, request = s
    before = saved()
    url = f"/api/privacy/erasure-requests/{request['id']}/decline"
    assert_error(coordinator.post(url, json=body), status, error, field)
    assert saved() == before


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?action=", "action"),
        ("?action=" + "x" * 41, "action"),
        ("?page_size=1000", "page_size"),
        ("?page=0", "page"),
    ],
)
def test_bad_audit_queries(s, query, field):
    _, coordinator, _, _ = s
    assert_error(coordinator.get(f"/api/privacy/audit{query}"), 422, "validation_error", field)


def test_a_page_far_past_the_end_is_empty(s):
    student, coordinator, _, _ = s
    assert coordinator.get(f"/api/privacy/audit?page={HUGE}").get_json() == []
    assert student.get(f"/api/privacy/exports?page={HUGE}").get_json() == []
