"""Messages: sent once by the phone's id, numbered per conversation by the server, optionally
pointing to one of the student's items (any synced kind of the placement, app/synced.py)."""

import uuid

from flask import has_request_context
from flask_login import current_user

from app import synced
from app.db import transaction
from app.errors import NotFound, RuleViolation
from app.models.conversations import LINE_SCHOOL, Message
from app.services import access, chat_notify, conversations
from app.services.records import create_once, fingerprint, still_new

# Kinds that are no item of the student's to point to: the placement itself and the
# conversations' own kinds.
NOT_POINTABLE = {"placement", "conversation", "message", "guidance_question"}


def visible_messages(actor):
    """Every message the actor may read, tombstones included (the changes feed's query)."""
    return access.visible_conversations(actor, Message)


def get_message(actor, message_id):
    found = visible_messages(actor).where(Message.id == message_id).first()
    if found is None:
        raise NotFound()
    return found


def list_messages(actor, placement_id, line, after=0, limit=200):
    """Messages of a line after sequence number `after`, in the server's order."""
    placement = access.get_line(actor, placement_id, line)
    return list(
        Message.select()
        .where((Message.placement == placement.id) & (Message.line == line) & (Message.seq > after))
        .order_by(Message.seq)
        .limit(limit)
    )


def pointable_kind(name, field="item"):
    """The synced kind a message may point to, or 422 naming the field."""
    try:
        kind = synced.get(name)
    except KeyError:
        kind = None
    if kind is None or name in NOT_POINTABLE or not hasattr(kind.model, "placement"):
        raise RuleViolation("unknown_item_kind", field=field, kind=str(name)[:40])
    return kind


def resolve_item(actor, placement, item, field="item"):
    """The record an {kind, id} pointer names: of this placement, visible to the actor, not
    deleted; 422 naming the field otherwise (it reveals nothing about records elsewhere)."""
    kind = pointable_kind(item["kind"], field)
    model = kind.model
    key = model._meta.primary_key
    try:
        value = _key_value(key, item["id"])
    except (ValueError, TypeError, OverflowError):
        raise RuleViolation("item_not_found", field=field) from None
    record = kind.query(actor).where((key == value) & (model.placement == placement.id)).first()
    if record is None or getattr(record, "deleted_at", None) is not None:
        raise RuleViolation("item_not_found", field=field)
    return kind, record


def _key_value(key, raw):
    raw = str(raw)
    if key.field_type == "UUID":
        return uuid.UUID(raw)
    if key.field_type in ("AUTO", "INT", "BIGINT", "BIGAUTO"):
        value = int(raw)
        if not 0 < value < 2**63:
            raise ValueError(raw)
        return value
    return raw


def create_fingerprint(placement_id, line, data):
    item = data.get("item")
    return fingerprint(
        {
            "placement": placement_id,
            "line": line,
            "body": data["body"],
            "item": [item["kind"], str(item["id"])] if item else None,
            "question": str(data["question_id"]) if data.get("question_id") else None,
        }
    )


def send(actor, placement_id, line, data):
    """Returns (message, created). The same id with the same body again: the stored message."""
    placement = access.get_line(actor, placement_id, line)
    digest = create_fingerprint(placement.id, line, data)
    state = {}

    def build():
        from app.services import guidance

        item = data.get("item")
        if item:
            resolve_item(actor, placement, item)
        question = None
        if data.get("question_id"):
            if line != LINE_SCHOOL:
                raise RuleViolation("question_not_found", field="question_id")
            question = guidance.question_for_answer(actor, placement, data["question_id"])
        conversation = conversations.ensure(placement, line)
        still_new(Message, data["id"])  # an identical send may have committed meanwhile
        message = Message(
            placement=placement.id,
            conversation=conversation.id,
            line=line,
            seq=conversations.next_seq(conversation),
            body=data["body"],
            item_kind=item["kind"] if item else None,
            item_id=str(item["id"]) if item else None,
            question=question.id if question else None,
        )
        state.update(conversation=conversation, question=question)
        return message

    with transaction():
        message, created = create_once(Message, actor, data["id"], digest, build)
        if created:
            conversation = state["conversation"]
            conversations.advance_own_marker(actor.id, conversation, message.seq)
            if state["question"] is not None:
                from app.services import guidance

                guidance.answered(actor, state["question"])
            chat_notify.new_message(actor, placement, message)
    return message, created


def attach(messages):
    """Names of the authors and the items pointed to, for a list of messages: a query per
    kind of item, not per message. An item the reader may not see has no `data`."""
    from app.models import User

    authors = {m.created_by_id for m in messages}
    names = dict(User.select(User.id, User.name).where(User.id.in_(authors)).tuples())
    reader = _reader()
    wanted = {}
    for message in messages:
        message.author_name = names.get(message.created_by_id, "")
        message.item = None
        if message.item_kind:
            message.item = {"kind": message.item_kind, "id": message.item_id, "data": None}
            wanted.setdefault(message.item_kind, []).append(message)
    if reader is None:
        return
    for name, pointing in wanted.items():
        for message, data in zip(pointing, item_data(reader, name, pointing), strict=True):
            message.item["data"] = data


def item_data(reader, kind_name, messages):
    """The pointed-to records in their kind's shape, None for those the reader may not see."""
    try:
        kind = synced.get(kind_name)
    except KeyError:
        return [None] * len(messages)
    key = kind.model._meta.primary_key
    values = []
    for message in messages:
        try:
            values.append(_key_value(key, message.item_id))
        except (ValueError, TypeError):
            values.append(None)
    records = list(kind.query(reader).where(key.in_([v for v in values if v is not None])))
    dumped = dict(zip([r._pk for r in records], kind.dump_many(records), strict=True))
    return [dumped.get(value) for value in values]


def _reader():
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user._get_current_object()
    return None
