"""A person's data as one ZIP: one JSON file per kind of the registry, plus the kinds' files.

    manifest.json       who, when (UTC), for whom, how many rows of each kind, left-out items
    LEESMIJ.txt         what the files are, in Dutch and English
    <kind>.json         a JSON array of the person's rows of that kind (every kind, even empty)
    files/<kind>/<name> the files a kind's rows point to, read from the file storage

A job is made in the request when the dossier is small (EXPORT_INLINE_MAX_ITEMS rows and
files); otherwise it waits, `queued`, for `flask --app wsgi run-exports` (the scheduler's job).
No threads: a thread started by a gunicorn sync worker dies with that worker, and no other
worker could tell. A worker claims a job with a conditional UPDATE and a lease that its
progress keeps renewing, so two workers never build the same job and a dead worker's job is
taken over when its lease runs out. Progress (rows and files done of the total) is written as
it goes; the page polls it.

Rows are read kind by kind, not in one snapshot: something written while a large export is
being made may or may not be in it (the manifest says when it was made).
"""

import datetime as dt
import decimal
import json
import secrets
import shutil
import uuid
import zipfile

from flask import current_app
from peewee import ForeignKeyField

from app import clock
from app.extensions import db
from app.models import ActivityCategory, ExportJob, User, Week
from app.models.privacy import EXPORT_FAILED, EXPORT_QUEUED, EXPORT_READY, EXPORT_RUNNING
from app.privacy import registry
from app.storage import storage

LEASE = dt.timedelta(minutes=15)
PROGRESS_EVERY = 250  # rows or files between progress writes
FORMAT_VERSION = 1

README = """Stagewijs: je gegevens / your data

NL  Dit bestand bevat alle gegevens die Stagewijs over je bewaart, op het moment dat het werd
    gemaakt (zie manifest.json). Elk .json-bestand is één soort gegevens: account.json (je
    account), placements.json (je stages), weeks.json (je weken), hour_entries.json (je uren),
    audit_events.json (wanneer je inlogde en wat je deed), enzovoort. In de map files/ staan je
    bestanden (zoals foto's). Je kunt de .json-bestanden openen met een teksteditor of in een
    ander programma inlezen. Vragen? Stel ze aan de bpv-coördinator van je school.

EN  This file holds all data Stagewijs keeps about you, as it was when it was made (see
    manifest.json). Each .json file is one kind of data; the folder files/ holds your files
    (such as photos). Questions? Ask your school's placement coordinator.
"""


class ExportContext:
    """What a declaration's dump gets: whom the copy is about, for whom, and plain values."""

    def __init__(self, subject, audience):
        self.subject = subject
        self.audience = audience
        self._refs = {}

    def value(self, row, name):
        field = row._meta.fields[name]
        raw = row.__data__.get(name)
        if isinstance(field, ForeignKeyField):
            return self.ref(field.rel_model, raw)
        return plain(raw)

    def ref(self, model, pk):
        """Another record as the export names it: its id and what a person would call it."""
        if pk is None:
            return None
        key = (model, pk)
        if key not in self._refs:
            self._refs[key] = _describe(model, pk)
        return self._refs[key]


def _describe(model, pk):
    row = model.get_or_none(model._meta.primary_key == pk)
    if row is None:
        return {"id": plain(pk)}
    if model is ActivityCategory:
        return {"code": row.code, "name_nl": row.name_nl, "name_en": row.name_en}
    if model is Week:
        return {"id": row.id, "week": clock.iso_week_label(row.monday)}
    if model is User:
        return {"id": row.id, "name": row.name, "role": row.role}
    name = getattr(row, "name", None)
    return {"id": plain(pk), "name": name} if isinstance(name, str) else {"id": plain(pk)}


def plain(value):
    """A value as JSON holds it: instants in UTC with a Z, dates and times in ISO form."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat() + "Z"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    return value


def dump(declaration, row, ctx):
    if declaration.dump is not None:
        return declaration.dump(row, ctx)
    return {name: ctx.value(row, name) for name in declaration.fields}


def _left_out(declaration, row, audience):
    return (
        audience == registry.FOR_THIRD_PARTY
        and declaration.confidential is not None
        and declaration.confidential(row)
    )


def plan(subject):
    """How many steps a copy of this person's data takes: their rows, plus the files."""
    steps = 0
    for declaration in registry.personal():
        rows = declaration.rows(subject)
        steps += rows.count()
        if declaration.files is not None:
            steps += sum(len(list(declaration.files(row))) for row in rows)
    return steps


