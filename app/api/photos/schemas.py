import marshmallow as ma
from webargs.fields import DelimitedList

from app.api.common import ClientId, StrictSchema
from app.api.evidence_fields import CODE, TaggedSchema, WerkprocessenField, carry
from app.services import werkprocessen
from app.services.photos import photo_dict

CAPTION = ma.validate.Length(max=1000)


def _no_nul(text):
    """Query values skip StrictSchema's check of JSON text; NUL is no text anyone typed (and
    PostgreSQL refuses it)."""
    if "\x00" in text:
        raise ma.ValidationError("Not valid text.")


SHA256 = ma.validate.Regexp(r"^[0-9a-f]{64}$", error="A SHA-256 in lower-case hex (64 characters).")
MAX_LINKS = 20


class PhotoCreateQuerySchema(StrictSchema):
    """The create's fields travel in the query: the body is the image itself (a Blob the
    phone's outbox sends as it is)."""

    id = ClientId(required=True, metadata={"description": "Made by the phone: a v4 or v7 UUID"})
    sha256 = ma.fields.Str(
        required=True, validate=SHA256, metadata={"description": "SHA-256 of the body"}
    )
    taken_at = ma.fields.AwareDateTime(
        required=True, metadata={"description": "When it was taken, by the phone's clock"}
    )
    caption = ma.fields.Str(load_default="", validate=[CAPTION, _no_nul])
    entries = DelimitedList(
        ma.fields.UUID(),
        load_default=list,
        validate=ma.validate.Length(max=MAX_LINKS),
        metadata={"description": "Ids of hour entries of this placement, comma-separated"},
    )
    werkprocessen = DelimitedList(
        ma.fields.Str(validate=CODE),
        load_default=list,
        validate=ma.validate.Length(max=werkprocessen.MAX_TAGS),
        metadata={"description": "Werkproces codes of the student's programme, comma-separated"},
    )


class PhotoUpdateSchema(StrictSchema):
    caption = ma.fields.Str(validate=CAPTION)
    entries = ma.fields.List(ma.fields.UUID(), validate=ma.validate.Length(max=MAX_LINKS))
    werkprocessen = WerkprocessenField()

    @ma.validates_schema
    def not_empty(self, data, **kwargs):
        if not data:
            raise ma.ValidationError("Send at least one field to change.", "_schema")


class PhotoSchema(TaggedSchema):
    """Dumped from photo_dict(), so the 412 answer's `current` has exactly this shape; its
    werkproces tags come from the one tagging mechanism (app/api/evidence_fields.py)."""

    TAG_KIND = "photo"

    id = ma.fields.Str(metadata={"format": "uuid"})
    version = ma.fields.Int()
    placement_id = ma.fields.Int()
    caption = ma.fields.Str()
    taken_at = ma.fields.Str(metadata={"format": "date-time"})
    width = ma.fields.Int()
    height = ma.fields.Int()
    sha256 = ma.fields.Str()
    entries = ma.fields.List(ma.fields.Str(metadata={"format": "uuid"}))
    image_url = ma.fields.Str(allow_none=True)
    thumbnail_url = ma.fields.Str(allow_none=True)
    deleted = ma.fields.Bool()

    @ma.pre_dump
    def flatten(self, photo, **kwargs):
        # Keeps the tags the kind's prepare attached to a feed page (app/api/kinds.py).
        return carry(photo, photo_dict(photo))
