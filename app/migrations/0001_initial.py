"""The schema as the logbook core shipped it (before migrations existed).

Generated with `python -m playhouse.migrations ... initial app.models:ALL_MODELS`, then kept
frozen: these classes are deliberately independent of app/models, which move on. A database
made by the logbook core's `create_tables` has exactly these tables; `db-upgrade` recognises it
and records this migration as applied without running it.
"""

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    TimeField,
    UUIDField,
)


def up(migrator, db):
    class ActivityCategory(Model):
        code = IntegerField(unique=True)
        name_nl = CharField(max_length=100)
        name_en = CharField(max_length=100)
        counts_toward_hours = BooleanField(default=False)
        daily_cap_minutes = IntegerField(null=True)
        overflow_code = IntegerField(null=True)

        class Meta:
            database = db
            table_name = "activity_category"

    db.create_tables([ActivityCategory])

    class Institution(Model):
        name = CharField(max_length=200)

        class Meta:
            database = db
            table_name = "institution"

    db.create_tables([Institution])

    class Company(Model):
        institution = ForeignKeyField(Institution, on_delete="CASCADE")
        name = CharField(max_length=200)
        city = CharField(max_length=100, default="")
        accredited = BooleanField(default=True)

        class Meta:
            database = db
            table_name = "company"

    db.create_tables([Company])

    class User(Model):
        institution = ForeignKeyField(Institution, on_delete="CASCADE")
        email = CharField(unique=True, max_length=254)
        name = CharField(max_length=200)
        role = CharField(max_length=20)
        company = ForeignKeyField(Company, null=True, on_delete="SET NULL")
        password_hash = CharField(max_length=200)
        session_version = IntegerField(default=1)
        active = BooleanField(default=True)
        locale = CharField(max_length=5, default="nl")
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "user"

    db.create_tables([User])

    class AuditEvent(Model):
        at = DateTimeField(index=True)
        user = ForeignKeyField(User, null=True, on_delete="SET NULL")
        action = CharField(max_length=40)
        subject = CharField(max_length=80, default="")

        class Meta:
            database = db
            table_name = "audit_event"

    db.create_tables([AuditEvent])

    class Counter(Model):
        name = CharField(primary_key=True, max_length=40)
        value = BigIntegerField(default=0)

        class Meta:
            database = db
            table_name = "counter"

    db.create_tables([Counter])

    class Programme(Model):
        institution = ForeignKeyField(Institution, on_delete="CASCADE")
        name = CharField(max_length=200)
        crebo = CharField(max_length=10)

        class Meta:
            database = db
            table_name = "programme"

    db.create_tables([Programme])

    class Placement(Model):
        version = IntegerField(default=1)
        change_seq = BigIntegerField(index=True, default=0)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        student = ForeignKeyField(User, on_delete="CASCADE")
        company = ForeignKeyField(Company, on_delete="RESTRICT")
        praktijkopleider = ForeignKeyField(User, null=True, on_delete="SET NULL")
        docent = ForeignKeyField(User, null=True, on_delete="SET NULL")
        programme = ForeignKeyField(Programme, on_delete="RESTRICT")
        start_date = DateField()
        end_date = DateField()
        required_hours = IntegerField()
        pok_status = CharField(max_length=20, default="volledig")

        class Meta:
            database = db
            table_name = "placement"

    db.create_tables([Placement])

    class Week(Model):
        version = IntegerField(default=1)
        change_seq = BigIntegerField(index=True, default=0)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        placement = ForeignKeyField(Placement, on_delete="CASCADE")
        monday = DateField()
        status = CharField(max_length=12, default="open")
        submitted_at = DateTimeField(null=True)
        decided_at = DateTimeField(null=True)
        decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        comment = TextField(default="")

        class Meta:
            database = db
            table_name = "week"
            indexes = (
                (("placement", "monday"), True),
                (("placement", "status", "submitted_at"), False),
            )

    db.create_tables([Week])

    class HourEntry(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        change_seq = BigIntegerField(index=True, default=0)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        placement = ForeignKeyField(Placement, on_delete="CASCADE")
        week = ForeignKeyField(Week, on_delete="CASCADE")
        date = DateField()
        start_time = TimeField()
        end_time = TimeField()
        minutes = IntegerField()
        category = ForeignKeyField(ActivityCategory, on_delete="RESTRICT")
        description = TextField(default="")
        created_by = ForeignKeyField(User, on_delete="CASCADE")
        create_fingerprint = CharField(max_length=64)
        deleted_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "hour_entry"
            indexes = ((("placement", "date"), False),)

    db.create_tables([HourEntry])

    class IdempotencyRecord(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        key = CharField(max_length=100)
        fingerprint = CharField(max_length=64)
        status_code = IntegerField()
        body = TextField()
        created_at = DateTimeField(index=True)

        class Meta:
            database = db
            table_name = "idempotency_record"
            indexes = ((("user", "key"), True),)

    db.create_tables([IdempotencyRecord])

    class LoginFailure(Model):
        email = CharField(index=True, max_length=254)
        address = CharField(index=True, max_length=64)
        at = DateTimeField(index=True)

        class Meta:
            database = db
            table_name = "login_failure"

    db.create_tables([LoginFailure])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("login_failure"))
    migrator.migrate(migrator.drop_table("idempotency_record"))
    migrator.migrate(migrator.drop_table("hour_entry"))
    migrator.migrate(migrator.drop_table("week"))
    migrator.migrate(migrator.drop_table("placement"))
    migrator.migrate(migrator.drop_table("programme"))
    migrator.migrate(migrator.drop_table("counter"))
    migrator.migrate(migrator.drop_table("audit_event"))
    migrator.migrate(migrator.drop_table("user"))
    migrator.migrate(migrator.drop_table("company"))
    migrator.migrate(migrator.drop_table("institution"))
    migrator.migrate(migrator.drop_table("activity_category"))
