"""Uploading a photo the way the phone's outbox does: the image as the body, the record's fields
in the query."""

import hashlib
import uuid
from urllib.parse import urlencode

TAKEN_AT = "2026-11-18T10:15:00+01:00"


def upload(client, placement_id, data, photo_id=None, sha256=None, key=None, **fields):
    query = {
        "id": photo_id or str(uuid.uuid4()),
        "sha256": sha256 or hashlib.sha256(data).hexdigest(),
        "taken_at": TAKEN_AT,
        **fields,
    }
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(
        f"/api/placements/{placement_id}/photos?{urlencode(query)}",
        data=data,
        content_type="image/jpeg",
        headers=headers,
    )
