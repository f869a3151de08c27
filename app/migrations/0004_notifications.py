"""Reminders: push subscriptions, preferences, quiet hours, deliveries, one-tap approval links;
and the BBL student's school day on the placement."""

from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    TimeField,
    UUIDField,
)


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Week(Model):
        class Meta:
            database = db
            table_name = "week"

    class ApprovalToken(Model):
        token_hash = CharField(unique=True, max_length=64)
        week = ForeignKeyField(Week, on_delete="CASCADE")
        week_version = IntegerField()
        trainer = ForeignKeyField(User, on_delete="CASCADE")
        expires_at = DateTimeField()
        used_at = DateTimeField(null=True)
        created_at = DateTimeField(index=True)

        class Meta:
            database = db
            table_name = "approval_token"

    db.create_tables([ApprovalToken])

    class Delivery(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        kind = CharField(max_length=40)
        period = CharField(max_length=60)
        title = CharField(max_length=200)
        body = TextField()
        navigate = CharField(max_length=300)
        ttl_seconds = IntegerField()
        urgency = CharField(max_length=10, default="normal")
        state = CharField(max_length=10, default="pending")
        channel = CharField(max_length=10, default="")
        attempts = IntegerField(default=0)
        not_before = DateTimeField()
        expires_at = DateTimeField()
        created_at = DateTimeField()
        sent_at = DateTimeField(null=True)
        claimed_at = DateTimeField(null=True)
        claimed_by = CharField(max_length=32, null=True)

        class Meta:
            database = db
            table_name = "delivery"
            indexes = ((("user", "kind", "period"), True), (("state", "not_before"), False))

    db.create_tables([Delivery])

    class NotificationPreference(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        kind = CharField(max_length=40)
        mode = CharField(max_length=10)

        class Meta:
            database = db
            table_name = "notification_preference"
            indexes = ((("user", "kind"), True),)

    db.create_tables([NotificationPreference])

    class NotificationSettings(Model):
        user = ForeignKeyField(User, unique=True, on_delete="CASCADE")
        quiet_start = TimeField(null=True)
        quiet_end = TimeField(null=True)
        email_fallback = BooleanField(default=True)
        digest_by_email = BooleanField(default=False)

        class Meta:
            database = db
            table_name = "notification_settings"

    db.create_tables([NotificationSettings])

    class PushSubscription(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        device_id = UUIDField()
        endpoint = CharField(max_length=1000)
        p256dh = CharField(max_length=200)
        auth = CharField(max_length=100)
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "push_subscription"
            indexes = ((("user", "device_id"), True), (("endpoint",), False))

    db.create_tables([PushSubscription])

    migrator.migrate(migrator.add_column("placement", "school_weekday", IntegerField(null=True)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("placement", "school_weekday"))
    migrator.migrate(migrator.drop_table("push_subscription"))
    migrator.migrate(migrator.drop_table("notification_settings"))
    migrator.migrate(migrator.drop_table("notification_preference"))
    migrator.migrate(migrator.drop_table("delivery"))
    migrator.migrate(migrator.drop_table("approval_token"))
