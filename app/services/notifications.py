"""Notifications: subscriptions, what each user wants, and delivering at most once.

A reminder becomes a Delivery row first (unique per user, kind and period), then a delivery
pass claims due rows one by one (an atomic UPDATE: two scheduler processes never both get a
row), respects quiet hours by deferring, sends by push to every device of the user, falls back
to email, retries 429/5xx with backoff, and forgets subscriptions the push service says are
gone (404/410). A row that was claimed but never finished (a crash mid-send) is not sent again:
at most once beats twice.
"""

import datetime as dt
import logging
import uuid

from flask import current_app

from app import clock, mail
from app.errors import RuleViolation
from app.extensions import db
from app.models import (
    Delivery,
    NotificationPreference,
    NotificationSettings,
    PushSubscription,
    User,
)
from app.models.notifications import FAILED, KINDS, MODES, PENDING, SENDING, SENT, SKIPPED
from app.push import transport

log = logging.getLogger(__name__)

DEFAULT_MODES = {kind: "immediate" for kind in KINDS}
MAX_ATTEMPTS = 6
GONE = (404, 410)


# -- subscriptions ---------------------------------------------------------------------------


def subscribe(user, device_id, endpoint, p256dh, auth):
    """One subscription per device of a user; a rotated endpoint replaces the old one."""
    try:
        transport.check_endpoint(endpoint, current_app.config["PUSH_ALLOW_LOOPBACK"])
    except transport.EndpointRefused as refused:
        raise RuleViolation(
            "push_endpoint_refused", field="endpoint", reason=refused.reason
        ) from None
    now = clock.utcnow()
    with db.atomic():
        # An endpoint belongs to one browser: if another account used it on this phone, it is
        # that account's no longer.
        PushSubscription.delete().where(
            (PushSubscription.endpoint == endpoint) & (PushSubscription.user != user.id)
        ).execute()
        (
            PushSubscription.insert(
                user=user.id,
                device_id=device_id,
                endpoint=endpoint,
                p256dh=p256dh,
                auth=auth,
                created_at=now,
                updated_at=now,
            )
            .on_conflict(
                conflict_target=[PushSubscription.user, PushSubscription.device_id],
                update={
                    PushSubscription.endpoint: endpoint,
                    PushSubscription.p256dh: p256dh,
                    PushSubscription.auth: auth,
                    PushSubscription.updated_at: now,
                },
            )
            .execute()
        )
    return PushSubscription.get(
        (PushSubscription.user == user.id) & (PushSubscription.device_id == device_id)
    )


def unsubscribe(user, device_id):
    return (
        PushSubscription.delete()
        .where((PushSubscription.user == user.id) & (PushSubscription.device_id == device_id))
        .execute()
    )


# -- what a user wants -----------------------------------------------------------------------


def _parse_time(text):
    hours, minutes = (int(part) for part in text.split(":"))
    return dt.time(hours, minutes)


def settings_of(user):
    """{modes: {kind: mode}, quiet_start, quiet_end, email_fallback, digest_by_email}."""
    row = NotificationSettings.get_or_none(NotificationSettings.user == user.id)
    default_start, default_end = (_parse_time(t) for t in current_app.config["QUIET_HOURS"])
    modes = dict(DEFAULT_MODES)
    for pref in NotificationPreference.select().where(NotificationPreference.user == user.id):
        modes[pref.kind] = pref.mode
    return {
        "modes": modes,
        "quiet_start": (row.quiet_start if row and row.quiet_start else default_start),
        "quiet_end": (row.quiet_end if row and row.quiet_end else default_end),
        "email_fallback": row.email_fallback if row else True,
        "digest_by_email": row.digest_by_email if row else False,
    }


def update_settings(user, changes):
    """Change any of modes / quiet hours / email choices; returns settings_of(user)."""
    modes = changes.get("modes") or {}
    unknown = set(modes) - set(KINDS)
    if unknown:
        raise RuleViolation(
            "unknown_notification_kind", field="modes", kinds=", ".join(sorted(unknown))
        )
    if any(mode not in MODES for mode in modes.values()):
        raise RuleViolation("unknown_notification_mode", field="modes")
    with db.atomic():
        for kind, mode in modes.items():
            NotificationPreference.insert(user=user.id, kind=kind, mode=mode).on_conflict(
                conflict_target=[NotificationPreference.user, NotificationPreference.kind],
                update={NotificationPreference.mode: mode},
            ).execute()
        fields = {
            k: changes[k]
            for k in ("quiet_start", "quiet_end", "email_fallback", "digest_by_email")
            if k in changes
        }
        if fields:
            NotificationSettings.insert(user=user.id, **fields).on_conflict(
                conflict_target=[NotificationSettings.user],
                update={getattr(NotificationSettings, k): v for k, v in fields.items()},
            ).execute()
    return settings_of(user)


def in_quiet_hours(local_time, start, end):
    if start == end:
        return False
    if start < end:  # e.g. 12:00-13:00
        return start <= local_time < end
    return local_time >= start or local_time < end  # across midnight, e.g. 21:00-07:30


def end_of_quiet_hours(local_moment, end):
    """The next moment the quiet hours `.. - end` are over (local, aware)."""
    candidate = local_moment.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if candidate <= local_moment:
        candidate += dt.timedelta(days=1)
    return candidate


def next_local(moment_local, at_text):
    """The next local moment at HH:MM on or after `moment_local`."""
    at = _parse_time(at_text)
    candidate = moment_local.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return candidate if candidate >= moment_local else candidate + dt.timedelta(days=1)


