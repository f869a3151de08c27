"""The feed's "now visible": a revocation row with `granted` tells a phone to fetch a placement
it just gained (a new praktijkopleider or docent), history included."""

from peewee import BooleanField


def up(migrator, db):
    migrator.migrate(migrator.add_column("revocation", "granted", BooleanField(default=False)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("revocation", "granted"))
