"""The index on hour_entry(category_id) served no query: entries are joined to their category by
the category's key, and categories are reference data that are never deleted (the only use such
an index has, a RESTRICT check, would read the table once if one ever were). Every create paid a
page write for it (about one in eleven of a create's pages). Dropping an index drops no data."""

TABLE, COLUMN = "hour_entry", "category_id"


def up(migrator, db):
    # Found by its columns: the name depends on what made the table (see 0011).
    drops = [
        migrator.drop_index(TABLE, i.name)
        for i in db.get_indexes(TABLE)
        if list(i.columns) == [COLUMN] and not i.unique
    ]
    if drops:
        migrator.migrate(*drops)


def down(migrator, db):
    migrator.migrate(migrator.add_index(TABLE, (COLUMN,), False))
