"""Evidence links, generic over kinds: targets must be registered kinds of the same placement;
a kind that shares what it links (a submitted STARRT) makes a private kind (photos) visible
through `evidence.shared_ids` / `evidence.own_or_shared`.

"photo" here is a dummy kind registered the way the photos feature registers its own, so the
links are tested before (and independently of) that feature.
"""

import datetime as dt
import uuid

import peewee
import pytest

from app import synced
from app.errors import RuleViolation
from app.extensions import db
from app.models import EvidenceLink, HourEntry, Placement
from app.models.client_records import ClientRecord
from app.services import access, entries, evidence
from tests.conftest import TODAY, module_app

shared_app, app = module_app("evidence_links")


@pytest.fixture(autouse=True)
def context(app):
    with app.app_context():
        yield


class Snap(ClientRecord):
    placement = peewee.ForeignKeyField(Placement, on_delete="CASCADE")
    shared = peewee.BooleanField(default=False)  # stands in for "linked from a submitted STARRT"


class Holder:
    """The linking side needs only an id."""

    def __init__(self):
        self.id = uuid.uuid4()


def _entry(placement, day=TODAY):
    data = {
        "id": uuid.uuid4(),
        "date": day,
        "start_time": dt.time(8),
        "end_time": dt.time(12),
        "category": 1,
    }
    return entries.create_entry(placement.student, placement.id, data)[0]


def _snap(placement):
    snap = Snap(id=uuid.uuid4(), placement=placement, created_by=placement.student_id)
    snap.create_fingerprint = "x"
    snap.stamp()
    snap.save(force_insert=True)
    return snap


@pytest.fixture
def with_photos(app):
    synced.register(app, synced.SyncedKind("photo", Snap, lambda u: Snap.select(), None))
    with app.app_context():
        db.create_tables([Snap])
        Snap.delete().execute()
    yield
    synced._registry(app).pop("photo", None)


def test_links_keep_their_order_and_can_be_replaced(app, make_placement):
    placement = make_placement()
    one, two = _entry(placement), _entry(placement, TODAY - dt.timedelta(days=1))
    holder = Holder()
    targets = [{"kind": "entry", "id": two.id}, {"kind": "entry", "id": one.id}]
    evidence.set_links("starrt", holder, placement, targets)
    assert evidence.links_for("starrt", [holder.id])[str(holder.id)] == [
        {"kind": "entry", "id": str(two.id)},
        {"kind": "entry", "id": str(one.id)},
    ]
    evidence.set_links("starrt", holder, placement, None)  # None: unchanged
    assert EvidenceLink.select().count() == 2
    evidence.set_links("starrt", holder, placement, [{"kind": "entry", "id": one.id}])
    assert evidence.linked_from("entry", [one.id, two.id], "starrt") == {
        str(one.id): [str(holder.id)]
    }


@pytest.mark.parametrize("case", ["other_placement", "missing", "deleted", "unknown_kind"])
def test_a_target_that_is_not_this_placement_s_is_refused(app, make_placement, case):
    placement, other = make_placement(), make_placement()
    target = {"kind": "entry", "id": _entry(other).id}
    if case == "missing":
        target["id"] = uuid.uuid4()
    if case == "deleted":
        own = _entry(placement)
        entries.delete_entry(placement.student, own.id, own.version)
        target["id"] = own.id
    if case == "unknown_kind":
        # Not a registered kind (photo is one since the photos branch, #9).
        target = {"kind": "sticker", "id": uuid.uuid4()}
    with pytest.raises(RuleViolation) as refused:
        evidence.set_links("starrt", Holder(), placement, [target])
    assert refused.value.field == "evidence"
    expected = "unknown_evidence_kind" if case == "unknown_kind" else "evidence_not_found"
    assert refused.value.code == expected
    assert not EvidenceLink.select().exists()


