import marshmallow as ma

from app.api.common import ProgrammeRefSchema, RefSchema
from app.models.placements import POK_STATUSES


class ProgressSchema(ma.Schema):
    required_hours = ma.fields.Int()
    approved_hours = ma.fields.Float()
    pending_hours = ma.fields.Float()
    draft_hours = ma.fields.Float()
    remaining_hours = ma.fields.Float()
    percent = ma.fields.Float()


class PlacementSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    version = ma.fields.Int(dump_only=True)
    student = ma.fields.Nested(RefSchema)
    company = ma.fields.Nested(RefSchema)
    praktijkopleider = ma.fields.Nested(RefSchema, allow_none=True)
    docent = ma.fields.Nested(RefSchema, allow_none=True)
    programme = ma.fields.Nested(ProgrammeRefSchema)
    start_date = ma.fields.Date()
    end_date = ma.fields.Date()
    required_hours = ma.fields.Int()
    pok_status = ma.fields.Str(metadata={"enum": list(POK_STATUSES)})
    progress = ma.fields.Nested(ProgressSchema)
