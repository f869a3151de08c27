"""Placements: a student at a company under a POK, with who supervises them."""

from app.models import Company, Placement, User, Week
from app.models.logbook import WEEK_APPROVED
from app.models.users import COORDINATOR, TEACHER, TRAINER
from app.privacy.registry import (
    AFTER_PLACEMENT_END,
    SELF,
    PersonalData,
    Retention,
    declare,
)
from app.services import sync
from app.services.records import save_versioned


def viewers(placement):
    """Everyone whose phone may hold copies of a placement: its people and the coordinators."""
    coordinators = User.select(User.id).where(
        (User.role == COORDINATOR)
        & (
            User.institution
            == Company.select(Company.institution).where(Company.id == placement.company_id)
        )
    )
    found = [placement.praktijkopleider_id, placement.docent_id]
    return found + [user_id for (user_id,) in coordinators.tuples()]


def _rows(subject):
    return (
        Placement.select()
        .where(
            (Placement.student == subject.id)
            | (Placement.praktijkopleider == subject.id)
            | (Placement.docent == subject.id)
        )
        .order_by(Placement.start_date, Placement.id)
    )


def _prepare(ctx):
    # Phones that saw the student's placements drop every copy first; what the erasure keeps
    # (anonymised) is stamped afterwards and reaches the coordinators' phones again.
    for placement in Placement.select().where(Placement.id.in_(ctx.placements)):
        sync.revoke(viewers(placement), sync.PLACEMENT_SCOPE, placement.id)


def _erase(ctx):
    subject = ctx.subject.id
    for role in ("praktijkopleider", "docent"):
        column = getattr(Placement, role)
        for placement in Placement.select().where(column == subject):
            setattr(placement, role, None)
            save_versioned(placement, placement.version)
    if not ctx.placements:
        return
    approved = Week.select(Week.placement).where(
        Week.placement.in_(ctx.placements) & (Week.status == WEEK_APPROVED)
    )
    # Placements with approved hours stay for the school's administration: no student, no
    # supervisors, only the company, programme, dates and the approved weeks.
    for placement in Placement.select().where(Placement.id.in_(approved)):
        placement.student = ctx.placeholder()
        placement.praktijkopleider = None
        placement.docent = None
        save_versioned(placement, placement.version)
    Placement.delete().where(
        Placement.id.in_(ctx.placements) & Placement.id.not_in(approved)
    ).execute()


def _anonymised_placements_due(batch):
    stand_ins = User.select(User.id).where(User.anonymous == True)  # noqa: E712
    due = (
        Placement.select()
        .where(Placement.student.in_(stand_ins) & (Placement.end_date < batch.cutoff_date))
        .order_by(Placement.id)
        .limit(batch.size)
    )
    removed = 0
    for placement in due:
        sync.revoke(viewers(placement), sync.PLACEMENT_SCOPE, placement.id)
        removed += Placement.delete().where(Placement.id == placement.id).execute()
    return removed


declare(
    PersonalData(
        Placement,
        kind="placements",
        whose="the student; names of their praktijkopleider and bpv-docent",
        fields=(
            "id",
            "student",
            "company",
            "programme",
            "praktijkopleider",
            "docent",
            "start_date",
            "end_date",
            "required_hours",
            "pok_status",
            "school_weekday",
            "created_at",
            "updated_at",
        ),
        seen_by=(SELF, TRAINER, TEACHER, COORDINATOR),
        rows=_rows,
        prepare=_prepare,
        erase=_erase,
        follows="student_dossier",
        retention=(
            Retention(
                "anonymised_placements",
                days=7 * 365,
                after=AFTER_PLACEMENT_END,
                reason="What an erasure keeps of a placement with approved hours (company, "
                "programme, dates, approved hours; no person) stays seven years after the "
                "placement ended: the school's administrative retention for records that "
                "support its registration and funding of BPV.",
                apply=_anonymised_placements_due,
                batch=50,
            ),
        ),
    )
)
