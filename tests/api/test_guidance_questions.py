"""Guidance questions (#10, HU Stage-App): at most three of the student's own items, shared as
they were; the docent answers in the thread or proposes a time; the student resolves it."""

import uuid

import pytest

from app.models import Delivery, GuidanceQuestion, Message
from tests.conftest import TODAY, assert_error, entry_body, module_app

shared_app, app = module_app("guidance")


@pytest.fixture
def world(make_placement, login_as):
    placement = make_placement()
    student = login_as(placement.student)
    entries = []
    for hour in range(8, 12):
        body = entry_body(start=f"{hour:02d}:00", end=f"{hour:02d}:30", description=f"taak {hour}")
        answer = student.post(f"/api/placements/{placement.id}/entries", json=body)
        assert answer.status_code == 201, answer.get_json()
        entries.append(answer.get_json())
    return {
        "placement": placement,
        "student": student,
        "trainer": login_as(placement.praktijkopleider),
        "docent": login_as(placement.docent),
        "entries": entries,
    }


def ask(client, placement, items, question="Hoe kan ik dit beter plannen?", mode="call"):
    body = {
        "id": str(uuid.uuid4()),
        "question": question,
        "answer_mode": mode,
        "items": [{"kind": "entry", "id": e["id"]} for e in items],
    }
    return client.post(f"/api/placements/{placement.id}/guidance-questions", json=body)


def test_the_docent_sees_exactly_the_shared_items_as_they_were(world):
    p, student, docent = world["placement"], world["student"], world["docent"]
    shared = world["entries"][:2]
    made = ask(student, p, shared)
    assert made.status_code == 201, made.get_json()
    question = made.get_json()
    # The student changes an entry afterwards: the docent still sees it as shared.
    first = shared[0]
    changed = student.patch(
        f"/api/entries/{first['id']}", json={"description": "later"}, headers={"If-Match": '"1"'}
    )
    assert changed.status_code == 200
    seen = docent.get(f"/api/guidance-questions/{question['id']}").get_json()
    assert [i["id"] for i in seen["items"]] == [e["id"] for e in shared]
    assert seen["items"][0]["data"]["description"] == "taak 8"
    assert "taak 10" not in str(seen)
    # The question opens a thread on the School line, and the docent is told.
    thread = docent.get(f"/api/placements/{p.id}/conversations/school/messages").get_json()
    assert [(m["body"], m["question_id"]) for m in thread] == [
        ("Hoe kan ik dit beter plannen?", question["id"])
    ]
    assert Delivery.get(Delivery.kind == "guidance_question").user_id == p.docent_id


def test_a_fourth_item_is_refused(world):
    p, student = world["placement"], world["student"]
    assert_error(ask(student, p, world["entries"][:4]), 422, field="items")
    assert_error(ask(student, p, []), 422, field="items")
    twice = [world["entries"][0], world["entries"][0]]
    assert_error(ask(student, p, twice), 422, "duplicate_item", field="items")
    assert GuidanceQuestion.select().count() == 0
    assert Message.select().count() == 0


def test_only_the_student_asks_and_the_trainer_never_sees_it(world):
    p = world["placement"]
    assert_error(ask(world["docent"], p, world["entries"][:1]), 403)
    assert_error(ask(world["trainer"], p, world["entries"][:1]), 404)
    question = ask(world["student"], p, world["entries"][:1]).get_json()
    assert_error(world["trainer"].get(f"/api/guidance-questions/{question['id']}"), 404)
    assert_error(world["trainer"].get(f"/api/placements/{p.id}/guidance-questions"), 404)
    feed = world["trainer"].get("/api/sync/changes?since=0").get_json()["changes"]
    assert not [c for c in feed if c["kind"] == "guidance_question"]


