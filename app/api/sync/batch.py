"""The outbox's batch: many operations in one request, each run as the request it stands for.

An operation is dispatched through the app like a request of its own (same URL rules,
arguments, authorization, idempotency record and error shape), carrying its op id as
`Idempotency-Key` and its `if_match` as `If-Match`. So there is one mechanism, not a second
API: a batch can be replayed whole, or one of its operations sent alone later, and each answers
its first answer. The user is the batch's user; the outer request already passed the
session and cross-site checks.
"""

from urllib.parse import unquote

import marshmallow as ma
from flask import current_app, g, request
from flask_login import current_user
from werkzeug.test import EnvironBuilder

from app.api.common import StrictSchema
from app.api.idempotency import HEADER, MAX_KEY_LENGTH
from app.errors import error_payload, user_locale
from app.messages import translate

MAX_OPERATIONS = 100
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# Not through a batch: a batch in a batch, and the session's own endpoints. Matched by endpoint
# after Werkzeug decodes and routes the path, so "/api/%61uth/logout" is refused too.
REFUSED_BLUEPRINTS = ("auth",)
REFUSED_ENDPOINTS = ("sync.push_batch",)


# They become header values: visible ASCII only (no spaces, no line breaks).
HEADER_SAFE = ma.validate.Regexp(r"^[\x21-\x7e]+$", error="Use visible ASCII characters only.")


class OperationSchema(StrictSchema):
    op_id = ma.fields.Str(
        required=True, validate=[ma.validate.Length(min=1, max=MAX_KEY_LENGTH), HEADER_SAFE]
    )
    method = ma.fields.Str(required=True, validate=ma.validate.OneOf(WRITE_METHODS))
    path = ma.fields.Str(
        required=True,
        validate=[ma.validate.Length(max=2000), ma.validate.Regexp(r"^/api/[^\s]*$")],
    )
    if_match = ma.fields.Str(validate=[ma.validate.Length(min=1, max=40), HEADER_SAFE])
    body = ma.fields.Raw(allow_none=True)


class BatchSchema(StrictSchema):
    operations = ma.fields.List(
        ma.fields.Nested(OperationSchema),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_OPERATIONS),
    )


class ResultSchema(ma.Schema):
    op_id = ma.fields.Str()
    status = ma.fields.Int()
    body = ma.fields.Raw(allow_none=True)
    etag = ma.fields.Str(allow_none=True)


class BatchResultSchema(ma.Schema):
    results = ma.fields.List(ma.fields.Nested(ResultSchema))


def _refused(op):
    adapter = current_app.url_map.bind(request.host)
    try:
        path = unquote(op["path"].split("?", 1)[0])  # as the dispatch will see it
        endpoint, _ = adapter.match(path, method=op["method"])
    except Exception:  # no such route or method: the dispatch answers that itself
        return False
    return endpoint in REFUSED_ENDPOINTS or endpoint.split(".", 1)[0] in REFUSED_BLUEPRINTS


def run_operation(op):
    if _refused(op):
        return _result(
            op, 404, error_payload(404, "not_found", translate("not_found", user_locale()))
        )
    headers = {HEADER: op["op_id"]}
    if op.get("if_match"):
        headers["If-Match"] = op["if_match"]
    options = {"json": op["body"]} if op.get("body") is not None else {}
    environ = EnvironBuilder(
        path=op["path"],
        method=op["method"],
        base_url=request.host_url,
        headers=headers,
        environ_base={"REMOTE_ADDR": request.remote_addr},
        **options,
    ).get_environ()
    app = current_app._get_current_object()
    user = current_user._get_current_object()
    with app.request_context(environ):
        g._login_user = user  # the batch's user; no second session load
        try:
            response = app.full_dispatch_request()
        except Exception:  # one broken operation must not take the others with it
            app.logger.exception("Batch operation failed: %s %s", op["method"], op["path"])
            payload = error_payload(
                500, "internal_error", translate("internal_error", user_locale())
            )
            return _result(op, 500, payload)
    return _result(
        op, response.status_code, response.get_json(silent=True), response.headers.get("ETag")
    )


def _result(op, status, body, etag=None):
    return {"op_id": op["op_id"], "status": status, "body": body, "etag": etag}
