"""Photos (issue #9): the photo record kind. Its files live in the file storage (app/storage.py)."""

from peewee import (
    BigIntegerField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    UUIDField,
)


def up(migrator, db):
    class Placement(Model):
        class Meta:
            database = db
            table_name = "placement"

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Photo(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        change_seq = BigIntegerField(index=True, default=0)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        created_by = ForeignKeyField(User, on_delete="CASCADE")
        create_fingerprint = CharField(max_length=64)
        deleted_at = DateTimeField(null=True)
        placement = ForeignKeyField(Placement, on_delete="CASCADE")
        caption = TextField(default="")
        taken_at = DateTimeField()
        sha256 = CharField(max_length=64)
        width = IntegerField()
        height = IntegerField()
        stored_bytes = BigIntegerField(default=0)
        file_stem = CharField(max_length=120)
        entry_ids = TextField(default="[]")

        class Meta:
            database = db
            table_name = "photo"
            indexes = ((("placement", "taken_at"), False),)

    db.create_tables([Photo])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("photo"))
