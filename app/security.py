"""Sessions, the per-request checks and the security headers (OWASP ASVS 5.0 points)."""

import io

from flask import current_app, redirect, request, url_for
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature, TimestampSigner
from werkzeug.exceptions import RequestEntityTooLarge

from app import clock
from app.db import ensure_connection
from app.errors import Forbidden, error_payload
from app.extensions import login_manager
from app.messages import translate
from app.models import User
from app.models.prepared import P, Prepared

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


class _ClockSigner(TimestampSigner):
    """Stamps a session with the time of app/clock.py (itsdangerous reads time.time()), so a
    session's age is measured on one clock, the one tests freeze."""

    def get_timestamp(self):
        return int(clock.now().timestamp())


def session_expired(app, signed_at, now=None):
    """Whether a session signed at `signed_at` (a POSIX time) is past the app's lifetime, by
    app/clock.py. A signing time after now (a test that set its clock back) counts as new."""
    now = clock.now().timestamp() if now is None else now
    return now - signed_at > app.permanent_session_lifetime.total_seconds()


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the signing serializer made once per app instead of
    on every request (it was a sixth of a logged-in request's own time), and the lifetime
    checked on app/clock.py (Flask's check runs on the machine's clock, so a frozen clock
    past the lifetime could not end a session)."""

    def get_signing_serializer(self, app):
        cached = app.extensions.get("session_serializer")
        if cached is None or cached[0] != app.secret_key:
            serializer = super().get_signing_serializer(app)
            if serializer is not None:
                serializer.signer = _ClockSigner
            cached = (app.secret_key, serializer)
            app.extensions["session_serializer"] = cached
        return cached[1]

    def __init__(self):
        super().__init__()
        # Verified cookies, per worker: a phone sends the same cookie with every request, and
        # verifying it (base64, HMAC, JSON) was a third of a logged-in request's own time.
        # Its signing time is kept, so its age is still checked on every request; only
        # sessions of plain values are kept (each request gets its own copy). Bounded: emptied
        # when full, and keyed by the secret key, so a new key verifies everything again.
        self._verified = {}

    def verified(self, app, value):
        """(session data, signed at as a POSIX time) of a cookie whose signature is good, or
        None. Its age is the caller's to check, on every request."""
        key = (app.secret_key, value)
        known = self._verified.get(key)
        if known is None:
            serializer = self.get_signing_serializer(app)
            if serializer is None:
                return None
            try:
                data, signed = serializer.loads(value, return_timestamp=True)
            except BadSignature:
                return None
            known = (data, signed.timestamp())
            if isinstance(data, dict) and all(type(v) in _PLAIN for v in data.values()):
                if len(self._verified) >= MAX_VERIFIED_COOKIES:
                    self._verified.clear()
                self._verified[key] = known
        return known

    def save_session(self, app, session, response):
        """Most answers read the session and leave it as it was, so there is no cookie to set:
        then only Vary, without Flask's pass over the cookie settings and the Vary header set
        (a tenth of a small request's own time)."""
        if session and not session.modified and not self.should_set_cookie(app, session):
            if session.accessed:
                if "Vary" in response.headers:
                    response.vary.add("Cookie")
                else:
                    response.headers["Vary"] = "Cookie"
            return
        super().save_session(app, session, response)

    def open_session(self, app, request):
        # As SecureCookieSessionInterface.open_session (Flask 3.1), the age checked here.
        if self.get_signing_serializer(app) is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        known = self.verified(app, value) if value else None
        if known is None or session_expired(app, known[1]):
            return self.session_class()
        return self.session_class(known[0])


MAX_VERIFIED_COOKIES = 20_000


def signed_session(app, cookie_header):
    """(the session's "_user_id", signed at as a POSIX time) of a Cookie header holding a
    validly signed session of a logged-in user, else None; for the WSGI layers that answer
    before Flask (app/api/fast_create.py, the conversations' poll). The age is the caller's to
    check, with `session_expired`."""
    value = _cookie(cookie_header, app.config["SESSION_COOKIE_NAME"])
    known = app.session_interface.verified(app, value) if value else None
    if known is None or not isinstance(known[0], dict):
        return None
    user_id = known[0].get("_user_id")
    return (user_id, known[1]) if isinstance(user_id, str) else None


def live_session(app, environ):
    """The "_user_id" of a request's validly signed session that has not expired (the check
    open_session makes), for the WSGI layers that answer before Flask; else None."""
    signed = signed_session(app, environ.get("HTTP_COOKIE", ""))
    if signed is None:
        return None
    user_id, signed_at = signed
    with app.app_context():  # the app's clock, frozen in tests (a few µs)
        expired = session_expired(app, signed_at)
    return None if expired else user_id


def _cookie(header, name):
    """One cookie's value. The session cookie is an itsdangerous token (URL-safe base64 and
    dots): no quoting to undo; anything odd fails its signature check."""
    prefix = name + "="
    for part in header.split(";"):
        part = part.strip()
        if part.startswith(prefix):
            return part[len(prefix) :]
    return None


_PLAIN = {str, int, float, bool, type(None)}


def init_app(app):
    app.session_interface = SessionInterface()
    login_manager.init_app(app)
    # Freshness (what "basic" protection tracks) is used nowhere here, and checking it costs a
    # SHA-512 per request and re-signs the cookie whenever the address or browser changes
    # (phones change networks all day). Sessions end by the session version instead.
    login_manager.session_protection = None
    login_manager.user_loader(load_user)
    login_manager.unauthorized_handler(unauthorized)
    app.before_request(refuse_oversized_body)
    app.before_request(open_database)
    app.before_request(refuse_cross_site)
    app.after_request(security_headers)


# Runs on every logged-in request: built once (app/models/prepared.py).
_USER_BY_ID = Prepared(lambda: User.select().where(User.id == P.id).limit(1))


def load_user(user_id):
    """The cookie holds "id:session_version"; a bumped version ends the session."""
    try:
        pk, version = (int(part) for part in user_id.split(":"))
    except (ValueError, AttributeError):
        return None
    user = _USER_BY_ID.first(id=pk)
    if user is None or not user.active or user.session_version != version:
        return None
    return user


def unauthorized():
    if request.path.startswith("/api/"):
        from app.errors import user_locale

        message = translate("unauthorized", user_locale())
        return error_payload(401, "unauthorized", message), 401
    return redirect(url_for("pwa.login_page", next=request.path))


def refuse_oversized_body():
    """413 from the declared length, whether or not a view ever reads the body. The limit is
    the JSON one (MAX_CONTENT_LENGTH) unless the view takes uploads (MAX_UPLOAD_BYTES).

    A chunked body declares no length. Werkzeug then stops reading at MAX_CONTENT_LENGTH without
    an error, so a view would see the first megabyte of a larger body (cut-off JSON: a 400).
    Such a body is read here, up to the limit, and refused whole when it is longer.
    """
    from app.api.blueprint import view_accepts_upload

    environ = request.environ
    if (
        not environ.get("CONTENT_LENGTH")
        and "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    ):
        return  # no body (most GETs): nothing to measure
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if request.endpoint and view_accepts_upload():
        # Photos and files: their own, larger limit; JSON bodies keep the small one.
        limit = current_app.config["MAX_UPLOAD_BYTES"]
        request.max_content_length = limit
    if not limit:
        return
    if request.content_length is not None:
        if request.content_length > limit:
            raise RequestEntityTooLarge()
        return
    if "chunked" in request.headers.get("Transfer-Encoding", "").lower() and (
        request.environ.get("wsgi.input_terminated")
    ):
        _buffer_streamed_body(limit)


def _buffer_streamed_body(limit):
    stream = request.environ["wsgi.input"]
    chunks, size = [], 0
    while True:
        chunk = stream.read(min(64 * 1024, limit + 1 - size))
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise RequestEntityTooLarge()
        chunks.append(chunk)
    request.environ["wsgi.input"] = io.BytesIO(b"".join(chunks))


def open_database():
    ensure_connection()


def refuse_cross_site():
    """Unsafe methods only from our own pages (see `is_cross_site`)."""
    if request.method in SAFE_METHODS:
        return None
    if is_cross_site(
        request.headers.get("Sec-Fetch-Site"),
        request.headers.get("Origin"),
        f"{request.scheme}://{request.host}",
    ):
        raise Forbidden("cross_site_request")
    return None


def is_cross_site(sec_fetch_site, origin, own_origin):
    """Whether an unsafe request comes from another site's page.

    JSON bodies already stop classic form posts, but multipart uploads would not: so check
    Sec-Fetch-Site (all current browsers send it) and fall back to Origin. A request with
    neither comes from a non-browser client, which carries no ambient cookie risk.
    """
    if sec_fetch_site is not None:
        return sec_fetch_site not in ("same-origin", "none")
    if origin and origin != "null":
        # An origin is scheme://host[:port], as the browser serialises it: compared whole (no
        # parsing: urlparse raises on "http://["), so http://host and https://host differ.
        return origin.lower() != own_origin.lower()
    return origin == "null"


SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "geolocation=(), microphone=(), camera=(self)"),
)


def security_headers(response):
    """The headers every answer gets, unless the view set its own. One pass over the answer's
    headers (a setdefault each scanned them five times: a tenth of a small request)."""
    headers = response.headers
    present = {name.lower() for name, _ in headers.items()}
    current = request._get_current_object()
    wanted = wanted_headers(current.path.startswith("/api/"), current.is_secure)
    # Straight onto werkzeug's list: these are our own constant, valid values, and Headers.add
    # checked each for line breaks again on every answer.
    headers._list.extend([(name, value) for name, value in wanted if name.lower() not in present])
    return response


def wanted_headers(api, secure):
    """The security headers of an answer: every answer's, no-store for the API's (personal
    data: never in a shared or browser cache), HSTS over HTTPS."""
    wanted = list(SECURITY_HEADERS)
    if api:
        wanted.append(("Cache-Control", "no-store"))
    if secure:
        wanted.append(("Strict-Transport-Security", "max-age=31536000"))
    return wanted
