"""Learning goals (leerdoelen) and learning moments: the student's own."""

from flask import Response
from flask.views import MethodView

from app.api.blueprint import Blueprint
from app.api.common import QueryPage, actor
from app.api.idempotency import PARAMETER as IDEMPOTENCY_KEY
from app.api.idempotency import idempotent
from app.api.versioning import if_match_parameter, if_match_version, record_response
from app.services import learning

from .schemas import (
    GoalCreateSchema,
    GoalSchema,
    GoalUpdateSchema,
    MomentCreateSchema,
    MomentSchema,
    MomentUpdateSchema,
)

blp = Blueprint("learning", __name__, url_prefix="/api", description="Learning goals and moments")
CHANGE = [if_match_parameter(required=True), IDEMPOTENCY_KEY]


@blp.route("/placements/<int:placement_id>/learning-goals")
class PlacementGoals(MethodView):
    @blp.response(200, GoalSchema(many=True))
    @blp.paginate(QueryPage, page_size=100, max_page_size=500)
    def get(self, placement_id):
        """The student's learning goals, oldest first"""
        return learning.list_goals(actor(), placement_id)

    @blp.arguments(GoalCreateSchema)
    @blp.response(201, GoalSchema)
    @blp.alt_response(200, schema=GoalSchema, description="Replay: this id exists, same body")
    @idempotent
    def post(self, data, placement_id):
        """Set a learning goal with the criteria that show it is reached"""
        goal, created = learning.create_goal(actor(), placement_id, data)
        return record_response(goal, 201 if created else 200)


@blp.route("/learning-goals/<uuid:goal_id>")
class GoalDetail(MethodView):
    @blp.response(200, GoalSchema)
    def get(self, goal_id):
        """One learning goal"""
        return record_response(learning.get_goal(actor(), goal_id))

    @blp.arguments(GoalUpdateSchema)
    @blp.response(200, GoalSchema)
    @blp.doc(parameters=CHANGE)
    @idempotent
    def patch(self, data, goal_id):
        """Change a goal or mark it reached; send If-Match"""
        return record_response(learning.update_goal(actor(), goal_id, if_match_version(), data))

    @blp.response(204)
    @blp.doc(parameters=CHANGE)
    @idempotent
    def delete(self, goal_id):
        """Delete a goal; send If-Match"""
        learning.delete_goal(actor(), goal_id, if_match_version())
        return Response(status=204)


@blp.route("/placements/<int:placement_id>/learning-moments")
class PlacementMoments(MethodView):
    @blp.response(200, MomentSchema(many=True))
    @blp.paginate(QueryPage, page_size=100, max_page_size=500)
    def get(self, placement_id):
        """The student's learning moments, newest first"""
        return learning.list_moments(actor(), placement_id)

    @blp.arguments(MomentCreateSchema)
    @blp.response(201, MomentSchema)
    @blp.alt_response(200, schema=MomentSchema, description="Replay: this id exists, same body")
    @blp.alt_response(422, description="goal_id, werkprocessen or reflection is invalid")
    @idempotent
    def post(self, data, placement_id):
        """Record a learning moment, with a goal, werkprocessen and a reflection if wanted"""
        moment, created = learning.create_moment(actor(), placement_id, data)
        return record_response(moment, 201 if created else 200)


@blp.route("/learning-moments/<uuid:moment_id>")
class MomentDetail(MethodView):
    @blp.response(200, MomentSchema)
    def get(self, moment_id):
        """One learning moment"""
        return record_response(learning.get_moment(actor(), moment_id))

    @blp.arguments(MomentUpdateSchema)
    @blp.response(200, MomentSchema)
    @blp.doc(parameters=CHANGE)
    @idempotent
    def patch(self, data, moment_id):
        """Change a learning moment; send If-Match"""
        return record_response(learning.update_moment(actor(), moment_id, if_match_version(), data))

    @blp.response(204)
    @blp.doc(parameters=CHANGE)
    @idempotent
    def delete(self, moment_id):
        """Delete a learning moment; send If-Match"""
        learning.delete_moment(actor(), moment_id, if_match_version())
        return Response(status=204)
