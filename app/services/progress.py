"""Progress toward the POK hours: approved hours are final; submitted ones are still waiting."""

from peewee import fn

from app.models import ActivityCategory, HourEntry, Week
from app.models.logbook import WEEK_APPROVED, WEEK_OPEN, WEEK_REJECTED, WEEK_SUBMITTED

BUCKETS = {
    WEEK_APPROVED: "approved",
    WEEK_SUBMITTED: "pending",
    WEEK_OPEN: "draft",
    WEEK_REJECTED: "draft",
}


def progress_for(placements):
    """{placement_id: progress dict} for many placements in one query."""
    placements = list(placements)
    ids = [p.id for p in placements]
    minutes = {pid: {"approved": 0, "pending": 0, "draft": 0} for pid in ids}
    if ids:
        rows = (
            HourEntry.select(
                HourEntry.placement, Week.status, fn.SUM(HourEntry.minutes).alias("minutes")
            )
            .join(Week, on=(HourEntry.week == Week.id))
            .switch(HourEntry)
            .join(ActivityCategory, on=(HourEntry.category == ActivityCategory.id))
            .where(
                HourEntry.placement.in_(ids)
                & HourEntry.deleted_at.is_null()
                & (ActivityCategory.counts_toward_hours == True)  # noqa: E712
            )
            .group_by(HourEntry.placement, Week.status)
            .tuples()
        )
        for placement_id, status, total in rows:
            minutes[placement_id][BUCKETS[status]] += int(total or 0)
    return {p.id: summarise(p.required_hours, minutes[p.id]) for p in placements}


def summarise(required_hours, minutes):
    """The progress shape from counted minutes by bucket (approved, pending, draft)."""
    approved = minutes["approved"] / 60
    percent = min(100.0, 100.0 * approved / required_hours) if required_hours else 0.0
    return {
        "required_hours": required_hours,
        "approved_hours": round(approved, 2),
        "pending_hours": round(minutes["pending"] / 60, 2),
        "draft_hours": round(minutes["draft"] / 60, 2),
        "remaining_hours": round(max(0.0, required_hours - approved), 2),
        "percent": round(percent, 1),
    }
