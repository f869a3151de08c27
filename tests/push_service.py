"""A push service on 127.0.0.1 for the tests: it checks what a real one checks and decrypts.

It verifies the VAPID `Authorization: vapid t=<JWT>,k=<key>` header (ES256 signature by the
app's public key, `aud` = this origin, `exp` in the future, `sub` present), decrypts the body
with the subscription's own private key (RFC 8291, aes128gcm), records it, and answers the
status the test set for that endpoint (201 by default; 410 gone, 429/503 retry).
"""

import base64
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Subscriber:
    """A browser's side of one subscription: its keys, and the endpoint it was given."""

    def __init__(self, service, name):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        public = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        self.endpoint = f"{service.origin}/push/{name}"
        self.keys = {"p256dh": b64url(public), "auth": b64url(self.auth)}

    def json(self):
        return {"endpoint": self.endpoint, "keys": self.keys, "expirationTime": None}


class PushService:
    def __init__(self, vapid_public_key, now=time.time):
        self.vapid_public_key = vapid_public_key  # base64url uncompressed point
        self.now = now  # the app's clock when a test freezes it
        self.received = []  # (endpoint path, headers, decrypted JSON)
        self.rejected = []  # (path, reason)
        self.answers = {}  # endpoint path -> status to answer
        self.retry_after = {}  # endpoint path -> Retry-After header to send with it
        self.posts = []  # every endpoint path posted to, whatever was answered
        self.subscribers = {}
        # Concurrency: posts being answered now, the most at once, and per endpoint path a
        # threading.Barrier its post waits at before it is answered (held open together).
        self.in_flight = 0
        self.most_at_once = 0
        self.barriers = {}
        self.delay = 0  # seconds each answer takes, to give overlapping posts a chance
        self.lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with service.lock:
                    service.in_flight += 1
                    service.most_at_once = max(service.most_at_once, service.in_flight)
                try:
                    service.hold(self.path)
                    status = service.handle(self.path, dict(self.headers), body)
                finally:
                    with service.lock:
                        service.in_flight -= 1
                self.send_response(status)
                if self.path in service.retry_after:
                    self.send_header("Retry-After", service.retry_after[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def subscriber(self, name):
        sub = Subscriber(self, name)
        self.subscribers[f"/push/{name}"] = sub
        return sub

    def hold(self, path):
        if self.delay:
            time.sleep(self.delay)
        barrier = self.barriers.get(path)
        if barrier is not None:
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                with self.lock:
                    self.rejected.append((path, "not answered together"))

    def handle(self, path, headers, body):
        with self.lock:
            self.posts.append(path)
            problem = self._check_vapid(headers.get("Authorization", ""))
            if problem:
                self.rejected.append((path, problem))
                return 401
            status = self.answers.get(path, 201)
            sub = self.subscribers.get(path)
            if sub is None:
                self.rejected.append((path, "unknown endpoint"))
                return 404
            if status == 201:
                data = http_ece.decrypt(
                    body, private_key=sub.private_key, auth_secret=sub.auth, version="aes128gcm"
                )
                self.received.append((path, headers, json.loads(data)))
            return status

    def _check_vapid(self, header):
        if not header.startswith("vapid "):
            return "no vapid header"
        parts = dict(p.split("=", 1) for p in header[len("vapid ") :].split(","))
        if parts.get("k") != self.vapid_public_key:
            return "wrong key"
        head, claims, signature = parts["t"].split(".")
        raw = unb64url(signature)
        der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
        key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(parts["k"]))
        try:
            key.verify(der, f"{head}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
        except Exception:
            return "bad signature"
        claim = json.loads(unb64url(claims))
        if json.loads(unb64url(head)).get("alg") != "ES256":
            return "not ES256"
        if claim.get("aud") != self.origin:
            return f"aud {claim.get('aud')}"
        if not claim.get("sub") or claim.get("exp", 0) <= self.now():
            return "sub or exp"
        return None

    def messages(self):
        with self.lock:
            return [data for _, _, data in self.received]