# -- enqueueing ------------------------------------------------------------------------------


def enqueue(user, kind, period, title, body, navigate, ttl, urgency="normal"):
    """Record one reminder for (user, kind, period) unless it exists or the user turned the
    kind off. Idempotent: running a rule twice, or in two processes, records it once.
    Returns True when a new row was written."""
    settings = settings_of(user)
    mode = settings["modes"].get(kind, "immediate")
    if mode == "off":
        return False
    now = clock.now()
    not_before = now
    if mode == "digest":
        not_before = next_local(now.astimezone(clock.zone()), current_app.config["DAILY_DIGEST_AT"])
    expires = max(not_before, now) + dt.timedelta(seconds=ttl)
    inserted = (
        Delivery.insert(
            user=user.id,
            kind=kind,
            period=period,
            title=title,
            body=body,
            navigate=navigate,
            ttl_seconds=ttl,
            urgency=urgency,
            state=PENDING,
            not_before=_naive(not_before),
            expires_at=_naive(expires),
            created_at=_naive(now),
        )
        .on_conflict_ignore()
        .as_rowcount()
        .execute()
    )
    return bool(inserted)


def _naive(moment):
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


# -- delivering ------------------------------------------------------------------------------


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
            state = _deliver(delivery, settings[delivery.user_id], devices, pusher)
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
    default_start, default_end = (_parse_time(t) for t in current_app.config["QUIET_HOURS"])
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


def _retry_later(delivery, now):
    if delivery.attempts + 1 >= MAX_ATTEMPTS:
        return _finish(delivery, FAILED)
    wait = dt.timedelta(seconds=60 * 2**delivery.attempts)
    return _finish(
        delivery,
        PENDING,
        attempts=delivery.attempts + 1,
        not_before=_naive(now + wait),
        claimed_at=None,
        claimed_by=None,
    )


def _deliver(delivery, settings, devices, pusher):
    """The delivery's new state; "push" for sent by push (marked in bulk by the caller)."""
    user = delivery.user
    now = clock.now()
    if _naive(now) >= delivery.expires_at or not user.active:
        return _finish(delivery, SKIPPED)
    local = now.astimezone(clock.zone())
    if in_quiet_hours(local.time(), settings["quiet_start"], settings["quiet_end"]):
        later = end_of_quiet_hours(local, settings["quiet_end"])
        return _finish(
            delivery, PENDING, not_before=_naive(later), claimed_at=None, claimed_by=None
        )
    by_email = delivery.kind.endswith("digest") and settings["digest_by_email"]
    outcome = "none" if by_email else pusher.push(delivery, devices.get(delivery.user_id, []))
    if outcome == "sent":
        return "push"
    if outcome == "retry":
        return _retry_later(delivery, now)
    if not (by_email or settings["email_fallback"]):
        return _finish(delivery, FAILED)
    try:
        mail.send(user.email, delivery.title, _email_text(delivery))
    except OSError as error:  # SMTP errors are OSErrors too: try again later
        log.warning("Email for delivery %s failed: %s", delivery.id, error)
        return _retry_later(delivery, now)
    return _finish(delivery, SENT, channel="email", sent_at=_naive(now))


def _absolute(path):
    if path.startswith("/"):
        return current_app.config["PUBLIC_URL"].rstrip("/") + path
    return path


def _email_text(delivery):
    link = _absolute(delivery.navigate)
    parts = [delivery.body] if link in delivery.body else [delivery.body, link]
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
        self.loopback = current_app.config["PUSH_ALLOW_LOOPBACK"]
        self.signer = _CachedSigner(vapid.signer())
        self.subject = current_app.config["VAPID_SUBJECT"]

    def push(self, delivery, subscriptions):
        """'sent' when at least one device took it, 'retry' when only retryable failures,
        else 'none' (no working subscription)."""
        if not subscriptions:
            return "none"
        data = self.message.payload(delivery.title, delivery.body, _absolute(delivery.navigate))
        outcomes = {self._one(subscription, data, delivery) for subscription in subscriptions}
        if "sent" in outcomes:
            return "sent"
        return "retry" if "retry" in outcomes else "none"

    def _one(self, subscription, data, delivery):
        try:
            target = transport.resolve(
                transport.check_endpoint(subscription.endpoint, self.loopback), self.loopback
            )
        except transport.EndpointRefused as refused:
            log.warning(
                "Push endpoint refused at send (%s): subscription %s removed",
                refused.reason,
                subscription.id,
            )
            subscription.delete_instance()
            return "gone"
        body, headers = self.message.encrypted_request(
            subscription,
            data,
            self.signer,
            self.subject,
            ttl=delivery.ttl_seconds,
            urgency=delivery.urgency,
            topic=delivery.kind.replace("_", "-"),
        )
        try:
            answer = self.session.post(target, body, headers)
        except OSError as error:
            log.info("Push to subscription %s failed: %s", subscription.id, error)
            return "retry"
        if 200 <= answer.status < 300:
            return "sent"
        if answer.status in GONE:
            subscription.delete_instance()
            return "gone"
        if answer.status == 429 or answer.status >= 500:
            return "retry"
        log.warning("Push service answered %s for subscription %s", answer.status, subscription.id)
        if answer.status == 403:  # made with another VAPID key: it will never work again
            subscription.delete_instance()
        return "error"


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
