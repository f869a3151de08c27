"""Steps the conversation tests share (#10)."""

import uuid


def url(placement, line, tail="messages"):
    return f"/api/placements/{placement.id}/conversations/{line}/{tail}"


def send(client, placement, line, body, key=None, **extra):
    payload = {"id": str(uuid.uuid4()), "body": body, **extra}
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(url(placement, line), json=payload, headers=headers)
