"""Notifications of the conversations: a new message, a new guidance question, a proposed time.

Through the reminders' immediate notifications (notifications.enqueue: each user's choice per
kind, quiet hours, at most once per period). Never to the sender; not to whoever has that
conversation open right now (their phone polls with it open). One notification per unread
streak: the period is the recipient's read marker, so ten messages in a row while they are
away make one notification, and the next one comes after they have read.

Payloads carry a title and a body only (shared/SECURITY.md): the body is a short preview of
the message only when the recipient turned previews on; otherwise it says who wrote.
"""

import re

from app.models import Delivery, User
from app.models.conversations import LINE_STAGE, ReadMarker
from app.models.notifications import KIND_GUIDANCE, KIND_MESSAGE, PENDING, SKIPPED
from app.services import conversations, notifications
from app.services import reminder_texts as texts

PREVIEW_CHARS = 60
DAY = 24 * 3600


def participants(placement, line):
    """The users on a line now: a trainer only while at the placement's company."""
    ids = [placement.student_id, placement.docent_id]
    if line == LINE_STAGE:
        ids.append(placement.praktijkopleider_id)
    users = list(User.select().where(User.id.in_([i for i in ids if i]) & User.active))
    return [
        u
        for u in users
        if u.id != placement.praktijkopleider_id or u.company_id == placement.company_id
    ]


def navigate(placement_id, line):
    return f"/berichten?p={placement_id}&l={line}"


_NAVIGATE = re.compile(r"/berichten\?p=(\d+)&l=(\w+)")


def line_of(path):
    """(placement id, line) of a link navigate() made; None for any other link."""
    found = _NAVIGATE.fullmatch(path or "")
    return (int(found.group(1)), found.group(2)) if found else None


def skip_pending(user_ids, placement_id):
    """Whoever loses a placement gets none of its conversation notifications still queued."""
    user_ids = [u for u in user_ids if u]
    if not user_ids:
        return 0
    return (
        Delivery.update(state=SKIPPED)
        .where(
            Delivery.user.in_(user_ids)
            & Delivery.kind.in_((KIND_MESSAGE, KIND_GUIDANCE))
            & (Delivery.state == PENDING)
            & (Delivery.navigate.startswith(f"/berichten?p={placement_id}&l="))
        )
        .execute()
    )


def preview(text):
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1].rstrip() + "…"


def new_message(sender, placement, message):
    markers = dict(
        ReadMarker.select(ReadMarker.user, ReadMarker.last_read_seq)
        .where(ReadMarker.conversation == message.conversation_id)
        .tuples()
    )
    for user in participants(placement, message.line):
        if user.id == sender.id or conversations.is_open_for(user.id, message.conversation_id):
            continue
        line_words = texts.text(user, f"chat.line.{message.line}")
        title = texts.text(user, "chat.message.title", name=sender.name, line=line_words)
        if notifications.settings_of(user)["message_preview"]:
            body = preview(message.body)
        else:
            body = texts.text(user, "chat.message.body")
        notifications.enqueue(
            user,
            KIND_MESSAGE,
            f"conversation:{message.conversation_id}:after:{markers.get(user.id, 0)}",
            title,
            body,
            navigate(placement.id, message.line),
            DAY,
            urgency="high",
        )


def new_question(student, placement, question):
    docent = User.get_or_none((User.id == placement.docent_id) & User.active)
    if docent is None:
        return
    notifications.enqueue(
        docent,
        KIND_GUIDANCE,
        f"question:{question.id}",
        texts.text(docent, "chat.question.title", name=student.name),
        texts.text(docent, "chat.question.body"),
        navigate(placement.id, "school"),
        7 * DAY,
        urgency="high",
    )


def time_proposed(docent, placement, question):
    student = User.get_or_none((User.id == placement.student_id) & User.active)
    if student is None:
        return
    notifications.enqueue(
        student,
        KIND_GUIDANCE,
        f"question:{question.id}:v{question.version}",
        texts.text(student, "chat.proposed.title", name=docent.name),
        texts.text(student, "chat.proposed.body"),
        navigate(placement.id, "school"),
        7 * DAY,
        urgency="high",
    )