class _Progress:
    def __init__(self, job):
        self.job_id = job.id
        self.done = 0
        self.written = 0

    def step(self):
        self.done += 1
        if self.done - self.written >= PROGRESS_EVERY:
            self.flush()

    def flush(self):
        # Progress, and the lease renewed: a slow build is not taken over while it works.
        with db.atomic():
            ExportJob.update(steps_done=self.done, claimed_until=clock.utcnow() + LEASE).where(
                (ExportJob.id == self.job_id) & (ExportJob.status == EXPORT_RUNNING)
            ).execute()
        self.written = self.done


def write_zip(fh, subject, audience, progress=None):
    """Write the ZIP to a binary file; returns the manifest."""
    ctx = ExportContext(subject, audience)
    step = progress.step if progress is not None else (lambda: None)
    files, counts, left_out = [], {}, {}
    with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for declaration in registry.personal():
            written = skipped = 0
            with archive.open(f"{declaration.kind}.json", "w") as out:
                out.write(b"[")
                for row in declaration.rows(subject).iterator():
                    step()
                    if _left_out(declaration, row, audience):
                        skipped += 1
                        continue
                    data = json.dumps(dump(declaration, row, ctx), ensure_ascii=False)
                    out.write((b",\n" if written else b"\n") + data.encode())
                    written += 1
                    if declaration.files is not None:
                        files += [(declaration.kind, *ref) for ref in declaration.files(row)]
                out.write(b"\n]\n")
            counts[declaration.kind] = written
            if skipped:
                left_out[declaration.kind] = skipped
        store = storage()
        for kind, key, name in files:
            with store.open(key) as source, archive.open(f"files/{kind}/{name}", "w") as out:
                shutil.copyfileobj(source, out, 1 << 16)
            step()
        manifest = {
            "format": FORMAT_VERSION,
            "made_at": plain(clock.utcnow()),
            "subject": {"id": subject.id, "name": subject.name},
            "audience": audience,
            "kinds": counts,
            "files": len(files),
            # How many items were left out as company-confidential (only for others' copies).
            "left_out": left_out,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        archive.writestr("LEESMIJ.txt", README)
    return manifest


# --- jobs ------------------------------------------------------------------------------------


def _claimable(now):
    return (ExportJob.status == EXPORT_QUEUED) | (
        (ExportJob.status == EXPORT_RUNNING) & (ExportJob.claimed_until < now)
    )


def claim(job_id=None):
    """Take one job to build (this one, or the oldest waiting). None: nothing to do.

    A conditional UPDATE: of two workers asking at once, one gets the job, the other the next.
    """
    now = clock.utcnow()
    candidates = ExportJob.select(ExportJob.id).where(_claimable(now)).order_by(ExportJob.id)
    if job_id is not None:
        candidates = candidates.where(ExportJob.id == job_id)
    for (candidate,) in candidates.limit(10).tuples():
        with db.atomic():
            taken = (
                ExportJob.update(
                    status=EXPORT_RUNNING, started_at=now, claimed_until=now + LEASE, steps_done=0
                )
                .where((ExportJob.id == candidate) & _claimable(now))
                .execute()
            )
        if taken:
            return ExportJob.get_by_id(candidate)
    return None


def build(job):
    """Make a claimed job's ZIP. The job ends ready (or failed); returns it as stored."""
    key = f"exports/{job.id}-{secrets.token_hex(8)}.zip"
    store = storage()
    try:
        subject = User.get_by_id(job.subject_id)
        progress = _Progress(job)
        with store.writer(key) as fh:
            write_zip(fh, subject, job.audience, progress)
        size = store.size(key)
    except Exception:
        current_app.logger.exception("Export %s failed", job.id)
        store.delete(key)
        with db.atomic():
            ExportJob.update(status=EXPORT_FAILED, error="build_failed", claimed_until=None).where(
                (ExportJob.id == job.id) & (ExportJob.status == EXPORT_RUNNING)
            ).execute()
        return ExportJob.get_or_none(ExportJob.id == job.id)
    with db.atomic():
        done = (
            ExportJob.update(
                status=EXPORT_READY,
                finished_at=clock.utcnow(),
                file_key=key,
                file_size=size,
                claimed_until=None,
                steps_done=ExportJob.steps_total,
            )
            .where((ExportJob.id == job.id) & (ExportJob.status == EXPORT_RUNNING))
            .execute()
        )
    if not done:  # erased (or expired) while it was being made: leave no copy behind
        store.delete(key)
    return ExportJob.get_or_none(ExportJob.id == job.id)


def process_queued(max_jobs=None):
    """Build waiting jobs until none is left (or max_jobs); returns how many were built."""
    built = 0
    while max_jobs is None or built < max_jobs:
        job = claim()
        if job is None:
            break
        build(job)
        built += 1
    return built
