"""Two indexes that only repeated the first column of another: every hour entry and every
operation answer paid a page write for each (bench: a create dirtied about 15 pages, and the
commit, the WAL and its checkpoints cost by the page). Lookups and the cascades of a placement's
or a user's erasure use the longer index's first column instead, on SQLite and PostgreSQL alike.
Dropping an index drops no data."""

# (table, the column indexed alone, the longer index that starts with it)
REDUNDANT = (
    ("hour_entry", "placement_id", ("placement_id", "date")),
    ("idempotency_record", "user_id", ("user_id", "key")),
)


def up(migrator, db):
    drops = []
    for table, column, longer in REDUNDANT:
        indexes = db.get_indexes(table)
        # Found by their columns: the name depends on what made the table (peewee names an
        # index after the model class in one version and the table in another).
        if not any(list(i.columns) == list(longer) for i in indexes):
            continue  # never drop the only index of a column
        drops += [
            migrator.drop_index(table, i.name)
            for i in indexes
            if list(i.columns) == [column] and not i.unique
        ]
    if drops:
        migrator.migrate(*drops)


def down(migrator, db):
    migrator.migrate(
        *(migrator.add_index(table, (column,), False) for table, column, _ in REDUNDANT)
    )
