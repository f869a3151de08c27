"""The retention job: every rule of the registry, in batches, each batch its own transaction.

`flask --app wsgi apply-retention` runs it; so does the scheduler, daily (app/scheduler.py).
Safe to repeat: a rule removes only what is due, so a second run finds nothing. Safe to
run twice at once: each batch selects what is due inside its transaction and deletes by that
selection; on SQLite the write lock (BEGIN IMMEDIATE) serialises the batches, on PostgreSQL a
row another run deleted first is simply not counted again, and an erasure locks the person's
row and checks again that they are still due; on PostgreSQL each batch also takes an advisory
lock (app/db.py, serialise), so two runs never interleave their row locks. Files go after their
batch is committed.

How long each kind is kept: the rule's default `days`, or RETENTION_DAYS[name] (settings:
STAGEWIJS_RETENTION_DAYS="audit_events=730,exports=3"). docs/PRIVACY.md lists the defaults
with their reasons.
"""

import datetime as dt

from flask import current_app

from app import clock
from app.db import lock_for_update, serialise
from app.extensions import db
from app.models import User
from app.privacy import erasure, registry
from app.storage import storage

# A rule that keeps finding a full batch stops after this many in one run (the next run goes on).
MAX_BATCHES = 10_000


def configured_days():
    """{rule name: days}: the defaults, with the settings' RETENTION_DAYS over them."""
    days = {rule.name: rule.days for rule in registry.retention_rules()}
    overrides = current_app.config.get("RETENTION_DAYS") or {}
    unknown = set(overrides) - set(days)
    if unknown:
        raise ValueError(f"RETENTION_DAYS names no such rule: {', '.join(sorted(unknown))}")
    for name, value in overrides.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"RETENTION_DAYS[{name!r}] must be a whole number of days")
        days[name] = value
    return days


class RetentionBatch:
    """One batch of one rule: what `Retention.apply` gets."""

    def __init__(self, rule, now, days):
        self.rule = rule
        self.now = now  # naive UTC, as stored
        self.days = days
        self.size = rule.batch
        self.cutoff = now - dt.timedelta(days=days)
        # Calendar dates (a placement's end) count in the school's zone.
        self.cutoff_date = clock.to_local(now).date() - dt.timedelta(days=days)
        self.files = []

    def delete_files(self, keys):
        self.files.extend(keys)

    def erase_user(self, user_id, still_due=None):
        """Erase one person (1) unless another run did it first or they are no longer due (0).

        `still_due()` is the rule's query of due users, checked again once the row is locked.
        """
        if lock_for_update(User.select(User.id).where(User.id == user_id)).first() is None:
            return 0
        if still_due is not None and not still_due().where(User.id == user_id).exists():
            return 0
        return int(erasure.erase(user_id, actor=None, action="erasure_retention"))


def run(now=None, only=None):
    """Apply every rule (or the named ones); returns {rule name: rows removed}."""
    now = now or clock.utcnow()
    days = configured_days()
    removed = {}
    for rule in registry.retention_rules():
        if only is not None and rule.name not in only:
            continue
        total = 0
        for _ in range(MAX_BATCHES):
            batch = RetentionBatch(rule, now, days[rule.name])
            if rule.transaction:
                with db.atomic():
                    serialise("privacy")
                    count = rule.apply(batch)
            else:  # files only: nothing to roll back
                count = rule.apply(batch)
            store = storage()
            for key in batch.files:
                store.delete(key)
            total += count
            if count < batch.size:
                break
        removed[rule.name] = total
    return removed
