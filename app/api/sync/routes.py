"""Offline sync: the changes feed phones pull with a cursor, and the batch phones push with."""

import marshmallow as ma

from app.api.blueprint import Blueprint
from app.api.common import MAX_DB_INT, StrictSchema, actor
from app.api.sync import batch
from app.services import sync

blp = Blueprint("sync", __name__, url_prefix="/api/sync", description="Offline sync")


class ChangesQuerySchema(StrictSchema):
    since = ma.fields.Int(load_default=0, validate=ma.validate.Range(min=0, max=MAX_DB_INT))
    limit = ma.fields.Int(load_default=500, validate=ma.validate.Range(min=1, max=sync.MAX_LIMIT))
    placement = ma.fields.Int(
        validate=ma.validate.Range(min=1, max=MAX_DB_INT),
        metadata={"description": "Only this placement and its records (after a `granted`)."},
    )


class ChangeSchema(ma.Schema):
    kind = ma.fields.Str(metadata={"description": "A synced kind: placement, week, entry, ..."})
    id = ma.fields.Str()
    seq = ma.fields.Int()
    deleted = ma.fields.Bool()
    granted = ma.fields.Bool(
        metadata={
            "description": "The user can now see this placement: fetch it and its records "
            "with ?since=0&placement=<id> (they are older than the cursor)."
        }
    )
    revoked = ma.fields.Bool(
        metadata={
            "description": "The user can no longer see this record: drop the copy. For kind "
            "placement: drop the placement and every record of it."
        }
    )
    data = ma.fields.Dict(allow_none=True)


class ChangesSchema(ma.Schema):
    changes = ma.fields.List(ma.fields.Nested(ChangeSchema))
    cursor = ma.fields.Int()
    more = ma.fields.Bool()


@blp.get("/changes")
@blp.arguments(ChangesQuerySchema, location="query")
@blp.response(200, ChangesSchema)
def changes(query):
    """Records changed after the cursor `since`; call again with `cursor` while `more`"""
    page, cursor, more = sync.changes_since(
        actor(), query["since"], query["limit"], query.get("placement")
    )
    dumped = {}
    for kind in {kind for _, kind, _ in page if kind is not None}:
        records = [record for _, k, record in page if k is kind]
        dumped.update(zip(map(id, records), kind.dump_many(records), strict=True))
    return {
        "changes": [_change(seq, kind, r, dumped) for seq, kind, r in page],
        "cursor": cursor,
        "more": more,
    }


def _change(seq, kind, record, dumped):
    if kind is None:  # an access change: lost (revoked) or gained (granted)
        return {
            "kind": record.kind,
            "id": record.record_id,
            "seq": seq,
            "deleted": False,
            "revoked": not record.granted,
            "granted": record.granted,
            "data": None,
        }
    data = dumped[id(record)]
    return {
        "kind": kind.name,
        "id": str(record._pk),
        "seq": seq,
        "deleted": bool(data.get("deleted", False)),
        "revoked": False,
        "granted": False,
        "data": data,
    }


@blp.post("/batch")
@blp.arguments(batch.BatchSchema)
@blp.response(200, batch.BatchResultSchema)
def push_batch(data):
    """Many outbox operations in one request: each applied in order, in its own transaction,
    exactly as if sent alone with `Idempotency-Key: op_id` (so replays answer the first
    answer); one failing never undoes or blocks the others"""
    return {"results": [batch.run_operation(op) for op in data["operations"]]}
