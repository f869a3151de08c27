"""The base models: every table's, the synced rows phones copy, and rows phones create."""

import peewee

from app import clock
from app.extensions import db

# Stored datetimes are naive UTC; the clock module is the only source of "now".
utcnow = clock.utcnow


class BaseModel(peewee.Model):
    class Meta:
        database = db
        legacy_table_names = False


class Counter(BaseModel):
    """Named monotonic counters. 'changes' orders every write for the sync feed.

    Bumped with UPDATE ... RETURNING inside the writing transaction: the row lock is held until
    commit, so sequence numbers become visible in order on SQLite and PostgreSQL alike and a
    reader's cursor never skips a row.
    """

    name = peewee.CharField(primary_key=True, max_length=40)
    value = peewee.BigIntegerField(default=0)


def next_change_seq():
    rows = _BUMP.rows(name="changes")
    if not rows:
        Counter.insert(name="changes", value=1).on_conflict_ignore().execute()
        return next_change_seq()
    return rows[0][0]


def _bump():
    from app.models.prepared import P, Prepared

    return Prepared(
        lambda: (
            Counter.update(value=Counter.value + 1)
            .where(Counter.name == P.name)
            .returning(Counter.value)
            .tuples()
        )
    )


_BUMP = _bump()


class SyncedModel(BaseModel):
    """A row phones keep a copy of: versioned for If-Match, sequenced for the changes feed."""

    version = peewee.IntegerField(default=1)
    change_seq = peewee.BigIntegerField(default=0, index=True)
    created_at = peewee.DateTimeField(default=utcnow)
    updated_at = peewee.DateTimeField(default=utcnow)

    def stamp(self):
        """Mark this row as changed; call inside the writing transaction, before save()."""
        self.change_seq = next_change_seq()
        self.updated_at = utcnow()
