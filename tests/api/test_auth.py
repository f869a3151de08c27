"""Logging in and out, who am I, language, password change."""

from tests.conftest import PASSWORD


def test_login_me_and_logout(make_user, client, auth):
    user = make_user("student", email="Anouk@Example.nl")
    response = auth.login("  anouk@example.nl ")  # case and spaces do not matter
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["role"] == "student"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/api/auth/me").get_json()["id"] == user.id
    assert auth.logout().status_code == 204
    assert client.get("/api/auth/me").status_code == 401


def test_wrong_password_and_unknown_email_answer_alike(make_user, auth):
    make_user("student", email="sem@example.nl")
    wrong = auth.login("sem@example.nl", "not-the-password")
    unknown = auth.login("nobody@example.nl", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json() == unknown.get_json()
    assert wrong.get_json()["error"] == "invalid_credentials"


def test_messages_follow_the_users_language(make_placement, login_as):
    placement = make_placement()
    client = login_as(placement.student)
    url = f"/api/placements/{placement.id}/weeks/2026-W47/submit"
    dutch = client.post(url).get_json()["message"]
    assert "Er is niets om in te leveren" in dutch
    assert client.patch("/api/auth/me", json={"locale": "en"}).get_json()["locale"] == "en"
    assert client.post(url).get_json()["message"].startswith("This week has no hours")


def test_password_change_keeps_this_session_and_checks_the_old_one(make_user, login_as, auth):
    user = make_user("docent")
    client = login_as(user)
    wrong = client.post(
        "/api/auth/password", json={"current_password": "nope", "new_password": "x" * 12}
    )
    assert wrong.status_code == 422
    assert "current_password" in wrong.get_json()["errors"]
    short = client.post(
        "/api/auth/password", json={"current_password": PASSWORD, "new_password": "kort"}
    )
    assert short.status_code == 422 and "new_password" in short.get_json()["errors"]
    ok = client.post(
        "/api/auth/password",
        json={"current_password": PASSWORD, "new_password": "een-nieuw-wachtwoord"},
    )
    assert ok.status_code == 204
    assert client.get("/api/auth/me").status_code == 200
    assert auth.login(user, "een-nieuw-wachtwoord").status_code == 200
    assert auth.login(user, PASSWORD).status_code == 401


def test_categories_are_the_nine_of_the_manual(make_user, login_as):
    client = login_as(make_user("student"))
    categories = client.get("/api/categories").get_json()
    assert [c["code"] for c in categories] == list(range(1, 10))
    assert [c["code"] for c in categories if c["counts_toward_hours"]] == [1, 2]


def test_a_request_that_leaves_the_session_as_it_was_sets_no_cookie(make_user, login_as, auth):
    """Only Vary: the cookie is set at login and removed at logout, never re-sent in between."""
    user = make_user()
    client = login_as(user)
    me = client.get("/api/auth/me")
    assert me.status_code == 200
    assert "Set-Cookie" not in me.headers
    assert me.headers.getlist("Vary") == ["Cookie"]
    out = client.post("/api/auth/logout")
    assert out.status_code in (200, 204)
    assert "stagewijs_session=;" in out.headers.get("Set-Cookie", "")
    assert client.get("/api/auth/me").status_code == 401
