"""SQLite writers queue on a file lock before BEGIN IMMEDIATE (app/db.py _WriterQueue)."""

import contextlib
import fcntl
import os
import signal
import threading
import time

import pytest

from app.db import make_database


@pytest.fixture
def database(tmp_path):
    database = make_database(f"sqlite:///{tmp_path}/queue.sqlite3")
    database.connect()
    database.execute_sql("CREATE TABLE t (x INTEGER)")
    yield database
    database.close()


def _child(check):
    """Run `check` in a forked child; its exit status says whether it held (0) or failed."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's own process
        try:
            os._exit(0 if check() else 1)
        except BaseException:
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _queue_is_free(queue):
    """In this process, could the queue's file lock be taken now (without waiting)?"""
    try:
        fcntl.flock(queue._for_this_process(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    fcntl.flock(queue._for_this_process(), fcntl.LOCK_UN)
    return True


def test_a_write_transaction_holds_the_queue_until_commit(database):
    queue = database._writers
    with database.atomic():
        database.execute_sql("INSERT INTO t VALUES (1)")
        # A forked process (a gunicorn worker) opens the lock file again: sharing the parent's
        # open file would share its lock, and two writers would pass at once.
        assert _child(lambda: not _queue_is_free(queue)) == 0
    assert _child(lambda: _queue_is_free(queue)) == 0
    assert database.execute_sql("SELECT count(*) FROM t").fetchone() == (1,)


def test_a_rolled_back_transaction_frees_the_queue(database):
    queue = database._writers
    with pytest.raises(RuntimeError), database.atomic():
        database.execute_sql("INSERT INTO t VALUES (1)")
        raise RuntimeError("refused")
    assert _child(lambda: _queue_is_free(queue)) == 0
    assert database.execute_sql("SELECT count(*) FROM t").fetchone() == (0,)
    with database.atomic():  # and this process can write again
        database.execute_sql("INSERT INTO t VALUES (2)")
    assert database.execute_sql("SELECT x FROM t").fetchall() == [(2,)]


def test_a_failed_begin_frees_the_queue(database, monkeypatch):
    queue = database._writers
    database.close()
    monkeypatch.setattr(type(database), "cursor", lambda self: (_ for _ in ()).throw(OSError()))
    with pytest.raises(OSError):
        database.begin()
    assert not queue._local.held
    assert _child(lambda: _queue_is_free(queue)) == 0


def test_an_in_memory_database_has_no_queue():
    assert make_database("sqlite:///:memory:")._writers is None


def test_the_wal_is_checkpointed_every_so_many_commits_outside_the_write_lock(
    database, monkeypatch
):
    from app import db as database_module

    monkeypatch.setattr(database_module, "CHECKPOINT_EVERY", 3)
    queue = database._writers
    seen = []
    real = database.execute_sql

    def watching(sql, *args, **kwargs):
        if "wal_checkpoint" in sql:
            seen.append((bool(getattr(queue._local, "held", None)), database.in_transaction()))
        return real(sql, *args, **kwargs)

    monkeypatch.setattr(database, "execute_sql", watching)
    for n in range(7):
        with database.atomic():
            database.execute_sql("INSERT INTO t VALUES (?)", (n,))
    assert seen == [(False, False), (False, False)]  # after the 3rd and the 6th commit
    assert real("SELECT count(*) FROM t").fetchone() == (7,)
    # SQLite's own checkpoint stays as a safety net only.
    assert real("PRAGMA wal_autocheckpoint").fetchone() == (20_000,)


def test_threads_beginning_their_first_transaction_at_once_all_get_their_turn(
    database, monkeypatch
):
    """Two threads of a new process (a scheduler's job pool) begin together: each must end up
    on the same lock file and thread lock, or one's lock is never released."""
    real_open = os.open

    def slow_open(*args, **kwargs):
        time.sleep(0.05)  # widen the window in which both threads open the lock file
        return real_open(*args, **kwargs)

    database.close()
    database._writers._pid = None  # as in a process that has not written yet
    monkeypatch.setattr(os, "open", slow_open)
    start = threading.Barrier(3)

    def write(n):
        start.wait()
        with database.connection_context(), database.atomic():
            database.execute_sql("INSERT INTO t VALUES (?)", (n,))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=15)
    assert not any(thread.is_alive() for thread in threads)
    database.connect(reuse_if_open=True)
    assert database.execute_sql("SELECT count(*) FROM t").fetchone() == (3,)
    assert _child(lambda: _queue_is_free(database._writers)) == 0


def _hold_the_queue_in_a_child(queue, seconds, then=None):
    """Fork a child that takes the queue's file lock, says so, keeps it `seconds`, runs
    `then` and exits. Returns the child's pid once it holds the lock."""
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's own process
        try:
            fcntl.flock(queue._for_this_process(), fcntl.LOCK_EX)
            os.write(ready_w, b"x")
            time.sleep(seconds)
            if then:
                then()
        finally:
            os._exit(0)
    os.read(ready_r, 1)
    return pid


def test_a_write_outside_a_transaction_waits_its_turn_too(database, tmp_path):
    url = f"sqlite:///{tmp_path}/queue.sqlite3"

    def child_writes():
        other = make_database(url)
        other.connect()
        other._writers._local.held = ()  # the child holds the file lock itself, unqueued
        other.execute_sql("INSERT INTO t VALUES (1)")
        other.close()

    pid = _hold_the_queue_in_a_child(database._writers, 0.3, child_writes)
    database.execute_sql("INSERT INTO t VALUES (2)")  # queued behind the child
    os.waitpid(pid, 0)
    assert database.execute_sql("SELECT x FROM t ORDER BY rowid").fetchall() == [(1,), (2,)]


def test_a_turn_that_does_not_come_leaves_it_to_sqlite(database, monkeypatch):
    from app import db as database_module

    monkeypatch.setattr(database_module, "WAIT_SECONDS", 0.2)
    turns = []
    real = database_module._lock_within
    monkeypatch.setattr(
        database_module, "_lock_within", lambda *a: turns.append(real(*a)) or turns[-1]
    )
    pid = _hold_the_queue_in_a_child(database._writers, 30)
    try:
        with database.atomic():  # the file lock is not free: SQLite's own lock decides
            database.execute_sql("INSERT INTO t VALUES (1)")
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    assert turns == [False]
    assert database.execute_sql("SELECT count(*) FROM t").fetchone() == (1,)
    assert getattr(database._writers._local, "held", None) is None


@contextlib.contextmanager
def _held_by_a_child(database, seconds=30):
    """A child holds the queue's file lock (killed at the end if still there); yields a
    descriptor of the lock file of this process's own, to wait on."""
    pid = _hold_the_queue_in_a_child(database._writers, seconds)
    fd = os.open(database._writers.path, os.O_RDWR)
    try:
        yield fd
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)
        os.waitpid(pid, 0)


def test_a_wait_in_the_main_thread_is_bounded_by_a_timer_it_then_puts_back(database):
    from app import db as database_module

    with _held_by_a_child(database) as fd:
        assert database_module._lock_within(fd, 0.2) is False
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


def test_a_blocked_main_thread_gets_its_turn_when_the_holder_lets_go(database):
    from app import db as database_module

    with _held_by_a_child(database, seconds=0.2) as fd:
        assert database_module._lock_within(fd, 10) is True
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_other_threads_retry_within_the_time_they_have(database):
    from app import db as database_module

    results = []
    with _held_by_a_child(database) as fd:
        worker = threading.Thread(
            target=lambda: results.append(database_module._lock_within(fd, 0.2))
        )
        worker.start()
        worker.join(10)
    assert results == [False]
