"""ETag / If-Match by record version: ETag is `"<version>"`, updates must send it back."""

from flask import request

from app.errors import PreconditionFailed, PreconditionRequired


def if_match_parameter(required):
    """The If-Match header as an OpenAPI parameter, for `@blp.doc(parameters=[...])`."""
    return {
        "in": "header",
        "name": "If-Match",
        "required": required,
        "description": 'The version the change was based on, as the ETag gave it: "3".',
        "schema": {"type": "string"},
    }


def etag_for(version):
    return f'"{version}"'


def if_match_version():
    """The version an update was based on; 428 when absent, 412 when it is not one of ours."""
    raw = request.headers.get("If-Match")
    if not raw:
        raise PreconditionRequired()
    value = raw.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    if not value.isdigit():
        raise PreconditionFailed()
    return int(value)


def set_etag(response, version):
    response.headers["ETag"] = etag_for(version)
    return response
