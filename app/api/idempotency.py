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
    """(canonical, raw) digests of the request being answered (see `fingerprints`)."""
    return fingerprints(request.method, request.path, request.get_data(cache=True) or b"")


def fingerprints(method, path, body):
    """(canonical, raw) digests of a request. The canonical one reads a JSON body as data
    (key order and spacing do not count), so an operation answers the same whether the phone
    sent it alone or inside a batch. The raw one is what the logbook core stored: records made
    before the upgrade still match their replays."""
    try:
        canonical = _canonical(json.loads(body))
    except (ValueError, RecursionError):
        canonical = body
    return _digest(method, path, canonical), _digest(method, path, body)


def canonical_fingerprint(method, path, value):
    """The canonical digest of `fingerprints` for a JSON body the caller has already read."""
    return _digest(method, path, _canonical(value))


def _canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _digest(method, path, body):
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), body):
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
                    record_answer(
                        current_user.id,
                        key,
                        fingerprints[0],
                        response.status_code,
                        response.get_data(as_text=True),
                    )
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
    return stored_answer(current_user.id, key)


def stored_answer(user_id, key):
    """The answer stored under a user's operation id, or None."""
    return _STORED.first(user=user_id, key=key)


def record_answer(user_id, key, fingerprint, status_code, body):
    """Store an operation's answer; call inside the transaction of the change it answers."""
    insert_record(
        _INSERT,
        IdempotencyRecord(
            user=user_id, key=key, fingerprint=fingerprint, status_code=status_code, body=body
        ),
    )


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
