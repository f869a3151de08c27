"""The retention job with a frozen clock: exactly what is due goes, the rest stays; a second run
removes nothing; two runs at once remove it once between them."""

import datetime as dt
import os
import threading
import uuid

import pytest

from app import clock
from app.extensions import db
from app.models import (
    ApprovalToken,
    AuditEvent,
    Delivery,
    ErasureRequest,
    ExportJob,
    HourEntry,
    IdempotencyRecord,
    LoginFailure,
    Placement,
    Revocation,
    User,
    Week,
)
from app.privacy import erasure, retention
from app.services import weeks
from app.storage import storage
from tests.conftest import module_app
from tests.privacy.dossier import entry

NOW = "2026-11-18T12:00:00+01:00"
shared_app, app = module_app("retention", FROZEN_NOW=NOW, FROZEN_TODAY=None)

# Each rule removes exactly the one row made just past its cutoff.
EXPECTED = {
    "student_dossier": 1,
    "unplaced_students": 1,
    "anonymised_placements": 1,
    "approval_links": 1,
    "audit_events": 1,
    "deliveries": 1,
    "erasure_requests": 1,
    "exports": 1,
    "entry_tombstones": 1,
    "idempotency_records": 1,
    "login_failures": 1,
    "revocations": 1,
    "stray_photo_files": 1,
}


class Ages:
    """Rows on both sides of every rule's cutoff."""

    def __init__(self, app, make_user, make_placement):
        self.now = now = clock.utcnow()
        today = clock.today()

        def ago(**kw):
            return now - dt.timedelta(**kw)

        def ended(days, student=None):
            end = today - dt.timedelta(days=days)
            return make_placement(
                student=student, start_date=end - dt.timedelta(weeks=20), end_date=end
            )

        user = make_user()
        self.due, self.kept = {}, {}
        # student_dossier: 730 days after the end of the last placement.
        self.due["student"] = ended(731).student
        self._approved_week(self.due["student"])
        self.kept["student"] = ended(729).student
        self._approved_week(self.kept["student"])
        mixed = ended(1000).student
        ended(100, student=mixed)  # a later placement: not due yet
        self.kept["mixed"] = mixed
        # unplaced_students: 365 days after the account was made, never placed.
        self.due["unplaced"] = make_user()
        self.kept["unplaced"] = make_user()
        User.update(created_at=ago(days=366)).where(User.id == self.due["unplaced"].id).execute()
        User.update(created_at=ago(days=364)).where(User.id == self.kept["unplaced"].id).execute()
        staff = make_user("docent")
        User.update(created_at=ago(days=3000)).where(User.id == staff.id).execute()
        self.kept["staff"] = staff
        # anonymised_placements: seven years after the end.
        with db.atomic():
            stand_in = erasure.stand_in(user.institution_id)
        for key, days in (("due", 7 * 365 + 1), ("kept", 7 * 365 - 1)):
            placement = ended(days)
            Placement.update(student=stand_in).where(Placement.id == placement.id).execute()
            getattr(self, key)["anonymised"] = placement
        # The simple rules: (model, time column, days, extra fields).
        simple = [
            (LoginFailure, "at", dt.timedelta(days=1), {"email": "a@x.nl", "address": "1"}),
            (
                IdempotencyRecord,
                "created_at",
                dt.timedelta(days=30),
                {"user": user, "fingerprint": "f", "status_code": 201, "body": "{}"},
            ),
            (
                Revocation,
                "created_at",
                dt.timedelta(days=400),
                {"user": user, "kind": "entry", "record_id": "1", "change_seq": 1},
            ),
            (AuditEvent, "at", dt.timedelta(days=365), {"user": user, "action": "login"}),
            (
                Delivery,
                "created_at",
                dt.timedelta(days=90),
                {
                    "user": user,
                    "kind": "no_entry",
                    "title": "t",
                    "body": "b",
                    "navigate": "/",
                    "ttl_seconds": 1,
                    "expires_at": now,
                },
            ),
        ]
        for model, column, age, fields in simple:
            for key, delta in (("due", dt.timedelta(hours=1)), ("kept", -dt.timedelta(hours=1))):
                extra = {"key": uuid.uuid4().hex} if model is IdempotencyRecord else {}
                if model is Delivery:
                    extra = {"period": uuid.uuid4().hex}
                row = model.create(**fields, **extra, **{column: now - age - delta})
                getattr(self, key)[model.__name__] = row
        # approval_links: 30 days after the link expired.
        week = Week.get(Week.placement == self.kept["student"].placements[0].id)
        for key, days in (("due", 31), ("kept", 29)):
            getattr(self, key)["link"] = ApprovalToken.create(
                token_hash=uuid.uuid4().hex,
                week=week,
                week_version=1,
                trainer=self.kept["student"].placements[0].praktijkopleider,
                expires_at=ago(days=days),
            )
        # erasure_requests: a year after the decision; a waiting one stays however old.
        for key, days in (("due", 366), ("kept", 364)):
            getattr(self, key)["request"] = ErasureRequest.create(
                institution=user.institution_id,
                subject=user,
                requested_at=ago(days=400),
                status="declined",
                decided_at=ago(days=days),
            )
        self.kept["waiting"] = ErasureRequest.create(
            institution=user.institution_id, subject=user, requested_at=ago(days=3000)
        )
        # exports: a week after they were made, with their files.
        for key, days in (("due", 8), ("kept", 6)):
            job = ExportJob.create(
                institution=user.institution_id,
                subject=user,
                requested_by=user,
                audience="student",
                status="ready",
                created_at=ago(days=days),
                expires_at=ago(days=days) + dt.timedelta(days=7),
                file_key=f"exports/{key}-{uuid.uuid4().hex[:6]}.zip",
            )
            with storage().writer(job.file_key) as fh:
                fh.write(b"PK")
            getattr(self, key)["export"] = job
        # stray_photo_files: a day after it was written, a file no photo owns.
        self.strays = {}
        folder = f"photos/{self.kept['student'].placements[0].id}"
        for key, hours in (("due", 25), ("kept", 23)):
            name = f"{folder}/{key}-{uuid.uuid4().hex[:8]}.jpg"
            with storage().writer(name) as fh:
                fh.write(b"jpeg")
            written = ago(hours=hours).replace(tzinfo=dt.UTC).timestamp()
            os.utime(storage()._path(name), (written, written))
            self.strays[key] = name
        # entry_tombstones: 400 days after the delete.
        placement = self.kept["student"].placements[0]
        for key, days in (("due", 401), ("kept", 399)):
            row = HourEntry.get(HourEntry.placement == placement.id)
            copy = HourEntry.create(
                **{**row.__data__, "id": uuid.uuid4(), "deleted_at": ago(days=days)}
            )
            getattr(self, key)["tombstone"] = copy

    def _approved_week(self, student):
        placement = student.placements[0]
        day = placement.end_date - dt.timedelta(days=2)
        entry(student, placement, day, (8, 0), (12, 0), "oud werk")
        label = clock.iso_week_label(clock.monday_of(day))
        weeks.transition(student, placement.id, label, "submit")
        weeks.transition(placement.praktijkopleider, placement.id, label, "approve")

    def assert_exactly_the_due_rows_went(self):
        for key, row in self.due.items():
            assert not type(row).select().where(type(row)._meta.primary_key == row._pk).exists(), (
                key
            )
        for key, row in self.kept.items():
            assert type(row).select().where(type(row)._meta.primary_key == row._pk).exists(), key
        keys = set(storage().keys("exports/"))
        assert self.due["export"].file_key not in keys and self.kept["export"].file_key in keys
        photos = set(storage().keys("photos/"))
        assert self.strays["due"] not in photos and self.strays["kept"] in photos
        # The erased student's approved hours are kept, anonymised; their own placement stays.
        placement = Placement.get(Placement.end_date == clock.today() - dt.timedelta(days=731))
        assert User.get_by_id(placement.student_id).anonymous
        assert [e.description for e in placement.entries] == [""]
        erased = [
            e.subject for e in AuditEvent.select().where(AuditEvent.action.startswith("eras"))
        ]
        assert sorted(erased) == sorted(
            f"user:{self.due[k].id}" for k in ("student", "unplaced")
        ), "one audit event per erasure, saying whom, not what"


