"""Notes and their visibility: "only me" never reaches the docent or the trainer through any
list, read, the feed or the timeline; a change of visibility takes effect at once."""

import uuid

import pytest

from app.models import Note, Revocation
from tests.conftest import assert_error, module_app

shared_app, app = module_app("notes")


@pytest.fixture
def world(make_placement, login_as):
    placement = make_placement()
    return {
        "placement": placement,
        "student": login_as(placement.student),
        "trainer": login_as(placement.praktijkopleider),
        "docent": login_as(placement.docent),
    }


def _note(w, visibility, text=None):
    body = {"id": str(uuid.uuid4()), "text": text or f"Notitie {visibility}"}
    if visibility:
        body["visibility"] = visibility
    response = w["student"].post(f"/api/placements/{w['placement'].id}/notes", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _everywhere(w, who):
    """Every way a note can reach someone: the list, the feed and the timeline."""
    client, pid = w[who], w["placement"].id
    texts = {n["text"] for n in client.get(f"/api/placements/{pid}/notes").get_json()}
    feed = client.get("/api/sync/changes?since=0").get_json()["changes"]
    texts |= {c["data"]["text"] for c in feed if c["kind"] == "note" and not c["revoked"]}
    timeline = client.get(f"/api/placements/{pid}/timeline").get_json()
    texts |= {i["data"]["text"] for i in timeline["items"] if i["kind"] == "note"}
    return texts


def test_each_visibility_reaches_exactly_its_readers(world):
    w = world
    secret = _note(w, None, "Alleen voor mij: ik twijfel over deze stage")
    assert secret["visibility"] == "self"
    _note(w, "docent", "Voor mijn docent")
    _note(w, "all", "Voor iedereen")
    assert _everywhere(w, "student") == {
        "Alleen voor mij: ik twijfel over deze stage",
        "Voor mijn docent",
        "Voor iedereen",
    }
    assert _everywhere(w, "docent") == {"Voor mijn docent", "Voor iedereen"}
    assert _everywhere(w, "trainer") == {"Voor iedereen"}
    for who in ("docent", "trainer"):
        assert w[who].get(f"/api/notes/{secret['id']}").status_code == 404
        assert "twijfel" not in w[who].get("/api/sync/changes?since=0").get_data(as_text=True)


def test_narrowing_the_visibility_takes_effect_at_once_and_drops_the_copies(world):
    w = world
    note = _note(w, "all", "Eerst voor iedereen")
    url = f"/api/notes/{note['id']}"
    cursors = {}
    for who in ("docent", "trainer"):
        assert w[who].get(url).status_code == 200
        cursors[who] = w[who].get("/api/sync/changes?since=0").get_json()["cursor"]
    changed = w["student"].patch(url, json={"visibility": "self"}, headers={"If-Match": '"1"'})
    assert changed.status_code == 200 and changed.get_json()["visibility"] == "self"
    for who in ("docent", "trainer"):
        assert w[who].get(url).status_code == 404
        later = w[who].get(f"/api/sync/changes?since={cursors[who]}").get_json()["changes"]
        assert [(c["kind"], c["id"], c["revoked"]) for c in later] == [("note", note["id"], True)]
        assert "Eerst voor iedereen" not in _everywhere(w, who)
    # Widening again: the docent gets it through the feed, no revocation for anyone.
    again = w["student"].patch(url, json={"visibility": "docent"}, headers={"If-Match": '"2"'})
    assert again.status_code == 200
    assert "Eerst voor iedereen" in _everywhere(w, "docent")
    assert "Eerst voor iedereen" not in _everywhere(w, "trainer")
    assert Revocation.select().where(Revocation.kind == "note").count() == 2


def test_only_the_student_writes_notes(world):
    w = world
    note = _note(w, "all")
    url = f"/api/notes/{note['id']}"
    for who in ("docent", "trainer"):
        response = w[who].patch(url, json={"text": "x"}, headers={"If-Match": '"1"'})
        assert_error(response, 403, "forbidden")
        body = {"id": str(uuid.uuid4()), "text": "x"}
        assert_error(w[who].post(f"/api/placements/{w['placement'].id}/notes", json=body), 403)
    assert Note.get_by_id(note["id"]).text == note["text"]


@pytest.mark.parametrize(
    "body", [{"text": ""}, {"text": "x", "visibility": "iedereen"}, {"visibility": None}]
)
def test_bad_notes_name_the_field(world, body):
    w = world
    body = {"id": str(uuid.uuid4()), **body}
    response = w["student"].post(f"/api/placements/{w['placement'].id}/notes", json=body)
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) & {"text", "visibility"}


def test_a_copy_for_someone_else_leaves_out_what_is_only_for_me(app, world):
    import io
    import json
    import zipfile

    from app.privacy import export
    from app.privacy.registry import FOR_STUDENT, FOR_THIRD_PARTY

    w = world
    secret = _note(w, None, "Alleen voor mij")
    _note(w, "docent", "Voor mijn docent")

    def copied(audience):
        buffer = io.BytesIO()
        with app.test_request_context():
            export.write_zip(buffer, w["placement"].student, audience)
        archive = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
        return {n["text"] for n in json.loads(archive.read("notes.json"))}

    assert copied(FOR_STUDENT) == {"Alleen voor mij", "Voor mijn docent"}
    assert copied(FOR_THIRD_PARTY) == {"Voor mijn docent"}
    w["student"].patch(
        f"/api/notes/{secret['id']}", json={"visibility": "all"}, headers={"If-Match": '"1"'}
    )
    assert copied(FOR_THIRD_PARTY) == {"Alleen voor mij", "Voor mijn docent"}
