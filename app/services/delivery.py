"""Delivering reminders, at most once: the delivery pass the scheduler runs every 30 s.

A pass claims a batch of due rows under its own token in one statement (an atomic UPDATE: two
scheduler processes never get the same row), reads their users, settings and subscriptions in
three queries, respects quiet hours by deferring, pushes to every device of the user, falls
back to email, retries 429/5xx with backoff (or after the Retry-After the service names), and
forgets subscriptions the push service says are gone (404/410). A row claimed by a pass that
died mid-send is not sent again: at most once beats twice.
"""

import datetime as dt
import email.utils
import logging
import uuid

from flask import current_app

from app import clock, mail
from app.errors import NotFound
from app.models import Delivery, NotificationSettings, PushSubscription, User
from app.models.notifications import (
    FAILED,
    KIND_DIGEST,
    KIND_GUIDANCE,
    KIND_MESSAGE,
    PENDING,
    SENDING,
    SENT,
    SKIPPED,
)
from app.push import transport
from app.services import access, chat_notify
from app.services.notifications import end_of_quiet_hours, in_quiet_hours, naive_utc, parse_time

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
GONE = (404, 410)


def deliver_due(limit=500):
    """Send what is due now, in one batch of at most `limit`. Returns {state: count}.

    The batch is claimed in one statement under a token of this pass (another scheduler
    process claims other rows, never the same), and read with its users, settings and
    subscriptions in three queries: the per-message work is encrypting and posting.
    """
    now = clock.utcnow()
    due = [
        delivery_id
        for (delivery_id,) in Delivery.select(Delivery.id)
        .where((Delivery.state == PENDING) & (Delivery.not_before <= now))
        .order_by(Delivery.not_before, Delivery.id)
        .limit(limit)
        .tuples()
    ]
    if not due:
        return {}
    token = uuid.uuid4().hex
    Delivery.update(state=SENDING, claimed_at=now, claimed_by=token).where(
        Delivery.id.in_(due) & (Delivery.state == PENDING)
    ).execute()
    batch = list(
        Delivery.select(Delivery, User)
        .join(User, on=(Delivery.user == User.id))
        .where(Delivery.claimed_by == token)
        .order_by(Delivery.not_before, Delivery.id)
    )
    user_ids = {d.user_id for d in batch}
    settings = _settings_for(user_ids)
    devices = {}
    for subscription in PushSubscription.select().where(PushSubscription.user.in_(user_ids)):
        devices.setdefault(subscription.user_id, []).append(subscription)
    counts, sent_by_push = {}, []
    with transport.Session() as session:
        pusher = _Pusher(session)
        for delivery in batch:
            try:
                state = _deliver(delivery, settings[delivery.user_id], devices, pusher)
            except Exception:  # one broken row must not strand the rest of the batch
                log.exception("Delivery %s failed", delivery.id)
                state = _finish(delivery, FAILED)
            if state == "push":
                sent_by_push.append(delivery.id)
                state = SENT
            counts[state] = counts.get(state, 0) + 1
    if sent_by_push:
        Delivery.update(state=SENT, channel="push", sent_at=now).where(
            Delivery.id.in_(sent_by_push)
        ).execute()
    return counts


def _settings_for(user_ids):
    default_start, default_end = (parse_time(t) for t in current_app.config["QUIET_HOURS"])
    found = {
        row.user_id: row
        for row in NotificationSettings.select().where(NotificationSettings.user.in_(user_ids))
    }
    result = {}
    for user_id in user_ids:
        row = found.get(user_id)
        result[user_id] = {
            "quiet_start": row.quiet_start if row and row.quiet_start else default_start,
            "quiet_end": row.quiet_end if row and row.quiet_end else default_end,
            "email_fallback": row.email_fallback if row else True,
            "digest_by_email": row.digest_by_email if row else False,
        }
    return result


def _finish(delivery, state, **fields):
    Delivery.update(state=state, **fields).where(Delivery.id == delivery.id).execute()
    return state


