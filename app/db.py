"""The database connection: the only module that knows which engine is in use.

URLs are read by peewee's own playhouse.db_url (sqlite:///relative/path, sqlite:////abs/path,
postgresql://user:pass@host:port/name). One connection is kept per worker process
(connect-per-request cost 5-6x throughput in our measurements). SQLite runs in WAL mode with
foreign keys on, a busy timeout, and every transaction opened with BEGIN IMMEDIATE: deferred
transactions that later upgrade to a write lock fail with "database is locked" under
concurrent writers.
"""

import contextlib
import os
import zlib
from urllib.parse import urlparse

import peewee
from playhouse import db_url

from app.extensions import db

SQLITE_PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("busy_timeout", 10_000),
    # WAL + NORMAL survives a process crash; only power loss can drop the last commits.
    ("synchronous", "normal"),
)
SCHEMES = ("sqlite", "postgres", "postgresql")


def make_database(url):
    scheme = urlparse(url).scheme
    if scheme not in SCHEMES:
        raise ValueError(f"Unsupported DATABASE_URL scheme: {scheme!r}")
    if scheme == "sqlite":
        path = db_url.parse(url)["database"]
        if path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        return db_url.connect(
            url, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False
        )
    return db_url.connect(url)


def init_database(url):
    """Point the shared proxy at a database; connections open lazily per worker."""
    database = make_database(url)
    db.initialize(database)
    return database


def is_sqlite():
    return isinstance(db.obj, peewee.SqliteDatabase)


def lock_for_update(query):
    """Row lock for read-modify-write on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises."""
    return query if is_sqlite() else query.for_update()


def transaction():
    """One transaction for a service's writes: a new one, or the caller's when one is open.

    Inside a request the idempotency wrapper has opened it already; a nested savepoint would
    add two statements to every write and change nothing, since a refusal rolls the whole
    request back anyway.
    """
    return contextlib.nullcontext() if db.in_transaction() else db.atomic()


def ensure_connection():
    """Reuse the worker's connection; reconnect if it was closed (fork, test teardown)."""
    if db.is_closed():
        db.connect(reuse_if_open=True)


def serialise(name):
    """Let one transaction at a time past this point, for the rest of the transaction.

    SQLite's BEGIN IMMEDIATE already lets only one writer in. On PostgreSQL a transaction-scoped
    advisory lock does: jobs that may run twice at once (retention) and erasures take it, so two
    of them never interleave their row locks (and never deadlock on each other).
    """
    if not is_sqlite():
        db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (zlib.crc32(name.encode()),))
