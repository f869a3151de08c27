"""The dashboard's rules (app/services/needs.py), one table of cases per rule, on a frozen clock.

Each case starts from a student who needs nothing (placement 8 weeks in, hours on pace, weeks
handed in, nothing waiting) and changes only what the case is about; it names every reason
that must then appear, with its level and its Dutch text (and sometimes the English one).
"""

import datetime as dt

import pytest

from app import clock, create_app
from app.models.placements import POK_AFGEDRUKT
from app.services import needs, needs_texts
from tests.conftest import test_config as config_for

NOW = "2026-11-18T10:00:00+01:00"  # a Wednesday
TODAY = dt.date(2026, 11, 18)


@pytest.fixture(scope="module")
def frozen(tmp_path_factory):
    app = create_app(config_for(tmp_path_factory.mktemp("needs") / "t.sqlite3", FROZEN_NOW=NOW))
    with app.app_context():
        yield clock.today(), clock.utcnow()


def ago(days, hours=0):
    """A stored instant (naive UTC) `days` before the frozen now."""
    moment = dt.datetime.fromisoformat(NOW) - dt.timedelta(days=days, hours=hours)
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def on_pace(f):
    where = needs.pace(f)
    f.logged_minutes = int(round(where["expected_hours"] * 60)) if where else 0
    return f


def facts(frozen, **changes):
    today, now = frozen
    base = {
        "today": today,
        "now": now,
        "start_date": TODAY - dt.timedelta(weeks=8),
        "end_date": TODAY + dt.timedelta(weeks=12),
        "required_hours": 800,
        "entry_count": 40,
        "weeks_handed_in": 7,
    }
    pace_given = "logged_minutes" in changes
    f = needs.Facts(**{**base, **changes})
    return f if pace_given else on_pace(f)


def found(f):
    return [(r.code, r.level, needs_texts.text(r)) for r in needs.reasons(f)]


def check(frozen, changes, expected):
    assert found(facts(frozen, **changes)) == expected


RED, ORANGE = needs.RED, needs.ORANGE

# (id, changes to the student who needs nothing, expected reasons)
ANSWER_CASES = [
    ("nothing-waiting", {}, []),
    (
        "question-9-days",
        {"unanswered": [("question", ago(9))]},
        [("question_overdue", RED, "vraag om begeleiding wacht 9 dagen op antwoord")],
    ),
    (
        # Monday 10:00 -> Wednesday: Tuesday and Wednesday passed, 2 working days: not yet red.
        "question-2-working-days",
        {"unanswered": [("question", ago(2))]},
        [("answer_waiting", ORANGE, "wacht 2 dagen op antwoord")],
    ),
    (
        # Friday -> Wednesday: Monday, Tuesday, Wednesday, 3 working days.
        "message-over-a-weekend",
        {"unanswered": [("message", ago(5))]},
        [("message_overdue", RED, "bericht op de lijn School wacht 5 dagen op antwoord")],
    ),
    (
        "message-this-morning",
        {"unanswered": [("message", ago(0, hours=1))]},
        [("answer_waiting", ORANGE, "wacht sinds vandaag op antwoord")],
    ),
    (
        "two-questions-counted",
        {"unanswered": [("question", ago(9)), ("question", ago(4))]},
        [
            (
                "question_overdue",
                RED,
                "2 vragen om begeleiding wachten op antwoord, de oudste 9 dagen",
            )
        ],
    ),
    (
        "one-old-one-new",
        {"unanswered": [("message", ago(6)), ("question", ago(1))]},
        [
            ("message_overdue", RED, "bericht op de lijn School wacht 6 dagen op antwoord"),
            ("answer_waiting", ORANGE, "wacht 1 dag op antwoord"),
        ],
    ),
    (
        # Wednesday 23 -> Monday 28 December: Thursday and Monday count; Christmas and the
        # weekend do not (2 working days: without the holiday it would be red).
        "holidays-do-not-count",
        {
            "today": dt.date(2026, 12, 28),
            "now": dt.datetime(2026, 12, 28, 9),
            "unanswered": [("message", dt.datetime(2026, 12, 23, 9))],
        },
        [("answer_waiting", ORANGE, "wacht 5 dagen op antwoord")],
    ),
]

START_CASES = [
    (
        # Not also "100% behind": that says nothing more.
        "3-weeks-nothing-logged",
        {
            "start_date": TODAY - dt.timedelta(weeks=3),
            "entry_count": 0,
            "weeks_handed_in": 0,
            "logged_minutes": 0,
        },
        [("nothing_logged", RED, "3 weken stage, nog niets geschreven")],
    ),
    (
        "3-weeks-nothing-shared",
        {"start_date": TODAY - dt.timedelta(weeks=3), "weeks_handed_in": 0},
        [("nothing_shared", RED, "3 weken stage, nog niets gedeeld")],
    ),
    (
        "a-message-is-shared",
        {"start_date": TODAY - dt.timedelta(weeks=3), "weeks_handed_in": 0, "shared_items": 1},
        [],
    ),
    (
        "2-weeks-nothing-logged",
        {"start_date": TODAY - dt.timedelta(weeks=2), "entry_count": 0, "weeks_handed_in": 0},
        [("slow_start", ORANGE, "2 weken stage, nog niets geschreven")],
    ),
    (
        "2-weeks-nothing-shared",
        {"start_date": TODAY - dt.timedelta(days=20), "weeks_handed_in": 0},
        [("slow_start", ORANGE, "2 weken stage, nog niets gedeeld")],
    ),
    (
        "13-days-is-early",
        {"start_date": TODAY - dt.timedelta(days=13), "entry_count": 0, "weeks_handed_in": 0},
        [],
    ),
    (
        "not-begun",
        {"start_date": TODAY + dt.timedelta(days=1), "entry_count": 0, "weeks_handed_in": 0},
        [],
    ),
    (
        "pok-not-signed",
        {"start_date": TODAY - dt.timedelta(days=6), "pok_status": POK_AFGEDRUKT},
        [("pok_unsigned", ORANGE, "stage is 6 dagen bezig, POK nog niet getekend")],
    ),
    (
        "pok-not-signed-today",
        {"start_date": TODAY, "pok_status": POK_AFGEDRUKT, "entry_count": 0},
        [("pok_unsigned", ORANGE, "stage is vandaag begonnen, POK nog niet getekend")],
    ),
]

TRAINER_CASES = [
    (
        "waiting-9-days",
        {"waiting_weeks": [(dt.date(2026, 11, 2), ago(9))]},
        [("trainer_overdue", RED, "1 week wacht 9 dagen op de praktijkopleider")],
    ),
    (
        "two-weeks-waiting",
        {
            "waiting_weeks": [
                (dt.date(2026, 10, 26), ago(16)),
                (dt.date(2026, 11, 2), ago(9)),
                (dt.date(2026, 11, 9), ago(5)),
            ]
        },
        [("trainer_overdue", RED, "2 weken wachten op de praktijkopleider, de oudste 16 dagen")],
    ),
    ("exactly-7-days", {"waiting_weeks": [(dt.date(2026, 11, 9), ago(7))]}, []),
    ("5-days", {"waiting_weeks": [(dt.date(2026, 11, 9), ago(5))]}, []),
]

# Start Monday 2 November, end Friday 11 December: 30 working days; by yesterday (Tuesday 17)
# 12 have passed, so 240 POK hours need 96 by now.
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
