"""The demo docent's class, shaped so the dashboard shows every colour for a different reason.

app/demo.py plans the whole school at random (from one seed); this module then re-plans four
of docent@example.nl's students (none of the demo trainer's, whose inbox stays as it is), in
the plan, before anything is inserted:

- the first at Codekade began 3 weeks ago and logged nothing: red, "nog niets geschreven";
- the second began 3 weeks ago, logs every day but never handed a week in: red, "nog niets
  gedeeld", and orange for the weeks not handed in;
- the first at Pixelpolder works Wednesday to Friday only: orange, "uren lopen 40% achter";
- the second at Pixelpolder is up to date: green.

The rest of the class keeps its random weeks: the demo trainer's students wait for him (red),
late weeks are orange, the others green. tests/api/test_dashboard.py checks the result.
"""

import datetime as dt

from app import clock
from app.models.logbook import WEEK_OPEN

TEACHER_EMAIL = "docent@example.nl"
CODEKADE, PIXELPOLDER = 1, 2  # indexes in app.demo.COMPANIES
NEW_STARTER_WEEKS = 3
PART_TIME_DAYS_OFF = (0, 1)  # Monday and Tuesday


def shape(plan):
    """Re-plan four students of the demo docent in `plan` (app.demo._Plan)."""
    mine = [p for p in plan.placements if p["teacher"] == TEACHER_EMAIL]
    codekade = [p for p in mine if p["company"] == CODEKADE]
    pixelpolder = [p for p in mine if p["company"] == PIXELPOLDER]
    silent, hidden = codekade[0], codekade[1]
    part_time, on_time = pixelpolder[0], pixelpolder[1]

    this_monday = clock.monday_of(plan.today)
    start = this_monday - dt.timedelta(weeks=NEW_STARTER_WEEKS)

    _forget(plan, silent)
    _restart(silent, start)

    _forget(plan, hidden)
    _restart(hidden, start)
    for i in range(NEW_STARTER_WEEKS + 1):
        monday = start + dt.timedelta(weeks=i)
        plan._plan_week(
            hidden["student"], hidden["trainer"], hidden["programme"], monday, WEEK_OPEN, None
        )

    for placement in (part_time, on_time):
        _forget(plan, placement, keep_placement=False)
        plan._plan_placement(
            placement["student"],
            placement["company"],
            placement["programme"],
            placement["trainer"],
            placement["teacher"],
            "up_to_date",
            demo=False,
        )
    plan.entries = [
        e
        for e in plan.entries
        if not (e["student"] == part_time["student"] and e["date"].weekday() in PART_TIME_DAYS_OFF)
    ]
    return {"new_starters": 2, "part_time": 1, "on_time": 1}


def _forget(plan, placement, keep_placement=True):
    email = placement["student"]
    plan.weeks = [w for w in plan.weeks if w["student"] != email]
    plan.entries = [e for e in plan.entries if e["student"] != email]
    if not keep_placement:
        plan.placements.remove(placement)


def _restart(placement, start):
    placement["start_date"] = start
    placement["end_date"] = start + dt.timedelta(weeks=20, days=-3)  # a Friday
