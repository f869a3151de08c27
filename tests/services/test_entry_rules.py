"""The hour-entry rules as a table of cases: (what, entry, other entries that day, outcome)."""

import datetime as dt
from types import SimpleNamespace

import pytest

from app.errors import RuleViolation
from app.services.entry_rules import Span, check_entry

T = dt.time
TODAY = dt.date(2026, 11, 18)
PLACEMENT = SimpleNamespace(
    pok_status="definitief", start_date=dt.date(2026, 9, 1), end_date=dt.date(2027, 1, 31)
)
WORK = SimpleNamespace(
    code=1, name_nl="Stage werkzaamheden", daily_cap_minutes=540, overflow_code=2
)
OVERTIME = SimpleNamespace(
    code=2, name_nl="Overuren stage werkzaamheden", daily_cap_minutes=None, overflow_code=None
)
SICK = SimpleNamespace(code=7, name_nl="Ziek", daily_cap_minutes=None, overflow_code=None)
CATEGORIES = {1: WORK, 2: OVERTIME, 7: SICK}

CASES = [
    # (what, category, day, start, end, same_day, expected minutes or error code, field)
    ("ordinary morning", WORK, TODAY, T(8, 30), T(12, 0), [], 210, None),
    ("full day without a break is allowed", WORK, TODAY, T(8, 0), T(17, 0), [], 540, None),
    ("end equal to start", WORK, TODAY, T(9, 0), T(9, 0), [], "end_before_start", "end_time"),
    ("end before start", WORK, TODAY, T(17, 0), T(8, 0), [], "end_before_start", "end_time"),
    (
        "tomorrow",
        WORK,
        TODAY + dt.timedelta(days=1),
        T(8, 0),
        T(9, 0),
        [],
        "date_in_future",
        "date",
    ),
    (
        "before the POK starts",
        WORK,
        dt.date(2026, 8, 31),
        T(8, 0),
        T(9, 0),
        [],
        "outside_pok_period",
        "date",
    ),
    ("first POK day", WORK, dt.date(2026, 9, 1), T(8, 0), T(9, 0), [], 60, None),
    (
        "overlaps the start of another",
        WORK,
        TODAY,
        T(8, 0),
        T(9, 0),
        [Span(T(8, 30), T(12, 0), 1, 210)],
        "overlap",
        "start_time",
    ),
    (
        "inside another",
        WORK,
        TODAY,
        T(9, 0),
        T(10, 0),
        [Span(T(8, 30), T(12, 0), 1, 210)],
        "overlap",
        "start_time",
    ),
    (
        "touching ends do not overlap",
        WORK,
        TODAY,
        T(12, 0),
        T(13, 0),
        [Span(T(8, 30), T(12, 0), 1, 210)],
        60,
        None,
    ),
    (
        "overlap in another category is still an overlap",
        SICK,
        TODAY,
        T(11, 0),
        T(13, 0),
        [Span(T(8, 30), T(12, 0), 1, 210)],
        "overlap",
        "start_time",
    ),
    (
        "exactly 9 hours of work over two entries",
        WORK,
        TODAY,
        T(13, 0),
        T(18, 30),
        [Span(T(8, 0), T(11, 30), 1, 210)],
        330,
        None,
    ),
    (
        "a minute past 9 hours of work",
        WORK,
        TODAY,
        T(13, 0),
        T(18, 31),
        [Span(T(8, 0), T(11, 30), 1, 210)],
        "daily_cap_exceeded",
        "end_time",
    ),
    (
        "past 9 hours goes into overtime",
        OVERTIME,
        TODAY,
        T(17, 0),
        T(19, 0),
        [Span(T(8, 0), T(17, 0), 1, 540)],
        120,
        None,
    ),
    ("sick days have no cap", SICK, TODAY, T(0, 0), T(23, 59), [], 1439, None),
]


@pytest.mark.parametrize(
    ("category", "day", "start", "end", "same_day", "expected", "field"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_entry_rules(category, day, start, end, same_day, expected, field):
    if isinstance(expected, int):
        assert check_entry(PLACEMENT, category, CATEGORIES, day, start, end, TODAY, same_day) == (
            expected
        )
        return
    with pytest.raises(RuleViolation) as caught:
        check_entry(PLACEMENT, category, CATEGORIES, day, start, end, TODAY, same_day)
    assert caught.value.code == expected
    assert caught.value.field == field


def test_unsigned_pok_refuses_every_entry():
    unsigned = SimpleNamespace(**{**vars(PLACEMENT), "pok_status": "afgedrukt"})
    with pytest.raises(RuleViolation) as caught:
        check_entry(unsigned, WORK, CATEGORIES, TODAY, T(8, 0), T(9, 0), TODAY, [])
    assert caught.value.code == "pok_not_signed"


def test_cap_message_names_the_overflow_category():
    from app.messages import translate

    with pytest.raises(RuleViolation) as caught:
        check_entry(PLACEMENT, WORK, CATEGORIES, TODAY, T(7, 0), T(17, 0), TODAY, [])
    text = translate(caught.value.code, "nl", **caught.value.params)
    assert "9 uur" in text and "Overuren stage werkzaamheden" in text
