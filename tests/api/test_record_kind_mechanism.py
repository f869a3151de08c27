"""A record kind added the way docs/ADDING_A_RECORD_KIND.md says, run through the whole mechanism.

"Sticker" is a dummy kind made only here: a model on ClientRecord, a service on create_once /
require_version / save_versioned, a thin resource with the shared decorators, one registry
line. If the mechanism needs more than that from a kind, this file grows, and so would every
real kind: keep it this small.
"""

import uuid

import marshmallow as ma
import peewee
import pytest
from flask.views import MethodView

from app import synced
from app.api.blueprint import Blueprint
from app.api.common import ClientId, StrictSchema, actor
from app.api.idempotency import idempotent
from app.api.versioning import if_match_version, record_response
from app.errors import NotFound
from app.extensions import db
from app.models import Placement
from app.models.client_records import ClientRecord
from app.services import access, placements, sync
from app.services.records import create_once, fingerprint, require_version, save_versioned
from tests.conftest import module_app


# 1. The model (a real kind also gets a migration: app/migrations/NNNN_stickers.py).
class Sticker(ClientRecord):
    placement = peewee.ForeignKeyField(Placement, on_delete="CASCADE")
    text = peewee.TextField()


# 2. The service: rules, access, and the shared mechanism.
def create_sticker(user, placement_id, data):
    placement = access.get_placement(user, placement_id)
    access.require_student_of(user, placement)
    digest = fingerprint({"placement": placement.id, "text": data["text"]})
    with db.atomic():
        return create_once(
            Sticker,
            user,
            data["id"],
            digest,
            lambda: Sticker(placement=placement, text=data["text"]),
        )


def get_sticker(user, sticker_id):
    found = access.placement_records(Sticker, user).where(Sticker.id == sticker_id).first()
    if found is None:
        raise NotFound()
    return found


def update_sticker(user, sticker_id, base_version, data):
    with db.atomic():
        sticker = get_sticker(user, sticker_id)
        access.require_student_of(user, sticker.placement)
        require_version(sticker, base_version)
        sticker.text = data["text"]
        return save_versioned(sticker, base_version)


# 3. The resource: schemas and thin views.
class StickerCreateSchema(StrictSchema):
    id = ClientId(required=True)
    text = ma.fields.Str(required=True, validate=ma.validate.Length(max=200))


class StickerUpdateSchema(StrictSchema):
    text = ma.fields.Str(required=True, validate=ma.validate.Length(max=200))


class StickerSchema(ma.Schema):
    id = ma.fields.Str()
    version = ma.fields.Int()
    placement_id = ma.fields.Int()
    text = ma.fields.Str()
    deleted = ma.fields.Function(lambda s: s.deleted_at is not None)


blp = Blueprint("stickers", __name__, url_prefix="/api", description="Test kind")


@blp.route("/placements/<int:placement_id>/stickers")
class Stickers(MethodView):
    @blp.arguments(StickerCreateSchema)
    @blp.response(201, StickerSchema)
    @idempotent
    def post(self, data, placement_id):
        sticker, created = create_sticker(actor(), placement_id, data)
        return record_response(sticker, 201 if created else 200)


@blp.route("/stickers/<uuid:sticker_id>")
class StickerDetail(MethodView):
    @blp.response(200, StickerSchema)
    def get(self, sticker_id):
        return record_response(get_sticker(actor(), sticker_id))

    @blp.arguments(StickerUpdateSchema)
    @blp.response(200, StickerSchema)
    @idempotent
    def patch(self, data, sticker_id):
        return record_response(update_sticker(actor(), sticker_id, if_match_version(), data))


shared_app, app = module_app("stickers")


@pytest.fixture
def sticker_app(app):
    if "stickers" not in app.blueprints:
        app.extensions["stagewijs_api"].register_blueprint(blp)
        # 4. The registry line.
        synced.register(
            app,
            synced.SyncedKind(
                "sticker", Sticker, lambda u: access.placement_records(Sticker, u), StickerSchema()
            ),
        )
    with app.app_context():
        db.create_tables([Sticker])
        Sticker.delete().execute()
    return app


