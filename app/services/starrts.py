"""STARRT reflections: a draft the student writes (autosaved from the phone), hands in, and the
praktijkopleider rates O, V or G with a remark and initials. A handed-in STARRT is shown to the
trainer and the docent with the evidence it links; a rated one is final (a new STARRT on the
same task is a new record)."""

from app.db import lock_for_update, transaction
from app.errors import Conflict, RuleViolation
from app.models import AuditEvent, Programme, Starrt
from app.models.base import utcnow
from app.models.starrts import PARTS, STARRT_DRAFT, STARRT_RATED, STARRT_SUBMITTED
from app.models.users import STUDENT, TEACHER, TRAINER
from app.services import access, evidence, student_records, werkprocessen
from app.services.records import require_version, save_versioned

KIND = "starrt"
FIELDS = ("title", *PARTS)
SHARED = (STARRT_SUBMITTED, STARRT_RATED)
# What a STARRT may show as evidence (kinds as registered; "photo" once that kind exists).
EVIDENCE_KINDS = ("entry", "photo")


def visible_starrts(actor):
    """The student sees all of theirs; their trainer and docent the handed-in ones; nobody
    else any (a coordinator reads them in a copy of the dossier). Tombstones included."""
    query = access.placement_records(Starrt, actor)
    if actor.role == STUDENT:
        return query
    if actor.role in (TRAINER, TEACHER):
        return query.where(Starrt.status.in_(SHARED))
    return query.where(False)


def _shared_ids(actor):
    return (
        visible_starrts(actor)
        .where(Starrt.status.in_(SHARED) & Starrt.deleted_at.is_null())
        .columns(Starrt.id)
    )


# A photo (or entry) linked to a handed-in STARRT is seen with it (evidence.shared_ids).
evidence.shares_evidence(KIND, _shared_ids)


def get_starrt(actor, starrt_id, include_deleted=False):
    return student_records.get(visible_starrts, Starrt, actor, starrt_id, include_deleted)


def list_starrts(actor, placement_id):
    query = student_records.listed(visible_starrts, Starrt, actor, placement_id)
    return query.order_by(Starrt.created_at.desc(), Starrt.id)


def create_starrt(actor, placement_id, data):
    canonical = {
        **{f: data.get(f, "") for f in FIELDS},
        "werkprocessen": data.get("werkprocessen") or [],
        "evidence": [[e["kind"], str(e["id"])] for e in data.get("evidence") or []],
    }
    return student_records.create(
        Starrt,
        actor,
        placement_id,
        data,
        canonical,
        lambda placement: Starrt(placement=placement, **{f: data.get(f, "") for f in FIELDS}),
        lambda starrt, placement: _set_relations(starrt, placement, data),
    )


def _set_relations(starrt, placement, data):
    werkprocessen.set_tags(KIND, starrt, placement, data.get("werkprocessen"))
    evidence.set_links(KIND, starrt, placement, data.get("evidence"), allowed=EVIDENCE_KINDS)


def _require_draft(starrt):
    """A handed-in STARRT is the trainer's to rate, a rated one final: neither changes."""
    if starrt.status == STARRT_RATED:
        raise Conflict("starrt_rated")
    if starrt.status != STARRT_DRAFT:
        raise Conflict("starrt_submitted")


def update_starrt(actor, starrt_id, base_version, changes):
    def apply(starrt):
        for field in FIELDS:
            if field in changes:
                setattr(starrt, field, changes[field])
        _set_relations(starrt, starrt.placement, changes)

    return student_records.change(
        visible_starrts, Starrt, actor, starrt_id, base_version, apply, _require_draft
    )


def delete_starrt(actor, starrt_id, base_version):
    return student_records.delete(
        visible_starrts, Starrt, actor, starrt_id, base_version, _require_draft
    )


def submit_starrt(actor, starrt_id, base_version):
    """Hand in: every part written and at least one werkproces (the Taak says which)."""

    def apply(starrt):
        missing = [f for f in FIELDS if not getattr(starrt, f).strip()]
        if missing:
            raise RuleViolation("starrt_incomplete", field=missing[0], parts=", ".join(missing))
        if not werkprocessen.tags_for(KIND, [starrt.id]).get(str(starrt.id)):
            raise RuleViolation("starrt_needs_werkproces", field="werkprocessen")
        starrt.status = STARRT_SUBMITTED
        starrt.submitted_at = utcnow()

    with transaction():
        starrt = student_records.change(
            visible_starrts, Starrt, actor, starrt_id, base_version, apply, _require_draft
        )
        # Its evidence is now the trainer's and docent's to see: into their feeds again.
        evidence.announce_targets(KIND, starrt.id)
        AuditEvent.create(user=actor.id, action="starrt_submit", subject=f"starrt:{starrt.id}")
        return starrt


def rate_starrt(actor, starrt_id, base_version, data):
    """The placement's own praktijkopleider rates a handed-in STARRT, once."""
    with transaction():
        starrt = get_starrt(actor, starrt_id)
        access.require_trainer_of(actor, starrt.placement)
        if starrt.status == STARRT_RATED:
            raise Conflict("starrt_rated")
        starrt = lock_for_update(Starrt.select().where(Starrt.id == starrt.id)).first()
        require_version(starrt, base_version)
        initials = data["initials"].strip()
        if not initials:
            raise RuleViolation("initials_required", field="initials")
        starrt.status = STARRT_RATED
        starrt.rating = data["rating"]
        starrt.rating_remark = data.get("remark", "").strip()
        starrt.rating_initials = initials
        starrt.rated_by = actor.id
        starrt.rated_at = utcnow()
        save_versioned(starrt, base_version)
        AuditEvent.create(user=actor.id, action="starrt_rate", subject=f"starrt:{starrt.id}")
        return starrt


def progress(placement):
    """{"rated_sufficient", "rated", "submitted", "drafts", "minimum"}: "3 van minimaal 5"
    counts STARRTs rated V or G against the programme's minimum."""
    rows = (
        Starrt.select(Starrt.status, Starrt.rating)
        .where((Starrt.placement == placement.id) & Starrt.deleted_at.is_null())
        .tuples()
    )
    counts = {"rated_sufficient": 0, "rated": 0, "submitted": 0, "drafts": 0}
    for status, rating in rows:
        if status == STARRT_RATED:
            counts["rated"] += 1
            counts["rated_sufficient"] += rating in ("V", "G")
        elif status == STARRT_SUBMITTED:
            counts["submitted"] += 1
        else:
            counts["drafts"] += 1
    counts["minimum"] = (
        Programme.select(Programme.min_starrts)
        .where(Programme.id == placement.programme_id)
        .scalar()
    )
    return counts
