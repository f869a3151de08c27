"""Fixtures: an app on a real SQLite file, clients, and factories for the domain's records."""

import contextlib
import datetime as dt
import itertools
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from app import create_app, schema
from app.extensions import db
from app.models import ALL_MODELS, Company, Institution, Placement, Programme, User
from app.models.placements import POK_DEFINITIEF
from app.models.users import COORDINATOR, STUDENT, TEACHER, TRAINER
from app.services.reference import ensure_categories

pytest_plugins = ["tests.postgres"]

TODAY = dt.date(2026, 11, 18)  # a Wednesday
ERROR_KEYS = {"code", "status", "error", "message", "errors", "current"}
PASSWORD = "correct-horse-battery"
_counter = itertools.count(1)


def test_config(path, **extra):
    # TEST_DATABASE_URL=postgresql://... runs the same tests on PostgreSQL (tables are dropped).
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{path}"
    # Files (exports) beside the database file, never in the repository's instance/.
    folder = Path(path).parent
    files = folder / "files" if folder.is_absolute() else tempfile.mkdtemp(prefix="sw-files-")
    return {
        "DATABASE_URL": url,
        "FILE_STORAGE": str(files),
        "TESTING": True,
        "SECRET_KEY": "test",
        "SESSION_COOKIE_SECURE": False,
        "FROZEN_TODAY": TODAY.isoformat(),
        "MAIL_FOLDER": str(Path(path).parent / "mail"),
        **extra,
    }


def fresh_database(app):
    """An empty database at the current schema, made by the migrations (as `make run` does).

    The first test on a database file runs every migration; later ones only empty the tables,
    which is cheaper than building them again.
    """
    with app.app_context():
        db.connect(reuse_if_open=True)
        if schema.pending():
            db.drop_tables(ALL_MODELS, safe=True)
            db.execute_sql('DROP TABLE IF EXISTS "schema_migration"')
            schema.upgrade()
        else:
            with db.atomic():
                for model in reversed(ALL_MODELS):
                    model.delete().execute()
        ensure_categories()
    shutil.rmtree(app.config["FILE_STORAGE"], ignore_errors=True)


@pytest.fixture
def app(tmp_path):
    app = create_app(test_config(tmp_path / "test.sqlite3"))
    fresh_database(app)
    yield app
    db.close()


def module_app(name, **extra):
    """Fixtures `shared_app` and `app` for a module with many small tests: the app is built
    once (building the API costs ~80 ms), each test gets a fresh database. Such tests change
    the config only through monkeypatch, so every change is undone."""

    @pytest.fixture(scope="module")
    def shared_app(tmp_path_factory):
        app = create_app(test_config(tmp_path_factory.mktemp(name) / "test.sqlite3", **extra))
        yield app
        db.close()

    @pytest.fixture
    def app(shared_app):
        fresh_database(shared_app)
        return shared_app

    return shared_app, app


@contextlib.contextmanager
def another_app(app, **extra):
    """A second app on the same database with other settings, such as the ones create_app
    applies once (TRUSTED_PROXIES), or to add a route to. The shared database proxy points back
    at the first app's database afterwards."""
    previous = db.obj
    other = create_app(
        {**test_config("unused"), "DATABASE_URL": app.config["DATABASE_URL"], **extra}
    )
    try:
        yield other
    finally:
        db.obj.close()
        db.initialize(previous)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def password_hash():
    """A cheap argon2id hash: verify reads its cost from the hash, so test logins take ~1 ms."""
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)


@pytest.fixture
def make_institution(app):
    def make(name=None):
        return Institution.create(name=name or f"ROC {next(_counter)}")

    return make


@pytest.fixture
def institution(make_institution):
    return make_institution("ROC Testland")


@pytest.fixture
def make_user(app, institution, password_hash):
    def make(role=STUDENT, company=None, inst=None, email=None, name=None):
        n = next(_counter)
        return User.create(
            institution=inst or institution,
            email=email or f"{role}{n}@example.nl",
            name=name or f"{role.title()} {n}",
            role=role,
            company=company,
            password_hash=password_hash,
        )

    return make


@pytest.fixture
def make_company(app, institution):
    def make(inst=None, name=None):
        return Company.create(
            institution=inst or institution, name=name or f"Bedrijf {next(_counter)}"
        )

    return make


@pytest.fixture
def make_placement(app, institution, make_user, make_company):
    """A signed placement: student, company, trainer and teacher made as needed."""

    def make(student=None, company=None, trainer=None, docent=None, inst=None, **fields):
        inst = inst or institution
        company = company or make_company(inst=inst)
        programme = Programme.create(institution=inst, name="Software developer", crebo="25998")
        values = {
            "student": student or make_user(STUDENT, inst=inst),
            "company": company,
            "praktijkopleider": trainer or make_user(TRAINER, company=company, inst=inst),
            "docent": docent or make_user(TEACHER, inst=inst),
            "programme": programme,
            "start_date": TODAY - dt.timedelta(weeks=8),
            "end_date": TODAY + dt.timedelta(weeks=12),
            "required_hours": 800,
            "pok_status": POK_DEFINITIEF,
        }
        values.update(fields)
        placement = Placement(**values)
        placement.stamp()
        placement.save()
        return placement

    return make


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, user_or_email, password=PASSWORD):
        email = getattr(user_or_email, "email", user_or_email)
        return self.client.post("/api/auth/login", json={"email": email, "password": password})

    def logout(self):
        return self.client.post("/api/auth/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def login_as(app):
    """A fresh test client logged in as the given user."""

    def make(user):
        c = app.test_client()
        response = AuthActions(c).login(user)
        assert response.status_code == 200, response.get_json()
        return c

    return make


def assert_error(response, status, error=None, field=None):
    """An answer in the one error shape (README "The API"), with this status and code."""
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    body = response.get_json()
    assert body is not None, "error answers are JSON"
    assert set(body) <= ERROR_KEYS, body
    assert {"code", "status", "error", "message"} <= set(body), body
    assert body["code"] == status
    assert isinstance(body["message"], str) and body["message"]
    if error is not None:
        assert body["error"] == error, body
    if field is not None:
        assert field in body.get("errors", {}), body
    return body


def entry_body(day=TODAY, start="08:30", end="12:00", category=1, description="Werkzaamheden"):
    return {
        "id": str(uuid.uuid4()),
        "date": day.isoformat(),
        "start_time": start,
        "end_time": end,
        "category": category,
        "description": description,
    }


__all__ = [
    "AuthActions",
    "another_app",
    "assert_error",
    "entry_body",
    "TODAY",
    "PASSWORD",
    "COORDINATOR",
]
