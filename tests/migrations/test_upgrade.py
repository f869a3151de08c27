"""Upgrading a school's database keeps every row: on SQLite and on a real PostgreSQL.

The "old" database is the one the logbook core made: its tables (the baseline migration's
frozen models, which match what its create_tables built) with data in them and no migration
history. db-upgrade must recognise it, bring it to the current schema, and lose nothing.
"""

import datetime as dt
import uuid

import pytest
from argon2 import PasswordHasher
from playhouse.migrate import SchemaMigrator
from playhouse.migrations import Runner
from playhouse.schema_diff import diff_models

from app import create_app, schema
from app.extensions import db
from app.models import ALL_MODELS
from tests.conftest import PASSWORD, TODAY
from tests.conftest import test_config as config_for

MONDAY = TODAY - dt.timedelta(days=TODAY.weekday())
ENTRY_IDS = [uuid.UUID(int=n + 1, version=4) for n in range(5)]
TABLES = (
    "institution",
    "programme",
    "company",
    "user",
    "placement",
    "activity_category",
    "week",
    "hour_entry",
    "idempotency_record",
    "audit_event",
    "login_failure",
    "counter",
)


def _insert(database, table, **row):
    columns = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join([database.param] * len(row))
    database.execute_sql(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values()))


def make_legacy_database(database):
    """The logbook core's schema, filled as a school would have it, without migration history."""
    baseline = next(
        m for m in Runner(database, str(schema.DIRECTORY)).migrations() if m.name == schema.BASELINE
    )
    with database.atomic():
        baseline.load().up(SchemaMigrator.from_database(database), database)
    now = dt.datetime(2026, 11, 17, 9, 0)
    password_hash = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    with database.atomic():
        _insert(database, "institution", id=1, name="ROC Oud")
        _insert(database, "programme", id=1, institution_id=1, name="Software", crebo="25998")
        _insert(
            database,
            "company",
            id=1,
            institution_id=1,
            name="Bedrijf",
            city="Leiden",
            accredited=True,
        )
        people = [(1, "student"), (2, "praktijkopleider"), (3, "docent"), (4, "coordinator")]
        for uid, role in people:
            _insert(
                database,
                "user",
                id=uid,
                institution_id=1,
                email=f"{role}@oud.nl",
                name=f"{role} Oud",
                role=role,
                company_id=1 if uid == 2 else None,
                password_hash=password_hash,
                session_version=1,
                active=True,
                locale="nl",
                created_at=now,
            )
        _insert(
            database,
            "placement",
            id=1,
            version=1,
            change_seq=1,
            created_at=now,
            updated_at=now,
            student_id=1,
            company_id=1,
            praktijkopleider_id=2,
            docent_id=3,
            programme_id=1,
            start_date=TODAY - dt.timedelta(weeks=8),
            end_date=TODAY + dt.timedelta(weeks=12),
            required_hours=800,
            pok_status="definitief",
        )
        for code in range(1, 10):
            _insert(
                database,
                "activity_category",
                id=code,
                code=code,
                name_nl=f"Categorie {code}",
                name_en=f"Category {code}",
                counts_toward_hours=code in (1, 2),
                daily_cap_minutes=540 if code == 1 else None,
                overflow_code=2 if code == 1 else None,
            )
        _insert(
            database,
            "week",
            id=1,
            version=3,
            change_seq=2,
            created_at=now,
            updated_at=now,
            placement_id=1,
            monday=MONDAY - dt.timedelta(weeks=1),
            status="approved",
            submitted_at=now,
            decided_at=now,
            decided_by_id=2,
            comment="Goed gedaan",
        )
        _insert(
            database,
            "week",
            id=2,
            version=1,
            change_seq=3,
            created_at=now,
            updated_at=now,
            placement_id=1,
            monday=MONDAY,
            status="open",
            comment="",
        )
        for n, entry_id in enumerate(ENTRY_IDS):
            week = 1 if n < 3 else 2
            day = (MONDAY - dt.timedelta(weeks=1) if week == 1 else MONDAY) + dt.timedelta(
                days=n % 3
            )
            _insert(
                database,
                "hour_entry",
                id=entry_id.hex,
                version=1,
                change_seq=4 + n,
                created_at=now,
                updated_at=now,
                placement_id=1,
                week_id=week,
                date=day,
                start_time=dt.time(8, 30),
                end_time=dt.time(12, 0),
                minutes=210,
                category_id=1,
                description=f"Oud werk {n}",
                created_by_id=1,
                create_fingerprint="f" * 64,
                deleted_at=None,
            )
        _insert(
            database,
            "idempotency_record",
            user_id=1,
            key="op-1",
            fingerprint="a" * 64,
            status_code=201,
            body="{}",
            created_at=now,
        )
        _insert(database, "audit_event", at=now, user_id=2, action="week_approve", subject="week:1")
        _insert(database, "login_failure", email="student@oud.nl", address="10.0.0.1", at=now)
        _insert(database, "counter", name="changes", value=8)


