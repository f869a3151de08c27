"""The no-entry rule walks the active placements in keyset windows: each window is bounded
by placements (not by due rows), and the callers continue through windows without any due."""

import datetime as dt
import functools
import uuid

import pytest

from app.models import Delivery
from app.models.notifications import KIND_NO_ENTRY
from app.services import entries, reminders
from tests.conftest import module_app

shared_app, app = module_app("no_entry_windows")
WEDNESDAY = dt.date(2026, 11, 18)


@pytest.fixture
def school(app, make_placement, monkeypatch):
    """Eight placements by id: 0 and 1 logged Wednesday, 2 due, 3 ended, 4 and 5 logged,
    6 has its school day on Wednesday, 7 due."""
    monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-11-18T12:00:00+01:00")
    with app.app_context():
        made = [make_placement() for _ in range(8)]
        made[3].end_date = WEDNESDAY - dt.timedelta(days=1)
        made[3].save()
        made[6].school_weekday = WEDNESDAY.weekday()
        made[6].save()
        for n in (0, 1, 4, 5):
            _log(made[n])
    return made


def _log(placement):
    entries.create_entry(
        placement.student,
        placement.id,
        {
            "id": uuid.uuid4(),
            "date": WEDNESDAY,
            "start_time": dt.time(8, 30),
            "end_time": dt.time(12, 0),
            "category": 1,
            "description": "",
        },
    )


def test_a_window_holds_at_most_limit_placements_and_says_where_to_go_on(app, school):
    ids = [p.id for p in school]
    with app.app_context():
        windows, after = [], 0
        while after is not None:
            window = reminders.no_entry_due(WEDNESDAY, after_id=after, limit=2)
            windows.append(([p.id for p in window.due], window.next_after))
            after = window.next_after
    # Active placements by id: 0 1 | 2 4 | 5 6 | 7 (3 has ended and takes no place).
    assert windows == [
        ([], ids[1]),  # nobody due here, and still not the end
        ([ids[2]], ids[4]),
        ([], ids[6]),
        ([ids[7]], None),  # fewer than `limit` left: the last window
    ]


def test_a_window_that_ends_exactly_at_the_last_placement_is_followed_by_an_empty_one(app, school):
    with app.app_context():
        first = reminders.no_entry_due(WEDNESDAY, after_id=0, limit=7)
        rest = reminders.no_entry_due(WEDNESDAY, after_id=first.next_after, limit=7)
    assert [p.id for p in first.due] == [school[2].id, school[7].id]
    assert first.next_after == school[7].id
    assert rest == ([], None)


def test_no_window_on_a_day_off(app, school):
    with app.app_context():
        assert reminders.no_entry_due(dt.date(2026, 11, 21), after_id=0) == ([], None)


def test_the_rule_goes_through_every_window(app, school, monkeypatch):
    small = functools.partial(reminders.no_entry_due, limit=2)
    monkeypatch.setattr(reminders, "no_entry_due", small)
    monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-11-18T17:30:00+01:00")
    with app.app_context():
        assert reminders.no_entry_reminders() == 2
        reminded = {d.user_id for d in Delivery.select().where(Delivery.kind == KIND_NO_ENTRY)}
    assert reminded == {school[2].student_id, school[7].student_id}
