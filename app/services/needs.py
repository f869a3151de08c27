"""What a docent's students need from them: explicit rules, each giving a level and a reason.

A student's level is the worst level of their reasons: red (act now), orange (keep an eye on
it), green (nothing needed). Each reason carries its numbers, so the docent reads *why*; the
words are in app/services/needs_texts.py (Dutch B1 and English). The rules read plain facts
about one placement (`Facts`), gathered in bulk for a whole class by app/services/dashboard.py,
so they are pure functions that a table of cases can test (tests/services/test_needs.py).

The rules, in order (code, level: when, as of today by app/clock.py; "what it reads"):

 1. question_overdue, red: a guidance question waits for the docent's answer more than
    2 working days. "vraag om begeleiding wacht 9 dagen op antwoord"
 2. message_overdue, red: a School message of the student waits for an answer more than
    2 working days. "bericht op de lijn School wacht 9 dagen op antwoord"
 3. nothing_logged, red: 3 weeks or more in placement and no entry at all.
    "3 weken stage, nog niets geschreven"
 4. nothing_shared, red: 3 weeks or more, entries but nothing shared (no week handed in, no
    message, no shared evidence). "3 weken stage, nog niets gedeeld"
 5. trainer_overdue, red: a handed-in week waits for the praktijkopleider more than 7 days
    (ESCALATION_AFTER_DAYS, as the docent's reminder).
    "2 weken wachten op de praktijkopleider, de oudste 16 dagen"
 6. answer_waiting, orange: a question or School message waits, up to 2 working days.
    "wacht 1 dag op antwoord"
 7. pok_unsigned, orange: the placement has begun and its POK is not signed (the logbook
    stays closed until it is). "stage is 6 dagen bezig, POK nog niet getekend"
 8. slow_start, orange: 2 weeks in placement (not yet 3), nothing logged or nothing shared.
    "2 weken stage, nog niets gedeeld"
 9. hours_behind, orange: 10 working days or more in, entries logged, and the counting hours are 15%
    or more below the pace the POK needs (its hours spread evenly over the placement's
    working days, the student's school day left out, through yesterday).
    "uren lopen 20% achter (152 van 190 uur)"
10. week_not_handed_in, orange: a week with entries, open or rejected, ended (or was
    rejected) more than 7 days ago. "week 45 nog niet ingeleverd (9 dagen)"
11. no_starrt, orange: 4 weeks or more, evidence is kept (`starrts` known), and no STARRT
    handed in. "4 weken stage, nog geen STARRT ingeleverd"
 -  green: none of the above. "niets nodig"

Order on the dashboard: red, orange, green; within a level by the student's most urgent
reason: the rule's row in this table first (what the docent can act on at once comes first),
then its age (longest waiting, furthest behind) first, then the student's name.

"Weeks in placement" counts whole weeks from the start date to today (or the end date once
the placement is over); a placement that has not begun has no reasons. Only what the student
shared counts as shared: a draft STARRT or a note kept to themself never reaches these rules.
"""

import dataclasses
import datetime as dt
import functools

from app import calendar_nl, clock
from app.models.placements import POK_AFGEROND, POK_DEFINITIEF

RED, ORANGE, GREEN = "red", "orange", "green"
LEVELS = (RED, ORANGE, GREEN)

ANSWER_WORKING_DAYS = 2  # a question or School message may wait this long
NOTHING_WEEKS_RED = 3
NOTHING_WEEKS_ORANGE = 2
TRAINER_DAYS = 7  # the default of ESCALATION_AFTER_DAYS
PACE_MIN_WORKING_DAYS = 10  # before that, one sick day looks like a lag
PACE_BEHIND_PERCENT = 15
HAND_IN_DAYS = 7
STARRT_WEEKS = 4


