import datetime as dt

import marshmallow as ma

from app import clock
from app.api.common import MAX_DB_INT, RefSchema, StrictSchema
from app.models.privacy import ERASURE_STATUSES, EXPORT_STATUSES
from app.privacy.registry import AUDIENCES, FOR_STUDENT

ID = {"strict": True, "validate": ma.validate.Range(min=1, max=MAX_DB_INT)}
# A copy past its expiry is shown as expired until the retention job removes it.
EXPORT_SHOWN_STATUSES = (*EXPORT_STATUSES, "expired")


class UtcDateTime(ma.fields.DateTime):
    """A stored (naive UTC) instant, written with its offset so no one reads it as local."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return super()._serialize(value, attr, obj, **kwargs)


class ExportRequestSchema(StrictSchema):
    student_id = ma.fields.Int(
        metadata={"description": "Whose data (a coordinator, for a student); default: yours"},
        **ID,
    )
    audience = ma.fields.Str(
        load_default=FOR_STUDENT,
        validate=ma.validate.OneOf(AUDIENCES),
        metadata={"description": "third_party (coordinators): company-confidential items left out"},
    )


class ProgressSchema(ma.Schema):
    done = ma.fields.Int()
    total = ma.fields.Int()
    percent = ma.fields.Int()


class ExportSchema(ma.Schema):
    id = ma.fields.Int()
    status = ma.fields.Method("shown_status", metadata={"enum": list(EXPORT_SHOWN_STATUSES)})
    audience = ma.fields.Str(metadata={"enum": list(AUDIENCES)})
    subject = ma.fields.Nested(RefSchema)
    progress = ma.fields.Method("progress_of", metadata={"type": "object"})
    size = ma.fields.Int(attribute="file_size")
    created_at = UtcDateTime()
    finished_at = UtcDateTime(allow_none=True)
    expires_at = UtcDateTime()

    def shown_status(self, job):
        return "expired" if job.expires_at <= clock.utcnow() else job.status

    def progress_of(self, job):
        total = max(job.steps_total, 0)
        done = min(job.steps_done, total)
        percent = 100 if job.status == "ready" else (done * 100 // total if total else 0)
        return {"done": done, "total": total, "percent": percent}


class LinkSchema(ma.Schema):
    url = ma.fields.Str(metadata={"description": "Works for you only, until expires_at"})
    expires_at = UtcDateTime()


class DownloadQuerySchema(StrictSchema):
    token = ma.fields.Str(required=True, validate=ma.validate.Length(min=1, max=200))


class ErasureRequestCreateSchema(StrictSchema):
    student_id = ma.fields.Int(
        metadata={"description": "A coordinator, for a student; default: yourself"}, **ID
    )


class ErasureDeclineSchema(StrictSchema):
    comment = ma.fields.Str(required=True, validate=ma.validate.Length(max=2000))


def _ref(user):
    return None if user is None else {"id": user.id, "name": user.name}


class ErasureRequestSchema(ma.Schema):
    id = ma.fields.Int()
    status = ma.fields.Str(metadata={"enum": list(ERASURE_STATUSES)})
    subject = ma.fields.Method("subject_ref", metadata={"type": ["object", "null"]})
    requested_by = ma.fields.Method("requested_by_ref", metadata={"type": ["object", "null"]})
    requested_at = UtcDateTime()
    decided_by = ma.fields.Method("decided_by_ref", metadata={"type": ["object", "null"]})
    decided_at = UtcDateTime(allow_none=True)
    comment = ma.fields.Str()

    def subject_ref(self, request):
        return _ref(request.subject)

    def requested_by_ref(self, request):
        return _ref(request.requested_by)

    def decided_by_ref(self, request):
        return _ref(request.decided_by)


class AuditQuerySchema(StrictSchema):
    action = ma.fields.Str(validate=ma.validate.Length(min=1, max=40))


class AuditEventSchema(ma.Schema):
    id = ma.fields.Int()
    at = UtcDateTime()
    action = ma.fields.Str()
    subject = ma.fields.Str(metadata={"description": 'The record, as "kind:id"'})
    actor = ma.fields.Method("actor_ref", metadata={"type": ["object", "null"]})

    def actor_ref(self, event):
        return _ref(event.user) if event.user_id is not None else None


class RuleSchema(ma.Schema):
    name = ma.fields.Str()
    days = ma.fields.Int()
    after = ma.fields.Str()


class KindSchema(ma.Schema):
    kind = ma.fields.Str()
    count = ma.fields.Int()
    seen_by = ma.fields.List(ma.fields.Str())
    retention = ma.fields.List(ma.fields.Nested(RuleSchema))
    follows = ma.fields.Str(allow_none=True)
    follows_rule = ma.fields.Nested(RuleSchema, allow_none=True)


class OverviewSchema(ma.Schema):
    subject = ma.fields.Nested(RefSchema)
    kinds = ma.fields.List(ma.fields.Nested(KindSchema))