def test_answer_in_the_thread_propose_a_time_and_resolve(world):
    p, student, docent = world["placement"], world["student"], world["docent"]
    question = ask(student, p, world["entries"][:1], mode="written").get_json()
    assert question["status"] == "open"
    answer = {"id": str(uuid.uuid4()), "body": "Plan het per dag.", "question_id": question["id"]}
    sent = docent.post(f"/api/placements/{p.id}/conversations/school/messages", json=answer)
    assert sent.status_code == 201, sent.get_json()
    now = docent.get(f"/api/guidance-questions/{question['id']}")
    assert now.get_json()["status"] == "answered"
    version = now.headers["ETag"]
    proposed = docent.patch(
        f"/api/guidance-questions/{question['id']}",
        json={"proposed_at": f"{TODAY.isoformat()}T14:00:00+01:00", "proposed_note": "Bellen?"},
        headers={"If-Match": version},
    )
    assert proposed.status_code == 200, proposed.get_json()
    assert proposed.get_json()["proposed_at"].startswith(f"{TODAY.isoformat()}T13:00")
    # The student may not propose; the docent may not resolve.
    tag = proposed.headers["ETag"]
    url = f"/api/guidance-questions/{question['id']}"
    assert_error(
        student.patch(url, json={"proposed_at": "2026-11-20T10:00:00Z"}, headers={"If-Match": tag}),
        403,
    )
    assert_error(docent.patch(url, json={"resolved": True}, headers={"If-Match": tag}), 403)
    assert_error(student.patch(url, json={"resolved": True}), 428)
    resolved = student.patch(url, json={"resolved": True}, headers={"If-Match": tag})
    assert resolved.get_json()["status"] == "resolved"
    stale = student.patch(url, json={"resolved": True}, headers={"If-Match": tag})
    assert stale.status_code == 412


def test_an_answer_to_a_question_of_another_placement_is_refused(world, make_placement, login_as):
    p = world["placement"]
    question = ask(world["student"], p, world["entries"][:1]).get_json()
    other = make_placement(docent=p.docent)
    body = {"id": str(uuid.uuid4()), "body": "Hallo", "question_id": question["id"]}
    answer = world["docent"].post(
        f"/api/placements/{other.id}/conversations/school/messages", json=body
    )
    assert_error(answer, 422, "question_not_found", field="question_id")
    on_stage = world["docent"].post(
        f"/api/placements/{p.id}/conversations/stage/messages",
        json={**body, "id": str(uuid.uuid4())},
    )
    assert_error(on_stage, 422, field="question_id")


def test_dashboard_helpers_name_what_waits_for_the_docent(world, app):
    from app.services import guidance

    p, student, docent = world["placement"], world["student"], world["docent"]
    school = f"/api/placements/{p.id}/conversations/school/messages"
    with app.app_context():
        assert guidance.unanswered_questions([p.id]) == {}
        assert guidance.unanswered_school_messages([p.id]) == {}
    ask(student, p, world["entries"][:1])
    student.post(school, json={"id": str(uuid.uuid4()), "body": "Nog een vraag"})
    with app.app_context():
        assert set(guidance.unanswered_questions([p.id])) == {p.id}
        assert set(guidance.unanswered_school_messages([p.id])) == {p.id}
    docent.post(school, json={"id": str(uuid.uuid4()), "body": "Ik kijk ernaar"})
    with app.app_context():
        assert guidance.unanswered_school_messages([p.id]) == {}
        assert set(guidance.unanswered_questions([p.id])) == {p.id}  # not answered in its thread


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"answer_mode": "pigeon"}, "answer_mode"),
        ({"items": "entry"}, "items"),
        ({"items": [{"kind": "entry"}]}, "items"),
        ({"question": ""}, "question"),
        ({"question": "x" * 4001}, "question"),
        ({"items": [{"kind": "cake", "id": "1"}]}, "items"),
    ],
)
def test_bad_questions_are_refused_naming_the_field(world, change, field):
    p = world["placement"]
    body = {
        "id": str(uuid.uuid4()),
        "question": "Vraag",
        "answer_mode": "written",
        "items": [{"kind": "entry", "id": world["entries"][0]["id"]}],
        **change,
    }
    response = world["student"].post(f"/api/placements/{p.id}/guidance-questions", json=body)
    assert_error(response, 422, field=field)
    assert GuidanceQuestion.select().count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"proposed_at": "2026-11-20T10:00:00"}, "proposed_at"),  # no time zone
        ({"proposed_at": "9999-12-31T23:00:00-14:00"}, "proposed_at"),  # past the last UTC year
        ({"proposed_at": "0001-01-01T00:30:00+14:00"}, "proposed_at"),  # before the first
        ({"proposed_at": "2031-01-01T10:00:00+01:00"}, "proposed_at"),  # years away
        ({"proposed_at": "2020-01-01T10:00:00+01:00"}, "proposed_at"),
        ({"proposed_note": "zonder tijd"}, "proposed_note"),
        ({"resolved": False}, "resolved"),
        ({}, "_schema"),
    ],
)
def test_bad_question_changes_are_refused(world, change, field):
    p = world["placement"]
    question = ask(world["student"], p, world["entries"][:1]).get_json()
    response = world["docent"].patch(
        f"/api/guidance-questions/{question['id']}", json=change, headers={"If-Match": '"1"'}
    )
    assert_error(response, 422, field=field)
