"""Settings, read from the environment; one class per situation."""

import os
from datetime import timedelta


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

    # Login throttling, counted in the database so it holds across workers.
    LOGIN_WINDOW = timedelta(minutes=15)
    LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
    LOGIN_MAX_FAILURES_PER_ADDRESS = 30

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