@pytest.fixture
def ages(app, make_user, make_placement):
    with app.test_request_context():
        # The placements' own dates need "today" to lie after them: the services check.
        yield Ages(app, make_user, make_placement)


def _run(app):
    with app.test_request_context():
        return retention.run()


def test_removes_exactly_what_is_due_and_a_second_run_nothing(app, ages):
    assert _run(app) == EXPECTED
    with app.test_request_context():
        ages.assert_exactly_the_due_rows_went()
    assert _run(app) == dict.fromkeys(EXPECTED, 0)


def test_two_runs_at_once_remove_everything_once(app, ages):
    results, errors = [], []
    start = threading.Barrier(2)

    def worker():
        try:
            with app.test_request_context():
                db.connect(reuse_if_open=True)
                start.wait()
                results.append(retention.run())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            db.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert {name: results[0][name] + results[1][name] for name in EXPECTED} == EXPECTED
    with app.test_request_context():
        db.connect(reuse_if_open=True)
        ages.assert_exactly_the_due_rows_went()


def test_a_school_sets_its_own_terms(app, ages, monkeypatch):
    monkeypatch.setitem(app.config, "RETENTION_DAYS", {"login_failures": 0, "audit_events": 10})
    with app.test_request_context():
        removed = retention.run(only={"login_failures", "audit_events"})
    assert removed == {"login_failures": 2, "audit_events": 2}
    monkeypatch.setitem(app.config, "RETENTION_DAYS", {"no_such_rule": 3})
    with app.test_request_context(), pytest.raises(ValueError, match="no_such_rule"):
        retention.run()


def test_the_command_and_its_old_name(app, ages):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["apply-retention"])
    assert result.exit_code == 0, result.output
    assert "login_failures: 1 removed" in result.output
    again = runner.invoke(args=["purge-expired"])
    assert again.exit_code == 0 and "login_failures: 0 removed" in again.output


def test_the_scheduler_runs_retention_daily_and_exports_every_minute(app):
    from app import jobs, scheduler

    table = {name: function for name, function, _ in scheduler.job_table(app.config)}
    assert table["apply_retention"] is jobs.apply_retention
    assert table["run_exports"] is jobs.run_exports
