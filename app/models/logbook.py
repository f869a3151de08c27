"""The logbook: activity categories, hour entries and the weeks they are submitted in."""

import peewee

from app.models.base import BaseModel, SyncedModel
from app.models.client_records import ClientRecord
from app.models.placements import Placement
from app.models.users import User

WEEK_OPEN = "open"
WEEK_SUBMITTED = "submitted"
WEEK_APPROVED = "approved"
WEEK_REJECTED = "rejected"
WEEK_STATUSES = (WEEK_OPEN, WEEK_SUBMITTED, WEEK_APPROVED, WEEK_REJECTED)
# Entries may change only while their week is in one of these states.
EDITABLE_WEEK_STATUSES = (WEEK_OPEN, WEEK_REJECTED)


class ActivityCategory(BaseModel):
    """The nine categories of the OnStage manual. Which ones count is data, not code."""

    code = peewee.IntegerField(unique=True)
    name_nl = peewee.CharField(max_length=100)
    name_en = peewee.CharField(max_length=100)
    counts_toward_hours = peewee.BooleanField(default=False)
    # Per-day cap in minutes for this category (540 for "stage werkzaamheden"), or none.
    daily_cap_minutes = peewee.IntegerField(null=True)
    # Where hours past the cap belong, so the error can say so.
    overflow_code = peewee.IntegerField(null=True)


class Week(SyncedModel):
    """One ISO week of one placement; created on first use. Its status gates the entries."""

    placement = peewee.ForeignKeyField(Placement, backref="weeks", on_delete="CASCADE")
    monday = peewee.DateField()
    status = peewee.CharField(max_length=12, default=WEEK_OPEN)
    submitted_at = peewee.DateTimeField(null=True)
    decided_at = peewee.DateTimeField(null=True)
    decided_by = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL")
    comment = peewee.TextField(default="")

    class Meta:
        indexes = (
            (("placement", "monday"), True),
            (("placement", "status", "submitted_at"), False),
        )


class HourEntry(ClientRecord):
    """One stretch of time on one day, logged by the student on their phone."""

    # No index of its own: (placement, date) below serves every lookup by placement (0011).
    placement = peewee.ForeignKeyField(
        Placement, backref="entries", on_delete="CASCADE", index=False
    )
    week = peewee.ForeignKeyField(Week, backref="entries", on_delete="CASCADE")
    date = peewee.DateField()
    start_time = peewee.TimeField()
    end_time = peewee.TimeField()
    minutes = peewee.IntegerField()
    # No index: entries are joined to their category by its key, never looked up by it (0012).
    category = peewee.ForeignKeyField(ActivityCategory, on_delete="RESTRICT", index=False)
    description = peewee.TextField(default="")

    class Meta:
        indexes = ((("placement", "date"), False),)
