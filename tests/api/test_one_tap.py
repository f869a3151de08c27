"""One-tap approval links: opening changes nothing, the button decides once, and a link that is
reused, expired, tampered with or stale is refused with a clear page."""

import datetime as dt

import pytest

from app.models import ApprovalToken, Delivery, Week
from app.services import reminders, users
from app.services import weeks as week_service
from tests.conftest import TODAY, entry_body, module_app

shared_app, app = module_app("one_tap")
LAST_WEEK = "2026-W46"


@pytest.fixture
def waiting(app, make_placement, login_as, monkeypatch):
    monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-11-18T12:00:00+01:00")
    placement = make_placement()
    student = login_as(placement.student)
    body = entry_body(day=TODAY - dt.timedelta(days=7), description="Netwerkkast gepatcht")
    assert student.post(f"/api/placements/{placement.id}/entries", json=body).status_code == 201
    assert (
        student.post(f"/api/placements/{placement.id}/weeks/{LAST_WEEK}/submit").status_code == 200
    )
    with app.test_request_context():
        week = Week.get(Week.placement == placement.id)
        link = reminders.approval_link(placement.praktijkopleider, week)
    return placement, student, link


def _week(placement):
    return Week.get(Week.placement == placement.id)


def test_opening_the_link_shows_the_week_and_changes_nothing(app, waiting):
    placement, _, link = waiting
    before = (_week(placement).status, _week(placement).version)
    page = app.test_client().get(link)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert placement.student.name in html and "Netwerkkast gepatcht" in html
    assert "Goedkeuren" in html and "3:30" in html
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert (_week(placement).status, _week(placement).version) == before
    assert ApprovalToken.get().used_at is None


def test_the_button_approves_once(app, waiting):
    placement, _, link = waiting
    client = app.test_client()
    done = client.post(link, data={"action": "approve"})
    assert done.status_code == 200 and "Goedgekeurd" in done.get_data(as_text=True)
    assert _week(placement).status == "approved"
    assert _week(placement).decided_by_id == placement.praktijkopleider_id
    again = client.post(link, data={"action": "approve"})
    assert again.status_code == 410 and "werkt niet" in again.get_data(as_text=True)
    assert client.get(link).status_code == 410


def test_reject_needs_a_comment_and_tells_the_student_at_once(app, waiting):
    placement, _, link = waiting
    client = app.test_client()
    empty = client.post(link, data={"action": "reject", "comment": "  "})
    assert empty.status_code == 200 and "waarom je de week afkeurt" in empty.get_data(as_text=True)
    assert _week(placement).status == "submitted" and ApprovalToken.get().used_at is None
    done = client.post(link, data={"action": "reject", "comment": "Dinsdag ontbreekt"})
    assert done.status_code == 200 and _week(placement).status == "rejected"
    assert _week(placement).comment == "Dinsdag ontbreekt"
    told = Delivery.get(Delivery.user == placement.student_id)
    assert (told.kind, told.urgency, told.navigate) == (
        "week_rejected",
        "high",
        f"/week?w={LAST_WEEK}",
    )


def test_an_expired_link_is_refused(app, waiting, monkeypatch):
    placement, _, link = waiting
    monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-11-25T11:59:00+01:00")  # 7 days less 1 min
    assert app.test_client().get(link).status_code == 200
    monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-11-25T12:00:00+01:00")  # 7 days on
    assert app.test_client().post(link, data={"action": "approve"}).status_code == 410
    assert _week(placement).status == "submitted"


def test_a_tampered_link_is_refused_and_counted(app, waiting):
    placement, _, link = waiting
    response = app.test_client().post(link[:-2] + "xx", data={"action": "approve"})
    assert response.status_code == 410
    assert _week(placement).status == "submitted"


def test_a_link_to_a_week_that_changed_is_refused(app, waiting):
    placement, student, link = waiting
    url = f"/api/placements/{placement.id}/weeks/{LAST_WEEK}"
    student.post(f"{url}/withdraw")
    student.post(f"{url}/submit")  # submitted again, but not the version the link was for
    assert app.test_client().post(link, data={"action": "approve"}).status_code == 410
    assert _week(placement).status == "submitted"


def test_a_trainer_who_left_the_company_cannot_use_the_link(app, waiting, make_company):
    placement, _, link = waiting
    with app.app_context():
        users.move_to_company(placement.praktijkopleider, make_company())
    assert app.test_client().post(link, data={"action": "approve"}).status_code == 410
    assert _week(placement).status == "submitted"


def test_only_the_hash_is_stored(app, waiting):
    _, _, link = waiting
    token = link.rsplit("/", 1)[1]
    assert token not in ApprovalToken.get().token_hash
    assert len(ApprovalToken.get().token_hash) == 64


def test_week_service_decisions_and_links_share_the_rules(app, waiting):
    placement, _, link = waiting
    with app.test_request_context():
        week_service.transition(placement.praktijkopleider, placement.id, LAST_WEEK, "approve")
    assert app.test_client().get(link).status_code == 410


def test_wrong_tokens_posted_are_counted_and_then_throttled(app, waiting, monkeypatch):
    from app.models import LoginFailure
    from app.services import approval_links

    monkeypatch.setattr(approval_links, "MAX_WRONG_PER_ADDRESS", 3)
    client = app.test_client()
    for _ in range(3):
        assert client.post("/beslis/not-a-token", data={"action": "approve"}).status_code == 410
    assert LoginFailure.select().where(LoginFailure.email == "approval-link").count() == 3
    _, _, link = waiting
    assert client.post(link, data={"action": "approve"}).status_code == 429
