"""The dashboard's rules (app/services/needs.py), one table of cases per rule, on a frozen clock.

Each case starts from a student who needs nothing (placement 8 weeks in, hours on pace, weeks
handed in, nothing waiting) and changes only what the case is about; it names every reason
that must then appear, with its level and its Dutch text (and sometimes the English one).
"""

import datetime as dt

import pytest

from app import clock, create_app
from app.services import needs, needs_texts
from tests.conftest import test_config as config_for
from tests.services.needs_cases import (
    ANSWER_CASES,
    NOW,
    ORANGE,
    START_CASES,
    TODAY,
    TRAINER_CASES,
    ago,
    check,
    facts,
)


@pytest.fixture(scope="module")
def frozen(tmp_path_factory):
    """(today, now) from app/clock.py with FROZEN_NOW set: the rules' clock in every case."""
    app = create_app(config_for(tmp_path_factory.mktemp("needs") / "t.sqlite3", FROZEN_NOW=NOW))
    with app.app_context():
        yield clock.today(), clock.utcnow()


PACE = {
    "start_date": dt.date(2026, 11, 2),
    "end_date": dt.date(2026, 12, 11),
    "required_hours": 240,
    "weeks_handed_in": 2,
}
PACE_CASES = [
    (
        "20-percent-behind",
        {**PACE, "logged_minutes": 4608},  # 76.8 of 96 hours
        [("hours_behind", ORANGE, "uren lopen 20% achter (76 van 96 uur)")],
    ),
    ("14-percent-is-fine", {**PACE, "logged_minutes": 4954}, []),  # 82.6 hours
    (
        # A BBL student at school on Mondays: 9 of 24 working days passed, 90 hours needed.
        "school-day-left-out",
        {**PACE, "logged_minutes": 4608, "school_weekday": 0},
        [],
    ),
    (
        # Monday 9 November: 7 working days by yesterday, too early to call a lag.
        "too-early",
        {**PACE, "start_date": dt.date(2026, 11, 9), "logged_minutes": 0},
        [],
    ),
    (
        # Ended 2 weeks ago with 60 of 100 hours: measured at the end date.
        "ended-short",
        {
            **PACE,
            "start_date": dt.date(2026, 9, 7),
            "end_date": dt.date(2026, 11, 4),
            "required_hours": 100,
            "logged_minutes": 3600,
        },
        [("hours_behind", ORANGE, "uren lopen 40% achter (60 van 100 uur)")],
    ),
]

WEEK_CASES = [
    (
        # The week of 2 November ended on Sunday 8 November: 10 days ago.
        "open-week-10-days",
        {"unsubmitted_weeks": [(dt.date(2026, 11, 2), dt.date(2026, 11, 8))]},
        [("week_not_handed_in", ORANGE, "week 45 nog niet ingeleverd (10 dagen)")],
    ),
    (
        "last-week-is-fine",
        {"unsubmitted_weeks": [(dt.date(2026, 11, 9), dt.date(2026, 11, 15))]},
        [],
    ),
    (
        # Rejected on Monday 16 November: the student has had 2 days to fix it.
        "rejected-recently",
        {"unsubmitted_weeks": [(dt.date(2026, 10, 26), dt.date(2026, 11, 16))]},
        [],
    ),
    (
        "two-weeks-late",
        {
            "unsubmitted_weeks": [
                (dt.date(2026, 10, 26), dt.date(2026, 11, 1)),
                (dt.date(2026, 11, 2), dt.date(2026, 11, 8)),
            ]
        },
        [
            (
                "week_not_handed_in",
                ORANGE,
                "2 weken nog niet ingeleverd, de oudste week 44 (17 dagen)",
            )
        ],
    ),
]

STARRT_CASES = [
    ("no-evidence-kept-yet", {"starrts": None}, []),
    (
        "8-weeks-no-starrt",
        {"starrts": 0},
        [("no_starrt", ORANGE, "8 weken stage, nog geen STARRT ingeleverd")],
    ),
    ("one-starrt", {"starrts": 1}, []),
    ("3-weeks-is-early", {"starrts": 0, "start_date": TODAY - dt.timedelta(weeks=3)}, []),
]


def _params(cases):
    return [pytest.param(changes, expected, id=name) for name, changes, expected in cases]


@pytest.mark.parametrize(("changes", "expected"), _params(ANSWER_CASES))
def test_answers(frozen, changes, expected):
    check(frozen, changes, expected)


@pytest.mark.parametrize(("changes", "expected"), _params(START_CASES))
def test_start_and_sharing(frozen, changes, expected):
    check(frozen, changes, expected)


@pytest.mark.parametrize(("changes", "expected"), _params(TRAINER_CASES))
def test_trainer(frozen, changes, expected):
    check(frozen, changes, expected)


@pytest.mark.parametrize(("changes", "expected"), _params(PACE_CASES))
def test_pace(frozen, changes, expected):
    check(frozen, changes, expected)


@pytest.mark.parametrize(("changes", "expected"), _params(WEEK_CASES))
def test_weeks_not_handed_in(frozen, changes, expected):
    check(frozen, changes, expected)


@pytest.mark.parametrize(("changes", "expected"), _params(STARRT_CASES))
def test_starrt(frozen, changes, expected):
    check(frozen, changes, expected)


def test_every_rule_has_a_case_and_both_languages():
    cases = ANSWER_CASES + START_CASES + TRAINER_CASES + PACE_CASES + WEEK_CASES + STARRT_CASES
    seen = {code for _, _, expected in cases for code, _, _ in expected}
    assert seen == {code for code, _, _ in needs.RULES}
    for key, (nl, en) in needs_texts.TEXTS.items():
        assert type(nl) is type(en), key
        if isinstance(nl, dict):
            assert set(nl) == set(en), key


def test_english(frozen):
    f = facts(frozen, waiting_weeks=[(dt.date(2026, 11, 2), ago(9))], **PACE)
    f.logged_minutes = 4608
    texts = [needs_texts.text(r, "en") for r in needs.reasons(f)]
    assert texts == [
        "1 week waiting 9 days for the praktijkopleider",
        "hours 20% behind (76 of 96 hours)",
    ]


def test_level_and_order(frozen):
    """Red before orange before green; within a level the table's row, then the age."""
    students = {
        "green": facts(frozen),
        "orange-behind": facts(frozen, **PACE, logged_minutes=3000),
        "orange-answer": facts(frozen, unanswered=[("message", ago(1))]),
        "red-trainer-16": facts(frozen, waiting_weeks=[(dt.date(2026, 10, 26), ago(16))]),
        "red-trainer-9": facts(frozen, waiting_weeks=[(dt.date(2026, 11, 2), ago(9))]),
        "red-question": facts(frozen, unanswered=[("question", ago(4))]),
    }
    found_by = {name: needs.reasons(f) for name, f in students.items()}
    assert {name: needs.level_of(r) for name, r in found_by.items()} == {
        "green": "green",
        "orange-behind": "orange",
        "orange-answer": "orange",
        "red-trainer-16": "red",
        "red-trainer-9": "red",
        "red-question": "red",
    }
    order = sorted(students, key=lambda name: needs.sort_key(found_by[name], name))
    assert order == [
        "red-question",
        "red-trainer-16",
        "red-trainer-9",
        "orange-answer",
        "orange-behind",
        "green",
    ]
