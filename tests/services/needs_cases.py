"""The needs rules' table of cases, part one (answers, the start, the trainer), and what every
case shares: a frozen clock and a student who needs nothing, changed only by what the case is
about. tests/services/test_needs.py runs them, with the rest of the cases."""

import datetime as dt

from app.models.placements import POK_AFGEDRUKT
from app.services import needs, needs_texts

NOW = "2026-11-18T10:00:00+01:00"  # a Wednesday
TODAY = dt.date(2026, 11, 18)


def ago(days, hours=0):
    """A stored instant (naive UTC) `days` before the frozen now."""
    moment = dt.datetime.fromisoformat(NOW) - dt.timedelta(days=days, hours=hours)
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def on_pace(f):
    where = needs.pace(f)
    f.logged_minutes = int(round(where["expected_hours"] * 60)) if where else 0
    return f


def facts(frozen, **changes):
    """The student who needs nothing as of `frozen` (today, now), with `changes`."""
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
