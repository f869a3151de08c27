"""Notifications: subscriptions, what each user wants, and recording a reminder once.

A reminder becomes a Delivery row first, unique per user, kind and period; sending it is the
delivery pass's work (app/services/delivery.py).
"""

import datetime as dt

from flask import current_app

from app import clock
from app.errors import RuleViolation
from app.extensions import db
from app.models import (
    Delivery,
    NotificationPreference,
    NotificationSettings,
    PushSubscription,
)
from app.models.notifications import KINDS, MODES, PENDING
from app.push import transport

DEFAULT_MODES = {kind: "immediate" for kind in KINDS}


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
        # An endpoint is one browser: whoever had it before (another account on this phone, or
        # this one under an older device id after its data was cleared) has it no longer, so
        # nothing is shown twice.
        PushSubscription.delete().where(
            (PushSubscription.endpoint == endpoint)
            & ~((PushSubscription.user == user.id) & (PushSubscription.device_id == device_id))
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


def parse_time(text):
    hours, minutes = (int(part) for part in text.split(":"))
    return dt.time(hours, minutes)


def settings_of(user):
    """{modes: {kind: mode}, quiet_start, quiet_end, email_fallback, digest_by_email}."""
    row = NotificationSettings.get_or_none(NotificationSettings.user == user.id)
    default_start, default_end = (parse_time(t) for t in current_app.config["QUIET_HOURS"])
    modes = dict(DEFAULT_MODES)
    for pref in NotificationPreference.select().where(NotificationPreference.user == user.id):
        modes[pref.kind] = pref.mode
    return {
        "modes": modes,
        "quiet_start": (row.quiet_start if row and row.quiet_start else default_start),
        "quiet_end": (row.quiet_end if row and row.quiet_end else default_end),
        "email_fallback": row.email_fallback if row else True,
        "digest_by_email": row.digest_by_email if row else False,
        "message_preview": row.message_preview if row else False,
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
            for k in (
                "quiet_start",
                "quiet_end",
                "email_fallback",
                "digest_by_email",
                "message_preview",
            )
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
    at = parse_time(at_text)
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
            not_before=naive_utc(not_before),
            expires_at=naive_utc(expires),
            created_at=naive_utc(now),
        )
        .on_conflict_ignore()
        .as_rowcount()
        .execute()
    )
    return bool(inserted)


def naive_utc(moment):
    return moment.astimezone(dt.UTC).replace(tzinfo=None)
