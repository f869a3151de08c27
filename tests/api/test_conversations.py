"""Conversations (#10): two lines per placement, messages sent once and numbered by the server,
read markers and unread counts, the cheap poll, and who may read which line."""

import threading
import uuid

import pytest

from app.models import Conversation, Message
from app.services import placements, users
from tests.api.chat_steps import send, url
from tests.conftest import AuthActions, assert_error, entry_body, module_app

shared_app, app = module_app("conversations")


@pytest.fixture
def world(make_placement, login_as):
    placement = make_placement()
    return {
        "placement": placement,
        "student": login_as(placement.student),
        "trainer": login_as(placement.praktijkopleider),
        "docent": login_as(placement.docent),
    }


def test_a_message_is_sent_once_and_numbered_by_the_server(world):
    p, student = world["placement"], world["student"]
    body = {"id": str(uuid.uuid4()), "body": "Mag ik morgen later komen?"}
    key = str(uuid.uuid4())
    first = student.post(url(p, "stage"), json=body, headers={"Idempotency-Key": key})
    assert first.status_code == 201, first.get_json()
    assert first.get_json()["seq"] == 1
    # The answer was lost: the outbox sends again, alone and inside a batch.
    again = student.post(url(p, "stage"), json=body, headers={"Idempotency-Key": key})
    assert (again.status_code, again.get_json()) == (201, first.get_json())
    op = {"op_id": key, "method": "POST", "path": url(p, "stage"), "body": body}
    batch = student.post("/api/sync/batch", json={"operations": [op]}).get_json()
    assert batch["results"][0]["body"] == first.get_json()
    without_key = student.post(url(p, "stage"), json=body)
    assert without_key.status_code == 200
    assert Message.select().count() == 1
    other = student.post(url(p, "stage"), json={**body, "body": "iets anders"})
    assert_error(other, 409, "id_conflict")


def test_everyone_sees_one_order(world):
    p = world["placement"]
    for who, text in (("student", "een"), ("trainer", "twee"), ("docent", "drie")):
        assert send(world[who], p, "stage", text).status_code == 201
    orders = {
        who: [(m["seq"], m["body"]) for m in world[who].get(url(p, "stage")).get_json()]
        for who in ("student", "trainer", "docent")
    }
    assert orders["student"] == orders["trainer"] == orders["docent"]
    assert orders["student"] == [(1, "een"), (2, "twee"), (3, "drie")]


