"""The poll's "nothing new" answer without the framework: every open phone asks every 20 s.

Measured under gunicorn's sync workers (bench/polling.py): the same 304 through Flask, login and
flask-smorest cost about 0.9 ms of worker CPU against the bare WSGI app's 0.15 ms, most of it
the framework's request dispatch. This WSGI layer answers only the one case that is the same
for everyone: GET /api/conversations/poll without parameters, with If-None-Match, from a
valid session whose user's tag still matches. Anything else (no or a bad cookie, an ended
session, a changed tag, `open=`) goes on to the app, which answers exactly as it always does.

The checks are the app's own: the session cookie is verified by the app's session interface
(app/security.py, which keeps verified cookies per worker) with the app's lifetime, and the
user is checked as app.security.load_user does.
"""

from types import SimpleNamespace

from app.db import ensure_connection
from app.models import User
from app.models.prepared import P, Prepared
from app.security import SECURITY_HEADERS, live_session

PATH = "/api/conversations/poll"
# Who polled, per worker. Bounded: emptied when full, and when the secret key changes.
MAX_CACHED = 20_000

# What the poll needs of the user, as plain values (no model instance): the checks of
# app.security.load_user (active, session version) and the visibility query's values.
_USER = Prepared(
    lambda: (
        User.select(User.role, User.company, User.institution, User.active, User.session_version)
        .where(User.id == P.id)
        .limit(1)
        .tuples()
    )
)


class FastPoll:
    def __init__(self, flask_app, wsgi_app):
        self.flask_app = flask_app
        self.wsgi_app = wsgi_app
        self._key = None
        self._who = {}  # user id -> (role, company id, institution id) seen at their last poll

    def __call__(self, environ, start_response):
        if (
            environ.get("PATH_INFO") == PATH
            and environ.get("REQUEST_METHOD") == "GET"
            and not environ.get("QUERY_STRING")
            and environ.get("HTTP_IF_NONE_MATCH")
        ):
            tag = self._unchanged(environ)
            if tag is not None:
                start_response("304 NOT MODIFIED", self._headers(environ, tag))
                return []
        return self.wsgi_app(environ, start_response)

    def _unchanged(self, environ):
        """The user's tag when it matches If-None-Match, else None (the app answers)."""
        app = self.flask_app
        self._forget_on_new_key()
        user_id = live_session(app, environ)
        if user_id is None:
            return None
        tag = self._tag(user_id)
        if tag is None or not _matches(environ["HTTP_IF_NONE_MATCH"], tag):
            return None
        return tag

    def _tag(self, user_id):
        """The user's poll tag, if the cookie's "id:session_version" names an active user at
        that session version (as app.security.load_user decides); else None.

        One statement once the user's role, company and institution are known from an earlier
        poll: it reads them again with the tag, and a change (a trainer who moved company, a
        role change) falls back to two statements that use the new values."""
        from app.services.unread import poll_row, poll_tag

        try:
            pk, version = (int(part) for part in user_id.split(":"))
        except ValueError:
            return None
        ensure_connection()
        who = self._who.get(pk)
        if who is not None:
            row = poll_row(pk, *who)
            if row is None:
                return None
            active, session_version, *now, tag = row
            if tuple(now) == who:
                return tag if active and session_version == version else None
        row = _USER.first(id=pk)
        if row is None:
            return None
        role, company_id, institution_id, active, session_version = row
        if not active or session_version != version:
            return None
        if len(self._who) >= MAX_CACHED:
            self._who.clear()
        self._who[pk] = (role, company_id, institution_id)
        user = SimpleNamespace(
            id=pk, role=role, company_id=company_id, institution_id=institution_id
        )
        return poll_tag(user)

    def _forget_on_new_key(self):
        """Another secret key: who the old key's users were no longer holds."""
        if self._key != self.flask_app.secret_key:
            self._who.clear()
            self._key = self.flask_app.secret_key

    @staticmethod
    def _headers(environ, tag):
        headers = [("ETag", tag), *_HEADERS]
        if environ.get("wsgi.url_scheme") == "https":
            headers.append(("Strict-Transport-Security", "max-age=31536000"))
        return headers


def _matches(if_none_match, tag):
    """If-None-Match holds this tag (weak or strong, alone or in a list)."""
    return any(t.strip().removeprefix("W/") == tag for t in if_none_match.split(","))


# The headers app.security.security_headers gives every API answer (its own list).
_HEADERS = (("Cache-Control", "no-store"), *SECURITY_HEADERS, ("Vary", "Cookie"))
