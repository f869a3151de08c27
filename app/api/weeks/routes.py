"""Weeks of a placement and their lifecycle: submit, withdraw, approve, reject."""

from flask import make_response
from flask.views import MethodView

from app.api.blueprint import Blueprint
from app.api.common import QueryPage, actor
from app.api.idempotency import PARAMETER as IDEMPOTENCY_KEY
from app.api.idempotency import idempotent
from app.api.versioning import if_match_parameter, if_match_version, set_etag
from app.services import weeks

from .schemas import RejectSchema, WeekDetailSchema, WeekSchema

blp = Blueprint("weeks", __name__, url_prefix="/api/placements", description="Logbook weeks")

WEEK_PATH = "/<int:placement_id>/weeks/<string:week>"


def _detail_response(week):
    week.entries = list(weeks.week_entries(week))
    for key, value in weeks.week_totals(week).items():
        setattr(week, key, value)
    return set_etag(make_response(WeekDetailSchema().dump(week)), week.version)


@blp.route("/<int:placement_id>/weeks")
class WeekList(MethodView):
    @blp.response(200, WeekSchema(many=True))
    @blp.paginate(QueryPage, page_size=60)
    def get(self, placement_id):
        """Weeks of a placement with their status and totals, newest first"""
        return weeks.list_weeks(actor(), placement_id)


@blp.route(WEEK_PATH)
class WeekDetail(MethodView):
    @blp.response(200, WeekDetailSchema)
    def get(self, placement_id, week):
        """One week with its entries and totals (an untouched week is open and empty)"""
        _, found = weeks.get_week(actor(), placement_id, week)
        return _detail_response(found)


def _transition(placement_id, week, action, comment=None):
    changed = weeks.transition(
        actor(),
        placement_id,
        week,
        action,
        comment=comment,
        seen_version=if_match_version(required=False),
    )
    return _detail_response(changed)


@blp.post(WEEK_PATH + "/submit")
@blp.response(200, WeekDetailSchema)
@blp.alt_response(409, description="invalid_transition")
@blp.alt_response(422, description="week_empty")
@idempotent
def submit(placement_id, week):
    """Hand in the week (open or rejected -> submitted)"""
    return _transition(placement_id, week, "submit")


@blp.post(WEEK_PATH + "/withdraw")
@blp.response(200, WeekDetailSchema)
@blp.alt_response(409, description="invalid_transition: already decided")
@idempotent
def withdraw(placement_id, week):
    """Take the week back before it is decided (submitted -> open)"""
    return _transition(placement_id, week, "withdraw")


@blp.post(WEEK_PATH + "/approve")
@blp.response(200, WeekDetailSchema)
@blp.alt_response(409, description="week_withdrawn, invalid_transition")
@blp.alt_response(412, description="The week changed since the trainer saw it (If-Match)")
@blp.doc(parameters=[if_match_parameter(required=False), IDEMPOTENCY_KEY])
@idempotent
def approve(placement_id, week):
    """Approve the week (its trainer; submitted -> approved, final)"""
    return _transition(placement_id, week, "approve")


@blp.post(WEEK_PATH + "/reject")
@blp.arguments(RejectSchema)
@blp.response(200, WeekDetailSchema)
@blp.alt_response(409, description="week_withdrawn, invalid_transition")
@blp.alt_response(422, description="comment_required")
@idempotent
def reject(data, placement_id, week):
    """Reject the week with a comment (its trainer; submitted -> rejected)"""
    return _transition(placement_id, week, "reject", comment=data["comment"])
