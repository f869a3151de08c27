"""Pieces every resource package shares: the acting user, paging over peewee queries, refs."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Page
from werkzeug.routing import IntegerConverter

# Ids, cursors and offsets are 64-bit in every database we use: a larger number names nothing.
MAX_DB_INT = 2**63 - 1


def actor():
    return current_user._get_current_object()


class QueryPage(Page):
    """Pages a peewee query with LIMIT/OFFSET in the database, not by slicing in Python."""

    @property
    def items(self):
        params = self.page_params
        if params.first_item >= params.item_count:
            # Past the end: empty, without asking the database for an offset it cannot hold.
            return []
        return list(self.collection.paginate(params.page, params.page_size))

    @property
    def item_count(self):
        return self.collection.count()


class StrictSchema(ma.Schema):
    """Unknown fields are an error: a typo must not be silently ignored."""

    class Meta:
        unknown = ma.RAISE

    @ma.pre_load
    def refuse_unencodable_text(self, data, **kwargs):
        """JSON can carry lone surrogates ("\\ud800") that no database or hash accepts, and NUL
        characters, which PostgreSQL refuses in text: neither is anything a person typed."""
        if isinstance(data, dict):
            bad = {key: ["Not valid text."] for key, value in data.items() if _unencodable(value)}
            if bad:
                raise ma.ValidationError(bad)
        return data


def _unencodable(value):
    if not isinstance(value, str):
        return False
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class IdConverter(IntegerConverter):
    """`<int:...>` in routes, bounded: a number too large for the database is a 404, not a 500."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_DB_INT)
        super().__init__(map, *args, **kwargs)


class RefSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    name = ma.fields.Str(dump_only=True)


class ProgrammeRefSchema(RefSchema):
    crebo = ma.fields.Str(dump_only=True)
