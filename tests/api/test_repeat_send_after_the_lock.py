"""Two identical sends of one message id at once (PostgreSQL, no Idempotency-Key): the second
finds no record, waits for the conversation's lock, and must then answer the first's message
(200), not fail its insert (409), and use up no message number.

SQLite serialises writers, so there the race is made by hiding the stored record from
create_once's first look; on PostgreSQL two real requests race (postgres fixture)."""

import uuid

import pytest

from app.models import Conversation, GuidanceQuestion, Message
from app.services import records
from tests.conftest import assert_error, entry_body, module_app

shared_app, app = module_app("repeat_send")


@pytest.fixture
def first_look_misses(monkeypatch):
    """create_once's first owner look for `model` finds nothing, once: as if the identical
    send committed just after it."""

    def hide(model):
        owner_query, _ = records._prepared(model)
        real, calls = owner_query.first, []

        def first(*args, **kwargs):
            calls.append(1)
            return None if len(calls) == 1 else real(*args, **kwargs)

        monkeypatch.setattr(owner_query, "first", first)

    return hide


def _url(p):
    return f"/api/placements/{p.id}/conversations/school/messages"


def test_a_repeat_that_lost_the_race_answers_the_stored_message(
    make_placement, login_as, first_look_misses
):
    p = make_placement()
    student = login_as(p.student)
    body = {"id": str(uuid.uuid4()), "body": "hoi"}
    assert student.post(_url(p), json=body).status_code == 201
    first_look_misses(Message)
    again = student.post(_url(p), json=body)
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["seq"] == 1
    assert Conversation.get(Conversation.placement == p.id).last_seq == 1  # no number used up
    assert Message.select().count() == 1


def test_another_body_under_that_id_is_still_a_conflict(
    make_placement, login_as, first_look_misses
):
    p = make_placement()
    student = login_as(p.student)
    message_id = str(uuid.uuid4())
    assert student.post(_url(p), json={"id": message_id, "body": "hoi"}).status_code == 201
    first_look_misses(Message)
    other = student.post(_url(p), json={"id": message_id, "body": "iets anders"})
    assert_error(other, 409, "id_conflict", field="id")
    assert Conversation.get(Conversation.placement == p.id).last_seq == 1


def test_a_repeated_question_that_lost_the_race_answers_the_stored_one(
    make_placement, login_as, first_look_misses
):
    p = make_placement()
    student = login_as(p.student)
    entry = student.post(f"/api/placements/{p.id}/entries", json=entry_body()).get_json()
    body = {
        "id": str(uuid.uuid4()),
        "question": "Vraag",
        "answer_mode": "call",
        "items": [{"kind": "entry", "id": entry["id"]}],
    }
    url = f"/api/placements/{p.id}/guidance-questions"
    assert student.post(url, json=body).status_code == 201
    first_look_misses(GuidanceQuestion)
    again = student.post(url, json=body)
    assert again.status_code == 200, again.get_json()
    assert GuidanceQuestion.select().count() == 1
    assert Message.select().count() == 1  # one opening message
