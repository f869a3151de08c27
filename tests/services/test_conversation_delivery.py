"""Conversation notifications go only to who still takes part in the line when they are sent:
a docent reassigned away, or a trainer who changed employer, never gets the queued text."""

import uuid

import pytest

from app import mail
from app.models import Delivery, Placement
from app.models.notifications import PENDING, SKIPPED
from app.models.users import TEACHER
from app.services import delivery, placements, users
from tests.conftest import module_app

shared_app, app = module_app("conversation_delivery")
NOON = "2026-11-18T12:00:00+01:00"  # outside quiet hours


@pytest.fixture
def sent(app, monkeypatch):
    monkeypatch.setitem(app.config, "FROZEN_NOW", NOON)
    mails = []
    monkeypatch.setattr(mail, "send", lambda to, subject, text: mails.append((to, text)))
    return mails


def _write(client, placement, line, body):
    url = f"/api/placements/{placement.id}/conversations/{line}/messages"
    response = client.post(url, json={"id": str(uuid.uuid4()), "body": body})
    assert response.status_code == 201, response.get_json()


def _previews_on(client):
    assert (
        client.patch("/api/notifications/settings", json={"message_preview": True}).status_code
        == 200
    )


def _deliver(app):
    with app.app_context():
        return delivery.deliver_due()


def _states(user_id):
    return [d.state for d in Delivery.select().where(Delivery.user == user_id)]


def test_the_current_docent_gets_the_message(app, sent, make_placement, login_as):
    p = make_placement()
    _previews_on(login_as(p.docent))
    _write(login_as(p.student), p, "school", "het gaat niet goed")
    assert _deliver(app) == {"sent": 1}
    assert [to for to, _ in sent] == [p.docent.email]


def test_a_reassigned_docent_loses_the_queued_message(
    app, sent, make_placement, make_user, login_as
):
    p = make_placement()
    _previews_on(login_as(p.docent))
    _write(login_as(p.student), p, "school", "het gaat niet goed met mijn begeleider")
    placements.reassign(p.id, docent=make_user(TEACHER).id)
    assert _states(p.docent_id) == [SKIPPED]
    _deliver(app)
    assert sent == []


def test_access_is_checked_again_when_sending(app, sent, make_placement, make_user, login_as):
    """Even when the placement changed some other way than reassign()."""
    p = make_placement()
    _previews_on(login_as(p.docent))
    _write(login_as(p.student), p, "school", "geheim")
    Placement.update(docent=make_user(TEACHER).id).where(Placement.id == p.id).execute()
    assert _states(p.docent_id) == [PENDING]
    assert _deliver(app) == {SKIPPED: 1}
    assert sent == []


def test_a_trainer_who_changed_employer_loses_the_queued_message(
    app, sent, make_placement, make_company, login_as
):
    p = make_placement()
    _previews_on(login_as(p.praktijkopleider))
    _write(login_as(p.student), p, "stage", "vraag aan de praktijkopleider")
    trainer_id = p.praktijkopleider_id
    with app.app_context():
        users.move_to_company(p.praktijkopleider, make_company())
    assert SKIPPED in _states(trainer_id)
    _deliver(app)
    assert p.praktijkopleider.email not in [to for to, _ in sent]


def test_a_guidance_question_skips_a_docent_reassigned_before_sending(
    app, sent, make_placement, make_user, login_as
):
    from tests.conftest import entry_body

    p = make_placement()
    student = login_as(p.student)
    entry = student.post(f"/api/placements/{p.id}/entries", json=entry_body()).get_json()
    asked = student.post(
        f"/api/placements/{p.id}/guidance-questions",
        json={
            "id": str(uuid.uuid4()),
            "question": "Kunnen we bellen?",
            "answer_mode": "call",
            "items": [{"kind": "entry", "id": entry["id"]}],
        },
    )
    assert asked.status_code == 201, asked.get_json()
    Placement.update(docent=make_user(TEACHER).id).where(Placement.id == p.id).execute()
    _deliver(app)
    assert p.docent.email not in [to for to, _ in sent]
    assert SKIPPED in _states(p.docent_id)
