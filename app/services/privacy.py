"""The privacy desk's rules: who may have a copy of whose data, ask for an erasure, confirm one,
and read the audit log. The mechanisms are in app/privacy/.

Anyone may have a copy of their own data (art. 15). A coordinator may have one made of a
student of their own institution (answering that student's access request, or for a third
party: then company-confidential items are left out). Only the person who asked may download
it, with a link that expires. A student asks for an erasure; a coordinator of their
institution confirms it (the erasure runs at once) or declines it with a reason.
"""

import datetime as dt
import hashlib
import hmac
import secrets

from flask import current_app
from peewee import JOIN

from app import clock
from app.db import lock_for_update
from app.errors import Conflict, Forbidden, Gone, NotFound, RuleViolation, TooManyRequests
from app.extensions import db
from app.models import AuditEvent, ErasureRequest, ExportJob, User
from app.models.privacy import (
    ERASURE_DECLINED,
    ERASURE_DONE,
    ERASURE_REQUESTED,
    EXPORT_FAILED,
    EXPORT_QUEUED,
    EXPORT_READY,
    EXPORT_RUNNING,
)
from app.models.users import COORDINATOR, STUDENT
from app.privacy import erasure, export, registry, retention
from app.storage import storage


def _audit(actor, action, subject):
    AuditEvent.create(user=actor.id, action=action, subject=subject)


def _student_of(actor, student_id):
    """A student of the coordinator's own institution; anyone else: 404."""
    found = User.get_or_none(
        (User.id == student_id)
        & (User.role == STUDENT)
        & (User.anonymous == False)  # noqa: E712
        & (User.institution == actor.institution_id)
    )
    if found is None or actor.role != COORDINATOR:
        raise NotFound()
    return found


def _subject(actor, student_id):
    if student_id is None or student_id == actor.id:
        return actor
    return _student_of(actor, student_id)


# --- what is kept --------------------------------------------------------------------------


def overview(actor):
    """Per kind of data: how much of it there is about the actor, who sees it, how long."""
    days = retention.configured_days()
    rules = {rule.name: rule for rule in registry.retention_rules()}

    def described(rule):
        return {"name": rule.name, "days": days[rule.name], "after": rule.after}

    kinds = []
    for declaration in registry.personal():
        follows = rules.get(declaration.follows)
        kinds.append(
            {
                "kind": declaration.kind,
                "count": declaration.rows(actor).count(),
                "seen_by": list(declaration.seen_by),
                "retention": [described(rule) for rule in declaration.retention],
                "follows": declaration.follows or None,
                "follows_rule": described(follows) if follows else None,
            }
        )
    return {"subject": actor, "kinds": kinds}


# --- copies (exports) ----------------------------------------------------------------------


def request_export(actor, student_id=None, audience=registry.FOR_STUDENT):
    """(job, created). A copy already being made for the same person is answered instead; a
    new one replaces the earlier copies (EXPORT_MAX_PER_DAY a day per asker)."""
    subject = _subject(actor, student_id)
    if audience == registry.FOR_THIRD_PARTY and actor.role != COORDINATOR:
        raise RuleViolation("third_party_copy_by_coordinator", field="audience")
    steps = export.plan(subject)
    now = clock.utcnow()
    lifetime = dt.timedelta(days=retention.configured_days()["exports"])
    mine = (ExportJob.requested_by == actor.id) & (ExportJob.subject == subject.id)
    with db.atomic():
        # Counted from the audit log: a replaced copy is gone, its request is not.
        made_today = AuditEvent.select().where(
            (AuditEvent.user == actor.id)
            & (AuditEvent.action == "export_requested")
            & (AuditEvent.at > now - dt.timedelta(days=1))
        )
        if made_today.count() >= current_app.config["EXPORT_MAX_PER_DAY"]:
            raise TooManyRequests("too_many_copies", max=current_app.config["EXPORT_MAX_PER_DAY"])
        active = (
            ExportJob.select()
            .where(mine & ExportJob.status.in_((EXPORT_QUEUED, EXPORT_RUNNING)))
            .first()
        )
        if active is not None:
            return active, False
        # A new copy replaces the earlier ones of the same person for the same asker: only the
        # newest is of use, and no more copies of a dossier lie around than that.
        older = list(ExportJob.select(ExportJob.id, ExportJob.file_key).where(mine))
        ExportJob.delete().where(ExportJob.id.in_([j.id for j in older])).execute()
        store, keys = storage(), [j.file_key for j in older if j.file_key]
        db.after_commit(lambda: [store.delete(key) for key in keys])
        job = ExportJob.create(
            institution=subject.institution_id,
            subject=subject.id,
            requested_by=actor.id,
            audience=audience,
            steps_total=steps,
            created_at=now,
            expires_at=now + lifetime,
        )
        _audit(actor, "export_requested", f"user:{subject.id}")
    if steps <= current_app.config["EXPORT_INLINE_MAX_ITEMS"]:
        claimed = export.claim(job.id)
        if claimed is not None:
            export.build(claimed)
    return ExportJob.get_by_id(job.id), True


def my_exports(actor):
    return (
        ExportJob.select(ExportJob, User)
        .join(User, on=(ExportJob.subject == User.id))
        .where(ExportJob.requested_by == actor.id)
        .order_by(ExportJob.id.desc())
    )


def get_export(actor, export_id):
    """Only the person who asked for a copy sees it."""
    job = my_exports(actor).where(ExportJob.id == export_id).first()
    if job is None:
        raise NotFound()
    return job


