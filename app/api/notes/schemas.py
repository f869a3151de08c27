import marshmallow as ma

from app.api.common import ClientId, StrictSchema
from app.models.notes import NOTE_SELF, NOTE_VISIBILITIES

TEXT = ma.validate.Length(min=1, max=8000)
VISIBILITY = ma.validate.OneOf(NOTE_VISIBILITIES)
VISIBILITY_HELP = {
    "description": "self: only me; docent: me and my docent; all: also my praktijkopleider"
}


class NoteCreateSchema(StrictSchema):
    id = ClientId(required=True)
    text = ma.fields.Str(required=True, validate=TEXT)
    visibility = ma.fields.Str(
        load_default=NOTE_SELF, validate=VISIBILITY, metadata=VISIBILITY_HELP
    )


class NoteUpdateSchema(StrictSchema):
    text = ma.fields.Str(validate=TEXT)
    visibility = ma.fields.Str(validate=VISIBILITY, metadata=VISIBILITY_HELP)

    @ma.validates_schema
    def not_empty(self, data, **kwargs):
        if not data:
            raise ma.ValidationError("Send at least one field to change.", "_schema")


class NoteSchema(ma.Schema):
    id = ma.fields.Str(metadata={"format": "uuid"})
    version = ma.fields.Int()
    placement_id = ma.fields.Int()
    text = ma.fields.Str()
    visibility = ma.fields.Str(metadata={"enum": list(NOTE_VISIBILITIES)})
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()
    deleted = ma.fields.Function(lambda n: n.deleted_at is not None)
