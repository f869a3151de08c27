"""The shared steps of a record kind the student writes (STARRTs, learning goals and moments,
notes): found only through the kind's visibility query, created once by the phone's id,
changed and deleted only by the student, from the version the phone saw.

A kind's service is its rules; these are the mechanism around them (app/services/records.py),
so no kind repeats it.
"""

from app.db import lock_for_update, transaction
from app.errors import NotFound
from app.models.base import utcnow
from app.services import access
from app.services.records import create_once, fingerprint, require_version, save_versioned


def get(visible, model, actor, record_id, include_deleted=False):
    """The record if `visible(actor)` holds it, else 404 (whether missing or not theirs)."""
    query = visible(actor).where(model.id == record_id)
    if not include_deleted:
        query = query.where(model.deleted_at.is_null())
    found = query.first()
    if found is None:
        raise NotFound()
    return found


def listed(visible, model, actor, placement_id):
    """The visible, undeleted records of one placement (404 for a placement not theirs)."""
    placement = access.get_placement(actor, placement_id)
    return visible(actor).where((model.placement == placement.id) & model.deleted_at.is_null())


def create(model, actor, placement_id, data, canonical, build, after=None):
    """(record, created). `canonical` is what the create asked for (JSON values) without the
    placement; `build(placement)` an unsaved record; `after(record, placement)` sets tags and
    links inside the same transaction."""
    placement = access.get_placement(actor, placement_id)
    access.require_student_of(actor, placement)
    digest = fingerprint({"placement": placement.id, **canonical})
    with transaction():
        record, created = create_once(model, actor, data["id"], digest, lambda: build(placement))
        if created and after is not None:
            after(record, placement)
        return record, created


def change(visible, model, actor, record_id, base_version, apply, check=None):
    """Change a record: `check(record)` may refuse (before the version, so "it is final" wins
    over "it changed"); `apply(record)` sets fields (and tags); saved from `base_version`."""
    with transaction():
        record = get(visible, model, actor, record_id)
        access.require_student_of(actor, record.placement)
        if check is not None:
            check(record)
        record = lock_for_update(model.select().where(model.id == record.id)).first()
        require_version(record, base_version)
        apply(record)
        return save_versioned(record, base_version)


def delete(visible, model, actor, record_id, base_version, check=None):
    """A tombstone, so phones that hold a copy learn of the delete through the feed."""

    def tombstone(record):
        record.deleted_at = utcnow()

    return change(visible, model, actor, record_id, base_version, tombstone, check)
