"""The push transport posts only to the known push services, at a checked public address."""

import socket
import ssl
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer

import pytest

from app.push import transport
from app.push.transport import EndpointRefused, check_endpoint, resolve


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://fcm.googleapis.com/fcm/send/x", "not_https"),
        ("https://fcm.googleapis.com:8443/fcm/send/x", "port_not_443"),
        ("https://evil.example/push/x", "unknown_push_service"),
        ("https://fcm.googleapis.com.evil.example/x", "unknown_push_service"),
        ("https://127.0.0.1/push", "unknown_push_service"),
        ("https://10.0.0.5/push", "unknown_push_service"),
        ("https://user:pw@fcm.googleapis.com/x", "not_a_url"),
        ("https://[::1/x", "not_a_url"),
        ("ftp://fcm.googleapis.com/x", "not_https"),
        ("https://fcm.googleapis.com/" + "x" * 1000, "too_long"),
    ],
)
def test_endpoints_other_than_known_push_services_are_refused(url, reason):
    with pytest.raises(EndpointRefused) as refused:
        check_endpoint(url)
    assert refused.value.reason == reason


@pytest.mark.parametrize(
    "url",
    [
        "https://fcm.googleapis.com/fcm/send/abc",
        "https://updates.push.services.mozilla.com/wpush/v2/abc",
        "https://web.push.apple.com/QGx",
        "https://wns2-par02p.notify.windows.com/w/?token=abc",
    ],
)
def test_the_known_push_services_are_accepted(url):
    target = check_endpoint(url)
    assert (target.secure, target.port) == (True, 443)


def _resolver(*addresses):
    def resolve_name(host, port, type=None):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses]

    return resolve_name


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "192.168.1.10",
        "172.16.0.1",
        "127.0.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fd00::1",
    ],
)
def test_a_name_that_resolves_to_a_private_address_is_refused_at_send(address):
    target = check_endpoint("https://fcm.googleapis.com/fcm/send/abc")
    with pytest.raises(EndpointRefused) as refused:
        resolve(target, resolver=_resolver(address))
    assert refused.value.reason == "private_address"


def test_every_address_of_the_name_must_be_public_and_the_checked_one_is_used():
    target = check_endpoint("https://fcm.googleapis.com/fcm/send/abc")
    with pytest.raises(EndpointRefused):
        resolve(target, resolver=_resolver("142.250.1.1", "10.0.0.1"))  # one bad apple
    pinned = resolve(target, resolver=_resolver("142.250.1.1"))
    assert pinned.address == "142.250.1.1" and pinned.host == "fcm.googleapis.com"


def test_dns_rebinding_between_check_and_send_cannot_reach_a_private_address():
    """The name is resolved at send time, and the connection goes to that checked address:
    a name that answered a public address when subscribing and a private one now is refused."""
    answers = iter([["142.250.1.1"], ["10.0.0.9"]])

    def rebinding(host, port, type=None):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in next(answers)]

    target = check_endpoint("https://fcm.googleapis.com/fcm/send/abc")
    assert resolve(target, resolver=rebinding).address == "142.250.1.1"
    with pytest.raises(EndpointRefused):
        resolve(target, resolver=rebinding)


def test_loopback_only_under_the_test_setting():
    with pytest.raises(EndpointRefused):
        check_endpoint("http://127.0.0.1:9999/push/x")
    target = resolve(
        check_endpoint("http://127.0.0.1:9999/push/x", allow_loopback=True), allow_loopback=True
    )
    assert (target.address, target.port, target.secure) == ("127.0.0.1", 9999, False)


def test_a_redirect_is_an_answer_not_a_hop():
    """A push service that answers 307 to an inner address gets no second request there."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            hits.append(self.path)
            self.send_response(307)
            self.send_header("Location", "http://127.0.0.1:1/internal-admin")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/push/x"
    target = resolve(check_endpoint(url, allow_loopback=True), allow_loopback=True)
    answer = transport.post(target, b"body", {"TTL": "60"})
    thread.join(5)
    server.server_close()
    assert answer.status == 307 and hits == ["/push/x"]


def test_a_connection_with_an_unread_answer_is_not_reused():
    """A long error body left unread must not be taken for the next answer (and that push sent
    twice): the session opens a new connection instead."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            hits.append(self.path)
            body = b"x" * 5000 if self.path == "/big" else b""
            self.send_response(400 if body else 201)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with transport.Session() as session:
            big = resolve(check_endpoint(base + "/big", allow_loopback=True), allow_loopback=True)
            nxt = resolve(check_endpoint(base + "/next", allow_loopback=True), allow_loopback=True)
            assert session.post(big, b"a", {}).status == 400
            assert session.post(nxt, b"b", {}).status == 201
    finally:
        server.shutdown()
        server.server_close()
    assert hits == ["/big", "/next"]


def test_the_pinned_connection_sends_without_waiting_for_acks():
    """Headers and body go in two writes: TCP_NODELAY (which http.client's own connect sets,
    and the pinned connection's replaces) keeps the body from waiting for the ACK of the
    headers."""
    listener = socket.create_server(("127.0.0.1", 0))

    class NoTLS(ssl.SSLContext):  # the socket as it is: this is about TCP, not the handshake
        def wrap_socket(self, sock, server_hostname):
            return sock

    conn = transport._PinnedHTTPSConnection(
        "fcm.googleapis.com",
        listener.getsockname()[1],
        "127.0.0.1",
        5,
        NoTLS(ssl.PROTOCOL_TLS_CLIENT),
    )
    try:
        conn.connect()
        assert conn.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        conn.close()
        listener.close()
