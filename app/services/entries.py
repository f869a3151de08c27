"""Hour entries: create (repeatable by client id), change, delete; always under the rules."""

import hashlib
import json

from app import clock
from app.db import lock_for_update
from app.errors import Conflict, NotFound, PreconditionFailed, RuleViolation
from app.extensions import db
from app.models import HourEntry, Placement
from app.models.base import utcnow
from app.models.logbook import EDITABLE_WEEK_STATUSES
from app.services import access, weeks
from app.services.entry_rules import Span, check_entry
from app.services.reference import categories_by_code

ENTRY_FIELDS = ("date", "start_time", "end_time", "category", "description")


def fingerprint(placement_id, data):
    """A stable digest of what a create asked for, to tell a replay from a different request."""
    canonical = {
        "placement": placement_id,
        "date": data["date"].isoformat(),
        "start_time": data["start_time"].strftime("%H:%M"),
        "end_time": data["end_time"].strftime("%H:%M"),
        "category": data["category"],
        "description": data.get("description", ""),
    }
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()


def visible_entries(actor):
    return HourEntry.select().where(
        HourEntry.placement.in_(access.visible_placements(actor).select(Placement.id))
    )


def get_entry(actor, entry_id, include_deleted=False):
    query = visible_entries(actor).where(HourEntry.id == entry_id)
    if not include_deleted:
        query = query.where(HourEntry.deleted_at.is_null())
    entry = query.first()
    if entry is None:
        raise NotFound()
    return entry


def list_entries(actor, placement_id, date_from=None, date_to=None):
    placement = access.get_placement(actor, placement_id)
    query = HourEntry.select().where(
        (HourEntry.placement == placement.id) & HourEntry.deleted_at.is_null()
    )
    if date_from:
        query = query.where(HourEntry.date >= date_from)
    if date_to:
        query = query.where(HourEntry.date <= date_to)
    return query.order_by(HourEntry.date, HourEntry.start_time)


def create_entry(actor, placement_id, data):
    """Returns (entry, created). Same id and same body again: the stored entry, created=False."""
    placement = access.get_placement(actor, placement_id)
    access.require_student_of(actor, placement)
    digest = fingerprint(placement.id, data)
    with db.atomic():
        owner = (
            HourEntry.select(HourEntry.created_by, HourEntry.create_fingerprint)
            .where(HourEntry.id == data["id"])
            .tuples()
            .first()
        )
        if owner is not None:
            if owner == (actor.id, digest):
                return HourEntry.get_by_id(data["id"]), False
            raise Conflict("id_conflict", field="id")
        category = _category(data["category"])
        week = weeks.week_for_update(placement, data["date"])
        _require_editable(week)
        minutes = _check(placement, category, data, exclude_id=None)
        entry = HourEntry(
            id=data["id"],
            placement=placement,
            week=week,
            date=data["date"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            minutes=minutes,
            category=category,
            description=data.get("description", ""),
            created_by=actor.id,
            create_fingerprint=digest,
        )
        entry.stamp()
        entry.save(force_insert=True)
    return entry, True


def update_entry(actor, entry_id, base_version, changes):
    with db.atomic():
        entry = get_entry(actor, entry_id)
        placement = entry.placement
        access.require_student_of(actor, placement)
        _require_version(entry, base_version)
        _require_editable(entry.week)
        merged = {field: getattr(entry, field) for field in ENTRY_FIELDS}
        merged["category"] = entry.category.code
        merged.update(changes)
        category = _category(merged["category"])
        week = entry.week
        if merged["date"] != entry.date:
            week = weeks.week_for_update(placement, merged["date"])
            _require_editable(week)
        minutes = _check(placement, category, merged, exclude_id=entry.id)
        entry.week = week
        entry.date = merged["date"]
        entry.start_time = merged["start_time"]
        entry.end_time = merged["end_time"]
        entry.category = category
        entry.description = merged["description"]
        entry.minutes = minutes
        _save_versioned(entry, base_version)
    return entry


def delete_entry(actor, entry_id, base_version):
    with db.atomic():
        entry = get_entry(actor, entry_id)
        access.require_student_of(actor, entry.placement)
        _require_version(entry, base_version)
        _require_editable(entry.week)
        entry.deleted_at = utcnow()
        _save_versioned(entry, base_version)
    return entry


def _category(code):
    category = categories_by_code().get(code)
    if category is None:
        raise RuleViolation("unknown_category", field="category")
    return category


def _require_editable(week):
    if week.status not in EDITABLE_WEEK_STATUSES:
        raise Conflict("week_locked", **weeks.status_words(week.status))


def _require_version(entry, base_version):
    if entry.version != base_version:
        raise PreconditionFailed(details={"current": entry_dict(entry)})


def _save_versioned(entry, base_version):
    """Conditional UPDATE on the version: a check-then-save alone would be a race."""
    entry.stamp()
    data = {
        HourEntry.week: entry.week_id,
        HourEntry.date: entry.date,
        HourEntry.start_time: entry.start_time,
        HourEntry.end_time: entry.end_time,
        HourEntry.category: entry.category_id,
        HourEntry.description: entry.description,
        HourEntry.minutes: entry.minutes,
        HourEntry.deleted_at: entry.deleted_at,
        HourEntry.change_seq: entry.change_seq,
        HourEntry.updated_at: entry.updated_at,
        HourEntry.version: base_version + 1,
    }
    updated = (
        HourEntry.update(data)
        .where((HourEntry.id == entry.id) & (HourEntry.version == base_version))
        .execute()
    )
    if updated != 1:
        fresh = HourEntry.get_by_id(entry.id)
        raise PreconditionFailed(details={"current": entry_dict(fresh)})
    entry.version = base_version + 1


def _check(placement, category, data, exclude_id):
    # Plain tuples, not model instances: this runs on every write, under the write lock.
    same_day = lock_for_update(
        HourEntry.select(
            HourEntry.id,
            HourEntry.start_time,
            HourEntry.end_time,
            HourEntry.category,
            HourEntry.minutes,
        ).where(
            (HourEntry.placement == placement.id)
            & (HourEntry.date == data["date"])
            & HourEntry.deleted_at.is_null()
        )
    ).tuples()
    categories = categories_by_code()
    code_of = {c.id: code for code, c in categories.items()}
    spans = [
        Span(start, end, code_of.get(category_id), minutes)
        for entry_id, start, end, category_id, minutes in same_day
        if exclude_id is None or entry_id != exclude_id
    ]
    return check_entry(
        placement,
        category,
        categories,
        data["date"],
        data["start_time"],
        data["end_time"],
        clock.today(),
        spans,
    )


def entry_dict(entry):
    """The plain shape of an entry (used where no schema runs, e.g. inside a 412 answer)."""
    return {
        "id": str(entry.id),
        "version": entry.version,
        "placement_id": entry.placement_id,
        "week": clock.iso_week_label(clock.monday_of(entry.date)),
        "date": entry.date.isoformat(),
        "start_time": entry.start_time.strftime("%H:%M"),
        "end_time": entry.end_time.strftime("%H:%M"),
        "minutes": entry.minutes,
        "category": entry.category.code,
        "description": entry.description,
        "deleted": entry.deleted_at is not None,
    }
