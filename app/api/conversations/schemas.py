import datetime as dt

import marshmallow as ma

from app import clock
from app.api.common import ClientId, StrictSchema
from app.models.conversations import ANSWER_MODES, LINES, MAX_BODY, MAX_SHARED_ITEMS
from app.services.guidance import shared_items

BODY = ma.validate.Length(min=1, max=MAX_BODY)
MAX_SEQ = 2**31 - 1


class ItemRefSchema(StrictSchema):
    """One of the student's items: a synced kind's name (entry, week, photo, ...) and its id."""

    kind = ma.fields.Str(required=True, validate=ma.validate.Length(min=1, max=40))
    id = ma.fields.Str(required=True, validate=ma.validate.Length(min=1, max=64))


class MessageCreateSchema(StrictSchema):
    id = ClientId(required=True, metadata={"description": "Made by the phone: a v4 or v7 UUID"})
    body = ma.fields.Str(required=True, validate=BODY, metadata={"maxLength": MAX_BODY})
    item = ma.fields.Nested(ItemRefSchema, allow_none=True, load_default=None)
    question_id = ma.fields.UUID(allow_none=True, load_default=None)

    @ma.validates("body")
    def not_blank(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("Write something first.")


class MessageQuerySchema(StrictSchema):
    after = ma.fields.Int(load_default=0, validate=ma.validate.Range(0, MAX_SEQ))
    limit = ma.fields.Int(load_default=200, validate=ma.validate.Range(1, 500))


class ReadSchema(StrictSchema):
    seq = ma.fields.Int(required=True, strict=True, validate=ma.validate.Range(0, MAX_SEQ))


class PollQuerySchema(StrictSchema):
    open = ma.fields.Str(
        load_default=None,
        validate=ma.validate.Regexp(r"^[0-9]{1,18}:(stage|school)$"),
        metadata={"description": "The conversation shown right now: `<placement id>:<line>`"},
    )


class ItemSchema(ma.Schema):
    kind = ma.fields.Str()
    id = ma.fields.Str()
    data = ma.fields.Dict(allow_none=True, metadata={"description": "null: not yours to see"})


class MessageSchema(ma.Schema):
    """The one shape of a message: GET, lists, the changes feed and the batch's answers."""

    id = ma.fields.Str(metadata={"format": "uuid"})
    version = ma.fields.Int()
    placement_id = ma.fields.Int()
    line = ma.fields.Str(metadata={"enum": list(LINES)})
    seq = ma.fields.Int(metadata={"description": "The server's order within the line"})
    body = ma.fields.Str()
    author_id = ma.fields.Int(attribute="created_by_id")
    author_name = ma.fields.Str()
    item = ma.fields.Nested(ItemSchema, allow_none=True)
    question_id = ma.fields.Str(attribute="question", allow_none=True)
    created_at = ma.fields.DateTime()
    deleted = ma.fields.Function(lambda m: m.deleted_at is not None)


class MarkerSchema(ma.Schema):
    """How far one participant has read (their name, for "gelezen door ...")."""

    user_id = ma.fields.Int()
    name = ma.fields.Str()
    seq = ma.fields.Int()


class ConversationSchema(ma.Schema):
    """A line's shared state: how many messages, and how far each participant has read."""

    id = ma.fields.Int()
    version = ma.fields.Int()
    placement_id = ma.fields.Int()
    line = ma.fields.Str(metadata={"enum": list(LINES)})
    last_seq = ma.fields.Int()
    read = ma.fields.List(ma.fields.Nested(MarkerSchema))


class StudentRefSchema(ma.Schema):
    id = ma.fields.Int()
    name = ma.fields.Str()


class LineSchema(ma.Schema):
    """One line of the user's, with their unread count."""

    placement_id = ma.fields.Int()
    line = ma.fields.Str(metadata={"enum": list(LINES)})
    student = ma.fields.Nested(StudentRefSchema)
    last_seq = ma.fields.Int()
    last_read_seq = ma.fields.Int()
    unread = ma.fields.Int()
    last_at = ma.fields.DateTime(allow_none=True)


class PollSchema(ma.Schema):
    etag = ma.fields.Str(metadata={"description": "Send back as If-None-Match"})
    now = ma.fields.Str()
    total_unread = ma.fields.Int()
    lines = ma.fields.List(ma.fields.Nested(LineSchema))


class QuestionCreateSchema(StrictSchema):
    id = ClientId(required=True)
    question = ma.fields.Str(required=True, validate=BODY)
    answer_mode = ma.fields.Str(required=True, validate=ma.validate.OneOf(ANSWER_MODES))
    items = ma.fields.List(
        ma.fields.Nested(ItemRefSchema),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_SHARED_ITEMS),
    )

    @ma.validates("question")
    def not_blank(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("Write your question first.")


class NearDateTime(ma.fields.AwareDateTime):
    """A moment with its offset, at most `within` from now: a year 9999 with an offset of
    -14:00 parses but cannot be turned into UTC (OverflowError), and no talk is planned that
    far off anyway."""

    def __init__(self, within=dt.timedelta(days=2 * 365), **kwargs):
        super().__init__(default_timezone=None, **kwargs)
        self.within = within

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            far = abs(moment.astimezone(dt.UTC) - clock.now()) > self.within
        except OverflowError:
            far = True
        if far:
            raise ma.ValidationError(f"Pick a time within {self.within.days} days of now.")
        return moment


class QuestionUpdateSchema(StrictSchema):
    proposed_at = NearDateTime()
    proposed_note = ma.fields.Str(validate=ma.validate.Length(max=500))
    resolved = ma.fields.Bool(validate=ma.validate.Equal(True))

    @ma.validates_schema
    def one_change(self, data, **kwargs):
        if not data:
            raise ma.ValidationError("Send proposed_at or resolved.", "_schema")
        if "proposed_note" in data and "proposed_at" not in data:
            raise ma.ValidationError("A note goes with a proposed time.", "proposed_note")


class QuestionSchema(ma.Schema):
    id = ma.fields.Str(metadata={"format": "uuid"})
    version = ma.fields.Int()
    placement_id = ma.fields.Int()
    question = ma.fields.Str()
    answer_mode = ma.fields.Str(metadata={"enum": list(ANSWER_MODES)})
    items = ma.fields.Function(shared_items, metadata={"type": "array"})
    status = ma.fields.Str(metadata={"enum": ["open", "answered", "resolved"]})
    answered_at = ma.fields.DateTime(allow_none=True)
    proposed_at = ma.fields.DateTime(allow_none=True)
    proposed_note = ma.fields.Str()
    resolved_at = ma.fields.DateTime(allow_none=True)
    created_at = ma.fields.DateTime()
    deleted = ma.fields.Function(lambda q: q.deleted_at is not None)
