"""Delivering reminders, at most once: the delivery pass the scheduler runs every 30 s.

A pass claims a batch of due rows under its own token in one statement (an atomic UPDATE: two
scheduler processes never get the same row), reads their users, settings and subscriptions in
three queries, respects quiet hours by deferring, pushes to every device of the user, falls
back to email, retries 429/5xx with backoff (or after the Retry-After the service names), and
forgets subscriptions the push service says are gone (404/410). A row claimed by a pass that
died mid-send is not sent again: at most once beats twice.

The posts overlap (app/push/pool.py: PUSH_CONCURRENCY worker threads that only post): this
thread checks, encrypts and hands over the next pushes while earlier ones are on the wire, and
applies the answers as they come back. Every database write and every decision stays here.
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
from app.push import pool, transport
from app.services import access, chat_notify
from app.services.notifications import end_of_quiet_hours, in_quiet_hours, naive_utc, parse_time

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
GONE = (404, 410)
# The columns the pass reads, and only those: a fan-out builds thousands of these rows, and
# each column costs (a date column most). The user's password hash has no business here.
DELIVERY_COLUMNS = (
    Delivery.id,
    Delivery.user,
    Delivery.kind,
    Delivery.title,
    Delivery.body,
    Delivery.navigate,
    Delivery.ttl_seconds,
    Delivery.urgency,
    Delivery.attempts,
    Delivery.expires_at,
)
USER_COLUMNS = tuple(f for f in User._meta.sorted_fields if f is not User.password_hash)
# Subscriptions as plain rows (named tuples): the pass only reads them, and forgets one by id.
SUBSCRIPTION_COLUMNS = (
    PushSubscription.id,
    PushSubscription.user.alias("user_id"),
    PushSubscription.endpoint,
    PushSubscription.p256dh,
    PushSubscription.auth,
)


def deliver_due(limit=500):
    """Send what is due now, in one batch of at most `limit`. Returns {state: count}.

    The batch is claimed in one statement under a token of this pass (another scheduler
    process claims other rows, never the same: each row's state is checked again as it is
    updated), and read with its users, settings and subscriptions in three queries: the
    per-message work is encrypting and posting.
    """
    now = clock.utcnow()
    waiting = Delivery.alias("waiting")
    due = (
        waiting.select(waiting.id)
        .where((waiting.state == PENDING) & (waiting.not_before <= now))
        .order_by(waiting.not_before, waiting.id)
        .limit(limit)
    )
    token = uuid.uuid4().hex
    claimed = (
        Delivery.update(state=SENDING, claimed_at=now, claimed_by=token)
        .where(Delivery.id.in_(due) & (Delivery.state == PENDING))
        .execute()
    )
    if not claimed:
        return {}
    batch = list(
        Delivery.select(*DELIVERY_COLUMNS, *USER_COLUMNS)
        .join(User, on=(Delivery.user == User.id))
        .where(Delivery.claimed_by == token)
        .order_by(Delivery.not_before, Delivery.id)
    )
    # The batch's users by subquery on the token: no list of a thousand ids to build again.
    users = Delivery.select(Delivery.user).where(Delivery.claimed_by == token)
    settings = _settings_for({d.user_id for d in batch}, users)
    devices = {}
    for subscription in (
        PushSubscription.select(*SUBSCRIPTION_COLUMNS)
        .where(PushSubscription.user.in_(users))
        .namedtuples()
    ):
        devices.setdefault(subscription.user_id, []).append(subscription)
    counts, sent_by_push = {}, []

    def tally(delivery, state):
        if state == "push":
            sent_by_push.append(delivery.id)
            state = SENT
        counts[state] = counts.get(state, 0) + 1

    def take(answers):
        for (flight, index), result in answers:
            if flight.answered(index, result) and not flight.abandoned:
                tally(flight.delivery, _guarded(flight.delivery, _conclude, flight, pusher))

    # The pool's threads post while this thread prepares the next pushes and applies the
    # answers that came back: every database write stays here.
    pusher = _Pusher(expected=len(batch))
    try:
        with pusher.pool as posts:
            for delivery in batch:
                begun = _guarded(
                    delivery, _begin, delivery, settings[delivery.user_id], devices, pusher
                )
                if not isinstance(begun, _InFlight):
                    tally(delivery, begun)
                elif begun.waiting == 0:  # every outcome known without posting
                    tally(delivery, _guarded(delivery, _conclude, begun, pusher))
                take(posts.answers(block=posts.full()))
            while posts.outstanding:
                take(posts.answers(block=True))
    finally:
        # Even when the pass breaks off (the database refused a write): what a push service
        # took is marked sent, not left SENDING.
        if sent_by_push:
            Delivery.update(state=SENT, channel="push", sent_at=now).where(
                Delivery.id.in_(sent_by_push)
            ).execute()
    return counts


def _guarded(delivery, step, *args):
    """One step of one delivery: a broken row must not strand the rest of the batch."""
    try:
        return step(*args)
    except Exception:
        log.exception("Delivery %s failed", delivery.id)
        return _finish(delivery, FAILED)


def _settings_for(user_ids, users):
    """Quiet hours and channels per user id; `users`: a query of the same ids."""
    default_start, default_end = (parse_time(t) for t in current_app.config["QUIET_HOURS"])
    found = {
        row.user_id: row
        for row in NotificationSettings.select().where(NotificationSettings.user.in_(users))
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


class _InFlight:
    """A delivery whose pushes went to the pool: per subscription, the outcome when it was
    known without posting, or the pool's answer once it is back."""

    def __init__(self, delivery, settings):
        self.delivery = delivery
        self.settings = settings
        self.pushes = []  # [subscription, target, outcome or answer]
        self.waiting = 0  # posts not answered yet
        self.abandoned = False  # its start broke off: the row is FAILED already, whatever comes

    def answered(self, index, result):
        """Record a post's result; True when it was the last one this delivery waited for."""
        self.pushes[index][2] = result
        self.waiting -= 1
        return self.waiting == 0


