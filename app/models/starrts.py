"""STARRT reflections (BPV guide, bijlage 5 and 8): a student's account of one task, rated by
the praktijkopleider O, V or G and initialled. A rated STARRT is final."""

import peewee

from app.models.client_records import ClientRecord
from app.models.placements import Placement
from app.models.users import TEACHER, TRAINER, User
from app.privacy import registry

STARRT_DRAFT = "draft"
STARRT_SUBMITTED = "submitted"
STARRT_RATED = "rated"
STARRT_STATUSES = (STARRT_DRAFT, STARRT_SUBMITTED, STARRT_RATED)
# The form's scale (bijlage 8): onvoldoende, voldoende, goed.
RATINGS = ("O", "V", "G")
# The six parts, in the form's order.
PARTS = ("situatie", "taak", "actie", "resultaat", "reflectie", "transfer")


class Starrt(ClientRecord):
    placement = peewee.ForeignKeyField(Placement, backref="starrts", on_delete="CASCADE")
    title = peewee.CharField(max_length=200, default="")
    situatie = peewee.TextField(default="")
    taak = peewee.TextField(default="")
    actie = peewee.TextField(default="")
    resultaat = peewee.TextField(default="")
    reflectie = peewee.TextField(default="")
    transfer = peewee.TextField(default="")
    status = peewee.CharField(max_length=12, default=STARRT_DRAFT)
    submitted_at = peewee.DateTimeField(null=True)
    rating = peewee.CharField(max_length=1, null=True)
    rating_remark = peewee.TextField(default="")
    rating_initials = peewee.CharField(max_length=10, default="")
    rated_by = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    rated_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("placement", "status"), False),)


registry.declare(
    registry.placement_record(
        Starrt,
        kind="starrts",
        fields=(
            "id",
            "title",
            *PARTS,
            "status",
            "submitted_at",
            "rating",
            "rating_remark",
            "rating_initials",
            "rated_by",
            "rated_at",
            "deleted_at",
            "created_at",
            "updated_at",
        ),
        whose="the student; the rating, remark and initials are the praktijkopleider's",
        seen_by=(registry.SELF, TRAINER, TEACHER),
        withheld={
            "placement": "The student's own placement.",
            "created_by": "Always the student the export is about.",
        },
    )
)
