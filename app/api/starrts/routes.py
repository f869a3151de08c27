"""STARRT reflections: drafts, handing in, the praktijkopleider's rating."""

from flask import Response
from flask.views import MethodView

from app.api.blueprint import Blueprint
from app.api.common import QueryPage, actor
from app.api.idempotency import PARAMETER as IDEMPOTENCY_KEY
from app.api.idempotency import idempotent
from app.api.versioning import if_match_parameter, if_match_version, record_response
from app.services import access, starrts

from .schemas import (
    RateSchema,
    StarrtCreateSchema,
    StarrtProgressSchema,
    StarrtSchema,
    StarrtUpdateSchema,
)

blp = Blueprint("starrts", __name__, url_prefix="/api", description="STARRT reflections")
CHANGE = [if_match_parameter(required=True), IDEMPOTENCY_KEY]


@blp.route("/placements/<int:placement_id>/starrts")
class PlacementStarrts(MethodView):
    @blp.response(200, StarrtSchema(many=True))
    @blp.paginate(QueryPage, page_size=100, max_page_size=500)
    def get(self, placement_id):
        """STARRTs of a placement: the student's all, the trainer's and docent's handed-in ones"""
        return starrts.list_starrts(actor(), placement_id)

    @blp.arguments(StarrtCreateSchema)
    @blp.response(201, StarrtSchema)
    @blp.alt_response(200, schema=StarrtSchema, description="Replay: this id exists, same body")
    @blp.alt_response(422, description="A field is invalid (werkprocessen, evidence, ...)")
    @idempotent
    def post(self, data, placement_id):
        """Start a STARRT (a draft). The id is made by the phone"""
        starrt, created = starrts.create_starrt(actor(), placement_id, data)
        return record_response(starrt, 201 if created else 200)


@blp.route("/placements/<int:placement_id>/starrts/progress")
class PlacementStarrtProgress(MethodView):
    @blp.response(200, StarrtProgressSchema)
    def get(self, placement_id):
        """How many STARRTs are rated V or G, against the programme's minimum"""
        return starrts.progress(access.get_placement(actor(), placement_id))


@blp.route("/starrts/<uuid:starrt_id>")
class StarrtDetail(MethodView):
    @blp.response(200, StarrtSchema)
    def get(self, starrt_id):
        """One STARRT"""
        return record_response(starrts.get_starrt(actor(), starrt_id))

    @blp.arguments(StarrtUpdateSchema)
    @blp.response(200, StarrtSchema)
    @blp.doc(parameters=CHANGE)
    @blp.alt_response(409, description="starrt_submitted, starrt_rated")
    @blp.alt_response(412, description="version_mismatch: `current` holds the server's copy")
    @idempotent
    def patch(self, data, starrt_id):
        """Change a draft (the phone autosaves it so); send If-Match"""
        return record_response(starrts.update_starrt(actor(), starrt_id, if_match_version(), data))

    @blp.response(204)
    @blp.doc(parameters=CHANGE)
    @idempotent
    def delete(self, starrt_id):
        """Delete a draft; send If-Match"""
        starrts.delete_starrt(actor(), starrt_id, if_match_version())
        return Response(status=204)


@blp.route("/starrts/<uuid:starrt_id>/submit")
class StarrtSubmit(MethodView):
    @blp.response(200, StarrtSchema)
    @blp.doc(parameters=CHANGE)
    @blp.alt_response(422, description="starrt_incomplete, starrt_needs_werkproces")
    @idempotent
    def post(self, starrt_id):
        """Hand in a draft: every part written and a werkproces chosen; send If-Match"""
        return record_response(starrts.submit_starrt(actor(), starrt_id, if_match_version()))


@blp.route("/starrts/<uuid:starrt_id>/rate")
class StarrtRate(MethodView):
    @blp.arguments(RateSchema)
    @blp.response(200, StarrtSchema)
    @blp.doc(parameters=CHANGE)
    @blp.alt_response(409, description="starrt_rated: a rated STARRT is final")
    @idempotent
    def post(self, data, starrt_id):
        """Rate a handed-in STARRT O, V or G, with a remark and initials (its trainer only)"""
        return record_response(starrts.rate_starrt(actor(), starrt_id, if_match_version(), data))
