"""Exactly-once for operations phones replay (IETF draft "Idempotency-Key").

The outbox sends every unsafe request with an `Idempotency-Key` (its operation id). The key is
scoped per user: the same key and the same request answer the stored first answer; the same key
with a different request answers 422. The record is written in the same transaction as the
change, so either both are committed or neither is.
"""

import functools
import hashlib
import json

from flask import Response, request
from flask_login import current_user
from peewee import IntegrityError

from app.errors import DomainError
from app.extensions import db
from app.models import IdempotencyRecord
from app.models.prepared import P, Prepared, insert_all_fields, insert_record

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 100
PARAMETER = {
    "in": "header",
    "name": HEADER,
    "required": False,
    "description": "The operation id from the phone's outbox; a replay gets the first answer.",
    "schema": {"type": "string", "maxLength": MAX_KEY_LENGTH},
}


def request_fingerprints():
    """(canonical, raw) digests of the request. The canonical one reads a JSON body as data
    (key order and spacing do not count), so an operation answers the same whether the phone
    sent it alone or inside a batch. The raw one is what the logbook core stored: records made
    before the upgrade still match their replays."""
    body = request.get_data(cache=True) or b""
    try:
        canonical = json.dumps(
            json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode()
    except (ValueError, RecursionError):
        canonical = body
    return _digest(canonical), _digest(body)


def _digest(body):
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.path.encode(), body):
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()


def idempotent(view):
    """Wrap an unsafe view: replay a stored 2xx answer, else run the view in one transaction.

    Put it innermost (right above the function): arguments are then parsed before the write
    lock is taken, and the lock covers only the work that must be atomic.
    """

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get(HEADER)
        if not key or not current_user.is_authenticated:
            with db.atomic():
                return view(*args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            raise DomainError("validation_error", field=HEADER, status_code=422, fields=HEADER)
        fingerprints = request_fingerprints()
        # Replays are answered without taking the write lock.
        stored = _stored(key)
        if stored is not None:
            return _replay(stored, fingerprints)
        try:
            with db.atomic():
                response = view(*args, **kwargs)
                if isinstance(response, Response) and 200 <= response.status_code < 300:
                    record = IdempotencyRecord(
                        user=current_user.id,
                        key=key,
                        fingerprint=fingerprints[0],
                        status_code=response.status_code,
                        body=response.get_data(as_text=True),
                    )
                    insert_record(_INSERT, record)
                return response
        except (IntegrityError, DomainError):
            # The same operation committed concurrently (two tabs flushing at once) while this
            # one waited for the lock: its record now exists, and this answers as its replay
            # (a second submit would otherwise see "already submitted"). Anything else is a
            # real refusal and goes to its handler.
            stored = _stored(key)
            if stored is None:
                raise
            return _replay(stored, fingerprints)

    # Documented in the OpenAPI document. A view's own @blp.doc(parameters=...) replaces this
    # list, so such views name PARAMETER themselves.
    wrapper._apidoc = {"manual_doc": {"parameters": [PARAMETER]}}
    return wrapper


_STORED = Prepared(
    lambda: (
        IdempotencyRecord.select()
        .where((IdempotencyRecord.user == P.user) & (IdempotencyRecord.key == P.key))
        .limit(1)
    )
)
_INSERT = insert_all_fields(IdempotencyRecord)


def _stored(key):
    return _STORED.first(user=current_user.id, key=key)


def _replay(stored, fingerprints):
    if stored.fingerprint not in fingerprints:
        raise DomainError("idempotency_key_reused", status_code=422)
    response = Response(stored.body, status=stored.status_code, mimetype="application/json")
    response.headers["Idempotent-Replayed"] = "true"
    if stored.body:
        try:
            version = json.loads(stored.body).get("version")
        except (ValueError, AttributeError):
            version = None
        if version is not None:
            response.headers["ETag"] = f'"{version}"'
    return response
