"""Hour entries: create (repeatable by client id), change, delete; always under the rules."""

from app import clock
from app.db import lock_for_update, transaction
from app.errors import Conflict, NotFound, RuleViolation
from app.models import HourEntry
from app.models.base import utcnow
from app.models.logbook import EDITABLE_WEEK_STATUSES
from app.models.prepared import P, Prepared
from app.services import access, weeks, werkprocessen
from app.services.entry_rules import Span, check_entry
from app.services.records import create_once, fingerprint, require_version, save_versioned
from app.services.reference import categories_by_code, category_code

ENTRY_FIELDS = ("date", "start_time", "end_time", "category", "description")


def create_fingerprint(placement_id, data):
    """What a create asked for, to tell a repeat from a different request under the same id.

    The canonical form is stored with every entry: changing it would make a phone's repeat of
    a create that was committed before an upgrade look like a different request.
    """
    return fingerprint(
        {
            "placement": placement_id,
            "date": data["date"].isoformat(),
            "start_time": data["start_time"].strftime("%H:%M"),
            "end_time": data["end_time"].strftime("%H:%M"),
            "category": data["category"],
            "description": data.get("description", ""),
            # Evidence (#9): only when given, so an older create repeated keeps its digest.
            **({"werkprocessen": data["werkprocessen"]} if data.get("werkprocessen") else {}),
        }
    )


def visible_entries(actor):
    """Every entry the actor may see, tombstones included (the changes feed needs them)."""
    return access.placement_records(HourEntry, actor)


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


def create_entry(actor, placement_id, data, digest=None, look_first=True, then=None):
    """Returns (entry, created). Same id and same body again: the stored entry, created=False.

    `digest` is create_fingerprint(placement_id, data) when the caller has worked it out
    already; `look_first` is create_once's; `then(entry, created)` runs inside the create's
    transaction, after it (app/api/fast_create.py stores the operation's answer there). The
    placement is read before the transaction, so a writer waiting for its turn waits less."""
    placement = access.get_placement(actor, placement_id)
    access.require_student_of(actor, placement)
    if digest is None:
        digest = create_fingerprint(placement.id, data)

    def build():
        category = _category(data["category"])
        week = weeks.week_for_update(placement, data["date"])
        _require_editable(week)
        return HourEntry(
            placement=placement,
            week=week,
            date=data["date"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            minutes=_check(placement, category, data, exclude_id=None),
            category=category,
            description=data.get("description", ""),
        )

    with transaction():
        entry, created = create_once(
            HourEntry, actor, data["id"], digest, build, look_first=look_first
        )
        if created:
            entry.werkprocessen = []  # a new entry has no tags but those it is given
            werkprocessen.set_tags("entry", entry, placement, data.get("werkprocessen"))
        if then is not None:
            then(entry, created)
        return entry, created


def update_entry(actor, entry_id, base_version, changes):
    with transaction():
        entry = get_entry(actor, entry_id)
        placement = entry.placement
        access.require_student_of(actor, placement)
        require_version(entry, base_version)
        _require_editable(entry.week)
        merged = {field: getattr(entry, field) for field in ENTRY_FIELDS}
        merged["category"] = category_code(entry.category_id)
        merged.update(changes)
        werkprocessen.set_tags("entry", entry, placement, changes.get("werkprocessen"))
        category = _category(merged["category"])
        if merged["date"] != entry.date:
            week = weeks.week_for_update(placement, merged["date"])
            _require_editable(week)
            entry.week = week
        entry.minutes = _check(placement, category, merged, exclude_id=entry.id)
        entry.category = category
        for field in ("date", "start_time", "end_time", "description"):
            setattr(entry, field, merged[field])
        return save_versioned(entry, base_version)


def delete_entry(actor, entry_id, base_version):
    with transaction():
        entry = get_entry(actor, entry_id)
        access.require_student_of(actor, entry.placement)
        require_version(entry, base_version)
        _require_editable(entry.week)
        entry.deleted_at = utcnow()
        return save_versioned(entry, base_version)


def _category(code):
    category = categories_by_code().get(code)
    if category is None:
        raise RuleViolation("unknown_category", field="category")
    return category


def _require_editable(week):
    if week.status not in EDITABLE_WEEK_STATUSES:
        raise Conflict("week_locked", **weeks.status_words(week.status))


def _check(placement, category, data, exclude_id):
    # A create has no entry of its own to leave out: its query reads no ids (a day holds up to
    # 35 entries in the bench, and each id became a UUID object only to be compared).
    changing = exclude_id is not None
    same_day = _SAME_DAY.rows((changing,), placement=placement.id, date=data["date"])
    categories = categories_by_code()
    code_of = {c.id: code for code, c in categories.items()}
    spans = [
        Span(start, end, code_of.get(category_id), minutes)
        for entry_id, start, end, category_id, minutes in (
            same_day if changing else ((None, *row) for row in same_day)
        )
        if not changing or entry_id != exclude_id
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


# Plain tuples, built once (app/models/prepared.py): this runs on every write, under the lock.
_SAME_DAY = Prepared(
    lambda with_ids: lock_for_update(
        HourEntry.select(
            *([HourEntry.id] if with_ids else []),
            HourEntry.start_time,
            HourEntry.end_time,
            HourEntry.category,
            HourEntry.minutes,
        ).where(
            (HourEntry.placement == P.placement)
            & (HourEntry.date == P.date)
            & HourEntry.deleted_at.is_null()
        )
    ).tuples()
)


def entry_dict(entry):
    """The one shape of an entry: GET, lists, the changes feed and the 412 `current` copy."""
    return {
        "id": str(entry.id),
        "version": entry.version,
        "placement_id": entry.placement_id,
        "week": clock.iso_week_label(clock.monday_of(entry.date)),
        "date": entry.date.isoformat(),
        "start_time": entry.start_time.strftime("%H:%M"),
        "end_time": entry.end_time.strftime("%H:%M"),
        "minutes": entry.minutes,
        "category": category_code(entry.category_id),
        "description": entry.description,
        "deleted": entry.deleted_at is not None,
    }
