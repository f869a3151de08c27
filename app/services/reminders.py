"""Who is reminded of what, and when: the rules the scheduler's jobs apply.

Each rule selects who is due at the current moment (app/clock.py) and records one Delivery per
user and period through notifications.enqueue(), which makes running a rule twice, or in two
scheduler processes at once, harmless. Sending is the delivery pass's work.

    no_entry        a working day of an active placement ends with nothing logged (student)
    submit_week     the week's last working day: the week is not handed in yet (student)
    trainer_digest  Monday: one message with every week waiting (praktijkopleider)
    escalation      a week waiting longer than ESCALATION_AFTER_DAYS (docent)
    week_rejected   at once, from the week's reject transition (student)

A working day is Monday to Friday, not a Dutch public holiday, not the student's school day,
and a day with any entry (sick and leave included) needs no reminder.
"""

import datetime as dt
import hashlib
import secrets
from typing import NamedTuple

from flask import current_app
from peewee import JOIN, fn

from app import calendar_nl, clock
from app.extensions import db
from app.models import ApprovalToken, HourEntry, Placement, User, Week
from app.models.logbook import WEEK_OPEN, WEEK_REJECTED, WEEK_SUBMITTED
from app.models.notifications import (
    KIND_DIGEST,
    KIND_ESCALATION,
    KIND_NO_ENTRY,
    KIND_SUBMIT_WEEK,
    KIND_WEEK_REJECTED,
)
from app.models.placements import POK_DEFINITIEF
from app.services import notifications
from app.services import reminder_texts as texts

DAY = 24 * 3600


def _week_number(monday):
    return monday.isocalendar()[1]


def _active_on(day):
    return (
        (Placement.start_date <= day)
        & (Placement.end_date >= day)
        & (Placement.pok_status == POK_DEFINITIEF)
    )


def _seconds_until_next_noon():
    """Still useful the next morning (log yesterday's hours), so quiet hours can defer it."""
    local = clock.local_now()
    noon = (local + dt.timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)
    return max(60, int((noon - local).total_seconds()))


def last_working_day_of_week(day):
    """The last Monday-to-Friday day of `day`'s week that is not a public holiday, or None."""
    monday = clock.monday_of(day)
    days = [monday + dt.timedelta(days=n) for n in range(5)]
    working = [d for d in days if calendar_nl.is_working_day(d)]
    return working[-1] if working else None


BATCH = 1000


class Window(NamedTuple):
    """One keyset window of the no-entry rule: the placements due in it, and the id to
    continue after (None when this window was the last)."""

    due: list
    next_after: int | None


def no_entry_due(day, after_id=0, limit=BATCH):
    """The no-entry rule over one window: the next `limit` active placements by id after
    `after_id`, and those among them (with their student) due the reminder on `day`.

    A window is bounded by placements, not by due rows: on a day when nearly everybody logged,
    "the next 1,000 due" would scan every active placement of the school to find a few, so one
    batch would cost O(students). Two queries per window: where it ends (a primary-key walk of
    at most `limit` active rows), then the due ones inside it.
    """
    if not calendar_nl.is_working_day(day):
        return Window([], None)
    ends = list(
        Placement.select(Placement.id)
        .where((Placement.id > after_id) & _active_on(day))
        .order_by(Placement.id)
        .limit(1)
        .offset(limit - 1)
        .tuples()
    )
    last = ends[0][0] if ends else None  # None: fewer than `limit` left, this is the last
    inside = Placement.id > after_id
    if last is not None:
        inside &= Placement.id <= last
    logged = HourEntry.select(HourEntry.id).where(
        (HourEntry.placement == Placement.id)
        & (HourEntry.date == day)
        & HourEntry.deleted_at.is_null()
    )
    due = list(
        Placement.select(Placement.id, User)
        .join(User, on=(Placement.student == User.id))
        .where(
            inside
            & _active_on(day)
            & User.active
            & (Placement.school_weekday.is_null() | (Placement.school_weekday != day.weekday()))
            & ~fn.EXISTS(logged)
        )
        .order_by(Placement.id)
    )
    return Window(due, last)


def no_entry_reminders():
    day = clock.today()
    ttl = _seconds_until_next_noon()
    count, after = 0, 0
    while after is not None:
        window = no_entry_due(day, after_id=after)
        for placement in window.due:
            student = placement.student
            count += notifications.enqueue(
                student,
                KIND_NO_ENTRY,
                day.isoformat(),
                texts.text(student, "no_entry.title"),
                texts.text(student, "no_entry.body", day=texts.day_words(student, day)),
                f"/entry?date={day.isoformat()}",
                ttl,
            )
        after = window.next_after
    return count


def submit_week_reminders():
    """On the week's last working day (Friday, or earlier when Friday is a public holiday):
    students whose week is not handed in (open, rejected, or not started)."""
    today = clock.today()
    if last_working_day_of_week(today) != today:
        return 0
    monday = clock.monday_of(today)
    label = clock.iso_week_label(monday)
    week = Week.alias("w")
    rows = (
        Placement.select(Placement.id, User)
        .join(User, on=(Placement.student == User.id))
        .switch(Placement)
        .join(
            week, JOIN.LEFT_OUTER, on=((week.placement == Placement.id) & (week.monday == monday))
        )
        .where(
            (Placement.start_date <= today)
            & (Placement.end_date >= monday)
            & (Placement.pok_status == POK_DEFINITIEF)
            & User.active
            & (week.id.is_null() | week.status.in_([WEEK_OPEN, WEEK_REJECTED]))
        )
    )
    count = 0
    for placement in rows:
        student = placement.student
        count += notifications.enqueue(
            student,
            KIND_SUBMIT_WEEK,
            label,
            texts.text(student, "submit_week.title"),
            texts.text(student, "submit_week.body", week=_week_number(monday)),
            f"/week?w={label}",
            3 * DAY,
        )
    return count


