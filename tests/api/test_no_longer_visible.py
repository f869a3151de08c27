"""The feed's "no longer visible": whoever loses a placement is told, nobody else is."""

from app.models.users import TRAINER
from app.services import placements, users
from tests.conftest import entry_body, module_app

shared_app, app = module_app("revocations")


def _feed(client, since=0):
    return client.get(f"/api/sync/changes?since={since}").get_json()


def test_a_reassigned_trainer_is_told_and_the_new_one_sees_the_placement(
    make_placement, make_user, login_as
):
    placement = make_placement()
    student = login_as(placement.student)
    student.post(f"/api/placements/{placement.id}/entries", json=entry_body())
    old = login_as(placement.praktijkopleider)
    newcomer = make_user(TRAINER, company=placement.company)
    new_user = login_as(newcomer)
    cursors = {
        name: _feed(c)["cursor"]
        for name, c in [("old", old), ("new", new_user), ("student", student)]
    }

    placements.reassign(placement.id, praktijkopleider=newcomer.id)

    told = _feed(old, cursors["old"])["changes"]
    assert [(c["kind"], c["id"], c["revoked"]) for c in told] == [
        ("placement", str(placement.id), True)
    ]
    assert old.get(f"/api/placements/{placement.id}").status_code == 404
    seen = [c for c in _feed(new_user, cursors["new"])["changes"] if c["kind"] == "placement"]
    assert [(c["revoked"], c["data"]["praktijkopleider"]["id"]) for c in seen if c["data"]] == [
        (False, newcomer.id)
    ]
    assert [c["id"] for c in seen if c["granted"]] == [str(placement.id)]
    # The student keeps it, and learns of the new trainer through the same change.
    own = _feed(student, cursors["student"])["changes"]
    assert [(c["kind"], c["revoked"]) for c in own] == [("placement", False)]


def test_reassigning_to_the_same_people_changes_nothing(make_placement, login_as):
    placement = make_placement()
    trainer = login_as(placement.praktijkopleider)
    cursor = _feed(trainer)["cursor"]
    placements.reassign(placement.id, praktijkopleider=placement.praktijkopleider_id)
    assert _feed(trainer, cursor)["changes"] == []


def test_a_trainer_who_moves_to_another_company_loses_its_students(
    make_placement, make_company, login_as
):
    placement = make_placement()
    trainer_user = placement.praktijkopleider
    trainer = login_as(trainer_user)
    cursor = _feed(trainer)["cursor"]

    users.move_to_company(trainer_user, make_company(name="Nieuw bedrijf"))

    told = _feed(trainer, cursor)["changes"]
    assert [(c["kind"], c["id"], c["revoked"]) for c in told] == [
        ("placement", str(placement.id), True)
    ]
    assert trainer.get("/api/placements").get_json() == []


def test_a_newcomer_is_told_to_fetch_the_placement_with_its_history(
    make_placement, make_user, login_as
):
    placement = make_placement()
    student = login_as(placement.student)
    entry = student.post(f"/api/placements/{placement.id}/entries", json=entry_body()).get_json()
    newcomer = make_user(TRAINER, company=placement.company)
    make_placement(company=placement.company, trainer=newcomer)  # their own earlier student
    new = login_as(newcomer)
    cursor = _feed(new)["cursor"]  # past this placement's history

    placements.reassign(placement.id, praktijkopleider=newcomer.id)

    told = _feed(new, cursor)["changes"]
    assert entry["id"] not in {c["id"] for c in told}  # older than the cursor: not in the feed
    assert [
        (c["kind"], c["id"], c["granted"], c["revoked"]) for c in told if c["data"] is None
    ] == [("placement", str(placement.id), True, False)]
    scoped = new.get(f"/api/sync/changes?since=0&placement={placement.id}").get_json()
    kinds = sorted(
        (c["kind"], c["data"]["placement_id"] if c["kind"] != "placement" else c["data"]["id"])
        for c in scoped["changes"]
    )
    assert kinds == [("entry", placement.id), ("placement", placement.id), ("week", placement.id)]
    # Someone who cannot see it gets nothing from the scoped feed.
    outsider = login_as(make_user(TRAINER, company=placement.company))
    assert (
        outsider.get(f"/api/sync/changes?since=0&placement={placement.id}").get_json()["changes"]
        == []
    )