def _retry_later(delivery, now, at_least=None):
    """Back off exponentially, or longer when the push service said how long (Retry-After)."""
    if delivery.attempts + 1 >= MAX_ATTEMPTS:
        return _finish(delivery, FAILED)
    wait = dt.timedelta(seconds=60 * 2**delivery.attempts)
    if at_least is not None:
        wait = max(wait, at_least)
    return _finish(
        delivery,
        PENDING,
        attempts=delivery.attempts + 1,
        not_before=naive_utc(now + wait),
        claimed_at=None,
        claimed_by=None,
    )


def _deliver(delivery, settings, devices, pusher):
    """The delivery's new state; "push" for sent by push (marked in bulk by the caller)."""
    user = delivery.user
    now = clock.now()
    if naive_utc(now) >= delivery.expires_at or not user.active or not _still_takes_part(delivery):
        return _finish(delivery, SKIPPED)
    local = now.astimezone(clock.zone())
    if in_quiet_hours(local.time(), settings["quiet_start"], settings["quiet_end"]):
        later = end_of_quiet_hours(local, settings["quiet_end"])
        return _finish(
            delivery, PENDING, not_before=naive_utc(later), claimed_at=None, claimed_by=None
        )
    by_email = delivery.kind.endswith("digest") and settings["digest_by_email"]
    outcome = "none" if by_email else pusher.push(delivery, devices.get(delivery.user_id, []))
    if outcome == "sent":
        return "push"
    if outcome == "retry" and delivery.attempts + 1 < MAX_ATTEMPTS:
        return _retry_later(delivery, now, pusher.asked_to_wait)
    # No working subscription, or push kept failing: email stands in when the user allows it.
    if not (by_email or settings["email_fallback"]):
        return _finish(delivery, FAILED)
    try:
        mail.send(user.email, delivery.title, _email_text(delivery))
    except OSError as error:  # SMTP errors are OSErrors too: try again later
        log.warning("Email for delivery %s failed: %s", delivery.id, error)
        return _retry_later(delivery, now)
    return _finish(delivery, SENT, channel="email", sent_at=naive_utc(now))


# Kinds about one conversation line: queued for whoever took part then; sent only if they
# still do (a reassigned docent or a trainer who changed employer must not get the text).
LINE_KINDS = (KIND_MESSAGE, KIND_GUIDANCE)


def _still_takes_part(delivery):
    """Whether the recipient of a conversation notification still has that line. One access
    check per such row (other kinds need none); a row whose link names no line is not sent."""
    if delivery.kind not in LINE_KINDS:
        return True
    where = chat_notify.line_of(delivery.navigate)
    if where is None:
        return False
    try:
        access.get_line(delivery.user, *where)
    except NotFound:
        return False
    return True


def _absolute(path):
    if path.startswith("/"):
        return current_app.config["PUBLIC_URL"].rstrip("/") + path
    return path


def _email_text(delivery):
    body = delivery.body
    if delivery.kind == KIND_DIGEST:
        from app.services.reminders import digest_email  # its links are made as it is sent

        body = digest_email(delivery.user) or body
    link = _absolute(delivery.navigate)
    parts = [body] if link in body else [body, link]
    return "\n\n".join(parts) + "\n\n-- \nStagewijs. Meldingen aanpassen: Meer > Meldingen."


