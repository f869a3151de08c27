"""A photo is the student's own until it is evidence in a submitted STARRT: then the trainer
and docent of that placement see it (record, files, list, feed, coverage, timeline), and
nobody else does; a draft STARRT shares nothing."""

import uuid

import pytest

from tests.conftest import module_app
from tests.photos import images
from tests.photos.upload import upload

shared_app, app = module_app("photos_evidence")
FULL = dict.fromkeys(
    ("title", "situatie", "taak", "actie", "resultaat", "reflectie", "transfer"), "x"
)


@pytest.fixture
def world(make_placement, login_as):
    placement = make_placement()
    student = login_as(placement.student)
    shown = upload(student, placement.id, images.phone_jpeg(), werkprocessen="B1-K1-W4")
    kept = upload(student, placement.id, images.phone_png(), werkprocessen="B1-K1-W4")
    return {
        "placement": placement,
        "student": student,
        "trainer": login_as(placement.praktijkopleider),
        "docent": login_as(placement.docent),
        "stranger": login_as(make_placement().praktijkopleider),
        "shown": shown.get_json(),
        "kept": kept.get_json(),
    }


def _starrt(w, submit):
    body = {
        "id": str(uuid.uuid4()),
        **FULL,
        "werkprocessen": ["B1-K1-W4"],
        "evidence": [{"kind": "photo", "id": w["shown"]["id"]}],
    }
    made = w["student"].post(f"/api/placements/{w['placement'].id}/starrts", json=body)
    assert made.status_code == 201, made.get_json()
    if submit:
        url = f"/api/starrts/{body['id']}/submit"
        done = w["student"].post(url, headers={"If-Match": '"1"'})
        assert done.status_code == 200, done.get_json()
    return body["id"]


def _sees(client, w, photo):
    return client.get(f"/api/photos/{w[photo]['id']}").status_code == 200


def test_a_draft_starrt_shares_nothing(world):
    _starrt(world, submit=False)
    for reader in ("trainer", "docent"):
        assert not _sees(world[reader], world, "shown")
        assert world[reader].get(world["shown"]["thumbnail_url"]).status_code == 404


def test_a_submitted_starrt_shows_its_photo_to_its_readers_only(world):
    cursor = world["trainer"].get("/api/sync/changes?since=0").get_json()["cursor"]
    _starrt(world, submit=True)
    pid = world["placement"].id
    for reader in ("trainer", "docent"):
        client = world[reader]
        assert _sees(client, world, "shown") and not _sees(client, world, "kept")
        image = client.get(world["shown"]["image_url"])
        assert image.status_code == 200 and image.headers["Cache-Control"].startswith("private")
        assert client.get(world["kept"]["image_url"]).status_code == 404
        listed = client.get(f"/api/placements/{pid}/photos").get_json()
        assert [p["id"] for p in listed] == [world["shown"]["id"]]
        grid = client.get(f"/api/placements/{pid}/coverage").get_json()["werkprocessen"]
        assert {r["code"]: r["photos"] for r in grid}["B1-K1-W4"] == 1
        timeline = client.get(f"/api/placements/{pid}/timeline?kind=photo").get_json()
        assert [i["id"] for i in timeline["items"]] == [world["shown"]["id"]]
    # The trainer's phone learns of it through the changes feed.
    later = world["trainer"].get(f"/api/sync/changes?since={cursor}").get_json()["changes"]
    assert world["shown"]["id"] in {c["id"] for c in later if c["kind"] == "photo"}
    assert world["kept"]["id"] not in {c["id"] for c in later}
    # The student still sees both, and counts both.
    grid = world["student"].get(f"/api/placements/{pid}/coverage").get_json()["werkprocessen"]
    assert {r["code"]: r["photos"] for r in grid}["B1-K1-W4"] == 2
    # Someone of another placement sees nothing of it.
    assert world["stranger"].get(world["shown"]["image_url"]).status_code == 404