def waiting_weeks_by_trainer():
    """{trainer: [(week, student name)]} for every week waiting for a decision, one query."""
    student = User.alias("student")
    trainer = User.alias("trainer")
    rows = (
        Week.select(Week, Placement, student.name, trainer)
        .join(Placement, on=(Week.placement == Placement.id))
        .join(student, on=(Placement.student == student.id))
        .switch(Placement)
        .join(trainer, on=(Placement.praktijkopleider == trainer.id))
        .where(
            (Week.status == WEEK_SUBMITTED)
            & (Placement.company == trainer.company)
            & trainer.active
        )
        .order_by(Week.submitted_at, Week.id)
    )
    grouped = {}
    for week in rows:
        user = week.placement.praktijkopleider
        grouped.setdefault(user.id, (user, []))[1].append((week, week.placement.student.name))
    return grouped


def approval_link(trainer, week):
    """A one-tap approval link for one week version; only its hash is kept."""
    token = secrets.token_urlsafe(32)
    ApprovalToken.create(
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        week=week.id,
        week_version=week.version,
        trainer=trainer.id,
        expires_at=clock.utcnow() + dt.timedelta(days=current_app.config["APPROVAL_LINK_DAYS"]),
    )
    return f"/beslis/{token}"


def _names(waiting):
    names = sorted({name for _, name in waiting})
    return ", ".join(names[:3]) + (f" (+{len(names) - 3})" if len(names) > 3 else "")


def trainer_digests():
    """Monday: one message per praktijkopleider with every week waiting.

    The recorded message holds names and a count only: it is also the push payload, and a
    one-tap link is a bearer token. The email's links are made when the email is sent
    (digest_email), so no token is ever stored other than as its hash.
    """
    label = clock.iso_week_label(clock.monday_of(clock.today()))
    count = 0
    for trainer, waiting in waiting_weeks_by_trainer().values():
        n = len(waiting)
        title = texts.text(trainer, "digest.title.one" if n == 1 else "digest.title.other", n=n)
        first = waiting[0][0]
        # One waiting week opens that week in the app, more open the inbox.
        navigate = (
            f"/trainer/week?p={first.placement_id}&w={clock.iso_week_label(first.monday)}"
            if n == 1
            else "/trainer"
        )
        body = texts.text(trainer, "digest.body", names=_names(waiting))
        count += notifications.enqueue(trainer, KIND_DIGEST, label, title, body, navigate, 3 * DAY)
    return count


def digest_email(trainer):
    """The digest as an email, with a one-tap link per week waiting now (made now)."""
    waiting = waiting_weeks_by_trainer().get(trainer.id, (trainer, []))[1]
    if not waiting:
        return None
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    lines = [texts.text(trainer, "digest.body", names=_names(waiting)), ""]
    with db.atomic():
        for week, name in waiting:
            lines.append(
                f"- {name}, week {_week_number(week.monday)}: {base}{approval_link(trainer, week)}"
            )
    return "\n".join(lines)


def escalations():
    """Weeks waiting longer than ESCALATION_AFTER_DAYS: their docent hears of each once, on a
    working day."""
    if not calendar_nl.is_working_day(clock.today()):
        return 0
    days = current_app.config["ESCALATION_AFTER_DAYS"]
    cutoff = clock.utcnow() - dt.timedelta(days=days)
    student = User.alias("student")
    docent = User.alias("docent")
    rows = (
        Week.select(Week, Placement, student.name, docent)
        .join(Placement, on=(Week.placement == Placement.id))
        .join(student, on=(Placement.student == student.id))
        .switch(Placement)
        .join(docent, on=(Placement.docent == docent.id))
        .where((Week.status == WEEK_SUBMITTED) & (Week.submitted_at < cutoff) & docent.active)
    )
    count = 0
    for week in rows:
        teacher = week.placement.docent
        waited = (clock.utcnow() - week.submitted_at).days
        params = {
            "week": _week_number(week.monday),
            "student": week.placement.student.name,
            "days": waited,
        }
        count += notifications.enqueue(
            teacher,
            KIND_ESCALATION,
            f"week:{week.id}:{week.submitted_at:%Y%m%d%H%M%S}",
            texts.text(teacher, "escalation.title", **params),
            texts.text(teacher, "escalation.body", **params),
            f"/docent?p={week.placement_id}",
            3 * DAY,
        )
    return count


def week_rejected(week, student):
    """At once (the reject transition calls this inside its transaction)."""
    number = _week_number(week.monday)
    label = clock.iso_week_label(week.monday)
    return notifications.enqueue(
        student,
        KIND_WEEK_REJECTED,
        f"week:{week.id}:v{week.version}",
        texts.text(student, "rejected.title", week=number),
        texts.text(student, "rejected.body"),
        f"/week?w={label}",
        7 * DAY,
        urgency="high",
    )
