"""Requests about a person's data: copies made for them (exports) and requests to erase them."""

import peewee

from app.models.base import BaseModel, utcnow
from app.models.institutions import Institution
from app.models.users import User

EXPORT_QUEUED = "queued"
EXPORT_RUNNING = "running"
EXPORT_READY = "ready"
EXPORT_FAILED = "failed"
EXPORT_STATUSES = (EXPORT_QUEUED, EXPORT_RUNNING, EXPORT_READY, EXPORT_FAILED)

ERASURE_REQUESTED = "requested"
ERASURE_DONE = "done"
ERASURE_DECLINED = "declined"
ERASURE_STATUSES = (ERASURE_REQUESTED, ERASURE_DONE, ERASURE_DECLINED)


class ExportJob(BaseModel):
    """One copy of a person's data (a ZIP in the file storage), made for whoever asked.

    Small dossiers are made in the request; large ones wait (`queued`) for `flask run-exports`,
    which claims one at a time with a lease (`claimed_until`), so a worker that dies does not
    leave it stuck. The download link's token is stored only as its SHA-256, with its expiry;
    only the person who asked may use it.
    """

    institution = peewee.ForeignKeyField(Institution, on_delete="CASCADE", backref="+")
    subject = peewee.ForeignKeyField(User, on_delete="CASCADE", backref="+")
    requested_by = peewee.ForeignKeyField(User, on_delete="CASCADE", backref="+")
    audience = peewee.CharField(max_length=20)
    status = peewee.CharField(max_length=10, default=EXPORT_QUEUED)
    steps_total = peewee.IntegerField(default=0)
    steps_done = peewee.IntegerField(default=0)
    created_at = peewee.DateTimeField(default=utcnow, index=True)
    started_at = peewee.DateTimeField(null=True)
    finished_at = peewee.DateTimeField(null=True)
    expires_at = peewee.DateTimeField()
    claimed_until = peewee.DateTimeField(null=True)
    file_key = peewee.CharField(max_length=300, default="")
    file_size = peewee.BigIntegerField(default=0)
    error = peewee.CharField(max_length=40, default="")
    token_hash = peewee.CharField(max_length=64, null=True)
    token_expires_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("status", "id"), False),)


class ErasureRequest(BaseModel):
    """A request to erase a student's data: asked by the student (or for them by the
    coordinator), confirmed or declined by a coordinator of their institution. After the
    erasure the row stays without its subject, as the record that the request was handled."""

    institution = peewee.ForeignKeyField(Institution, on_delete="CASCADE", backref="+")
    subject = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    requested_by = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    requested_at = peewee.DateTimeField(default=utcnow)
    status = peewee.CharField(max_length=10, default=ERASURE_REQUESTED)
    decided_by = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    decided_at = peewee.DateTimeField(null=True)
    comment = peewee.TextField(default="")

    class Meta:
        indexes = ((("institution", "status"), False),)
