"""The coverage grid and the timeline: what they count and list, for the student and for the
trainer and docent (the shared part only)."""

import datetime as dt
import uuid

import pytest

from app.extensions import db
from tests.conftest import TODAY, entry_body, module_app

shared_app, app = module_app("overview")
FULL = dict.fromkeys(
    ("title", "situatie", "taak", "actie", "resultaat", "reflectie", "transfer"), "x"
)


@pytest.fixture
def world(make_placement, login_as):
    placement = make_placement()
    w = {
        "placement": placement,
        "student": login_as(placement.student),
        "trainer": login_as(placement.praktijkopleider),
        "docent": login_as(placement.docent),
    }
    s, pid = w["student"], placement.id

    def post(what, **body):
        response = s.post(f"/api/placements/{pid}/{what}", json={"id": str(uuid.uuid4()), **body})
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    day = TODAY - dt.timedelta(days=1)
    w["e1"] = post("entries", **{**entry_body(day=day), "werkprocessen": ["B1-K1-W3"]})
    w["e2"] = post(
        "entries",
        **{
            **entry_body(day=day, start="13:00", end="17:00"),
            "werkprocessen": ["B1-K1-W3", "B1-K1-W4"],
        },
    )
    gone = post(
        "entries", **{**entry_body(start="13:00", end="14:00"), "werkprocessen": ["B1-K1-W5"]}
    )
    s.delete(f"/api/entries/{gone['id']}", headers={"If-Match": '"1"'})
    shared = post(
        "starrts",
        **FULL,
        werkprocessen=["B1-K1-W3"],
        evidence=[{"kind": "entry", "id": w["e1"]["id"]}],
    )
    shared = s.post(f"/api/starrts/{shared['id']}/submit", headers={"If-Match": '"1"'}).get_json()
    rated = post("starrts", **FULL, werkprocessen=["B1-K1-W3", "B1-K2-W2"])
    rated = s.post(f"/api/starrts/{rated['id']}/submit", headers={"If-Match": '"1"'}).get_json()
    w["trainer"].post(
        f"/api/starrts/{rated['id']}/rate",
        json={"rating": "G", "initials": "MB"},
        headers={"If-Match": '"2"'},
    )
    w["draft"] = post("starrts", title="concept", werkprocessen=["B1-K2-W3"])
    w["moment"] = post(
        "learning-moments", date=TODAY.isoformat(), text="geleerd", werkprocessen=["B1-K2-W3"]
    )
    w["secret"] = post("notes", text="alleen ik")
    w["for_docent"] = post("notes", text="voor docent", visibility="docent")
    w["starrts"] = (shared, rated)
    return w


def _grid(client, placement):
    body = client.get(f"/api/placements/{placement.id}/coverage").get_json()
    return {r["code"]: r for r in body["werkprocessen"]}, body


def test_the_student_s_grid_counts_every_piece_of_evidence(world):
    grid, body = _grid(world["student"], world["placement"])
    # Photos count once their kind is registered (the photos branch, #9).
    assert len(grid) == 8 and body["photos_counted"] is True
    assert {k: grid["B1-K1-W3"][k] for k in ("entries", "minutes", "starrts", "starrts_rated")} == {
        "entries": 2,
        "minutes": 210 + 240,
        "starrts": 2,
        "starrts_rated": 1,
    }
    assert (grid["B1-K1-W4"]["entries"], grid["B1-K1-W4"]["minutes"]) == (1, 240)
    assert grid["B1-K1-W5"]["entries"] == 0  # its only entry was deleted
    assert (grid["B1-K2-W2"]["starrts"], grid["B1-K2-W2"]["starrts_rated"]) == (1, 1)
    assert (grid["B1-K2-W3"]["starrts"], grid["B1-K2-W3"]["moments"]) == (1, 1)  # the draft
    empty = [c for c, r in grid.items() if not any(r[k] for k in ("entries", "starrts", "moments"))]
    assert empty == ["B1-K1-W1", "B1-K1-W2", "B1-K1-W5", "B1-K2-W1"]
    assert body["starrts"]["rated_sufficient"] == 1 and body["starrts"]["minimum"] == 5


def test_the_trainer_s_and_docent_s_grid_counts_the_shared_part(world):
    for who in ("trainer", "docent"):
        grid, _ = _grid(world[who], world["placement"])
        assert grid["B1-K1-W3"]["starrts"] == 2 and grid["B1-K1-W3"]["entries"] == 2
        assert (grid["B1-K2-W3"]["starrts"], grid["B1-K2-W3"]["moments"]) == (0, 0)


def test_the_grid_takes_a_few_queries_whatever_the_evidence(app, world, monkeypatch):
    statements = []
    original = db.obj.execute_sql

    def counting(sql, *args, **kwargs):
        statements.append(sql)
        return original(sql, *args, **kwargs)

    monkeypatch.setattr(db.obj, "execute_sql", counting)
    with app.test_request_context():
        from app.services import overview

        overview.coverage(world["placement"].student, world["placement"].id)
    # placement, KD, 3 kinds, progress (2), and photos once that kind is registered (#9)
    assert len(statements) <= 8, statements


def _timeline(client, placement, query=""):
    return client.get(f"/api/placements/{placement.id}/timeline{query}").get_json()


def test_the_timeline_lists_everything_newest_first_and_filters(world):
    w, p = world, world["placement"]
    body = _timeline(w["student"], p)
    # "photo" once the photos kind is registered (#9); the world has none.
    assert body["kinds"] == ["entry", "photo", "starrt", "learning_moment", "note"]
    items = body["items"]
    assert [i["date"] for i in items] == sorted((i["date"] for i in items), reverse=True)
    assert {i["kind"] for i in items} == {"entry", "starrt", "learning_moment", "note"}
    assert len(items) == 2 + 3 + 1 + 2
    only = _timeline(w["student"], p, "?kind=starrt")["items"]
    assert {i["kind"] for i in only} == {"starrt"} and len(only) == 3
    tagged = _timeline(w["student"], p, "?werkproces=B1-K1-W3")["items"]
    assert sorted(i["kind"] for i in tagged) == ["entry", "entry", "starrt", "starrt"]
    both = _timeline(w["student"], p, "?kind=entry&werkproces=B1-K1-W4")["items"]
    assert [i["id"] for i in both] == [w["e2"]["id"]]
    assert w["student"].get(f"/api/placements/{p.id}/timeline?kind=foto").status_code == 422
    assert w["student"].get(f"/api/placements/{p.id}/timeline?werkproces=x").status_code == 422


@pytest.mark.parametrize(("who", "notes"), [("trainer", set()), ("docent", {"voor docent"})])
def test_the_others_see_the_shared_part_of_the_timeline(world, who, notes):
    items = _timeline(world[who], world["placement"])["items"]
    shared = {s["id"] for s in world["starrts"]}
    assert {i["id"] for i in items if i["kind"] == "starrt"} == shared
    assert {i["data"]["text"] for i in items if i["kind"] == "note"} == notes
    assert not [i for i in items if i["kind"] == "learning_moment"]
    assert len([i for i in items if i["kind"] == "entry"]) == 2
