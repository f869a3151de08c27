"""A full dossier for the privacy tests: a row of every kind of personal data for one person.

FILL has one function per model that holds personal data; tests/privacy/test_privacy_dossier.py
fails when a model of the registry has none, so a new kind brings its own here.
"""

import datetime as dt
import hashlib
import io
import json
import uuid

from PIL import Image

from app.models import (
    ApprovalToken,
    AuditEvent,
    Delivery,
    ErasureRequest,
    EvidenceLink,
    ExportJob,
    GuidanceQuestion,
    HourEntry,
    IdempotencyRecord,
    LearningGoal,
    LearningMoment,
    LoginFailure,
    Message,
    Note,
    NotificationPreference,
    NotificationSettings,
    Photo,
    Placement,
    PushSubscription,
    ReadMarker,
    Revocation,
    Starrt,
    User,
    Week,
    WerkprocesTag,
)
from app.models.base import next_change_seq
from app.services import (
    entries,
    evidence,
    guidance,
    learning,
    messages,
    notes,
    photos,
    privacy,
    starrts,
    weeks,
)
from tests.conftest import TODAY

LAST_WEEK = "2026-W46"
THIS_WEEK = "2026-W47"


def marker(tag):
    return f"geheim-{tag}-{uuid.uuid4().hex[:8]}"


def entry(student, placement, day, start, end, text):
    data = {
        "id": uuid.uuid4(),
        "date": day,
        "start_time": dt.time(*start),
        "end_time": dt.time(*end),
        "category": 1,
        "description": text,
    }
    return entries.create_entry(student, placement.id, data)[0]


class Dossier:
    """One student with everything: an approved week, an open week, a deleted entry, an older
    placement without approved hours, and a row of every other kind. Call inside an app
    context (the services read the frozen clock)."""

    def __init__(self, tag, make_placement, make_user, make_company, institution):
        self.tag = tag
        self.markers = []
        name = self.mark("naam")
        self.student = make_user("student", name=name, email=f"{tag}-{uuid.uuid4().hex[:6]}@x.nl")
        self.company = make_company()
        self.trainer = make_user("praktijkopleider", company=self.company, name=f"Trainer {tag}")
        self.docent = make_user("docent", name=f"Docent {tag}")
        self.coordinator = (
            User.select()
            .where((User.role == "coordinator") & (User.institution == institution.id))
            .first()
        ) or make_user("coordinator", name="Coördinator")
        self.placement = make_placement(
            student=self.student, company=self.company, trainer=self.trainer, docent=self.docent
        )
        self.old_placement = make_placement(
            student=self.student,
            company=self.company,
            trainer=self.trainer,
            docent=self.docent,
            start_date=TODAY - dt.timedelta(weeks=60),
            end_date=TODAY - dt.timedelta(weeks=40),
        )
        self.by_model = {}
        for model, fill in FILL.items():
            self.by_model[model] = fill(self)

    def mark(self, what):
        text = marker(f"{self.tag}-{what}")
        self.markers.append(text)
        return text


def _placements(d):
    return [d.placement, d.old_placement]


def _weeks(d):
    p = d.placement
    last = TODAY - dt.timedelta(days=7)
    d.approved_entries = [
        entry(d.student, p, last, (8, 0), (12, 0), d.mark("ochtend")),
        entry(d.student, p, last, (13, 0), (16, 0), d.mark("middag")),
    ]
    weeks.transition(d.student, p.id, LAST_WEEK, "submit")
    weeks.transition(d.trainer, p.id, LAST_WEEK, "approve")
    Week.update(comment=d.mark("opmerking")).where(Week.placement == p.id).execute()
    d.open_entry = entry(d.student, p, TODAY, (8, 0), (12, 0), d.mark("vandaag"))
    return list(Week.select().where(Week.placement == p.id))


def _entries(d):
    gone = entry(d.student, d.placement, TODAY, (13, 0), (14, 0), d.mark("weg"))
    entries.delete_entry(d.student, gone.id, gone.version)
    return list(HourEntry.select().where(HourEntry.placement == d.placement.id))


def _login_failures(d):
    return [LoginFailure.create(email=d.student.email, address="192.0.2.1")]


def _audit(d):
    return [AuditEvent.create(user=d.student.id, action="login")]


def _replays(d):
    body = json.dumps({"description": d.mark("antwoord")})
    return [
        IdempotencyRecord.create(
            user=d.student, key=f"op-{d.tag}", fingerprint="f", status_code=201, body=body
        )
    ]


def _revocations(d):
    return [
        Revocation.create(user=d.student, kind="entry", record_id="x", change_seq=next_change_seq())
    ]


def _exports(d):
    job, _ = privacy.request_export(d.student)
    assert job.status == "ready" and job.file_key
    return [job]


def _erasure_requests(d):
    request, _ = privacy.request_erasure(d.student)
    return [request]


def _push(d):
    return [
        PushSubscription.create(
            user=d.student,
            device_id=uuid.uuid4(),
            endpoint=f"https://fcm.googleapis.com/fcm/send/{d.mark('push')}",
            p256dh="k",
            auth="a",
        )
    ]


def _settings(d):
    return [NotificationSettings.create(user=d.student)]


def _preferences(d):
    return [NotificationPreference.create(user=d.student, kind="no_entry", mode="off")]


def _deliveries(d):
    return [
        Delivery.create(
            user=d.student,
            kind="no_entry",
            period=str(TODAY),
            title="Uren?",
            body=d.mark("herinnering"),
            navigate="/entry",
            ttl_seconds=3600,
            expires_at=dt.datetime(2026, 11, 19),
        )
    ]


