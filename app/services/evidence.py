"""Evidence links: one record (a STARRT; later a guidance question) shows other records (hour
entries, photos, ...) of the same placement, and shares them with whoever may read it.

One way for every kind: the linking kind's service calls `set_links(from_kind, record,
placement, targets)` inside its writing transaction, and its dump schema derives from
app.api.evidence_fields.LinkedSchema. A linking kind that shares what it links once it is
handed in registers the query of its shared rows with `shares_evidence`; a private kind (a
photo) then asks `shared_ids(kind, actor)` which of its records others may see, or uses
`own_or_shared(model, kind, actor)` as its whole visibility query.
"""

from collections import defaultdict

from app import synced
from app.errors import RuleViolation
from app.models import EvidenceLink
from app.models.base import next_change_seq
from app.models.client_records import ClientRecord
from app.models.users import STUDENT
from app.services import access

FIELD = "evidence"
MAX_LINKS = 30

# from_kind -> actor -> select of that kind's ids that are handed in and visible to the actor.
_SHARERS = {}


def shares_evidence(from_kind, shared_query):
    """Register a kind whose handed-in records share what they link (STARRT: submitted)."""
    _SHARERS[from_kind] = shared_query
    return shared_query


def linkable_kinds():
    """Kinds that can be evidence: registered kinds made by the phone and bound to a placement."""
    return {
        k.name: k
        for k in synced.kinds()
        if issubclass(k.model, ClientRecord) and hasattr(k.model, "placement")
    }


def _resolve(placement, targets, allowed):
    """[(kind, uuid)] for the targets; 422 on `evidence` for a kind that is not registered (or
    not one the linking kind takes) and for a record that is missing, deleted, or of another
    placement (which also covers another student's)."""
    targets = list(dict.fromkeys((t["kind"], t["id"]) for t in targets or ()))
    if len(targets) > MAX_LINKS:
        raise RuleViolation("too_much_evidence", field=FIELD, limit=MAX_LINKS)
    kinds = linkable_kinds()
    if allowed is not None:
        kinds = {name: k for name, k in kinds.items() if name in allowed}
    unknown = sorted({kind for kind, _ in targets if kind not in kinds})
    if unknown:
        raise RuleViolation("unknown_evidence_kind", field=FIELD, kinds=", ".join(unknown))
    by_kind = defaultdict(list)
    for kind, record_id in targets:
        by_kind[kind].append(record_id)
    for kind, ids in by_kind.items():
        model = kinds[kind].model
        found = (
            model.select(model.id)
            .where(
                model.id.in_(ids) & (model.placement == placement.id) & model.deleted_at.is_null()
            )
            .count()
        )
        if found != len(set(ids)):
            raise RuleViolation("evidence_not_found", field=FIELD)
    return targets


def set_links(from_kind, record, placement, targets, allowed=None):
    """Make the record's evidence exactly `targets` ([{kind, id}]; None: leave as it is), of
    the kinds in `allowed` that are registered (None: any linkable kind). Call inside the
    record's writing transaction."""
    if targets is None:
        return
    wanted = _resolve(placement, targets, allowed)
    EvidenceLink.delete().where(
        (EvidenceLink.from_kind == from_kind) & (EvidenceLink.from_id == record.id)
    ).execute()
    if wanted:
        EvidenceLink.insert_many(
            [
                {
                    "placement": placement.id,
                    "from_kind": from_kind,
                    "from_id": record.id,
                    "to_kind": kind,
                    "to_id": to_id,
                    "position": n,
                }
                for n, (kind, to_id) in enumerate(wanted)
            ]
        ).execute()


def links_for(from_kind, ids):
    """{record id (str): [{"kind", "id"}] in the order linked} for records of one kind."""
    ids = list(ids)
    result = defaultdict(list)
    if not ids:
        return result
    rows = (
        EvidenceLink.select(EvidenceLink.from_id, EvidenceLink.to_kind, EvidenceLink.to_id)
        .where((EvidenceLink.from_kind == from_kind) & EvidenceLink.from_id.in_(ids))
        .order_by(EvidenceLink.from_id, EvidenceLink.position)
        .tuples()
    )
    for from_id, kind, to_id in rows:
        result[str(from_id)].append({"kind": kind, "id": str(to_id)})
    return result


def linked_from(to_kind, to_ids, from_kind):
    """{target id (str): [from ids (str)]}: which records of `from_kind` show these targets."""
    result = defaultdict(list)
    rows = (
        EvidenceLink.select(EvidenceLink.to_id, EvidenceLink.from_id)
        .where(
            (EvidenceLink.to_kind == to_kind)
            & EvidenceLink.to_id.in_(list(to_ids))
            & (EvidenceLink.from_kind == from_kind)
        )
        .tuples()
    )
    for to_id, from_id in rows:
        result[str(to_id)].append(str(from_id))
    return result


def shared_ids(kind, actor):
    """A select of the ids of `kind` records linked to a handed-in record the actor may see
    (for photos: attached to a submitted STARRT of a placement the actor may see). Usable as
    `Model.id.in_(shared_ids("photo", actor))` in a visibility query."""
    query = EvidenceLink.select(EvidenceLink.to_id).where(EvidenceLink.to_kind == kind)
    condition = None
    for from_kind, shared_query in _SHARERS.items():
        part = (EvidenceLink.from_kind == from_kind) & EvidenceLink.from_id.in_(shared_query(actor))
        condition = part if condition is None else condition | part
    if condition is None:
        return query.where(False)
    return query.where(condition)


def own_or_shared(model, kind, actor):
    """The visibility of a private kind: the student sees their own; anyone else only what is
    linked to a handed-in record they may see. Tombstones included (the feed needs them)."""
    visible = access.placement_records(model, actor)
    if actor.role == STUDENT:  # a student's visible placements are their own
        return visible
    return visible.where(model.id.in_(shared_ids(kind, actor)))


def announce_targets(from_kind, record_id):
    """Put the records a handed-in record links into the changes feed again (a new change
    sequence, same version): whoever can now see them learns of them. Call inside the
    transaction that hands the record in."""
    kinds = linkable_kinds()
    rows = (
        EvidenceLink.select(EvidenceLink.to_kind, EvidenceLink.to_id)
        .where((EvidenceLink.from_kind == from_kind) & (EvidenceLink.from_id == record_id))
        .tuples()
    )
    for kind, to_id in rows:
        model = kinds.get(kind) and kinds[kind].model
        if model is not None:
            model.update(change_seq=next_change_seq()).where(model.id == to_id).execute()
