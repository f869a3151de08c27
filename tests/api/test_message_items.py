"""A message points to an item of any synced kind of the placement, found through the kinds
registry (app/synced.py), so kinds other branches add work once registered. A reader who may
not see the item gets its kind and id, never its content."""

import uuid

import marshmallow as ma
import peewee
import pytest

from app import synced
from app.extensions import db
from app.models import Placement
from app.models.client_records import ClientRecord
from app.models.users import STUDENT
from app.services import access
from tests.conftest import assert_error, module_app


class Diary(ClientRecord):
    """A kind only its student may see (as a private reflection would be)."""

    placement = peewee.ForeignKeyField(Placement, on_delete="CASCADE")
    text = peewee.TextField()


class DiarySchema(ma.Schema):
    id = ma.fields.Str()
    placement_id = ma.fields.Int()
    text = ma.fields.Str()


def own_diaries(actor):
    query = access.placement_records(Diary, actor)
    return query if actor.role == STUDENT else query.where(False)


shared_app, app = module_app("message_items")


@pytest.fixture
def diary_app(app):
    synced.register(app, synced.SyncedKind("diary", Diary, own_diaries, DiarySchema()))
    with app.app_context():
        db.create_tables([Diary])
        Diary.delete().execute()
    yield app
    app.extensions["synced_kinds"].pop("diary", None)


def test_a_reader_who_may_not_see_the_item_gets_no_content(diary_app, make_placement, login_as):
    placement = make_placement()
    student, trainer = login_as(placement.student), login_as(placement.praktijkopleider)
    with diary_app.app_context():
        note = Diary(placement=placement, text="Vandaag was zwaar")
        note.id = uuid.uuid4()
        note.created_by = placement.student_id
        note.create_fingerprint = "x" * 64
        note.stamp()
        note.save(force_insert=True)
    url = f"/api/placements/{placement.id}/conversations/stage/messages"
    item = {"kind": "diary", "id": str(note.id)}
    sent = student.post(
        url, json={"id": str(uuid.uuid4()), "body": "Zie mijn dagboek", "item": item}
    )
    assert sent.status_code == 201, sent.get_json()
    assert sent.get_json()["item"]["data"]["text"] == "Vandaag was zwaar"
    (seen,) = trainer.get(url).get_json()
    assert seen["item"] == {"kind": "diary", "id": str(note.id), "data": None}
    feed = trainer.get("/api/sync/changes?since=0").get_json()
    assert "Vandaag was zwaar" not in str(feed)
    # The trainer cannot point to it: for them it does not exist.
    refused = trainer.post(url, json={"id": str(uuid.uuid4()), "body": "?", "item": item})
    assert_error(refused, 422, "item_not_found", field="item")
