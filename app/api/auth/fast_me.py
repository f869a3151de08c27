"""`GET /api/auth/me` without the framework's request dispatch: every app start and every
page a phone opens asks it first (who is logged in, which language, which role's screens).

Measured in-process (bench/profile_create.py, 3 Dec 2026): of its 0.14 ms of CPU, about two
thirds were Flask's request context, hooks, flask-login's proxies, flask-smorest's wrapper and
the response object around a user read and a four-field dump; under gunicorn's sync workers
that kept it at about 0.46 of the bare WSGI app's rate (target 0.5).

This WSGI layer answers only the plain case, with the app's own parts: the session cookie
verified by the app's session interface with the app's lifetime (app.security.live_session),
the user checked by app.security.load_user, dumped by the view's own UserSchema through the
app's JSON provider, with the security headers of app/security.py. Anything else goes on to
the app, which answers exactly as it always does: a query string, a body, no or a bad or an
expired cookie, an ended session, trusted hosts to check.

`FAST_ME = False` in the config sends every request to the app (the tests compare the two).
"""

from app.db import ensure_connection
from app.security import live_session, load_user, wanted_headers

PATH = "/api/auth/me"


class FastMe:
    def __init__(self, flask_app, wsgi_app):
        self.flask_app = flask_app
        self.wsgi_app = wsgi_app
        self._schema = None

    def __call__(self, environ, start_response):
        if (
            environ.get("PATH_INFO") == PATH
            and environ.get("REQUEST_METHOD") == "GET"
            and not environ.get("QUERY_STRING")
            and not environ.get("CONTENT_LENGTH")
            and not environ.get("HTTP_TRANSFER_ENCODING")
            and self.flask_app.config.get("FAST_ME", True)
            and not self.flask_app.config.get("TRUSTED_HOSTS")
        ):
            payload = self._answer(environ)
            if payload is not None:
                headers = [
                    ("Content-Type", "application/json"),
                    ("Content-Length", str(len(payload))),
                    *wanted_headers(True, environ.get("wsgi.url_scheme") == "https"),
                    ("Vary", "Cookie"),  # as Flask marks an answer that read the session
                ]
                start_response("200 OK", headers)
                return [payload]
        return self.wsgi_app(environ, start_response)

    def _answer(self, environ):
        """The JSON body of the logged-in user, or None: the app answers."""
        app = self.flask_app
        user_id = live_session(app, environ)
        if user_id is None:
            return None
        with app.app_context():
            ensure_connection()
            user = load_user(user_id)
            if user is None:
                return None
            # As the view answers: flask-smorest dumps with the schema, Flask's JSON provider.
            return app.json.response(self._dump_schema().dump(user)).get_data()

    def _dump_schema(self):
        if self._schema is None:
            from app.api.auth.schemas import UserSchema

            self._schema = UserSchema()
        return self._schema