def _counts(database):
    return {t: database.execute_sql(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in TABLES}


def _upgrade_keeps_everything(url, tmp_path):
    app = create_app(config_for(tmp_path / "unused.sqlite3", DATABASE_URL=url))
    with app.app_context():
        database = db.obj
        database.connect(reuse_if_open=True)
        make_legacy_database(database)
        before = _counts(database)
        assert diff_models(database, ALL_MODELS), "the legacy schema should lack what came since"

        adopted, applied = schema.upgrade()

        assert adopted == [schema.BASELINE]
        assert applied and schema.BASELINE not in applied
        assert schema.pending() == []
        assert str(diff_models(database, ALL_MODELS)) == "", "upgraded schema differs from models"
        assert _counts(database) == before
        # The audit log so far belongs to the institution of whoever acted (0003_privacy).
        rows = database.execute_sql('SELECT "institution_id" FROM "audit_event"').fetchall()
        assert [tuple(r) for r in rows] == [(1,)]
        assert schema.upgrade() == ([], []), "a second upgrade changes nothing"
        database.close()

    # The school's data works as before in the upgraded app.
    client = app.test_client()
    response = client.post(
        "/api/auth/login", json={"email": "student@oud.nl", "password": PASSWORD}
    )
    assert response.status_code == 200, response.get_json()
    old = client.get(f"/api/entries/{ENTRY_IDS[0]}").get_json()
    assert (old["description"], old["minutes"]) == ("Oud werk 0", 210)
    weeks = client.get("/api/placements/1/weeks").get_json()
    assert {(w["status"], w["comment"]) for w in weeks} == {
        ("approved", "Goed gedaan"),
        ("open", ""),
    }
    new = client.post(
        "/api/placements/1/entries",
        json={
            "id": str(uuid.uuid4()),
            "date": TODAY.isoformat(),
            "start_time": "13:00",
            "end_time": "16:00",
            "category": 1,
        },
    )
    assert new.status_code == 201, new.get_json()
    feed = client.get("/api/sync/changes?since=0").get_json()
    fed = {c["id"] for c in feed["changes"] if c["kind"] == "entry"}
    assert fed == {str(e) for e in ENTRY_IDS} | {new.get_json()["id"]}
    assert new.get_json()["version"] == 1
    with app.app_context():
        db.close()


def test_upgrading_a_logbook_core_database_on_sqlite_keeps_every_row(tmp_path):
    _upgrade_keeps_everything(f"sqlite:///{tmp_path / 'school.sqlite3'}", tmp_path)


def test_upgrading_a_logbook_core_database_on_postgresql_keeps_every_row(postgres, tmp_path):
    _upgrade_keeps_everything(postgres.new_database(), tmp_path)


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_a_fresh_install_gets_exactly_the_models_schema(engine, tmp_path, request):
    url = (
        f"sqlite:///{tmp_path / 'new.sqlite3'}"
        if engine == "sqlite"
        else request.getfixturevalue("postgres").new_database()
    )
    app = create_app(config_for(tmp_path / "unused.sqlite3", DATABASE_URL=url))
    with app.app_context():
        db.connect(reuse_if_open=True)
        adopted, applied = schema.upgrade()
        assert adopted == [] and applied == [name for name, _ in schema.status()]
        assert str(diff_models(db.obj, ALL_MODELS)) == ""
        db.close()


def test_every_model_is_made_by_a_migration():
    """A model without a migration would exist in tests (which used to create tables from the
    models) but not in a school's database: the fresh-install test above compares the two, and
    this one names the model when a migration is missing."""
    created = set()
    for path in sorted(schema.DIRECTORY.glob("[0-9]*.py")):
        text = path.read_text()
        created |= {
            m._meta.table_name
            for m in ALL_MODELS
            if f'"{m._meta.table_name}"' in text or f"'{m._meta.table_name}'" in text
        }
    assert {m._meta.table_name for m in ALL_MODELS} - created == set()
