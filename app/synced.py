"""The registry of synced record kinds: what phones keep copies of, and in which one shape.

Each kind names its model, the query of the records an actor may see (tombstones included,
with the joins its schema needs), the marshmallow schema that is its one shape, and an
optional `prepare` that attaches computed fields (totals, progress) to a list of records in
one query. The changes feed, the 412 answer's `current` copy and the API's replies all dump
through here, so a phone sees a record the same way wherever it comes from.

The registrations live in app/api/kinds.py (they bring model, service and schema together);
each app keeps its own registry in app.extensions.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app


@dataclass(frozen=True)
class SyncedKind:
    name: str
    model: type
    query: Callable  # actor -> peewee select of the records the actor may see
    schema: object  # marshmallow Schema instance
    prepare: Callable | None = None  # [records] -> None: attach computed fields

    def dump_many(self, records):
        records = list(records)
        if self.prepare and records:
            self.prepare(records)
        return [self.schema.dump(record) for record in records]

    def dump(self, record):
        return self.dump_many([record])[0]

    def changed_since(self, actor, since, limit, placement_id=None):
        model = self.model
        query = self.query(actor).where(model.change_seq > since)
        if placement_id is not None:
            scope = model.id if model.__name__ == "Placement" else getattr(model, "placement", None)
            if scope is None:  # a kind outside placements has nothing of one placement
                return []
            query = query.where(scope == placement_id)
        return list(query.order_by(model.change_seq).limit(limit))


def _registry(app=None):
    app = app or current_app
    return app.extensions.setdefault("synced_kinds", {})


def register(app, kind):
    """Add a kind to an app (each app has its own registry: tests add kinds of their own)."""
    _registry(app)[kind.name] = kind
    return kind


def kinds():
    return list(_registry().values())


def get(name):
    return _registry()[name]


def kind_of(record):
    for kind in _registry().values():
        if isinstance(record, kind.model):
            return kind
    raise LookupError(f"{type(record).__name__} is not a synced kind")


def dump(record):
    """A record in its kind's one shape."""
    return kind_of(record).dump(record)
