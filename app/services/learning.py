"""The student's learning goals (leerdoelen, with the criteria that show it is reached) and
learning moments (something learned, linked to a goal and/or werkprocessen, with an optional
reflection in a chosen model). Private: seen by the student alone until shared (a guidance
question, next issue, shares through evidence links)."""

import json

from app.errors import RuleViolation
from app.models import LearningGoal, LearningMoment
from app.models.base import utcnow
from app.services import evidence, student_records, werkprocessen

GOAL_KIND = "learning_goal"
MOMENT_KIND = "learning_moment"
MOMENT_FIELDS = ("date", "text", "goal_id", "reflection_model", "reflection")


def visible_goals(actor):
    return evidence.own_or_shared(LearningGoal, GOAL_KIND, actor)


def visible_moments(actor):
    return evidence.own_or_shared(LearningMoment, MOMENT_KIND, actor)


# --- goals -----------------------------------------------------------------------------------


def get_goal(actor, goal_id):
    return student_records.get(visible_goals, LearningGoal, actor, goal_id)


def list_goals(actor, placement_id):
    query = student_records.listed(visible_goals, LearningGoal, actor, placement_id)
    return query.order_by(LearningGoal.created_at, LearningGoal.id)


def create_goal(actor, placement_id, data):
    def build(placement):
        goal = LearningGoal(placement=placement, title=data["title"], criteria=data["criteria"])
        goal.reached_at = utcnow() if data.get("reached") else None
        return goal

    canonical = {k: data.get(k) for k in ("title", "criteria", "reached")}
    return student_records.create(LearningGoal, actor, placement_id, data, canonical, build)


def update_goal(actor, goal_id, base_version, changes):
    def apply(goal):
        goal.title = changes.get("title", goal.title)
        goal.criteria = changes.get("criteria", goal.criteria)
        if "reached" in changes and changes["reached"] != (goal.reached_at is not None):
            goal.reached_at = utcnow() if changes["reached"] else None

    return student_records.change(visible_goals, LearningGoal, actor, goal_id, base_version, apply)


def delete_goal(actor, goal_id, base_version):
    return student_records.delete(visible_goals, LearningGoal, actor, goal_id, base_version)


# --- moments ---------------------------------------------------------------------------------


def get_moment(actor, moment_id):
    return student_records.get(visible_moments, LearningMoment, actor, moment_id)


def list_moments(actor, placement_id):
    query = student_records.listed(visible_moments, LearningMoment, actor, placement_id)
    return query.order_by(LearningMoment.date.desc(), LearningMoment.created_at.desc())


def _goal(placement, goal_id):
    """The goal must be one of this placement's, not deleted: else 422 on `goal_id`."""
    if goal_id is None:
        return None
    found = (
        LearningGoal.select(LearningGoal.id)
        .where(
            (LearningGoal.id == goal_id)
            & (LearningGoal.placement == placement.id)
            & LearningGoal.deleted_at.is_null()
        )
        .first()
    )
    if found is None:
        raise RuleViolation("unknown_goal", field="goal_id")
    return found.id


def _reflection(model_name, parts):
    """JSON of the chosen model's parts; 422 on `reflection` for parts of another model."""
    from app.models.learning import REFLECTION_MODELS

    parts = {k: v for k, v in (parts or {}).items() if v.strip()}
    if not model_name:
        if parts:
            raise RuleViolation("reflection_without_model", field="reflection_model")
        return ""
    wrong = sorted(set(parts) - set(REFLECTION_MODELS[model_name]))
    if wrong:
        raise RuleViolation("reflection_parts", field="reflection", parts=", ".join(wrong))
    return json.dumps(parts, sort_keys=True, ensure_ascii=False) if parts else ""


def _apply_moment(moment, placement, data):
    moment.date = data["date"]
    moment.text = data["text"]
    moment.goal = _goal(placement, data.get("goal_id"))
    moment.reflection_model = data.get("reflection_model") or ""
    moment.reflection = _reflection(moment.reflection_model, data.get("reflection"))


def create_moment(actor, placement_id, data):
    def build(placement):
        moment = LearningMoment(placement=placement)
        _apply_moment(moment, placement, data)
        return moment

    canonical = {
        "date": data["date"].isoformat(),
        "text": data["text"],
        "goal_id": str(data["goal_id"]) if data.get("goal_id") else None,
        "reflection_model": data.get("reflection_model") or "",
        "reflection": data.get("reflection") or {},
        "werkprocessen": data.get("werkprocessen") or [],
    }

    def after(moment, placement):
        werkprocessen.set_tags(MOMENT_KIND, moment, placement, data.get("werkprocessen"))

    return student_records.create(
        LearningMoment, actor, placement_id, data, canonical, build, after
    )


def update_moment(actor, moment_id, base_version, changes):
    def apply(moment):
        current = moment_dict(moment)
        merged = {**current, **changes}
        if "reflection_model" in changes and "reflection" not in changes:
            merged["reflection"] = {}  # another model: its parts start empty
        _apply_moment(moment, moment.placement, merged)
        werkprocessen.set_tags(MOMENT_KIND, moment, moment.placement, changes.get("werkprocessen"))

    return student_records.change(
        visible_moments, LearningMoment, actor, moment_id, base_version, apply
    )


def delete_moment(actor, moment_id, base_version):
    return student_records.delete(visible_moments, LearningMoment, actor, moment_id, base_version)


def moment_dict(moment):
    """The stored fields in the shape a create sends (the reflection as a dict)."""
    return {
        "date": moment.date,
        "text": moment.text,
        "goal_id": moment.goal_id,
        "reflection_model": moment.reflection_model,
        "reflection": json.loads(moment.reflection) if moment.reflection else {},
    }
