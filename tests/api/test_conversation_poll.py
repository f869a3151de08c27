"""The conversations' poll (#10): 304 until something changes for this user, unread counts
and read markers, the framework-free 304 being the app's own answer, and notifications (not to
the sender, not while the line is open, a preview only by choice)."""

import pytest

from app.models import Delivery, ReadMarker
from app.services import users
from tests.api.chat_steps import send, url
from tests.conftest import AuthActions, assert_error, module_app

shared_app, app = module_app("conversation_poll")


@pytest.fixture
def world(make_placement, login_as):
    placement = make_placement()
    return {
        "placement": placement,
        "student": login_as(placement.student),
        "trainer": login_as(placement.praktijkopleider),
        "docent": login_as(placement.docent),
    }


def test_unread_counts_and_read_markers(world):
    p, student, trainer, docent = (world[k] for k in ("placement", "student", "trainer", "docent"))
    send(trainer, p, "stage", "een")
    send(trainer, p, "stage", "twee")
    send(docent, p, "school", "drie")
    poll = student.get("/api/conversations/poll").get_json()
    assert poll["total_unread"] == 3
    unread = {x["line"]: x["unread"] for x in poll["lines"]}
    assert unread == {"stage": 2, "school": 1}
    # The trainer's own messages are not unread for them.
    assert trainer.get("/api/conversations/poll").get_json()["total_unread"] == 0
    read = student.put(url(p, "stage", "read"), json={"seq": 99})
    assert read.status_code == 200
    assert {"user_id": p.student_id, "name": p.student.name, "seq": 2} in read.get_json()["read"]
    # A marker never moves back.
    student.put(url(p, "stage", "read"), json={"seq": 1})
    marker = ReadMarker.get(ReadMarker.user == p.student_id)
    assert marker.last_read_seq == 2
    assert student.get("/api/conversations/poll").get_json()["total_unread"] == 1


def test_the_poll_answers_304_until_something_changes_for_this_user(world, make_placement):
    p, student, trainer = world["placement"], world["student"], world["trainer"]
    first = student.get("/api/conversations/poll")
    tag = first.headers["ETag"]
    assert first.get_json()["etag"] == tag
    same = student.get("/api/conversations/poll", headers={"If-None-Match": tag})
    assert same.status_code == 304 and same.get_data() == b""
    # Something elsewhere (another placement's conversation) changes nothing for this student.
    other = make_placement()
    other_client = student.application.test_client()
    AuthActions(other_client).login(other.student)
    send(other_client, other, "stage", "elders")
    assert student.get("/api/conversations/poll", headers={"If-None-Match": tag}).status_code == 304
    send(trainer, p, "stage", "nieuw")
    changed = student.get("/api/conversations/poll", headers={"If-None-Match": tag})
    assert changed.status_code == 200
    assert changed.get_json()["total_unread"] == 1
    assert changed.headers["ETag"] != tag
    # Someone reading my message changes my poll too (the "gelezen" mark).
    tag = trainer.get("/api/conversations/poll").headers["ETag"]
    student.put(url(p, "stage", "read"), json={"seq": 1})
    assert trainer.get("/api/conversations/poll", headers={"If-None-Match": tag}).status_code == 200


def test_messages_notify_the_others_once_per_unread_streak(world):
    p, student, trainer = world["placement"], world["student"], world["trainer"]
    send(trainer, p, "stage", "Geheimzinnig")
    send(trainer, p, "stage", "Vertrouwelijk")
    rows = list(Delivery.select().where(Delivery.kind == "message"))
    recipients = sorted(r.user_id for r in rows)
    assert recipients == sorted([p.student_id, p.docent_id])
    assert all("Geheim" not in r.body + r.title and "Vertrouw" not in r.body for r in rows)
    # The student reads, and the next message notifies again.
    student.put(url(p, "stage", "read"), json={"seq": 2})
    Delivery.delete().execute()
    ReadMarker.update(open_at=None).execute()
    send(trainer, p, "stage", "drie")
    assert {r.user_id for r in Delivery.select()} == {p.student_id, p.docent_id}


def test_no_notification_while_the_conversation_is_open(world):
    p, student, trainer = world["placement"], world["student"], world["trainer"]
    send(trainer, p, "stage", "een")
    Delivery.delete().execute()
    assert student.get(f"/api/conversations/poll?open={p.id}:stage").status_code == 200
    send(trainer, p, "stage", "twee")
    assert {r.user_id for r in Delivery.select()} == {p.docent_id}


