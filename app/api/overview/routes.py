"""A placement's evidence at a glance: the coverage grid and the timeline."""

import marshmallow as ma
from flask.views import MethodView

from app.api.blueprint import Blueprint
from app.api.common import StrictSchema, actor
from app.api.evidence_fields import CODE
from app.api.starrts.schemas import StarrtProgressSchema
from app.services import overview

blp = Blueprint("overview", __name__, url_prefix="/api", description="Evidence overview")


class CoverageRowSchema(ma.Schema):
    code = ma.fields.Str(metadata={"example": "B1-K1-W2"})
    title = ma.fields.Str()
    kerntaak = ma.fields.Str()
    kerntaak_title = ma.fields.Str()
    entries = ma.fields.Int()
    minutes = ma.fields.Int()
    photos = ma.fields.Int()
    starrts = ma.fields.Int()
    starrts_rated = ma.fields.Int()
    moments = ma.fields.Int()


class CoverageSchema(ma.Schema):
    werkprocessen = ma.fields.List(ma.fields.Nested(CoverageRowSchema))
    photos_counted = ma.fields.Bool()
    starrts = ma.fields.Nested(StarrtProgressSchema)


class TimelineQuerySchema(StrictSchema):
    kind = ma.fields.Str(validate=ma.validate.OneOf(overview.TIMELINE_KINDS))
    werkproces = ma.fields.Str(validate=CODE)


class TimelineItemSchema(ma.Schema):
    kind = ma.fields.Str()
    id = ma.fields.Str()
    date = ma.fields.Str(metadata={"format": "date"})
    data = ma.fields.Dict(metadata={"description": "The record in its kind's one shape"})


class TimelineSchema(ma.Schema):
    kinds = ma.fields.List(ma.fields.Str())
    items = ma.fields.List(ma.fields.Nested(TimelineItemSchema))


@blp.route("/placements/<int:placement_id>/coverage")
class Coverage(MethodView):
    @blp.response(200, CoverageSchema)
    def get(self, placement_id):
        """Per werkproces of the programme: entries and hours, photos, STARRTs, rated STARRTs"""
        return overview.coverage(actor(), placement_id)


@blp.route("/placements/<int:placement_id>/timeline")
class Timeline(MethodView):
    @blp.arguments(TimelineQuerySchema, location="query")
    @blp.response(200, TimelineSchema)
    def get(self, query, placement_id):
        """The placement's entries, photos, STARRTs, moments and notes by date, newest first"""
        return overview.timeline(actor(), placement_id, query.get("kind"), query.get("werkproces"))
