"""Erasing a praktijkopleider's or docent's account keeps what they wrote in the student's
conversations, in order, under the institution's stand-in (docs/PRIVACY.md, Erasure)."""

import uuid

import pytest

from app.extensions import db
from app.models import User
from app.privacy import erasure
from tests.conftest import module_app

shared_app, app = module_app("staff_erasure")


def _say(client, placement, line, body):
    url = f"/api/placements/{placement.id}/conversations/{line}/messages"
    response = client.post(url, json={"id": str(uuid.uuid4()), "body": body})
    assert response.status_code == 201, response.get_json()


def _read(client, placement, line):
    url = f"/api/placements/{placement.id}/conversations/{line}/messages"
    return [(m["seq"], m["body"], m["author_id"]) for m in client.get(url).get_json()]


@pytest.mark.parametrize(("who", "line"), [("praktijkopleider", "stage"), ("docent", "school")])
def test_erased_staff_messages_stay_in_the_students_conversation(
    app, make_placement, login_as, who, line
):
    p = make_placement()
    student, staff = login_as(p.student), login_as(getattr(p, who))
    _say(student, p, line, "vraag")
    _say(staff, p, line, "antwoord")
    _say(student, p, line, "dank je")
    staff_id = getattr(p, f"{who}_id")
    with app.test_request_context(), db.atomic():
        assert erasure.erase(staff_id)
    stand_in = User.get((User.institution == p.student.institution_id) & User.anonymous)
    # Not the students' stand-in: the answer must not read as the student's own.
    assert (stand_in.name, stand_in.role) == ("Verwijderd account", getattr(p, who).role)
    assert _read(student, p, line) == [
        (1, "vraag", p.student_id),
        (2, "antwoord", stand_in.id),
        (3, "dank je", p.student_id),
    ]
    assert not User.select().where(User.id == staff_id).exists()