def _approval_links(d):
    # A one-tap link the trainer got for the student's week: the trainer's, about the student.
    week = Week.get(Week.placement == d.placement.id)
    return [
        ApprovalToken.create(
            token_hash=uuid.uuid4().hex,
            week=week,
            week_version=week.version,
            trainer=d.trainer,
            expires_at=dt.datetime(2026, 11, 20),
        )
    ]


def _questions(d):
    # Conversations (#10): a guidance question sharing the open entry, on the School line.
    data = {
        "id": uuid.uuid4(),
        "question": d.mark("hulpvraag"),
        "answer_mode": "call",
        "items": [{"kind": "entry", "id": str(d.open_entry.id)}],
    }
    return [guidance.ask(d.student, d.placement.id, data)[0]]


def _messages(d):
    for who, line in ((d.student, "stage"), (d.trainer, "stage"), (d.docent, "school")):
        data = {"id": uuid.uuid4(), "body": d.mark(f"bericht-{line}"), "item": None}
        messages.send(who, d.placement.id, line, data)
    return list(Message.select().where(Message.placement == d.placement.id))


def _read_markers(d):
    return list(ReadMarker.select().where(ReadMarker.user == d.student.id))


# Photos (#9): one kept (its files in the export), one deleted (a tombstone without files).
def _photos(d):
    out = io.BytesIO()
    Image.new("RGB", (48, 32), (10, 120, 200)).save(out, "JPEG")
    data = out.getvalue()
    made = []
    for what in ("foto", "weg-foto"):
        fields = {
            "id": uuid.uuid4(),
            "sha256": hashlib.sha256(data).hexdigest(),
            "taken_at": dt.datetime(2026, 11, 18, 9, 15),
            "caption": d.mark(what),
        }
        made.append(photos.create_photo(d.student, d.placement.id, fields, data)[0])
    photos.delete_photo(d.student, made[1].id, made[1].version)
    return [Photo.get_by_id(p.id) for p in made]


# Evidence (#9): an entry tagged with werkprocessen, and a record linking it as evidence.
def _werkproces_tags(d):
    e = entries.update_entry(
        d.student,
        d.open_entry.id,
        d.open_entry.version,
        {"werkprocessen": ["B1-K1-W3", "B1-K2-W1"]},
    )
    d.open_entry = e
    return list(WerkprocesTag.select().where(WerkprocesTag.placement == d.placement.id))


def _evidence_links(d):
    evidence.set_links("starrt", d.starrt, d.placement, [{"kind": "entry", "id": d.open_entry.id}])
    return list(EvidenceLink.select().where(EvidenceLink.placement == d.placement.id))


def _starrts(d):
    """A rated STARRT (the trainer's remark and initials on it) and a draft."""
    parts = {p: d.mark(p) for p in ("situatie", "taak", "actie", "resultaat", "reflectie")}
    data = {"id": uuid.uuid4(), "title": d.mark("starrt"), "transfer": "Overal", **parts}
    data["werkprocessen"] = ["B1-K1-W2"]
    rated, _ = starrts.create_starrt(d.student, d.placement.id, data)
    rated = starrts.submit_starrt(d.student, rated.id, rated.version)
    starrts.rate_starrt(
        d.trainer,
        rated.id,
        rated.version,
        {"rating": "G", "initials": "TB", "remark": d.mark("beoordeling")},
    )
    draft = {"id": uuid.uuid4(), "title": d.mark("concept")}
    d.starrt, _ = starrts.create_starrt(d.student, d.placement.id, draft)
    return list(Starrt.select().where(Starrt.placement == d.placement.id))


def _notes(d):
    for visibility in ("self", "docent", "all"):
        data = {
            "id": uuid.uuid4(),
            "text": d.mark(f"notitie-{visibility}"),
            "visibility": visibility,
        }
        notes.create_note(d.student, d.placement.id, data)
    return list(Note.select().where(Note.placement == d.placement.id))


def _goals(d):
    data = {"id": uuid.uuid4(), "title": d.mark("leerdoel"), "criteria": d.mark("criteria")}
    d.goal, _ = learning.create_goal(d.student, d.placement.id, data)
    return [d.goal]


def _moments(d):
    data = {
        "id": uuid.uuid4(),
        "date": TODAY,
        "text": d.mark("geleerd"),
        "goal_id": d.goal.id,
        "reflection_model": "feedback",
        "reflection": {"feedback": d.mark("feedback"), "feedforward": d.mark("feedforward")},
        "werkprocessen": ["B1-K2-W3"],
    }
    return [learning.create_moment(d.student, d.placement.id, data)[0]]


# In foreign-key order, like the registry (placements before their weeks and entries).
FILL = {
    User: lambda d: [d.student],
    Placement: _placements,
    Week: _weeks,
    HourEntry: _entries,
    LoginFailure: _login_failures,
    AuditEvent: _audit,
    IdempotencyRecord: _replays,
    Revocation: _revocations,
    ExportJob: _exports,
    ErasureRequest: _erasure_requests,
    PushSubscription: _push,
    NotificationSettings: _settings,
    NotificationPreference: _preferences,
    Delivery: _deliveries,
    ApprovalToken: _approval_links,
    GuidanceQuestion: _questions,
    Message: _messages,
    ReadMarker: _read_markers,
    # Evidence (#9)
    WerkprocesTag: _werkproces_tags,
    Starrt: _starrts,
    EvidenceLink: _evidence_links,
    Photo: _photos,  # Photos (#9)
    Note: _notes,
    LearningGoal: _goals,
    LearningMoment: _moments,
}
