"""Settings, read from the environment; one class per situation."""

import os
from datetime import timedelta


def _retention_days(name):
    """'audit_events=730,exports=3' -> {"audit_events": 730, "exports": 3} (checked at use)."""
    days = {}
    for part in filter(None, (p.strip() for p in os.environ.get(name, "").split(","))):
        rule, _, value = part.partition("=")
        if not value.strip().isdigit():
            raise ValueError(f"{name}: {part!r} is not name=days")
        days[rule.strip()] = int(value)
    return days


def _hops(name):
    """A count of proxies from the environment; a clear error for anything else."""
    raw = os.environ.get(name, "0").strip() or "0"
    if not raw.isdigit():
        raise ValueError(f"{name} must be a number of proxy hops (0, 1, 2 ...), not {raw!r}")
    return int(raw)


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    # sqlite:///path or postgresql://user:pass@host/db
    DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///instance/stagewijs.sqlite3")
    TIMEZONE = os.environ.get("STAGEWIJS_TIMEZONE", "Europe/Amsterdam")

    API_TITLE = "Stagewijs API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.1.0"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = None

    # Bodies larger than this are refused with 413 before any parsing.
    MAX_CONTENT_LENGTH = 1024 * 1024
    # Views marked @upload (photos, files) take larger bodies; everything else keeps the above.
    MAX_UPLOAD_BYTES = int(os.environ.get("STAGEWIJS_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))

    # A phone's hour-entry create answered before Flask's dispatch (app/api/fast_create.py);
    # False sends every create through the framework (the tests compare the two answers).
    FAST_CREATES = True
    # The same for GET /api/auth/me (app/api/auth/fast_me.py).
    FAST_ME = True

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "stagewijs_session"
    # Students log on a shared phone now and then but mostly on their own: two weeks.
    PERMANENT_SESSION_LIFETIME = timedelta(days=14)
    # Re-signing the cookie on every answer costs CPU on every request; the lifetime runs from
    # login instead (logging in again renews it).
    SESSION_REFRESH_EACH_REQUEST = False
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=14)

    # How many reverse proxies in front of the app set X-Forwarded-For and X-Forwarded-Proto.
    # 0 (the default): those headers are ignored, the connecting address is the client's.
    TRUSTED_PROXIES = _hops("STAGEWIJS_TRUSTED_PROXIES")

    # Login throttling (also for the current password on a password change), counted in the
    # database before any hash, so it holds across workers and restarts. After OWASP's
    # "Blocking Brute Force Attacks": a lockout for one account from one address; a far higher
    # ceiling for one address (a school's students share one public address); and for the
    # account from anywhere a growing delay after many failures, never a lockout, so nobody can
    # lock a classmate out.
    LOGIN_WINDOW = timedelta(minutes=15)
    LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5
    LOGIN_MAX_FAILURES_PER_ADDRESS = 300
    # Failures are kept a day (the login_failures retention rule): a longer window counts no more.
    LOGIN_ACCOUNT_WINDOW = timedelta(days=1)
    LOGIN_ACCOUNT_DELAY_AFTER = 20  # failures in that window; then 1 s, 2 s, 4 s ... between tries
    LOGIN_ACCOUNT_MAX_DELAY = timedelta(minutes=5)

    # Photos (#9): each student's photos may take this much storage (the stored JPEGs and
    # thumbnails, not the uploads); an upload over it is refused with a message saying so.
    PHOTO_QUOTA_BYTES = int(os.environ.get("STAGEWIJS_PHOTO_QUOTA_MB", 500)) * 1024 * 1024
    # Larger images are refused before they are decoded (a decompression bomb is refused so).
    PHOTO_MAX_PIXELS = int(os.environ.get("STAGEWIJS_PHOTO_MAX_PIXELS", 50_000_000))

    # Files (exports now; photos next) live here, outside the web root (app/storage.py).
    # Default: instance/files.
    FILE_STORAGE = os.environ.get("STAGEWIJS_FILE_STORAGE") or None
    # How long each kind of data is kept, in days, where the default does not suit the school:
    # {rule name: days}; the rules and their defaults are in docs/PRIVACY.md.
    RETENTION_DAYS = _retention_days("STAGEWIJS_RETENTION_DAYS")
    # A copy of someone's data with at most this many rows and files is made in the request;
    # a larger one by `flask run-exports` (the scheduler's job), with progress on the page.
    EXPORT_INLINE_MAX_ITEMS = 5000
    # Making a copy costs the server work: at most this many a day per person asking.
    EXPORT_MAX_PER_DAY = 10
    # A download link works this long, for the person who asked only.
    EXPORT_LINK_MINUTES = 60

    # Reminders (app/services/reminders.py), local times in TIMEZONE.
    PUBLIC_URL = os.environ.get("STAGEWIJS_PUBLIC_URL", "http://localhost:8000")
    REMINDER_NO_ENTRY_AT = os.environ.get("STAGEWIJS_REMINDER_NO_ENTRY_AT", "17:30")
    REMINDER_SUBMIT_WEEK_AT = os.environ.get("STAGEWIJS_REMINDER_SUBMIT_WEEK_AT", "15:00")
    TRAINER_DIGEST_AT = os.environ.get("STAGEWIJS_TRAINER_DIGEST_AT", "08:00")
    ESCALATION_AT = os.environ.get("STAGEWIJS_ESCALATION_AT", "09:00")
    # A week waiting this many days for the praktijkopleider goes to the docent too.
    ESCALATION_AFTER_DAYS = int(os.environ.get("STAGEWIJS_ESCALATION_AFTER_DAYS", 7))
    DAILY_DIGEST_AT = "18:00"  # for kinds a user set to "daily digest"
    QUIET_HOURS = ("21:00", "07:30")  # the default; each user may choose their own
    APPROVAL_LINK_DAYS = 7
    # Web push: the VAPID key is made by `flask vapid-keys` (instance/) or given here (PEM).
    VAPID_PRIVATE_KEY = os.environ.get("VAPID_PRIVATE_KEY", "")
    VAPID_SUBJECT = os.environ.get("VAPID_SUBJECT", "mailto:beheer@stagewijs.nl")
    # Only tests run a push service on 127.0.0.1; production posts to the known services only.
    PUSH_ALLOW_LOOPBACK = False
    # Posts in flight at once in a delivery pass (app/push/pool.py): a push service is tens of
    # milliseconds away, so one at a time would make a class's reminders arrive minutes late.
    PUSH_CONCURRENCY = int(os.environ.get("STAGEWIJS_PUSH_CONCURRENCY", 8))
    # Email, the fallback for users without a working push subscription. No MAIL_SERVER:
    # messages are written to instance/mail/ (development).
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 587))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "1") == "1"
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_FROM = os.environ.get("MAIL_FROM", "Stagewijs <noreply@stagewijs.nl>")
    MAIL_FOLDER = ""  # without MAIL_SERVER: where messages are written (default instance/mail)

    # Let a test freeze the clock (an ISO instant) or only "today" (a date); see app/clock.py.
    # Never set in production.
    FROZEN_NOW = None
    FROZEN_TODAY = None
    TESTING = False


class DevelopmentConfig(Config):
    # Plain http on localhost in development: a Secure cookie would never come back.
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False


class TestConfig(DevelopmentConfig):
    TESTING = True
    SECRET_KEY = "test-secret-key"


def config_from_env():
    env = os.environ.get("STAGEWIJS_ENV", "production")
    return {"development": DevelopmentConfig, "test": TestConfig}.get(env, Config)
