"""Upload bodies have their own limit; JSON bodies keep the small one (1 MiB)."""

import hashlib

import pytest
from flask import request
from flask.views import MethodView

from app.api.blueprint import Blueprint, upload
from tests.conftest import module_app

blp = Blueprint("uploads_under_test", __name__, url_prefix="/api/test-uploads")


@blp.route("")
class Upload(MethodView):
    @upload
    def post(self):
        body = request.get_data()
        return {"bytes": len(body), "sha256": hashlib.sha256(body).hexdigest()}


shared_app, app = module_app("limits", MAX_UPLOAD_BYTES=3 * 1024 * 1024)


@pytest.fixture
def client(app, make_user, login_as):
    if "uploads_under_test" not in app.blueprints:
        app.extensions["stagewijs_api"].register_blueprint(blp)
    return login_as(make_user())


def test_an_upload_may_be_larger_than_a_json_body(client):
    photo = bytes(range(256)) * 8 * 1024  # 2 MiB
    response = client.post("/api/test-uploads", data=photo, content_type="image/jpeg")
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"bytes": len(photo), "sha256": hashlib.sha256(photo).hexdigest()}


def test_an_upload_past_its_limit_is_413(client):
    response = client.post(
        "/api/test-uploads", data=b"x" * (3 * 1024 * 1024 + 1), content_type="image/jpeg"
    )
    assert response.status_code == 413
    assert response.get_json()["error"] == "request_entity_too_large"


def test_a_json_body_keeps_the_small_limit(client):
    big = '{"email": "' + "x" * (1024 * 1024) + '", "password": "y"}'
    response = client.post("/api/auth/login", data=big, content_type="application/json")
    assert response.status_code == 413
