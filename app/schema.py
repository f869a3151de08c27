"""Bringing a database to the current schema with peewee's own migration runner.

The migrations are app/migrations/NNNN_*.py, applied in order and recorded in the
`schema_migration` table. A database made before migrations existed (the logbook core's
`create_tables`) has the baseline's tables but no record: it is adopted by recording the
baseline as applied, then upgraded like any other. `make run`, the tests, `init-db`,
`seed-demo` and `create-user` all come through upgrade().
"""

from pathlib import Path

from playhouse.migrations import Runner

from app.extensions import db

DIRECTORY = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001_initial"
# A table only the logbook core's schema has: its presence without a history means "adopt".
BASELINE_MARKER = "hour_entry"


def _runner():
    return Runner(db.obj, str(DIRECTORY))


def upgrade():
    """Apply what is pending. Returns (adopted, applied): lists of migration names."""
    runner = _runner()
    adopted = []
    if not runner.History.table_exists() and BASELINE_MARKER in db.get_tables():
        adopted = runner.fake(BASELINE)
    return adopted, runner.up()


def status():
    """[(name, applied datetime or None)] in order."""
    return [(m.name, m.applied) for m in _runner().status()]


def pending():
    return [name for name, applied in status() if applied is None]
