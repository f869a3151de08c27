"""One push message: the Declarative Web Push payload, encrypted for one subscription (RFC 8291,
aes128gcm), signed with a fresh VAPID claim (RFC 8292), with TTL, Urgency and Topic."""

import json
from urllib.parse import urlsplit

from pywebpush import WebPusher

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


def encrypted_request(subscription, data, signer, subject, ttl, urgency="normal", topic=None):
    """(body, headers) for the push service. `subscription`: endpoint, p256dh, auth."""
    info = {"endpoint": subscription.endpoint,
            "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth}}  # fmt: skip
    body = WebPusher(info).encode(json.dumps(data).encode(), "aes128gcm")["body"]
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
