"""Photos: the upload (the body is the image), its record, and its two files behind the
access check."""

import marshmallow as ma
from flask import Response, request
from flask.views import MethodView

from app.api.blueprint import Blueprint, upload
from app.api.common import QueryPage, actor
from app.api.idempotency import PARAMETER as IDEMPOTENCY_KEY
from app.api.idempotency import idempotent
from app.api.versioning import if_match_parameter, if_match_version, record_response
from app.errors import NotFound
from app.services import photos
from app.storage import storage

from .schemas import PhotoCreateQuerySchema, PhotoSchema, PhotoUpdateSchema

blp = Blueprint("photos", __name__, url_prefix="/api", description="Photos")

IMAGE_BODY = {
    "required": True,
    "description": "The photo: JPEG, PNG, WebP or HEIC/HEIF, at most MAX_UPLOAD_BYTES",
    "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in ("image/*",)},
}
FILE_RESPONSE = {"description": "A JPEG without metadata", "content": {"image/jpeg": {}}}


@blp.route("/placements/<int:placement_id>/photos")
class PlacementPhotos(MethodView):
    @blp.response(200, PhotoSchema(many=True))
    @blp.paginate(QueryPage, page_size=100, max_page_size=500)
    def get(self, placement_id):
        """The photos of a placement the actor may see, newest first"""
        return photos.list_photos(actor(), placement_id)

    @upload
    # Unknown query fields are an error here too (webargs ignores them in a query by default).
    @blp.arguments(PhotoCreateQuerySchema, location="query", unknown=ma.RAISE)
    @blp.response(201, PhotoSchema)
    @blp.doc(requestBody=IMAGE_BODY)
    @blp.alt_response(200, schema=PhotoSchema, description="Replay: this id exists, same body")
    @blp.alt_response(409, description="id_conflict")
    @blp.alt_response(413, description="Too large, or the student's photo storage is full")
    @blp.alt_response(415, description="photo_not_an_image")
    @blp.alt_response(422, description="A field is invalid, the file damaged or too many pixels")
    @idempotent
    def post(self, data, placement_id):
        """Upload a photo. The id is made by the phone, so an upload can be repeated safely"""
        photo, created = photos.create_photo(
            actor(), placement_id, data, request.get_data(cache=True)
        )
        return record_response(photo, 201 if created else 200)


@blp.route("/photos/<uuid:photo_id>")
class PhotoDetail(MethodView):
    @blp.response(200, PhotoSchema)
    def get(self, photo_id):
        """One photo's record"""
        return record_response(photos.get_photo(actor(), photo_id))

    @blp.arguments(PhotoUpdateSchema)
    @blp.response(200, PhotoSchema)
    @blp.doc(parameters=[if_match_parameter(required=True), IDEMPOTENCY_KEY])
    @blp.alt_response(412, description="version_mismatch: `current` holds the server's copy")
    @blp.alt_response(428, description="If-Match missing")
    @idempotent
    def patch(self, data, photo_id):
        """Change a photo's caption or links; send If-Match with the version it was based on"""
        return record_response(photos.update_photo(actor(), photo_id, if_match_version(), data))

    @blp.response(204)
    @blp.doc(parameters=[if_match_parameter(required=True), IDEMPOTENCY_KEY])
    @blp.alt_response(412, description="version_mismatch")
    @blp.alt_response(428, description="If-Match missing")
    @idempotent
    def delete(self, photo_id):
        """Delete a photo and its files; send If-Match with the version it was based on"""
        photos.delete_photo(actor(), photo_id, if_match_version())
        return Response(status=204)


def _serve(photo, key, name):
    """The file, for whoever may see the photo only: private caching, no sniffing, a name."""
    try:
        with storage().open(key) as fh:  # a few hundred kB at most: read whole, closed at once
            response = Response(fh.read(), mimetype="image/jpeg")
    except FileNotFoundError:  # deleted a moment ago (its files go after the commit)
        raise NotFound() from None
    # Private, and asked again every time (a 304 when unchanged): a cached copy served without
    # the access check could show a photo to the next person on a shared phone.
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.set_etag(f"{photo.id}-{photo.file_stem.rsplit('/', 1)[-1]}")
    return response.make_conditional(request)


@blp.route("/photos/<uuid:photo_id>/image")
class PhotoImage(MethodView):
    @blp.doc(responses={200: FILE_RESPONSE, 404: {"description": "Not found"}})
    def get(self, photo_id):
        """The photo itself (a clean JPEG)"""
        photo = photos.get_photo_file(actor(), photo_id)
        return _serve(photo, photo.image_key, f"foto-{photo.taken_at:%Y%m%d}-{photo.id}.jpg")


@blp.route("/photos/<uuid:photo_id>/thumbnail")
class PhotoThumbnail(MethodView):
    @blp.doc(responses={200: FILE_RESPONSE, 404: {"description": "Not found"}})
    def get(self, photo_id):
        """The photo's thumbnail (at most 400 pixels on the long side)"""
        photo = photos.get_photo_file(actor(), photo_id)
        return _serve(photo, photo.thumbnail_key, f"foto-{photo.id}-klein.jpg")
