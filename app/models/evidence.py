"""What ties a student's records together: werkproces tags and evidence links.

Both are generic over record kinds (a kind is named as in the synced kinds registry,
app/synced.py), so a new kind is tagged or linked without a table of its own. Record ids are
the phone-made UUIDs of ClientRecord kinds.
"""

import peewee

from app.models.base import BaseModel, utcnow
from app.models.placements import Placement
from app.models.qualifications import Werkproces
from app.models.users import COORDINATOR, TEACHER, TRAINER
from app.privacy import registry


class WerkprocesTag(BaseModel):
    """Record <kind, record_id> is evidence of this werkproces (of the placement's programme)."""

    placement = peewee.ForeignKeyField(Placement, on_delete="CASCADE", index=False)
    kind = peewee.CharField(max_length=30)
    record_id = peewee.UUIDField()
    werkproces = peewee.ForeignKeyField(Werkproces, on_delete="RESTRICT")
    created_at = peewee.DateTimeField(default=utcnow)

    class Meta:
        indexes = (
            (("kind", "record_id", "werkproces"), True),
            # The coverage view counts per placement and werkproces.
            (("placement", "werkproces"), False),
        )


class EvidenceLink(BaseModel):
    """Record <from_kind, from_id> (a STARRT, a guidance question) shows <to_kind, to_id>."""

    placement = peewee.ForeignKeyField(Placement, on_delete="CASCADE", index=False)
    from_kind = peewee.CharField(max_length=30)
    from_id = peewee.UUIDField()
    to_kind = peewee.CharField(max_length=30)
    to_id = peewee.UUIDField()
    position = peewee.IntegerField(default=0)
    created_at = peewee.DateTimeField(default=utcnow)

    class Meta:
        indexes = (
            (("from_kind", "from_id", "to_kind", "to_id"), True),
            # "Which shared records show this photo?": the visibility of linked kinds.
            (("to_kind", "to_id"), False),
            (("placement",), False),
        )


registry.declare(
    registry.placement_record(
        WerkprocesTag,
        kind="werkproces_tags",
        fields=("kind", "record_id", "werkproces", "created_at"),
        seen_by=(registry.SELF, TRAINER, TEACHER, COORDINATOR),
        withheld={"id": "A row number.", "placement": "The record's own placement."},
    )
)
registry.declare(
    registry.placement_record(
        EvidenceLink,
        kind="evidence_links",
        fields=("from_kind", "from_id", "to_kind", "to_id", "position", "created_at"),
        seen_by=(registry.SELF, TRAINER, TEACHER, COORDINATOR),
        withheld={"id": "A row number.", "placement": "The records' own placement."},
    )
)
