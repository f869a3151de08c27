import marshmallow as ma

from app.api.common import RefSchema, StrictSchema
from app.models.users import ROLES


class LoginSchema(StrictSchema):
    email = ma.fields.Str(required=True, validate=ma.validate.Length(min=3, max=254))
    password = ma.fields.Str(required=True, validate=ma.validate.Length(min=1, max=1024))


class PasswordChangeSchema(StrictSchema):
    current_password = ma.fields.Str(required=True, validate=ma.validate.Length(max=1024))
    new_password = ma.fields.Str(required=True, validate=ma.validate.Length(max=1024))


class MeUpdateSchema(StrictSchema):
    locale = ma.fields.Str(required=True, validate=ma.validate.OneOf(["nl", "en"]))


class UserSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    email = ma.fields.Str(dump_only=True)
    name = ma.fields.Str(dump_only=True)
    role = ma.fields.Str(dump_only=True, metadata={"enum": list(ROLES)})
    locale = ma.fields.Str(dump_only=True)
    company = ma.fields.Nested(RefSchema, dump_only=True, allow_none=True)
