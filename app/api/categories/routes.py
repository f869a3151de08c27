"""The activity categories hour entries are logged under."""

import marshmallow as ma

from app.api.blueprint import Blueprint
from app.models import ActivityCategory

blp = Blueprint("categories", __name__, url_prefix="/api/categories", description="Categories")


class CategorySchema(ma.Schema):
    code = ma.fields.Int(dump_only=True)
    name_nl = ma.fields.Str(dump_only=True)
    name_en = ma.fields.Str(dump_only=True)
    counts_toward_hours = ma.fields.Bool(dump_only=True)
    daily_cap_minutes = ma.fields.Int(dump_only=True, allow_none=True)


@blp.get("")
@blp.response(200, CategorySchema(many=True))
def list_categories():
    """The nine categories of the OnStage manual, with whether they count toward BPV hours"""
    return ActivityCategory.select().order_by(ActivityCategory.code)
