"""The student's own learning goals (leerdoelen) and learning moments (HU Stage-App): private
to the student; nobody else sees them until the student shares them (a later issue)."""

import peewee

from app.models.client_records import ClientRecord
from app.models.placements import Placement
from app.privacy import registry

# Reflection models a learning moment may use (HU Stage-App guide), with their parts in order.
REFLECTION_MODELS = {
    "feedback": ("feedback", "feedforward"),
    "starr": ("situatie", "taak", "actie", "resultaat", "reflectie"),
    # Korthagen's five phases: action, looking back, awareness, alternatives, trying out.
    "korthagen": ("handelen", "terugblikken", "bewustwording", "alternatieven", "uitproberen"),
}


class LearningGoal(ClientRecord):
    placement = peewee.ForeignKeyField(Placement, backref="learning_goals", on_delete="CASCADE")
    title = peewee.CharField(max_length=300)
    criteria = peewee.TextField(default="")  # what shows it is reached
    reached_at = peewee.DateTimeField(null=True)


class LearningMoment(ClientRecord):
    placement = peewee.ForeignKeyField(Placement, backref="learning_moments", on_delete="CASCADE")
    date = peewee.DateField()
    text = peewee.TextField()  # what was learned
    goal = peewee.ForeignKeyField(LearningGoal, null=True, on_delete="SET NULL", backref="moments")
    reflection_model = peewee.CharField(max_length=12, default="")
    reflection = peewee.TextField(default="")  # JSON: the model's parts

    class Meta:
        indexes = ((("placement", "date"), False),)


_MINE = (registry.SELF,)
_WHO = {
    "placement": "The student's own placement.",
    "created_by": "Always the student the export is about.",
}
registry.declare(
    registry.placement_record(
        LearningGoal,
        kind="learning_goals",
        fields=("id", "title", "criteria", "reached_at", "deleted_at", "created_at", "updated_at"),
        seen_by=_MINE,
        withheld=_WHO,
    )
)
registry.declare(
    registry.placement_record(
        LearningMoment,
        kind="learning_moments",
        fields=(
            "id",
            "date",
            "text",
            "goal",
            "reflection_model",
            "reflection",
            "deleted_at",
            "created_at",
            "updated_at",
        ),
        seen_by=_MINE,
        withheld=_WHO,
    )
)
