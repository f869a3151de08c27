"""The changes feed phones pull with a cursor."""

import marshmallow as ma

from app.api.blueprint import Blueprint
from app.api.common import MAX_DB_INT, StrictSchema, actor
from app.api.entries.schemas import EntrySchema
from app.api.placements.schemas import PlacementSchema
from app.api.weeks.schemas import WeekSchema
from app.services import sync

blp = Blueprint("sync", __name__, url_prefix="/api/sync", description="Offline sync")

DUMPERS = {
    "entry": EntrySchema(),
    "week": WeekSchema(exclude=("total_minutes", "counted_minutes", "entry_count")),
    "placement": PlacementSchema(
        exclude=("progress", "student", "company", "praktijkopleider", "docent", "programme")
    ),
}


class ChangesQuerySchema(StrictSchema):
    since = ma.fields.Int(load_default=0, validate=ma.validate.Range(min=0, max=MAX_DB_INT))
    limit = ma.fields.Int(load_default=500, validate=ma.validate.Range(min=1, max=sync.MAX_LIMIT))


class ChangeSchema(ma.Schema):
    kind = ma.fields.Str(metadata={"enum": list(DUMPERS)})
    id = ma.fields.Str()
    seq = ma.fields.Int()
    deleted = ma.fields.Bool()
    data = ma.fields.Dict()


class ChangesSchema(ma.Schema):
    changes = ma.fields.List(ma.fields.Nested(ChangeSchema))
    cursor = ma.fields.Int()
    more = ma.fields.Bool()


@blp.get("/changes")
@blp.arguments(ChangesQuerySchema, location="query")
@blp.response(200, ChangesSchema)
def changes(query):
    """Records changed after the cursor `since`; call again with `cursor` while `more`"""
    page, cursor, more = sync.changes_since(actor(), query["since"], query["limit"])
    items = []
    for kind, record in page:
        data = DUMPERS[kind].dump(record)
        items.append(
            {
                "kind": kind,
                "id": str(record.id),
                "seq": record.change_seq,
                "deleted": bool(data.get("deleted", False)),
                "data": data,
            }
        )
    return {"changes": items, "cursor": cursor, "more": more}
