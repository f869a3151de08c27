"""Schemathesis against /api/openapi.json through the WSGI app, logged in as a student and as a
trainer: data that fits the schema and data that does not, on every operation. No 5xx anywhere,
and every error answer in the one error shape.

Skipped when schemathesis is not installed (it is a test extra: see pyproject.toml)."""

import datetime as dt
import uuid

import pytest
from argon2 import PasswordHasher
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from tests.conftest import PASSWORD, TODAY, entry_body
from tests.photos import images
from tests.photos.upload import upload

schemathesis = pytest.importorskip("schemathesis")
from schemathesis import GenerationMode  # noqa: E402

EXAMPLES = 12  # per operation, per mode, per user: ~1,000 requests in all
# Logging out would end the session the rest of the run depends on; it takes no input anyway.
SKIPPED = {("POST", "/api/auth/logout")}


@pytest.fixture(scope="module")
def password_hash():
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)


@pytest.fixture
def fuzz_world(app, make_placement, login_as, password_hash, monkeypatch):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a 500 is an answer to check, not a crash
    # Unknown emails are checked against a dummy hash of the full cost: make that one cheap too.
    import app.services.passwords as passwords

    monkeypatch.setattr(passwords, "_dummy_hash", lambda: password_hash)
    placement = make_placement()
    student = login_as(placement.student)
    entry = student.post(
        f"/api/placements/{placement.id}/entries",
        json=entry_body(TODAY - dt.timedelta(days=1)),
    ).get_json()
    # A submitted week, so the trainer's approve and reject reach a real decision.
    submitted = student.post(f"/api/placements/{placement.id}/weeks/2026-W47/submit")
    assert submitted.status_code == 200, submitted.get_json()
    # A copy of the student's data and an erasure request, for the privacy endpoints' paths.
    export = student.post("/api/privacy/exports", json={}).get_json()
    erasure = student.post("/api/privacy/erasure-requests", json={}).get_json()
    # Conversations (#10): a message and a guidance question of the placement.
    line = f"/api/placements/{placement.id}/conversations/stage/messages"
    message = student.post(line, json={"id": str(uuid.uuid4()), "body": "Hoi"}).get_json()
    question = student.post(
        f"/api/placements/{placement.id}/guidance-questions",
        json={
            "id": str(uuid.uuid4()),
            "question": "Hoe?",
            "answer_mode": "call",
            "items": [{"kind": "entry", "id": entry["id"]}],
        },
    ).get_json()
    # Photos (#9): one uploaded, for the photo endpoints' paths.
    photo = upload(student, placement.id, images.phone_jpeg()).get_json()
    real_ids = {
        "photo_id": photo["id"],
        "line": "stage",
        "message_id": message["id"],
        "question_id": question["id"],
        "placement_id": placement.id,
        "entry_id": entry["id"],
        "week": "2026-W47",
        "export_id": export["id"],
        "request_id": erasure["id"],
    }
    return (
        app,
        {
            "student": student,
            "trainer": login_as(placement.praktijkopleider),
        },
        real_ids,
    )


def _operations(schema):
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) not in SKIPPED:
            yield operation


def _strategy(operation, mode, real_ids):
    """Half the cases aimed at real records (deep paths), half at whatever the schema allows."""
    free = operation.as_strategy(generation_mode=mode)
    wanted = {k: v for k, v in real_ids.items() if "{" + k + "}" in operation.path}
    if not wanted:
        return free
    aimed = operation.as_strategy(generation_mode=mode, path_parameters=wanted)
    return st.one_of(aimed, free)


def _fuzz(who, client, operation, mode, real_ids, seen):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=_strategy(operation, mode, real_ids))
    def run(case):
        response = case.call(session=client)
        label = f"{who}: {case.method} {case.formatted_path} -> {response.status_code}"
        seen.add(response.status_code)
        assert response.status_code < 500, (label, case.as_curl_command())
        if response.status_code >= 400:
            body = response.json()
            assert {"code", "status", "error", "message"} <= set(body), label
            assert body["code"] == response.status_code, label

    try:
        run()
    except Unsatisfiable:
        # Nothing to break: an operation without parameters or body has no invalid input.
        assert mode == GenerationMode.NEGATIVE, (operation.method, operation.path)
        assert not operation.body and not list(operation.iter_parameters())


def test_no_server_errors_anywhere(fuzz_world):
    app, clients, real_ids = fuzz_world
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = list(_operations(schema))
    assert len(operations) >= 19, [f"{o.method} {o.path}" for o in operations]
    seen = set()
    for who, client in clients.items():
        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _fuzz(who, client, operation, mode, real_ids, seen)
    # The run went deep enough to reach both answers and refusals.
    assert {200, 404, 422} <= seen, seen
