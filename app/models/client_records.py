"""The base of every synced row a phone creates (hour entries now; photos, notes, messages next)."""

import peewee

from app.models.base import SyncedModel
from app.models.users import User


class ClientRecord(SyncedModel):
    """The phone makes the UUID, so a create can be repeated safely after a lost answer.

    `create_fingerprint` is a digest of what the create asked for: a repeat with the same id
    must carry the same body (app/services/records.py, create_once). A deleted row stays as a
    tombstone, so phones learn of the delete through the changes feed.
    """

    id = peewee.UUIDField(primary_key=True)
    created_by = peewee.ForeignKeyField(User, on_delete="CASCADE", backref="+")
    create_fingerprint = peewee.CharField(max_length=64)
    deleted_at = peewee.DateTimeField(null=True)
