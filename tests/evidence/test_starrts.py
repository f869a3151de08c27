"""STARRT reflections: drafts, handing in, rating; a rated STARRT is final; shared with the
trainer and docent only once handed in, its evidence with it."""

import uuid

import pytest

from app.models import AuditEvent, Programme, Starrt
from tests.conftest import assert_error, entry_body, module_app

shared_app, app = module_app("starrts")

FULL = {
    "title": "Netwerkkast gepatcht",
    "situatie": "Serverruimte op de tweede verdieping.",
    "taak": "Twee nieuwe werkplekken aansluiten.",
    "actie": "Kabels gelegd en gepatcht, samen met Ruud.",
    "resultaat": "Beide werkplekken hebben netwerk; Ruud was tevreden.",
    "reflectie": "Eerst een tekening maken had tijd gescheeld.",
    "transfer": "Dit kan ik bij elk bedrijf met een patchkast.",
}


@pytest.fixture
def world(make_placement, login_as):
    placement = make_placement()
    return {
        "placement": placement,
        "student": login_as(placement.student),
        "trainer": login_as(placement.praktijkopleider),
        "docent": login_as(placement.docent),
    }


def _start(w, **fields):
    body = {"id": str(uuid.uuid4()), **fields}
    response = w["student"].post(f"/api/placements/{w['placement'].id}/starrts", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _submit(w, starrt):
    return w["student"].post(
        f"/api/starrts/{starrt['id']}/submit", headers={"If-Match": f'"{starrt["version"]}"'}
    )


def _rate(client, starrt, rating="V", initials="MB", version=None):
    return client.post(
        f"/api/starrts/{starrt['id']}/rate",
        json={"rating": rating, "remark": "Netjes gedaan", "initials": initials},
        headers={"If-Match": f'"{version or starrt["version"]}"'},
    )


def _ids(client, url):
    return {s["id"] for s in client.get(url).get_json()}


def test_a_draft_is_the_student_s_alone(world):
    w = world
    draft = _start(w, title="Half af", situatie="Begin")
    url = f"/api/placements/{w['placement'].id}/starrts"
    assert _ids(w["student"], url) == {draft["id"]}
    for other in ("trainer", "docent"):
        assert _ids(w[other], url) == set()
        assert w[other].get(f"/api/starrts/{draft['id']}").status_code == 404
        feed = w[other].get("/api/sync/changes?since=0").get_json()["changes"]
        assert not [c for c in feed if c["kind"] == "starrt"]


def test_autosaved_changes_then_hand_in_then_rate(world):
    w = world
    entry = entry_body()
    w["student"].post(f"/api/placements/{w['placement'].id}/entries", json=entry)
    draft = _start(w, title="Netwerkkast")
    url = f"/api/starrts/{draft['id']}"
    version = 1
    for part, text in FULL.items():  # the phone saves as it is typed
        changed = w["student"].patch(url, json={part: text}, headers={"If-Match": f'"{version}"'})
        assert changed.status_code == 200, changed.get_json()
        version = changed.get_json()["version"]
    links = {
        "werkprocessen": ["B1-K1-W3"],
        "evidence": [{"kind": "entry", "id": entry["id"]}],
    }
    changed = w["student"].patch(url, json=links, headers={"If-Match": f'"{version}"'}).get_json()
    assert changed["evidence"] == [{"kind": "entry", "id": entry["id"]}]
    submitted = _submit(w, changed)
    assert submitted.status_code == 200, submitted.get_json()
    starrt = submitted.get_json()
    assert starrt["status"] == "submitted" and starrt["submitted_at"]
    for other in ("trainer", "docent"):
        feed = w[other].get("/api/sync/changes?since=0").get_json()["changes"]
        assert [c["data"]["title"] for c in feed if c["kind"] == "starrt"] == [FULL["title"]]
    assert_error(_rate(w["docent"], starrt), 403, "forbidden")
    rated = _rate(w["trainer"], starrt, rating="G")
    assert rated.status_code == 200, rated.get_json()
    body = rated.get_json()
    assert (body["status"], body["rating"], body["rating_initials"]) == ("rated", "G", "MB")
    assert w["docent"].get(url).get_json()["rating_remark"] == "Netjes gedaan"
    actions = [e.action for e in AuditEvent.select().order_by(AuditEvent.id)]
    assert actions[-2:] == ["starrt_submit", "starrt_rate"]


def _rated(w):
    starrt = _start(w, **FULL, werkprocessen=["B1-K1-W4"])
    starrt = _submit(w, starrt).get_json()
    return _rate(w["trainer"], starrt).get_json()


def test_a_rated_starrt_cannot_be_changed_by_anyone(world):
    w = world
    rated = _rated(w)
    url = f"/api/starrts/{rated['id']}"
    match = {"If-Match": f'"{rated["version"]}"'}
    assert_error(w["student"].patch(url, json={"actie": "x"}, headers=match), 409, "starrt_rated")
    assert_error(w["student"].delete(url, headers=match), 409, "starrt_rated")
    assert_error(_submit(w, rated), 409, "starrt_rated")
    assert_error(_rate(w["trainer"], rated, rating="O"), 409, "starrt_rated")
    row = Starrt.get_by_id(rated["id"])
    assert (row.rating, row.actie, row.version, row.deleted_at) == ("V", FULL["actie"], 3, None)
    again = _start(w, **FULL)  # a new STARRT on the same task is allowed
    assert again["status"] == "draft"


def test_a_handed_in_starrt_is_no_longer_the_student_s_to_change(world):
    w = world
    starrt = _submit(w, _start(w, **FULL, werkprocessen=["B1-K1-W4"])).get_json()
    response = w["student"].patch(
        f"/api/starrts/{starrt['id']}", json={"actie": "x"}, headers={"If-Match": '"2"'}
    )
    assert_error(response, 409, "starrt_submitted")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({**FULL, "reflectie": "  "}, "reflectie"),
        ({**FULL, "title": ""}, "title"),
        (FULL, "werkprocessen"),
    ],
)
def test_hand_in_needs_every_part_and_a_werkproces(world, fields, field):
    w = world
    starrt = _start(w, **fields)
    assert_error(_submit(w, starrt), 422, field=field)
    assert Starrt.get_by_id(starrt["id"]).status == "draft"


