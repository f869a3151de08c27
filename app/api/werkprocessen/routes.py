"""The kerntaken and werkprocessen of a placement's programme: what evidence can be tagged with."""

import marshmallow as ma
from flask.views import MethodView

from app.api.blueprint import Blueprint
from app.api.common import actor
from app.services import access, werkprocessen

blp = Blueprint(
    "werkprocessen", __name__, url_prefix="/api", description="Kerntaken and werkprocessen"
)


class WerkprocesSchema(ma.Schema):
    code = ma.fields.Str(dump_only=True, metadata={"example": "B1-K1-W2"})
    title = ma.fields.Str(dump_only=True)


class KerntaakSchema(ma.Schema):
    code = ma.fields.Str(dump_only=True, metadata={"example": "B1-K1"})
    title = ma.fields.Str(dump_only=True)
    werkprocessen = ma.fields.List(ma.fields.Nested(WerkprocesSchema), dump_only=True)


@blp.route("/placements/<int:placement_id>/werkprocessen")
class PlacementWerkprocessen(MethodView):
    @blp.response(200, KerntaakSchema(many=True))
    def get(self, placement_id):
        """The kerntaken of the placement's programme with their werkprocessen, in KD order"""
        return werkprocessen.tree(access.get_placement(actor(), placement_id))
