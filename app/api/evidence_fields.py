"""The marshmallow side of werkproces tags and evidence links, shared by every kind.

A kind takes part with a field in its create/update schemas (`werkprocessen =
WerkprocessenField()`, `evidence = EvidenceField()`) and by deriving its dump schema from
TaggedSchema / LinkedSchema with TAG_KIND / LINK_KIND set: they fill the list for a whole page
in one query, whether the schema dumps one record or many. Its registry line's `prepare` is
`attach(...)`, so the changes feed (which dumps record by record) asks once per page too.
"""

import marshmallow as ma

from app.services import evidence, werkprocessen

CODE = ma.validate.Regexp(r"^[BP]\d{1,2}-K\d{1,2}-W\d{1,2}$", error="Not a werkproces code.")


def WerkprocessenField(**kwargs):  # noqa: N802 - a field, spelled like one
    """Codes like "B1-K1-W2" of the student's own programme (the service checks which)."""
    return ma.fields.List(
        ma.fields.Str(validate=CODE, metadata={"example": "B1-K1-W2"}),
        validate=ma.validate.Length(max=werkprocessen.MAX_TAGS),
        **kwargs,
    )


class EvidenceRefSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    kind = ma.fields.Str(required=True, validate=ma.validate.Length(min=1, max=30))
    id = ma.fields.UUID(required=True)


def EvidenceField(**kwargs):  # noqa: N802
    """[{kind, id}]: records of the same placement this one shows (kind as in the feed)."""
    return ma.fields.List(
        ma.fields.Nested(EvidenceRefSchema),
        validate=ma.validate.Length(max=evidence.MAX_LINKS),
        **kwargs,
    )


def _items(data, many):
    return data if many else [data]


def _id_of(item):
    return str(item["id"] if isinstance(item, dict) else item.id)


def _has(item, name):
    return name in item if isinstance(item, dict) else hasattr(item, name)


def _put(item, name, value):
    if isinstance(item, dict):
        item[name] = value
    else:
        setattr(item, name, value)


def carry(record, data):
    """A schema that flattens its record to a dict first keeps what a kind's `prepare` attached
    (app/synced.py dumps a feed page one record at a time, after one bulk `prepare`)."""
    for name in ("werkprocessen", "evidence"):
        if hasattr(record, name) and name not in data:
            data[name] = getattr(record, name)
    return data


def attach(tag_kind=None, link_kind=None):
    """A kind's `prepare` (app/api/kinds.py): tags and/or links of a whole list, in one query
    each, so dumping records one by one (the changes feed) asks nothing more."""

    def prepare(records):
        # A record its service has just written carries what it was given (set_tags, a
        # new record's empty lists): only the others are read, and none at all for a create.
        untagged = [r.id for r in records if tag_kind and not hasattr(r, "werkprocessen")]
        unlinked = [r.id for r in records if link_kind and not hasattr(r, "evidence")]
        tags = werkprocessen.tags_for(tag_kind, untagged) if untagged else {}
        links = evidence.links_for(link_kind, unlinked) if unlinked else {}
        for record in records:
            if tag_kind and not hasattr(record, "werkprocessen"):
                record.werkprocessen = tags.get(str(record.id), [])
            if link_kind and not hasattr(record, "evidence"):
                record.evidence = links.get(str(record.id), [])

    return prepare


class TaggedSchema(ma.Schema):
    TAG_KIND = None
    werkprocessen = ma.fields.List(ma.fields.Str(), metadata={"example": ["B1-K1-W2"]})

    @ma.pre_dump(pass_collection=True)
    def _attach_werkprocessen(self, data, many, **kwargs):
        items = [i for i in _items(data, many) if not _has(i, "werkprocessen")]
        tags = werkprocessen.tags_for(self.TAG_KIND, [_id_of(i) for i in items])
        for item in items:
            _put(item, "werkprocessen", tags.get(_id_of(item), []))
        return data


class LinkedSchema(ma.Schema):
    LINK_KIND = None
    evidence = ma.fields.List(ma.fields.Nested(EvidenceRefSchema))

    @ma.pre_dump(pass_collection=True)
    def _attach_evidence(self, data, many, **kwargs):
        items = [i for i in _items(data, many) if not _has(i, "evidence")]
        links = evidence.links_for(self.LINK_KIND, [_id_of(i) for i in items])
        for item in items:
            _put(item, "evidence", links.get(_id_of(item), []))
        return data
