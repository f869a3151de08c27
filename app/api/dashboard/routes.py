"""The docent's dashboard: their students ordered by need, each with the reasons why."""

from app.api.blueprint import Blueprint
from app.api.common import actor
from app.errors import user_locale
from app.services import dashboard

from .schemas import DashboardSchema, StudentNeedSchema

blp = Blueprint("dashboard", __name__, url_prefix="/api/dashboard", description="Docent dashboard")


@blp.get("")
@blp.response(200, DashboardSchema)
def class_dashboard():
    """The docent's students, red to orange to green, the most urgent first, with reasons"""
    return dashboard.class_needs(actor(), user_locale())


@blp.get("/students/<int:placement_id>")
@blp.response(200, StudentNeedSchema)
def student_dashboard(placement_id):
    """One of the docent's students: reasons, progress and pace (their docent only)"""
    return dashboard.student_needs(actor(), placement_id, user_locale())
