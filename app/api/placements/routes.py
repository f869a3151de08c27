"""Placements the user may see, with progress toward the POK hours."""

from flask.views import MethodView

from app.api.blueprint import Blueprint
from app.api.common import QueryPage, actor
from app.services import placements

from .schemas import PlacementSchema

blp = Blueprint(
    "placements", __name__, url_prefix="/api/placements", description="Placements (stages)"
)


@blp.route("")
class PlacementList(MethodView):
    @blp.response(200, PlacementSchema(many=True))
    @blp.paginate(QueryPage, page_size=50)
    def get(self):
        """Placements visible to the user, each with its progress"""
        return placements.visible_with_progress(actor())


@blp.route("/<int:placement_id>")
class PlacementDetail(MethodView):
    @blp.response(200, PlacementSchema)
    def get(self, placement_id):
        """One placement, with progress toward its POK hours"""
        return placements.get_with_progress(actor(), placement_id)
