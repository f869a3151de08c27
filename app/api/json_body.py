"""The one place where a request's JSON body is parsed, for every endpoint.

Both ways a view can read JSON come through `loads` here: flask-smorest's @blp.arguments (webargs
parses the body itself, see `BodyParser`) and Flask's `request.get_json()` (through the app's
JSON provider and `ApiRequest`). The standard library's parser answers two shapes with an
exception that is no JSON error: nesting deeper than the stack (RecursionError) and integers
longer than Python converts (ValueError, 4,300 digits). Both are refused here as a 400, long
before those limits: nothing this API takes is nested more than a few levels or holds a number
longer than a 64-bit integer.
"""

import json

from flask import Request
from flask.json.provider import DefaultJSONProvider
from webargs import core
from webargs.flaskparser import FlaskParser, abort, is_json_request

from app.errors import user_locale
from app.messages import translate

MAX_DEPTH = 32
MAX_NUMBER_DIGITS = 100


class InvalidJSON(ValueError):
    """A body that is not JSON this API reads; `code` names why (a key of app/messages.py)."""

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(code)


def loads(data, **kwargs):
    """JSON text or UTF-8 bytes -> value, or InvalidJSON. `kwargs` go to json.loads (Flask's
    session serializer passes an object_hook)."""
    if isinstance(data, bytes | bytearray):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidJSON("invalid_json") from None
    try:
        value = json.loads(data, parse_int=_parse_int, **kwargs)
    except RecursionError:
        raise InvalidJSON("json_too_deep", max=MAX_DEPTH) from None
    except InvalidJSON:
        raise
    except ValueError:  # json.JSONDecodeError is one
        raise InvalidJSON("invalid_json") from None
    # Counting brackets is cheap; only a body that could be too deep is walked.
    if data.count("[") + data.count("{") > MAX_DEPTH and _deeper_than(value, MAX_DEPTH):
        raise InvalidJSON("json_too_deep", max=MAX_DEPTH)
    return value


def _parse_int(text):
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise InvalidJSON("json_number_too_long", max=MAX_NUMBER_DIGITS)
    return int(text)


def _deeper_than(value, limit):
    """Without recursion: the value may be nested almost as deep as the stack allows."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def refuse(error):
    """Answer a body that is not JSON this API reads: 400 in the one error shape."""
    message = translate(error.code, user_locale(), **error.params)
    abort(400, exc=error, error=error.code, message=message)


class BodyParser(FlaskParser):
    """webargs' Flask parser, reading bodies through `loads`."""

    def _raw_load_json(self, req):
        if not is_json_request(req):
            return core.missing
        data = req.get_data(cache=True)
        if not data:
            return core.missing  # as webargs does: the schema then names the missing fields
        try:
            return loads(data)
        except InvalidJSON as error:
            refuse(error)


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, reading through `loads` (request.get_json() and everything else)."""

    def loads(self, s, **kwargs):
        return loads(s, **kwargs)


class ApiRequest(Request):
    def on_json_loading_failed(self, e):
        if isinstance(e, InvalidJSON):
            refuse(e)
        return super().on_json_loading_failed(e)
