"""One clock for the app: a frozen instant, UTC storage, Amsterdam calendar dates."""

import datetime as dt

import pytest
from flask import Flask

from app import clock


@pytest.fixture
def ctx():
    app = Flask(__name__)
    app.config["TIMEZONE"] = "Europe/Amsterdam"
    with app.app_context():
        yield app


@pytest.mark.parametrize(
    "frozen, utc, today",
    [
        # 23:30 UTC on 30 Nov is 00:30 on 1 Dec in Amsterdam (winter, UTC+1).
        ("2026-11-30T23:30:00+00:00", dt.datetime(2026, 11, 30, 23, 30), dt.date(2026, 12, 1)),
        # Summer (UTC+2): 22:30 UTC is already tomorrow.
        ("2026-06-30T22:30:00Z", dt.datetime(2026, 6, 30, 22, 30), dt.date(2026, 7, 1)),
        # A naive instant is read as Amsterdam wall time.
        ("2026-11-18T09:00:00", dt.datetime(2026, 11, 18, 8, 0), dt.date(2026, 11, 18)),
        # The night the clocks go back: 02:30 happens twice; fold 0 is the first (UTC+2).
        ("2026-10-25T02:30:00", dt.datetime(2026, 10, 25, 0, 30), dt.date(2026, 10, 25)),
    ],
)
def test_a_frozen_instant(ctx, frozen, utc, today):
    ctx.config["FROZEN_NOW"] = frozen
    assert clock.utcnow() == utc
    assert clock.now().tzinfo is dt.UTC
    assert clock.today() == today
    assert clock.to_local(clock.utcnow()).date() == today


def test_frozen_today_alone_still_works(ctx):
    ctx.config["FROZEN_TODAY"] = "2026-11-18"
    assert clock.today() == dt.date(2026, 11, 18)


def test_unfrozen_is_now():
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert before <= clock.utcnow() <= dt.datetime.now(dt.UTC).replace(tzinfo=None)


def test_stored_timestamps_come_from_the_clock(app, make_user):
    app.config["FROZEN_NOW"] = "2026-11-18T16:00:00+01:00"
    with app.app_context():
        user = make_user()
    assert user.created_at == dt.datetime(2026, 11, 18, 15, 0)
