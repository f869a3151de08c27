"""Notes (OnStage dossier tab "Notities"): text with its own visibility, chosen per note."""

import peewee

from app.models.client_records import ClientRecord
from app.models.placements import Placement
from app.models.users import TEACHER, TRAINER
from app.privacy import registry

NOTE_SELF = "self"  # only me
NOTE_DOCENT = "docent"  # me and my docent
NOTE_ALL = "all"  # me, my docent and my praktijkopleider
NOTE_VISIBILITIES = (NOTE_SELF, NOTE_DOCENT, NOTE_ALL)


class Note(ClientRecord):
    placement = peewee.ForeignKeyField(Placement, backref="notes", on_delete="CASCADE")
    text = peewee.TextField()
    visibility = peewee.CharField(max_length=10, default=NOTE_SELF)

    class Meta:
        indexes = ((("placement", "visibility"), False),)


registry.declare(
    registry.placement_record(
        Note,
        kind="notes",
        fields=("id", "text", "visibility", "deleted_at", "created_at", "updated_at"),
        seen_by=(registry.SELF, TEACHER, TRAINER),
        # "Only me" stays out of a copy for someone else; widening it puts it in the next one.
        confidential=lambda note: note.visibility == NOTE_SELF,
        withheld={
            "placement": "The student's own placement.",
            "created_by": "Always the student the export is about.",
        },
    )
)
