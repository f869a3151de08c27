"""Photos: upload (once, by the phone's id, checked by SHA-256), change caption and links,
delete (its files too). Only the student sees their photos until they share one
(through a submitted STARRT reflection, app/services/evidence)."""

import datetime as dt
import hashlib
import json

from flask import current_app
from peewee import fn

from app.db import transaction
from app.errors import NotFound, RuleViolation
from app.models import HourEntry, Photo, Placement
from app.models.base import utcnow
from app.photos import files, pipeline
from app.services import access, evidence, werkprocessen
from app.services.records import create_once, fingerprint, require_version, save_versioned

MB = 1024 * 1024
# The refusals of the pipeline and their statuses: not a format we take is 415.
REFUSAL_STATUS = {"photo_not_an_image": 415}


def visible_photos(actor):
    """Every photo the actor may see, tombstones included (the changes feed needs them): a
    student's own; anyone else's only once it is evidence in a handed-in record they may read
    (a submitted STARRT: app/services/evidence.py)."""
    return evidence.own_or_shared(Photo, "photo", actor)


def get_photo(actor, photo_id, include_deleted=False):
    query = visible_photos(actor).where(Photo.id == photo_id)
    if not include_deleted:
        query = query.where(Photo.deleted_at.is_null())
    photo = query.first()
    if photo is None:
        raise NotFound()
    return photo


def get_photo_file(actor, photo_id):
    """A photo whose files the actor may fetch: one they may see, or one the student shared
    with them in a guidance question (the docent sees the items as they were when shared: a
    photo's image never changes, only its caption, which the question keeps as it was)."""
    try:
        return get_photo(actor, photo_id)
    except NotFound:
        from app.services import guidance  # guidance reads photos through the kinds registry

        photo = Photo.get_or_none((Photo.id == photo_id) & Photo.deleted_at.is_null())
        if photo is not None and guidance.shares_item(actor, photo.placement_id, "photo", photo.id):
            return photo
        raise


def list_photos(actor, placement_id):
    placement = access.get_placement(actor, placement_id)
    return (
        visible_photos(actor)
        .where((Photo.placement == placement.id) & Photo.deleted_at.is_null())
        .order_by(Photo.taken_at.desc(), Photo.id)
    )


def create_fingerprint(placement_id, data):
    return fingerprint(
        {
            "placement": placement_id,
            "sha256": data["sha256"],
            "taken_at": _utc(data["taken_at"]).isoformat(),
            "caption": data.get("caption", ""),
            "entries": sorted(str(e) for e in data.get("entries", [])),
            "werkprocessen": list(data.get("werkprocessen", [])),
        }
    )


def create_photo(actor, placement_id, data, body):
    """Returns (photo, created). The image is decoded and cleaned before the write lock is
    taken; a repeat of a stored photo (same id) is answered without decoding it again."""
    placement = access.get_placement(actor, placement_id)
    access.require_student_of(actor, placement)
    digest = create_fingerprint(placement.id, data)
    processed = None
    if not Photo.select().where(Photo.id == data["id"]).exists():
        processed = prepare(body, data["sha256"])
    written = []

    def build():
        entry_ids = _entries(placement, data.get("entries", []))
        werkprocessen.resolve(placement, data.get("werkprocessen"))  # refused before any file
        _require_room(actor, len(processed.image) + len(processed.thumbnail))
        photo = Photo(
            placement=placement,
            caption=data.get("caption", ""),
            taken_at=_utc(data["taken_at"]),
            sha256=data["sha256"],
            width=processed.width,
            height=processed.height,
            stored_bytes=len(processed.image) + len(processed.thumbnail),
            file_stem=files.new_stem(placement.id),
            entry_ids=json.dumps(entry_ids),
        )
        files.write(photo, processed)
        written.append(photo)
        return photo

    try:
        with transaction():
            if processed is None:  # known id: a repeat (or 409); build() is not called
                return create_once(Photo, actor, data["id"], digest, _never)
            photo, created = create_once(Photo, actor, data["id"], digest, build)
            werkprocessen.set_tags("photo", photo, placement, data.get("werkprocessen"))
            return photo, created
    except BaseException:
        for photo in written:  # nothing stored for a refused upload
            files.remove_now(photo)
        raise