def test_a_kind_outside_what_the_linking_kind_takes_is_unknown_to_it(app, make_placement):
    placement = make_placement()
    target = {"kind": "entry", "id": _entry(placement).id}
    with pytest.raises(RuleViolation) as refused:
        evidence.set_links("starrt", Holder(), placement, [target], allowed=("photo",))
    assert refused.value.code == "unknown_evidence_kind"
    for kind in ("placement", "week"):  # not records a phone makes
        with pytest.raises(RuleViolation):
            evidence.set_links("starrt", Holder(), placement, [{"kind": kind, "id": uuid.uuid4()}])


def test_a_registered_photo_kind_is_linkable_and_shared_only_through_a_sharer(
    app, with_photos, make_placement
):
    placement = make_placement()
    photo, private = _snap(placement), _snap(placement)
    holder, shared_holder = Holder(), Holder()
    evidence.set_links("starrt", holder, placement, [{"kind": "photo", "id": private.id}])
    evidence.set_links("testshare", shared_holder, placement, [{"kind": "photo", "id": photo.id}])
    trainer, student = placement.praktijkopleider, placement.student

    def visible(user):
        return {s.id for s in evidence.own_or_shared(Snap, "photo", user)}

    assert visible(student) == {photo.id, private.id}
    assert visible(trainer) == set()  # nothing shares yet
    evidence.shares_evidence(
        "testshare",
        lambda actor: EvidenceLink.select(EvidenceLink.from_id).where(
            (EvidenceLink.from_id == shared_holder.id)
            & EvidenceLink.placement.in_(access.visible_placements(actor).select(Placement.id))
        ),
    )
    try:
        assert visible(trainer) == {photo.id}
        assert visible(placement.docent) == {photo.id}
        stranger = make_placement().praktijkopleider
        assert visible(stranger) == set()
        before = Snap.get_by_id(photo.id).change_seq
        evidence.announce_targets("testshare", shared_holder.id)
        after = Snap.get_by_id(photo.id)
        assert after.change_seq > before and after.version == 1
    finally:
        evidence._SHARERS.pop("testshare")


def test_links_go_with_their_placement(app, make_placement):
    placement = make_placement()
    evidence.set_links(
        "starrt", Holder(), placement, [{"kind": "entry", "id": _entry(placement).id}]
    )
    Placement.delete().where(Placement.id == placement.id).execute()
    assert not EvidenceLink.select().exists() and not HourEntry.select().exists()


def test_a_photo_on_a_handed_in_starrt_is_seen_with_it(app, with_photos, make_placement):
    """The real sharer: a STARRT shares its photos with the trainer and docent once handed in,
    and puts them in their feeds again (a new change sequence)."""
    from app.services import starrts

    placement = make_placement()
    photo, other = _snap(placement), _snap(placement)
    student = placement.student
    parts = dict.fromkeys(("situatie", "taak", "actie", "resultaat", "reflectie", "transfer"), "x")
    data = {"id": uuid.uuid4(), "title": "Kast", **parts, "werkprocessen": ["B1-K1-W3"]}
    data["evidence"] = [{"kind": "photo", "id": photo.id}]
    starrt, _ = starrts.create_starrt(student, placement.id, data)

    def visible(user):
        return {s.id for s in evidence.own_or_shared(Snap, "photo", user)}

    assert visible(placement.praktijkopleider) == set() == visible(placement.docent)
    before = Snap.get_by_id(photo.id).change_seq
    starrts.submit_starrt(student, starrt.id, starrt.version)
    for user in (placement.praktijkopleider, placement.docent):
        assert visible(user) == {photo.id}  # not the photo that is on no STARRT
    assert visible(student) == {photo.id, other.id}
    assert Snap.get_by_id(photo.id).change_seq > before
    assert Snap.get_by_id(other.id).change_seq == other.change_seq  # not announced
    stranger = make_placement()
    assert visible(stranger.praktijkopleider) == set() == visible(stranger.docent)
