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


# -- conversations (#10) ---------------------------------------------------------------------
# The Stage line is the student's, their praktijkopleider's and their docent's; the School
# line the student's and the docent's only. Coordinators read neither.


def lines_for(role):
    from app.models.conversations import LINE_SCHOOL, LINE_STAGE

    if role in (STUDENT, TEACHER):
        return (LINE_STAGE, LINE_SCHOOL)
    if role == TRAINER:
        return (LINE_STAGE,)
    return ()


def visible_conversations(actor, model=None):
    """The rows of `model` (Conversation, or a kind with `placement` and `line` fields) on the
    lines the actor takes part in."""
    from app.models.conversations import Conversation

    model = model or Conversation
    lines = lines_for(actor.role)
    if not lines:
        return model.select().where(False)
    query = model.select().where(
        model.placement.in_(visible_placements(actor).select(Placement.id))
    )
    if len(lines) == 1:
        query = query.where(model.line == lines[0])
    return query


def get_line(actor, placement_id, line):
    """The placement of a conversation the actor takes part in; 404 otherwise (a trainer asking
    for the School line learns nothing, not even that it exists)."""
    if line not in lines_for(actor.role):
        raise NotFound()
    return get_placement(actor, placement_id)
