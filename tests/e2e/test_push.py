"""Web push end to end: the student says yes to reminders inside a tap, the server posts an
encrypted reminder to a push service (a local one that checks VAPID and decrypts), the push
reaches the service worker through the DevTools protocol, the worker shows it, and a click
opens the right screen in the app's open window.

Headless Chromium has no push service, so `pushManager.subscribe` is answered by an init
script with the keys of a subscription the test made; everything after that is real.
"""

import datetime as dt
import json
import uuid

import pytest
from e2e_steps import SCHOOL_ZONE, eventually, ready, start_student, today
from py_vapid import Vapid02

from app.models import Delivery, HourEntry, PushSubscription
from app.models.notifications import KIND_WEEK_REJECTED
from app.push import vapid
from app.services import delivery, notifications
from tests.push_service import PushService

pytestmark = pytest.mark.e2e

FAKE_SUBSCRIBE = """([endpoint, p256dh, auth]) => {
  const subscription = {
    endpoint, options: { userVisibleOnly: true },
    toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
    unsubscribe: async () => true,
  };
  let made = null;
  PushManager.prototype.subscribe = async () => (made = subscription);
  PushManager.prototype.getSubscription = async () => made;
  // The browser has granted notifications (so the worker may show them), but the page sees
  // the state of a phone that was never asked, until it asks.
  let asked = false;
  Object.defineProperty(Notification, 'permission', { get: () => (asked ? 'granted' : 'default') });
  Notification.requestPermission = async () => { asked = true; return 'granted'; };
}"""


@pytest.fixture
def push_ready(server, monkeypatch):
    # Midday, so quiet hours (21:00-07:30) never hold the reminder back whenever the suite runs.
    midday = dt.datetime.combine(today(), dt.time(12), SCHOOL_ZONE)
    monkeypatch.setitem(server.app.config, "FROZEN_NOW", midday.isoformat())
    key = Vapid02()
    key.generate_keys()
    monkeypatch.setitem(server.app.config, "VAPID_PRIVATE_KEY", key.private_pem().decode())
    monkeypatch.setitem(server.app.config, "PUSH_ALLOW_LOOPBACK", True)
    monkeypatch.setitem(server.app.config, "PUBLIC_URL", server.url)
    server.app.extensions.pop("vapid", None)
    # The push service checks the VAPID token's expiry against the app's (frozen) clock.
    with PushService(vapid.public_key(server.app), now=midday.timestamp) as service:
        yield service
    server.app.extensions.pop("vapid", None)


def _registration_id(cdp, page):
    found = []
    cdp.on("ServiceWorker.workerRegistrationUpdated", lambda ev: found.extend(ev["registrations"]))
    cdp.send("ServiceWorker.enable")
    for _ in range(50):
        if found:
            break
        page.wait_for_timeout(100)
    return found[0]["registrationId"]


def test_a_reminder_goes_from_the_server_to_a_notification_that_opens_its_screen(
    server, school, new_phone, push_ready
):
    student = school["student"]
    logged = HourEntry(
        id=uuid.uuid4(),
        placement=school["placement"],
        week=_week(school),
        date=_monday(),
        start_time=dt.time(8),
        end_time=dt.time(12),
        minutes=240,
        category=1,
        created_by=student,
        create_fingerprint="x" * 64,
    )
    logged.stamp()  # in the changes feed, as every write is
    logged.save(force_insert=True)
    sub = push_ready.subscriber("sanne")
    phone = new_phone()
    phone.grant_permissions(["notifications"], origin=server.url)
    phone.add_init_script(f"({FAKE_SUBSCRIBE})({json.dumps([sub.endpoint, *sub.keys.values()])})")
    page = phone.new_page()
    start_student(page, school)

    # The question comes after hours are logged; "yes" subscribes inside the tap.
    page.get_by_role("button", name="Ja, graag").click()
    eventually(
        lambda: PushSubscription.select().where(PushSubscription.user == student.id).count() == 1
    )
    assert PushSubscription.get(PushSubscription.user == student.id).endpoint == sub.endpoint

    # The server's reminder: encrypted, VAPID-signed, posted to the push service.
    label = _monday().strftime("%G-W%V")
    notifications.enqueue(
        student,
        KIND_WEEK_REJECTED,
        "week:test",
        f"Week {label[-2:]} is afgekeurd",
        "Lees de opmerking van je praktijkopleider.",
        f"/week?w={label}",
        3600,
    )
    delivery.deliver_due()
    assert push_ready.rejected == []
    ((_, headers, payload),) = [r for r in push_ready.received if r[0] == "/push/sanne"]
    assert payload["web_push"] == 8030 and payload["notification"]["navigate"].endswith(
        f"/week?w={label}"
    )
    mine = Delivery.get(Delivery.user == student.id)
    assert (mine.state, mine.channel) == ("sent", "push")

    # The push service hands it to the phone: the worker shows it.
    page.goto("/account")
    ready(page)
    cdp = phone.new_cdp_session(page)
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": server.url,
            "registrationId": _registration_id(cdp, page),
            "data": json.dumps(payload),
        },
    )
    shown = (
        "navigator.serviceWorker.ready.then((r) => r.getNotifications())"
        ".then((ns) => ns.map((n) => [n.title, n.body, n.data.navigate]))"
    )
    eventually(lambda: page.evaluate(shown) != [])
    ((title, body, navigate),) = page.evaluate(shown)
    assert (title, navigate) == (f"Week {label[-2:]} is afgekeurd", f"/week?w={label}")
    assert body == "Lees de opmerking van je praktijkopleider."

    # A click opens that week in the window that is open.
    (worker,) = phone.service_workers
    worker.evaluate("""async () => {
      const [n] = await self.registration.getNotifications();
      self.dispatchEvent(new NotificationEvent('notificationclick', { notification: n }));
    }""")
    page.wait_for_url(f"**/week?w={label}")


def test_logging_out_removes_this_phones_subscription(server, school, new_phone, push_ready):
    sub = push_ready.subscriber("uit")
    phone = new_phone()
    phone.grant_permissions(["notifications"], origin=server.url)
    phone.add_init_script(f"({FAKE_SUBSCRIBE})({json.dumps([sub.endpoint, *sub.keys.values()])})")
    page = phone.new_page()
    start_student(page, school)
    page.goto("/account")
    ready(page)
    mine = PushSubscription.select().where(PushSubscription.user == school["student"].id)
    page.get_by_role("button", name="Meldingen aanzetten").click()
    eventually(lambda: mine.count() == 1)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/login")
    assert mine.count() == 0


def _monday():
    day = today()
    return day - dt.timedelta(days=day.weekday())


def _week(school):
    from app.services.weeks import week_for_update

    return week_for_update(school["placement"], _monday())
