"""The changes feed: what changed after a cursor, over every synced kind, and what a user can
no longer see.

Cursor = the global change sequence (app/models/base.py). Pages are cut by sequence, not by
offset, so rows changing during paging are neither skipped nor repeated. Each kind is read
with the same limit, and the merged list is cut at `limit`: everything up to the cut's
sequence number is then in the page, whatever kind it is.
"""

from app import synced
from app.models import Revocation
from app.models.base import next_change_seq

MAX_LIMIT = 1000
PLACEMENT_SCOPE = "placement"


def changes_since(actor, since, limit, placement_id=None):
    """([(seq, kind or None, record or Revocation)], cursor, more), oldest first.

    With `placement_id`: only that placement and its records (what a phone fetches for a
    placement it just gained, from 0), and no access changes.
    """
    items = []
    for kind in synced.kinds():
        records = kind.changed_since(actor, since, limit + 1, placement_id)
        items += [(r.change_seq, kind, r) for r in records]
    if placement_id is None:
        changed = (
            Revocation.select()
            .where((Revocation.user == actor.id) & (Revocation.change_seq > since))
            .order_by(Revocation.change_seq)
            .limit(limit + 1)
        )
        items += [(r.change_seq, None, r) for r in changed]
    items.sort(key=lambda item: item[0])
    page = items[:limit]
    cursor = page[-1][0] if page else since
    return page, cursor, len(items) > limit


def revoke(user_ids, kind, record_id, granted=False):
    """Tell these users' phones to drop a record (kind "placement": all of that placement), or
    with `granted`, to fetch a placement they just gained.

    Call inside the transaction that changes the access.
    """
    for user_id in {u for u in user_ids if u is not None}:
        Revocation.create(
            user=user_id,
            kind=kind,
            record_id=str(record_id),
            change_seq=next_change_seq(),
            granted=granted,
        )


def grant(user_ids, placement_id):
    revoke(user_ids, PLACEMENT_SCOPE, placement_id, granted=True)
