"""The week lifecycle: open -> submitted -> approved | rejected, and back by withdraw.

    open      --submit-->   submitted   (student; needs at least one entry)
    rejected  --submit-->   submitted   (student, after fixing)
    submitted --withdraw--> open        (student, only before a decision)
    submitted --approve-->  approved    (the placement's trainer; final)
    submitted --reject-->   rejected    (the placement's trainer; comment required)

Every other transition is refused with 409 and a message saying why.
"""

from peewee import JOIN, Case, fn

from app import clock
from app.db import lock_for_update, transaction
from app.errors import Conflict, NotFound, RuleViolation
from app.messages import WEEK_STATUS_WORDS
from app.models import ActivityCategory, AuditEvent, HourEntry, Placement, User, Week
from app.models.base import next_change_seq, utcnow
from app.models.logbook import (
    WEEK_APPROVED,
    WEEK_OPEN,
    WEEK_REJECTED,
    WEEK_SUBMITTED,
)
from app.models.prepared import P, Prepared
from app.services import access, reminders
from app.services.records import require_version, save_versioned

# (from states, to state, who)
TRANSITIONS = {
    "submit": ((WEEK_OPEN, WEEK_REJECTED), WEEK_SUBMITTED, "student"),
    "withdraw": ((WEEK_SUBMITTED,), WEEK_OPEN, "student"),
    "approve": ((WEEK_SUBMITTED,), WEEK_APPROVED, "trainer"),
    "reject": ((WEEK_SUBMITTED,), WEEK_REJECTED, "trainer"),
}


def status_words(status):
    nl, en = WEEK_STATUS_WORDS[status]
    return {"status_nl": nl, "status_en": en}


def parse_week(label):
    try:
        monday = clock.parse_iso_week(label)
        year, _, week = label.upper().partition("-W")
        # strptime accepts week 53 of a 52-week year and rolls it into the next year.
        if monday.isocalendar()[:2] != (int(year), int(week)):
            raise ValueError(label)
    except (ValueError, TypeError):
        raise RuleViolation("invalid_week", field="week") from None
    return monday


def week_for_update(placement, day):
    """The week holding `day`, created on first use, locked for the rest of the transaction."""
    monday = clock.monday_of(day)
    week = _WEEK_FOR_UPDATE.first(placement=placement.id, monday=monday)
    if week is None:
        Week.insert(
            placement=placement.id, monday=monday, change_seq=next_change_seq()
        ).on_conflict_ignore().execute()
        week = _WEEK_FOR_UPDATE.first(placement=placement.id, monday=monday)
    return week


# Every entry write runs it (app/models/prepared.py); the lock clause is decided per engine.
_WEEK_FOR_UPDATE = Prepared(
    lambda: lock_for_update(
        Week.select().where((Week.placement == P.placement) & (Week.monday == P.monday)).limit(1)
    )
)


def get_week(actor, placement_id, label):
    placement = access.get_placement(actor, placement_id)
    monday = parse_week(label)
    week = Week.get_or_none((Week.placement == placement.id) & (Week.monday == monday))
    if week is None:
        # A week nobody wrote in yet is simply open and empty.
        week = Week(placement=placement, monday=monday, status=WEEK_OPEN, version=0)
    return placement, week


def transition(actor, placement_id, label, action, comment=None, seen_version=None):
    allowed_from, target, who = TRANSITIONS[action]
    with transaction():
        placement = access.get_placement(actor, placement_id)
        if who == "student":
            access.require_student_of(actor, placement)
        else:
            access.require_trainer_of(actor, placement)
        monday = parse_week(label)
        week = lock_for_update(
            Week.select().where((Week.placement == placement.id) & (Week.monday == monday))
        ).first()
        if week is None:
            if action == "submit":
                raise RuleViolation("week_empty", field="week")
            raise Conflict("invalid_transition", **status_words(WEEK_OPEN))
        # The state comes first: "the student withdrew it" says more than "it changed".
        if week.status not in allowed_from:
            if who == "trainer" and week.status == WEEK_OPEN and week.submitted_at:
                raise Conflict("week_withdrawn")
            raise Conflict("invalid_transition", **status_words(week.status))
        if seen_version is not None:
            require_version(week, seen_version)
        if action == "submit" and not _has_entries(week):
            raise RuleViolation("week_empty", field="week")
        if action == "reject":
            comment = (comment or "").strip()
            if not comment:
                raise RuleViolation("comment_required", field="comment")
        _apply(week, action, target, actor, comment)
        if action == "reject":
            # The student hears at once (a Delivery row, committed with the decision).
            reminders.week_rejected(week, placement.student)
    return week


