"""The authorization matrix for the evidence endpoints: every endpoint x every role and
relationship (tests/api/test_authorization.py builds the world), lists and the feed included."""

import pytest

from tests.api.test_authorization import ACTORS, ERROR_CODES, World
from tests.conftest import module_app
from tests.evidence.matrix import MATRIX, requests

shared_app, app = module_app("evidence_authorization")


@pytest.fixture
def world(app, institution, make_institution, make_user, make_company, make_placement):
    return World(app, institution, make_institution, make_user, make_company, make_placement)


CELLS = [
    pytest.param(endpoint, actor, status, id=f"{endpoint}-{actor}-{status}")
    for endpoint, row in MATRIX.items()
    for actor, status in zip(ACTORS, row, strict=True)
]


@pytest.mark.parametrize(("endpoint", "actor", "expected"), CELLS)
def test_matrix(world, endpoint, actor, expected):
    client = world.client(actor)
    method, url, kwargs = requests(world)[endpoint]
    before = world.snapshot()
    response = client.open(url, method=method, **kwargs)
    assert response.status_code == expected, (endpoint, actor, response.get_json())
    text = response.get_data(as_text=True)
    for foreign in world.invisible_markers(actor):
        assert foreign not in text
    if expected >= 400:
        body = response.get_json()
        assert (body["code"], body["error"]) == (expected, ERROR_CODES[expected])
        assert world.snapshot() == before
        return
    if endpoint == "werkprocessen":
        assert [k["code"] for k in response.get_json()] == ["B1-K1", "B1-K2"]
