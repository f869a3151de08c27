"""The registry of synced record kinds: what phones keep copies of, and in which one shape.

Each kind names its model, the query of the records an actor may see (tombstones included,
with the joins its schema needs), the marshmallow schema that is its one shape, and an
optional `prepare` that attaches computed fields (totals, progress) to a list of records in
one query. The changes feed, the 412 answer's `current` copy and the API's replies all dump
through here, so a phone sees a record the same way wherever it comes from.

The registrations live in app/api/kinds.py (they bring model, service and schema together).
"""

from collections.abc import Callable
from dataclasses import dataclass


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

    def changed_since(self, actor, since, limit):
        model = self.model
        query = self.query(actor).where(model.change_seq > since)
        return list(query.order_by(model.change_seq).limit(limit))


_by_name = {}
_by_model = {}


def register(kind):
    """Add (or, when an app is built again, replace) a kind."""
    _by_name[kind.name] = kind
    _by_model[kind.model] = kind
    return kind


def kinds():
    return list(_by_name.values())


def get(name):
    return _by_name[name]


def kind_of(record):
    return _by_model[type(record)]


def dump(record):
    """A record in its kind's one shape."""
    return kind_of(record).dump(record)
