"""The docent's dashboard: every student of theirs with what they need (app/services/needs.py).

Computed for the whole class at once, in a fixed number of queries whatever the class or the
school's size: one for the placements with their people, then one per source of facts
(`SOURCES`), each reading the rows of exactly these placements through indexed columns
(week by placement; entries by week). So 40 students cost the same queries as 4, and a school
of 20,000 the same as one of 1,000.
"""

import datetime as dt

from flask import current_app
from peewee import Value, fn

from app import clock
from app.errors import NotFound
from app.extensions import db
from app.models import GuidanceQuestion, Message, Note, Placement, Starrt, Week
from app.models.conversations import QUESTION_OPEN
from app.models.logbook import WEEK_OPEN, WEEK_REJECTED, WEEK_SUBMITTED
from app.models.notes import NOTE_ALL, NOTE_DOCENT
from app.models.starrts import STARRT_RATED, STARRT_SUBMITTED
from app.models.users import TEACHER
from app.services import guidance, needs, needs_texts, placements
from app.services.progress import BUCKETS, summarise
from app.services.weeks import with_totals

# A placement over for longer than this has left the dashboard: its student needs nothing of
# the docent any more (their page still opens, through the student endpoint).
SHOWN_AFTER_END = dt.timedelta(weeks=8)


def class_needs(actor, locale="nl"):
    """Every current student of this docent, ordered by need, with reasons, progress and pace."""
    _require_docent(actor)
    current = Placement.end_date >= clock.today() - SHOWN_AFTER_END
    return _evaluate(list(placements.visible_detailed(actor).where(current)), locale)


def student_needs(actor, placement_id, locale="nl"):
    """One student's row of the dashboard (their docent only: 404 for everyone else)."""
    _require_docent(actor)
    found = list(placements.visible_detailed(actor).where(Placement.id == placement_id))
    if not found:
        raise NotFound()
    return _evaluate(found, locale)["students"][0]


def _require_docent(actor):
    # The dashboard speaks of the School line and guidance questions: a docent's own, so a
    # coordinator, trainer or student has none (as a trainer's inbox is theirs alone).
    if actor.role != TEACHER:
        raise NotFound()


def _evaluate(rows, locale):
    today, now = clock.today(), clock.utcnow()
    facts = {
        p.id: needs.Facts(
            today=today,
            now=now,
            start_date=p.start_date,
            end_date=p.end_date,
            required_hours=p.required_hours,
            pok_status=p.pok_status,
            school_weekday=p.school_weekday,
        )
        for p in rows
    }
    minutes = {p.id: {"approved": 0, "pending": 0, "draft": 0} for p in rows}
    if rows:
        ids = [p.id for p in rows]
        for source in SOURCES:
            source(ids, facts, minutes)
    settings = needs.Settings(trainer_days=current_app.config.get("ESCALATION_AFTER_DAYS", 7))
    students = []
    for p in rows:
        f = facts[p.id]
        found = needs.reasons(f, settings)
        students.append(
            {
                "placement": p,
                "phase": _phase(f),
                "level": needs.level_of(found),
                "reasons": [_reason(r, locale) for r in found],
                "progress": summarise(p.required_hours, minutes[p.id]),
                "pace": needs.pace(f) if f.started else None,
                "weeks_waiting": len(f.waiting_weeks),
                "_key": needs.sort_key(found, p.student.name),
            }
        )
    students.sort(key=lambda s: s["_key"])
    counts = {level: 0 for level in needs.LEVELS}
    for s in students:
        counts[s["level"]] += 1
    return {"today": today, "counts": counts, "students": students}


def _phase(f):
    if not f.started:
        return "not_started"
    return "ended" if f.today > f.end_date else "running"


def _reason(reason, locale):
    return {
        "code": reason.code,
        "level": reason.level,
        "params": reason.params,
        "text": needs_texts.text(reason, locale),
    }


# --- sources of facts: each one query over the class's placements ----------------------------