def _begin(delivery, settings, devices, pusher):
    """The delivery's new state, or an _InFlight when it has pushes to post."""
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
    subscriptions = devices.get(delivery.user_id, [])
    if subscriptions and not _by_email(delivery, settings):
        flight = _InFlight(delivery, settings)
        try:
            pusher.start(flight, subscriptions)
        except Exception:
            flight.abandoned = True
            raise
        return flight
    return _without_push(delivery, settings, "none", None)


def _by_email(delivery, settings):
    return delivery.kind.endswith("digest") and settings["digest_by_email"]


def _conclude(flight, pusher):
    """The state of a delivery whose pushes were answered; "push" for sent by push (marked in
    bulk by the caller)."""
    outcome, wait = pusher.outcome(flight.pushes)
    if outcome == "sent":
        return "push"
    return _without_push(flight.delivery, flight.settings, outcome, wait)


def _without_push(delivery, settings, outcome, wait):
    """Push did not get through: 'retry' (and attempts left) tries again later, else email
    stands in when the user allows it."""
    now = clock.now()
    if outcome == "retry" and delivery.attempts + 1 < MAX_ATTEMPTS:
        return _retry_later(delivery, now, wait)
    by_email = _by_email(delivery, settings)
    if not (by_email or settings["email_fallback"]):
        return _finish(delivery, FAILED)
    try:
        mail.send(delivery.user.email, delivery.title, _email_text(delivery))
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
    """Pushes for one delivery pass: the pool that posts them, the checked address of each
    push service, and one VAPID signature per push service for the pass (RFC 8292 lets a
    token be reused until it expires; a pass lasts seconds, the token 12 hours), each made
    from a fresh claims dict."""

    def __init__(self, expected):
        # Imported here: the web workers never send, and these weigh ~20 MB per process.
        from app.push import message, vapid

        self.message = message
        self.addresses = {}
        self.loopback = current_app.config["PUSH_ALLOW_LOOPBACK"]
        self.signer = _CachedSigner(vapid.signer())
        self.subject = current_app.config["VAPID_SUBJECT"]
        self.pool = pool.Pool(
            current_app.config["PUSH_CONCURRENCY"],
            _pause_until(current_app._get_current_object()),
            expected=expected,
        )

    def start(self, flight, subscriptions):
        """Hand the delivery's pushes to the pool (or note their outcome when it is known
        without posting)."""
        delivery = flight.delivery
        data = self.message.payload(delivery.title, delivery.body, _absolute(delivery.navigate))
        for index, subscription in enumerate(subscriptions):
            try:
                target, outcome = self._prepare(subscription, data, delivery)
            except Exception:  # one broken subscription must not cost the user's other devices
                log.exception("Push to subscription %s not prepared", subscription.id)
                target, outcome = None, "error"
            if isinstance(outcome, tuple):  # (body, headers): to post
                flight.pushes.append([subscription, target, None])
                flight.waiting += 1
                self.pool.post((flight, index), target, *outcome)
            else:
                flight.pushes.append([subscription, target, outcome])

    def outcome(self, pushes):
        """('sent', None) when at least one device took it, ('retry', wait) when only
        retryable failures (wait: how long a service asked for, or None), else ('none',
        None): no working subscription."""
        outcomes, waits = set(), []
        for subscription, target, result in pushes:
            if not isinstance(result, str) or result is pool.STOPPED:
                result, wait = self._answered(subscription, target, result)
                if wait is not None:
                    waits.append(wait)
            outcomes.add(result)
        if "sent" in outcomes:
            return "sent", None
        if "retry" in outcomes:
            return "retry", max(waits) if waits else None
        return "none", None

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

    def _prepare(self, subscription, data, delivery):
        """(target, (body, headers)) to post, or (target, outcome) known without posting."""
        try:
            target = self._target(subscription.endpoint)
        except transport.EndpointRefused as refused:
            if refused.reason == "name_not_found":  # the resolver may be down: not its fault
                return None, "retry"
            log.warning(
                "Push endpoint refused at send (%s): subscription %s removed",
                refused.reason,
                subscription.id,
            )
            _forget(subscription)
            return None, "gone"
        if self.pool.paused_until(target) is not None:  # nothing more to it in this pass
            return target, pool.STOPPED
        try:
            return target, self.message.encrypted_request(
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
            _forget(subscription)
            return None, "gone"

    def _answered(self, subscription, target, result):
        """(outcome, wait) of one post; the database work its answer asks for is done here."""
        if result is pool.STOPPED:
            until = self.pool.paused_until(target)
            return "retry", None if until is None else max(until - clock.now(), dt.timedelta(0))
        if isinstance(result, (OSError, UnicodeError)):
            log.info("Push to subscription %s failed: %s", subscription.id, result)
            return "retry", None
        if isinstance(result, BaseException):  # not the network's doing: this delivery fails
            raise result
        if 200 <= result.status < 300:
            return "sent", None
        if result.status in GONE:
            _forget(subscription)
            return "gone", None
        if result.status == 429 or result.status >= 500:
            return "retry", retry_after(result.retry_after, clock.now())
        log.warning("Push service answered %s for subscription %s", result.status, subscription.id)
        if result.status == 403:  # made with another VAPID key: it will never work again
            _forget(subscription)
        return "error", None


def _forget(subscription):
    PushSubscription.delete().where(PushSubscription.id == subscription.id).execute()


def _pause_until(app):
    """For the pool's threads: the instant a 429/5xx answer asks us to wait for, or None."""

    def until(answer):
        if answer.status != 429 and answer.status < 500:
            return None
        with app.app_context():  # this runs in a worker thread: the clock reads the config
            now = clock.now()
            wait = retry_after(answer.retry_after, now)
        return now + wait if wait else None  # no wait (or none readable): no pause

    return until


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
