import marshmallow as ma

from app.api.common import StrictSchema
from app.models.notifications import KINDS, MODES
from app.push.transport import MAX_ENDPOINT_LENGTH

BASE64URL = ma.validate.Regexp(r"^[A-Za-z0-9_-]+={0,2}$", error="Not base64url.")


class KeysSchema(StrictSchema):
    p256dh = ma.fields.Str(required=True, validate=[ma.validate.Length(min=80, max=200), BASE64URL])
    auth = ma.fields.Str(required=True, validate=[ma.validate.Length(min=16, max=100), BASE64URL])


class SubscriptionSchema(StrictSchema):
    """What PushSubscription.toJSON() gives (expirationTime is accepted and ignored)."""

    endpoint = ma.fields.Str(
        required=True, validate=ma.validate.Length(min=8, max=MAX_ENDPOINT_LENGTH)
    )
    keys = ma.fields.Nested(KeysSchema, required=True)
    expirationTime = ma.fields.Raw(load_default=None, allow_none=True)  # noqa: N815


class SubscriptionOutSchema(ma.Schema):
    device_id = ma.fields.Str()
    endpoint = ma.fields.Str()


class PublicKeySchema(ma.Schema):
    public_key = ma.fields.Str(metadata={"description": "applicationServerKey (base64url)"})


TIME = {"format": "%H:%M", "metadata": {"example": "21:00"}}


class SettingsSchema(ma.Schema):
    modes = ma.fields.Dict(
        keys=ma.fields.Str(validate=ma.validate.OneOf(KINDS)),
        values=ma.fields.Str(validate=ma.validate.OneOf(MODES)),
    )
    quiet_start = ma.fields.Time(**TIME)
    quiet_end = ma.fields.Time(**TIME)
    email_fallback = ma.fields.Bool()
    digest_by_email = ma.fields.Bool()


class SettingsUpdateSchema(StrictSchema, SettingsSchema):
    pass
