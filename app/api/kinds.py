"""The synced kinds, one line each (app/synced.py): what the changes feed, the 412 answer's
`current` copy and the API's replies read.

Adding a kind: its model and migration, service and resource package, then one line here and a
descriptor on the phone (docs/ADDING_A_RECORD_KIND.md).
"""

from app import synced
from app.api.conversations.schemas import ConversationSchema, MessageSchema, QuestionSchema
from app.api.entries.schemas import EntrySchema
from app.api.evidence_fields import attach  # Evidence (#9)
from app.api.learning.schemas import GoalSchema, MomentSchema  # Evidence (#9)
from app.api.notes.schemas import NoteSchema  # Evidence (#9)
from app.api.photos.schemas import PhotoSchema
from app.api.placements.schemas import PlacementSchema
from app.api.starrts.schemas import StarrtSchema  # Evidence (#9)
from app.api.weeks.schemas import WeekSchema
from app.models import (
    HourEntry,
    LearningGoal,  # Evidence (#9)
    LearningMoment,  # Evidence (#9)
    Note,  # Evidence (#9)
    Photo,  # Photos (#9)
    Placement,
    Starrt,  # Evidence (#9)
    Week,
)
from app.models.conversations import Conversation, GuidanceQuestion, Message
from app.services import (
    conversations,
    entries,
    guidance,
    learning,  # Evidence (#9)
    messages,
    notes,  # Evidence (#9)
    photos,  # Photos (#9)
    placements,
    starrts,  # Evidence (#9)
    weeks,
)

# fmt: off
KINDS = [
    # name       model      rows the actor may see       its one shape      computed fields
    ("placement", Placement, placements.visible_detailed, PlacementSchema(), placements.attach_progress),  # noqa: E501
    ("week",      Week,      weeks.visible_weeks,         WeekSchema(),      weeks.prepare),
    ("entry",     HourEntry, entries.visible_entries,     EntrySchema(),     attach("entry")),
    # Conversations (#10).
    ("conversation", Conversation, conversations.visible_conversations, ConversationSchema(), conversations.attach_markers),  # noqa: E501
    ("message",   Message,   messages.visible_messages,   MessageSchema(),   messages.attach),
    ("guidance_question", GuidanceQuestion, guidance.visible_questions, QuestionSchema(), None),  # noqa: E501
    # Photos (#9)
    ("photo",     Photo,     photos.visible_photos,       PhotoSchema(),     attach("photo")),
    # Evidence (#9)
    ("starrt",    Starrt,    starrts.visible_starrts,     StarrtSchema(),    attach("starrt", "starrt")),  # noqa: E501
    ("note",      Note,      notes.visible_notes,         NoteSchema(),      None),
    ("learning_goal",   LearningGoal,   learning.visible_goals,   GoalSchema(),   None),
    ("learning_moment", LearningMoment, learning.visible_moments, MomentSchema(), attach("learning_moment")),  # noqa: E501
]
# fmt: on


def register_kinds(app):
    for row in KINDS:
        synced.register(app, synced.SyncedKind(*row))
