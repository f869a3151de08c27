import marshmallow as ma

from app.api.common import ClientId, ClockTime, StrictSchema
from app.api.evidence_fields import TaggedSchema, WerkprocessenField, carry
from app.services.entries import entry_dict

TIME = {"format": "%H:%M", "metadata": {"example": "08:30"}}
DESCRIPTION = ma.validate.Length(max=4000)


class EntryCreateSchema(StrictSchema):
    id = ClientId(required=True, metadata={"description": "Made by the phone: a v4 or v7 UUID"})
    date = ma.fields.Date(required=True)
    start_time = ClockTime(required=True, **TIME)
    end_time = ClockTime(required=True, **TIME)
    category = ma.fields.Int(required=True, strict=True, validate=ma.validate.Range(1, 10_000))
    description = ma.fields.Str(load_default="", validate=DESCRIPTION)
    werkprocessen = WerkprocessenField()  # Evidence (#9): optional tags


class EntryUpdateSchema(StrictSchema):
    date = ma.fields.Date()
    start_time = ClockTime(**TIME)
    end_time = ClockTime(**TIME)
    category = ma.fields.Int(strict=True, validate=ma.validate.Range(1, 10_000))
    description = ma.fields.Str(validate=DESCRIPTION)
    werkprocessen = WerkprocessenField()

    @ma.validates_schema
    def not_empty(self, data, **kwargs):
        if not data:
            raise ma.ValidationError("Send at least one field to change.", "_schema")


class EntryQuerySchema(StrictSchema):
    from_ = ma.fields.Date(data_key="from")
    to = ma.fields.Date()


class EntrySchema(TaggedSchema):
    """Dumped from entry_dict(), so the 412 answer's `current` has exactly this shape."""

    TAG_KIND = "entry"

    id = ma.fields.Str(metadata={"format": "uuid"})
    version = ma.fields.Int()
    placement_id = ma.fields.Int()
    week = ma.fields.Str(metadata={"example": "2026-W47"})
    date = ma.fields.Str(metadata={"format": "date"})
    start_time = ma.fields.Str(metadata={"example": "08:30"})
    end_time = ma.fields.Str(metadata={"example": "17:00"})
    minutes = ma.fields.Int()
    category = ma.fields.Int()
    description = ma.fields.Str()
    deleted = ma.fields.Bool()

    @ma.pre_dump
    def flatten(self, entry, **kwargs):
        return carry(entry, entry_dict(entry))
