"""Numbered schema migrations, applied in order by `flask --app wsgi db-upgrade` (app/schema.py).

Each NNNN_name.py defines up(migrator, db) and down(migrator, db) with playhouse.migrate
operations; a new table is declared there as a frozen model, independent of app/models.
Never edit a migration that has shipped: add the next one. See docs/ADDING_A_RECORD_KIND.md.
"""
