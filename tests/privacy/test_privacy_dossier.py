"""Every model filled for one student, then that student's export and erasure.

The export holds every kind, all of theirs and nothing of another student. The erasure leaves
no row that points to them, no text of theirs anywhere in the database and none of their files;
only what the rules keep on purpose: the approved week's hours, anonymised.
"""

import io
import json
import zipfile

import pytest
from peewee import CharField, ForeignKeyField, TextField

from app.extensions import db
from app.models import ALL_MODELS, ExportJob, HourEntry, Photo, Placement, User, Week
from app.privacy import erasure, export, registry
from app.privacy.registry import FOR_STUDENT
from app.storage import storage
from tests.conftest import module_app
from tests.privacy.dossier import FILL, Dossier

shared_app, app = module_app("dossier")


@pytest.fixture
def school(app, make_placement, make_user, make_company, institution):
    with app.test_request_context():
        subject = Dossier("sanne", make_placement, make_user, make_company, institution)
        other = Dossier("omar", make_placement, make_user, make_company, institution)
        yield subject, other


def references_to(user_id):
    """Every row that still points at this user, by (model, field)."""
    found = []
    for model in ALL_MODELS:
        for field in model._meta.sorted_fields:
            if isinstance(field, ForeignKeyField) and field.rel_model is User:
                count = model.select().where(field == user_id).count()
                if count:
                    found.append((model.__name__, field.name, count))
    if User.select().where(User.id == user_id).exists():
        found.append(("User", "id", 1))
    return found


def text_anywhere(markers):
    """Every (model, field) whose text still holds one of the markers."""
    found = []
    for model in ALL_MODELS:
        for field in model._meta.sorted_fields:
            if isinstance(field, CharField | TextField) and not isinstance(field, ForeignKeyField):
                for text in markers:
                    if model.select().where(field.contains(text)).exists():
                        found.append((model.__name__, field.name, text))
    return found


def read_zip(subject, audience=FOR_STUDENT):
    buffer = io.BytesIO()
    export.write_zip(buffer, subject, audience)
    archive = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    return archive, buffer.getvalue()


def test_every_personal_model_has_a_filler_here():
    declared = {d.model for d in registry.personal()}
    assert declared - set(FILL) == set(), "add a row of the new kind to tests/privacy/dossier.py"


def test_export_holds_every_kind_all_of_theirs_and_nothing_of_anyone_else(app, school):
    subject, other = school
    with app.test_request_context():
        archive, raw = read_zip(subject.student)
        names = set(archive.namelist())
        kinds = {d.kind for d in registry.personal()}
        files = {n for n in names if n.startswith("files/")}
        assert {f"{k}.json" for k in kinds} | {"manifest.json", "LEESMIJ.txt"} == names - files
        # The kinds' files: the photo that is kept, and its thumbnail (#9); a deleted one has none.
        (kept,) = [p for p in subject.by_model[Photo] if p.deleted_at is None]
        name = f"files/photos/{kept.taken_at:%Y%m%d}-{kept.id}"
        assert files == {f"{name}.jpg", f"{name}-klein.jpg"}
        with storage(app).open(kept.image_key) as fh:
            assert archive.read(f"{name}.jpg") == fh.read()
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["subject"] == {"id": subject.student.id, "name": subject.student.name}
        for d in registry.personal():
            rows = json.loads(archive.read(f"{d.kind}.json"))
            assert len(rows) == d.rows(subject.student).count() == manifest["kinds"][d.kind]
            if d.kind != "approval_links":  # the trainer's links, not the student's data
                assert rows, f"{d.kind}: the dossier has rows of this kind"
        text = raw.decode("latin-1") + "".join(
            archive.read(n).decode() for n in names if n.endswith(".json")
        )
        for mark in subject.markers:
            assert mark in text, mark
        for mark in other.markers:
            assert mark not in text, f"{mark}: another student's data in the export"
        assert subject.student.email in text
        assert "password_hash" not in text and subject.student.password_hash not in text


def test_erasure_leaves_nothing_of_theirs_but_the_anonymised_approved_hours(app, school):
    subject, other = school
    student = subject.student
    files = storage(app).keys("exports/")
    own_files = {j.file_key for j in subject.by_model[ExportJob]}
    assert own_files <= set(files)
    other_before = _state_of(other)
    approved = [e.id for e in subject.approved_entries]

    with app.test_request_context():
        with db.atomic():
            assert erasure.erase(student.id, actor=subject.coordinator)
        with db.atomic():
            assert not erasure.erase(student.id), "nobody left to erase: a second run is a no-op"

    assert references_to(student.id) == []
    assert text_anywhere([*subject.markers, student.email]) == []
    assert own_files.isdisjoint(storage(app).keys("exports/")), "their exports' files are gone"
    photo_files = {k for p in other.by_model[Photo] for k in (p.image_key, p.thumbnail_key)}
    photo_files = {k for k in photo_files if storage(app).exists(k)}
    assert set(storage(app).keys("photos/")) == photo_files, "their photos' files are gone (#9)"
    # Kept for the school's administration: the approved week and its hours, without a person.
    placement = Placement.get_by_id(subject.placement.id)
    stand_in = User.get_by_id(placement.student_id)
    assert stand_in.anonymous and not stand_in.active and stand_in.email.endswith(".invalid")
    assert (placement.praktijkopleider_id, placement.docent_id) == (None, None)
    kept = list(HourEntry.select().where(HourEntry.placement == placement.id))
    assert sorted(e.id for e in kept) == sorted(approved)
    assert {(e.description, e.created_by_id) for e in kept} == {("", stand_in.id)}
    assert [(w.status, w.comment) for w in Week.select().where(Week.placement == placement.id)] == [
        ("approved", "")
    ]
    assert not Placement.select().where(Placement.id == subject.old_placement.id).exists()
    # Everyone else's data is as it was.
    assert _state_of(other) == other_before


def test_erasing_a_trainer_keeps_the_students_dossier(app, school):
    subject, _ = school
    trainer = subject.trainer
    with app.test_request_context(), db.atomic():
        assert erasure.erase(trainer.id)
    assert references_to(trainer.id) == []
    week = Week.get((Week.placement == subject.placement.id) & (Week.status == "approved"))
    assert (week.decided_by_id, week.status) == (None, "approved")
    assert text_anywhere(subject.markers[1:]) != []  # the student's own texts are still there
    assert User.get_by_id(subject.student.id).name == subject.student.name


def _state_of(dossier):
    placements = [dossier.placement.id, dossier.old_placement.id]
    return (
        sorted(
            (e.id, e.description, e.version)
            for e in HourEntry.select().where(HourEntry.placement.in_(placements))
        ),
        sorted(
            (w.id, w.status, w.comment) for w in Week.select().where(Week.placement.in_(placements))
        ),
        User.get_by_id(dossier.student.id).name,
    )
