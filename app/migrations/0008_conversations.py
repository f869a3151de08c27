"""Conversations (#10): the Stage and School lines of a placement, their messages, read
markers and guidance questions; and whether a message notification may show its first words."""

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    UUIDField,
)


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Placement(Model):
        class Meta:
            database = db
            table_name = "placement"

    class Conversation(Model):
        version = IntegerField(default=1)
        change_seq = BigIntegerField(index=True, default=0)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        placement = ForeignKeyField(Placement, on_delete="CASCADE")
        line = CharField(max_length=10)
        last_seq = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "conversation"
            indexes = ((("placement", "line"), True),)

    class Message(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        change_seq = BigIntegerField(index=True, default=0)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        created_by = ForeignKeyField(User, on_delete="CASCADE")
        create_fingerprint = CharField(max_length=64)
        deleted_at = DateTimeField(null=True)
        placement = ForeignKeyField(Placement, on_delete="CASCADE")
        conversation = ForeignKeyField(Conversation, on_delete="CASCADE")
        line = CharField(max_length=10)
        seq = IntegerField()
        body = TextField()
        item_kind = CharField(max_length=40, null=True)
        item_id = CharField(max_length=64, null=True)
        question = UUIDField(null=True, index=True)

        class Meta:
            database = db
            table_name = "message"
            indexes = ((("conversation", "seq"), True),)

    class ReadMarker(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        conversation = ForeignKeyField(Conversation, on_delete="CASCADE")
        last_read_seq = IntegerField(default=0)
        open_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "read_marker"
            indexes = ((("user", "conversation"), True),)

    class GuidanceQuestion(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        change_seq = BigIntegerField(index=True, default=0)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        created_by = ForeignKeyField(User, on_delete="CASCADE")
        create_fingerprint = CharField(max_length=64)
        deleted_at = DateTimeField(null=True)
        placement = ForeignKeyField(Placement, on_delete="CASCADE")
        conversation = ForeignKeyField(Conversation, on_delete="CASCADE")
        question = TextField()
        answer_mode = CharField(max_length=20)
        snapshot = TextField(default="[]")
        status = CharField(max_length=10, default="open")
        answered_at = DateTimeField(null=True)
        proposed_at = DateTimeField(null=True)
        proposed_note = TextField(default="")
        resolved_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "guidance_question"

    db.create_tables([Conversation, Message, ReadMarker, GuidanceQuestion])
    migrator.migrate(
        migrator.add_column("notification_settings", "message_preview", BooleanField(default=False))
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_column("notification_settings", "message_preview"))
    for table in ("guidance_question", "read_marker", "message", "conversation"):
        migrator.migrate(migrator.drop_table(table))