@pytest.fixture
def setup(sticker_app, make_placement, login_as):
    placement = make_placement()
    return placement, login_as(placement.student)


def _post(client, placement, body, key=None):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(f"/api/placements/{placement.id}/stickers", json=body, headers=headers)


def test_create_twice_is_one_record(setup):
    placement, student = setup
    body = {"id": str(uuid.uuid4()), "text": "Kabel gelegd"}
    first, again = _post(student, placement, body), _post(student, placement, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json() == again.get_json()
    assert first.headers["ETag"] == '"1"'
    other = _post(student, placement, {**body, "text": "iets anders"})
    assert (other.status_code, other.get_json()["error"]) == (409, "id_conflict")
    assert Sticker.select().count() == 1


def test_a_stale_update_answers_the_current_copy_in_the_get_shape(setup):
    placement, student = setup
    sid = _post(student, placement, {"id": str(uuid.uuid4()), "text": "een"}).get_json()["id"]
    url = f"/api/stickers/{sid}"
    assert student.patch(url, json={"text": "twee"}, headers={"If-Match": '"1"'}).status_code == 200
    stale = student.patch(url, json={"text": "drie"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.get_json()["current"] == student.get(url).get_json()
    assert student.patch(url, json={"text": "x"}).status_code == 428


def test_a_lost_response_replayed_alone_or_in_a_batch_is_applied_once(setup):
    placement, student = setup
    body = {"id": str(uuid.uuid4()), "text": "een"}
    key = str(uuid.uuid4())
    first = _post(student, placement, body, key=key)  # committed; pretend the answer was lost
    replay = _post(student, placement, body, key=key)
    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert (replay.status_code, replay.get_json()) == (201, first.get_json())
    op = {
        "op_id": key,
        "method": "POST",
        "path": f"/api/placements/{placement.id}/stickers",
        "body": body,
    }
    batch = student.post("/api/sync/batch", json={"operations": [op]}).get_json()
    assert batch["results"][0]["status"] == 201
    assert batch["results"][0]["body"] == first.get_json()
    assert Sticker.select().count() == 1


def test_the_feed_carries_the_kind_and_drops_it_when_no_longer_visible(setup, login_as):
    placement, student = setup
    docent = login_as(placement.docent)
    sid = _post(student, placement, {"id": str(uuid.uuid4()), "text": "een"}).get_json()["id"]
    feed = docent.get("/api/sync/changes?since=0").get_json()
    mine = [c for c in feed["changes"] if c["kind"] == "sticker"]
    assert [(c["id"], c["data"]["text"], c["revoked"]) for c in mine] == [(sid, "een", False)]

    placements.reassign(placement.id, docent=None)

    later = docent.get(f"/api/sync/changes?since={feed['cursor']}").get_json()
    assert [(c["kind"], c["id"], c["revoked"]) for c in later["changes"]] == [
        ("placement", str(placement.id), True)
    ]
    assert docent.get(f"/api/stickers/{sid}").status_code == 404


def test_a_single_record_can_be_revoked(setup, login_as):
    placement, student = setup
    docent = login_as(placement.docent)
    sid = _post(student, placement, {"id": str(uuid.uuid4()), "text": "een"}).get_json()["id"]
    cursor = docent.get("/api/sync/changes?since=0").get_json()["cursor"]
    with db.atomic():
        sync.revoke([placement.docent_id], "sticker", sid)
    later = docent.get(f"/api/sync/changes?since={cursor}").get_json()["changes"]
    assert [(c["kind"], c["id"], c["revoked"], c["data"]) for c in later] == [
        ("sticker", sid, True, None)
    ]
    # Only that user's phone is told.
    since_student = student.get(f"/api/sync/changes?since={cursor}").get_json()["changes"]
    assert since_student == []
