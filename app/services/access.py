"""Who may see and do what. Every read, list and write goes through these functions.

What an actor may not see is reported as NotFound, never Forbidden, so ids of other people's
records reveal nothing. Forbidden is only for records the actor can see but may not change.
"""

from app.errors import Forbidden, NotFound
from app.models import Company, Placement
from app.models.prepared import P, Prepared
from app.models.users import COORDINATOR, STUDENT, TEACHER, TRAINER


def visible_placements(actor):
    """The placements an actor may see, as a query to filter further."""
    query = Placement.select()
    if actor.role == STUDENT:
        return query.where(Placement.student == actor.id)
    if actor.role == TRAINER:
        # Only where they are the trainer, and only while they work at that company.
        return query.where(
            (Placement.praktijkopleider == actor.id) & (Placement.company == actor.company_id)
        )
    if actor.role == TEACHER:
        return query.where(Placement.docent == actor.id)
    if actor.role == COORDINATOR:
        return query.join(Company, on=(Placement.company == Company.id)).where(
            Company.institution == actor.institution_id
        )
    return query.where(False)


def placement_records(model, actor):
    """The rows of `model` (any kind with a `placement` field) the actor may see: those of the
    placements they may see. Most record kinds are visible exactly so."""
    return model.select().where(model.placement.in_(visible_placements(actor).select(Placement.id)))


class _Placeholder:
    """An actor whose attributes are placeholders: visible_placements() compiles once per role."""

    def __init__(self, role):
        self.role = role
        self.id = P.actor
        self.company_id = P.company
        self.institution_id = P.institution


# Every write starts here: built once per role (app/models/prepared.py).
_VISIBLE_PLACEMENT = Prepared(
    lambda role: visible_placements(_Placeholder(role)).where(Placement.id == P.placement).limit(1)
)


def get_placement(actor, placement_id):
    placement = _VISIBLE_PLACEMENT.first(
        (actor.role,),
        actor=actor.id,
        company=actor.company_id,
        institution=actor.institution_id,
        placement=placement_id,
    )
    if placement is None:
        raise NotFound()
    return placement


def require_student_of(actor, placement):
    """Only the student writes their own logbook."""
    if actor.role != STUDENT or placement.student_id != actor.id:
        raise Forbidden()


def require_trainer_of(actor, placement):
    """Only the placement's own praktijkopleider decides on its weeks."""
    if (
        actor.role != TRAINER
        or placement.praktijkopleider_id != actor.id
        or placement.company_id != actor.company_id
    ):
        raise Forbidden()
