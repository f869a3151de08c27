"""A phone's hour-entry create without the framework's request dispatch: the logbook's hottest
write (every line a student logs, and an outbox flushing a week offline sends dozens at once).

Measured (bench/api_creates.py, 2 Dec 2026): of a create's 1.04 ms of CPU in-process, 0.43 ms
was Flask's request context and hooks, flask-smorest's and webargs' wrappers and the response
object, around a change whose own work (session, schema, rules, SQL) took 0.61 ms. Under
gunicorn that kept creates at 0.12-0.14 of the bare WSGI app's rate (target 0.20).

This WSGI layer answers only the common case, and with the app's own parts: the session cookie
verified by the app's session interface, the user checked by app.security.load_user, the body
read by app/api/json_body.py and checked by the view's own schema, the cross-site rule and the
security headers of app/security.py, the operation stored by app/api/idempotency.py in the same
transaction, the entry made by app.services.entries and dumped in its kind's one shape. Anything
else goes on to the app, which answers exactly as it always does: no Idempotency-Key, no or a
bad session, a body that is not valid JSON for the schema, a replayed operation, and any refusal
of the service (the transaction is rolled back first, so the app runs the create again from
nothing and answers the refusal in the one error shape). Refusals cost twice; they are rare.

`FAST_CREATES = False` in the config sends everything to the app (tests compare the two).
"""

import io
import logging
import re

from marshmallow import ValidationError
from peewee import IntegrityError
from werkzeug.wsgi import get_host

from app import synced
from app.api import idempotency
from app.api.json_body import InvalidJSON, loads
from app.api.versioning import etag_for
from app.db import ensure_connection
from app.errors import DomainError
from app.security import (
    is_cross_site,
    load_user,
    session_expired,
    signed_session,
    wanted_headers,
)

log = logging.getLogger(__name__)

# /api/placements/<int:placement_id>/entries, as the app's route matches it. A number with a
# leading zero or more digits than a 64-bit id is left to the app's own URL rules.
_PATH = re.compile(r"/api/placements/([1-9][0-9]{0,17})/entries")


class FastCreate:
    def __init__(self, flask_app, wsgi_app):
        self.flask_app = flask_app
        self.wsgi_app = wsgi_app
        self._schema = None

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "POST":
            match = _PATH.fullmatch(environ.get("PATH_INFO", ""))
            if match is not None and self.flask_app.config.get("FAST_CREATES", True):
                answer = self._create(environ, int(match.group(1)))
                if answer is not None:
                    status, headers, body = answer
                    start_response(status, headers)
                    return [body]
        return self.wsgi_app(environ, start_response)

    def _create(self, environ, placement_id):
        """(status, headers, body) of a create made here, or None: the app answers."""
        app = self.flask_app
        key = environ.get("HTTP_IDEMPOTENCY_KEY")
        if not key or len(key) > idempotency.MAX_KEY_LENGTH:
            return None
        content_type = environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
        length = environ.get("CONTENT_LENGTH", "")
        if (
            content_type != "application/json"
            or not (length.isascii() and length.isdigit() and len(length) <= 12)
            or not 0 < int(length) <= (app.config.get("MAX_CONTENT_LENGTH") or 0)
            or environ.get("HTTP_TRANSFER_ENCODING")
        ):
            return None
        if app.config.get("TRUSTED_HOSTS"):
            return None  # the app checks the host against them
        scheme = environ.get("wsgi.url_scheme", "http")
        if is_cross_site(
            environ.get("HTTP_SEC_FETCH_SITE"),
            environ.get("HTTP_ORIGIN"),
            f"{scheme}://{get_host(environ)}",
        ):
            return None
        signed = signed_session(app, environ.get("HTTP_COOKIE", ""))
        if signed is None:
            return None
        body = environ["wsgi.input"].read(int(length))
        # Whatever happens next, the app can still read the body it was sent.
        environ["wsgi.input"] = io.BytesIO(body)
        if len(body) != int(length):
            return None
        with app.app_context():
            user_id, signed_at = signed
            if session_expired(app, signed_at):
                return None
            ensure_connection()
            try:
                made = self._make(body, user_id, key, environ["PATH_INFO"], placement_id)
            except (DomainError, IntegrityError, ValidationError, InvalidJSON):
                return None  # a refusal: rolled back, the app answers it
            except Exception:  # rolled back too: the app answers it as it would (a 500, logged)
                log.exception("fast create failed; the app answers instead")
                return None
        if made is None:
            return None
        status_code, version, text = made
        payload = text.encode()
        headers = [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(payload))),
            ("ETag", etag_for(version)),
            *wanted_headers(True, scheme == "https"),
            ("Vary", "Cookie"),  # as Flask marks an answer that read the session
        ]
        return ("201 CREATED" if status_code == 201 else "200 OK"), headers, payload

    def _make(self, body, user_id, key, path, placement_id):
        """(status, version, JSON text) of the committed create, or None to leave it to the app.
        Raises a refusal from inside the transaction, which is then rolled back."""
        from app.services import entries

        user = load_user(user_id)
        if user is None:
            return None
        if idempotency.stored_answer(user.id, key) is not None:
            return None  # a replay: the app answers the stored first answer
        value = loads(body)
        data = self._load_schema().load(value)
        fingerprint = idempotency.canonical_fingerprint("POST", path, value)
        # Worked out before the write turn: the other worker waits while this one holds it.
        digest = entries.create_fingerprint(placement_id, data)
        answered = []

        def answer(entry, created):  # in the create's transaction, as record_response stores
            status_code = 201 if created else 200
            # As record_response answers: Flask's JSON response of the kind's one shape.
            text = self.flask_app.json.response(synced.dump(entry)).get_data(as_text=True)
            idempotency.record_answer(user.id, key, fingerprint, status_code, text)
            answered.append((status_code, entry.version, text))

        # An id that exists already fails the insert (IntegrityError): the app answers.
        entries.create_entry(user, placement_id, data, digest=digest, look_first=False, then=answer)
        return answered[0]

    def _load_schema(self):
        if self._schema is None:
            from app.api.entries.schemas import EntryCreateSchema

            self._schema = EntryCreateSchema()
        return self._schema
