import marshmallow as ma

from app.api.common import ProgrammeRefSchema, RefSchema
from app.models.placements import POK_STATUSES


class ContactSchema(RefSchema):
    """The praktijkopleider or bpv-docent of a placement, with how to reach them."""

    email = ma.fields.Email(dump_only=True)
    phone = ma.fields.Str(dump_only=True, metadata={"description": "Work phone; may be empty."})


class CompanySchema(RefSchema):
    address = ma.fields.Str(dump_only=True)
    postcode = ma.fields.Str(dump_only=True)
    city = ma.fields.Str(dump_only=True)


class FreeDaySchema(ma.Schema):
    date = ma.fields.Date()
    name = ma.fields.Str()


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
    company = ma.fields.Nested(CompanySchema)
    praktijkopleider = ma.fields.Nested(ContactSchema, allow_none=True)
    docent = ma.fields.Nested(ContactSchema, allow_none=True)
    programme = ma.fields.Nested(ProgrammeRefSchema)
    start_date = ma.fields.Date()
    end_date = ma.fields.Date()
    required_hours = ma.fields.Int()
    pok_status = ma.fields.Str(metadata={"enum": list(POK_STATUSES)})
    school_weekday = ma.fields.Int(
        allow_none=True, metadata={"description": "0 = Monday; the BBL student's school day."}
    )
    free_days = ma.fields.List(ma.fields.Nested(FreeDaySchema), dump_only=True)
    progress = ma.fields.Nested(ProgressSchema)