def logbook_facts(ids, facts, minutes):
    """Weeks with their entry totals: progress, entries, handed-in and waiting weeks."""
    query = with_totals(
        Week.select(
            Week.placement,
            Week.status,
            Week.monday,
            Week.submitted_at,
            Week.decided_at,
        ).where(Week.placement.in_(ids))
    )
    # A class of 40 has a thousand weeks, nearly all approved: the driver's plain rows, with
    # dates parsed only for the few weeks whose dates a rule reads (peewee converting every
    # row took longer than the query itself).
    for pid, status, monday, submitted_at, decided_at, _, counted, count in db.execute(query):
        f = facts[pid]
        count, counted = int(count or 0), int(counted or 0)
        f.entry_count += count
        f.logged_minutes += counted
        minutes[pid][BUCKETS[status]] += counted
        if submitted_at is not None:
            f.weeks_handed_in += 1
        if status == WEEK_SUBMITTED:
            monday = Week.monday.python_value(monday)
            f.waiting_weeks.append((monday, Week.submitted_at.python_value(submitted_at)))
        elif count and status in (WEEK_OPEN, WEEK_REJECTED):
            monday = Week.monday.python_value(monday)
            since = monday + dt.timedelta(days=6)  # the week's Sunday
            if status == WEEK_REJECTED and decided_at is not None:
                decided = Week.decided_at.python_value(decided_at)
                since = max(since, clock.to_local(decided).date())
            f.unsubmitted_weeks.append((monday, since))


def conversation_facts(ids, facts, minutes):
    """What waits for the docent's answer, one row per waiting item (so only what waits is
    read): open guidance questions, and the student's School messages nobody answered yet
    (guidance.school_message_waits; a question's opening message is the question). And
    whether the student wrote anything on either line: that is sharing too."""
    for pid, created_at in (
        GuidanceQuestion.select(GuidanceQuestion.placement, GuidanceQuestion.created_at)
        .where(
            GuidanceQuestion.placement.in_(ids)
            & (GuidanceQuestion.status == QUESTION_OPEN)
            & GuidanceQuestion.deleted_at.is_null()
        )
        .tuples()
    ):
        facts[pid].unanswered.append(("question", created_at))
    waiting = Message.alias("waiting")
    for pid, created_at in (
        waiting.select(waiting.placement, waiting.created_at)
        .join(Placement, on=(waiting.placement == Placement.id))
        .where(waiting.placement.in_(ids) & guidance.school_message_waits(waiting))
        .tuples()
    ):
        facts[pid].unanswered.append(("message", created_at))
    for pid, count in (
        Message.select(Message.placement, fn.COUNT(Message.id))
        .join(Placement, on=(Message.placement == Placement.id))
        .where(
            Message.placement.in_(ids)
            & (Message.created_by == Placement.student)
            & Message.deleted_at.is_null()
        )
        .group_by(Message.placement)
        .tuples()
    ):
        facts[pid].shared_items += count


def evidence_facts(ids, facts, minutes):
    """What the student shared of their evidence, in one statement: handed-in STARRTs (a photo
    is shared only with one) and notes their docent may read. Drafts and notes kept to
    themself are never counted: they are the student's alone."""
    for f in facts.values():
        f.starrts = 0  # evidence is kept, so "no STARRT yet" is a fact, not an unknown
    starrts = (
        Starrt.select(Starrt.placement, Value("starrt"), fn.COUNT(Starrt.id))
        .where(
            Starrt.placement.in_(ids)
            & Starrt.status.in_((STARRT_SUBMITTED, STARRT_RATED))
            & Starrt.deleted_at.is_null()
        )
        .group_by(Starrt.placement)
    )
    notes = (
        Note.select(Note.placement, Value("note"), fn.COUNT(Note.id))
        .where(
            Note.placement.in_(ids)
            & Note.visibility.in_((NOTE_DOCENT, NOTE_ALL))
            & Note.deleted_at.is_null()
        )
        .group_by(Note.placement)
    )
    for pid, what, count in (starrts + notes).tuples():
        facts[pid].shared_items += count
        if what == "starrt":
            facts[pid].starrts += count


SOURCES = [logbook_facts, conversation_facts, evidence_facts]
