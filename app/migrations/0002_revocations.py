"""The changes feed's "no longer visible": a row per user who lost sight of a record."""

from peewee import BigIntegerField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model


def up(migrator, db):
    class User(Model):
        id = IntegerField(primary_key=True)

        class Meta:
            database = db
            table_name = "user"

    class Revocation(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        kind = CharField(max_length=40)
        record_id = CharField(max_length=64)
        change_seq = BigIntegerField()
        created_at = DateTimeField(index=True)

        class Meta:
            database = db
            table_name = "revocation"
            indexes = ((("user", "change_seq"), False),)

    db.create_tables([Revocation])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("revocation"))
