"""The photo kind through the API: an upload is stored once, clean, under the server's names;
refusals store nothing; the quota; changes with If-Match; delete takes the files; serving."""

import datetime as dt
import hashlib
import io
import os
import uuid

import pytest
from PIL import Image

from app import clock
from app.extensions import db
from app.models import EvidenceLink, Photo, Placement
from app.privacy import erasure, retention
from app.services import access, evidence
from app.storage import storage
from tests.conftest import assert_error, entry_body, module_app
from tests.photos import images
from tests.photos.test_pipeline import _no_metadata
from tests.photos.upload import upload

MB = 1024 * 1024
shared_app, app = module_app("photos_api", PROPAGATE_EXCEPTIONS=False, MAX_UPLOAD_BYTES=2 * MB)


@pytest.fixture
def s(app, make_placement, login_as):
    placement = make_placement()
    return placement, login_as(placement.student)


def stored(app):
    with app.app_context():
        return storage(app).keys("photos/")


def nothing_stored(app):
    assert Photo.select().count() == 0
    assert stored(app) == []


def test_an_upload_is_stored_clean_under_server_made_names(app, s):
    placement, student = s
    source = images.phone_jpeg(size=(1600, 1200))
    response = upload(student, placement.id, source, caption="Patchkast")
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["caption"], body["width"], body["height"]) == ("Patchkast", 1600, 1200)
    assert body["taken_at"] == "2026-11-18T09:15:00Z"  # the phone's clock, in UTC
    assert body["sha256"] == hashlib.sha256(source).hexdigest()
    # Two files (the photo and its thumbnail), not the upload; names say nothing of the phone's.
    keys = stored(app)
    assert len(keys) == 2 and body["id"] not in "".join(keys)
    for key in keys:
        with storage(app).open(key) as fh:
            data = fh.read()
        assert data != source
        _no_metadata(data)
    for url in (body["image_url"], body["thumbnail_url"]):
        served = student.get(url)
        assert served.status_code == 200
        assert served.mimetype == "image/jpeg"
        assert served.headers["Cache-Control"].startswith("private")
        assert served.headers["X-Content-Type-Options"] == "nosniff"
        assert served.headers["Content-Disposition"].startswith("inline; filename=")
        _no_metadata(served.get_data())


def test_the_same_upload_again_is_one_photo_and_another_under_its_id_is_refused(app, s):
    placement, student = s
    photo_id = str(uuid.uuid4())
    source = images.phone_jpeg()
    first = upload(student, placement.id, source, photo_id=photo_id)
    again = upload(student, placement.id, source, photo_id=photo_id)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json() == again.get_json()
    other = upload(student, placement.id, images.phone_png(), photo_id=photo_id)
    assert_error(other, 409, "id_conflict")
    assert Photo.select().count() == 1 and len(stored(app)) == 2


def test_a_lost_answer_replayed_with_its_key_is_applied_once(app, s):
    placement, student = s
    photo_id, source, key = str(uuid.uuid4()), images.phone_jpeg(), str(uuid.uuid4())
    first = upload(student, placement.id, source, photo_id=photo_id, key=key)
    replay = upload(student, placement.id, source, photo_id=photo_id, key=key)
    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert (replay.status_code, replay.get_json()) == (201, first.get_json())
    assert Photo.select().count() == 1 and len(stored(app)) == 2


REFUSALS = [
    ("text-renamed-jpg", lambda: b"Dit is een tekstbestand.\n" * 40, 415, "photo_not_an_image"),
    ("gif", images.gif, 415, "photo_not_an_image"),
    ("truncated-jpeg", lambda: images.phone_jpeg()[:3000], 422, "photo_damaged"),
    ("bomb", lambda: images.decompression_bomb(60_000_000), 422, "photo_too_many_pixels"),
    ("empty", lambda: b"", 422, "photo_empty"),
]