@pytest.mark.parametrize(
    "body",
    [
        {"rating": "M", "initials": "MB"},
        {"rating": "V", "initials": ""},
        {"rating": "V"},
        {"rating": "V", "initials": "  "},
    ],
)
def test_a_rating_is_o_v_or_g_with_initials(world, body):
    w = world
    starrt = _submit(w, _start(w, **FULL, werkprocessen=["B1-K1-W4"])).get_json()
    response = w["trainer"].post(
        f"/api/starrts/{starrt['id']}/rate", json=body, headers={"If-Match": '"2"'}
    )
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) & {"rating", "initials"}
    assert Starrt.get_by_id(starrt["id"]).status == "submitted"


def test_progress_counts_v_and_g_against_the_programme_minimum(world):
    w = world
    Programme.update(min_starrts=3).where(Programme.id == w["placement"].programme_id).execute()
    for rating in ("V", "G", "O"):
        starrt = _submit(w, _start(w, **FULL, werkprocessen=["B1-K1-W4"])).get_json()
        _rate(w["trainer"], starrt, rating=rating)
    _submit(w, _start(w, **FULL, werkprocessen=["B1-K1-W4"]))
    _start(w, title="nog bezig")
    progress = w["student"].get(f"/api/placements/{w['placement'].id}/starrts/progress")
    assert progress.get_json() == {
        "rated_sufficient": 2,
        "rated": 3,
        "submitted": 1,
        "drafts": 1,
        "minimum": 3,
    }


def test_evidence_must_be_this_placement_s(world, make_placement, login_as):
    w = world
    other = make_placement()
    foreign = entry_body()
    login_as(other.student).post(f"/api/placements/{other.id}/entries", json=foreign)
    body = {"id": str(uuid.uuid4()), "evidence": [{"kind": "entry", "id": foreign["id"]}]}
    response = w["student"].post(f"/api/placements/{w['placement'].id}/starrts", json=body)
    assert_error(response, 422, "evidence_not_found", field="evidence")
    body["evidence"] = [{"kind": "note", "id": str(uuid.uuid4())}]
    response = w["student"].post(f"/api/placements/{w['placement'].id}/starrts", json=body)
    assert_error(response, 422, "unknown_evidence_kind", field="evidence")
    assert not Starrt.select().exists()
