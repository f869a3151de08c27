"""The delivery pass posts through a pool of worker threads: the posts really overlap, yet the
outcome of every row is what a sequential pass gives; one post that breaks loses no other;
a push service gets one post at a time until it answered, and nothing once it asked to wait."""

import datetime as dt
import threading
import uuid

import pytest

from app.models import Delivery, PushSubscription
from app.models.notifications import FAILED, KIND_NO_ENTRY, PENDING, SENT
from app.push import pool, transport
from app.services import delivery, notifications
from tests.conftest import module_app
from tests.reminders_fixtures import push_service, reminder_settings, smtp, vapid_pem  # noqa: F401

shared_app, app = module_app("delivery_pool", PUSH_ALLOW_LOOPBACK=True)


@pytest.fixture
def configured(app, vapid_pem, smtp, monkeypatch):  # noqa: F811
    for key, value in reminder_settings(vapid_pem, smtp).items():
        monkeypatch.setitem(app.config, key, value)
    monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-11-18T17:30:00+01:00")
    monkeypatch.setitem(app.config, "PUSH_CONCURRENCY", 4)
    monkeypatch.setattr(pool, "CHUNK", 1)  # every post its own hand-over: the most overlap
    with app.app_context():
        yield app


def _user_with_device(make_user, push_service, name):  # noqa: F811
    user = make_user()
    device = push_service.subscriber(name)
    notifications.subscribe(
        user, uuid.uuid4(), device.endpoint, device.keys["p256dh"], device.keys["auth"]
    )
    notifications.enqueue(
        user, KIND_NO_ENTRY, "2026-11-18", "Uren schrijven", "Nog niets.", "/entry", 6 * 3600
    )
    return user


def _final_states():
    return {
        (d.user.email, d.state, d.channel, d.attempts)
        for d in Delivery.select().order_by(Delivery.id)
    }


@pytest.mark.parametrize("concurrency", [1, 4])
def test_the_same_final_states_at_any_concurrency(
    configured,
    make_user,
    push_service,  # noqa: F811
    smtp,  # noqa: F811
    concurrency,
):
    configured.config["PUSH_CONCURRENCY"] = concurrency
    push_service.delay = 0.01
    answers = [(201, 410, 503)[n % 3] for n in range(12)]
    users = [_user_with_device(make_user, push_service, f"u{n}") for n in range(12)]
    for n, status in enumerate(answers):
        push_service.answers[f"/push/u{n}"] = status

    assert delivery.deliver_due() == {SENT: 8, PENDING: 4}

    expected = {
        201: (SENT, "push", 0),
        410: (SENT, "email", 0),  # the subscription is gone: email stands in
        503: (PENDING, "", 1),  # busy: tried again later
    }
    assert _final_states() == {
        (user.email, *expected[status]) for user, status in zip(users, answers, strict=True)
    }
    left = {s.endpoint for s in PushSubscription.select()}
    assert left == {
        f"{push_service.origin}/push/u{n}" for n, status in enumerate(answers) if status != 410
    }
    assert sorted(p for p, _, _ in push_service.received) == sorted(
        f"/push/u{n}" for n, status in enumerate(answers) if status == 201
    )
    assert len(smtp.messages) == 4


def test_posts_are_on_the_wire_together(configured, make_user, push_service, monkeypatch):  # noqa: F811
    """Two posts held by the push service until both have arrived: a pass that posted one at
    a time would never get the second there, and the barrier would break. With the usual
    chunk size too: a short pass is spread over the threads in small chunks."""
    monkeypatch.setattr(pool, "CHUNK", 16)
    _user_with_device(make_user, push_service, "first")  # opens the service's gate
    _user_with_device(make_user, push_service, "x")
    _user_with_device(make_user, push_service, "y")
    together = threading.Barrier(2, timeout=10)
    push_service.barriers = {"/push/x": together, "/push/y": together}

    assert delivery.deliver_due() == {SENT: 3}
    assert push_service.rejected == []
    assert push_service.most_at_once >= 2


