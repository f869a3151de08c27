"""The database connection: the only module that knows which engine is in use.

URLs are read by peewee's own playhouse.db_url (sqlite:///relative/path, sqlite:////abs/path,
postgresql://user:pass@host:port/name). One connection is kept per worker process
(connect-per-request cost 5-6x throughput in our measurements). SQLite runs in WAL mode with
foreign keys on, a busy timeout, and every transaction opened with BEGIN IMMEDIATE: deferred
transactions that later upgrade to a write lock fail with "database is locked" under
concurrent writers.
"""

import contextlib
import fcntl
import logging
import os
import signal
import threading
import time
import weakref
import zlib
from urllib.parse import urlparse

import peewee
from playhouse import db_url

from app.extensions import db

log = logging.getLogger(__name__)

SQLITE_PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("busy_timeout", 10_000),
    # WAL + NORMAL survives a process crash; only power loss can drop the last commits.
    ("synchronous", "normal"),
    # A school's file grows to gigabytes (bench: 1.3 GB at 20,000 students). SQLite's default
    # page cache is 2 MB per connection, so every index lookup of a hot request went back to
    # the OS with a read() per page; a 64 MB cache keeps the hot pages (inbox p95 65 -> 3.5 ms).
    ("cache_size", -64_000),
    # No memory map: whenever another worker has committed, SQLite drops this connection's
    # cache and unmaps the whole map, and every page touched after that faults back in.
    # Measured (2 Dec 2026, two workers creating entries): creates/s +10% without it; the
    # inbox p95 stayed at 3.5 ms.
    ("mmap_size", 0),
    # Checkpoints run after the write lock is released (SqliteDatabase.commit); SQLite's own,
    # inside a commit, only as a safety net for a WAL far larger than ours ever gets.
    ("wal_autocheckpoint", 20_000),
)
# Commits of one process between its checkpoints: a create writes about 15 pages to the WAL,
# so about 750 pages, near SQLite's default of 1,000.
CHECKPOINT_EVERY = 50
SCHEMES = ("sqlite", "postgres", "postgresql")


class _WriterQueue:
    """Writers of one SQLite file wait their turn on a file lock instead of SQLite's busy loop.

    A BEGIN IMMEDIATE that finds the write lock taken sleeps in SQLite's busy handler: 1, 2, 5,
    10 ms and longer between tries, however soon the lock is free again. With two workers
    creating entries (each holding the lock well under a millisecond) most of a waiting
    worker's time went to those sleeps. An exclusive flock() on a file beside the database,
    taken before BEGIN (and around a write outside a transaction) and released after COMMIT or
    ROLLBACK, is tried again every 0.1-1 ms. A thread lock in front serialises the threads of
    one process, which share the lock file; a forked child opens its own (flock belongs to the
    open file). The queue only orders writers: SQLite's own lock still decides, so a turn
    that does not come within WAIT_SECONDS goes on unqueued to SQLite's busy timeout, which
    answers "database is locked" as before.
    """

    def __init__(self, path):
        self.path = path + "-writers"
        self._threads = threading.Lock()
        self._fd = None
        self._pid = None
        self._local = threading.local()
        queue = weakref.ref(self)
        os.register_at_fork(after_in_child=lambda: (q := queue()) is not None and q._forked())

    def _forked(self):
        # Whatever the parent's threads held is theirs, not this process's.
        self._threads = threading.Lock()
        self._local = threading.local()
        if self._fd is not None:
            os.close(self._fd)  # the parent's lock stays on its own descriptor
        self._fd = self._pid = None

    def _for_this_process(self):
        if self._pid != os.getpid():
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._fd

    def acquire(self):
        """Wait for this thread's turn (at most WAIT_SECONDS). False when the thread has its
        turn already (then the caller must not release it)."""
        if getattr(self._local, "held", None) is not None:
            return False
        if not self._threads.acquire(timeout=WAIT_SECONDS):
            self._local.held = ()  # unqueued: SQLite's own lock decides
            return True
        try:
            fd = self._for_this_process()
            locked = _lock_within(fd, WAIT_SECONDS)
        except BaseException:
            self._threads.release()
            raise
        self._local.held = (self._threads, fd if locked else None)
        return True

    def release(self):
        held = getattr(self._local, "held", None)
        self._local.held = None
        if held:
            threads, fd = held
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
            threads.release()


