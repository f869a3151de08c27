import marshmallow as ma

from app.api.common import ClientId, StrictSchema
from app.api.evidence_fields import EvidenceField, LinkedSchema, TaggedSchema, WerkprocessenField
from app.models.starrts import RATINGS, STARRT_STATUSES

TITLE = ma.validate.Length(max=200)
PART = ma.validate.Length(max=8000)


class StarrtCreateSchema(StrictSchema):
    id = ClientId(required=True, metadata={"description": "Made by the phone"})
    title = ma.fields.Str(load_default="", validate=TITLE)
    situatie = ma.fields.Str(load_default="", validate=PART)
    taak = ma.fields.Str(load_default="", validate=PART)
    actie = ma.fields.Str(load_default="", validate=PART)
    resultaat = ma.fields.Str(load_default="", validate=PART)
    reflectie = ma.fields.Str(load_default="", validate=PART)
    transfer = ma.fields.Str(load_default="", validate=PART)
    werkprocessen = WerkprocessenField(load_default=list)
    evidence = EvidenceField(load_default=list)


class StarrtUpdateSchema(StrictSchema):
    title = ma.fields.Str(validate=TITLE)
    situatie = ma.fields.Str(validate=PART)
    taak = ma.fields.Str(validate=PART)
    actie = ma.fields.Str(validate=PART)
    resultaat = ma.fields.Str(validate=PART)
    reflectie = ma.fields.Str(validate=PART)
    transfer = ma.fields.Str(validate=PART)
    werkprocessen = WerkprocessenField()
    evidence = EvidenceField()

    @ma.validates_schema
    def not_empty(self, data, **kwargs):
        if not data:
            raise ma.ValidationError("Send at least one field to change.", "_schema")


class RateSchema(StrictSchema):
    rating = ma.fields.Str(required=True, validate=ma.validate.OneOf(RATINGS))
    remark = ma.fields.Str(load_default="", validate=ma.validate.Length(max=2000))
    initials = ma.fields.Str(required=True, validate=ma.validate.Length(min=1, max=10))


class StarrtSchema(TaggedSchema, LinkedSchema):
    """The one shape of a STARRT: GET, lists, the feed and the 412 `current` copy."""

    TAG_KIND = "starrt"
    LINK_KIND = "starrt"

    id = ma.fields.Str(metadata={"format": "uuid"})
    version = ma.fields.Int()
    placement_id = ma.fields.Int()
    title = ma.fields.Str()
    situatie = ma.fields.Str()
    taak = ma.fields.Str()
    actie = ma.fields.Str()
    resultaat = ma.fields.Str()
    reflectie = ma.fields.Str()
    transfer = ma.fields.Str()
    status = ma.fields.Str(metadata={"enum": list(STARRT_STATUSES)})
    submitted_at = ma.fields.DateTime(allow_none=True)
    rating = ma.fields.Str(allow_none=True, metadata={"enum": list(RATINGS)})
    rating_remark = ma.fields.Str()
    rating_initials = ma.fields.Str()
    rated_at = ma.fields.DateTime(allow_none=True)
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()
    deleted = ma.fields.Function(lambda s: s.deleted_at is not None)


class StarrtProgressSchema(ma.Schema):
    rated_sufficient = ma.fields.Int()
    rated = ma.fields.Int()
    submitted = ma.fields.Int()
    drafts = ma.fields.Int()
    minimum = ma.fields.Int()
