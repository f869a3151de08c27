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


def test_identical_sends_at_once_on_postgresql_answer_one_message(postgres, tmp_path):
    """Two phones' worth of the same send, at once, twenty times: every answer is the one
    message (201 and 200), never a 409, and no message number is used up."""
    import threading

    from app import create_app
    from app.extensions import db
    from app.models import User
    from tests.conftest import AuthActions, fresh_database, test_config

    app = create_app(test_config(tmp_path / "unused", DATABASE_URL=postgres.new_database()))
    fresh_database(app)
    try:
        with app.app_context():
            placement = _postgres_placement(app)
            student = User.get_by_id(placement.student_id)
        clients = [app.test_client() for _ in range(2)]
        for client in clients:
            assert AuthActions(client).login(student).status_code == 200
        statuses = []
        for _ in range(20):
            body = {"id": str(uuid.uuid4()), "body": "tegelijk"}
            start = threading.Barrier(2)

            def send(client, body=body, start=start):
                start.wait()
                statuses.append(client.post(_url(placement), json=body).status_code)

            threads = [threading.Thread(target=send, args=(c,)) for c in clients]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        with app.app_context():
            db.connect(reuse_if_open=True)
            assert statuses.count(201) == 20 and statuses.count(200) == 20, statuses
            last = Conversation.get(Conversation.placement == placement.id).last_seq
            assert last == Message.select().count() == 20
    finally:
        db.close()


def _postgres_placement(app):
    import datetime as dt

    from argon2 import PasswordHasher

    from app.models import Company, Institution, Placement, Programme, User
    from app.models.placements import POK_DEFINITIEF
    from app.models.users import STUDENT, TEACHER, TRAINER
    from tests.conftest import PASSWORD, TODAY

    hashed = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    school = Institution.create(name="ROC Postgres")
    company = Company.create(institution=school, name="Bedrijf")

    def user(role, **extra):
        return User.create(
            institution=school,
            email=f"{role}-{uuid.uuid4().hex[:8]}@example.nl",
            name=role,
            role=role,
            password_hash=hashed,
            **extra,
        )

    placement = Placement(
        student=user(STUDENT),
        company=company,
        praktijkopleider=user(TRAINER, company=company),
        docent=user(TEACHER),
        programme=Programme.create(institution=school, name="Software developer", crebo="25998"),
        start_date=TODAY - dt.timedelta(weeks=8),
        end_date=TODAY + dt.timedelta(weeks=12),
        required_hours=800,
        pok_status=POK_DEFINITIEF,
    )
    placement.stamp()
    placement.save()
    return placement
