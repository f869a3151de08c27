"""The week state machine as a table: every (status, action) pair, allowed or refused."""

import uuid

import pytest

from app.errors import Conflict, RuleViolation
from app.models import Week
from app.services import entries, weeks
from tests.conftest import TODAY

LABEL = "2026-W47"  # holds TODAY

# (status before, action, status after | error code)
TABLE = [
    ("open", "submit", "submitted"),
    ("open", "withdraw", "invalid_transition"),
    ("open", "approve", "invalid_transition"),
    ("open", "reject", "invalid_transition"),
    ("submitted", "submit", "invalid_transition"),
    ("submitted", "withdraw", "open"),
    ("submitted", "approve", "approved"),
    ("submitted", "reject", "rejected"),
    ("approved", "submit", "invalid_transition"),
    ("approved", "withdraw", "invalid_transition"),
    ("approved", "approve", "invalid_transition"),
    ("approved", "reject", "invalid_transition"),
    ("rejected", "submit", "submitted"),
    ("rejected", "withdraw", "invalid_transition"),
    ("rejected", "approve", "invalid_transition"),
    ("rejected", "reject", "invalid_transition"),
]


@pytest.fixture
def placement_with_entry(app, make_placement):
    import datetime as dt

    placement = make_placement()
    with app.test_request_context():
        entries.create_entry(
            placement.student,
            placement.id,
            {
                "id": uuid.uuid4(),
                "date": TODAY,
                "start_time": dt.time(8, 0),
                "end_time": dt.time(12, 0),
                "category": 1,
                "description": "",
            },
        )
    return placement


def _force(placement, status):
    Week.update(status=status).where(Week.placement == placement.id).execute()


@pytest.mark.parametrize(("before", "action", "after"), TABLE)
def test_week_transitions(app, placement_with_entry, before, action, after):
    placement = placement_with_entry
    _force(placement, before)
    actor = placement.student if action in ("submit", "withdraw") else placement.praktijkopleider
    with app.test_request_context():
        if after in ("submitted", "open", "approved", "rejected"):
            week = weeks.transition(actor, placement.id, LABEL, action, comment="Te weinig uitleg")
            assert week.status == after
            assert Week.get_by_id(week.id).status == after
        else:
            with pytest.raises(Conflict) as caught:
                weeks.transition(actor, placement.id, LABEL, action, comment="x")
            assert caught.value.code == after
            assert Week.get(Week.placement == placement.id).status == before


def test_reject_needs_a_comment(app, placement_with_entry):
    placement = placement_with_entry
    _force(placement, "submitted")
    with app.test_request_context(), pytest.raises(RuleViolation) as caught:
        weeks.transition(placement.praktijkopleider, placement.id, LABEL, "reject", comment="  ")
    assert (caught.value.code, caught.value.field) == ("comment_required", "comment")


def test_submitting_an_empty_week_is_refused(app, make_placement):
    placement = make_placement()
    with app.test_request_context(), pytest.raises(RuleViolation) as caught:
        weeks.transition(placement.student, placement.id, "2026-W46", "submit")
    assert caught.value.code == "week_empty"


def test_approving_a_withdrawn_week_says_so(app, placement_with_entry):
    placement = placement_with_entry
    with app.test_request_context():
        weeks.transition(placement.student, placement.id, LABEL, "submit")
        weeks.transition(placement.student, placement.id, LABEL, "withdraw")
        with pytest.raises(Conflict) as caught:
            weeks.transition(placement.praktijkopleider, placement.id, LABEL, "approve")
    assert caught.value.code == "week_withdrawn"


def test_every_transition_bumps_version_and_change_seq(app, placement_with_entry):
    placement = placement_with_entry
    before = Week.get(Week.placement == placement.id)
    with app.test_request_context():
        after = weeks.transition(placement.student, placement.id, LABEL, "submit")
    assert after.version == before.version + 1
    assert after.change_seq > before.change_seq


def test_withdrawn_week_is_reported_as_withdrawn_even_with_an_old_version(
    app, placement_with_entry
):
    placement = placement_with_entry
    with app.test_request_context():
        seen = weeks.transition(placement.student, placement.id, LABEL, "submit").version
        weeks.transition(placement.student, placement.id, LABEL, "withdraw")
        with pytest.raises(Conflict) as caught:
            weeks.transition(
                placement.praktijkopleider, placement.id, LABEL, "approve", seen_version=seen
            )
    assert caught.value.code == "week_withdrawn"
