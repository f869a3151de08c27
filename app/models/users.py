"""Accounts. One role each; trainers belong to a company."""

import peewee
from flask_login import UserMixin

from app.models.base import BaseModel, utcnow
from app.models.institutions import Company, Institution

STUDENT = "student"
TRAINER = "praktijkopleider"
TEACHER = "docent"
COORDINATOR = "coordinator"
ROLES = (STUDENT, TRAINER, TEACHER, COORDINATOR)


class User(UserMixin, BaseModel):
    institution = peewee.ForeignKeyField(Institution, backref="users", on_delete="CASCADE")
    email = peewee.CharField(max_length=254, unique=True)
    name = peewee.CharField(max_length=200)
    role = peewee.CharField(max_length=20, choices=[(r, r) for r in ROLES])
    company = peewee.ForeignKeyField(Company, null=True, backref="trainers", on_delete="SET NULL")
    password_hash = peewee.CharField(max_length=200)
    # Part of the login cookie's identity: bumping it ends every session of this user.
    session_version = peewee.IntegerField(default=1)
    active = peewee.BooleanField(default=True)
    locale = peewee.CharField(max_length=5, default="nl")
    # A work number for staff (trainer, docent), shown with the e-mail address to the students
    # of their placements so they can reach them; students leave it empty.
    phone = peewee.CharField(max_length=30, default="")
    created_at = peewee.DateTimeField(default=utcnow)
    # The institution's stand-in for erased students: the approved hours the school keeps for
    # its administration point here once their student is gone (app/privacy/erasure.py).
    anonymous = peewee.BooleanField(default=False)

    def save(self, *args, **kwargs):
        # Stored lower-case so logging in does not depend on how someone typed their address.
        self.email = self.email.strip().lower()
        return super().save(*args, **kwargs)

    def get_id(self):
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self):
        return self.active


class LoginFailure(BaseModel):
    """One failed login, by account and by address; counted before any password is hashed."""

    email = peewee.CharField(max_length=254, index=True)
    address = peewee.CharField(max_length=64, index=True)
    at = peewee.DateTimeField(default=utcnow, index=True)


class AuditEvent(BaseModel):
    """Who did what, when (UTC), to which record ("week:12", "user:7"); never the personal
    content itself. `user` is who acted (none: the system, or an erased person). `institution`
    is whose log it is (a coordinator reads their own): filled in from the user when not given.
    """

    at = peewee.DateTimeField(default=utcnow, index=True)
    user = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL")
    action = peewee.CharField(max_length=40)
    subject = peewee.CharField(max_length=80, default="")
    institution = peewee.ForeignKeyField(Institution, null=True, on_delete="CASCADE", index=False)

    class Meta:
        # A coordinator reads their institution's log, newest first.
        indexes = ((("institution", "at"), False),)

    def save(self, *args, **kwargs):
        if self.institution_id is None and self.user_id is not None:
            self.institution_id = (
                User.select(User.institution).where(User.id == self.user_id).scalar()
            )
        return super().save(*args, **kwargs)
