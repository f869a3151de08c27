"""Notes, each with its own visibility (only me / me and my docent / also my trainer)."""

from flask import Response
from flask.views import MethodView

from app.api.blueprint import Blueprint
from app.api.common import QueryPage, actor
from app.api.idempotency import PARAMETER as IDEMPOTENCY_KEY
from app.api.idempotency import idempotent
from app.api.versioning import if_match_parameter, if_match_version, record_response
from app.services import notes

from .schemas import NoteCreateSchema, NoteSchema, NoteUpdateSchema

blp = Blueprint("notes", __name__, url_prefix="/api", description="Notes")
CHANGE = [if_match_parameter(required=True), IDEMPOTENCY_KEY]


@blp.route("/placements/<int:placement_id>/notes")
class PlacementNotes(MethodView):
    @blp.response(200, NoteSchema(many=True))
    @blp.paginate(QueryPage, page_size=100, max_page_size=500)
    def get(self, placement_id):
        """Notes of a placement the actor may read (their visibility decides), newest first"""
        return notes.list_notes(actor(), placement_id)

    @blp.arguments(NoteCreateSchema)
    @blp.response(201, NoteSchema)
    @blp.alt_response(200, schema=NoteSchema, description="Replay: this id exists, same body")
    @idempotent
    def post(self, data, placement_id):
        """Write a note (only for me unless said otherwise). The id is made by the phone"""
        note, created = notes.create_note(actor(), placement_id, data)
        return record_response(note, 201 if created else 200)


@blp.route("/notes/<uuid:note_id>")
class NoteDetail(MethodView):
    @blp.response(200, NoteSchema)
    def get(self, note_id):
        """One note"""
        return record_response(notes.get_note(actor(), note_id))

    @blp.arguments(NoteUpdateSchema)
    @blp.response(200, NoteSchema)
    @blp.doc(parameters=CHANGE)
    @blp.alt_response(412, description="version_mismatch: `current` holds the server's copy")
    @idempotent
    def patch(self, data, note_id):
        """Change a note's text or who may read it (at once, everywhere); send If-Match"""
        return record_response(notes.update_note(actor(), note_id, if_match_version(), data))

    @blp.response(204)
    @blp.doc(parameters=CHANGE)
    @idempotent
    def delete(self, note_id):
        """Delete a note; send If-Match"""
        notes.delete_note(actor(), note_id, if_match_version())
        return Response(status=204)
