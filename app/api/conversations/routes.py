"""Conversations: lines, messages, read markers, the poll, guidance questions.

A line is addressed as /api/placements/<id>/conversations/<stage|school>; a line the user
takes no part in answers 404 in every list, feed and write (a trainer and the School line).
"""

from flask import make_response, request
from flask.views import MethodView

from app.api.blueprint import Blueprint
from app.api.common import actor
from app.api.idempotency import PARAMETER as IDEMPOTENCY_KEY
from app.api.idempotency import idempotent
from app.api.versioning import if_match_parameter, if_match_version, record_response
from app.services import conversations, guidance, messages, unread

from .schemas import (
    ConversationSchema,
    LineSchema,
    MessageCreateSchema,
    MessageQuerySchema,
    MessageSchema,
    PollQuerySchema,
    PollSchema,
    QuestionCreateSchema,
    QuestionSchema,
    QuestionUpdateSchema,
    ReadSchema,
)

blp = Blueprint("conversations", __name__, url_prefix="/api", description="Conversations")

LINE = "/placements/<int:placement_id>/conversations/<any(stage, school):line>"


@blp.route("/conversations")
class Lines(MethodView):
    @blp.response(200, LineSchema(many=True))
    def get(self):
        """The user's lines with unread counts (a trainer: the Stage line of each student)"""
        return unread.lines(actor())


@blp.route("/conversations/poll")
class Poll(MethodView):
    @blp.arguments(PollQuerySchema, location="query")
    @blp.response(200, PollSchema)
    @blp.alt_response(304, description="Nothing changed for this user since that ETag")
    def get(self, query):
        """Anything new? 304 when nothing changed for this user, else the unread counts.

        Send the last answer's ETag as If-None-Match. One statement when nothing changed.
        `open` names the conversation on screen: no notification reaches this user for a
        message there while they look at it."""
        user = actor()
        if query.get("open"):
            placement_id, line = query["open"].split(":")
            conversations.note_open(user, int(placement_id), line)
        tag = unread.poll_tag(user)
        if request.if_none_match.contains(tag.strip('"')):
            response = make_response("", 304)
            response.headers["ETag"] = tag
            return response
        response = make_response(PollSchema().dump(unread.poll_answer(user, tag)), 200)
        response.headers["ETag"] = tag
        return response


@blp.route(LINE)
class Line(MethodView):
    @blp.response(200, ConversationSchema)
    def get(self, placement_id, line):
        """A line's shared state: its last sequence number and everyone's read marker"""
        placement, conversation = conversations.get_conversation(actor(), placement_id, line)
        if conversation is None:
            return {"id": None, "version": 0, "placement_id": placement.id, "line": line,
                    "last_seq": 0, "read": []}  # fmt: skip
        return record_response(conversation)


@blp.route(f"{LINE}/messages")
class LineMessages(MethodView):
    @blp.arguments(MessageQuerySchema, location="query")
    @blp.response(200, MessageSchema(many=True))
    def get(self, query, placement_id, line):
        """Messages after sequence number `after`, in the server's order"""
        found = messages.list_messages(actor(), placement_id, line, query["after"], query["limit"])
        messages.attach(found)
        return found

    @blp.arguments(MessageCreateSchema)
    @blp.response(201, MessageSchema)
    @blp.alt_response(200, schema=MessageSchema, description="Replay: this id exists, same body")
    @blp.alt_response(409, description="id_conflict")
    @blp.alt_response(422, description="body too long or empty; unknown item kind or item")
    @idempotent
    def post(self, data, placement_id, line):
        """Send a message; the id is made by the phone, so a send can be repeated safely"""
        message, created = messages.send(actor(), placement_id, line, data)
        return record_response(message, 201 if created else 200)


@blp.route(f"{LINE}/read")
class LineRead(MethodView):
    @blp.arguments(ReadSchema)
    @blp.response(200, ConversationSchema)
    @blp.doc(parameters=[IDEMPOTENCY_KEY])
    @idempotent
    def put(self, data, placement_id, line):
        """Read up to `seq` (a marker only moves forward)"""
        conversation = conversations.mark_read(actor(), placement_id, line, data["seq"])
        if conversation is None:
            return {"id": None, "version": 0, "placement_id": placement_id, "line": line,
                    "last_seq": 0, "read": []}  # fmt: skip
        return record_response(conversation)


@blp.route("/messages/<uuid:message_id>")
class MessageDetail(MethodView):
    @blp.response(200, MessageSchema)
    def get(self, message_id):
        """One message"""
        return record_response(messages.get_message(actor(), message_id))


@blp.route("/placements/<int:placement_id>/guidance-questions")
class Questions(MethodView):
    @blp.response(200, QuestionSchema(many=True))
    def get(self, placement_id):
        """The placement's guidance questions, newest first (student and docent)"""
        return guidance.list_questions(actor(), placement_id)

    @blp.arguments(QuestionCreateSchema)
    @blp.response(201, QuestionSchema)
    @blp.alt_response(200, schema=QuestionSchema, description="Replay: this id exists")
    @blp.alt_response(422, description="items: at most three of the student's own items")
    @idempotent
    def post(self, data, placement_id):
        """Ask the docent a guidance question, sharing one to three of your items"""
        question, created = guidance.ask(actor(), placement_id, data)
        return record_response(question, 201 if created else 200)


@blp.route("/guidance-questions/<uuid:question_id>")
class QuestionDetail(MethodView):
    @blp.response(200, QuestionSchema)
    def get(self, question_id):
        """One guidance question with the items as they were when shared"""
        return record_response(guidance.get_question(actor(), question_id))

    @blp.arguments(QuestionUpdateSchema)
    @blp.response(200, QuestionSchema)
    @blp.doc(parameters=[if_match_parameter(required=True), IDEMPOTENCY_KEY])
    @blp.alt_response(412, description="version_mismatch: `current` holds the server's copy")
    @blp.alt_response(428, description="If-Match missing")
    @idempotent
    def patch(self, data, question_id):
        """Docent: propose a time (proposed_at, proposed_note). Student: resolved: true"""
        return record_response(guidance.update(actor(), question_id, if_match_version(), data))
