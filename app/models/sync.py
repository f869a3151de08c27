"""Records that make replayed operations from phones safe."""

import peewee

from app.models.base import BaseModel, utcnow
from app.models.users import User


class IdempotencyRecord(BaseModel):
    """The answer to an operation, by the operation id the phone sent (scoped per user).

    Written in the same transaction as the change, so a replay after a lost response gets the
    original answer and the change is applied once.
    """

    user = peewee.ForeignKeyField(User, on_delete="CASCADE")
    key = peewee.CharField(max_length=100)
    fingerprint = peewee.CharField(max_length=64)
    status_code = peewee.IntegerField()
    body = peewee.TextField()
    created_at = peewee.DateTimeField(default=utcnow, index=True)

    class Meta:
        indexes = ((("user", "key"), True),)
