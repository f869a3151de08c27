"""Retention: records kept only as long as they serve their purpose (AVG data minimisation)."""

import datetime as dt

from app.extensions import db
from app.models import IdempotencyRecord, LoginFailure, Revocation
from app.models.base import utcnow

# A phone's outbox retries for days at most; a month covers a phone left in a locker.
IDEMPOTENCY_RETENTION = dt.timedelta(days=30)
# Failures only matter inside the throttling window; a day leaves room for investigation.
LOGIN_FAILURE_RETENTION = dt.timedelta(days=1)
# A phone that was offline longer than a placement lasts still learns what it may no longer see
# (placements run up to about a year); past that, its next login starts afresh anyway.
REVOCATION_RETENTION = dt.timedelta(days=400)


def purge_expired(now=None):
    """Delete what has outlived its purpose; returns how many rows of each kind went."""
    now = now or utcnow()
    with db.atomic():
        replays = (
            IdempotencyRecord.delete()
            .where(IdempotencyRecord.created_at < now - IDEMPOTENCY_RETENTION)
            .execute()
        )
        failures = (
            LoginFailure.delete().where(LoginFailure.at < now - LOGIN_FAILURE_RETENTION).execute()
        )
        revocations = (
            Revocation.delete().where(Revocation.created_at < now - REVOCATION_RETENTION).execute()
        )
    return {"idempotency_records": replays, "login_failures": failures, "revocations": revocations}
