"""The server's VAPID key pair (RFC 8292): made once at set-up, kept outside the repository.

`VAPID_PRIVATE_KEY` (PEM) in the environment wins; otherwise instance/vapid_private.pem, made
by `flask --app wsgi vapid-keys` (which `make run` calls) with mode 0600.
"""

import base64
import os

from cryptography.hazmat.primitives import serialization
from flask import current_app
from py_vapid import Vapid02

FILE_NAME = "vapid_private.pem"


def key_path(app=None):
    app = app or current_app
    return os.path.join(app.instance_path, FILE_NAME)


def ensure_keys(app=None):
    """Make the key pair when there is none. Returns True when a new one was made."""
    app = app or current_app
    if app.config.get("VAPID_PRIVATE_KEY") or os.path.exists(key_path(app)):
        return False
    os.makedirs(app.instance_path, exist_ok=True)
    vapid = Vapid02()
    vapid.generate_keys()
    try:
        fd = os.open(key_path(app), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return False
    with os.fdopen(fd, "wb") as fh:
        fh.write(vapid.private_pem())
    return True


def signer(app=None):
    """The VAPID signer, cached per app."""
    app = app or current_app
    cached = app.extensions.get("vapid")
    if cached is None:
        pem = app.config.get("VAPID_PRIVATE_KEY")
        if not pem:
            ensure_keys(app)  # normally made at set-up; a first start makes it itself
            with open(key_path(app), "rb") as fh:
                pem = fh.read()
        cached = app.extensions["vapid"] = Vapid02.from_pem(
            pem if isinstance(pem, bytes) else pem.encode()
        )
    return cached


def public_key(app=None):
    """The application server key a browser subscribes with (base64url, uncompressed point)."""
    raw = signer(app).public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
