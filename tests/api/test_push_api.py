"""Subscribing devices and choosing what reaches you: each user only their own."""

import uuid

import pytest

from app.models import PushSubscription
from tests.conftest import module_app
from tests.push_service import Subscriber
from tests.reminders_fixtures import vapid_pem  # noqa: F401

shared_app, app = module_app("push_api")
KEYS = Subscriber(type("Service", (), {"origin": "https://x"})(), "k").keys
FCM = "https://fcm.googleapis.com/fcm/send/abc123"


@pytest.fixture
def user_client(app, make_user, login_as, vapid_pem):  # noqa: F811
    app.config["VAPID_PRIVATE_KEY"] = vapid_pem
    user = make_user()
    return user, login_as(user)


def _put(client, device, endpoint=FCM, keys=KEYS):
    return client.put(
        f"/api/push/subscriptions/{device}",
        json={"endpoint": endpoint, "keys": keys, "expirationTime": None},
    )


def test_one_subscription_per_device_renewed_in_place(user_client):
    user, client = user_client
    device = uuid.uuid4()
    assert _put(client, device).status_code == 200
    rotated = _put(client, device, endpoint=FCM + "-rotated")
    assert rotated.get_json() == {"device_id": str(device), "endpoint": FCM + "-rotated"}
    assert [s.endpoint for s in PushSubscription.select()] == [FCM + "-rotated"]
    assert client.get("/api/push/key").get_json()["public_key"].startswith("B")


@pytest.mark.parametrize(
    "endpoint, reason",
    [
        ("http://fcm.googleapis.com/fcm/send/x", "not_https"),
        ("https://192.168.1.1/push", "unknown_push_service"),
        ("https://fcm.googleapis.com:444/x", "port_not_443"),
        ("https://push.evil.example/x", "unknown_push_service"),
        ("http://127.0.0.1:8080/push", "not_https"),
    ],
)
def test_endpoints_we_would_not_post_to_are_refused(user_client, endpoint, reason):
    _, client = user_client
    response = _put(client, uuid.uuid4(), endpoint=endpoint)
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"] == "push_endpoint_refused" and reason in body["message"]
    assert "endpoint" in body["errors"]
    assert PushSubscription.select().count() == 0


def test_another_user_cannot_remove_or_take_my_device(user_client, make_user, login_as):
    mine, client = user_client
    device = uuid.uuid4()
    _put(client, device)
    other = login_as(make_user())
    assert other.delete(f"/api/push/subscriptions/{device}").status_code == 404
    assert PushSubscription.select().count() == 1
    # The same phone, another account logged in there now: the endpoint moves with the account.
    _put(other, uuid.uuid4())
    assert [s.user_id for s in PushSubscription.select()] != [mine.id]
    assert client.delete(f"/api/push/subscriptions/{device}").status_code == 404


@pytest.mark.parametrize(
    "keys, field",
    [
        ({"p256dh": "B" + "A" * 86, "auth": "A" * 22}, "p256dh"),  # base64url, but no point
        ({**KEYS, "auth": "A" * 30}, "auth"),  # not 16 bytes
        ({**KEYS, "auth": "A" * 17}, "auth"),  # no base64 length at all (was a 500)
    ],
)
def test_keys_that_cannot_work_are_refused_when_subscribing(user_client, keys, field):
    _, client = user_client
    response = _put(client, uuid.uuid4(), keys=keys)
    assert response.status_code == 422 and "keys" in response.get_json()["errors"]
    assert field in str(response.get_json()["errors"]["keys"])


def test_an_endpoint_path_with_spaces_or_non_ascii_is_refused(user_client):
    _, client = user_client
    assert _put(client, uuid.uuid4(), endpoint=FCM + "/é").status_code == 422
    assert _put(client, uuid.uuid4(), endpoint=FCM + " x").status_code == 422


def test_logged_out_is_401(app):
    assert (
        app.test_client().put(f"/api/push/subscriptions/{uuid.uuid4()}", json={}).status_code == 401
    )


def test_settings_round_trip_and_bad_values_name_the_field(user_client):
    _, client = user_client
    settings = client.get("/api/notifications/settings").get_json()
    assert settings["quiet_start"] == "21:00" and settings["quiet_end"] == "07:30"
    assert settings["modes"]["no_entry"] == "immediate"
    changed = client.patch(
        "/api/notifications/settings", json={"modes": {"no_entry": "off"}, "quiet_start": "22:00"}
    )
    assert changed.status_code == 200
    assert changed.get_json()["modes"]["no_entry"] == "off"
    assert changed.get_json()["quiet_start"] == "22:00"
    for body, field in [
        ({"modes": {"nonsense": "off"}}, "modes"),
        ({"modes": {"no_entry": "sometimes"}}, "modes"),
        ({"quiet_start": "25:00"}, "quiet_start"),
        ({"volume": 11}, "volume"),
    ]:
        response = client.patch("/api/notifications/settings", json=body)
        assert response.status_code == 422 and field in response.get_json()["errors"], body
