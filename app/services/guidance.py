"""Guidance questions (HU Stage-App): on the School line a student shares at most three of
their items with a question and says how they want it answered; the docent sees exactly those
items as they were when shared, answers in the thread or proposes a time; the student marks it
resolved. It is the student's choice: nothing else of theirs is shared by it."""

import datetime as dt
import json
import uuid

from peewee import fn

from app.db import transaction
from app.errors import Forbidden, NotFound, RuleViolation
from app.models.base import utcnow
from app.models.conversations import (
    LINE_SCHOOL,
    MAX_SHARED_ITEMS,
    QUESTION_ANSWERED,
    QUESTION_OPEN,
    QUESTION_RESOLVED,
    GuidanceQuestion,
    Message,
)
from app.models.users import STUDENT, TEACHER
from app.services import access, chat_notify, conversations, messages
from app.services.records import (
    create_once,
    fingerprint,
    require_version,
    save_versioned,
    still_new,
)

# The thread's opening message of a question has an id derived from the question's.
OPENING_NAMESPACE = uuid.UUID("5b0d7f3e-2a51-4c8e-9f0e-7c1a3d2b6e10")


def visible_questions(actor):
    """The questions the actor may read: the student's own and their docent's; tombstones too."""
    if actor.role not in (STUDENT, TEACHER):
        return GuidanceQuestion.select().where(False)
    return access.placement_records(GuidanceQuestion, actor)


def shares_item(actor, placement_id, kind, record_id):
    """Whether a question the actor may read (so: its student or docent) shares this item."""
    pointer = json.dumps({"kind": kind, "id": str(record_id)})[:-1]  # '{"kind": ..., "id": ...'
    return (
        visible_questions(actor)
        .where(
            (GuidanceQuestion.placement == placement_id)
            & GuidanceQuestion.deleted_at.is_null()
            & GuidanceQuestion.snapshot.contains(pointer)
        )
        .exists()
    )


def get_question(actor, question_id):
    found = visible_questions(actor).where(GuidanceQuestion.id == question_id).first()
    if found is None:
        raise NotFound()
    return found


def list_questions(actor, placement_id):
    placement = access.get_line(actor, placement_id, LINE_SCHOOL)
    return list(
        GuidanceQuestion.select()
        .where(GuidanceQuestion.placement == placement.id)
        .order_by(GuidanceQuestion.created_at.desc())
    )


def create_fingerprint(placement_id, data):
    return fingerprint(
        {
            "placement": placement_id,
            "question": data["question"],
            "answer_mode": data["answer_mode"],
            "items": [[i["kind"], str(i["id"])] for i in data["items"]],
        }
    )


def ask(actor, placement_id, data):
    """Returns (question, created)."""
    placement = access.get_line(actor, placement_id, LINE_SCHOOL)
    access.require_student_of(actor, placement)
    items = data["items"]
    if len(items) > MAX_SHARED_ITEMS:
        raise RuleViolation("too_many_items", field="items", max=MAX_SHARED_ITEMS)
    pointers = [(i["kind"], str(i["id"])) for i in items]
    if len(set(pointers)) != len(pointers):
        raise RuleViolation("duplicate_item", field="items")
    digest = create_fingerprint(placement.id, data)
    state = {}

    def build():
        snapshot = []
        for item in items:
            kind, record = messages.resolve_item(actor, placement, item, "items")
            snapshot.append({"kind": kind.name, "id": str(record._pk), "data": kind.dump(record)})
        conversation = conversations.ensure(placement, LINE_SCHOOL)
        still_new(GuidanceQuestion, data["id"])  # the same ask may have committed meanwhile
        state["conversation"] = conversation
        return GuidanceQuestion(
            placement=placement.id,
            conversation=conversation.id,
            question=data["question"],
            answer_mode=data["answer_mode"],
            snapshot=json.dumps(snapshot, default=str),
        )

    with transaction():
        question, created = create_once(GuidanceQuestion, actor, data["id"], digest, build)
        if created:
            # The question opens a thread on the School line, in the conversation's order.
            conversation = state["conversation"]
            opening = Message(
                id=uuid.uuid5(OPENING_NAMESPACE, str(question.id)),
                placement=placement.id,
                conversation=conversation.id,
                line=LINE_SCHOOL,
                seq=conversations.next_seq(conversation),
                body=data["question"],
                question=question.id,
                created_by=actor.id,
                create_fingerprint=digest,
            )
            opening.stamp()
            opening.save(force_insert=True)
            conversations.advance_own_marker(actor.id, conversation, opening.seq)
            chat_notify.new_question(actor, placement, question)
    return question, created


