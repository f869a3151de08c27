"""ETag / If-Match by record version: ETag is `"<version>"`, updates must send it back."""

from flask import make_response, request

from app import synced
from app.errors import PreconditionFailed, PreconditionRequired

MAX_VERSION_DIGITS = 19


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


def if_match_version(required=True):
    """The version a change was based on, from If-Match: the one parser for every endpoint.

    Absent: 428 when required, else None. Not one of our ETags: 412.
    """
    raw = request.headers.get("If-Match")
    if not raw:
        if not required:
            return None
        raise PreconditionRequired()
    return parse_version(raw)


def parse_version(raw):
    """'"3"' or 'W/"3"' -> 3; 412 for anything that is not one of our versions. Only ASCII
    digits, at most a 64-bit integer's 19: "²".isdigit() is true but int() refuses it, and
    int() refuses more than 4,300 digits; either was a 500."""
    value = raw.strip().removeprefix("W/").strip('"')
    if not (value.isascii() and value.isdigit()) or len(value) > MAX_VERSION_DIGITS:
        raise PreconditionFailed()
    return int(value)


def set_etag(response, version):
    response.headers["ETag"] = etag_for(version)
    return response


def record_response(record, status=200):
    """A synced record in its kind's one shape, with its version as the ETag."""
    return set_etag(make_response(synced.dump(record), status), record.version)
