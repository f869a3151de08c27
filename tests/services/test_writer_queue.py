"""SQLite writers queue on a file lock before BEGIN IMMEDIATE (app/db.py _WriterQueue)."""

import fcntl
import os

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
            seen.append((queue._local.held, database.in_transaction()))
        return real(sql, *args, **kwargs)

    monkeypatch.setattr(database, "execute_sql", watching)
    for n in range(7):
        with database.atomic():
            database.execute_sql("INSERT INTO t VALUES (?)", (n,))
    assert seen == [(False, False), (False, False)]  # after the 3rd and the 6th commit
    assert real("SELECT count(*) FROM t").fetchone() == (7,)
    # SQLite's own checkpoint stays as a safety net only.
    assert real("PRAGMA wal_autocheckpoint").fetchone() == (20_000,)