def test_a_preview_only_when_the_user_allows_it(world):
    p, student, trainer = world["placement"], world["student"], world["trainer"]
    assert (
        student.patch("/api/notifications/settings", json={"message_preview": True}).status_code
        == 200
    )
    send(trainer, p, "stage", "Morgen om negen uur bij de balie graag " + "x" * 100)
    row = Delivery.get(Delivery.user == p.student_id)
    assert row.body.startswith("Morgen om negen uur") and len(row.body) <= 60
    other = Delivery.get(Delivery.user == p.docent_id)
    assert "Morgen" not in other.body


@pytest.mark.parametrize("value", ["1", "x:stage", "1:cafe", "1:school:2", "9" * 30 + ":stage"])
def test_a_bad_open_parameter_is_refused_naming_it(world, value):
    assert_error(world["student"].get(f"/api/conversations/poll?open={value}"), 422, field="open")


def test_poll_open_on_a_line_one_may_not_see_is_ignored(world):
    p, trainer = world["placement"], world["trainer"]
    send(world["student"], p, "school", "x")
    assert trainer.get(f"/api/conversations/poll?open={p.id}:school").status_code == 200
    assert not ReadMarker.select().where(ReadMarker.user == p.praktijkopleider_id).exists()


def test_the_fast_304_is_the_apps_own_answer(world, app, make_company):
    """The poll's framework-free path answers only a valid session's unchanged tag; everything
    else reaches the app (bad cookie: 401; ended session: 401; changed tag: 200)."""
    from app.services import auth

    p, student = world["placement"], world["student"]
    tag = student.get("/api/conversations/poll").headers["ETag"]
    fast = student.get("/api/conversations/poll", headers={"If-None-Match": tag})
    assert fast.status_code == 304
    assert fast.headers["Cache-Control"] == "no-store" and fast.headers["ETag"] == tag
    assert "default-src 'self'" in fast.headers["Content-Security-Policy"]
    # A forged cookie, or none, is the app's 401.
    stranger = app.test_client()
    stranger.set_cookie(app.config["SESSION_COOKIE_NAME"], "eyJfdXNlcl9pZCI6IjE6MSJ9.forged")
    assert_error(stranger.get("/api/conversations/poll", headers={"If-None-Match": tag}), 401)
    assert_error(
        app.test_client().get("/api/conversations/poll", headers={"If-None-Match": tag}), 401
    )
    # Another user's tag is not this user's.
    other_tag = world["trainer"].get("/api/conversations/poll").headers["ETag"]
    assert (
        student.get("/api/conversations/poll", headers={"If-None-Match": other_tag}).status_code
        == 200
    )
    # A trainer who moves company: the next poll is not "nothing new", on either path.
    trainer = world["trainer"]
    trainer_tag = trainer.get("/api/conversations/poll").headers["ETag"]
    assert (
        trainer.get("/api/conversations/poll", headers={"If-None-Match": trainer_tag}).status_code
        == 304
    )
    with app.app_context():
        users.move_to_company(p.praktijkopleider, make_company())
    moved = trainer.get("/api/conversations/poll", headers={"If-None-Match": trainer_tag})
    assert moved.status_code == 200 and moved.get_json()["lines"] == []
    # After logging out everywhere the same cookie gets nothing, not even a 304.
    with app.app_context():
        auth.logout(p.student)
    assert_error(student.get("/api/conversations/poll", headers={"If-None-Match": tag}), 401)


def test_a_session_past_its_lifetime_gets_401_on_both_paths(app, make_placement, monkeypatch):
    """On the app's clock (frozen here): a day past the lifetime, the cookie the fast path had
    verified is refused by it and by the app alike."""
    monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-11-18T10:00:00+01:00")
    placement = make_placement()
    student = app.test_client()
    assert AuthActions(student).login(placement.student).status_code == 200
    tag = student.get("/api/conversations/poll").headers["ETag"]
    poll = {"If-None-Match": tag}
    assert student.get("/api/conversations/poll", headers=poll).status_code == 304
    monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-12-01T10:00:00+01:00")  # 13 days on
    assert student.get("/api/conversations/poll", headers=poll).status_code == 304
    monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-12-03T10:00:00+01:00")  # 15 days on
    assert_error(student.get("/api/conversations/poll", headers=poll), 401)
    assert_error(student.get("/api/conversations"), 401)


def test_a_new_secret_key_ends_the_cookies_the_fast_path_verified(world, app, monkeypatch):
    student = world["student"]
    tag = student.get("/api/conversations/poll").headers["ETag"]
    poll = {"If-None-Match": tag}
    assert student.get("/api/conversations/poll", headers=poll).status_code == 304
    assert student.get("/api/conversations").status_code == 200  # verified on the app's path too
    monkeypatch.setattr(app, "secret_key", "another key altogether")
    assert_error(student.get("/api/conversations/poll", headers=poll), 401)
    assert_error(student.get("/api/conversations"), 401)
