"""The Blueprint every API resource uses: login required unless a view is marked public."""

from flask import request
from flask_login import current_user
from flask_smorest import Blueprint as SmorestBlueprint

from app.api.json_body import BodyParser
from app.errors import error_payload, user_locale
from app.messages import translate

PUBLIC_ATTR = "_stagewijs_public"


UPLOAD_ATTR = "_stagewijs_upload"


def upload(view):
    """Mark a view (function or MethodView method) that takes a file body: its requests may be
    as large as MAX_UPLOAD_BYTES instead of the JSON limit (MAX_CONTENT_LENGTH)."""
    setattr(view, UPLOAD_ATTR, True)
    return view


def view_accepts_upload():
    view = _view_function()
    return view is not None and getattr(view, UPLOAD_ATTR, False)


def public(view):
    """Mark a view (function or MethodView method) as open without login."""
    setattr(view, PUBLIC_ATTR, True)
    return view


class Blueprint(SmorestBlueprint):
    # Every @blp.arguments body is parsed by app/api/json_body.py.
    ARGUMENTS_PARSER = BodyParser()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.before_request(self._require_login)

    def arguments(self, schema, *args, **kwargs):
        """As flask-smorest's, but a schema class is made into an instance once, here: given a
        class, webargs builds a new schema on every request (a tenth of a create's time)."""
        if isinstance(schema, type):
            schema = schema()
        return super().arguments(schema, *args, **kwargs)

    def _require_login(self):
        if current_user.is_authenticated:
            return None
        view = _view_function()
        if view is not None and getattr(view, PUBLIC_ATTR, False):
            return None
        message = translate("unauthorized", user_locale())
        return error_payload(401, "unauthorized", message), 401


def _view_function():
    from flask import current_app

    func = current_app.view_functions.get(request.endpoint)
    if func is None:
        return None
    view_class = getattr(func, "view_class", None)
    if view_class is not None:
        return getattr(view_class, request.method.lower(), None)
    return func
