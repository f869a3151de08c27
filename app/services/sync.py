"""The changes feed: what changed after a cursor, across the records phones keep copies of.

Cursor = the global change sequence (see app/models/base.py). Pages are cut by sequence, not
by offset, so rows changing during paging are neither skipped nor repeated.
"""

from app.models import ActivityCategory, HourEntry, Placement, Week
from app.services import access

MAX_LIMIT = 1000


def changes_since(actor, since, limit):
    visible = access.visible_placements(actor).select(Placement.id)
    placements = (
        access.visible_placements(actor)
        .where(Placement.change_seq > since)
        .order_by(Placement.change_seq)
        .limit(limit + 1)
    )
    weeks = (
        Week.select()
        .where(Week.placement.in_(visible) & (Week.change_seq > since))
        .order_by(Week.change_seq)
        .limit(limit + 1)
    )
    entries = (
        HourEntry.select(HourEntry, ActivityCategory)
        .join(ActivityCategory)
        .where(HourEntry.placement.in_(visible) & (HourEntry.change_seq > since))
        .order_by(HourEntry.change_seq)
        .limit(limit + 1)
    )
    merged = sorted(
        [("placement", p) for p in placements]
        + [("week", w) for w in weeks]
        + [("entry", e) for e in entries],
        key=lambda item: item[1].change_seq,
    )
    page = merged[:limit]
    more = len(merged) > limit
    cursor = page[-1][1].change_seq if page else since
    return page, cursor, more
