"""Hour entries: the student's logbook lines."""

from flask import Response
from flask.views import MethodView

from app.api.blueprint import Blueprint
from app.api.common import QueryPage, actor
from app.api.idempotency import PARAMETER as IDEMPOTENCY_KEY
from app.api.idempotency import idempotent
from app.api.versioning import if_match_parameter, if_match_version, record_response
from app.services import entries

from .schemas import EntryCreateSchema, EntryQuerySchema, EntrySchema, EntryUpdateSchema

blp = Blueprint("entries", __name__, url_prefix="/api", description="Hour entries")


@blp.route("/placements/<int:placement_id>/entries")
class PlacementEntries(MethodView):
    @blp.arguments(EntryQuerySchema, location="query")
    @blp.response(200, EntrySchema(many=True))
    @blp.paginate(QueryPage, page_size=100, max_page_size=500)
    def get(self, query, placement_id):
        """Entries of a placement, by date and start time; filter with from/to"""
        return entries.list_entries(actor(), placement_id, query.get("from_"), query.get("to"))

    @blp.arguments(EntryCreateSchema)
    @blp.response(201, EntrySchema)
    @blp.alt_response(200, schema=EntrySchema, description="Replay: this id exists, same body")
    @blp.alt_response(409, description="id_conflict, week_locked")
    @blp.alt_response(422, description="A field is invalid or a logbook rule is broken")
    @idempotent
    def post(self, data, placement_id):
        """Log an hour entry. The id is made by the phone, so a create can be repeated safely"""
        entry, created = entries.create_entry(actor(), placement_id, data)
        return record_response(entry, 201 if created else 200)


@blp.route("/entries/<uuid:entry_id>")
class EntryDetail(MethodView):
    @blp.response(200, EntrySchema)
    def get(self, entry_id):
        """One hour entry"""
        return record_response(entries.get_entry(actor(), entry_id))

    @blp.arguments(EntryUpdateSchema)
    @blp.response(200, EntrySchema)
    @blp.doc(parameters=[if_match_parameter(required=True), IDEMPOTENCY_KEY])
    @blp.alt_response(412, description="version_mismatch: `current` holds the server's copy")
    @blp.alt_response(428, description="If-Match missing")
    @idempotent
    def patch(self, data, entry_id):
        """Change an entry; send If-Match with the version it was based on"""
        return record_response(entries.update_entry(actor(), entry_id, if_match_version(), data))

    @blp.response(204)
    @blp.doc(parameters=[if_match_parameter(required=True), IDEMPOTENCY_KEY])
    @blp.alt_response(412, description="version_mismatch")
    @blp.alt_response(428, description="If-Match missing")
    @idempotent
    def delete(self, entry_id):
        """Delete an entry; send If-Match with the version it was based on"""
        entries.delete_entry(actor(), entry_id, if_match_version())
        return Response(status=204)
