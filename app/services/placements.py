"""Reading placements, each with the people and progress a screen needs, without N+1 queries."""

from peewee import JOIN

from app.db import lock_for_update
from app.errors import NotFound
from app.extensions import db
from app.models import Company, Placement, Programme, User
from app.services import access, chat_notify, sync
from app.services.progress import progress_for
from app.services.records import save_versioned


class WithProgress:
    """A placement query that attaches `progress` to whatever page of it is read."""

    def __init__(self, query):
        self.query = query

    def count(self):
        return self.query.count()

    def paginate(self, page, page_size):
        return attach_progress(list(self.query.paginate(page, page_size)))

    def __iter__(self):
        return iter(attach_progress(list(self.query)))


def visible_detailed(actor):
    """The placements an actor may see, with the people and programme their shape names."""
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
    return WithProgress(visible_detailed(actor))


def get_with_progress(actor, placement_id):
    placement = visible_detailed(actor).where(Placement.id == placement_id).first()
    if placement is None:
        raise NotFound()
    return attach_progress([placement])[0]


def attach_progress(placements):
    progress = progress_for(placements)
    for placement in placements:
        placement.progress = progress[placement.id]
    return placements


UNCHANGED = object()


def reassign(placement_id, praktijkopleider=UNCHANGED, docent=UNCHANGED):
    """Give a placement another praktijkopleider and/or docent (user ids, or None for nobody).

    Whoever loses the placement loses it at once, and their phones learn it through the
    changes feed ("no longer visible") and drop their copies. The coordinator's desk calls
    this; so do the tests.
    """
    with db.atomic():
        placement = lock_for_update(Placement.select().where(Placement.id == placement_id)).first()
        if placement is None:
            raise NotFound()
        losing, gaining = [], []
        for field, new in (("praktijkopleider", praktijkopleider), ("docent", docent)):
            old = getattr(placement, f"{field}_id")
            if new is not UNCHANGED and new != old:
                losing.append(old)
                gaining.append(new)
                setattr(placement, field, new)
        if not losing:
            return placement
        save_versioned(placement, placement.version)
        sync.revoke(losing, sync.PLACEMENT_SCOPE, placement.id)
        # Their queued message notifications go unsent (the send checks access too).
        chat_notify.skip_pending(losing, placement.id)
        # The newcomer's phone has a cursor past this placement's history: it fetches it.
        sync.grant(gaining, placement.id)
    return placement
