"""Privacy (issue #8): export jobs and erasure requests; the audit log per institution; the
institution's stand-in for erased students."""

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def up(migrator, db):
    class Institution(Model):
        class Meta:
            database = db
            table_name = "institution"

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class ExportJob(Model):
        institution = ForeignKeyField(Institution, on_delete="CASCADE")
        subject = ForeignKeyField(User, on_delete="CASCADE")
        requested_by = ForeignKeyField(User, on_delete="CASCADE")
        audience = CharField(max_length=20)
        status = CharField(max_length=10, default="queued")
        steps_total = IntegerField(default=0)
        steps_done = IntegerField(default=0)
        created_at = DateTimeField(index=True)
        started_at = DateTimeField(null=True)
        finished_at = DateTimeField(null=True)
        expires_at = DateTimeField()
        claimed_until = DateTimeField(null=True)
        file_key = CharField(max_length=300, default="")
        file_size = BigIntegerField(default=0)
        error = CharField(max_length=40, default="")
        token_hash = CharField(max_length=64, null=True)
        token_expires_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "export_job"
            indexes = ((("status", "id"), False),)

    class ErasureRequest(Model):
        institution = ForeignKeyField(Institution, on_delete="CASCADE")
        subject = ForeignKeyField(User, null=True, on_delete="SET NULL")
        requested_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        requested_at = DateTimeField()
        status = CharField(max_length=10, default="requested")
        decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        decided_at = DateTimeField(null=True)
        comment = TextField(default="")

        class Meta:
            database = db
            table_name = "erasure_request"
            indexes = ((("institution", "status"), False),)

    db.create_tables([ExportJob, ErasureRequest])

    institution = ForeignKeyField(
        Institution, field=Institution.id, null=True, on_delete="CASCADE", index=False
    )
    migrator.migrate(
        migrator.add_column("user", "anonymous", BooleanField(default=False)),
        migrator.add_column("audit_event", "institution_id", institution),
        migrator.add_index("audit_event", ("institution_id", "at")),
    )
    # The log so far belongs to the institution of whoever acted.
    db.execute_sql(
        'UPDATE "audit_event" SET "institution_id" = '
        '(SELECT "institution_id" FROM "user" WHERE "user"."id" = "audit_event"."user_id")'
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index("audit_event", "audit_event_institution_id_at"),
        migrator.drop_column("audit_event", "institution_id"),
        migrator.drop_column("user", "anonymous"),
        migrator.drop_table("erasure_request"),
        migrator.drop_table("export_job"),
    )
