"""A photo's two files in the file storage (app/storage.py), under names the server makes."""

import secrets

from app.extensions import db
from app.storage import storage


def new_stem(placement_id):
    """A fresh, unguessable name; the phone's id is not used, so nothing it sends names a file."""
    return f"photos/{placement_id}/{secrets.token_hex(16)}"


def write(photo, processed):
    store = storage()
    for key, data in (
        (photo.image_key, processed.image),
        (photo.thumbnail_key, processed.thumbnail),
    ):
        with store.writer(key) as fh:
            fh.write(data)


def remove_now(photo):
    store = storage()
    for key in (photo.image_key, photo.thumbnail_key):
        store.delete(key)


def remove_after_commit(photo):
    """Gone once the delete is committed: a rolled-back delete keeps them."""
    store, keys = storage(), (photo.image_key, photo.thumbnail_key)
    db.after_commit(lambda: [store.delete(key) for key in keys])
