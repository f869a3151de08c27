"""`GET /api/auth/me` answered before Flask's dispatch (app/api/auth/fast_me.py): the app's
own answer, byte for byte and header for header, and every case it does not answer left to
the app, which then answers as it always does."""

import pytest

from app.api.auth.fast_me import FastMe
from app.models import User
from app.services import auth
from tests.conftest import AuthActions, assert_error


@pytest.fixture
def handed_on(app):
    """The /me requests FastMe left to the app."""
    fast = app.wsgi_app
    while not isinstance(fast, FastMe):
        fast = fast.wsgi_app
    inner = fast.wsgi_app
    seen = []

    def counting(environ, start_response):
        if environ["PATH_INFO"] == "/api/auth/me" and environ["REQUEST_METHOD"] == "GET":
            seen.append(environ.get("QUERY_STRING", ""))
        return inner(environ, start_response)

    fast.wsgi_app = counting
    return seen


def _both(app, client, **kw):
    fast = client.get("/api/auth/me", **kw)
    app.config["FAST_ME"] = False
    try:
        slow = client.get("/api/auth/me", **kw)
    finally:
        app.config["FAST_ME"] = True
    return fast, slow


@pytest.mark.parametrize("role", ["student", "trainer"])
def test_the_answer_is_the_apps_own(app, make_placement, login_as, handed_on, role):
    placement = make_placement()
    user = placement.student if role == "student" else placement.praktijkopleider
    fast, slow = _both(app, login_as(user))
    assert handed_on == [""]  # only the second one reached the app
    assert fast.status_code == slow.status_code == 200
    assert fast.get_data() == slow.get_data()
    assert dict(fast.headers) == dict(slow.headers)
    assert fast.get_json()["id"] == user.id
    if role == "trainer":  # the nested company, as the schema dumps it
        assert fast.get_json()["company"]["id"] == placement.company_id
    # Over HTTPS both add HSTS.
    fast, slow = _both(app, login_as(user), base_url="https://localhost")
    assert fast.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert dict(fast.headers) == dict(slow.headers)


def test_a_changed_language_shows_at_once(app, make_placement, login_as, handed_on):
    placement = make_placement()
    client = login_as(placement.student)
    assert client.get("/api/auth/me").get_json()["locale"] == "nl"
    assert client.patch("/api/auth/me", json={"locale": "en"}).status_code == 200
    assert client.get("/api/auth/me").get_json()["locale"] == "en"
    assert handed_on == []


def test_what_it_does_not_answer_goes_to_the_app(app, make_placement, login_as, handed_on):
    placement = make_placement()
    client = login_as(placement.student)
    # No cookie, a forged one: the app's 401.
    assert_error(app.test_client().get("/api/auth/me"), 401)
    stranger = app.test_client()
    stranger.set_cookie(app.config["SESSION_COOKIE_NAME"], "eyJfdXNlcl9pZCI6IjE6MSJ9.forged")
    assert_error(stranger.get("/api/auth/me"), 401)
    # A query string, a body: the app decides.
    assert client.get("/api/auth/me?x=1").status_code == 200
    assert (
        client.get("/api/auth/me", data=b"{}", content_type="application/json").status_code == 200
    )
    assert len(handed_on) == 4
    # Trusted hosts to check: the app checks them.
    app.config["TRUSTED_HOSTS"] = ["stagewijs.example"]
    try:
        assert client.get("/api/auth/me").status_code == 400
    finally:
        app.config["TRUSTED_HOSTS"] = None
    # A deactivated account, a session ended everywhere: the app's 401 for the same cookie.
    other = make_placement()
    other_client = login_as(other.student)
    assert other_client.get("/api/auth/me").status_code == 200
    with app.app_context():
        User.update(active=False).where(User.id == other.student.id).execute()
    assert_error(other_client.get("/api/auth/me"), 401)
    with app.app_context():
        auth.logout(placement.student)
    assert_error(client.get("/api/auth/me"), 401)


def test_a_session_past_its_lifetime_gets_401_on_both_paths(app, make_placement, monkeypatch):
    monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-11-18T10:00:00+01:00")
    placement = make_placement()
    student = app.test_client()
    assert AuthActions(student).login(placement.student).status_code == 200
    assert student.get("/api/auth/me").status_code == 200
    monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-12-03T10:00:00+01:00")  # 15 days on
    fast, slow = _both(app, student)
    assert_error(fast, 401)
    assert_error(slow, 401)
