"""Werkprocessen as data, and tagging a record with them (hour entries here; every kind the same
way): only codes of the student's own programme, anything else 422 on `werkprocessen`."""

import datetime as dt
import uuid

import pytest

from app.models import HourEntry, Programme, WerkprocesTag
from app.services import entries, records
from tests.conftest import TODAY, assert_error, entry_body, module_app

shared_app, app = module_app("werkprocessen")


@pytest.fixture
def setup(make_placement, login_as):
    placement = make_placement()
    return placement, login_as(placement.student)


def _vig(make_placement):
    placement = make_placement()
    Programme.update(name="Verzorgende-IG", crebo="25655").where(
        Programme.id == placement.programme_id
    ).execute()
    return placement


def test_the_programme_tree_is_the_kd_in_order(setup, make_placement, login_as):
    placement, student = setup
    tree = student.get(f"/api/placements/{placement.id}/werkprocessen").get_json()
    assert [k["code"] for k in tree] == ["B1-K1", "B1-K2"]
    assert [w["code"] for w in tree[0]["werkprocessen"]] == [f"B1-K1-W{n}" for n in range(1, 6)]
    assert tree[0]["werkprocessen"][3]["title"] == "Test software"
    vig = _vig(make_placement)
    other = login_as(vig.student).get(f"/api/placements/{vig.id}/werkprocessen").get_json()
    assert len(other[0]["werkprocessen"]) == 8 and other[0]["title"].startswith("Biedt zorg")


def test_an_entry_carries_its_werkprocessen_everywhere(setup):
    placement, student = setup
    body = {**entry_body(), "werkprocessen": ["B1-K2-W1", "B1-K1-W3"]}
    created = student.post(f"/api/placements/{placement.id}/entries", json=body)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["werkprocessen"] == ["B1-K1-W3", "B1-K2-W1"]  # KD order
    again = student.post(f"/api/placements/{placement.id}/entries", json=body)
    assert again.status_code == 200 and again.get_json() == created.get_json()
    assert student.get(f"/api/entries/{body['id']}").get_json()["werkprocessen"] == [
        "B1-K1-W3",
        "B1-K2-W1",
    ]
    listed = student.get(f"/api/placements/{placement.id}/entries").get_json()
    assert listed[0]["werkprocessen"] == ["B1-K1-W3", "B1-K2-W1"]
    fed = student.get("/api/sync/changes?since=0").get_json()["changes"]
    (entry,) = [c["data"] for c in fed if c["kind"] == "entry"]
    assert entry["werkprocessen"] == ["B1-K1-W3", "B1-K2-W1"]


def test_an_untagged_create_keeps_the_digest_it_always_had(app, setup):
    placement, student = setup
    body = entry_body()
    student.post(f"/api/placements/{placement.id}/entries", json=body)
    row = HourEntry.get_by_id(body["id"])
    legacy = records.fingerprint(
        {
            "placement": placement.id,
            "date": body["date"],
            "start_time": body["start_time"],
            "end_time": body["end_time"],
            "category": 1,
            "description": body["description"],
        }
    )
    assert row.create_fingerprint == legacy
    assert student.get(f"/api/entries/{body['id']}").get_json()["werkprocessen"] == []


@pytest.mark.parametrize(
    "codes",
    [
        ["B1-K1-W8"],  # Verzorgende-IG's, not a software developer's
        ["B1-K1-W1", "P1-K1-W1"],  # one good, one that is in no loaded KD
        ["B1-K3-W1"],
    ],
)
def test_a_werkproces_of_another_programme_is_refused_and_nothing_is_stored(setup, codes):
    placement, student = setup
    body = {**entry_body(), "werkprocessen": codes}
    response = student.post(f"/api/placements/{placement.id}/entries", json=body)
    assert_error(response, 422, "unknown_werkproces", field="werkprocessen")
    assert not HourEntry.select().exists() and not WerkprocesTag.select().exists()


@pytest.mark.parametrize("bad", ["B1-K1-W1", [1], ["werkproces 1"], ["B1-K1-W1"] * 21])
def test_malformed_werkprocessen_name_the_field(setup, bad):
    placement, student = setup
    response = student.post(
        f"/api/placements/{placement.id}/entries", json={**entry_body(), "werkprocessen": bad}
    )
    assert_error(response, 422, field="werkprocessen")


def test_a_change_replaces_the_tags_and_a_refused_one_keeps_them(setup, make_placement):
    placement, student = setup
    body = {**entry_body(), "werkprocessen": ["B1-K1-W1"]}
    student.post(f"/api/placements/{placement.id}/entries", json=body)
    url = f"/api/entries/{body['id']}"
    changed = student.patch(url, json={"werkprocessen": ["B1-K1-W4"]}, headers={"If-Match": '"1"'})
    assert changed.status_code == 200 and changed.get_json()["werkprocessen"] == ["B1-K1-W4"]
    assert changed.get_json()["version"] == 2
    refused = student.patch(
        url, json={"description": "x", "werkprocessen": ["B1-K2-W4"]}, headers={"If-Match": '"2"'}
    )
    assert_error(refused, 422, "unknown_werkproces", field="werkprocessen")
    kept = student.get(url).get_json()
    assert (kept["werkprocessen"], kept["description"], kept["version"]) == (
        ["B1-K1-W4"],
        body["description"],
        2,
    )
    cleared = student.patch(url, json={"werkprocessen": []}, headers={"If-Match": '"2"'})
    assert cleared.get_json()["werkprocessen"] == []


def test_the_same_code_means_the_student_s_own_kd(app, make_placement):
    """B1-K1-W4 exists in both KDs: a VIG student's tag is their KD's werkproces."""
    vig = _vig(make_placement)
    data = {
        "id": uuid.uuid4(),
        "date": TODAY,
        "start_time": dt.time(8),
        "end_time": dt.time(12),
        "category": 1,
        "werkprocessen": ["B1-K1-W4", "B1-K1-W8"],
    }
    entry, _ = entries.create_entry(vig.student, vig.id, data)
    tags = WerkprocesTag.select().where(WerkprocesTag.record_id == entry.id)
    assert {t.werkproces.crebo for t in tags} == {"25655"}
    assert {t.werkproces.title for t in tags} == {
        "Voert verpleegtechnische handelingen uit",
        "Evalueert en rapporteert de zorgverlening",
    }


def test_the_feed_reads_the_tags_of_a_page_at_once(app, setup, monkeypatch):
    """The feed dumps record by record: the kind's `prepare` fetches every tag beforehand, so
    twice the entries take no more statements."""
    from app.extensions import db

    placement, student = setup

    def statements_for_feed():
        seen = []
        original = db.obj.execute_sql

        def counting(sql, *args, **kwargs):
            seen.append(sql)
            return original(sql, *args, **kwargs)

        monkeypatch.setattr(db.obj, "execute_sql", counting)
        assert student.get("/api/sync/changes?since=0").status_code == 200
        monkeypatch.setattr(db.obj, "execute_sql", original)
        return len(seen)

    def log(n, day):
        for hour in range(n):
            body = entry_body(day=day, start=f"{8 + hour:02d}:00", end=f"{8 + hour:02d}:30")
            body["werkprocessen"] = ["B1-K1-W3"]
            assert (
                student.post(f"/api/placements/{placement.id}/entries", json=body).status_code
                == 201
            )

    log(3, TODAY)
    few = statements_for_feed()
    log(6, TODAY - dt.timedelta(days=1))
    assert statements_for_feed() == few
