"""Erasing one person: every declaration's erase handler, in one transaction; files after it.

Called by the coordinator's confirmed erasure request (app/services/privacy.py) and by the
retention job. What stays afterwards is what the declarations keep on purpose: an approved
week's hours, anonymised (no description, no comment, no person), under the institution's
stand-in for erased students. The audit log records that an erasure happened ("user:<id>"),
never what was erased.
"""

from app import clock
from app.db import lock_for_update, serialise
from app.extensions import db
from app.models import AuditEvent, Placement, User
from app.models.users import STUDENT
from app.privacy import registry
from app.storage import storage

# The stand-in's name, as coordinators see it on what is kept.
STAND_IN_NAME = "Verwijderde student"
# What an erased trainer or docent wrote in a student's conversation stays under this name.
STAFF_STAND_IN_NAME = "Verwijderd account"
# A password hash no password matches (argon2 refuses it): the stand-in can never log in.
NO_PASSWORD = "!"


class ErasureContext:
    """What erase handlers get: whom they erase, and the few things they may ask for."""

    def __init__(self, subject, now):
        self.subject = subject
        self.now = now
        # The placements where the subject is the student, read before anything changes.
        self.placements = [
            pid
            for (pid,) in Placement.select(Placement.id)
            .where(Placement.student == subject.id)
            .tuples()
        ]
        self.files = []
        self._stand_in = None

    def placeholder(self):
        """The id of the institution's stand-in for erased students (made on first use)."""
        if self._stand_in is None:
            self._stand_in = stand_in(self.subject.institution_id)
        return self._stand_in

    def staff_placeholder(self):
        """The stand-in for an erased trainer or docent, in their role: their answers in a
        student's conversation must not read as the student's own."""
        return stand_in(self.subject.institution_id, self.subject.role, STAFF_STAND_IN_NAME)

    def delete_files(self, keys):
        """Remove these storage keys once the erasure is committed."""
        self.files.extend(keys)


def stand_in(institution_id, role=STUDENT, name=STAND_IN_NAME):
    who = "students" if role == STUDENT else role
    email = f"erased-{who}-{institution_id}@stagewijs.invalid"
    User.insert(
        institution=institution_id,
        email=email,
        name=name,
        role=role,
        password_hash=NO_PASSWORD,
        active=False,
        anonymous=True,
    ).on_conflict_ignore().execute()
    return User.select(User.id).where(User.email == email).scalar()


def erase(user_id, actor=None, action="erasure"):
    """Erase one person inside the caller's transaction. False: nobody (left) to erase.

    Files go after the commit (peewee's after_commit): a rolled-back erasure keeps them.
    """
    if not db.in_transaction():
        raise RuntimeError("erase() runs inside the caller's transaction")
    serialise("privacy")  # one erasure (or retention batch) at a time
    subject = lock_for_update(User.select().where(User.id == user_id)).first()
    if subject is None or subject.anonymous:
        return False
    ctx = ErasureContext(subject, clock.utcnow())
    declarations = registry.personal()
    for declaration in declarations:
        if declaration.prepare is not None:
            declaration.prepare(ctx)
    for declaration in reversed(declarations):  # children before the rows they point to
        declaration.erase(ctx)
    AuditEvent.create(
        user=actor.id if actor is not None else None,
        institution=subject.institution_id,
        action=action,
        subject=f"user:{user_id}",
    )
    store, keys = storage(), list(ctx.files)
    db.after_commit(lambda: [store.delete(key) for key in keys])
    return True
