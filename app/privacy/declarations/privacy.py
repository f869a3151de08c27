"""The privacy desk's own records: copies made (exports) and erasure requests."""

from app.models import ErasureRequest, ExportJob
from app.models.privacy import ERASURE_DONE, ERASURE_REQUESTED
from app.models.users import COORDINATOR
from app.privacy.registry import (
    AFTER_CREATION,
    AFTER_DECISION,
    SELF,
    PersonalData,
    Retention,
    declare,
)


def _export_rows(subject):
    return (
        ExportJob.select()
        .where((ExportJob.subject == subject.id) | (ExportJob.requested_by == subject.id))
        .order_by(ExportJob.id)
    )


def _erase_exports(ctx):
    doomed = list(_export_rows(ctx.subject))
    ctx.delete_files(job.file_key for job in doomed if job.file_key)
    ExportJob.delete().where(ExportJob.id.in_([job.id for job in doomed])).execute()


def _exports_due(batch):
    due = list(
        ExportJob.select(ExportJob.id, ExportJob.file_key)
        .where(ExportJob.created_at < batch.cutoff)
        .order_by(ExportJob.id)
        .limit(batch.size)
    )
    batch.delete_files(job.file_key for job in due if job.file_key)
    return ExportJob.delete().where(ExportJob.id.in_([job.id for job in due])).execute()


declare(
    PersonalData(
        ExportJob,
        kind="exports",
        whose="the person a copy is about, and who asked for it",
        fields=(
            "id",
            "subject",
            "requested_by",
            "audience",
            "status",
            "created_at",
            "finished_at",
            "expires_at",
            "file_size",
        ),
        withheld={
            "institution": "Always the person's school.",
            "steps_total": "Progress while it was made: technical.",
            "steps_done": "Progress while it was made: technical.",
            "started_at": "When a worker began: technical.",
            "claimed_until": "A worker's lease: technical.",
            "file_key": "Where the file is stored: technical.",
            "error": "Why making it failed, as a code: technical.",
            "token_hash": "A digest of the download link's secret: a security secret.",
            "token_expires_at": "When the last download link expired: technical.",
        },
        seen_by=(SELF,),
        rows=_export_rows,
        erase=_erase_exports,
        retention=(
            Retention(
                "exports",
                days=7,
                after=AFTER_CREATION,
                reason="A copy of a whole dossier must not lie around: it can be downloaded "
                "for a week, then the file and its record go.",
                apply=_exports_due,
                batch=100,
            ),
        ),
    )
)


def _request_rows(subject):
    return (
        ErasureRequest.select()
        .where((ErasureRequest.subject == subject.id) | (ErasureRequest.requested_by == subject.id))
        .order_by(ErasureRequest.id)
    )


def _erase_requests(ctx):
    subject = ctx.subject.id
    # A request about this person is done now (whoever erased them); it keeps no trace of them.
    ErasureRequest.update(status=ERASURE_DONE, decided_at=ctx.now, comment="", subject=None).where(
        (ErasureRequest.subject == subject) & (ErasureRequest.status == ERASURE_REQUESTED)
    ).execute()
    ErasureRequest.update(comment="", subject=None).where(
        ErasureRequest.subject == subject
    ).execute()
    for column in (ErasureRequest.requested_by, ErasureRequest.decided_by):
        ErasureRequest.update({column: None}).where(column == subject).execute()


def _decided_before(batch):
    due = (
        ErasureRequest.select(ErasureRequest.id)
        .where(
            (ErasureRequest.status != ERASURE_REQUESTED)
            & (ErasureRequest.decided_at < batch.cutoff)
        )
        .order_by(ErasureRequest.id)
        .limit(batch.size)
    )
    return ErasureRequest.delete().where(ErasureRequest.id.in_(due)).execute()


declare(
    PersonalData(
        ErasureRequest,
        kind="erasure_requests",
        whose="the student it is about; who asked and who decided",
        fields=(
            "id",
            "subject",
            "requested_by",
            "requested_at",
            "status",
            "decided_by",
            "decided_at",
            "comment",
        ),
        withheld={"institution": "Always the person's school."},
        seen_by=(SELF, COORDINATOR),
        rows=_request_rows,
        erase=_erase_requests,
        retention=(
            Retention(
                "erasure_requests",
                days=365,
                after=AFTER_DECISION,
                reason="That a request was handled, and when, can be shown for a year (a "
                "complaint to the school or the Autoriteit Persoonsgegevens); the request "
                "itself no longer names the student once they are erased.",
                apply=_decided_before,
                batch=500,
            ),
        ),
    )
)
