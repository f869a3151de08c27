"""The synced kinds, one line each: model, who sees which rows, and the one shape (app/synced.py).

Adding a kind: its model, migration, service and resource package, then one line here and a
descriptor on the phone (docs/ADDING_A_RECORD_KIND.md).
"""

from app import synced
from app.api.entries.schemas import EntrySchema
from app.api.placements.schemas import PlacementSchema
from app.api.weeks.schemas import WeekSchema
from app.models import HourEntry, Placement, Week
from app.services import entries, placements, weeks


def register_kinds():
    synced.register(
        synced.SyncedKind(
            "placement",
            Placement,
            placements.visible_detailed,
            PlacementSchema(),
            placements.attach_progress,
        )
    )
    synced.register(
        synced.SyncedKind("week", Week, weeks.visible_weeks, WeekSchema(), weeks.prepare)
    )
    synced.register(synced.SyncedKind("entry", HourEntry, entries.visible_entries, EntrySchema()))
