"""Learning goals and moments: the student's own, a moment linked to a goal of the same
placement and/or werkprocessen, with a reflection in the chosen model only."""

import uuid

import pytest

from app.models import LearningMoment
from tests.conftest import TODAY, assert_error, module_app

shared_app, app = module_app("learning")


@pytest.fixture
def world(make_placement, login_as):
    placement = make_placement()
    return {
        "placement": placement,
        "student": login_as(placement.student),
        "trainer": login_as(placement.praktijkopleider),
        "docent": login_as(placement.docent),
    }


def _post(w, what, **body):
    body = {"id": str(uuid.uuid4()), **body}
    return w["student"].post(f"/api/placements/{w['placement'].id}/{what}", json=body)


def _goal(w, title="Zelfstandig een klantvraag afhandelen"):
    response = _post(w, "learning-goals", title=title, criteria="Drie klanten zonder hulp")
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_goal_is_marked_reached_and_back(world):
    w = world
    goal = _goal(w)
    assert (goal["reached"], goal["reached_at"]) == (False, None)
    url = f"/api/learning-goals/{goal['id']}"
    reached = w["student"].patch(url, json={"reached": True}, headers={"If-Match": '"1"'})
    assert reached.get_json()["reached"] is True and reached.get_json()["reached_at"]
    back = w["student"].patch(url, json={"reached": False}, headers={"If-Match": '"2"'})
    assert back.get_json()["reached_at"] is None


def test_goals_and_moments_are_private_to_the_student(world):
    w = world
    goal = _goal(w)
    moment = _post(
        w, "learning-moments", date=TODAY.isoformat(), text="Geleerd", goal_id=goal["id"]
    )
    assert moment.status_code == 201, moment.get_json()
    pid = w["placement"].id
    for who in ("trainer", "docent"):
        assert w[who].get(f"/api/placements/{pid}/learning-goals").get_json() == []
        assert w[who].get(f"/api/placements/{pid}/learning-moments").get_json() == []
        assert w[who].get(f"/api/learning-goals/{goal['id']}").status_code == 404
        feed = w[who].get("/api/sync/changes?since=0").get_json()["changes"]
        assert not [c for c in feed if c["kind"].startswith("learning")]


@pytest.mark.parametrize(
    ("model", "parts"),
    [
        ("feedback", {"feedback": "Te snel gepraat", "feedforward": "Rustiger uitleggen"}),
        ("starr", {"situatie": "Balie", "reflectie": "Ging goed"}),
        ("korthagen", {"handelen": "a", "terugblikken": "b", "uitproberen": "e"}),
    ],
)
def test_a_moment_keeps_a_reflection_in_its_model(world, model, parts):
    w = world
    response = _post(
        w,
        "learning-moments",
        date=TODAY.isoformat(),
        text="Klant geholpen",
        reflection_model=model,
        reflection=parts,
        werkprocessen=["B1-K2-W1"],
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["reflection_model"], body["reflection"]) == (model, parts)
    assert body["werkprocessen"] == ["B1-K2-W1"]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"reflection_model": "feedback", "reflection": {"situatie": "x"}}, "reflection"),
        ({"reflection": {"feedback": "x"}}, "reflection_model"),
        ({"reflection_model": "gibbs"}, "reflection_model"),
        ({"goal_id": str(uuid.uuid4())}, "goal_id"),
        ({"werkprocessen": ["B1-K1-W8"]}, "werkprocessen"),
    ],
)
def test_a_bad_moment_names_the_field_and_stores_nothing(world, extra, field):
    w = world
    response = _post(w, "learning-moments", date=TODAY.isoformat(), text="x", **extra)
    assert_error(response, 422, field=field)
    assert not LearningMoment.select().exists()


def test_a_goal_of_another_placement_is_not_a_goal_here(world, make_placement, login_as):
    w = world
    other = make_placement()
    theirs = login_as(other.student).post(
        f"/api/placements/{other.id}/learning-goals", json={"id": str(uuid.uuid4()), "title": "x"}
    )
    response = _post(
        w, "learning-moments", date=TODAY.isoformat(), text="x", goal_id=theirs.get_json()["id"]
    )
    assert_error(response, 422, "unknown_goal", field="goal_id")


def test_changing_the_model_starts_its_parts_empty(world):
    w = world
    created = _post(
        w,
        "learning-moments",
        date=TODAY.isoformat(),
        text="x",
        reflection_model="feedback",
        reflection={"feedback": "a"},
    ).get_json()
    url = f"/api/learning-moments/{created['id']}"
    changed = w["student"].patch(
        url, json={"reflection_model": "starr"}, headers={"If-Match": '"1"'}
    )
    assert changed.status_code == 200, changed.get_json()
    assert (changed.get_json()["reflection_model"], changed.get_json()["reflection"]) == (
        "starr",
        {},
    )
