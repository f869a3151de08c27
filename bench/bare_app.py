"""The baseline: a bare WSGI app that reads the request body and answers a constant."""

BODY = b'{"ok": true}'
HEADERS = [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]


def app(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length:
        environ["wsgi.input"].read(length)
    start_response("201 Created", HEADERS)
    return [BODY]
