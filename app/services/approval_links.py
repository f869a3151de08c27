"""One-tap approval links from the trainer's digest: one decision, one week version, one trainer.

Opening a link changes nothing (mail scanners follow links); only the page's POST decides.
The token is single-use, expires, dies when the week changes or the trainer loses the
placement, and is stored only as its SHA-256. Wrong tokens are counted per address like
failed logins, so guessing is throttled (they are 256-bit random anyway).
"""

import datetime as dt
import hashlib

from flask import current_app

from app import clock
from app.errors import DomainError, TooManyRequests
from app.extensions import db
from app.models import ApprovalToken, AuditEvent, LoginFailure, Week
from app.models.logbook import WEEK_SUBMITTED
from app.services import weeks

THROTTLE_KEY = "approval-link"  # LoginFailure.email for wrong links
MAX_WRONG_PER_ADDRESS = 30


class LinkInvalid(DomainError):
    status_code = 410
    default_code = "approval_link_invalid"


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _throttle(address):
    since = clock.utcnow() - current_app.config["LOGIN_WINDOW"]
    wrong = (
        LoginFailure.select()
        .where(
            (LoginFailure.email == THROTTLE_KEY)
            & (LoginFailure.address == address)
            & (LoginFailure.at > since)
        )
        .count()
    )
    if wrong >= MAX_WRONG_PER_ADDRESS:
        window = current_app.config["LOGIN_WINDOW"]
        raise TooManyRequests(
            minutes=int(window.total_seconds() // 60),
            details={"retry_after": int(window.total_seconds())},
        )


def _refuse(address, reason):
    with db.atomic():
        LoginFailure.create(email=THROTTLE_KEY, address=address[:64])
    raise LinkInvalid(reason=reason)


def open_link(token, address):
    """(token row, week, placement) for a link that may still decide; LinkInvalid otherwise."""
    _throttle(address)
    row = ApprovalToken.get_or_none(ApprovalToken.token_hash == _hash(token or ""))
    if row is None:
        _refuse(address, "unknown")
    if row.used_at is not None:
        raise LinkInvalid(reason="used")
    if clock.utcnow() >= row.expires_at:
        raise LinkInvalid(reason="expired")
    week = Week.get_or_none(Week.id == row.week_id)
    if week is None or week.version != row.week_version or week.status != WEEK_SUBMITTED:
        raise LinkInvalid(reason="changed")
    placement = week.placement
    trainer = row.trainer
    if (
        not trainer.active
        or placement.praktijkopleider_id != trainer.id
        or placement.company_id != trainer.company_id
    ):
        raise LinkInvalid(reason="no_longer_yours")
    return row, week, placement


def decide(token, action, comment, address):
    """Approve or reject through a link, once. Returns the decided week."""
    if action not in ("approve", "reject"):
        raise LinkInvalid(reason="unknown")
    # Checked (and a wrong token counted) outside the decision's transaction, whose rollback
    # would take the count with it; checked again inside, under the lock.
    open_link(token, address)
    with db.atomic():
        row, week, placement = open_link(token, address)
        claimed = (
            ApprovalToken.update(used_at=clock.utcnow())
            .where((ApprovalToken.id == row.id) & ApprovalToken.used_at.is_null())
            .execute()
        )
        if claimed != 1:
            raise LinkInvalid(reason="used")
        label = clock.iso_week_label(week.monday)
        decided = weeks.transition(
            row.trainer, placement.id, label, action, comment=comment, seen_version=row.week_version
        )
        AuditEvent.create(
            user=row.trainer_id, action="approval_link_used", subject=f"week:{week.id}"
        )
    return decided


def expire_old(now=None):
    """Retention: links a week past their expiry are of no use to anyone."""
    now = now or clock.utcnow()
    return (
        ApprovalToken.delete()
        .where(ApprovalToken.expires_at < now - dt.timedelta(days=7))
        .execute()
    )
