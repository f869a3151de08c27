"""Pieces every resource package shares: the acting user, paging over peewee queries, refs."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Page


def actor():
    return current_user._get_current_object()


class QueryPage(Page):
    """Pages a peewee query with LIMIT/OFFSET in the database, not by slicing in Python."""

    @property
    def items(self):
        params = self.page_params
        return list(self.collection.paginate(params.page, params.page_size))

    @property
    def item_count(self):
        return self.collection.count()


class StrictSchema(ma.Schema):
    """Unknown fields are an error: a typo must not be silently ignored."""

    class Meta:
        unknown = ma.RAISE


class RefSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    name = ma.fields.Str(dump_only=True)


class ProgrammeRefSchema(RefSchema):
    crebo = ma.fields.Str(dump_only=True)