def _require_downloadable(job):
    if job.expires_at <= clock.utcnow():
        raise Gone("export_expired")
    if job.status == EXPORT_FAILED:
        raise Conflict("export_failed")
    if job.status != EXPORT_READY:
        raise Conflict("export_not_ready")


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def make_link(actor, export_id):
    """A download link for the person who asked: a new secret each time (only its digest is
    kept), valid EXPORT_LINK_MINUTES and never past the copy's own expiry."""
    job = get_export(actor, export_id)
    _require_downloadable(job)
    token = secrets.token_urlsafe(32)
    minutes = dt.timedelta(minutes=current_app.config["EXPORT_LINK_MINUTES"])
    expires_at = min(clock.utcnow() + minutes, job.expires_at)
    with db.atomic():
        ExportJob.update(token_hash=_digest(token), token_expires_at=expires_at).where(
            ExportJob.id == job.id
        ).execute()
    return {
        "url": f"/api/privacy/exports/{job.id}/download?token={token}",
        "expires_at": expires_at,
    }


def open_download(actor, export_id, token):
    """(binary file, job) for the person who asked, with the link's current secret."""
    job = get_export(actor, export_id)
    _require_downloadable(job)
    if not job.token_hash or not hmac.compare_digest(job.token_hash, _digest(token)):
        raise Forbidden("link_invalid")
    if job.token_expires_at is None or job.token_expires_at <= clock.utcnow():
        raise Gone("link_expired")
    try:
        fh = storage().open(job.file_key)
    except FileNotFoundError:  # removed by hand, or a restore without the files
        raise Gone("export_expired") from None
    with db.atomic():
        _audit(actor, "export_downloaded", f"export:{job.id}")
    return fh, job


# --- erasure requests ----------------------------------------------------------------------


def _requests_visible_to(actor):
    subject = User.alias("subject")
    query = (
        ErasureRequest.select(ErasureRequest, subject)
        .join(subject, JOIN.LEFT_OUTER, on=(ErasureRequest.subject == subject.id))
        .order_by(ErasureRequest.id.desc())
    )
    if actor.role == COORDINATOR:
        return query.where(ErasureRequest.institution == actor.institution_id)
    if actor.role == STUDENT:
        return query.where(ErasureRequest.subject == actor.id)
    raise NotFound()


def list_requests(actor):
    """A student's own requests; a coordinator's institution's, those waiting first."""
    query = _requests_visible_to(actor)
    waiting = (ErasureRequest.status == ERASURE_REQUESTED).desc()
    return query.order_by(waiting, ErasureRequest.id.desc())


def request_erasure(actor, student_id=None):
    """(request, created). A student asks for themselves; a coordinator for a student of theirs
    (a request that came by mail or at the desk). One waiting request per student."""
    subject = _subject(actor, student_id)
    if subject.role != STUDENT:
        raise Forbidden("erasure_students_only")
    with db.atomic():
        waiting = ErasureRequest.get_or_none(
            (ErasureRequest.subject == subject.id) & (ErasureRequest.status == ERASURE_REQUESTED)
        )
        if waiting is not None:
            return waiting, False
        request = ErasureRequest.create(
            institution=subject.institution_id,
            subject=subject.id,
            requested_by=actor.id,
            requested_at=clock.utcnow(),
        )
        _audit(actor, "erasure_requested", f"erasure_request:{request.id}")
    return request, True


def _decidable(actor, request_id):
    request = _requests_visible_to(actor).where(ErasureRequest.id == request_id).first()
    if request is None:
        raise NotFound()
    if actor.role != COORDINATOR:
        raise Forbidden()
    request = lock_for_update(ErasureRequest.select().where(ErasureRequest.id == request_id))
    request = request.first()
    if request.status != ERASURE_REQUESTED:
        raise Conflict("erasure_request_decided")
    return request


def confirm_erasure(actor, request_id):
    """Erase the student now; the request stays as the record that it was done."""
    with db.atomic():
        request = _decidable(actor, request_id)
        if request.subject_id is not None:
            erasure.erase(request.subject_id, actor=actor)
        ErasureRequest.update(
            status=ERASURE_DONE, decided_by=actor.id, decided_at=clock.utcnow(), subject=None
        ).where(ErasureRequest.id == request.id).execute()
    return _requests_visible_to(actor).where(ErasureRequest.id == request_id).first()


def decline_erasure(actor, request_id, comment):
    """Keep the data (a retention duty applies, say), telling the student why."""
    comment = (comment or "").strip()
    if not comment:
        raise RuleViolation("decline_reason_required", field="comment")
    with db.atomic():
        request = _decidable(actor, request_id)
        ErasureRequest.update(
            status=ERASURE_DECLINED, decided_by=actor.id, decided_at=clock.utcnow(), comment=comment
        ).where(ErasureRequest.id == request.id).execute()
        _audit(actor, "erasure_declined", f"erasure_request:{request.id}")
    return _requests_visible_to(actor).where(ErasureRequest.id == request_id).first()


# --- the audit log -------------------------------------------------------------------------


def audit_log(actor, action=None):
    """The coordinator's institution's audit log, newest first."""
    if actor.role != COORDINATOR:
        raise NotFound()
    who = User.alias("who")
    query = (
        AuditEvent.select(AuditEvent, who)
        .join(who, JOIN.LEFT_OUTER, on=(AuditEvent.user == who.id))
        .where(AuditEvent.institution == actor.institution_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    if action:
        query = query.where(AuditEvent.action == action)
    return query
