"""Reading placements, each with the people and progress a screen needs, without N+1 queries."""

from peewee import JOIN

from app.errors import NotFound
from app.models import Company, Placement, Programme, User
from app.services import access
from app.services.progress import progress_for


class WithProgress:
    """A placement query that attaches `progress` to whatever page of it is read."""

    def __init__(self, query):
        self.query = query

    def count(self):
        return self.query.count()

    def paginate(self, page, page_size):
        return _attach(list(self.query.paginate(page, page_size)))

    def __iter__(self):
        return iter(_attach(list(self.query)))


def _detailed(actor):
    student = User.alias("student")
    trainer = User.alias("trainer")
    teacher = User.alias("teacher")
    visible = access.visible_placements(actor).select(Placement.id)
    return (
        Placement.select(Placement, student, Company, trainer, teacher, Programme)
        .join(student, on=(Placement.student == student.id))
        .switch(Placement)
        .join(Company, on=(Placement.company == Company.id))
        .switch(Placement)
        .join(trainer, JOIN.LEFT_OUTER, on=(Placement.praktijkopleider == trainer.id))
        .switch(Placement)
        .join(teacher, JOIN.LEFT_OUTER, on=(Placement.docent == teacher.id))
        .switch(Placement)
        .join(Programme, on=(Placement.programme == Programme.id))
        .where(Placement.id.in_(visible))
        .order_by(student.name, Placement.id)
    )


def visible_with_progress(actor):
    return WithProgress(_detailed(actor))


def get_with_progress(actor, placement_id):
    placement = _detailed(actor).where(Placement.id == placement_id).first()
    if placement is None:
        raise NotFound()
    return _attach([placement])[0]


def _attach(placements):
    progress = progress_for(placements)
    for placement in placements:
        placement.progress = progress[placement.id]
    return placements
