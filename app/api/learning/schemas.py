import marshmallow as ma

from app.api.common import ClientId, StrictSchema
from app.api.evidence_fields import TaggedSchema, WerkprocessenField, carry
from app.models.learning import REFLECTION_MODELS
from app.services.learning import moment_dict

TITLE = ma.validate.Length(min=1, max=300)
LONG = ma.validate.Length(max=8000)
MODEL = ma.validate.OneOf(["", *REFLECTION_MODELS])
MODEL_HELP = {"description": "feedback (feedback/feedforward), starr, korthagen, or empty"}


def _not_empty(data):
    if not data:
        raise ma.ValidationError("Send at least one field to change.", "_schema")


class GoalCreateSchema(StrictSchema):
    id = ClientId(required=True)
    title = ma.fields.Str(required=True, validate=TITLE)
    criteria = ma.fields.Str(load_default="", validate=LONG)
    reached = ma.fields.Bool(load_default=False)


class GoalUpdateSchema(StrictSchema):
    title = ma.fields.Str(validate=TITLE)
    criteria = ma.fields.Str(validate=LONG)
    reached = ma.fields.Bool()

    @ma.validates_schema
    def not_empty(self, data, **kwargs):
        _not_empty(data)


class GoalSchema(ma.Schema):
    id = ma.fields.Str(metadata={"format": "uuid"})
    version = ma.fields.Int()
    placement_id = ma.fields.Int()
    title = ma.fields.Str()
    criteria = ma.fields.Str()
    reached = ma.fields.Function(lambda g: g.reached_at is not None)
    reached_at = ma.fields.DateTime(allow_none=True)
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()
    deleted = ma.fields.Function(lambda g: g.deleted_at is not None)


REFLECTION = ma.fields.Dict(
    keys=ma.fields.Str(validate=ma.validate.Length(max=30)),
    values=ma.fields.Str(validate=LONG),
    validate=ma.validate.Length(max=5),
)


class MomentCreateSchema(StrictSchema):
    id = ClientId(required=True)
    date = ma.fields.Date(required=True)
    text = ma.fields.Str(required=True, validate=ma.validate.Length(min=1, max=4000))
    goal_id = ma.fields.UUID(load_default=None, allow_none=True)
    reflection_model = ma.fields.Str(load_default="", validate=MODEL, metadata=MODEL_HELP)
    reflection = REFLECTION
    werkprocessen = WerkprocessenField(load_default=list)


class MomentUpdateSchema(StrictSchema):
    date = ma.fields.Date()
    text = ma.fields.Str(validate=ma.validate.Length(min=1, max=4000))
    goal_id = ma.fields.UUID(allow_none=True)
    reflection_model = ma.fields.Str(validate=MODEL, metadata=MODEL_HELP)
    reflection = REFLECTION
    werkprocessen = WerkprocessenField()

    @ma.validates_schema
    def not_empty(self, data, **kwargs):
        _not_empty(data)


class MomentSchema(TaggedSchema):
    TAG_KIND = "learning_moment"

    id = ma.fields.Str(metadata={"format": "uuid"})
    version = ma.fields.Int()
    placement_id = ma.fields.Int()
    date = ma.fields.Date()
    text = ma.fields.Str()
    goal_id = ma.fields.Str(allow_none=True, metadata={"format": "uuid"})
    reflection_model = ma.fields.Str()
    reflection = ma.fields.Dict(keys=ma.fields.Str(), values=ma.fields.Str())
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()
    deleted = ma.fields.Bool()

    @ma.pre_dump
    def flatten(self, moment, **kwargs):
        data = moment_dict(moment)
        goal = data["goal_id"]
        return carry(
            moment,
            {
                **data,
                "id": str(moment.id),
                "version": moment.version,
                "placement_id": moment.placement_id,
                "goal_id": str(goal) if goal else None,
                "created_at": moment.created_at,
                "updated_at": moment.updated_at,
                "deleted": moment.deleted_at is not None,
            },
        )
