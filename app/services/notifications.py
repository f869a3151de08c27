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

from flask import current_app

from app import clock, mail
from app.errors import RuleViolation
from app.extensions import db
from app.models import Delivery, NotificationPreference, NotificationSettings, PushSubscription
from app.models.notifications import FAILED, KINDS, MODES, PENDING, SENDING, SENT, SKIPPED
from app.push import transport, vapid
from app.push.message import encrypted_request, payload

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
    """Send what is due now. Returns {state: count} of the rows handled in this pass."""
    now = clock.utcnow()
    due = list(
        Delivery.select(Delivery.id)
        .where((Delivery.state == PENDING) & (Delivery.not_before <= now))
        .order_by(Delivery.not_before, Delivery.id)
        .limit(limit)
        .tuples()
    )
    counts = {}
    for (delivery_id,) in due:
        claimed = (
            Delivery.update(state=SENDING, claimed_at=now)
            .where((Delivery.id == delivery_id) & (Delivery.state == PENDING))
            .execute()
        )
        if claimed != 1:  # another scheduler process has it
            continue
        state = _deliver(Delivery.get_by_id(delivery_id))
        counts[state] = counts.get(state, 0) + 1
    return counts


def _finish(delivery, state, **fields):
    Delivery.update(state=state, **fields).where(Delivery.id == delivery.id).execute()
    return state


def _deliver(delivery):
    user = delivery.user
    now = clock.now()
    if _naive(now) >= delivery.expires_at or not user.active:
        return _finish(delivery, SKIPPED)
    settings = settings_of(user)
    local = now.astimezone(clock.zone())
    if in_quiet_hours(local.time(), settings["quiet_start"], settings["quiet_end"]):
        later = end_of_quiet_hours(local, settings["quiet_end"])
        return _finish(delivery, PENDING, not_before=_naive(later), claimed_at=None)
    by_email = delivery.kind.endswith("digest") and settings["digest_by_email"]
    outcome = "none" if by_email else _push(delivery)
    if outcome == "sent":
        return _finish(delivery, SENT, channel="push", sent_at=_naive(now))
    if outcome == "retry" and delivery.attempts + 1 < MAX_ATTEMPTS:
        wait = dt.timedelta(seconds=60 * 2**delivery.attempts)
        return _finish(
            delivery,
            PENDING,
            attempts=delivery.attempts + 1,
            not_before=_naive(now + wait),
            claimed_at=None,
        )
    if by_email or settings["email_fallback"]:
        try:
            mail.send(user.email, delivery.title, _email_text(delivery))
        except OSError as error:  # SMTP errors are OSErrors too: retry later
            log.warning("Email for delivery %s failed: %s", delivery.id, error)
            if delivery.attempts + 1 < MAX_ATTEMPTS:
                wait = dt.timedelta(seconds=60 * 2**delivery.attempts)
                return _finish(
                    delivery,
                    PENDING,
                    attempts=delivery.attempts + 1,
                    not_before=_naive(now + wait),
                    claimed_at=None,
                )
            return _finish(delivery, FAILED)
        return _finish(delivery, SENT, channel="email", sent_at=_naive(now))
    return _finish(delivery, FAILED)


def _email_text(delivery):
    link = delivery.navigate
    if link.startswith("/"):
        link = current_app.config["PUBLIC_URL"].rstrip("/") + link
    return f"{delivery.body}\n\n{link}\n\n-- \nStagewijs. Meldingen aanpassen: Meer > Meldingen."


def _push(delivery):
    """'sent' when at least one device took it, 'retry' when only retryable failures, else
    'none' (no subscription left)."""
    subscriptions = list(PushSubscription.select().where(PushSubscription.user == delivery.user_id))
    if not subscriptions:
        return "none"
    config = current_app.config
    navigate = delivery.navigate
    if navigate.startswith("/"):
        navigate = config["PUBLIC_URL"].rstrip("/") + navigate
    data = payload(delivery.title, delivery.body, navigate)
    signer = vapid.signer()
    outcomes = set()
    for subscription in subscriptions:
        outcomes.add(_push_one(subscription, data, signer, delivery))
    if "sent" in outcomes:
        return "sent"
    return "retry" if "retry" in outcomes else "none"


def _push_one(subscription, data, signer, delivery):
    loopback = current_app.config["PUSH_ALLOW_LOOPBACK"]
    try:
        target = transport.resolve(
            transport.check_endpoint(subscription.endpoint, loopback), loopback
        )
    except transport.EndpointRefused as refused:
        log.warning(
            "Push endpoint refused at send (%s): subscription %s removed",
            refused.reason,
            subscription.id,
        )
        subscription.delete_instance()
        return "gone"
    body, headers = encrypted_request(
        subscription,
        data,
        signer,
        current_app.config["VAPID_SUBJECT"],
        ttl=delivery.ttl_seconds,
        urgency=delivery.urgency,
        topic=delivery.kind.replace("_", "-"),
    )
    try:
        answer = transport.post(target, body, headers)
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
