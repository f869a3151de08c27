"""Retention: old replay records, login failures and revocations go, recent ones stay."""

import datetime as dt

from app.models import IdempotencyRecord, LoginFailure, Revocation
from app.models.base import utcnow
from app.services.housekeeping import purge_expired


def test_purge_keeps_what_still_serves_a_purpose(app, make_user):
    user = make_user()
    now = utcnow()
    for key, age in (("old", 31), ("recent", 29)):
        IdempotencyRecord.create(
            user=user,
            key=key,
            fingerprint="f",
            status_code=201,
            body="{}",
            created_at=now - dt.timedelta(days=age),
        )
    LoginFailure.create(email="a@example.nl", address="1.2.3.4", at=now - dt.timedelta(hours=25))
    LoginFailure.create(email="a@example.nl", address="1.2.3.4", at=now - dt.timedelta(hours=1))

    for age in (401, 399):
        Revocation.create(
            user=user,
            kind="placement",
            record_id="1",
            change_seq=age,
            created_at=now - dt.timedelta(days=age),
        )

    assert purge_expired(now) == {"idempotency_records": 1, "login_failures": 1, "revocations": 1}
    assert [r.change_seq for r in Revocation.select()] == [399]
    assert [r.key for r in IdempotencyRecord.select()] == ["recent"]
    assert LoginFailure.select().count() == 1


def test_purge_command(app):
    result = app.test_cli_runner().invoke(args=["purge-expired"])
    assert result.exit_code == 0, result.output
    assert "idempotency_records: 0 deleted" in result.output
