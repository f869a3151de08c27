"""Login throttling (and the current password on a password change), after OWASP's "Blocking
Brute Force Attacks": a lockout per account and address, a far higher ceiling per address (a
school's students share one public address), a growing delay, never a lockout, for the account
from everywhere; counted in the database before any hash, atomically, and by the client's
address only as a configured proxy reports it (shared/SECURITY.md)."""

import collections
import datetime as dt
import json
import threading
import time
import urllib.error
import urllib.request

import pytest
from werkzeug.serving import make_server

from app.models import LoginFailure
from tests.conftest import PASSWORD, another_app, assert_error, module_app

shared_app, app = module_app("login_throttling")


@pytest.fixture(autouse=True)
def cheap_dummy_hash(monkeypatch, password_hash):
    """Unknown emails are checked against a dummy hash of the full cost: make it cheap too."""
    import app.services.passwords as passwords

    monkeypatch.setattr(passwords, "_dummy_hash", lambda: password_hash)


@pytest.fixture
def hash_calls(monkeypatch):
    """Count every password hash verification, wherever the login code looks them up."""
    import app.services.auth as auth_module
    import app.services.passwords as passwords_module

    calls = []
    real_verify = passwords_module.verify_password
    real_burn = passwords_module.burn_time

    def verify(*args, **kwargs):
        calls.append("verify")
        return real_verify(*args, **kwargs)

    def burn(*args, **kwargs):
        calls.append("burn")
        return real_burn(*args, **kwargs)

    for module in (passwords_module, auth_module):
        if hasattr(module, "verify_password"):
            monkeypatch.setattr(module, "verify_password", verify)
        if hasattr(module, "burn_time"):
            monkeypatch.setattr(module, "burn_time", burn)
    return calls