WAIT_SECONDS = 10  # as SQLite's busy_timeout below


def _lock_within(fd, seconds):
    """An exclusive flock on fd within `seconds`. True when taken.

    Measured (2 Dec 2026, two workers creating entries): retrying every 0.1 ms rising to 1 ms
    left the lock free for up to a pause after each COMMIT, and creates ran 13% slower than
    with a blocking flock, which the kernel wakes the moment the holder lets go. A blocking
    flock cannot time out, so the main thread (a gunicorn sync worker's requests) bounds it
    with a timer signal, as util-linux's `flock -w` does; other threads, and a process that
    uses the timer itself, retry as before."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        pass
    if (
        threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN)
    ):
        return _wait_with_timer(fd, seconds)
    return _retry_within(fd, seconds)


class _TurnExpired(Exception):
    pass


def _wait_with_timer(fd, seconds):
    waiting = [True]

    def expired(signum, frame):
        if waiting[0]:
            raise _TurnExpired()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        waiting[0] = False
        return True
    except _TurnExpired:
        # The timer may have fired just after the lock was taken: let go, so that "not taken"
        # is true either way (unlocking a lock not held does nothing).
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        waiting[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _retry_within(fd, seconds):
    """Try again every 0.1 ms rising to 1 ms. The waits are not domain time, so they use the
    monotonic clock rather than app/clock.py."""
    deadline = time.monotonic() + seconds
    pause = 0.0001
    while True:
        time.sleep(pause)
        pause = min(pause * 2, 0.001)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False


# Statements that write, run outside a transaction: they queue too, or a steady stream of
# queued transactions would leave them to SQLite's sleeping busy handler (and starve them).
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class SqliteDatabase(peewee.SqliteDatabase):
    """peewee's SQLite database whose writers queue on a _WriterQueue."""

    def __init__(self, database, *args, **kwargs):
        super().__init__(database, *args, **kwargs)
        self._writers = None if database in (None, "", ":memory:") else _WriterQueue(database)

    def execute_sql(self, sql, params=None):
        if (
            self._writers is None
            or self.in_transaction()
            or not sql.lstrip()[:7].upper().startswith(_WRITES)
        ):
            return super().execute_sql(sql, params)
        if not self._writers.acquire():
            return super().execute_sql(sql, params)
        try:
            return super().execute_sql(sql, params)
        finally:
            self._writers.release()

    def begin(self, lock_type=None):
        if self._writers is None:
            return super().begin(lock_type)
        self._writers.acquire()
        try:
            super().begin(lock_type)
        except BaseException:
            self._writers.release()
            raise

    def commit(self):
        self._ending(super().commit)
        if self._writers is not None:
            self._checkpoint_now_and_then()

    def rollback(self):
        self._ending(super().rollback)

    def _ending(self, finish):
        """COMMIT or ROLLBACK, then the next writer's turn, whether or not it succeeded."""
        try:
            finish()
        finally:
            if self._writers is not None:
                self._writers.release()

    def _checkpoint_now_and_then(self):
        """Copy the WAL back into the database file every CHECKPOINT_EVERY commits, outside
        the write lock. SQLite's automatic checkpoint runs inside the commit that crosses its
        threshold, so the writer (and everyone queued behind it) waited 10-20 ms for about a
        thousand pages and an fsync every 70 creates. A passive checkpoint does not stop
        other writers; if readers still use the newest frames it copies what it can."""
        self._commits = getattr(self, "_commits", 0) + 1
        if self._commits % CHECKPOINT_EVERY:
            return
        try:
            self.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
        except peewee.DatabaseError as error:  # the commit stands; the next one tries again
            log.warning("WAL checkpoint failed: %s", error)


def make_database(url):
    scheme = urlparse(url).scheme
    if scheme not in SCHEMES:
        raise ValueError(f"Unsupported DATABASE_URL scheme: {scheme!r}")
    if scheme == "sqlite":
        options = db_url.parse(url)
        path = options.pop("database")
        if path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        return SqliteDatabase(
            path,
            pragmas=SQLITE_PRAGMAS,
            lock_type="IMMEDIATE",
            check_same_thread=False,
            **options,
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
