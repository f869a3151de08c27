"""Two views over a placement's evidence: the coverage grid (per werkproces, how much evidence
there is) and the timeline (everything by date). Both read each kind through its registered
visibility query, so the trainer and docent see exactly the shared part, and a kind registered
later (photos) takes part by being registered and named here."""

import datetime as dt

import peewee

from app import clock, synced
from app.models import HourEntry, Starrt, WerkprocesTag
from app.models.starrts import STARRT_RATED
from app.services import access, starrts, werkprocessen

# Kinds on the timeline, in the order a filter lists them.
TIMELINE_KINDS = ("entry", "photo", "starrt", "learning_moment", "note")
MAX_ITEMS = 2000


def _registered():
    return {k.name: k for k in synced.kinds()}


def _visible_ids(kind, actor, placement):
    model = kind.model
    return (
        kind.query(actor)
        .where((model.placement == placement.id) & model.deleted_at.is_null())
        .columns(model.id)
    )


# --- coverage --------------------------------------------------------------------------------


def coverage(actor, placement_id):
    """{"werkprocessen": [...], "photos_counted": bool, "starrts": progress}: per werkproces of
    the programme the entries (count, minutes), photos, STARRTs and rated STARRTs the actor
    may see. One query per kind, whatever the number of werkprocessen."""
    placement = access.get_placement(actor, placement_id)
    kinds = _registered()
    rows = {}
    for wp in werkprocessen.programme_werkprocessen(placement):
        rows[wp.id] = {
            "code": wp.code,
            "title": wp.title,
            "kerntaak": wp.kerntaak.code,
            "kerntaak_title": wp.kerntaak.title,
            "entries": 0,
            "minutes": 0,
            "photos": 0,
            "starrts": 0,
            "starrts_rated": 0,
            "moments": 0,
        }
    tag = WerkprocesTag
    entries = (
        tag.select(tag.werkproces, peewee.fn.COUNT(HourEntry.id), peewee.fn.SUM(HourEntry.minutes))
        .join(HourEntry, on=(tag.record_id == HourEntry.id))
        .where(
            (tag.kind == "entry")
            & tag.record_id.in_(_visible_ids(kinds["entry"], actor, placement))
        )
        .group_by(tag.werkproces)
        .tuples()
    )
    for wp_id, count, minutes in entries:
        if wp_id in rows:
            rows[wp_id].update(entries=count, minutes=int(minutes or 0))
    shared = (
        tag.select(tag.werkproces, Starrt.status, peewee.fn.COUNT(Starrt.id))
        .join(Starrt, on=(tag.record_id == Starrt.id))
        .where(
            (tag.kind == "starrt")
            & tag.record_id.in_(_visible_ids(kinds["starrt"], actor, placement))
        )
        .group_by(tag.werkproces, Starrt.status)
        .tuples()
    )
    for wp_id, status, count in shared:
        if wp_id in rows:
            rows[wp_id]["starrts"] += count
            if status == STARRT_RATED:
                rows[wp_id]["starrts_rated"] += count
    for name, field in (("photo", "photos"), ("learning_moment", "moments")):
        if name not in kinds:
            continue
        counted = (
            tag.select(tag.werkproces, peewee.fn.COUNT(tag.id))
            .where(
                (tag.kind == name) & tag.record_id.in_(_visible_ids(kinds[name], actor, placement))
            )
            .group_by(tag.werkproces)
            .tuples()
        )
        for wp_id, count in counted:
            if wp_id in rows:
                rows[wp_id][field] = count
    return {
        "werkprocessen": list(rows.values()),
        "photos_counted": "photo" in kinds,
        "starrts": starrts.progress(placement),
    }


# --- timeline --------------------------------------------------------------------------------


def _moment_of(record):
    """(local date, instant) a record sits at on the timeline."""
    for name in ("date", "taken_at"):  # an entry's or moment's day; a photo's moment
        value = getattr(record, name, None)
        if isinstance(value, dt.datetime):
            local = clock.to_local(value)
            return local.date(), value
        if isinstance(value, dt.date):
            return value, record.created_at
    instant = getattr(record, "submitted_at", None) or record.created_at
    return clock.to_local(instant).date(), instant


def timeline(actor, placement_id, kind=None, werkproces=None):
    """[{kind, id, date, data}] newest first: the placement's records of the timeline kinds the
    actor may see, optionally one kind and/or one werkproces (records tagged with it)."""
    placement = access.get_placement(actor, placement_id)
    registered = _registered()
    names = [k for k in TIMELINE_KINDS if k in registered and (kind is None or k == kind)]
    items = []
    for name in names:
        kind_ = registered[name]
        model = kind_.model
        query = kind_.query(actor).where(
            (model.placement == placement.id) & model.deleted_at.is_null()
        )
        if werkproces is not None:
            query = query.where(
                model.id.in_(werkprocessen.tagged_with(name, placement.id, werkproces))
            )
        records = list(query.limit(MAX_ITEMS))
        for record, data in zip(records, kind_.dump_many(records), strict=True):
            day, instant = _moment_of(record)
            items.append((day, instant, name, data))
    items.sort(key=lambda i: (i[0], i[1]), reverse=True)
    return {
        "kinds": [k for k in TIMELINE_KINDS if k in registered],
        "items": [
            {"kind": name, "id": data["id"], "date": day.isoformat(), "data": data}
            for day, _, name, data in items[:MAX_ITEMS]
        ],
    }