@pytest.mark.parametrize(
    ("make", "status", "code"), [pytest.param(*c[1:], id=c[0]) for c in REFUSALS]
)
def test_what_is_no_photo_is_refused_with_a_reason_and_nothing_is_stored(
    app, s, make, status, code
):
    placement, student = s
    body = assert_error(upload(student, placement.id, make()), status, code, "file")
    assert body["message"] and "photo" not in body["message"]  # Dutch, for people
    nothing_stored(app)


def test_an_oversized_file_is_413_before_anything_is_read(app, s):
    placement, student = s
    big = images.phone_jpeg() + bytes(2 * MB)
    assert_error(upload(student, placement.id, big), 413, "request_entity_too_large")
    nothing_stored(app)


def test_a_checksum_that_does_not_match_is_refused(app, s):
    placement, student = s
    response = upload(student, placement.id, images.phone_jpeg(), sha256="0" * 64)
    assert_error(response, 422, "photo_checksum_mismatch", "sha256")
    nothing_stored(app)


def test_the_quota_is_per_student_with_a_clear_message(
    app, s, monkeypatch, make_placement, login_as
):
    placement, student = s
    first = upload(student, placement.id, images.phone_jpeg())
    size = Photo.get_by_id(first.get_json()["id"]).stored_bytes
    monkeypatch.setitem(app.config, "PHOTO_QUOTA_BYTES", size + size // 2)
    full = assert_error(
        upload(student, placement.id, images.phone_jpeg()), 413, "photo_quota_reached"
    )
    assert "vol" in full["message"] and "MB" in full["message"]
    assert Photo.select().count() == 1 and len(stored(app)) == 2
    # Another student has their own room.
    other = make_placement()
    assert upload(login_as(other.student), other.id, images.phone_jpeg()).status_code == 201
    # Deleting a photo makes room again.
    gone = student.delete(f"/api/photos/{first.get_json()['id']}", headers={"If-Match": '"1"'})
    assert gone.status_code == 204
    assert upload(student, placement.id, images.phone_jpeg()).status_code == 201


def test_caption_and_entry_links_change_with_if_match(app, s, make_placement):
    placement, student = s
    photo = upload(student, placement.id, images.phone_jpeg()).get_json()
    entry = student.post(f"/api/placements/{placement.id}/entries", json=entry_body()).get_json()
    url = f"/api/photos/{photo['id']}"
    changed = student.patch(
        url, json={"caption": "Nieuw", "entries": [entry["id"]]}, headers={"If-Match": '"1"'}
    )
    assert changed.status_code == 200, changed.get_json()
    assert (changed.get_json()["caption"], changed.get_json()["entries"]) == (
        "Nieuw",
        [entry["id"]],
    )
    stale = student.patch(url, json={"caption": "Oud"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.get_json()["current"] == student.get(url).get_json()
    assert_error(student.patch(url, json={"caption": "x"}), 428)
    # An entry of another placement is refused, naming the field.
    other = make_placement(student=placement.student)
    foreign = student.post(f"/api/placements/{other.id}/entries", json=entry_body()).get_json()
    refused = student.patch(url, json={"entries": [foreign["id"]]}, headers={"If-Match": '"2"'})
    assert_error(refused, 422, "photo_unknown_entry", "entries")
    assert student.get(url).get_json()["entries"] == [entry["id"]]


def test_delete_removes_the_files_and_leaves_a_tombstone_in_the_feed(app, s):
    placement, student = s
    photo = upload(student, placement.id, images.phone_jpeg()).get_json()
    cursor = student.get("/api/sync/changes?since=0").get_json()
    assert [c["id"] for c in cursor["changes"] if c["kind"] == "photo"] == [photo["id"]]
    url = f"/api/photos/{photo['id']}"
    assert student.delete(url, headers={"If-Match": '"1"'}).status_code == 204
    assert stored(app) == []
    assert student.get(url).status_code == 404
    assert student.get(photo["image_url"]).status_code == 404
    later = student.get(f"/api/sync/changes?since={cursor['cursor']}").get_json()["changes"]
    assert [(c["kind"], c["data"]["deleted"], c["data"]["image_url"]) for c in later] == [
        ("photo", True, None)
    ]
    assert student.get(f"/api/placements/{placement.id}/photos").get_json() == []


def test_a_photo_is_the_students_only_until_shared(app, s, login_as):
    placement, student = s
    photo = upload(student, placement.id, images.phone_jpeg()).get_json()
    assert [p["id"] for p in student.get(f"/api/placements/{placement.id}/photos").get_json()] == [
        photo["id"]
    ]
    for user in (placement.praktijkopleider, placement.docent):
        other = login_as(user)
        assert other.get(f"/api/photos/{photo['id']}").status_code == 404
        assert other.get(photo["image_url"]).status_code == 404
        assert other.get(photo["thumbnail_url"]).status_code == 404
        assert other.get(f"/api/placements/{placement.id}/photos").get_json() == []
        feed = other.get("/api/sync/changes?since=0").get_json()["changes"]
        assert [c for c in feed if c["kind"] == "photo"] == []


def test_werkprocessen_of_the_own_programme_only(app, s):
    placement, student = s
    tagged = upload(student, placement.id, images.phone_jpeg(), werkprocessen="B1-K2-W1,B1-K1-W3")
    assert tagged.status_code == 201, tagged.get_json()
    photo = tagged.get_json()
    assert photo["werkprocessen"] == ["B1-K1-W3", "B1-K2-W1"]  # in the KD's order
    fed = student.get("/api/sync/changes?since=0").get_json()["changes"]
    assert [c["data"]["werkprocessen"] for c in fed if c["kind"] == "photo"] == [
        ["B1-K1-W3", "B1-K2-W1"]
    ]
    url = f"/api/photos/{photo['id']}"
    changed = student.patch(url, json={"werkprocessen": ["B1-K1-W4"]}, headers={"If-Match": '"1"'})
    assert changed.status_code == 200 and changed.get_json()["werkprocessen"] == ["B1-K1-W4"]
    # B1-K1-W8 is a werkproces of another programme (Verzorgende-IG), not of this one.
    refused = student.patch(url, json={"werkprocessen": ["B1-K1-W8"]}, headers={"If-Match": '"2"'})
    assert_error(refused, 422, "unknown_werkproces", "werkprocessen")
    assert student.get(url).get_json()["werkprocessen"] == ["B1-K1-W4"]
    before = stored(app)
    other = upload(student, placement.id, images.phone_jpeg(), werkprocessen="B1-K1-W8")
    assert_error(other, 422, "unknown_werkproces", "werkprocessen")
    assert stored(app) == before and Photo.select().count() == 1


def test_a_photo_shared_as_evidence_is_seen_with_it_and_by_no_one_else(
    app, s, login_as, make_placement
):
    """Through the one evidence mechanism: linked to a handed-in record (a STARRT in the real
    app; a stand-in sharer here) the photo reaches that record's readers, with its files."""
    placement, student = s
    shared = upload(student, placement.id, images.phone_jpeg()).get_json()
    private = upload(student, placement.id, images.phone_png()).get_json()

    class Holder:
        id = uuid.uuid4()

    with app.app_context():
        evidence.set_links("testshare", Holder, placement, [{"kind": "photo", "id": shared["id"]}])
    trainer = login_as(placement.praktijkopleider)
    assert trainer.get(f"/api/photos/{shared['id']}").status_code == 404  # not handed in
    evidence.shares_evidence(
        "testshare",
        lambda actor: EvidenceLink.select(EvidenceLink.from_id).where(
            (EvidenceLink.from_id == Holder.id)
            & EvidenceLink.placement.in_(access.visible_placements(actor).select(Placement.id))
        ),
    )
    try:
        for reader in (trainer, login_as(placement.docent)):
            assert reader.get(f"/api/photos/{shared['id']}").status_code == 200
            image = reader.get(shared["image_url"])
            assert image.status_code == 200 and image.mimetype == "image/jpeg"
            assert reader.get(private["image_url"]).status_code == 404
            listed = reader.get(f"/api/placements/{placement.id}/photos").get_json()
            assert [p["id"] for p in listed] == [shared["id"]]
            # Reading is all: the student's photo is not theirs to change or delete.
            patch = reader.patch(
                f"/api/photos/{shared['id']}", json={"caption": "x"}, headers={"If-Match": '"1"'}
            )
            assert patch.status_code == 403
        stranger = login_as(make_placement().praktijkopleider)
        assert stranger.get(shared["image_url"]).status_code == 404
    finally:
        evidence._SHARERS.pop("testshare")


def test_a_photo_larger_than_the_json_limit_is_taken(app, s):
    """Uploads have their own limit (MAX_UPLOAD_BYTES, @upload), not the JSON one of 1 MB."""
    placement, student = s
    noise = Image.merge("RGB", [Image.effect_noise((1600, 1200), 60) for _ in range(3)])
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=95)
    assert MB < len(out.getvalue()) < 2 * MB
    assert upload(student, placement.id, out.getvalue()).status_code == 201


def test_erasing_the_student_removes_every_file_of_their_photo_folders(app, s):
    """Also a file without a row (a create rolled back after writing it)."""
    placement, student = s
    upload(student, placement.id, images.phone_jpeg())
    with app.app_context():
        with storage(app).writer(f"photos/{placement.id}/left-behind.jpg") as fh:
            fh.write(b"x")
        assert len(stored(app)) == 3
        with app.test_request_context(), db.atomic():
            assert erasure.erase(placement.student_id)
    assert stored(app) == []


def test_files_no_photo_owns_go_after_a_day_and_nothing_else(app, s):
    """What a crash can leave behind (a create stopped before its commit or inside a write, a
    deleted photo's files), swept by the retention job; a photo's own files and a fresh
    upload's stay."""
    placement, student = s
    kept = upload(student, placement.id, images.phone_jpeg()).get_json()
    gone = upload(student, placement.id, images.phone_jpeg(size=(800, 600))).get_json()
    with app.app_context():
        store = storage(app)
        deleted = Photo.get_by_id(gone["id"])
        assert (
            student.delete(f"/api/photos/{gone['id']}", headers={"If-Match": '"1"'}).status_code
            == 204
        )
        leftovers = [deleted.image_key, f"photos/{placement.id}/0123abcd.jpg", "photos/999/x.jpg"]
        fresh = f"photos/{placement.id}/fedc9876-thumb.jpg"
        for key in [*leftovers, fresh]:
            with store.writer(key) as fh:
                fh.write(b"x")
        now = clock.utcnow()
        two_days_ago = (now - dt.timedelta(days=2)).replace(tzinfo=dt.UTC).timestamp()
        for key in stored(app):  # everything but the fresh one was written two days ago
            if key != fresh:
                os.utime(store._path(key), (two_days_ago, two_days_ago))
        folder = store.root / "photos" / str(placement.id)
        half_written, being_written = folder / ".writing-old", folder / ".writing-now"
        for path in (half_written, being_written):
            path.write_bytes(b"half a jpeg")
        os.utime(half_written, (two_days_ago, two_days_ago))
        assert retention.run(now=now, only={"stray_photo_files"}) == {"stray_photo_files": 4}
        own = Photo.get_by_id(kept["id"])
        assert stored(app) == sorted([own.image_key, own.thumbnail_key, fresh])
        assert not half_written.exists() and being_written.exists()
        assert retention.run(now=now, only={"stray_photo_files"}) == {"stray_photo_files": 0}
    assert student.get(kept["image_url"]).status_code == 200


def test_a_served_photo_is_checked_again_every_time_and_304_when_unchanged(app, s, login_as):
    placement, student = s
    photo = upload(student, placement.id, images.phone_jpeg()).get_json()
    first = student.get(photo["thumbnail_url"])
    assert first.headers["Cache-Control"] == "private, no-cache"
    again = student.get(photo["thumbnail_url"], headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    # The same tag from someone without access: 404, not 304.
    other = login_as(placement.praktijkopleider)
    tag = {"If-None-Match": first.headers["ETag"]}
    assert other.get(photo["thumbnail_url"], headers=tag).status_code == 404
