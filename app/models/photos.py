"""Photos a student takes as evidence (issue #9): a clean JPEG and its thumbnail in the file
storage (app/storage.py), the record here. The upload itself is never kept (app/photos/)."""

import contextlib
import itertools
import json

import peewee

from app.models.client_records import ClientRecord
from app.models.placements import Placement
from app.models.users import TEACHER, TRAINER
from app.privacy import registry
from app.storage import storage


class Photo(ClientRecord):
    """One photo. `file_stem` is a name the server made (never anything the phone sent): the
    image is `<stem>.jpg`, its thumbnail `<stem>-thumb.jpg`. A deleted photo stays as a
    tombstone for the changes feed, with its files gone and `stored_bytes` 0 (the quota counts
    what is stored)."""

    placement = peewee.ForeignKeyField(Placement, backref="+", on_delete="CASCADE")
    caption = peewee.TextField(default="")
    # When the phone says it was taken, by its own clock (EXIF dates are stripped, not read).
    taken_at = peewee.DateTimeField()
    # The SHA-256 of the bytes the phone sent (checked on upload), for the phone's own check.
    sha256 = peewee.CharField(max_length=64)
    width = peewee.IntegerField()
    height = peewee.IntegerField()
    stored_bytes = peewee.BigIntegerField(default=0)
    file_stem = peewee.CharField(max_length=120)
    # Hour entries of the same placement this photo belongs to: a JSON list of their ids.
    entry_ids = peewee.TextField(default="[]")

    class Meta:
        indexes = ((("placement", "taken_at"), False),)

    @property
    def image_key(self):
        return f"{self.file_stem}.jpg"

    @property
    def thumbnail_key(self):
        return f"{self.file_stem}-thumb.jpg"

    @property
    def entries(self):
        return json.loads(self.entry_ids or "[]")


def _files(photo):
    """Both files: they go into the student's copy and are deleted with the row."""
    if photo.deleted_at is not None:
        return []  # deleted with the photo
    name = f"{photo.taken_at:%Y%m%d}-{photo.id}"
    return [(photo.image_key, f"{name}.jpg"), (photo.thumbnail_key, f"{name}-klein.jpg")]


def _whole_folders(ctx):
    """Every file under the student's placements' photo folders goes with them: also a file
    whose row was never committed (a create rolled back after it wrote its files)."""
    store = storage()
    for placement_id in ctx.placements:
        ctx.delete_files(store.keys(f"photos/{placement_id}/"))


def _stray_files(batch):
    """Photo files no photo owns any more, written before the cutoff: a create that wrote its
    files and was then stopped (a crash before the commit, which the rollback could not clean
    up, or inside a write, which leaves a temporary), or a deleted photo whose files outlived a
    crash after the commit. Nothing shows or counts them, but they are someone's photos. A new
    photo gets a new name, so a file this old cannot become a photo's; the day's grace leaves
    an upload in progress alone."""
    store = storage()
    doomed = list(itertools.islice(_strays(store, batch.cutoff), batch.size))
    # Removed here, not after a commit (there is none); counted once if two runs meet.
    removed = sum(store.delete(key) for key in doomed)
    if len(doomed) < batch.size:  # the last batch: also half-written files
        removed += store.remove_unfinished("photos/", batch.cutoff)
    return removed


def _strays(store, cutoff):
    folders = {}
    for key in store.keys("photos/"):
        parts = key.split("/")  # photos/<placement>/<name>.jpg (files.new_stem)
        folders.setdefault(parts[1] if len(parts) == 3 else "", []).append(key)
    for folder, keys in folders.items():
        owned = {
            stem
            for (stem,) in Photo.select(Photo.file_stem)
            .where(
                (Photo.placement == (int(folder) if folder.isdigit() else None))
                & Photo.deleted_at.is_null()
            )
            .tuples()
        }
        for key in keys:
            if key.removesuffix(".jpg").removesuffix("-thumb") in owned:
                continue
            with contextlib.suppress(FileNotFoundError):  # another run was first
                if store.modified(key) < cutoff:
                    yield key


registry.declare(
    registry.placement_record(
        Photo,
        kind="photos",
        fields=(
            "id",
            "caption",
            "taken_at",
            "width",
            "height",
            "entry_ids",
            "sha256",
            "created_at",
            "updated_at",
            "deleted_at",
        ),
        # Shown to the praktijkopleider and docent only once the student attaches it to a
        # submitted STARRT reflection.
        seen_by=(registry.SELF, TRAINER, TEACHER),
        withheld={
            "placement": "Always one of the student's own placements.",
            "created_by": "Always the student themself.",
            "file_stem": "Where the file is stored; the file itself is in files/photos/.",
            "stored_bytes": "The size of the stored files, for the storage quota.",
        },
        files=_files,
        prepare=_whole_folders,
        retention=(
            registry.Retention(
                "stray_photo_files",
                days=1,
                after=registry.AFTER_CREATION,
                reason="A photo file that no photo owns (an upload stopped by a crash halfway, "
                "or a deleted photo's file left behind) is nobody's evidence; a day leaves an "
                "upload in progress alone.",
                apply=_stray_files,
                transaction=False,
            ),
        ),
    )
)
