"""Conversations: the lines of a placement and read markers (unread counts and the poll:
app/services/unread.py).

A conversation is addressed by (placement, line), never by its row id: the row is made on
first use, so a phone can write to a line that has no row yet, offline.
"""

import datetime as dt

from peewee import Case

from app.db import lock_for_update, transaction
from app.errors import NotFound
from app.models.base import next_change_seq, utcnow
from app.models.conversations import Conversation, ReadMarker
from app.models.users import User
from app.services import access

# A phone that polled with a conversation open within this window is looking at it: no
# notification for a message there (the poll runs every 15-30 s while visible).
OPEN_WINDOW = dt.timedelta(seconds=45)
# A phone that keeps a conversation open writes its presence at most this often.
OPEN_REFRESH = dt.timedelta(seconds=20)


def visible_conversations(actor):
    """Every conversation row the actor takes part in (the changes feed's query)."""
    return access.visible_conversations(actor)


def find(placement_id, line):
    return Conversation.get_or_none(
        (Conversation.placement == placement_id) & (Conversation.line == line)
    )


def ensure(placement, line):
    """The conversation row of (placement, line), made if missing, locked for this transaction.

    INSERT ... ON CONFLICT DO NOTHING: two first messages at once make one row (on PostgreSQL
    the second insert waits for the first's commit, then sees it).

    Lock order, so PostgreSQL never deadlocks: the conversation's row first, then the change
    counter. Made here without a change number (the caller's next_seq() stamps it), so a
    second sender waiting on the new row holds no counter lock the first one needs."""
    query = Conversation.select().where(
        (Conversation.placement == placement.id) & (Conversation.line == line)
    )
    found = lock_for_update(query).first()
    if found is not None:
        return found
    now = utcnow()
    Conversation.insert(
        placement=placement.id,
        line=line,
        last_seq=0,
        version=1,
        change_seq=0,
        created_at=now,
        updated_at=now,
    ).on_conflict_ignore().execute()
    return lock_for_update(query).get()


def next_seq(conversation):
    """Number the next message: UPDATE ... RETURNING holds the row's lock until commit, so
    concurrent senders get consecutive numbers in commit order (one order for everyone)."""
    seq = (
        Conversation.update(
            last_seq=Conversation.last_seq + 1,
            version=Conversation.version + 1,
            change_seq=next_change_seq(),
            updated_at=utcnow(),
        )
        .where(Conversation.id == conversation.id)
        .returning(Conversation.last_seq)
        .tuples()
        .execute()
    )
    (value,) = next(iter(seq))
    conversation.last_seq = value
    return value


def touch(conversation_id):
    """Something participants should learn changed (a read marker, a question): the
    conversation is in the feed again and every participant's poll answers anew. Its row is
    locked before the change counter (the order ensure() keeps)."""
    lock_for_update(
        Conversation.select(Conversation.id).where(Conversation.id == conversation_id)
    ).first()
    Conversation.update(
        version=Conversation.version + 1, change_seq=next_change_seq(), updated_at=utcnow()
    ).where(Conversation.id == conversation_id).execute()


def get_conversation(actor, placement_id, line):
    """(placement, conversation row or None) of a line the actor takes part in."""
    placement = access.get_line(actor, placement_id, line)
    return placement, find(placement.id, line)


def mark_read(actor, placement_id, line, seq):
    """Move the actor's marker forward to `seq` (never back, never past the last message).
    Returns the conversation (None when the line has no messages yet)."""
    placement = access.get_line(actor, placement_id, line)
    with transaction():
        conversation = find(placement.id, line)
        if conversation is None:
            return None
        seq = min(seq, conversation.last_seq)
        before = (
            ReadMarker.select(ReadMarker.last_read_seq)
            .where((ReadMarker.user == actor.id) & (ReadMarker.conversation == conversation.id))
            .scalar()
        )
        # One upsert that only moves forward: two devices marking at once cannot collide.
        now = utcnow()
        ReadMarker.insert(
            user=actor.id, conversation=conversation.id, last_read_seq=seq, open_at=now
        ).on_conflict(
            conflict_target=[ReadMarker.user, ReadMarker.conversation],
            update={
                ReadMarker.last_read_seq: Case(
                    None, [(ReadMarker.last_read_seq < seq, seq)], ReadMarker.last_read_seq
                ),
                ReadMarker.open_at: now,
            },
        ).execute()
        if seq > (before or 0):
            touch(conversation.id)
        return Conversation.get_by_id(conversation.id)


def advance_own_marker(user_id, conversation, seq):
    """A sender has read their own conversation up to their message."""
    ReadMarker.insert(
        user=user_id, conversation=conversation.id, last_read_seq=seq, open_at=utcnow()
    ).on_conflict(
        conflict_target=[ReadMarker.user, ReadMarker.conversation],
        update={ReadMarker.last_read_seq: seq, ReadMarker.open_at: utcnow()},
    ).execute()


def markers_of(conversation_ids):
    """{conversation id: [(user id, name, last read seq)]}, for the phone's "gelezen door"."""
    found = {}
    if not conversation_ids:
        return found
    rows = (
        ReadMarker.select(
            ReadMarker.conversation, ReadMarker.user, User.name, ReadMarker.last_read_seq
        )
        .join(User, on=(ReadMarker.user == User.id))
        .where(ReadMarker.conversation.in_(conversation_ids))
        .order_by(ReadMarker.user)
        .tuples()
    )
    for conversation_id, user_id, name, seq in rows:
        found.setdefault(conversation_id, []).append((user_id, name, seq))
    return found


def attach_markers(conversations):
    markers = markers_of([c.id for c in conversations])
    for conversation in conversations:
        conversation.read = [
            {"user_id": user_id, "name": name, "seq": seq}
            for user_id, name, seq in markers.get(conversation.id, [])
        ]


def is_open_for(user_id, conversation_id):
    """Whether this user's phone had the conversation open a moment ago."""
    marker = ReadMarker.get_or_none(
        (ReadMarker.user == user_id) & (ReadMarker.conversation == conversation_id)
    )
    return bool(marker and marker.open_at and marker.open_at > utcnow() - OPEN_WINDOW)


def note_open(actor, placement_id, line):
    """The phone says it shows this conversation (the poll's `open`): remember when, at most
    every OPEN_REFRESH, so an open conversation costs a write only now and then. A line the
    actor does not take part in is ignored: the poll still answers."""
    if line not in access.lines_for(actor.role):
        return
    try:
        placement = access.get_placement(actor, placement_id)
    except NotFound:
        return
    conversation = find(placement.id, line)
    if conversation is None:
        return
    now = utcnow()
    seen = (
        ReadMarker.select(ReadMarker.open_at)
        .where((ReadMarker.user == actor.id) & (ReadMarker.conversation == conversation.id))
        .scalar()
    )
    if seen is not None and seen >= now - OPEN_REFRESH:
        return  # fresh enough: no write (and no write lock) on most polls
    with transaction():
        updated = (
            ReadMarker.update(open_at=now)
            .where(
                (ReadMarker.user == actor.id)
                & (ReadMarker.conversation == conversation.id)
                & (ReadMarker.open_at.is_null() | (ReadMarker.open_at < now - OPEN_REFRESH))
            )
            .execute()
        )
        if not updated:
            ReadMarker.insert(
                user=actor.id, conversation=conversation.id, last_read_seq=0, open_at=now
            ).on_conflict_ignore().execute()