class _Pusher:
    """Pushes for one delivery pass: its connections, and one VAPID signature per push
    service for the pass (RFC 8292 lets a token be reused until it expires; a pass lasts
    seconds, the token 12 hours), each made from a fresh claims dict."""

    def __init__(self, session):
        # Imported here: the web workers never send, and these weigh ~20 MB per process.
        from app.push import message, vapid

        self.message = message
        self.session = session
        self.addresses = {}
        self.loopback = current_app.config["PUSH_ALLOW_LOOPBACK"]
        self.signer = _CachedSigner(vapid.signer())
        self.subject = current_app.config["VAPID_SUBJECT"]
        # A push service that answered 429/503 with Retry-After gets nothing more until then
        # (RFC 8030 section 8.4 asks for exactly that): (host, port) -> UTC instant.
        self.paused = {}
        self.asked_to_wait = None  # for the delivery just pushed: how long the service asked

    def push(self, delivery, subscriptions):
        """'sent' when at least one device took it, 'retry' when only retryable failures,
        else 'none' (no working subscription)."""
        self.asked_to_wait = None
        if not subscriptions:
            return "none"
        data = self.message.payload(delivery.title, delivery.body, _absolute(delivery.navigate))
        outcomes = {self._one(subscription, data, delivery) for subscription in subscriptions}
        if "sent" in outcomes:
            return "sent"
        return "retry" if "retry" in outcomes else "none"

    def _target(self, endpoint):
        """Checked and resolved; one name lookup per host for the pass (its answer is the
        address the connection goes to, so a rebinding name cannot switch it mid-pass)."""
        target = transport.check_endpoint(endpoint, self.loopback)
        key = (target.host, target.port)
        if key not in self.addresses:
            self.addresses[key] = transport.resolve(target, self.loopback).address
        return transport.Target(
            target.host, target.port, target.path, target.secure, self.addresses[key]
        )

    def _one(self, subscription, data, delivery):
        try:
            target = self._target(subscription.endpoint)
        except transport.EndpointRefused as refused:
            if refused.reason == "name_not_found":  # the resolver may be down: not its fault
                return "retry"
            log.warning(
                "Push endpoint refused at send (%s): subscription %s removed",
                refused.reason,
                subscription.id,
            )
            subscription.delete_instance()
            return "gone"
        until = self.paused.get((target.host, target.port))
        if until is not None and clock.now() < until:
            self._wait(until - clock.now())
            return "retry"
        try:
            body, headers = self.message.encrypted_request(
                subscription,
                data,
                self.signer,
                self.subject,
                ttl=delivery.ttl_seconds,
                urgency=delivery.urgency,
                topic=delivery.kind.replace("_", "-"),
            )
        except ValueError as error:  # keys that are no P-256 point: it can never work
            log.warning("Subscription %s has unusable keys (%s): removed", subscription.id, error)
            subscription.delete_instance()
            return "gone"
        try:
            answer = self.session.post(target, body, headers)
        except (OSError, UnicodeError) as error:
            log.info("Push to subscription %s failed: %s", subscription.id, error)
            return "retry"
        if 200 <= answer.status < 300:
            return "sent"
        if answer.status in GONE:
            subscription.delete_instance()
            return "gone"
        if answer.status == 429 or answer.status >= 500:
            wait = retry_after(answer.retry_after, clock.now())
            if wait is not None:
                self.paused[(target.host, target.port)] = clock.now() + wait
                self._wait(wait)
            return "retry"
        log.warning("Push service answered %s for subscription %s", answer.status, subscription.id)
        if answer.status == 403:  # made with another VAPID key: it will never work again
            subscription.delete_instance()
        return "error"

    def _wait(self, wait):
        self.asked_to_wait = max(wait, self.asked_to_wait or wait)


# Longer than a reminder lives (its TTL is at most a day): a later answer changes nothing.
MAX_RETRY_AFTER = dt.timedelta(days=1)


def retry_after(value, now):
    """A Retry-After header (RFC 9110 section 10.2.3: seconds, or an HTTP date) as a wait from
    `now`, at most a day; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        wait = dt.timedelta(seconds=int(value[:6]))  # six digits already exceed the cap
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:  # an HTTP date is GMT by definition
            when = when.replace(tzinfo=dt.UTC)
        wait = when - now
    return min(max(wait, dt.timedelta(0)), MAX_RETRY_AFTER)


class _CachedSigner:
    """One signature per audience (push service origin) for the pass."""

    def __init__(self, signer):
        self.signer = signer
        self.cache = {}

    def sign(self, claims):
        audience = claims["aud"]
        if audience not in self.cache:
            self.cache[audience] = self.signer.sign(dict(claims))
        return self.cache[audience]