@dataclasses.dataclass
class Facts:
    """What the rules know of one placement. Lists are filled by the dashboard's sources."""

    today: dt.date
    now: dt.datetime  # naive UTC, as stored
    start_date: dt.date
    end_date: dt.date
    required_hours: int
    pok_status: str = POK_DEFINITIEF
    school_weekday: int | None = None
    entry_count: int = 0
    logged_minutes: int = 0  # counting categories, every week state (refused entries never exist)
    weeks_handed_in: int = 0  # weeks handed in at least once
    # (monday, submitted_at) of weeks waiting for the trainer
    waiting_weeks: list = dataclasses.field(default_factory=list)
    # (monday, since date) of weeks with entries, open or rejected, not handed in again
    unsubmitted_weeks: list = dataclasses.field(default_factory=list)
    # ("question" | "message", since: naive UTC datetime) waiting for the docent's answer
    unanswered: list = dataclasses.field(default_factory=list)
    shared_items: int = 0  # messages and evidence the student shared (chat, evidence)
    starrts: int | None = None  # STARRTs handed in; None while no evidence is kept at all

    @property
    def started(self):
        return self.today >= self.start_date

    @property
    def as_of(self):
        """The last day the placement's own clock runs to."""
        return min(self.today, self.end_date)

    @property
    def weeks_in(self):
        return max(0, (self.as_of - self.start_date).days) // 7

    @property
    def days_in(self):
        return max(0, (self.as_of - self.start_date).days)


@dataclasses.dataclass(frozen=True)
class Reason:
    code: str
    level: str
    params: dict
    age: float = 0  # orders reasons of one rule: larger is more urgent


@dataclasses.dataclass(frozen=True)
class Settings:
    trainer_days: int = TRAINER_DAYS


@functools.lru_cache(maxsize=4096)
def working_days(first, last, school_weekday=None):
    """Working days from `first` to `last`, both included (weekends, holidays, school day out).

    Cached: a class shares a handful of start and end dates, and every request asks again."""
    count, day = 0, first
    while day <= last:
        count += calendar_nl.is_working_day(day, school_weekday)
        day += dt.timedelta(days=1)
    return count


def working_days_since(moment_date, today):
    """Working days that passed after `moment_date`, up to and including today."""
    if moment_date >= today:
        return 0
    return working_days(moment_date + dt.timedelta(days=1), today)


def pace(f):
    """Where the student's counting hours stand against the pace the POK needs, or None when
    too early to tell (or the placement has no working days)."""
    total = working_days(f.start_date, f.end_date, f.school_weekday)
    # Through yesterday: today's hours may still come.
    through = min(f.today - dt.timedelta(days=1), f.end_date)
    elapsed = 0
    if through >= f.start_date:
        elapsed = working_days(f.start_date, through, f.school_weekday)
    if not total or elapsed < PACE_MIN_WORKING_DAYS:
        return None
    expected = f.required_hours * elapsed / total
    logged = f.logged_minutes / 60
    behind = max(0.0, 100 * (expected - logged) / expected) if expected else 0.0
    return {
        "expected_hours": round(expected, 1),
        "logged_hours": round(logged, 1),
        "behind_percent": int(behind),
    }


# --- the rules, in the table's order ---------------------------------------------------------


def _unanswered(kind, overdue):
    def rule(f, settings):
        waits = [
            (since, working_days_since(clock.to_local(since).date(), f.today))
            for what, since in f.unanswered
            if what == kind or (kind is None)
        ]
        if overdue:
            waits = [(since, wd) for since, wd in waits if wd > ANSWER_WORKING_DAYS]
        else:
            waits = [(since, wd) for since, wd in waits if wd <= ANSWER_WORKING_DAYS]
        if not waits:
            return None
        oldest = min(since for since, _ in waits)
        days = (f.today - clock.to_local(oldest).date()).days
        return {"n": len(waits), "days": days}, days

    return rule


def _nothing(f, weeks_from, weeks_to):
    if not f.started or not (weeks_from <= f.weeks_in < weeks_to):
        return None
    if f.entry_count == 0:
        return {"weeks": f.weeks_in, "what": "logged"}, f.days_in
    if f.weeks_handed_in == 0 and f.shared_items == 0:
        return {"weeks": f.weeks_in, "what": "shared"}, f.days_in
    return None