def question_for_answer(actor, placement, question_id):
    """The question a School-line message answers: of this placement, else 422."""
    found = GuidanceQuestion.get_or_none(
        (GuidanceQuestion.id == question_id) & (GuidanceQuestion.placement == placement.id)
    )
    if found is None:
        raise RuleViolation("question_not_found", field="question_id")
    return found


def answered(actor, question):
    """The docent wrote in the question's thread: it is answered (once)."""
    if actor.role != TEACHER or question.answered_at is not None:
        return
    question.answered_at = utcnow()
    if question.status == QUESTION_OPEN:
        question.status = QUESTION_ANSWERED
    save_versioned(question, question.version)


def update(actor, question_id, base_version, changes):
    """The docent proposes a time (`proposed_at`, `proposed_note`); the student marks it
    resolved (`resolved: true`). Anything else: 403."""
    with transaction():
        question = get_question(actor, question_id)
        placement = question.placement
        require_version(question, base_version)
        if actor.role == TEACHER and placement.docent_id == actor.id:
            if "resolved" in changes:
                raise Forbidden()
            if "proposed_at" in changes:
                question.proposed_at = (
                    changes["proposed_at"].astimezone(dt.UTC).replace(tzinfo=None)
                )
                question.proposed_note = changes.get("proposed_note", "")
                if question.answered_at is None:
                    question.answered_at = utcnow()
                if question.status == QUESTION_OPEN:
                    question.status = QUESTION_ANSWERED
        elif actor.role == STUDENT and placement.student_id == actor.id:
            if set(changes) - {"resolved"}:
                raise Forbidden()
            if changes.get("resolved"):
                question.status = QUESTION_RESOLVED
                question.resolved_at = question.resolved_at or utcnow()
        else:
            raise Forbidden()
        conversations.touch(question.conversation_id)  # its lock before the counter's
        saved = save_versioned(question, base_version)
        if "proposed_at" in changes:
            chat_notify.time_proposed(actor, placement, saved)
        return saved


def shared_items(question):
    return json.loads(question.snapshot or "[]")


# -- for the docent's dashboard --------------------------------------------------------------


def unanswered_questions(placement_ids):
    """{placement id: created_at of the oldest question the docent has not answered yet}
    (open: no message in its thread and no time proposed)."""
    if not placement_ids:
        return {}
    rows = (
        GuidanceQuestion.select(GuidanceQuestion.placement, fn.MIN(GuidanceQuestion.created_at))
        .where(
            GuidanceQuestion.placement.in_(list(placement_ids))
            & (GuidanceQuestion.status == QUESTION_OPEN)
            & GuidanceQuestion.deleted_at.is_null()
        )
        .group_by(GuidanceQuestion.placement)
        .tuples()
    )
    return dict(rows)


def unanswered_school_messages(placement_ids):
    """{placement id: created_at of the oldest student message on the School line that waits
    for an answer (school_message_waits)}. One query."""
    from app.models import Placement

    if not placement_ids:
        return {}
    rows = (
        _Outer.select(_Outer.placement, fn.MIN(_Outer.created_at))
        .join(Placement, on=(_Outer.placement == Placement.id))
        .where(_Outer.placement.in_(list(placement_ids)) & school_message_waits(_Outer))
        .group_by(_Outer.placement)
        .tuples()
    )
    return dict(rows)


def school_message_waits(waiting):
    """The condition on `waiting` (an alias of Message, joined to its Placement) that it is a
    student's School message nobody answered: no later message on that line by anyone but the
    student. Anyone: the docent who answered may since have been reassigned (or erased, their
    messages now the stand-in's), and the answer stands. A guidance question's own opening
    message is the question (its own reason), but the student's follow-ups in its thread wait
    like any message."""
    from app.models import Placement

    answer = Message.alias("answer")
    answered = (
        answer.select(answer.id)
        .where(
            (answer.conversation == waiting.conversation)
            & (answer.seq > waiting.seq)
            & (answer.created_by != Placement.student)
        )
        .limit(1)
    )
    opening = Message.alias("opening")
    first_in_thread = opening.select(fn.MIN(opening.seq)).where(
        (opening.conversation == waiting.conversation) & (opening.question == waiting.question)
    )
    return (
        (waiting.line == LINE_SCHOOL)
        & (waiting.created_by == Placement.student)
        & waiting.deleted_at.is_null()
        & (waiting.question.is_null() | (waiting.seq > first_in_thread))
        & ~fn.EXISTS(answered)
    )


_Outer = Message.alias("waiting")
