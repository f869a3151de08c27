"""The authorization matrix for the evidence endpoints: every endpoint x every role and
relationship (the world of tests/api/test_authorization.py with evidence in every placement),
lists, the timeline and the changes feed included; every write again through the batch."""

import pytest

from app.models import LearningGoal, LearningMoment, Note, Revocation, Starrt
from tests.api.test_authorization import ACTORS, ERROR_CODES
from tests.conftest import module_app
from tests.evidence.matrix import MATRIX, requests, sees
from tests.evidence.world import EvidenceWorld

shared_app, app = module_app("evidence_authorization")
KIND_OF_LIST = {
    "list_starrts": "starrt",
    "list_notes": "note",
    "list_goals": "learning_goal",
    "list_moments": "learning_moment",
}


@pytest.fixture
def world(app, institution, make_institution, make_user, make_company, make_placement):
    return EvidenceWorld(
        app, institution, make_institution, make_user, make_company, make_placement
    )


def _row(w, model, kind, tag):
    return model.get_by_id(w.rid(kind, tag))


def _note_narrowed(w, body):
    """The trainer and docent lose the note: their phones are told to drop it."""
    told = {r.user_id for r in Revocation.select().where(Revocation.kind == "note")}
    return body["visibility"] == "self" and told == {w.p.praktijkopleider_id, w.p.docent_id}


# What an allowed write must have done.
WRITE_EFFECTS = {
    "create_starrt": lambda w, body: Starrt.get_by_id(body["id"]).placement_id == w.p.id,
    "patch_starrt": lambda w, b: _row(w, Starrt, "starrt", "draft").actie == b["actie"],
    "delete_starrt": lambda w, b: _row(w, Starrt, "starrt", "draft").deleted_at is not None,
    "submit_starrt": lambda w, b: _row(w, Starrt, "starrt", "draft").status == b["status"],
    "rate_starrt": lambda w, b: _row(w, Starrt, "starrt", "submitted").rating == b["rating"],
    "create_note": lambda w, body: Note.get_by_id(body["id"]).placement_id == w.p.id,
    "patch_note": _note_narrowed,
    "delete_note": lambda w, b: _row(w, Note, "note", "self").deleted_at is not None,
    "create_goal": lambda w, body: LearningGoal.get_by_id(body["id"]).placement_id == w.p.id,
    "patch_goal": lambda w, b: _row(w, LearningGoal, "learning_goal", "goal").reached_at,
    "delete_goal": lambda w, b: _row(w, LearningGoal, "learning_goal", "goal").deleted_at,
    "create_moment": lambda w, body: LearningMoment.get_by_id(body["id"]).placement_id == w.p.id,
    "patch_moment": lambda w, b: (
        _row(w, LearningMoment, "learning_moment", "moment").text == "gewijzigd"
    ),
    "delete_moment": lambda w, b: _row(w, LearningMoment, "learning_moment", "moment").deleted_at,
}


def _check_listed(w, endpoint, actor, body):
    """Lists, the timeline and the feed show exactly what the actor may see of each kind."""
    by_id = {rid: (kind, key) for kind, ids in w.records.items() for key, rid in ids.items()}
    if endpoint in KIND_OF_LIST:
        kind = KIND_OF_LIST[endpoint]
        assert {by_id[r["id"]][1] for r in body} == {k for k in sees(actor, kind) if k[0] == "P"}
        return
    if endpoint == "timeline":
        shown = [by_id[i["id"]] for i in body["items"] if i["id"] in by_id]
    elif endpoint == "sync_changes":
        shown = [by_id[c["id"]] for c in body["changes"] if c["id"] in by_id]
    else:
        return
    for kind in w.records:
        wanted = sees(actor, kind)
        if endpoint == "timeline":
            wanted = {k for k in wanted if k[0] == "P"}
            if kind == "learning_goal":
                wanted = set()  # goals are not on the timeline; their moments are
        assert {key for k, key in shown if k == kind} == wanted, (endpoint, actor, kind)


CELLS = [
    pytest.param(endpoint, actor, status, id=f"{endpoint}-{actor}-{status}")
    for endpoint, row in MATRIX.items()
    for actor, status in zip(ACTORS, row, strict=True)
]


@pytest.mark.parametrize(("endpoint", "actor", "expected"), CELLS)
def test_matrix(world, endpoint, actor, expected):
    client = world.client(actor)
    method, url, kwargs = requests(world)[endpoint]
    before = world.snapshot()
    response = client.open(url, method=method, **kwargs)
    assert response.status_code == expected, (endpoint, actor, response.get_json())
    text = response.get_data(as_text=True)
    for foreign in world.invisible_markers(actor):
        assert foreign not in text, f"{endpoint} shows {actor} another placement's data"
    if expected >= 400:
        body = response.get_json()
        assert (body["code"], body["error"]) == (expected, ERROR_CODES[expected])
        assert world.snapshot() == before
        return
    body = response.get_json(silent=True)
    if endpoint in WRITE_EFFECTS:
        assert WRITE_EFFECTS[endpoint](world, body)
        return
    _check_listed(world, endpoint, actor, body)
    if endpoint == "werkprocessen":
        assert [k["code"] for k in body] == ["B1-K1", "B1-K2"]
    if endpoint == "coverage":
        (row,) = [r for r in body["werkprocessen"] if r["code"] == "B1-K1-W1"]
        own = actor == "student"
        assert row["starrts"] == (2 if own else 0 if actor == "coordinator" else 1)


BATCH_CELLS = [
    pytest.param(endpoint, actor, status, id=f"batch-{endpoint}-{actor}-{status}")
    for endpoint, row in MATRIX.items()
    if endpoint in WRITE_EFFECTS
    for actor, status in zip(ACTORS, row, strict=True)
    if actor != "anonymous"
]


@pytest.mark.parametrize(("endpoint", "actor", "expected"), BATCH_CELLS)
def test_matrix_through_the_batch(world, endpoint, actor, expected):
    client = world.client(actor)
    method, url, kwargs = requests(world)[endpoint]
    op = {"op_id": f"op-{endpoint}-{actor}", "method": method, "path": url}
    if "json" in kwargs:
        op["body"] = kwargs["json"]
    if "If-Match" in kwargs.get("headers", {}):
        op["if_match"] = kwargs["headers"]["If-Match"]
    before = world.snapshot()
    response = client.post("/api/sync/batch", json={"operations": [op]})
    assert response.status_code == 200, response.get_json()
    (result,) = response.get_json()["results"]
    assert result["status"] == expected, (endpoint, actor, result)
    if expected >= 400:
        assert world.snapshot() == before
        return
    assert WRITE_EFFECTS[endpoint](world, result["body"])
