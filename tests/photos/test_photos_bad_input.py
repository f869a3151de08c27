"""Bad input to the photo endpoints: a 4xx in the one error shape naming the field, never a
500, and nothing stored (no row, no file) or changed."""

import hashlib
import uuid
from urllib.parse import urlencode

import pytest

from app.models import Photo
from app.storage import storage
from tests.conftest import assert_error, module_app
from tests.photos import images
from tests.photos.upload import TAKEN_AT, upload

shared_app, app = module_app("photos_bad_input", PROPAGATE_EXCEPTIONS=False)
JPEG = images.phone_jpeg()
GOOD = {"id": None, "sha256": hashlib.sha256(JPEG).hexdigest(), "taken_at": TAKEN_AT}


@pytest.fixture
def s(app, make_placement, login_as):
    placement = make_placement()
    student = login_as(placement.student)
    kept = upload(student, placement.id, JPEG, caption="bewaard").get_json()
    return placement, student, kept


def state(app):
    with app.app_context():
        keys = storage(app).keys("photos/")
    rows = sorted((str(p.id), p.version, p.caption, p.entry_ids) for p in Photo.select())
    return rows, keys


def _query(**changes):
    query = {**GOOD, "id": str(uuid.uuid4())}
    for key, value in changes.items():
        if value is None:
            query.pop(key)
        else:
            query[key] = value
    return query


QUERY_CASES = [
    ("id-missing", "id", _query(id=None)),
    ("id-not-uuid", "id", _query(id="foto-1")),
    ("id-upper-case", "id", _query(id=str(uuid.uuid4()).upper())),
    ("sha256-missing", "sha256", _query(sha256=None)),
    ("sha256-short", "sha256", _query(sha256="abc")),
    ("sha256-upper-case", "sha256", _query(sha256=GOOD["sha256"].upper())),
    ("taken-at-missing", "taken_at", _query(taken_at=None)),
    ("taken-at-no-zone", "taken_at", _query(taken_at="2026-11-18T10:15:00")),
    ("taken-at-not-a-date", "taken_at", _query(taken_at="gisteren")),
    ("caption-too-long", "caption", _query(caption="x" * 1001)),
    ("caption-nul", "caption", _query(caption="a\x00b")),
    ("entries-not-uuids", "entries", _query(entries="een,twee")),
    ("entries-too-many", "entries", _query(entries=",".join(str(uuid.uuid4()) for _ in range(21)))),
    ("entries-unknown", "entries", _query(entries=str(uuid.uuid4()))),
    ("werkproces-not-a-code", "werkprocessen", _query(werkprocessen="K1")),
    ("werkproces-other-programme", "werkprocessen", _query(werkprocessen="B1-K1-W8")),
    ("unknown-field", "place", _query(place="Utrecht")),
]


@pytest.mark.parametrize(("field", "query"), [pytest.param(*c[1:], id=c[0]) for c in QUERY_CASES])
def test_bad_upload_fields_name_the_field_and_store_nothing(app, s, field, query):
    placement, student, _ = s
    before = state(app)
    response = student.post(
        f"/api/placements/{placement.id}/photos?{urlencode(query)}",
        data=JPEG,
        content_type="image/jpeg",
    )
    body = assert_error(response, 422)
    assert field in body.get("errors", {}), body
    assert state(app) == before


def test_an_upload_to_a_placement_that_does_not_exist_or_is_not_theirs(app, s, make_placement):
    placement, student, _ = s
    before = state(app)
    for pid in (999_999, make_placement().id, 2**70):
        response = upload(student, pid, JPEG)
        assert response.status_code == 404, response.get_json()
    assert state(app) == before


PATCH_CASES = [
    ("empty", {}, "_schema"),
    ("caption-number", {"caption": 5}, "caption"),
    ("caption-too-long", {"caption": "x" * 1001}, "caption"),
    ("entries-not-a-list", {"entries": "x"}, "entries"),
    ("entries-unknown", {"entries": [str(uuid.uuid4())]}, "entries"),
    ("werkprocessen-not-codes", {"werkprocessen": ["x"]}, "werkprocessen"),
    ("sha256-not-changeable", {"sha256": "0" * 64}, "sha256"),
    ("taken-at-not-changeable", {"taken_at": TAKEN_AT}, "taken_at"),
    ("array", [{"caption": "x"}], "_schema"),
]


@pytest.mark.parametrize(("body", "field"), [pytest.param(*c[1:], id=c[0]) for c in PATCH_CASES])
def test_bad_changes_name_the_field_and_change_nothing(app, s, body, field):
    _, student, kept = s
    before = state(app)
    response = student.patch(f"/api/photos/{kept['id']}", json=body, headers={"If-Match": '"1"'})
    assert_error(response, 422, None, field)
    assert state(app) == before


@pytest.mark.parametrize(
    "path", ["/api/photos/{id}", "/api/photos/{id}/image", "/api/photos/{id}/thumbnail"]
)
def test_ids_that_name_nothing_are_404(app, s, path):
    _, student, _ = s
    for bad in (str(uuid.uuid4()), "not-a-uuid", "0" * 40):
        response = student.get(path.format(id=bad))
        assert response.status_code == 404


def test_the_upload_body_is_not_json_and_json_is_no_photo(app, s):
    placement, student, _ = s
    before = state(app)
    body = b'{"id": "x"}'
    query = urlencode({**GOOD, "id": str(uuid.uuid4()), "sha256": hashlib.sha256(body).hexdigest()})
    response = student.post(
        f"/api/placements/{placement.id}/photos?{query}", data=body, content_type="application/json"
    )
    assert_error(response, 415, "photo_not_an_image", "file")
    assert state(app) == before
