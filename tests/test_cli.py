"""The command-line tools, run as `flask` runs them, on a real SQLite file."""

import pytest

from app import create_app, demo
from app.extensions import db
from app.models import ActivityCategory, HourEntry, Institution, Placement, User, Week
from app.models.placements import POK_DEFINITIEF
from app.services.passwords import verify_password

TODAY = "2026-11-18"  # a Wednesday: the demo student's current week has entries before today


@pytest.fixture
def cli_app(tmp_path):
    """An app on an empty database file: no tables until a command makes them."""
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path}/cli.sqlite3",
            "TESTING": True,
            "SECRET_KEY": "test",
            "FROZEN_TODAY": TODAY,
        }
    )
    yield app
    db.close()


@pytest.fixture
def run(cli_app):
    runner = cli_app.test_cli_runner()

    def invoke(*args, input=None):
        result = runner.invoke(args=list(args), input=input)
        assert result.exit_code == 0, result.output + repr(result.exception)
        return result

    return invoke


def test_init_db_creates_tables_and_categories_once(cli_app, run):
    run("init-db")
    run("init-db", "--institution", "ROC Testland")
    run("init-db", "--institution", "ROC Testland")
    with cli_app.app_context():
        categories = {c.code: c for c in ActivityCategory.select()}
        assert sorted(categories) == list(range(1, 10))
        assert {c for c, cat in categories.items() if cat.counts_toward_hours} == {1, 2}
        assert categories[1].daily_cap_minutes == 540 and categories[1].overflow_code == 2
        assert categories[7].name_nl == "Ziek" and categories[7].name_en == "Sick"
        assert Institution.select().count() == 1


def test_seed_demo_loads_a_school_once(cli_app, run):
    first = run("seed-demo", "--if-empty")
    assert "student@example.nl" in first.output
    with cli_app.app_context():
        counts = (User.select().count(), Placement.select().count(), HourEntry.select().count())
    again = run("seed-demo", "--if-empty")
    assert "not loaded" in again.output
    with cli_app.app_context():
        assert (
            User.select().count(),
            Placement.select().count(),
            HourEntry.select().count(),
        ) == counts
        roles = {
            role: User.select().where(User.role == role).count()
            for role in ("student", "praktijkopleider", "docent", "coordinator")
        }
        assert roles == {"student": 30, "praktijkopleider": 7, "docent": 3, "coordinator": 1}
        assert Placement.select().where(Placement.pok_status == POK_DEFINITIEF).count() == 30
        for email in demo.LOGIN_EMAILS:
            user = User.get(User.email == email)
            assert verify_password(user.password_hash, demo.DEMO_PASSWORD)
        student = User.get(User.email == demo.STUDENT_EMAIL)
        placement = Placement.get(Placement.student == student)
        assert placement.start_date.isoformat() < TODAY <= placement.end_date.isoformat()
        statuses = {w.status for w in Week.select().where(Week.placement == placement)}
        assert statuses == {"approved", "rejected", "submitted", "open"}
        rejected = Week.get((Week.placement == placement) & (Week.status == "rejected"))
        assert rejected.comment and rejected.decided_by_id == placement.praktijkopleider_id
        assert (
            not HourEntry.select()
            .where((HourEntry.placement == placement) & (HourEntry.date >= TODAY))
            .exists()
        )
        trainer = User.get(User.email == demo.TRAINER_EMAIL)
        assert placement.praktijkopleider_id == trainer.id
        waiting = (
            Week.select()
            .join(Placement)
            .where((Placement.praktijkopleider == trainer) & (Week.status == "submitted"))
        )
        assert waiting.count() >= 3
        assert {p.student_id for p in trainer.trainee_placements}.__len__() >= 3


def test_seed_demo_without_if_empty_refuses_a_second_load(cli_app, run):
    run("seed-demo")
    result = cli_app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0 and "already" in result.output


def test_create_user_hashes_the_password(cli_app, run):
    run("init-db", "--institution", "ROC Testland")
    run(
        "create-user",
        "--email",
        "New.Docent@Example.nl",
        "--name",
        "Nieuwe Docent",
        "--role",
        "docent",
        "--password",
        "een-lang-wachtwoord",
    )
    with cli_app.app_context():
        user = User.get(User.email == "new.docent@example.nl")
        assert user.role == "docent" and user.password_hash.startswith("$argon2id$")
        assert verify_password(user.password_hash, "een-lang-wachtwoord")


def test_create_user_prompts_for_the_password(cli_app, run):
    run("init-db", "--institution", "ROC Testland")
    run(
        "create-user",
        "--email",
        "coord@example.nl",
        "--name",
        "C",
        "--role",
        "coordinator",
        input="geheim-wachtwoord\ngeheim-wachtwoord\n",
    )
    with cli_app.app_context():
        user = User.get(User.email == "coord@example.nl")
        assert verify_password(user.password_hash, "geheim-wachtwoord")


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--role", "praktijkopleider"], "company"),
        (["--role", "student", "--company-id", "999"], "no company"),
        (["--role", "student", "--institution-id", "999"], "no institution"),
        (["--role", "student", "--password", "kort"], "10 characters"),
        # The API refuses passwords under 10 characters; the CLI must not accept 8 or 9.
        (["--role", "student", "--password", "negen-tkn"], "10 characters"),
    ],
)
def test_create_user_refuses_bad_input(cli_app, run, extra, message):
    run("init-db", "--institution", "ROC Testland")
    args = ["create-user", "--email", "x@example.nl", "--name", "X"]
    if "--password" not in extra:
        extra = [*extra, "--password", "lang-genoeg-wachtwoord"]
    result = cli_app.test_cli_runner().invoke(args=args + extra)
    assert result.exit_code != 0 and message in result.output


def test_create_user_refuses_a_duplicate_email(cli_app, run):
    run("seed-demo")
    result = cli_app.test_cli_runner().invoke(
        args=[
            "create-user",
            "--email",
            "student@example.nl",
            "--name",
            "X",
            "--role",
            "student",
            "--password",
            "lang-genoeg-wachtwoord",
        ]
    )
    assert result.exit_code != 0 and "exists already" in result.output
