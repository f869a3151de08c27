"""Delivering reminders: push to every device, gone subscriptions forgotten, retries, quiet
hours, email fallback, and at most once with two scheduler processes at once."""

import datetime as dt
import json
import socket
import subprocess
import sys
import textwrap
import uuid

import pytest

from app.models import Delivery, PushSubscription
from app.models.notifications import KIND_NO_ENTRY, PENDING, SENT
from app.services import delivery, notifications, push_sending
from tests.conftest import module_app
from tests.reminders_fixtures import push_service, reminder_settings, smtp, vapid_pem  # noqa: F401

shared_app, app = module_app("delivery", PUSH_ALLOW_LOOPBACK=True)
WEDNESDAY_EVENING = "2026-11-18T17:30:00+01:00"


@pytest.fixture
def configured(app, vapid_pem, smtp):  # noqa: F811
    app.config.update(reminder_settings(vapid_pem, smtp), FROZEN_NOW=WEDNESDAY_EVENING)
    with app.app_context():
        yield app


def _subscribe(user, subscriber):
    return notifications.subscribe(
        user, uuid.uuid4(), subscriber.endpoint, subscriber.keys["p256dh"], subscriber.keys["auth"]
    )


def _enqueue(user, period="2026-11-18", ttl=6 * 3600):
    return notifications.enqueue(
        user,
        KIND_NO_ENTRY,
        period,
        "Uren schrijven",
        "Je hebt vandaag nog niets geschreven.",
        "/entry",
        ttl,
    )


def test_a_reminder_reaches_every_device_and_a_gone_one_is_forgotten(
    configured,
    make_user,
    push_service,  # noqa: F811
):
    user = make_user()
    phone, old_tablet = push_service.subscriber("phone"), push_service.subscriber("tablet")
    _subscribe(user, phone)
    _subscribe(user, old_tablet)
    push_service.answers["/push/tablet"] = 410

    assert _enqueue(user) is True
    assert _enqueue(user) is False  # the same reminder twice: recorded once
    assert delivery.deliver_due() == {SENT: 1}

    ((path, headers, data),) = push_service.received
    assert path == "/push/phone"
    assert data == {
        "web_push": 8030,
        "mutable": True,
        "notification": {
            "title": "Uren schrijven",
            "body": "Je hebt vandaag nog niets geschreven.",
            "navigate": "https://stagewijs.test/entry",
        },
    }
    assert headers["Urgency"] == "normal" and headers["Topic"] == "no-entry"
    assert 0 < int(headers["TTL"]) <= 6 * 3600
    assert [s.endpoint for s in PushSubscription.select()] == [phone.endpoint]
    assert delivery.deliver_due() == {}  # nothing twice


def test_without_a_working_subscription_email_stands_in(configured, make_user, push_service, smtp):  # noqa: F811
    user = make_user()
    gone = push_service.subscriber("gone")
    _subscribe(user, gone)
    push_service.answers["/push/gone"] = 404
    _enqueue(user)

    assert delivery.deliver_due() == {SENT: 1}

    assert Delivery.get().channel == "email"
    ((recipients, text),) = smtp.messages
    assert recipients == [user.email]
    assert "Subject: Uren schrijven" in text and "https://stagewijs.test/entry" in text
    assert PushSubscription.select().count() == 0


def test_a_busy_push_service_is_tried_again_later(configured, make_user, push_service):  # noqa: F811
    user = make_user()
    _subscribe(user, push_service.subscriber("busy"))
    push_service.answers["/push/busy"] = 503
    _enqueue(user)

    assert delivery.deliver_due() == {PENDING: 1}
    row = Delivery.get()
    assert (row.attempts, row.state) == (1, PENDING)
    assert delivery.deliver_due() == {}  # not before its backoff

    push_service.answers["/push/busy"] = 201
    configured.config["FROZEN_NOW"] = "2026-11-18T17:32:00+01:00"
    assert delivery.deliver_due() == {SENT: 1}
    assert len(push_service.received) == 1


