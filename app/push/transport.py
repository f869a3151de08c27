"""Posting to a browser's push service without becoming a way into the school's network.

A push endpoint is a URL the browser hands us, so it is untrusted (SSRF). The server posts only
to the known push services: https on port 443, a host on the allow-list, checked when the
subscription arrives and again at every send after resolving the name; every address the name
resolves to must be a public one (no private, loopback, link-local, CGNAT or reserved range),
and the connection goes to the address that was checked (TLS still verifies the host name), so
DNS rebinding cannot slip past. Short timeouts, no redirects. Loopback endpoints are accepted
only under the PUSH_ALLOW_LOOPBACK test setting.
"""

import functools
import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

# The push services of Chrome/Edge-on-Android (FCM), Firefox (Mozilla autopush), Safari
# (Apple) and Edge on Windows (WNS). Suffixes start with a dot.
ALLOWED_HOSTS = (
    "fcm.googleapis.com",
    "android.googleapis.com",
    "updates.push.services.mozilla.com",
    "push.services.mozilla.com",
    "web.push.apple.com",
    ".push.apple.com",
    ".notify.windows.com",
)
TIMEOUT_SECONDS = 10
MAX_ENDPOINT_LENGTH = 1000


class EndpointRefused(ValueError):
    """The endpoint is not one we will post to; `reason` says why (a stable code)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    path: str
    secure: bool
    address: str | None  # the checked address to connect to


def _allowed_host(host):
    return any(host == h or (h.startswith(".") and host.endswith(h)) for h in ALLOWED_HOSTS)


@functools.lru_cache(maxsize=256)  # a pass asks for the same few hosts thousands of times
def _loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_endpoint(url, allow_loopback=False):
    """The endpoint's parts, or EndpointRefused. No name lookup: this runs when subscribing."""
    if not isinstance(url, str) or len(url) > MAX_ENDPOINT_LENGTH:
        raise EndpointRefused("too_long")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise EndpointRefused("not_a_url") from None
    host = (parts.hostname or "").lower().rstrip(".")
    if not host or parts.username or parts.password:
        raise EndpointRefused("not_a_url")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    # Visible ASCII only (0x21-0x7E): isprintable() also lets the space through.
    if not (path.isascii() and path.isprintable()) or " " in path:
        raise EndpointRefused("not_a_url")
    if allow_loopback and _loopback(host):
        secure = parts.scheme == "https"
        if parts.scheme not in ("http", "https"):
            raise EndpointRefused("not_https")
        return Target(host, port or (443 if secure else 80), path, secure, None)
    if parts.scheme != "https":
        raise EndpointRefused("not_https")
    if port not in (None, 443):
        raise EndpointRefused("port_not_443")
    if not _allowed_host(host):
        raise EndpointRefused("unknown_push_service")
    return Target(host, 443, path, True, None)


def resolve(target, allow_loopback=False, resolver=socket.getaddrinfo):
    """The target pinned to a checked address: every address of the name must be public."""
    if target.address is not None:
        return target
    if allow_loopback and _loopback(target.host):
        return Target(target.host, target.port, target.path, target.secure, "127.0.0.1")
    try:
        infos = resolver(target.host, target.port, type=socket.SOCK_STREAM)
    except OSError:
        raise EndpointRefused("name_not_found") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise EndpointRefused("name_not_found")
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            raise EndpointRefused("private_address")
    return Target(target.host, target.port, target.path, target.secure, addresses[0])


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a fixed address, with SNI and certificate checks for the host name."""

    def __init__(self, host, port, address, timeout, context):
        super().__init__(host, port, timeout=timeout, context=context)
        self._pinned_address = address

    def connect(self):
        sock = socket.create_connection((self._pinned_address, self.port), self.timeout)
        # What http.client's own connect() does, and this one replaces: headers and body go in
        # two writes, and without TCP_NODELAY the body can wait for the ACK of the headers
        # (Nagle's algorithm against delayed ACKs: up to 40 ms a push).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


@dataclass(frozen=True)
class Answer:
    status: int
    retry_after: str | None
    body: bytes


class Session:
    """Connections kept open for one delivery pass: one per checked (host, address), reused
    while the push service keeps it alive (a fan-out to one service needs one TLS handshake,
    not thousands). Nothing is retried here: a failed post is the delivery's to retry."""

    def __init__(self, timeout=TIMEOUT_SECONDS):
        self.timeout = timeout
        self._open = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        for conn in self._open.values():
            conn.close()
        self._open.clear()

    def _connection(self, target):
        key = (target.secure, target.host, target.address, target.port)
        conn = self._open.get(key)
        if conn is None:
            if target.secure:
                conn = _PinnedHTTPSConnection(
                    target.host,
                    target.port,
                    target.address,
                    self.timeout,
                    ssl.create_default_context(),
                )
            else:  # loopback under the test setting only (check_endpoint refuses http elsewhere)
                conn = http.client.HTTPConnection(target.address, target.port, timeout=self.timeout)
            self._open[key] = conn
        return key, conn

    def post(self, target, body, headers):
        """POST to a resolved target. OSError on network trouble; a redirect is an answer."""
        key, conn = self._connection(target)
        try:
            conn.request("POST", target.path, body=body, headers={**headers, "Host": target.host})
            response = conn.getresponse()
            answer = Answer(response.status, response.getheader("Retry-After"), response.read(4096))
        except (OSError, http.client.HTTPException) as error:
            self._open.pop(key, None)
            conn.close()
            raise OSError(str(error)) from error
        # Reuse the connection only when the answer was read whole: a longer body left unread
        # would be taken for the next answer (and that push sent twice).
        if response.will_close or not response.isclosed():
            self._open.pop(key, None)
            conn.close()
        return answer


def post(target, body, headers, timeout=TIMEOUT_SECONDS):
    """One POST on a connection of its own."""
    with Session(timeout) as session:
        return session.post(target, body, headers)
