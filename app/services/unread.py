"""Unread counts and the cheap poll of the conversations.

The poll's tag is the user's latest relevant change: the highest change number of the
conversations they take part in (a message, a read marker or a question stamps its
conversation) and of their access changes. Same tag: nothing new for them.
"""

import peewee
from peewee import JOIN, fn

from app import clock
from app.extensions import db
from app.models import Placement, Revocation, User
from app.models.conversations import Conversation, Message, ReadMarker
from app.models.prepared import P, Prepared
from app.services import access


def lines(actor):
    """Every line the actor takes part in, with unread counts, newest activity first:
    [{placement_id, line, student: {id, name}, last_seq, last_read_seq, unread, last_at}].
    Lines without messages are listed too (a trainer's student with nothing said yet)."""
    kinds = access.lines_for(actor.role)
    if not kinds:
        return []
    student = User.alias("student")
    placements = list(
        access.visible_placements(actor)
        .select(Placement.id, student.id, student.name)
        .join(student, on=(Placement.student == student.id))
        .order_by(student.name, Placement.id)
        .tuples()
    )
    found = {(row["placement"], row["line"]): row for row in _counts(actor)}
    result = []
    for placement_id, student_id, student_name in placements:
        for line in kinds:
            row = found.get((placement_id, line), {})
            result.append(
                {
                    "placement_id": placement_id,
                    "line": line,
                    "student": {"id": student_id, "name": student_name},
                    "last_seq": row.get("last_seq", 0),
                    "last_read_seq": row.get("read", 0),
                    "unread": row.get("unread", 0),
                    "last_at": row.get("updated_at"),
                }
            )
    return result


def _counts(actor):
    """Per conversation of the actor: last seq, their marker, and messages of others after it;
    one query."""
    marker = ReadMarker.alias("marker")
    read = fn.COALESCE(marker.last_read_seq, 0)
    unread = (
        Message.select(fn.COUNT(Message.id))
        .where(
            (Message.conversation == Conversation.id)
            & (Message.seq > read)
            & (Message.created_by != actor.id)
            & Message.deleted_at.is_null()
        )
        .alias("unread")
    )
    query = (
        access.visible_conversations(actor)
        .select(
            Conversation.placement,
            Conversation.line,
            Conversation.last_seq,
            Conversation.updated_at,
            read.alias("read"),
            unread,
        )
        .join(
            marker,
            JOIN.LEFT_OUTER,
            on=((marker.conversation == Conversation.id) & (marker.user == actor.id)),
        )
        .dicts()
    )
    return list(query)


def unread_total(actor):
    return sum(row["unread"] for row in _counts(actor))


def unread_by_placement(actor):
    """{placement id: {line: unread}} of the actor's lines that have unread messages."""
    found = {}
    for row in _counts(actor):
        if row["unread"]:
            found.setdefault(row["placement"], {})[row["line"]] = row["unread"]
    return found


class _Actor:
    """Placeholders for a role's visibility query, compiled once per role."""

    def __init__(self, role):
        self.role = role
        self.id = P.actor
        self.company_id = P.company
        self.institution_id = P.institution


def _poll_query(role):
    actor = _Actor(role)
    latest = access.visible_conversations(actor).select(fn.MAX(Conversation.change_seq))
    revoked = Revocation.select(fn.MAX(Revocation.change_seq)).where(Revocation.user == P.actor)
    # A SELECT without a table, bound to the database so it is compiled for its engine.
    return peewee.Select(columns=[latest.alias("c"), revoked.alias("r")]).bind(db).tuples()


# Runs on every poll of every open phone: one statement, built once per role.
_POLL = Prepared(_poll_query)


def _poll_with_user_query(role):
    """The poll's maxima and the user's row in one statement (app/api/conversations/
    fast_poll.py): the caller checks the user's row is still what the maxima assumed."""
    actor = _Actor(role)
    latest = access.visible_conversations(actor).select(fn.MAX(Conversation.change_seq))
    revoked = Revocation.select(fn.MAX(Revocation.change_seq)).where(Revocation.user == P.actor)
    return (
        User.select(
            User.active,
            User.session_version,
            User.role,
            User.company,
            User.institution,
            latest.alias("c"),
            revoked.alias("r"),
        )
        .where(User.id == P.actor)
        .limit(1)
        .tuples()
    )


_POLL_WITH_USER = Prepared(_poll_with_user_query)


def poll_row(user_id, role, company_id, institution_id):
    """(active, session_version, role, company_id, institution_id, tag) of a user, the tag
    computed as if they had this role, company and institution (None: no such user)."""
    row = _POLL_WITH_USER.raw_first(
        (role,), actor=user_id, company=company_id, institution=institution_id
    )
    if row is None:
        return None
    *who, latest, revoked = row
    return (*who, _tag(user_id, latest, revoked))


def _tag(user_id, latest, revoked):
    return f'"u{user_id}-{latest or 0}-{revoked or 0}"'


def poll_tag(actor):
    """The user's latest relevant change as an ETag: a message, a read marker or a question on
    any of their lines, or a change in what they may see. Same tag: nothing new for them."""
    latest, revoked = _POLL.first(
        (actor.role,),
        actor=actor.id,
        company=actor.company_id,
        institution=actor.institution_id,
    )
    return _tag(actor.id, latest, revoked)


def poll_answer(actor, tag):
    found = lines(actor)
    return {
        "etag": tag,
        "now": clock.utcnow().isoformat(),
        "total_unread": sum(line["unread"] for line in found),
        "lines": found,
    }