def test_a_push_service_asking_to_wait_gets_nothing_until_then(configured, make_user, push_service):  # noqa: F811
    """RFC 8030 section 8.4: a 429 with Retry-After means "not before then", for that service."""
    first, second = make_user(), make_user()
    _subscribe(first, push_service.subscriber("one"))
    _subscribe(second, push_service.subscriber("two"))
    push_service.answers["/push/one"] = 429
    push_service.retry_after["/push/one"] = "600"  # ten minutes, longer than the first backoff
    _enqueue(first)
    _enqueue(second)

    assert delivery.deliver_due() == {PENDING: 2}
    # The second push went nowhere: the service had just asked to wait.
    assert len(push_service.posts) == 1
    rows = list(Delivery.select())
    assert all(r.state == PENDING and r.attempts == 1 for r in rows)
    # Both wait the ten minutes, not the one-minute backoff.
    waits = {(r.not_before - dt.datetime(2026, 11, 18, 16, 30)).total_seconds() for r in rows}
    assert waits == {600.0}, waits

    push_service.answers["/push/one"] = 201
    configured.config["FROZEN_NOW"] = "2026-11-18T17:35:00+01:00"
    assert delivery.deliver_due() == {}  # five minutes on: still waiting
    configured.config["FROZEN_NOW"] = "2026-11-18T17:40:30+01:00"
    assert delivery.deliver_due() == {SENT: 2}


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120),
        ("0", 0),
        ("Wed, 18 Nov 2026 16:45:00 GMT", 15 * 60),  # an HTTP date, 15 minutes on
        ("Wed, 18 Nov 2026 16:00:00 GMT", 0),  # in the past: no wait
        ("99999999999", 86400),  # capped at a day
        ("soon", None),
        ("-5", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_header_values(header, seconds):
    now = dt.datetime(2026, 11, 18, 16, 30, tzinfo=dt.UTC)
    wait = push_sending.retry_after(header, now)
    assert (wait if wait is None else wait.total_seconds()) == seconds


def test_quiet_hours_defer_rather_than_drop(configured, make_user, push_service):  # noqa: F811
    user = make_user()
    _subscribe(user, push_service.subscriber("night"))
    configured.config["FROZEN_NOW"] = "2026-11-18T22:15:00+01:00"
    _enqueue(user, ttl=24 * 3600)

    assert delivery.deliver_due() == {PENDING: 1}
    assert push_service.received == []
    assert Delivery.get().not_before == dt.datetime(2026, 11, 19, 6, 30)  # 07:30 local

    configured.config["FROZEN_NOW"] = "2026-11-19T07:30:00+01:00"
    assert delivery.deliver_due() == {SENT: 1}


def test_a_kind_switched_off_is_not_recorded_and_a_digest_waits(configured, make_user):
    user = make_user()
    notifications.update_settings(user, {"modes": {KIND_NO_ENTRY: "off"}})
    assert _enqueue(user) is False
    notifications.update_settings(user, {"modes": {KIND_NO_ENTRY: "digest"}})
    configured.config["FROZEN_NOW"] = "2026-11-18T12:00:00+01:00"
    assert _enqueue(user) is True
    assert Delivery.get().not_before == dt.datetime(2026, 11, 18, 17, 0)  # 18:00 local


SENDER = textwrap.dedent(
    """
    import json, sys
    from app import create_app
    from app.services import delivery
    app = create_app(json.loads(sys.argv[1]))
    with app.app_context():
        total = {}
        for _ in range(5):
            for state, n in delivery.deliver_due(limit=20).items():
                total[state] = total.get(state, 0) + n
        print(json.dumps(total))
    """
)


def test_two_scheduler_processes_deliver_each_reminder_once(configured, make_user, push_service):  # noqa: F811
    users = [make_user() for _ in range(40)]
    for n, user in enumerate(users):
        _subscribe(user, push_service.subscriber(f"u{n}"))
        _enqueue(user)
    settings = {
        k: configured.config[k]
        for k in (
            "DATABASE_URL",
            "SECRET_KEY",
            "VAPID_PRIVATE_KEY",
            "PUSH_ALLOW_LOOPBACK",
            "PUBLIC_URL",
            "FROZEN_NOW",
            "MAIL_SERVER",
            "MAIL_PORT",
            "MAIL_USE_TLS",
        )
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SENDER, json.dumps(settings)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outputs
    sent = sum(json.loads(out).get(SENT, 0) for out, _ in outputs)
    assert sent == 40
    paths = sorted(path for path, _, _ in push_service.received)
    assert paths == sorted(f"/push/u{n}" for n in range(40))  # each exactly once
    assert Delivery.select().where(Delivery.state == SENT).count() == 40


def test_a_subscription_with_broken_keys_strands_nobody(configured, make_user, push_service):  # noqa: F811
    """Keys that passed an older check, or were written by hand: that subscription goes, and the
    rest of the batch is delivered."""
    broken, fine = make_user(), make_user()
    PushSubscription.create(
        user=broken,
        device_id=uuid.uuid4(),
        endpoint=push_service.origin + "/push/b",
        p256dh="B" + "A" * 86,
        auth="A" * 22,
    )
    _subscribe(fine, push_service.subscriber("fine"))
    _enqueue(broken)
    _enqueue(fine)
    assert delivery.deliver_due() == {SENT: 2}  # the broken one by email
    assert [p for p, _, _ in push_service.received] == ["/push/fine"]
    assert PushSubscription.select().where(PushSubscription.user == broken.id).count() == 0
    assert Delivery.select().where(Delivery.state == "sending").count() == 0


def test_a_name_that_does_not_resolve_now_keeps_its_subscription(
    configured, make_user, monkeypatch
):
    user = make_user()
    notifications.subscribe(user, uuid.uuid4(), "https://fcm.googleapis.com/fcm/send/abc", *_keys())
    configured.config["PUSH_ALLOW_LOOPBACK"] = False

    def no_dns(*args, **kwargs):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    _enqueue(user)
    assert delivery.deliver_due() == {PENDING: 1}  # tried again later
    assert PushSubscription.select().count() == 1


def test_the_same_browser_under_a_new_device_id_is_stored_once(configured, make_user, push_service):  # noqa: F811
    user = make_user()
    browser = push_service.subscriber("same")
    _subscribe(user, browser)
    _subscribe(user, browser)  # the phone's data was cleared: a new device id, same endpoint
    assert PushSubscription.select().count() == 1
    _enqueue(user)
    delivery.deliver_due()
    assert len(push_service.received) == 1


def test_push_that_keeps_failing_falls_back_to_email(configured, make_user, push_service, smtp):  # noqa: F811
    user = make_user()
    _subscribe(user, push_service.subscriber("down"))
    push_service.answers["/push/down"] = 503
    _enqueue(user, ttl=24 * 3600)
    Delivery.update(attempts=5).execute()  # the last try
    assert delivery.deliver_due() == {SENT: 1}
    assert Delivery.get().channel == "email" and len(smtp.messages) == 1


def _keys():
    from tests.push_service import Subscriber

    keys = Subscriber(type("Service", (), {"origin": "https://x"})(), "k").keys
    return keys["p256dh"], keys["auth"]