def _apply(week, action, target, actor, comment):
    week.status = target
    now = utcnow()
    if action == "submit":
        week.submitted_at = now
        week.decided_at = None
        week.decided_by = None
    elif action in ("approve", "reject"):
        week.decided_at = now
        week.decided_by = actor.id
        week.comment = comment or ""
    save_versioned(week, week.version)
    AuditEvent.create(user=actor.id, action=f"week_{action}", subject=f"week:{week.id}")


def _has_entries(week):
    return (
        HourEntry.select()
        .where((HourEntry.week == week.id) & HourEntry.deleted_at.is_null())
        .exists()
    )


def with_totals(query, *group_extra):
    """Add total_minutes, counted_minutes and entry_count to a query of weeks.

    `group_extra` names the primary keys of joined tables (PostgreSQL wants them grouped).
    """
    counted = fn.SUM(
        Case(None, [(ActivityCategory.counts_toward_hours == True, HourEntry.minutes)], 0)  # noqa: E712
    )
    return (
        query.select_extend(
            fn.COALESCE(fn.SUM(HourEntry.minutes), 0).alias("total_minutes"),
            fn.COALESCE(counted, 0).alias("counted_minutes"),
            fn.COUNT(HourEntry.id).alias("entry_count"),
        )
        .join(
            HourEntry,
            JOIN.LEFT_OUTER,
            on=((HourEntry.week == Week.id) & HourEntry.deleted_at.is_null()),
        )
        .join(ActivityCategory, JOIN.LEFT_OUTER, on=(HourEntry.category == ActivityCategory.id))
        .group_by(Week.id, *group_extra)
    )


def list_weeks(actor, placement_id):
    placement = access.get_placement(actor, placement_id)
    query = Week.select().where(Week.placement == placement.id)
    return with_totals(query).order_by(Week.monday.desc())


def inbox(actor):
    """Weeks awaiting this trainer's decision, oldest submission first.

    Walks from the trainer's placements (indexed) to their submitted weeks (indexed by
    placement, status, submitted_at), so the cost follows the trainer's students, not the
    size of the database.
    """
    if actor.role != "praktijkopleider":
        raise NotFound()
    placements = access.visible_placements(actor).select(Placement.id)
    query = (
        Week.select(Week, Placement, User)
        .join(Placement, on=(Week.placement == Placement.id))
        .join(User, on=(Placement.student == User.id))
        .switch(Week)
        .where((Week.placement.in_(placements)) & (Week.status == WEEK_SUBMITTED))
    )
    return with_totals(query, Placement.id, User.id).order_by(Week.submitted_at, Week.id)


def week_entries(week):
    if week.id is None:
        return []
    return (
        HourEntry.select(HourEntry, ActivityCategory)
        .join(ActivityCategory)
        .where((HourEntry.week == week.id) & HourEntry.deleted_at.is_null())
        .order_by(HourEntry.date, HourEntry.start_time)
    )


def week_totals(week):
    if week.id is None:
        return {"total_minutes": 0, "counted_minutes": 0, "entry_count": 0}
    row = with_totals(Week.select(Week.id).where(Week.id == week.id)).dicts().first()
    return {k: int(row[k] or 0) for k in ("total_minutes", "counted_minutes", "entry_count")}


def visible_weeks(actor):
    """Every week the actor may see (the changes feed reads this)."""
    return access.placement_records(Week, actor)


TOTALS = ("total_minutes", "counted_minutes", "entry_count")


def prepare(week_list):
    """What a week's one shape needs beyond its row: totals and who decided, two queries."""
    attach_totals(week_list)
    decider_ids = {w.decided_by_id for w in week_list if w.decided_by_id}
    if decider_ids:
        users = {u.id: u for u in User.select(User.id, User.name).where(User.id.in_(decider_ids))}
        for week in week_list:
            if week.decided_by_id in users:
                week.__rel__["decided_by"] = users[week.decided_by_id]


def attach_totals(week_list):
    """Set the totals on weeks that lack them, in one query for the whole list."""
    missing = [w for w in week_list if w.id is not None and not hasattr(w, "total_minutes")]
    if missing:
        query = with_totals(Week.select(Week.id).where(Week.id.in_([w.id for w in missing])))
        rows = {row["id"]: row for row in query.dicts()}
        for week in missing:
            row = rows.get(week.id, {})
            for key in TOTALS:
                setattr(week, key, int(row.get(key) or 0))
    for week in week_list:
        if week.id is None:
            for key in TOTALS:
                setattr(week, key, 0)