def nothing_logged(f, settings):
    found = _nothing(f, NOTHING_WEEKS_RED, 10**6)
    return found if found and found[0]["what"] == "logged" else None


def nothing_shared(f, settings):
    found = _nothing(f, NOTHING_WEEKS_RED, 10**6)
    return found if found and found[0]["what"] == "shared" else None


def trainer_overdue(f, settings):
    cutoff = f.now - dt.timedelta(days=settings.trainer_days)
    late = [submitted for _, submitted in f.waiting_weeks if submitted and submitted < cutoff]
    if not late:
        return None
    days = (f.now - min(late)).days
    return {"n": len(late), "days": days}, days


def pok_unsigned(f, settings):
    if not f.started or f.pok_status in (POK_DEFINITIEF, POK_AFGEROND):
        return None
    return {"days": f.days_in}, f.days_in


def slow_start(f, settings):
    found = _nothing(f, NOTHING_WEEKS_ORANGE, NOTHING_WEEKS_RED)
    return found if found else None


def hours_behind(f, settings):
    # Nothing logged at all is said by nothing_logged / slow_start; "100% behind" adds nothing.
    if not f.started or f.entry_count == 0 or f.pok_status not in (POK_DEFINITIEF, POK_AFGEROND):
        return None
    where = pace(f)
    if where is None or where["behind_percent"] < PACE_BEHIND_PERCENT:
        return None
    params = {
        "percent": where["behind_percent"],
        "logged": int(where["logged_hours"]),
        "expected": int(round(where["expected_hours"])),
    }
    return params, where["behind_percent"]


def week_not_handed_in(f, settings):
    late = [
        (monday, (f.today - since).days)
        for monday, since in f.unsubmitted_weeks
        if (f.today - since).days > HAND_IN_DAYS
    ]
    if not late:
        return None
    monday, days = min(late)
    return {"n": len(late), "week": monday.isocalendar()[1], "days": days}, days


def no_starrt(f, settings):
    if f.starrts is None or f.starrts > 0 or not f.started or f.weeks_in < STARRT_WEEKS:
        return None
    return {"weeks": f.weeks_in}, f.days_in


# (code, level, rule): the table above, row by row. A rule answers (params, age) or None.
RULES = [
    ("question_overdue", RED, _unanswered("question", overdue=True)),
    ("message_overdue", RED, _unanswered("message", overdue=True)),
    ("nothing_logged", RED, nothing_logged),
    ("nothing_shared", RED, nothing_shared),
    ("trainer_overdue", RED, trainer_overdue),
    ("answer_waiting", ORANGE, _unanswered(None, overdue=False)),
    ("pok_unsigned", ORANGE, pok_unsigned),
    ("slow_start", ORANGE, slow_start),
    ("hours_behind", ORANGE, hours_behind),
    ("week_not_handed_in", ORANGE, week_not_handed_in),
    ("no_starrt", ORANGE, no_starrt),
]
RANK = {code: i for i, (code, _, _) in enumerate(RULES)}
LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}


def reasons(facts, settings=Settings()):
    """Every reason that applies, most urgent first."""
    found = []
    for code, level, rule in RULES:
        answer = rule(facts, settings)
        if answer is not None:
            params, age = answer
            found.append(Reason(code, level, params, age))
    return sorted(found, key=lambda r: (LEVEL_RANK[r.level], RANK[r.code], -r.age))


def level_of(found):
    return found[0].level if found else GREEN


def sort_key(found, name):
    """Red, orange, green; then the top reason's row and age; then the name."""
    if not found:
        return (LEVEL_RANK[GREEN], 0, 0, name.casefold())
    top = found[0]
    return (LEVEL_RANK[top.level], RANK[top.code], -top.age, name.casefold())