def test_concurrent_senders_get_distinct_consecutive_numbers(world, app):
    p = world["placement"]
    clients = [app.test_client() for _ in range(3)]
    for c, who in zip(clients, ("student", "praktijkopleider", "docent"), strict=True):
        assert AuthActions(c).login(getattr(p, who)).status_code == 200
    answers = []

    def run(c, n):
        for i in range(5):
            answers.append(send(c, p, "stage", f"{n}-{i}").status_code)
            # Reading while others send: the line's row and the change counter are always
            # locked in the same order, so PostgreSQL finds no deadlock.
            assert c.put(url(p, "stage", "read"), json={"seq": 99}).status_code == 200

    threads = [threading.Thread(target=run, args=(c, n)) for n, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [201] * 15
    seqs = sorted(m.seq for m in Message.select())
    assert seqs == list(range(1, 16))


def test_a_body_past_4000_characters_is_refused_naming_the_field(world):
    p, student = world["placement"], world["student"]
    assert send(student, p, "stage", "x" * 4000).status_code == 201
    assert_error(send(student, p, "stage", "x" * 4001), 422, field="body")
    assert_error(send(student, p, "stage", "   "), 422, field="body")
    assert Message.select().count() == 1


def test_the_trainer_never_sees_the_school_line(world):
    p, student, trainer = world["placement"], world["student"], world["trainer"]
    secret = send(student, p, "school", "Er gebeurt iets vervelends").get_json()
    assert_error(trainer.get(url(p, "school")), 404)
    assert_error(send(trainer, p, "school", "hallo"), 404)
    assert_error(trainer.get(f"/api/messages/{secret['id']}"), 404)
    assert_error(trainer.put(url(p, "school", "read"), json={"seq": 1}), 404)
    assert_error(trainer.get(f"/api/placements/{p.id}/conversations/school"), 404)
    lines = trainer.get("/api/conversations").get_json()
    assert [(x["placement_id"], x["line"]) for x in lines] == [(p.id, "stage")]
    for feed in ("/api/sync/changes?since=0", f"/api/sync/changes?since=0&placement={p.id}"):
        changes = trainer.get(feed).get_json()["changes"]
        assert "vervelends" not in str(changes), feed
        assert all(c["data"].get("line") != "school" for c in changes if c["data"]), feed
        assert not [c for c in changes if c["kind"] == "guidance_question"], feed
    poll = trainer.get("/api/conversations/poll").get_json()
    assert [x["line"] for x in poll["lines"]] == ["stage"]
    assert poll["total_unread"] == 0
    # The docent reads it.
    assert [m["body"] for m in world["docent"].get(url(p, "school")).get_json()] == [
        "Er gebeurt iets vervelends"
    ]


def test_coordinators_read_neither_line(world, make_user):
    from app.models.users import COORDINATOR

    p = world["placement"]
    send(world["student"], p, "stage", "hoi")
    coordinator = make_user(COORDINATOR)
    c = world["student"].application.test_client()
    AuthActions(c).login(coordinator)
    for line in ("stage", "school"):
        assert_error(c.get(url(p, line)), 404)
    assert c.get("/api/conversations").get_json() == []


def test_a_trainer_who_leaves_and_a_reassigned_docent_lose_access_and_their_phones_drop_it(
    world, make_user, make_company
):
    from app.models.users import TEACHER

    p, student, trainer, docent = (world[k] for k in ("placement", "student", "trainer", "docent"))
    send(student, p, "stage", "stagebericht")
    send(student, p, "school", "schoolbericht")
    cursors = {}
    for who in ("trainer", "docent"):
        feed = world[who].get("/api/sync/changes?since=0").get_json()
        kinds = {c["kind"] for c in feed["changes"]}
        assert {"message", "conversation"} <= kinds
        cursors[who] = feed["cursor"]
    with student.application.app_context():
        users.move_to_company(p.praktijkopleider, make_company())
        placements.reassign(p.id, docent=make_user(TEACHER).id)
    for who in ("trainer", "docent"):
        client = world[who]
        later = client.get(f"/api/sync/changes?since={cursors[who]}").get_json()["changes"]
        assert [(c["kind"], c["id"], c["revoked"]) for c in later] == [
            ("placement", str(p.id), True)
        ]
        assert_error(client.get(url(p, "stage")), 404)
        assert_error(send(client, p, "stage", "nog iets"), 404)
        assert client.get("/api/conversations").get_json() == []


def test_a_message_may_point_to_one_of_the_students_items(world, make_placement):
    p, student, trainer = world["placement"], world["student"], world["trainer"]
    entry = student.post(f"/api/placements/{p.id}/entries", json=entry_body()).get_json()
    sent = send(student, p, "stage", "Klopt dit?", item={"kind": "entry", "id": entry["id"]})
    assert sent.status_code == 201, sent.get_json()
    shown = trainer.get(url(p, "stage")).get_json()[0]
    assert shown["item"]["kind"] == "entry"
    assert shown["item"]["data"]["description"] == entry["description"]
    assert_error(
        send(student, p, "stage", "x", item={"kind": "cake", "id": entry["id"]}), 422, field="item"
    )
    assert_error(
        send(student, p, "stage", "x", item={"kind": "placement", "id": str(p.id)}),
        422,
        field="item",
    )
    # An item of another placement is no item of this conversation.
    other = make_placement()
    with student.application.app_context():
        from app.services import entries

        foreign = entries.create_entry(
            other.student, other.id, {**entry_body(), "id": uuid.uuid4()} | _typed()
        )[0]
    assert_error(
        send(student, p, "stage", "x", item={"kind": "entry", "id": str(foreign.id)}),
        422,
        field="item",
    )
    assert_error(
        send(student, p, "stage", "x", item={"kind": "entry", "id": "not-a-uuid"}),
        422,
        field="item",
    )


def _typed():
    import datetime as dt

    from tests.conftest import TODAY

    return {"date": TODAY, "start_time": dt.time(8, 30), "end_time": dt.time(12), "category": 1}


def test_html_is_stored_and_answered_as_text(world):
    p, student = world["placement"], world["student"]
    html = '<img src=x onerror="alert(1)"><b>vet</b>'
    assert send(student, p, "stage", html).get_json()["body"] == html


def test_conversation_rows_are_one_per_line(world):
    p, student, docent = world["placement"], world["student"], world["docent"]
    send(student, p, "stage", "a")
    send(docent, p, "stage", "b")
    send(student, p, "school", "c")
    assert Conversation.select().count() == 2


BAD = [
    # (what, method, tail, body, field)
    ("read-seq-text", "PUT", "stage/read", {"seq": "drie"}, "seq"),
    ("read-seq-negative", "PUT", "stage/read", {"seq": -1}, "seq"),
    ("read-seq-huge", "PUT", "stage/read", {"seq": 2**40}, "seq"),
    ("read-unknown-field", "PUT", "stage/read", {"seq": 1, "user_id": 3}, "user_id"),
    ("message-no-id", "POST", "stage/messages", {"body": "hoi"}, "id"),
    ("message-bad-id", "POST", "stage/messages", {"id": "1", "body": "hoi"}, "id"),
    ("message-body-number", "POST", "stage/messages", {"id": "ID", "body": 5}, "body"),
    ("message-no-body", "POST", "stage/messages", {"id": "ID"}, "body"),
    ("message-item-shape", "POST", "stage/messages", {"id": "ID", "body": "x", "item": 3}, "item"),
    (
        "message-item-no-id",
        "POST",
        "stage/messages",
        {"id": "ID", "body": "x", "item": {"kind": "entry"}},
        "item",
    ),
    (
        "message-question-not-uuid",
        "POST",
        "school/messages",
        {"id": "ID", "body": "x", "question_id": "vraag"},
        "question_id",
    ),
    (
        "message-unknown-question",
        "POST",
        "school/messages",
        {"id": "ID", "body": "x", "question_id": str(uuid.uuid4())},
        "question_id",
    ),
]


@pytest.mark.parametrize(("what", "method", "tail", "body", "field"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_names_the_field_and_changes_nothing(world, what, method, tail, body, field):
    p, student = world["placement"], world["student"]
    body = {k: (str(uuid.uuid4()) if v == "ID" else v) for k, v in body.items()}
    response = student.open(
        f"/api/placements/{p.id}/conversations/{tail}", method=method, json=body
    )
    assert_error(response, 422, field=field)
    assert Message.select().count() == 0
