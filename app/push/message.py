"""One push message: the Declarative Web Push payload, encrypted for one subscription (RFC 8291,
aes128gcm), signed with a fresh VAPID claim (RFC 8292), with TTL, Urgency and Topic.

The encryption is `http_ece`, the RFC 8188 library pywebpush encrypts with, called as
pywebpush's WebPusher.encode calls it (a fresh server key per message, a random salt) but
without building a WebPusher per message, which deep-copies the subscription and derives the
server's public key twice: a tenth of a millisecond a push, at 20,000 pushes two seconds.
"""

import base64
import json
from urllib.parse import urlsplit

import http_ece
from cryptography.hazmat.primitives.asymmetric import ec

from app import clock

# Declarative Web Push (WebKit, Safari 18.4+): shown without running the service worker, and
# read by our worker's push handler in every other browser: one format, shown once.
DECLARATIVE_MAGIC = 8030
VAPID_VALIDITY_SECONDS = 12 * 3600


def payload(title, body, navigate, badge=None):
    notification = {"title": title, "body": body, "navigate": navigate}
    if badge is not None:
        notification["app_badge"] = str(badge)
    return {"web_push": DECLARATIVE_MAGIC, "notification": notification, "mutable": True}


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encrypt(data, p256dh, auth):
    """RFC 8291 aes128gcm for the subscription's keys (base64url). ValueError for keys that
    can never work (not base64, not an uncompressed P-256 point)."""
    receiver, secret = _unb64(p256dh), _unb64(auth)
    if len(receiver) != 65 or receiver[0] != 4:
        raise ValueError("p256dh is not an uncompressed P-256 point")
    if not secret:
        raise ValueError("no auth secret")
    server_key = ec.generate_private_key(ec.SECP256R1())  # ephemeral: one per message
    return http_ece.encrypt(
        data, private_key=server_key, dh=receiver, auth_secret=secret, version="aes128gcm"
    )


def encrypted_request(subscription, data, signer, subject, ttl, urgency="normal", topic=None):
    """(body, headers) for the push service. `subscription`: endpoint, p256dh, auth."""
    body = encrypt(json.dumps(data).encode(), subscription.p256dh, subscription.auth)
    endpoint = urlsplit(subscription.endpoint)
    # A fresh claims dict per send: signing libraries fill in `aud` and `exp` in place.
    claims = {
        "sub": subject,
        "aud": f"{endpoint.scheme}://{endpoint.netloc}",
        "exp": int(clock.now().timestamp()) + VAPID_VALIDITY_SECONDS,
    }
    headers = {
        **signer.sign(claims),
        "TTL": str(int(ttl)),
        "Urgency": urgency,
        "Content-Encoding": "aes128gcm",
        "Content-Type": "application/octet-stream",
        "Content-Length": str(len(body)),
    }
    if topic:
        headers["Topic"] = topic
    return body, headers
