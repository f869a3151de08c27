"""The logbook: weeks and hour entries. Approved weeks stay for the school's administration,
anonymised (no description, no comment, no person); everything else of the student goes."""

from app.models import ActivityCategory, HourEntry, Placement, Week
from app.models.logbook import WEEK_APPROVED
from app.models.users import COORDINATOR, TEACHER, TRAINER
from app.privacy.registry import (
    AFTER_DELETION,
    SELF,
    NoPersonalData,
    PersonalData,
    Retention,
    declare,
    older_than,
)
from app.services.records import save_versioned

# What an anonymised entry's create fingerprint becomes: it was a digest of the description.
ERASED_FINGERPRINT = "0" * 64

declare(NoPersonalData(ActivityCategory, "Reference data: the nine activity categories."))


def _student_placements(subject):
    return Placement.select(Placement.id).where(Placement.student == subject.id)


def _week_rows(subject):
    return (
        Week.select()
        .where(Week.placement.in_(_student_placements(subject)) | (Week.decided_by == subject.id))
        .order_by(Week.monday, Week.id)
    )


def _erase_weeks(ctx):
    for week in Week.select().where(Week.decided_by == ctx.subject.id):
        week.decided_by = None  # the decision stands; who made it is no longer kept
        save_versioned(week, week.version)
    if not ctx.placements:
        return
    mine = Week.placement.in_(ctx.placements)
    for week in Week.select().where(mine & (Week.status == WEEK_APPROVED)):
        if week.comment:
            week.comment = ""
        save_versioned(week, week.version)
    Week.delete().where(mine & (Week.status != WEEK_APPROVED)).execute()


declare(
    PersonalData(
        Week,
        kind="weeks",
        whose="the student; the comment is written by their praktijkopleider",
        fields=(
            "id",
            "placement",
            "monday",
            "status",
            "submitted_at",
            "decided_at",
            "decided_by",
            "comment",
        ),
        withheld={
            "created_at": "When the week was first used: technical.",
            "updated_at": "When it last changed: technical.",
        },
        seen_by=(SELF, TRAINER, TEACHER, COORDINATOR),
        rows=_week_rows,
        erase=_erase_weeks,
        follows="student_dossier",
    )
)


def _entry_rows(subject):
    return (
        HourEntry.select()
        .where(HourEntry.placement.in_(_student_placements(subject)))
        .order_by(HourEntry.date, HourEntry.start_time)
    )


def _erase_entries(ctx):
    if not ctx.placements:
        return
    approved = Week.select(Week.id).where(
        Week.placement.in_(ctx.placements) & (Week.status == WEEK_APPROVED)
    )
    kept = HourEntry.week.in_(approved) & HourEntry.deleted_at.is_null()
    for entry in HourEntry.select().where(HourEntry.placement.in_(ctx.placements) & kept):
        entry.description = ""
        entry.created_by = ctx.placeholder()
        entry.create_fingerprint = ERASED_FINGERPRINT
        save_versioned(entry, entry.version)
    HourEntry.delete().where(HourEntry.placement.in_(ctx.placements) & ~kept).execute()


declare(
    PersonalData(
        HourEntry,
        kind="hour_entries",
        whose="the student",
        fields=(
            "id",
            "placement",
            "week",
            "date",
            "start_time",
            "end_time",
            "minutes",
            "category",
            "description",
            "deleted_at",
            "created_at",
            "updated_at",
        ),
        withheld={"created_by": "Always the student the export is about."},
        seen_by=(SELF, TRAINER, TEACHER, COORDINATOR),
        rows=_entry_rows,
        erase=_erase_entries,
        follows="student_dossier",
        retention=(
            Retention(
                "entry_tombstones",
                days=400,
                after=AFTER_DELETION,
                reason="A deleted entry stays as a tombstone so that phones learn of the "
                "delete through the changes feed; a phone offline longer than a placement "
                "lasts (up to about a year) starts afresh at its next login anyway.",
                apply=older_than(HourEntry, HourEntry.deleted_at),
            ),
        ),
    )
)
