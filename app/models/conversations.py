"""Conversations of a placement: the Stage line (student, praktijkopleider, docent) and the
School line (student and docent only); their messages, read markers and guidance questions.

A conversation row is made on first use (a message, a read marker, a question). Its `last_seq`
is the counter that numbers its messages: bumped with UPDATE ... RETURNING inside the sending
transaction, so the row lock (PostgreSQL) or the single writer (SQLite's BEGIN IMMEDIATE)
gives one order for every participant, however many send at once. Every change a participant
should see (a message, someone's read marker, a question) stamps the conversation too, so the
poll endpoint reads one maximum to know whether anything changed for a user.
"""

import dataclasses

import peewee

from app.models.base import BaseModel, SyncedModel
from app.models.client_records import ClientRecord
from app.models.placements import Placement
from app.models.users import TEACHER, TRAINER, User
from app.privacy import registry

LINE_STAGE = "stage"
LINE_SCHOOL = "school"
LINES = (LINE_STAGE, LINE_SCHOOL)

MAX_BODY = 4000
MAX_SHARED_ITEMS = 3

# How a student wants a guidance question answered (HU Stage-App).
ANSWER_MODES = ("written", "call", "video", "face_to_face")
QUESTION_OPEN, QUESTION_ANSWERED, QUESTION_RESOLVED = "open", "answered", "resolved"


class Conversation(SyncedModel):
    placement = peewee.ForeignKeyField(Placement, on_delete="CASCADE", backref="+")
    line = peewee.CharField(max_length=10)
    last_seq = peewee.IntegerField(default=0)

    class Meta:
        indexes = ((("placement", "line"), True),)


class Message(ClientRecord):
    placement = peewee.ForeignKeyField(Placement, on_delete="CASCADE", backref="+")
    conversation = peewee.ForeignKeyField(Conversation, on_delete="CASCADE", backref="+")
    line = peewee.CharField(max_length=10)
    seq = peewee.IntegerField()
    body = peewee.TextField()
    # A pointer to one of the student's items: a synced kind's name and the record's id.
    item_kind = peewee.CharField(max_length=40, null=True)
    item_id = peewee.CharField(max_length=64, null=True)
    # The guidance question this message opens or answers (School line only).
    question = peewee.UUIDField(null=True, index=True)

    class Meta:
        indexes = ((("conversation", "seq"), True),)


class ReadMarker(BaseModel):
    """How far one participant has read one conversation, and when their phone last had it
    open (no notification for a message they are looking at)."""

    user = peewee.ForeignKeyField(User, on_delete="CASCADE", backref="+")
    conversation = peewee.ForeignKeyField(Conversation, on_delete="CASCADE", backref="+")
    last_read_seq = peewee.IntegerField(default=0)
    open_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("user", "conversation"), True),)


class GuidanceQuestion(ClientRecord):
    """A student's question to their docent with at most three of their items, shared as they
    were at that moment (`snapshot`: JSON list of {kind, id, data})."""

    placement = peewee.ForeignKeyField(Placement, on_delete="CASCADE", backref="+")
    conversation = peewee.ForeignKeyField(Conversation, on_delete="CASCADE", backref="+")
    question = peewee.TextField()
    answer_mode = peewee.CharField(max_length=20)
    snapshot = peewee.TextField(default="[]")
    status = peewee.CharField(max_length=10, default=QUESTION_OPEN)
    answered_at = peewee.DateTimeField(null=True)
    proposed_at = peewee.DateTimeField(null=True)  # a time the docent proposes to talk
    proposed_note = peewee.TextField(default="")
    resolved_at = peewee.DateTimeField(null=True)


# -- privacy (docs/PRIVACY.md) ---------------------------------------------------------------

registry.declare(
    registry.NoPersonalData(
        Conversation,
        "Which lines a placement has and how many messages: the messages and read markers "
        "are declared themselves.",
    )
)
_MESSAGES = registry.placement_record(
    Message,
    kind="messages",
    whose="the student and whoever wrote to them (praktijkopleider, docent)",
    fields=(
        "id",
        "placement",
        "line",
        "seq",
        "created_by",
        "body",
        "item_kind",
        "item_id",
        "question",
        "created_at",
    ),
    withheld={
        "conversation": "The line is exported as `line`.",
        "updated_at": "When it was last stored: technical.",
        "deleted_at": "Messages are not deleted one by one.",
    },
    seen_by=(registry.SELF, TRAINER, TEACHER),
)


def _erase_messages(ctx):
    """The student's conversations go, and with them the notifications others got of them:
    their titles name the student (kind message or guidance_question, opening that line).

    What a trainer or docent wrote in someone else's conversation stays, under the
    institution's stand-in: their account's delete would otherwise cascade to it and cut
    answers out of the student's conversation (its order and sense)."""
    from app.models.notifications import KIND_GUIDANCE, KIND_MESSAGE, Delivery

    _MESSAGES.erase(ctx)
    from app.services.records import save_versioned

    # One by one, as logbook.py does: each gets a new version and change number, so the
    # phones holding it learn the new author through the changes feed.
    for message in Message.select().where(Message.created_by == ctx.subject.id):
        message.created_by = ctx.staff_placeholder()
        save_versioned(message, message.version)
    for placement_id in ctx.placements:
        Delivery.delete().where(
            Delivery.kind.in_((KIND_MESSAGE, KIND_GUIDANCE))
            & Delivery.navigate.startswith(f"/berichten?p={placement_id}&")
        ).execute()


registry.declare(dataclasses.replace(_MESSAGES, erase=_erase_messages))
registry.declare(
    registry.placement_record(
        GuidanceQuestion,
        kind="guidance_questions",
        whose="the student; the proposed time is the docent's",
        fields=(
            "id",
            "placement",
            "question",
            "answer_mode",
            "snapshot",
            "status",
            "answered_at",
            "proposed_at",
            "proposed_note",
            "resolved_at",
            "created_at",
        ),
        withheld={
            "conversation": "Always the School line of the placement.",
            "created_by": "Always the student.",
            "updated_at": "When it was last stored: technical.",
            "deleted_at": "Questions are not deleted one by one.",
        },
        seen_by=(registry.SELF, TEACHER),
    )
)


def _markers_of(subject):
    return ReadMarker.select().where(ReadMarker.user == subject.id).order_by(ReadMarker.id)


def _erase_markers(ctx):
    ReadMarker.delete().where(ReadMarker.user == ctx.subject.id).execute()


registry.declare(
    registry.PersonalData(
        ReadMarker,
        kind="read_markers",
        whose="the user",
        fields=("conversation", "last_read_seq", "open_at"),
        withheld={"id": "A row number.", "user": "Always the person the export is about."},
        seen_by=(registry.SELF, TRAINER, TEACHER),
        rows=_markers_of,
        erase=_erase_markers,
        follows=registry.ACCOUNT,
    )
)
