"""Evidence (#9): the kwalificatiedossiers' kerntaken and werkprocessen, werkproces tags on any
record kind, evidence links between records; STARRT reflections, learning goals and moments,
notes; and the programme's minimum number of STARRTs."""

from peewee import (
    BigIntegerField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
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

    return [Kerntaak, Werkproces, WerkprocesTag, EvidenceLink, *_records(db, Placement)]


def _records(db, Placement):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Record(Model):
        """The frozen columns of a ClientRecord (app/models/client_records.py)."""

        version = IntegerField(default=1)
        change_seq = BigIntegerField(default=0, index=True)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        id = UUIDField(primary_key=True)
        created_by = ForeignKeyField(User, on_delete="CASCADE", backref="+")
        create_fingerprint = CharField(max_length=64)
        deleted_at = DateTimeField(null=True)

        class Meta:
            database = db

    class Starrt(Record):
        placement = ForeignKeyField(Placement, on_delete="CASCADE")
        title = CharField(max_length=200, default="")
        situatie = TextField(default="")
        taak = TextField(default="")
        actie = TextField(default="")
        resultaat = TextField(default="")
        reflectie = TextField(default="")
        transfer = TextField(default="")
        status = CharField(max_length=12, default="draft")
        submitted_at = DateTimeField(null=True)
        rating = CharField(max_length=1, null=True)
        rating_remark = TextField(default="")
        rating_initials = CharField(max_length=10, default="")
        rated_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
        rated_at = DateTimeField(null=True)

        class Meta:
            table_name = "starrt"
            indexes = ((("placement", "status"), False),)

    class LearningGoal(Record):
        placement = ForeignKeyField(Placement, on_delete="CASCADE")
        title = CharField(max_length=300)
        criteria = TextField(default="")
        reached_at = DateTimeField(null=True)

        class Meta:
            table_name = "learning_goal"

    class LearningMoment(Record):
        placement = ForeignKeyField(Placement, on_delete="CASCADE")
        date = DateField()
        text = TextField()
        goal = ForeignKeyField(LearningGoal, null=True, on_delete="SET NULL")
        reflection_model = CharField(max_length=12, default="")
        reflection = TextField(default="")

        class Meta:
            table_name = "learning_moment"
            indexes = ((("placement", "date"), False),)

    class Note(Record):
        placement = ForeignKeyField(Placement, on_delete="CASCADE")
        text = TextField()
        visibility = CharField(max_length=10, default="self")

        class Meta:
            table_name = "note"
            indexes = ((("placement", "visibility"), False),)

    return [Starrt, LearningGoal, LearningMoment, Note]


def up(migrator, db):
    db.create_tables(_tables(db))
    migrator.migrate(migrator.add_column("programme", "min_starrts", IntegerField(default=5)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("programme", "min_starrts"))
    for model in reversed(_tables(db)):
        migrator.migrate(migrator.drop_table(model._meta.table_name))
