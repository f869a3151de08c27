"""Notes with their own visibility: only me; me and my docent; me, my docent and my
praktijkopleider. A change of visibility takes effect at once: every list, read and the feed
ask the note's visibility, and whoever loses access is told to drop their copy."""

from app.models import Note
from app.models.notes import NOTE_ALL, NOTE_DOCENT, NOTE_SELF
from app.models.users import STUDENT, TEACHER, TRAINER
from app.services import access, student_records, sync

KIND = "note"
# Who besides the student reads a note of each visibility.
READERS = {NOTE_SELF: (), NOTE_DOCENT: (TEACHER,), NOTE_ALL: (TEACHER, TRAINER)}


def visible_notes(actor):
    """Tombstones included (the feed needs them)."""
    query = access.placement_records(Note, actor)
    if actor.role == STUDENT:
        return query
    shown = [v for v, roles in READERS.items() if actor.role in roles]
    return query.where(Note.visibility.in_(shown)) if shown else query.where(False)


def get_note(actor, note_id):
    return student_records.get(visible_notes, Note, actor, note_id)


def list_notes(actor, placement_id):
    query = student_records.listed(visible_notes, Note, actor, placement_id)
    return query.order_by(Note.created_at.desc(), Note.id)


def create_note(actor, placement_id, data):
    return student_records.create(
        Note,
        actor,
        placement_id,
        data,
        {"text": data["text"], "visibility": data["visibility"]},
        lambda placement: Note(
            placement=placement, text=data["text"], visibility=data["visibility"]
        ),
    )


def _readers(placement, visibility):
    """The user ids (other than the student) who read a note of this visibility."""
    by_role = {TEACHER: placement.docent_id, TRAINER: placement.praktijkopleider_id}
    return {by_role[role] for role in READERS[visibility]} - {None}


def update_note(actor, note_id, base_version, changes):
    def apply(note):
        before = _readers(note.placement, note.visibility)
        note.text = changes.get("text", note.text)
        note.visibility = changes.get("visibility", note.visibility)
        # Those who no longer may read it drop their copy (in this same transaction).
        sync.revoke(before - _readers(note.placement, note.visibility), KIND, note.id)

    return student_records.change(visible_notes, Note, actor, note_id, base_version, apply)


def delete_note(actor, note_id, base_version):
    return student_records.delete(visible_notes, Note, actor, note_id, base_version)
