"""A record kind with files, declared the way docs/ADDING_A_RECORD_KIND.md says (one
`placement_record` call under the model): its files travel in the export and go with the
erasure, and what the student marked company-confidential stays out of copies for others."""

import io
import json
import zipfile

import peewee
import pytest

from app.extensions import db
from app.models import Placement
from app.models.base import BaseModel
from app.models.users import STUDENT, TEACHER
from app.privacy import erasure, export, registry
from app.storage import storage
from tests.conftest import module_app


class Sketch(BaseModel):
    """A dummy kind: a drawing kept in the file storage, perhaps company-confidential."""

    placement = peewee.ForeignKeyField(Placement, on_delete="CASCADE")
    caption = peewee.TextField()
    file_key = peewee.CharField()
    company_confidential = peewee.BooleanField(default=False)


SKETCHES = registry.placement_record(
    Sketch,
    kind="sketches",
    fields=("id", "caption", "company_confidential"),
    withheld={"placement": "Always the student's placement.", "file_key": "Where it is stored."},
    seen_by=(registry.SELF, TEACHER),
    files=lambda sketch: [(sketch.file_key, f"{sketch.id}.png")],
    confidential=lambda sketch: sketch.company_confidential,
)

shared_app, app = module_app("privacy_files")


@pytest.fixture
def sketches(app, make_placement):
    registry.declare(SKETCHES)
    with app.app_context():
        db.create_tables([Sketch])
    mine, theirs = make_placement(), make_placement()
    made = {}
    for name, placement, secret in (
        ("open", mine, False),
        ("secret", mine, True),
        ("other", theirs, False),
    ):
        key = f"sketches/{name}.png"
        with storage(app).writer(key) as fh:
            fh.write(f"png of {name}".encode())
        made[name] = Sketch.create(
            placement=placement, caption=f"schets {name}", file_key=key, company_confidential=secret
        )
    yield mine.student, made
    registry.forget(Sketch)
    with app.app_context():
        db.drop_tables([Sketch])


def _copy(app, student, audience):
    buffer = io.BytesIO()
    with app.test_request_context():
        export.write_zip(buffer, student, audience)
    return zipfile.ZipFile(buffer)


def test_the_students_own_copy_has_every_sketch_and_its_file(app, sketches):
    student, made = sketches
    archive = _copy(app, student, registry.FOR_STUDENT)
    assert [s["caption"] for s in json.loads(archive.read("sketches.json"))] == [
        "schets open",
        "schets secret",
    ]
    for name in ("open", "secret"):
        assert archive.read(f"files/sketches/{made[name].id}.png") == f"png of {name}".encode()
    assert f"files/sketches/{made['other'].id}.png" not in archive.namelist()


def test_a_copy_for_others_leaves_the_company_confidential_sketch_out(app, sketches):
    student, made = sketches
    archive = _copy(app, student, registry.FOR_THIRD_PARTY)
    assert [s["caption"] for s in json.loads(archive.read("sketches.json"))] == ["schets open"]
    assert f"files/sketches/{made['secret'].id}.png" not in archive.namelist()
    assert json.loads(archive.read("manifest.json"))["left_out"] == {"sketches": 1}


def test_erasure_removes_the_rows_and_their_files(app, sketches):
    student, made = sketches
    with app.test_request_context():
        with db.atomic():
            assert erasure.erase(student.id)
        assert storage().keys("sketches/") == ["sketches/other.png"]
    assert [s.caption for s in Sketch.select()] == ["schets other"]
    assert student.role == STUDENT


def test_a_rolled_back_erasure_keeps_the_files(app, sketches):
    student, _ = sketches
    with app.test_request_context():
        with pytest.raises(RuntimeError, match="stop"), db.atomic():
            erasure.erase(student.id)
            raise RuntimeError("stop")
        assert len(storage().keys("sketches/")) == 3
    assert Sketch.select().count() == 3
