"""Records that make replayed operations from phones safe."""

import peewee

from app.models.base import BaseModel, utcnow
from app.models.users import User


class IdempotencyRecord(BaseModel):
    """The answer to an operation, by the operation id the phone sent (scoped per user).

    Written in the same transaction as the change, so a replay after a lost response gets the
    original answer and the change is applied once.
    """

    # No index of its own: the unique (user, key) below serves lookups by user (0011).
    user = peewee.ForeignKeyField(User, on_delete="CASCADE", index=False)
    key = peewee.CharField(max_length=100)
    fingerprint = peewee.CharField(max_length=64)
    status_code = peewee.IntegerField()
    body = peewee.TextField()
    created_at = peewee.DateTimeField(default=utcnow, index=True)

    class Meta:
        indexes = ((("user", "key"), True),)


class Revocation(BaseModel):
    """A change in what a user may see, for their phone: lost sight of a record (or of a whole
    placement: drop the copies), or, with `granted`, gained a placement (fetch its history:
    its older records have change sequence numbers below the phone's cursor).

    Written by the service that changes the access, in the same transaction, with a change
    sequence number, so the changes feed reports it in order with everything else. `kind` is a
    synced kind's name; kind "placement" means the placement and every record under it.
    """

    user = peewee.ForeignKeyField(User, on_delete="CASCADE")
    kind = peewee.CharField(max_length=40)
    record_id = peewee.CharField(max_length=64)
    change_seq = peewee.BigIntegerField()
    granted = peewee.BooleanField(default=False)
    created_at = peewee.DateTimeField(default=utcnow, index=True)

    class Meta:
        indexes = ((("user", "change_seq"), False),)
