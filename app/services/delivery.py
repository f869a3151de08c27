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
from app.services import access, chat_notify
from app.services.notifications import end_of_quiet_hours, in_quiet_hours, naive_utc, parse_time
from app.services.push_sending import Pusher, absolute

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
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
    pusher = Pusher(expected=len(batch))
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


def _email_text(delivery):
    body = delivery.body
    if delivery.kind == KIND_DIGEST:
        from app.services.reminders import digest_email  # its links are made as it is sent

        body = digest_email(delivery.user) or body
    link = absolute(delivery.navigate)
    parts = [body] if link in body else [body, link]
    return "\n\n".join(parts) + "\n\n-- \nStagewijs. Meldingen aanpassen: Meer > Meldingen."
