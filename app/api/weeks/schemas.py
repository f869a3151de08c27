import marshmallow as ma

from app import clock
from app.api.common import RefSchema, StrictSchema
from app.api.entries.schemas import EntrySchema
from app.models.logbook import WEEK_STATUSES


class RejectSchema(StrictSchema):
    comment = ma.fields.Str(required=True, validate=ma.validate.Length(max=4000))


class WeekSchema(ma.Schema):
    id = ma.fields.Int(allow_none=True)
    version = ma.fields.Int()
    placement_id = ma.fields.Int()
    week = ma.fields.Method("label", metadata={"example": "2026-W47"})
    monday = ma.fields.Date()
    status = ma.fields.Str(metadata={"enum": list(WEEK_STATUSES)})
    submitted_at = ma.fields.DateTime(allow_none=True)
    decided_at = ma.fields.DateTime(allow_none=True)
    decided_by = ma.fields.Nested(RefSchema, allow_none=True)
    comment = ma.fields.Str()
    total_minutes = ma.fields.Int()
    counted_minutes = ma.fields.Int()
    entry_count = ma.fields.Int()

    def label(self, week):
        return clock.iso_week_label(week.monday)


class InboxWeekSchema(WeekSchema):
    student = ma.fields.Method("student_ref")

    def student_ref(self, week):
        student = week.placement.student
        return {"id": student.id, "name": student.name}


class WeekDetailSchema(WeekSchema):
    entries = ma.fields.List(ma.fields.Nested(EntrySchema))