def prepare(body, sha256):
    """The upload, checked and cleaned (app/photos/pipeline.py), or a refusal naming `file`."""
    if not body:
        raise RuleViolation("photo_empty", field="file")
    if hashlib.sha256(body).hexdigest() != sha256:
        raise RuleViolation("photo_checksum_mismatch", field="sha256")
    limits = pipeline.Limits(max_pixels=current_app.config["PHOTO_MAX_PIXELS"])
    try:
        return pipeline.process(body, limits)
    except pipeline.PhotoRefused as refused:
        status = REFUSAL_STATUS.get(refused.code, 422)
        raise RuleViolation(
            refused.code, field="file", status_code=status, **refused.params
        ) from None


def _never():
    raise AssertionError("a photo is only built from a decoded upload")


def update_photo(actor, photo_id, base_version, changes):
    with transaction():
        photo = get_photo(actor, photo_id)
        access.require_student_of(actor, photo.placement)
        require_version(photo, base_version)
        if "caption" in changes:
            photo.caption = changes["caption"]
        if "entries" in changes:
            photo.entry_ids = json.dumps(_entries(photo.placement, changes["entries"]))
        werkprocessen.set_tags("photo", photo, photo.placement, changes.get("werkprocessen"))
        return save_versioned(photo, base_version)


def delete_photo(actor, photo_id, base_version):
    with transaction():
        photo = get_photo(actor, photo_id)
        access.require_student_of(actor, photo.placement)
        require_version(photo, base_version)
        photo.deleted_at = utcnow()
        photo.stored_bytes = 0
        files.remove_after_commit(photo)
        return save_versioned(photo, base_version)


def used_bytes(student):
    mine = Placement.select(Placement.id).where(Placement.student == student.id)
    total = (
        Photo.select(fn.COALESCE(fn.SUM(Photo.stored_bytes), 0))
        .where(Photo.placement.in_(mine) & Photo.deleted_at.is_null())
        .scalar()
    )
    return int(total or 0)


def _require_room(student, size):
    quota = current_app.config["PHOTO_QUOTA_BYTES"]
    if used_bytes(student) + size > quota:
        raise RuleViolation("photo_quota_reached", status_code=413, max=quota // MB)


def _entries(placement, ids):
    """The hour entries a photo is linked to: of the same placement, not deleted, each once."""
    wanted = list(dict.fromkeys(str(i) for i in ids))
    if not wanted:
        return []
    found = {
        str(e.id)
        for e in HourEntry.select(HourEntry.id).where(
            (HourEntry.placement == placement.id)
            & HourEntry.id.in_(wanted)
            & HourEntry.deleted_at.is_null()
        )
    }
    if set(wanted) - found:
        raise RuleViolation("photo_unknown_entry", field="entries")
    return wanted


def _utc(moment):
    """Stored as naive UTC, like every datetime here; the phone sends an offset."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment


def photo_dict(photo):
    """The one shape of a photo: GET, lists, the changes feed and the 412 `current` copy."""
    base = f"/api/photos/{photo.id}"
    deleted = photo.deleted_at is not None
    return {
        "id": str(photo.id),
        "version": photo.version,
        "placement_id": photo.placement_id,
        "caption": photo.caption,
        "taken_at": photo.taken_at.isoformat() + "Z",
        "width": photo.width,
        "height": photo.height,
        "sha256": photo.sha256,
        "entries": photo.entries,
        "image_url": None if deleted else f"{base}/image",
        "thumbnail_url": None if deleted else f"{base}/thumbnail",
        "deleted": deleted,
    }
