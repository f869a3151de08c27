import marshmallow as ma

from app.api.common import ProgrammeRefSchema, RefSchema
from app.api.placements.schemas import ProgressSchema
from app.models.placements import POK_STATUSES
from app.services.needs import LEVELS, RULES

PHASES = ("not_started", "running", "ended")
# Built once: a schema made per row costs more than the row (a class of 40, four refs each).
REF = RefSchema()
PROGRAMME_REF = ProgrammeRefSchema()


class ReasonSchema(ma.Schema):
    code = ma.fields.Str(metadata={"enum": [code for code, _, _ in RULES]})
    level = ma.fields.Str(metadata={"enum": list(LEVELS)})
    text = ma.fields.Str(metadata={"description": "In the user's language, with its numbers"})
    params = ma.fields.Dict(metadata={"description": "The numbers the text names"})


class PaceSchema(ma.Schema):
    expected_hours = ma.fields.Float(metadata={"description": "Hours the POK needs by now"})
    logged_hours = ma.fields.Float(metadata={"description": "Counting hours logged so far"})
    behind_percent = ma.fields.Int()


class StudentNeedSchema(ma.Schema):
    placement_id = ma.fields.Function(lambda row: row["placement"].id)
    student = ma.fields.Function(lambda row: REF.dump(row["placement"].student))
    company = ma.fields.Function(lambda row: REF.dump(row["placement"].company))
    programme = ma.fields.Function(lambda row: PROGRAMME_REF.dump(row["placement"].programme))
    praktijkopleider = ma.fields.Function(
        lambda row: (
            REF.dump(row["placement"].praktijkopleider)
            if row["placement"].praktijkopleider_id
            else None
        )
    )
    start_date = ma.fields.Function(lambda row: row["placement"].start_date.isoformat())
    end_date = ma.fields.Function(lambda row: row["placement"].end_date.isoformat())
    pok_status = ma.fields.Function(
        lambda row: row["placement"].pok_status, metadata={"enum": list(POK_STATUSES)}
    )
    phase = ma.fields.Str(metadata={"enum": list(PHASES)})
    level = ma.fields.Str(metadata={"enum": list(LEVELS)})
    reasons = ma.fields.List(ma.fields.Nested(ReasonSchema))
    progress = ma.fields.Nested(ProgressSchema)
    pace = ma.fields.Nested(PaceSchema, allow_none=True)
    weeks_waiting = ma.fields.Int()


class CountsSchema(ma.Schema):
    red = ma.fields.Int()
    orange = ma.fields.Int()
    green = ma.fields.Int()


class DashboardSchema(ma.Schema):
    today = ma.fields.Date()
    counts = ma.fields.Nested(CountsSchema)
    students = ma.fields.List(ma.fields.Nested(StudentNeedSchema))
