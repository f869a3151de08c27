import base64

import marshmallow as ma

from app.api.common import ClockTime, StrictSchema
from app.models.notifications import KINDS, MODES
from app.push.transport import MAX_ENDPOINT_LENGTH

BASE64URL = ma.validate.Regexp(r"^[A-Za-z0-9_-]+={0,2}$", error="Not base64url.")


def _decoded(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _p256_point(text):
    """A browser's key: an uncompressed P-256 point (65 bytes, 0x04 first) that is on the curve."""
    from cryptography.hazmat.primitives.asymmetric import ec  # here: web workers rarely need it

    try:
        raw = _decoded(text)
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError:
        raise ma.ValidationError("Not a P-256 public key.") from None
    if len(raw) != 65 or raw[0] != 4:
        raise ma.ValidationError("Not an uncompressed P-256 public key.")


def _auth_secret(text):
    try:
        size = len(_decoded(text))
    except ValueError:  # binascii.Error: not base64url after all
        size = None
    if size != 16:
        raise ma.ValidationError("The auth secret is 16 bytes of base64url.")


class KeysSchema(StrictSchema):
    p256dh = ma.fields.Str(
        required=True, validate=[ma.validate.Length(min=80, max=200), BASE64URL, _p256_point]
    )
    auth = ma.fields.Str(
        required=True, validate=[ma.validate.Length(min=16, max=100), BASE64URL, _auth_secret]
    )


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
    quiet_start = ClockTime(**TIME)
    quiet_end = ClockTime(**TIME)
    email_fallback = ma.fields.Bool()
    digest_by_email = ma.fields.Bool()
    message_preview = ma.fields.Bool()  # conversations (#10)


class SettingsUpdateSchema(StrictSchema, SettingsSchema):
    pass
