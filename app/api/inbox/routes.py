"""The trainer's inbox: every week waiting for their decision."""

from app.api.blueprint import Blueprint
from app.api.common import QueryPage, actor
from app.api.weeks.schemas import InboxWeekSchema
from app.services import weeks

blp = Blueprint("inbox", __name__, url_prefix="/api/inbox", description="Trainer inbox")


@blp.get("/weeks")
@blp.response(200, InboxWeekSchema(many=True))
@blp.paginate(QueryPage, page_size=50)
def inbox_weeks():
    """Weeks awaiting this trainer's decision across all their students, oldest first"""
    return weeks.inbox(actor())