def test_a_service_that_has_not_answered_yet_gets_one_post_at_a_time(
    configured,
    make_user,
    push_service,  # noqa: F811
):
    push_service.delay = 0.02
    for n in range(6):
        _user_with_device(make_user, push_service, f"busy{n}")
        push_service.answers[f"/push/busy{n}"] = 503  # never a good answer: the gate stays shut

    assert delivery.deliver_due() == {PENDING: 6}
    assert len(push_service.posts) == 6
    assert push_service.most_at_once == 1


def test_a_service_asking_to_wait_gets_nothing_more_at_any_concurrency(
    configured,
    make_user,
    push_service,  # noqa: F811
):
    push_service.delay = 0.02  # slow answers: the other posts would be out before the first
    for n in range(8):
        _user_with_device(make_user, push_service, f"w{n}")
        push_service.answers[f"/push/w{n}"] = 429
        push_service.retry_after[f"/push/w{n}"] = "600"

    assert delivery.deliver_due() == {PENDING: 8}
    assert len(push_service.posts) == 1  # the first answer asked to wait: no second post
    waits = {
        (r.not_before - dt.datetime(2026, 11, 18, 16, 30)).total_seconds()
        for r in Delivery.select()
    }
    assert waits == {600.0}


def test_a_post_that_breaks_loses_no_other(configured, make_user, push_service, monkeypatch):  # noqa: F811
    post = transport.Session.post

    def breaks_for_one(session, target, body, headers):
        if target.path == "/push/bad":
            raise RuntimeError("a bug, not the network")
        return post(session, target, body, headers)

    monkeypatch.setattr(transport.Session, "post", breaks_for_one)
    users = {name: _user_with_device(make_user, push_service, name) for name in "abc"}
    bad = _user_with_device(make_user, push_service, "bad")
    users.update(
        {f"{name}2": _user_with_device(make_user, push_service, f"{name}2") for name in "ab"}
    )

    assert delivery.deliver_due() == {SENT: 5, FAILED: 1}
    assert Delivery.get(Delivery.user == bad.id).state == FAILED
    assert sorted(p for p, _, _ in push_service.received) == sorted(
        f"/push/{name}" for name in users
    )
    assert Delivery.select().where(Delivery.state == "sending").count() == 0


def test_the_pool_hands_back_every_ticket_whatever_a_post_does(monkeypatch):
    def post(session, target, body, headers):
        if body == b"boom":
            raise RuntimeError("boom")
        if body == b"down":
            raise OSError("connection refused")
        return transport.Answer(201, None, b"")

    monkeypatch.setattr(transport.Session, "post", post)
    target = transport.Target("push.example", 443, "/p", True, "192.0.2.1")
    with pool.Pool(3, lambda answer: None, chunk=2) as posts:
        for n, body in enumerate([b"ok", b"boom", b"ok", b"down", b"ok"]):
            posts.post(n, target, body, {})
        got = {}
        while posts.outstanding:
            got.update(posts.answers(block=True))
    assert sorted(got) == [0, 1, 2, 3, 4]
    assert [got[n].status for n in (0, 2, 4)] == [201, 201, 201]
    assert isinstance(got[1], RuntimeError) and isinstance(got[3], OSError)


def test_a_delivery_whose_hand_over_broke_stays_failed(
    configured,
    make_user,
    push_service,  # noqa: F811
    monkeypatch,
):
    """Its first device's post is out already (it cannot be called back), the hand-over of the
    second breaks: the row is FAILED, and that first answer does not turn it into SENT."""
    user = _user_with_device(make_user, push_service, "phone")
    tablet = push_service.subscriber("tablet")
    notifications.subscribe(
        user, uuid.uuid4(), tablet.endpoint, tablet.keys["p256dh"], tablet.keys["auth"]
    )
    other = _user_with_device(make_user, push_service, "other")
    post = pool.Pool.post

    def breaks_for_the_tablet(posts, ticket, target, body, headers):
        if target.path == "/push/tablet":
            raise RuntimeError("could not hand over")
        return post(posts, ticket, target, body, headers)

    monkeypatch.setattr(pool.Pool, "post", breaks_for_the_tablet)

    assert delivery.deliver_due() == {FAILED: 1, SENT: 1}
    assert Delivery.get(Delivery.user == user.id).state == FAILED
    assert Delivery.get(Delivery.user == other.id).state == SENT
