"""Privacy: what is kept about me, copies of a person's data, erasure requests, the audit log.

These are desk actions done online, not outbox operations: each is safe to repeat by itself (a
second copy or request while one waits answers the waiting one; deciding a decided request is
409), and none stores its answer as a replay record (a download link must not be kept).
"""

from flask import make_response, send_file
from flask.views import MethodView

from app.api.blueprint import Blueprint
from app.api.common import QueryPage, actor
from app.services import privacy

from .schemas import (
    AuditEventSchema,
    AuditQuerySchema,
    DownloadQuerySchema,
    ErasureDeclineSchema,
    ErasureRequestCreateSchema,
    ErasureRequestSchema,
    ExportRequestSchema,
    ExportSchema,
    LinkSchema,
    OverviewSchema,
)

blp = Blueprint(
    "privacy", __name__, url_prefix="/api/privacy", description="Privacy: my data, copies, erasure"
)

EXPORT = ExportSchema()
REQUEST = ErasureRequestSchema()


@blp.get("/overview")
@blp.response(200, OverviewSchema)
def overview():
    """What is kept about me: per kind, how much, who sees it, how long"""
    return privacy.overview(actor())


@blp.route("/exports")
class Exports(MethodView):
    @blp.response(200, ExportSchema(many=True))
    @blp.paginate(QueryPage, page_size=20)
    def get(self):
        """The copies I asked for, newest first"""
        return privacy.my_exports(actor())

    @blp.arguments(ExportRequestSchema)
    @blp.response(201, ExportSchema)
    @blp.alt_response(200, schema=ExportSchema, description="A copy for them is being made")
    @blp.alt_response(404, description="Not a student of your institution")
    def post(self, data):
        """Ask for a copy of my data (or, a coordinator, of a student's); small ones are ready
        at once, large ones are queued (poll the copy for its progress)"""
        job, created = privacy.request_export(actor(), data.get("student_id"), data["audience"])
        return make_response(EXPORT.dump(job), 201 if created else 200)


@blp.get("/exports/<int:export_id>")
@blp.response(200, ExportSchema)
def get_export(export_id):
    """One copy I asked for, with its progress"""
    return privacy.get_export(actor(), export_id)


@blp.post("/exports/<int:export_id>/link")
@blp.response(200, LinkSchema)
@blp.alt_response(409, description="export_not_ready, export_failed")
@blp.alt_response(410, description="export_expired")
def make_link(export_id):
    """A download link for a ready copy: for me only, valid for a while"""
    return privacy.make_link(actor(), export_id)


@blp.get("/exports/<int:export_id>/download")
@blp.arguments(DownloadQuerySchema, location="query")
@blp.response(200, content_type="application/zip", description="The ZIP")
@blp.alt_response(403, description="link_invalid")
@blp.alt_response(410, description="link_expired, export_expired")
def download(query, export_id):
    """Download a copy (the link from /link; only for whoever asked for the copy)"""
    fh, job = privacy.open_download(actor(), export_id, query["token"])
    response = send_file(
        fh,
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"stagewijs-gegevens-{job.id}.zip",
        conditional=False,
        etag=False,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@blp.route("/erasure-requests")
class ErasureRequests(MethodView):
    @blp.response(200, ErasureRequestSchema(many=True))
    @blp.paginate(QueryPage, page_size=50)
    def get(self):
        """Erasure requests: a student's own; a coordinator's institution's, waiting first"""
        return privacy.list_requests(actor())

    @blp.arguments(ErasureRequestCreateSchema)
    @blp.response(201, ErasureRequestSchema)
    @blp.alt_response(200, schema=ErasureRequestSchema, description="One is waiting already")
    def post(self, data):
        """Ask for my data to be erased (or, a coordinator, for a student's)"""
        request, created = privacy.request_erasure(actor(), data.get("student_id"))
        return make_response(REQUEST.dump(request), 201 if created else 200)


@blp.post("/erasure-requests/<int:request_id>/confirm")
@blp.response(200, ErasureRequestSchema)
@blp.alt_response(409, description="erasure_request_decided")
def confirm_erasure(request_id):
    """Erase the student's data now (a coordinator of their institution)"""
    return privacy.confirm_erasure(actor(), request_id)


@blp.post("/erasure-requests/<int:request_id>/decline")
@blp.arguments(ErasureDeclineSchema)
@blp.response(200, ErasureRequestSchema)
@blp.alt_response(409, description="erasure_request_decided")
@blp.alt_response(422, description="decline_reason_required")
def decline_erasure(data, request_id):
    """Decline the request with the reason (a coordinator of their institution)"""
    return privacy.decline_erasure(actor(), request_id, data["comment"])


@blp.get("/audit")
@blp.arguments(AuditQuerySchema, location="query")
@blp.response(200, AuditEventSchema(many=True))
@blp.paginate(QueryPage, page_size=50)
def audit_log(query):
    """The institution's audit log, newest first (coordinators): who did what to which record"""
    return privacy.audit_log(actor(), query.get("action"))
