"""Werkprocessen: a programme's tree, and tags that tie a record of any kind to them.

One way for every kind (hour entries, photos, STARRTs, learning moments): the kind's service
calls `set_tags(kind, record, placement, codes)` inside its writing transaction, and its dump
schema derives from app.api.evidence_fields.TaggedSchema, which fills `werkprocessen` for a
whole list with `tags_for` in one query. A code must belong to the student's own programme;
anything else is a 422 naming the field `werkprocessen`.
"""

from collections import defaultdict

import peewee

from app.errors import RuleViolation
from app.models import Kerntaak, Programme, Werkproces, WerkprocesTag

FIELD = "werkprocessen"
MAX_TAGS = 20


def programme_werkprocessen(placement):
    """The werkprocessen of the placement's programme, in KD order (kerntaak, then position).
    One query: the crebo and the newest KD year are subqueries."""
    crebo = Programme.select(Programme.crebo).where(Programme.id == placement.programme_id)
    newer = Werkproces.alias()
    year = newer.select(peewee.fn.MAX(newer.kd_year)).where(newer.crebo.in_(crebo))
    return (
        Werkproces.select(Werkproces, Kerntaak)
        .join(Kerntaak)
        .where(Werkproces.crebo.in_(crebo) & (Werkproces.kd_year == year))
        .order_by(Kerntaak.position, Werkproces.position)
    )


def tree(placement):
    """[{code, title, werkprocessen: [{code, title}]}]: the kerntaken with their werkprocessen."""
    kerntaken = {}
    for wp in programme_werkprocessen(placement):
        k = wp.kerntaak
        entry = kerntaken.setdefault(k.id, {"code": k.code, "title": k.title, "werkprocessen": []})
        entry["werkprocessen"].append({"code": wp.code, "title": wp.title})
    return list(kerntaken.values())


def resolve(placement, codes):
    """[Werkproces] for the codes, in the order given; 422 on `werkprocessen` for any code that
    is not one of the placement's programme (another programme's, a typo, an old KD's)."""
    codes = list(dict.fromkeys(codes or ()))
    if not codes:
        return []
    if len(codes) > MAX_TAGS:
        raise RuleViolation("too_many_werkprocessen", field=FIELD, limit=MAX_TAGS)
    query = programme_werkprocessen(placement).where(Werkproces.code.in_(codes))
    found = {wp.code: wp for wp in query}
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise RuleViolation("unknown_werkproces", field=FIELD, codes=", ".join(unknown))
    return [found[code] for code in codes]


def set_tags(kind, record, placement, codes):
    """Make the record's tags exactly `codes` (None: leave them as they are). Call inside the
    record's writing transaction, so a refused code leaves the record unsaved as well."""
    if codes is None:
        return
    wanted = resolve(placement, codes)
    # What tags_for would read back, in KD order: the reply needs no query of its own.
    record.werkprocessen = [
        wp.code for wp in sorted(wanted, key=lambda wp: (wp.kerntaak.position, wp.position))
    ]
    WerkprocesTag.delete().where(
        (WerkprocesTag.kind == kind) & (WerkprocesTag.record_id == record.id)
    ).execute()
    if wanted:
        WerkprocesTag.insert_many(
            [
                {
                    "placement": placement.id,
                    "kind": kind,
                    "record_id": record.id,
                    "werkproces": wp.id,
                }
                for wp in wanted
            ]
        ).execute()


def tags_for(kind, ids):
    """{record id (str): [codes in KD order]} for records of one kind, in one query."""
    ids = list(ids)
    result = defaultdict(list)
    if not ids:
        return result
    rows = (
        WerkprocesTag.select(WerkprocesTag.record_id, Werkproces.code)
        .join(Werkproces)
        .join(Kerntaak)
        .where((WerkprocesTag.kind == kind) & WerkprocesTag.record_id.in_(ids))
        .order_by(Kerntaak.position, Werkproces.position)
        .tuples()
    )
    for record_id, code in rows:
        result[str(record_id)].append(code)
    return result


def tagged_with(kind, placement_id, code):
    """Ids of the kind's records of a placement tagged with `code` (the timeline's filter)."""
    return (
        WerkprocesTag.select(WerkprocesTag.record_id)
        .join(Werkproces)
        .where(
            (WerkprocesTag.kind == kind)
            & (WerkprocesTag.placement == placement_id)
            & (Werkproces.code == code)
        )
    )
