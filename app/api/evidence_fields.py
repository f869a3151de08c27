"""The marshmallow side of werkproces tags and evidence links, shared by every kind.

A kind takes part with a field in its create/update schemas (`werkprocessen =
WerkprocessenField()`, `evidence = EvidenceField()`) and by deriving its dump schema from
TaggedSchema / LinkedSchema with TAG_KIND / LINK_KIND set: they fill the list for a whole page
in one query, whether the schema dumps one record or many.
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


def _put(item, name, value):
    if isinstance(item, dict):
        item.setdefault(name, value)
    else:
        setattr(item, name, value)


class TaggedSchema(ma.Schema):
    TAG_KIND = None
    werkprocessen = ma.fields.List(ma.fields.Str(), metadata={"example": ["B1-K1-W2"]})

    @ma.pre_dump(pass_collection=True)
    def _attach_werkprocessen(self, data, many, **kwargs):
        items = _items(data, many)
        tags = werkprocessen.tags_for(self.TAG_KIND, [_id_of(i) for i in items])
        for item in items:
            _put(item, "werkprocessen", tags.get(_id_of(item), []))
        return data


class LinkedSchema(ma.Schema):
    LINK_KIND = None
    evidence = ma.fields.List(ma.fields.Nested(EvidenceRefSchema))

    @ma.pre_dump(pass_collection=True)
    def _attach_evidence(self, data, many, **kwargs):
        items = _items(data, many)
        links = evidence.links_for(self.LINK_KIND, [_id_of(i) for i in items])
        for item in items:
            _put(item, "evidence", links.get(_id_of(item), []))
        return data
