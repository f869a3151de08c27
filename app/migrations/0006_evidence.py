"""Evidence (#9): the kwalificatiedossiers' kerntaken and werkprocessen, werkproces tags on any
record kind, and evidence links between records."""

from peewee import (
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    UUIDField,
)


def _tables(db):
    class Placement(Model):
        class Meta:
            database = db
            table_name = "placement"

    class Kerntaak(Model):
        crebo = CharField(max_length=10)
        kd_year = IntegerField()
        code = CharField(max_length=20)
        title = CharField(max_length=300)
        position = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "kerntaak"
            indexes = ((("crebo", "kd_year", "code"), True),)

    class Werkproces(Model):
        kerntaak = ForeignKeyField(Kerntaak, on_delete="CASCADE")
        crebo = CharField(max_length=10)
        kd_year = IntegerField()
        code = CharField(max_length=20)
        title = CharField(max_length=300)
        position = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "werkproces"
            indexes = ((("crebo", "kd_year", "code"), True),)

    class WerkprocesTag(Model):
        placement = ForeignKeyField(Placement, on_delete="CASCADE", index=False)
        kind = CharField(max_length=30)
        record_id = UUIDField()
        werkproces = ForeignKeyField(Werkproces, on_delete="RESTRICT")
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "werkproces_tag"
            indexes = (
                (("kind", "record_id", "werkproces"), True),
                (("placement", "werkproces"), False),
            )

    class EvidenceLink(Model):
        placement = ForeignKeyField(Placement, on_delete="CASCADE", index=False)
        from_kind = CharField(max_length=30)
        from_id = UUIDField()
        to_kind = CharField(max_length=30)
        to_id = UUIDField()
        position = IntegerField(default=0)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "evidence_link"
            indexes = (
                (("from_kind", "from_id", "to_kind", "to_id"), True),
                (("to_kind", "to_id"), False),
                (("placement",), False),
            )

    return [Kerntaak, Werkproces, WerkprocesTag, EvidenceLink]


def up(migrator, db):
    db.create_tables(_tables(db))


def down(migrator, db):
    for model in reversed(_tables(db)):
        migrator.migrate(migrator.drop_table(model._meta.table_name))
