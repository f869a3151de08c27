"""The one mechanism every synced record kind uses: create once by the phone's id, change only
from the version the phone saw, and answer a stale change with the server's copy.

A new kind calls these from its service; nothing here is written per kind.
"""

import hashlib
import json

from app.errors import Conflict, PreconditionFailed
from app.models.prepared import P, Prepared, insert_all_fields, insert_record


def fingerprint(canonical):
    """A stable digest of what a create asked for (a dict of plain JSON values)."""
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()


def create_once(model, actor, record_id, digest, build, look_first=True):
    """Insert the record `build()` returns, under the phone's id, unless that id exists.

    Returns (record, created). The same id with the same body by the same user is a repeat:
    the stored record comes back (created=False). Anything else under that id is 409
    id_conflict. Call inside the writing transaction; `build` runs the kind's rules and returns
    an unsaved instance.

    look_first=False skips the look for the id: an id that exists then fails the insert with
    peewee's IntegrityError (and `build` may refuse first, as the same entry overlaps itself).
    Only for a caller that answers that by rolling back and creating again with the look, as
    app/api/fast_create.py does (one indexed read fewer in the write turn of every create).
    """
    owner_query, insert = _prepared(model)
    owner = owner_query.first(id=record_id) if look_first else None
    if owner is not None:
        return _stored(model, actor, record_id, digest, owner)
    try:
        record = build()
    except _StoredMeanwhile:
        return _stored(model, actor, record_id, digest, owner_query.first(id=record_id))
    record.id = record_id
    record.created_by = actor.id
    record.create_fingerprint = digest
    record.stamp()
    insert_record(insert, record)
    return record, True


def _stored(model, actor, record_id, digest, owner):
    if owner == (actor.id, digest):
        return model.get_by_id(record_id), False
    raise Conflict("id_conflict", field="id")


class _StoredMeanwhile(Exception):
    """The id was taken after create_once looked: build() stops before writing anything."""


def still_new(model, record_id):
    """Call from a create's build() right after it took the lock that orders writers of such a
    record, before it writes. On PostgreSQL two identical sends both find no record at first;
    the second then waits for the lock (conversations.ensure) until the first commits. Looking
    again now (READ COMMITTED sees that commit) lets create_once answer the stored record
    instead of failing the insert, with nothing of the second send written (no message number
    used up). One indexed read, only for kinds that call it."""
    owner_query, _ = _prepared(model)
    if owner_query.first(id=record_id) is not None:
        raise _StoredMeanwhile()


_per_model = {}


def _prepared(model):
    """The two statements of every create, built once per kind."""
    if model not in _per_model:
        _per_model[model] = (
            Prepared(
                lambda: (
                    model.select(model.created_by, model.create_fingerprint)
                    .where(model.id == P.id)
                    .limit(1)
                    .tuples()
                )
            ),
            insert_all_fields(model),
        )
    return _per_model[model]


def require_version(record, base_version):
    """412 with the server's copy when the phone's change was based on another version."""
    if record.version != base_version:
        raise PreconditionFailed(current=record)


def save_versioned(record, base_version):
    """Write the fields changed on `record`, only if the row is still at `base_version`.

    A conditional UPDATE ... WHERE version = base: checking first and saving after would be a
    race between two writers. Bumps version and the change sequence; 412 with the server's
    copy when another change came first.
    """
    model = type(record)
    record.stamp()
    values = {field: record.__data__.get(field.name) for field in record.dirty_fields}
    values[model.version] = base_version + 1
    primary_key = model._meta.primary_key
    updated = (
        model.update(values)
        .where((primary_key == record._pk) & (model.version == base_version))
        .execute()
    )
    if updated != 1:
        raise PreconditionFailed(current=model.get_by_id(record._pk))
    record.version = base_version + 1
    record._dirty.clear()
    return record
