"""Domain errors and the one error shape of the whole API.

Every error answer is JSON: {"code": 409, "status": "Conflict", "error": "week_locked",
"message": "...", "errors": {"field": ["..."]}, ...details}. `error` is a stable machine code the
phone's outbox understands; `message` is for people, in the user's language.
"""

from flask import current_app, request
from flask_login import current_user
from flask_smorest import Api
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from app.messages import translate


class DomainError(Exception):
    """A rule refused the request. Services raise these; the API maps them to answers."""

    status_code = 409
    default_code = "conflict"

    def __init__(self, code=None, field=None, status_code=None, details=None, **params):
        self.code = code or self.default_code
        self.field = field
        self.params = params
        self.details = details or {}
        if status_code:
            self.status_code = status_code
        super().__init__(self.code)


class NotFound(DomainError):
    """Missing, or not the actor's to see: the two answer the same so nothing leaks."""

    status_code = 404
    default_code = "not_found"


class Forbidden(DomainError):
    status_code = 403
    default_code = "forbidden"


class Conflict(DomainError):
    status_code = 409


class RuleViolation(DomainError):
    """Input that is well-formed but breaks a logbook rule; names the field at fault."""

    status_code = 422
    default_code = "rule_violation"


class Gone(DomainError):
    """It was there, and is no longer (an expired download link or copy)."""

    status_code = 410
    default_code = "gone"


class PreconditionFailed(DomainError):
    """The change was based on another version. `current` is the server's record: the answer
    carries it in its kind's one shape (app/synced.py), so the phone can show both versions."""

    status_code = 412
    default_code = "version_mismatch"

    def __init__(self, code=None, current=None, **kwargs):
        super().__init__(code, **kwargs)
        self.current = current


class PreconditionRequired(DomainError):
    status_code = 428
    default_code = "if_match_required"


class TooManyRequests(DomainError):
    status_code = 429
    default_code = "too_many_attempts"


def user_locale():
    if getattr(current_user, "is_authenticated", False):
        return current_user.locale
    best = request.accept_languages.best_match(["nl", "en"]) if request else None
    return best or "nl"


def error_payload(status_code, code, message, errors=None, **details):
    payload = {
        "code": status_code,
        "status": HTTP_STATUS_CODES.get(status_code, "Error"),
        "error": code,
        "message": message,
    }
    if errors:
        payload["errors"] = errors
    payload.update(details)
    return payload


def handle_domain_error(error):
    message = translate(error.code, user_locale(), **error.params)
    errors = {error.field: [message]} if error.field else None
    headers = {}
    if "retry_after" in error.details:
        headers["Retry-After"] = str(error.details.pop("retry_after"))
    details = dict(error.details)
    if getattr(error, "current", None) is not None:
        from app import synced

        details["current"] = synced.dump(error.current)
    payload = error_payload(error.status_code, error.code, message, errors, **details)
    return payload, error.status_code, headers


def _flatten_validation_errors(messages):
    """webargs nests errors by location ({"json": {...}}); the phone wants them by field."""
    flat = {}
    for location, fields in messages.items():
        if isinstance(fields, dict):
            flat.update(fields)
        else:
            flat[location] = fields
    return flat


class StagewijsApi(Api):
    """flask-smorest's Api with the project's error shape."""

    def handle_http_exception(self, error):
        data = getattr(error, "data", None) or {}
        headers = data.get("headers") or {}
        errors = None
        if "messages" in data:
            errors = _flatten_validation_errors(data["messages"])
        elif "errors" in data:
            errors = data["errors"]
        code = data.get("error") or _code_for(error)
        if errors:
            fields = ", ".join(sorted(errors))
            message = translate("validation_error", user_locale(), fields=fields)
        else:
            message = data.get("message") or translate(
                code, user_locale(), default=error.description
            )
        if error.code >= 500:
            current_app.logger.exception("Unhandled error")
        return error_payload(error.code, code, message, errors), error.code, headers


def _code_for(error: HTTPException):
    if error.code == 422:
        return "validation_error"
    return (HTTP_STATUS_CODES.get(error.code, "error")).lower().replace(" ", "_")