def _login(client, email, password, address="127.0.0.1", headers=None):
    return client.post(
        "/api/auth/login",
        json={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
        headers=headers or {},
    )


def _seconds_pass(seconds):
    """As if `seconds` had passed: every recorded failure moves that far into the past."""
    for failure in LoginFailure.select():
        failure.at -= dt.timedelta(seconds=seconds)
        failure.save()


def test_the_limits_are_what_the_readme_promises(app):
    config = app.config
    assert config["LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS"] == 5
    assert config["LOGIN_MAX_FAILURES_PER_ADDRESS"] >= 10 * 30  # was 30: a school's NAT
    assert config["LOGIN_ACCOUNT_DELAY_AFTER"] >= 4 * 5  # far above a classmate's handful
    assert config["TRUSTED_PROXIES"] == 0


def test_one_account_from_one_address_is_locked_out_before_any_hash(app, make_user, hash_calls):
    user = make_user()
    client = app.test_client()
    for _ in range(5):
        assert_error(_login(client, user.email, "fout", "10.0.0.1"), 401, "invalid_credentials")
    assert hash_calls == ["verify"] * 5  # every failure did cost a hash

    hash_calls.clear()
    right = _login(client, user.email, PASSWORD, "10.0.0.1")
    assert_error(right, 429, "too_many_attempts")
    assert 0 < int(right.headers["Retry-After"]) <= 15 * 60
    # Case and spaces do not open a second counter for the same account.
    assert_error(_login(client, f"  {user.email.upper()} ", PASSWORD, "10.0.0.1"), 429)
    assert hash_calls == [], "throttled logins must be refused before any password is hashed"
    assert client.get("/api/auth/me").status_code == 401
    # When the window has passed, the account opens again from there.
    _seconds_pass(15 * 60)
    assert _login(client, user.email, PASSWORD, "10.0.0.1").status_code == 200


def test_unknown_accounts_are_throttled_alike(app, hash_calls):
    client = app.test_client()
    for _ in range(5):
        assert_error(_login(client, "niemand@example.nl", "fout", "10.0.0.1"), 401)
    # The same cost as a wrong password: no hint that the account does not exist.
    assert hash_calls.count("burn") == 5
    hash_calls.clear()
    assert_error(_login(client, "niemand@example.nl", "fout", "10.0.0.1"), 429)
    assert hash_calls == []


def test_a_schools_shared_address_does_not_lock_out_its_students(app, make_user):
    school = "145.100.1.1"  # every student's phone on the school's wifi, behind one NAT
    client = app.test_client()
    typists = [make_user() for _ in range(20)]
    for student in typists:
        for _ in range(2):
            assert_error(_login(client, student.email, "typfout", school), 401)
    # 40 failures from the address (the old limit was 30), and one student who keeps trying:
    unlucky = typists[0]
    for _ in range(3):
        assert_error(_login(client, unlucky.email, "typfout", school), 401)
    assert_error(_login(client, unlucky.email, PASSWORD, school), 429, "too_many_attempts")
    # ... is locked out alone: everyone else behind the address still gets in.
    assert _login(app.test_client(), make_user().email, PASSWORD, school).status_code == 200
    assert _login(app.test_client(), typists[1].email, PASSWORD, school).status_code == 200
    # And the unlucky one, on mobile data, too.
    assert _login(app.test_client(), unlucky.email, PASSWORD, "77.160.2.3").status_code == 200


def test_one_address_trying_many_accounts_hits_a_ceiling(app, make_user, hash_calls, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_MAX_FAILURES_PER_ADDRESS", 3)
    client = app.test_client()
    for _ in range(3):  # one failure each: far below the per-account limits
        assert_error(_login(client, make_user().email, "fout", "192.0.2.7"), 401)
    fresh = make_user()
    hash_calls.clear()
    refused = _login(client, fresh.email, PASSWORD, "192.0.2.7")
    assert_error(refused, 429, "too_many_attempts")
    assert int(refused.headers["Retry-After"]) > 0
    assert hash_calls == []
    assert _login(app.test_client(), fresh.email, PASSWORD, "192.0.2.8").status_code == 200


def test_a_classmates_wrong_passwords_do_not_keep_the_owner_out(app, make_user, hash_calls):
    owner = make_user()
    classmate = app.test_client()
    for _ in range(5):
        assert_error(_login(classmate, owner.email, "geraden", "10.0.0.66"), 401)
    assert_error(_login(classmate, owner.email, "nog-een-gok", "10.0.0.66"), 429)
    # The owner, on their own phone: in at once, no waiting.
    assert _login(app.test_client(), owner.email, PASSWORD, "10.0.0.77").status_code == 200


def test_a_targeted_account_slows_down_but_its_owner_gets_in(
    app, make_user, hash_calls, monkeypatch
):
    monkeypatch.setitem(app.config, "LOGIN_ACCOUNT_DELAY_AFTER", 20)
    monkeypatch.setitem(app.config, "LOGIN_ACCOUNT_MAX_DELAY", dt.timedelta(seconds=5))
    owner = make_user()
    attacker = app.test_client()
    for n in range(20):  # guesses from many addresses, a few at a time
        assert_error(_login(attacker, owner.email, f"gok-{n}", f"203.0.113.{n}"), 401)
    hash_calls.clear()
    waits = []
    for n in range(4):
        # Each try now waits, and each wrong guess doubles the wait (up to the maximum) ...
        refused = _login(attacker, owner.email, "nog-een-gok", f"198.51.100.{n}")
        assert_error(refused, 429, "login_delayed")
        waits.append(int(refused.headers["Retry-After"]))
        assert hash_calls == [], "a delayed try is refused before any hash"
        # ... and refused tries do not make it longer.
        assert_error(_login(attacker, owner.email, "x", f"198.51.100.{n}"), 429, "login_delayed")
        _seconds_pass(waits[-1])
        assert_error(_login(attacker, owner.email, f"gok-{n}", f"198.51.100.{n}"), 401)
        hash_calls.clear()
    assert waits == [1, 2, 4, 5]

    # The owner waits too, but is never locked out: after the wait they are in.
    phone = app.test_client()
    refused = _login(phone, owner.email, PASSWORD, "192.0.2.50")
    body = assert_error(refused, 429, "login_delayed")
    assert "seconden" in body["message"]
    _seconds_pass(int(refused.headers["Retry-After"]))
    assert _login(phone, owner.email, PASSWORD, "192.0.2.50").status_code == 200
    assert phone.get("/api/auth/me").status_code == 200


def test_a_good_login_resets_the_counter_of_that_account_and_address(app, make_user):
    user = make_user()
    client = app.test_client()
    for _ in range(2):
        for _ in range(4):
            assert _login(client, user.email, "fout", "10.1.0.1").status_code == 401
        assert _login(client, user.email, PASSWORD, "10.1.0.1").status_code == 200


def test_wrong_current_passwords_are_throttled_like_logins(app, make_user, login_as, hash_calls):
    user = make_user()
    client = login_as(user)
    change = {"current_password": "geraden", "new_password": "een-nieuw-wachtwoord"}
    hash_calls.clear()
    for _ in range(5):
        wrong = client.post("/api/auth/password", json=change)
        assert_error(wrong, 422, "wrong_password", "current_password")
    assert hash_calls == ["verify"] * 5

    hash_calls.clear()
    right = client.post("/api/auth/password", json={**change, "current_password": PASSWORD})
    assert_error(right, 429, "too_many_attempts")
    assert int(right.headers["Retry-After"]) > 0
    assert hash_calls == [], "refused before the password is hashed"
    # Nothing changed: still logged in with the old password.
    assert client.get("/api/auth/me").status_code == 200
    assert _login(app.test_client(), user.email, PASSWORD, "10.2.0.1").status_code == 200


def test_parallel_wrong_passwords_reach_no_more_hashes_than_the_limit(
    app, make_user, hash_calls, monkeypatch
):
    """Forty wrong passwords at once, on a real threaded server, each thread on its own
    database connection (as gunicorn workers are): exactly five are checked."""
    import app.services.auth as auth_module

    counted_verify = auth_module.verify_password

    def slow_verify(*args):
        time.sleep(0.05)  # a real hash's time: the window a check-then-record race needs
        return counted_verify(*args)

    monkeypatch.setattr(auth_module, "verify_password", slow_verify)
    user = make_user()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/api/auth/login"
    body = json.dumps({"email": user.email, "password": "fout"}).encode()
    start = threading.Barrier(40)
    statuses = []

    def attempt():
        request = urllib.request.Request(
            url, data=body, headers={"Content-Type": "application/json"}
        )
        start.wait()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                statuses.append(response.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)

    threads = [threading.Thread(target=attempt) for _ in range(40)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        server.shutdown()
        server.server_close()
    assert collections.Counter(statuses) == {401: 5, 429: 35}
    assert hash_calls == ["verify"] * 5


def test_a_forwarded_address_counts_only_behind_a_configured_proxy(app, make_user):
    victim = make_user()
    # No proxy configured: X-Forwarded-For is whatever the client claims, so it is ignored.
    direct = app.test_client()
    for n in range(5):
        spoofed = {"X-Forwarded-For": f"10.9.0.{n}"}
        assert_error(_login(direct, victim.email, "fout", "192.0.2.1", spoofed), 401)
    assert_error(
        _login(direct, victim.email, PASSWORD, "192.0.2.1", {"X-Forwarded-For": "10.9.9.9"}),
        429,
    )
    assert {f.address for f in LoginFailure.select()} == {"192.0.2.1"}
    # Nor is X-Forwarded-Proto: an https Origin on this http server is another site.
    assert_error(
        _login(
            direct,
            victim.email,
            PASSWORD,
            "192.0.2.2",
            {"Origin": "https://localhost", "X-Forwarded-Proto": "https"},
        ),
        403,
        "cross_site_request",
    )

    # One proxy configured (STAGEWIJS_TRUSTED_PROXIES=1): the address it appends is the client's.
    with another_app(app, TRUSTED_PROXIES=1) as proxied:
        client = proxied.test_client()
        proxy = "10.0.0.2"
        for _ in range(5):
            via = {"X-Forwarded-For": "198.51.100.9"}
            assert_error(_login(client, victim.email, "fout", proxy, via), 401)
        # A client naming another address itself gains nothing: the proxy appends the real one.
        spoofed = {"X-Forwarded-For": "198.51.100.10, 198.51.100.9"}
        assert_error(_login(client, victim.email, PASSWORD, proxy, spoofed), 429)
        # The victim, behind the same proxy from another address, is in; the proxy's scheme
        # counts too, so the https page's Origin is our own.
        own = {
            "X-Forwarded-For": "198.51.100.10",
            "X-Forwarded-Proto": "https",
            "Origin": "https://localhost",
        }
        assert _login(client, victim.email, PASSWORD, proxy, own).status_code == 200
        assert {f.address for f in LoginFailure.select()} == {"192.0.2.1", "198.51.100.9"}
