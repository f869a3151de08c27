"""The authorization matrix: every endpoint x every role x relationship, each cell written out.

Modelled on GitLab's policy specs. One target placement P (student, its trainer, its docent, the
coordinator of its institution) and, around it, people with every other relationship: a trainer
at another company, a trainer at the same company who is not P's trainer, a docent not assigned
to P, the coordinator of another institution, a student of another placement, and nobody.

Rules under test (issue 2, "Identity and access"; shared/SECURITY.md):
- what a user may not see answers 404, never someone else's data;
- what a user may see but not do answers 403;
- no session answers 401.

Besides the status of each cell, every answer is searched for the markers of placements the
actor may not see (list endpoints are where leaks hide), refused writes must leave the database
exactly as it was, and the list endpoints must show exactly the actor's own set.
"""

import datetime as dt
import hashlib
import io
import uuid

import pytest
from PIL import Image

from app.models import (
    AuditEvent,
    Company,
    ErasureRequest,
    ExportJob,
    GuidanceQuestion,
    HourEntry,
    Message,
    Photo,
    Placement,
    ReadMarker,
    User,
    Week,
)
from app.models.users import COORDINATOR, STUDENT, TEACHER, TRAINER
from app.services import entries as entry_service
from app.services import guidance as guidance_service
from app.services import messages as message_service
from app.services import photos as photo_service
from app.services import privacy as privacy_service
from app.services import weeks as week_service
from app.storage import storage
from tests.conftest import PASSWORD, TODAY, module_app
from tests.evidence.matrix import EVIDENCE_ROUTES  # Evidence (#9)

THIS_WEEK = "2026-W47"  # holds TODAY
LAST_WEEK = "2026-W46"

ACTORS = (
    "student",  # P's own student
    "trainer",  # P's praktijkopleider
    "docent",  # P's assigned docent
    "coordinator",  # coordinator of P's institution
    "other_company_trainer",  # trainer of placement Q at another company
    "same_company_trainer",  # trainer at P's company, trainer of R, not of P
    "unassigned_docent",  # docent of Q and R, not of P
    "other_institution_coordinator",  # coordinator of institution 2 (placement X)
    "other_student",  # student of Q
    "anonymous",
)

# Which placements each actor may see (by key). P, Q, R are in institution 1, X in 2.
# The placements each trainer and docent of the world is on: whose work e-mail may be shown.
STAFF_ON = {
    "trainer": {"P"},
    "docent": {"P"},
    "other_company_trainer": {"Q"},
    "same_company_trainer": {"R"},
    "unassigned_docent": {"Q", "R"},
}
VISIBLE = {
    "student": {"P"},
    "trainer": {"P"},
    "docent": {"P"},
    "coordinator": {"P", "Q", "R"},
    "other_company_trainer": {"Q"},
    "same_company_trainer": {"R"},
    "unassigned_docent": {"Q", "R"},
    "other_institution_coordinator": {"X"},
    "other_student": {"Q"},
    "anonymous": set(),
}

# fmt: off
# Expected status of each endpoint (all aimed at placement P, its entries and weeks) per actor.
#                         student trainer docent coord  oc_tr  sc_tr  un_doc oi_co  o_stud anon
MATRIX = {
    "list_placements":    (200,    200,    200,   200,   200,   200,   200,   200,   200,   401),
    "placement_detail":   (200,    200,    200,   200,   404,   404,   404,   404,   404,   401),
    "list_entries":       (200,    200,    200,   200,   404,   404,   404,   404,   404,   401),
    "create_entry":       (201,    403,    403,   403,   404,   404,   404,   404,   404,   401),
    "get_entry":          (200,    200,    200,   200,   404,   404,   404,   404,   404,   401),
    "patch_entry":        (200,    403,    403,   403,   404,   404,   404,   404,   404,   401),
    "delete_entry":       (204,    403,    403,   403,   404,   404,   404,   404,   404,   401),
    "list_weeks":         (200,    200,    200,   200,   404,   404,   404,   404,   404,   401),
    "week_detail":        (200,    200,    200,   200,   404,   404,   404,   404,   404,   401),
    "submit_week":        (200,    403,    403,   403,   404,   404,   404,   404,   404,   401),
    "withdraw_week":      (200,    403,    403,   403,   404,   404,   404,   404,   404,   401),
    "approve_week":       (403,    200,    403,   403,   404,   404,   404,   404,   404,   401),
    "reject_week":        (403,    200,    403,   403,   404,   404,   404,   404,   404,   401),
    # The inbox is a trainer's own list: others have none (404), trainers see only theirs.
    "inbox":              (404,    200,    404,   404,   200,   200,   404,   404,   404,   401),
    "sync_changes":       (200,    200,    200,   200,   200,   200,   200,   200,   200,   401),
    "categories":         (200,    200,    200,   200,   200,   200,   200,   200,   200,   401),
    "me":                 (200,    200,    200,   200,   200,   200,   200,   200,   200,   401),
    # Privacy: everyone sees what is kept about themself and may have a copy of it; a copy of
    # P's student is for that student or P's coordinator, and only whoever asked downloads it.
    "privacy_overview":   (200,    200,    200,   200,   200,   200,   200,   200,   200,   401),
    "list_exports":       (200,    200,    200,   200,   200,   200,   200,   200,   200,   401),
    "create_export":      (201,    404,    404,   201,   404,   404,   404,   404,   404,   401),
    "export_detail":      (200,    404,    404,   404,   404,   404,   404,   404,   404,   401),
    "export_link":        (200,    404,    404,   404,   404,   404,   404,   404,   404,   401),
    "export_download":    (200,    404,    404,   404,   404,   404,   404,   404,   404,   401),
    # Erasure requests: a student's own, and their institution's coordinator decides.
    "list_erasure_requests": (200, 404,    404,   200,   404,   404,   404,   200,   200,   401),
    "create_erasure_request": (200, 404,   404,   200,   404,   404,   404,   404,   404,   401),
    "confirm_erasure":    (403,    404,    404,   200,   404,   404,   404,   404,   404,   401),
    "decline_erasure":    (403,    404,    404,   200,   404,   404,   404,   404,   404,   401),
    # The audit log: a coordinator's own institution's only.
    "audit_log":          (404,    404,    404,   200,   404,   404,   404,   200,   404,   401),
    # Conversations (#10): the Stage line is the student's, trainer's and docent's; the School
    # line the student's and docent's only; coordinators read neither.
    "list_lines":         (200,    200,    200,   200,   200,   200,   200,   200,   200,   401),
    "poll":               (200,    200,    200,   200,   200,   200,   200,   200,   200,   401),
    "stage_line":         (200,    200,    200,   404,   404,   404,   404,   404,   404,   401),
    "school_line":        (200,    404,    200,   404,   404,   404,   404,   404,   404,   401),
    "stage_messages":     (200,    200,    200,   404,   404,   404,   404,   404,   404,   401),
    "school_messages":    (200,    404,    200,   404,   404,   404,   404,   404,   404,   401),
    "send_stage":         (201,    201,    201,   404,   404,   404,   404,   404,   404,   401),
    "send_school":        (201,    404,    201,   404,   404,   404,   404,   404,   404,   401),
    "read_stage":         (200,    200,    200,   404,   404,   404,   404,   404,   404,   401),
    "read_school":        (200,    404,    200,   404,   404,   404,   404,   404,   404,   401),
    "stage_message":      (200,    200,    200,   404,   404,   404,   404,   404,   404,   401),
    "school_message":     (200,    404,    200,   404,   404,   404,   404,   404,   404,   401),
    "list_questions":     (200,    404,    200,   404,   404,   404,   404,   404,   404,   401),
    "create_question":    (201,    404,    403,   404,   404,   404,   404,   404,   404,   401),
    "question_detail":    (200,    404,    200,   404,   404,   404,   404,   404,   404,   401),
    "resolve_question":   (200,    404,    403,   404,   404,   404,   404,   404,   404,   401),
    "propose_time":       (403,    404,    200,   404,   404,   404,   404,   404,   404,   401),
    # Dashboard (#10): a docent's own class (the unassigned docent sees Q and R); nobody else
    # has one, coordinators included (it speaks of the School line).
    "dashboard":          (404,    404,    200,   404,   404,   404,   200,   404,   404,   401),
    "dashboard_student":  (404,    404,    200,   404,   404,   404,   404,   404,   404,   401),
    # Photos (#9): the student's own until shared (a submitted STARRT); the list of a placement
    # one sees answers, holding only what one may see.
    "list_photos":        (200,    200,    200,   200,   404,   404,   404,   404,   404,   401),
    "create_photo":       (201,    403,    403,   403,   404,   404,   404,   404,   404,   401),
    "get_photo":          (200,    404,    404,   404,   404,   404,   404,   404,   404,   401),
    "patch_photo":        (200,    404,    404,   404,   404,   404,   404,   404,   404,   401),
    "delete_photo":       (204,    404,    404,   404,   404,   404,   404,   404,   404,   401),
    "photo_image":        (200,    404,    404,   404,   404,   404,   404,   404,   404,   401),
    "photo_thumbnail":    (200,    404,    404,   404,   404,   404,   404,   404,   404,   401),
}
# fmt: on

ERROR_CODES = {401: "unauthorized", 403: "forbidden", 404: "not_found"}


def _small_jpeg():
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(out, "JPEG")
    return out.getvalue()


PHOTO = _small_jpeg()  # Photos (#9)


shared_app, app = module_app("authorization")


def marker(key):
    return f"marker-{key}-{uuid.uuid5(uuid.NAMESPACE_DNS, key).hex[:8]}"


class World:
    """P and its surroundings; entries and weeks made through the services, as a phone would."""

    def __init__(self, app, institution, make_institution, make_user, make_company, make_placement):
        self.app = app
        inst2 = make_institution("ROC Elders")
        company = make_company(name="Bedrijf P")
        other_company = make_company(name="Bedrijf Q")
        company_x = make_company(inst=inst2, name="Bedrijf X")

        def named(role, key, **kw):
            return make_user(role, name=f"{role} {marker(key)}", **kw)

        self.users = {
            "student": named(STUDENT, "P"),
            "trainer": named(TRAINER, "P", company=company),
            "docent": named(TEACHER, "P"),
            "coordinator": make_user(COORDINATOR),
            "other_company_trainer": named(TRAINER, "Q", company=other_company),
            "same_company_trainer": named(TRAINER, "R", company=company),
            "unassigned_docent": make_user(TEACHER),  # on Q and R: no single marker
            "other_institution_coordinator": make_user(COORDINATOR, inst=inst2),
            "other_student": named(STUDENT, "Q"),
        }
        u = self.users
        self.placements = {
            "P": make_placement(
                student=u["student"], company=company, trainer=u["trainer"], docent=u["docent"]
            ),
            "Q": make_placement(
                student=u["other_student"],
                company=other_company,
                trainer=u["other_company_trainer"],
                docent=u["unassigned_docent"],
            ),
            "R": make_placement(
                student=named(STUDENT, "R"),
                company=company,
                trainer=u["same_company_trainer"],
                docent=u["unassigned_docent"],
            ),
            "X": make_placement(
                inst=inst2,
                student=named(STUDENT, "X", inst=inst2),
                company=company_x,
                trainer=named(TRAINER, "X", company=company_x, inst=inst2),
                docent=named(TEACHER, "X", inst=inst2),
            ),
        }
        self.entries = {}
        with app.app_context():
            for key, placement in self.placements.items():
                student = placement.student
                # Last week: one entry, submitted (to approve, reject or withdraw).
                self.entries[(key, "submitted")] = self._entry(
                    student, placement, TODAY - dt.timedelta(days=7), key
                )
                week_service.transition(student, placement.id, LAST_WEEK, "submit")
                # This week: one entry in an open week (to read, change, delete, submit).
                self.entries[(key, "open")] = self._entry(student, placement, TODAY, key)
            # P's student has a copy of their data and a download link; P's and X's students
            # each asked for an erasure.
            student = u["student"]
            self.export_id = privacy_service.request_export(student)[0].id
            link = privacy_service.make_link(student, self.export_id)["url"]
            self.export_token = link.rpartition("token=")[2]
            self.requests = {
                key: privacy_service.request_erasure(self.placements[key].student)[0].id
                for key in ("P", "X")
            }
            # Conversations (#10): a message on each line and a guidance question, everywhere.
            self.messages, self.questions = {}, {}
            for key, placement in self.placements.items():
                for line in ("stage", "school"):
                    data = {"id": uuid.uuid4(), "body": f"Bericht {marker(key)}", "item": None}
                    sent, _ = message_service.send(placement.student, placement.id, line, data)
                    self.messages[(key, line)] = str(sent.id)
                question = {
                    "id": uuid.uuid4(),
                    "question": f"Vraag {marker(key)}",
                    "answer_mode": "written",
                    "items": [{"kind": "entry", "id": self.entries[(key, "open")]}],
                }
                asked, _ = guidance_service.ask(placement.student, placement.id, question)
                self.questions[key] = str(asked.id)
            # Photos (#9): one in every placement, its caption marked.
            self.photos = {
                key: _photo(placement.student, placement, key)
                for key, placement in self.placements.items()
            }

    @staticmethod
    def _entry(student, placement, day, key):
        data = {
            "id": uuid.uuid4(),
            "date": day,
            "start_time": dt.time(8, 30),
            "end_time": dt.time(12, 0),
            "category": 1,
            "description": f"Werk {marker(key)}",
        }
        entry, created = entry_service.create_entry(student, placement.id, data)
        assert created
        return str(entry.id)

    @property
    def p(self):
        return self.placements["P"]

    def client(self, actor):
        c = self.app.test_client()
        if actor != "anonymous":
            response = c.post(
                "/api/auth/login", json={"email": self.users[actor].email, "password": PASSWORD}
            )
            assert response.status_code == 200, response.get_json()
        return c

    def snapshot(self):
        """Everything a refused request could have changed: entries and weeks of every placement,
        and the placements themselves."""
        return (
            sorted(
                (str(e.id), e.version, e.description, e.date, e.start_time, e.deleted_at is None)
                for e in HourEntry.select()
            ),
            sorted(
                (w.placement_id, w.monday, w.status, w.version, w.comment) for w in Week.select()
            ),
            sorted(
                (p.id, p.version, p.praktijkopleider_id, p.docent_id) for p in Placement.select()
            ),
            sorted((j.id, j.subject_id, j.status) for j in ExportJob.select()),
            sorted((r.id, r.subject_id, r.status, r.comment) for r in ErasureRequest.select()),
            sorted((str(m.id), m.seq, m.body) for m in Message.select()),
            sorted((r.user_id, r.conversation_id, r.last_read_seq) for r in ReadMarker.select()),
            sorted((str(q.id), q.version, q.status) for q in GuidanceQuestion.select()),
            User.select().count(),
            # Photos (#9)
            sorted((str(p.id), p.version, p.caption, p.deleted_at is None) for p in Photo.select()),
            sorted(storage(self.app).keys("photos/")),
        )

    def invisible_markers(self, actor):
        return [marker(key) for key in self.placements if key not in VISIBLE[actor]]

    def visible_ids(self, actor):
        return {self.placements[key].id for key in VISIBLE[actor]}


@pytest.fixture
def world(app, institution, make_institution, make_user, make_company, make_placement):
    return World(app, institution, make_institution, make_user, make_company, make_placement)


def _requests(w):
    """endpoint -> (method, url, keyword arguments) against placement P."""
    pid = w.p.id
    open_entry = w.entries[("P", "open")]
    new_entry = {
        "id": str(uuid.uuid4()),
        "date": (TODAY - dt.timedelta(days=1)).isoformat(),
        "start_time": "13:00",
        "end_time": "15:00",
        "category": 1,
        "description": "nieuw",
    }
    weeks = f"/api/placements/{pid}/weeks"
    student = w.users["student"].id
    export = f"/api/privacy/exports/{w.export_id}"
    erasure = f"/api/privacy/erasure-requests/{w.requests['P']}"
    photo = f"/api/photos/{w.photos['P']}"
    return {
        "list_placements": ("GET", "/api/placements", {}),
        "placement_detail": ("GET", f"/api/placements/{pid}", {}),
        "list_entries": ("GET", f"/api/placements/{pid}/entries", {}),
        "create_entry": ("POST", f"/api/placements/{pid}/entries", {"json": new_entry}),
        "get_entry": ("GET", f"/api/entries/{open_entry}", {}),
        "patch_entry": (
            "PATCH",
            f"/api/entries/{open_entry}",
            {"json": {"description": "gewijzigd"}, "headers": {"If-Match": '"1"'}},
        ),
        "delete_entry": ("DELETE", f"/api/entries/{open_entry}", {"headers": {"If-Match": '"1"'}}),
        "list_weeks": ("GET", weeks, {}),
        "week_detail": ("GET", f"{weeks}/{LAST_WEEK}", {}),
        "submit_week": ("POST", f"{weeks}/{THIS_WEEK}/submit", {}),
        "withdraw_week": ("POST", f"{weeks}/{LAST_WEEK}/withdraw", {}),
        "approve_week": ("POST", f"{weeks}/{LAST_WEEK}/approve", {}),
        "reject_week": ("POST", f"{weeks}/{LAST_WEEK}/reject", {"json": {"comment": "Nee"}}),
        "inbox": ("GET", "/api/inbox/weeks", {}),
        "sync_changes": ("GET", "/api/sync/changes?since=0", {}),
        "categories": ("GET", "/api/categories", {}),
        "me": ("GET", "/api/auth/me", {}),
        "privacy_overview": ("GET", "/api/privacy/overview", {}),
        "list_exports": ("GET", "/api/privacy/exports", {}),
        "create_export": ("POST", "/api/privacy/exports", {"json": {"student_id": student}}),
        "export_detail": ("GET", export, {}),
        "export_link": ("POST", f"{export}/link", {}),
        "export_download": ("GET", f"{export}/download?token={w.export_token}", {}),
        "list_erasure_requests": ("GET", "/api/privacy/erasure-requests", {}),
        "create_erasure_request": (
            "POST",
            "/api/privacy/erasure-requests",
            {"json": {"student_id": student}},
        ),
        "confirm_erasure": ("POST", f"{erasure}/confirm", {}),
        "decline_erasure": ("POST", f"{erasure}/decline", {"json": {"comment": "Bewaarplicht"}}),
        "audit_log": ("GET", "/api/privacy/audit", {}),
        # Dashboard (#10)
        "dashboard": ("GET", "/api/dashboard", {}),
        "dashboard_student": ("GET", f"/api/dashboard/students/{pid}", {}),
        # Photos (#9)
        "list_photos": ("GET", f"/api/placements/{pid}/photos", {}),
        "create_photo": ("POST", *_photo_upload(pid)),
        "get_photo": ("GET", photo, {}),
        "patch_photo": (
            "PATCH",
            photo,
            {"json": {"caption": "gewijzigd"}, "headers": {"If-Match": '"1"'}},
        ),
        "delete_photo": ("DELETE", photo, {"headers": {"If-Match": '"1"'}}),
        "photo_image": ("GET", f"{photo}/image", {}),
        "photo_thumbnail": ("GET", f"{photo}/thumbnail", {}),
        **_conversation_requests(w),
    }


def _conversation_requests(w):
    line = f"/api/placements/{w.p.id}/conversations"
    question = f"/api/guidance-questions/{w.questions['P']}"
    if_match = {"headers": {"If-Match": '"1"'}}

    def new_message(text):
        return {"json": {"id": str(uuid.uuid4()), "body": text}}

    return {
        "list_lines": ("GET", "/api/conversations", {}),
        "poll": ("GET", "/api/conversations/poll", {}),
        "stage_line": ("GET", f"{line}/stage", {}),
        "school_line": ("GET", f"{line}/school", {}),
        "stage_messages": ("GET", f"{line}/stage/messages", {}),
        "school_messages": ("GET", f"{line}/school/messages", {}),
        "send_stage": ("POST", f"{line}/stage/messages", new_message("Nieuw stagebericht")),
        "send_school": ("POST", f"{line}/school/messages", new_message("Nieuw schoolbericht")),
        "read_stage": ("PUT", f"{line}/stage/read", {"json": {"seq": 0}}),
        "read_school": ("PUT", f"{line}/school/read", {"json": {"seq": 0}}),
        "stage_message": ("GET", f"/api/messages/{w.messages[('P', 'stage')]}", {}),
        "school_message": ("GET", f"/api/messages/{w.messages[('P', 'school')]}", {}),
        "list_questions": ("GET", f"/api/placements/{w.p.id}/guidance-questions", {}),
        "create_question": (
            "POST",
            f"/api/placements/{w.p.id}/guidance-questions",
            {
                "json": {
                    "id": str(uuid.uuid4()),
                    "question": "Nog een vraag",
                    "answer_mode": "video",
                    "items": [{"kind": "entry", "id": w.entries[("P", "submitted")]}],
                }
            },
        ),
        "question_detail": ("GET", question, {}),
        "resolve_question": ("PATCH", question, {"json": {"resolved": True}, **if_match}),
        "propose_time": (
            "PATCH",
            question,
            {"json": {"proposed_at": "2026-11-20T10:00:00+01:00"}, **if_match},
        ),
    }


def _placement_ids_in(endpoint, body):
    """The placements a 200 list answer speaks of, to compare with what the actor may see."""
    if endpoint == "list_placements":
        return {p["id"] for p in body}
    if endpoint == "inbox":
        return {w["placement_id"] for w in body}
    if endpoint == "dashboard":
        return {s["placement_id"] for s in body["students"]}
    if endpoint in ("list_lines", "poll"):
        return {
            line["placement_id"] for line in (body if endpoint == "list_lines" else body["lines"])
        }
    if endpoint == "sync_changes":
        ids = set()
        for change in body["changes"]:
            data = change["data"]
            ids.add(data["id"] if change["kind"] == "placement" else data["placement_id"])
        return ids
    return None


def _entry_row(w, key="open"):
    return HourEntry.get_by_id(w.entries[("P", key)])


def _week_row(w, label):
    return Week.get((Week.placement == w.p.id) & (Week.monday == week_service.parse_week(label)))


def _created(w, body):
    assert HourEntry.get_by_id(body["id"]).placement_id == w.p.id


def _patched(w, body):
    row = _entry_row(w)
    assert (body["description"], row.description, row.version) == ("gewijzigd", "gewijzigd", 2)


def _deleted(w, body):
    assert body is None
    assert _entry_row(w).deleted_at is not None


def _week_now(label, status, comment=None):
    def check(w, body):
        row = _week_row(w, label)
        assert (body["status"], row.status) == (status, status)
        if comment is not None:
            assert (body["comment"], row.comment) == (comment, comment)

    return check


def _export_made(w, body):
    job = ExportJob.get_by_id(body["id"])
    assert (job.subject_id, body["status"]) == (w.users["student"].id, "ready")


def _link_made(w, body):
    assert body["url"].startswith(f"/api/privacy/exports/{w.export_id}/download?token=")
    assert w.export_token not in body["url"], "a new secret every time"


def _request_waiting(w, body):
    assert (body["id"], body["status"]) == (w.requests["P"], "requested")


def _erased(w, body):
    assert (body["status"], body["subject"]) == ("done", None)
    assert not User.select().where(User.id == w.users["student"].id).exists()
    assert AuditEvent.get(AuditEvent.action == "erasure").subject == (
        f"user:{w.users['student'].id}"
    )


def _declined(w, body):
    row = ErasureRequest.get_by_id(w.requests["P"])
    assert (body["status"], row.status, row.comment) == ("declined", "declined", "Bewaarplicht")


def _sent(line):
    def check(w, body):
        row = Message.get_by_id(body["id"])
        # After the world's message on each line (and the question's opening on School).
        after = {"stage": 2, "school": 3}[line]
        assert (row.placement_id, row.line, body["seq"]) == (w.p.id, line, after)

    return check


def _read(line):
    def check(w, body):
        assert (body["placement_id"], body["line"]) == (w.p.id, line)

    return check


def _question_made(w, body):
    row = GuidanceQuestion.get_by_id(body["id"])
    assert row.placement_id == w.p.id and [i["id"] for i in body["items"]] == [
        w.entries[("P", "submitted")]
    ]


def _question_now(status):
    def check(w, body):
        assert (body["status"], GuidanceQuestion.get_by_id(body["id"]).status) == (status, status)

    return check


# Photos (#9)
def _photo(student, placement, key):
    data = {
        "id": uuid.uuid4(),
        "sha256": hashlib.sha256(PHOTO).hexdigest(),
        "taken_at": dt.datetime(2026, 11, 18, 9, 15),
        "caption": f"Foto {marker(key)}",
    }
    photo, created = photo_service.create_photo(student, placement.id, data, PHOTO)
    assert created
    return str(photo.id)


def _photo_upload(pid):
    query = f"id={uuid.uuid4()}&sha256={hashlib.sha256(PHOTO).hexdigest()}"
    url = f"/api/placements/{pid}/photos?{query}&taken_at=2026-11-18T10:15:00%2B01:00"
    return url, {"data": PHOTO, "content_type": "image/jpeg"}


def _photo_created(w, body):
    photo = Photo.get_by_id(body["id"])
    assert (photo.placement_id, body["image_url"]) == (w.p.id, f"/api/photos/{body['id']}/image")


def _photo_patched(w, body):
    row = Photo.get_by_id(w.photos["P"])
    assert (body["caption"], row.caption, row.version) == ("gewijzigd", "gewijzigd", 2)


def _photo_deleted(w, body):
    assert body is None
    row = Photo.get_by_id(w.photos["P"])
    assert row.deleted_at is not None
    assert not storage(w.app).exists(row.image_key)


# What an allowed write must have done (and shown).
WRITE_EFFECTS = {
    "send_stage": _sent("stage"),
    "send_school": _sent("school"),
    "read_stage": _read("stage"),
    "read_school": _read("school"),
    "create_question": _question_made,
    "resolve_question": _question_now("resolved"),
    "propose_time": _question_now("answered"),
    "create_export": _export_made,
    "export_link": _link_made,
    "create_erasure_request": _request_waiting,
    "confirm_erasure": _erased,
    "decline_erasure": _declined,
    "create_entry": _created,
    "patch_entry": _patched,
    "delete_entry": _deleted,
    "submit_week": _week_now(THIS_WEEK, "submitted"),
    "withdraw_week": _week_now(LAST_WEEK, "open"),
    "approve_week": _week_now(LAST_WEEK, "approved"),
    "reject_week": _week_now(LAST_WEEK, "rejected", comment="Nee"),
    # Photos (#9)
    "create_photo": _photo_created,
    "patch_photo": _photo_patched,
    "delete_photo": _photo_deleted,
}
# Their body is not JSON (an image): the outbox sends them alone, never in a batch.
NOT_IN_BATCH = {"create_photo"}


CELLS = [
    pytest.param(endpoint, actor, status, id=f"{endpoint}-{actor}-{status}")
    for endpoint, row in MATRIX.items()
    for actor, status in zip(ACTORS, row, strict=True)
]


@pytest.mark.parametrize(("endpoint", "actor", "expected"), CELLS)
def test_matrix(world, endpoint, actor, expected):
    client = world.client(actor)
    method, url, kwargs = _requests(world)[endpoint]
    before = world.snapshot()

    response = client.open(url, method=method, **kwargs)

    assert response.status_code == expected, (endpoint, actor, response.get_json())
    text = response.get_data().decode("utf-8", "replace")  # a ZIP is bytes
    for foreign in world.invisible_markers(actor):
        assert foreign not in text, f"{endpoint} shows {actor} data of another placement"
    # Data minimisation: a student's e-mail address reaches nobody else, and a trainer's or
    # docent's work address only the people of placements they are on (so a student can reach
    # them: #12 item 4).
    for other, user in world.users.items():
        if other != actor and not (STAFF_ON.get(other, set()) & VISIBLE[actor]):
            assert user.email not in text, f"{endpoint} shows {actor} the e-mail of {other}"
    if expected >= 400:
        body = response.get_json()
        assert body["code"] == expected
        assert body["error"] == ERROR_CODES[expected]
        assert set(body) <= {"code", "status", "error", "message", "errors"}
        # A refused request changes nothing at all.
        assert world.snapshot() == before
        return

    body = response.get_json(silent=True)
    if endpoint in WRITE_EFFECTS:
        WRITE_EFFECTS[endpoint](world, body)
        return
    ids = _placement_ids_in(endpoint, body)
    if ids is not None:
        # Exactly the actor's own set (a trainer's inbox: each of their placements has a
        # submitted week): nothing foreign, nothing missing. Coordinators have no lines.
        expected_ids = world.visible_ids(actor)
        if endpoint in ("list_lines", "poll") and "coordinator" in actor:
            expected_ids = set()
        assert ids == expected_ids, (endpoint, actor)
    if endpoint == "me":
        assert body["id"] == world.users[actor].id
    if endpoint == "categories":
        assert [c["code"] for c in body] == list(range(1, 10))
    if endpoint == "placement_detail":
        assert body["id"] == world.p.id
    if endpoint == "dashboard_student":
        assert body["placement_id"] == world.p.id
    if endpoint in ("list_entries", "week_detail"):
        items = body if endpoint == "list_entries" else body["entries"]
        assert items and {e["placement_id"] for e in items} == {world.p.id}
    if endpoint == "list_weeks":
        assert body and {w["placement_id"] for w in body} == {world.p.id}
    if endpoint == "sync_changes":
        own = {world.entries[(k, s)] for k in VISIBLE[actor] for s in ("open", "submitted")}
        fed = {c["id"] for c in body["changes"] if c["kind"] == "entry"}
        assert fed == own
    if endpoint == "list_exports":
        assert [j["id"] for j in body] == ([world.export_id] if actor == "student" else [])
    if endpoint == "list_erasure_requests":
        own = {"student": {"P"}, "coordinator": {"P"}, "other_institution_coordinator": {"X"}}
        assert {r["id"] for r in body} == {world.requests[k] for k in own.get(actor, ())}
    if endpoint == "export_download":
        assert response.mimetype == "application/zip" and body is None
    if endpoint == "audit_log":
        institution = world.users[actor].institution_id
        ids = {e["id"] for e in body}
        assert ids and ids == {
            e.id for e in AuditEvent.select().where(AuditEvent.institution == institution)
        }
    if endpoint == "privacy_overview":
        assert body["subject"]["id"] == world.users[actor].id
    # Photos (#9)
    if endpoint == "list_photos":
        assert [p["id"] for p in body] == ([world.photos["P"]] if actor == "student" else [])
    if endpoint in ("photo_image", "photo_thumbnail"):
        assert response.mimetype == "image/jpeg" and body is None
        assert response.headers["Cache-Control"].startswith("private")
    if endpoint == "get_photo":
        assert body["id"] == world.photos["P"]


BATCH_CELLS = [
    pytest.param(endpoint, actor, status, id=f"batch-{endpoint}-{actor}-{status}")
    for endpoint, row in MATRIX.items()
    if endpoint in WRITE_EFFECTS and endpoint not in NOT_IN_BATCH
    for actor, status in zip(ACTORS, row, strict=True)
]


@pytest.mark.parametrize(("endpoint", "actor", "expected"), BATCH_CELLS)
def test_matrix_through_the_batch(world, endpoint, actor, expected):
    """Every write cell again, as one operation of POST /api/sync/batch: the batch is the same
    requests, not a second API, so each operation answers exactly what it answers alone."""
    client = world.client(actor)
    method, url, kwargs = _requests(world)[endpoint]
    op = {"op_id": str(uuid.uuid4()), "method": method, "path": url}
    if "json" in kwargs:
        op["body"] = kwargs["json"]
    if "If-Match" in kwargs.get("headers", {}):
        op["if_match"] = kwargs["headers"]["If-Match"]
    before = world.snapshot()

    response = client.post("/api/sync/batch", json={"operations": [op]})

    if actor == "anonymous":
        assert response.status_code == 401
        assert world.snapshot() == before
        return
    assert response.status_code == 200, response.get_json()
    (result,) = response.get_json()["results"]
    assert (result["op_id"], result["status"]) == (op["op_id"], expected), (endpoint, actor)
    for foreign in world.invisible_markers(actor):
        assert foreign not in response.get_data(as_text=True)
    if expected >= 400:
        assert result["body"]["error"] == ERROR_CODES[expected]
        assert world.snapshot() == before
        return
    WRITE_EFFECTS[endpoint](world, result["body"])


def test_matrix_covers_every_api_route(app):
    """A new endpoint must get a row in the matrix: fail when the API has a route it lacks."""
    covered = {
        ("GET", "/api/placements"),
        ("GET", "/api/placements/<int:placement_id>"),
        ("GET", "/api/placements/<int:placement_id>/entries"),
        ("POST", "/api/placements/<int:placement_id>/entries"),
        ("GET", "/api/entries/<uuid:entry_id>"),
        ("PATCH", "/api/entries/<uuid:entry_id>"),
        ("DELETE", "/api/entries/<uuid:entry_id>"),
        ("GET", "/api/placements/<int:placement_id>/weeks"),
        ("GET", "/api/placements/<int:placement_id>/weeks/<string:week>"),
        ("POST", "/api/placements/<int:placement_id>/weeks/<string:week>/submit"),
        ("POST", "/api/placements/<int:placement_id>/weeks/<string:week>/withdraw"),
        ("POST", "/api/placements/<int:placement_id>/weeks/<string:week>/approve"),
        ("POST", "/api/placements/<int:placement_id>/weeks/<string:week>/reject"),
        ("GET", "/api/inbox/weeks"),
        ("GET", "/api/sync/changes"),
        ("POST", "/api/sync/batch"),  # test_matrix_through_the_batch
        ("GET", "/api/categories"),
        ("GET", "/api/auth/me"),
        ("GET", "/api/privacy/overview"),
        ("GET", "/api/privacy/exports"),
        ("POST", "/api/privacy/exports"),
        ("GET", "/api/privacy/exports/<int:export_id>"),
        ("POST", "/api/privacy/exports/<int:export_id>/link"),
        ("GET", "/api/privacy/exports/<int:export_id>/download"),
        ("GET", "/api/privacy/erasure-requests"),
        ("POST", "/api/privacy/erasure-requests"),
        ("POST", "/api/privacy/erasure-requests/<int:request_id>/confirm"),
        ("POST", "/api/privacy/erasure-requests/<int:request_id>/decline"),
        ("GET", "/api/privacy/audit"),
        # Photos (#9)
        ("GET", "/api/placements/<int:placement_id>/photos"),
        ("POST", "/api/placements/<int:placement_id>/photos"),  # not in the batch: an image body
        ("GET", "/api/photos/<uuid:photo_id>"),
        ("PATCH", "/api/photos/<uuid:photo_id>"),
        ("DELETE", "/api/photos/<uuid:photo_id>"),
        ("GET", "/api/photos/<uuid:photo_id>/image"),
        ("GET", "/api/photos/<uuid:photo_id>/thumbnail"),
        # Not object-level (the actor's own account); covered by the session tests below.
        ("POST", "/api/auth/login"),
        ("POST", "/api/auth/logout"),
        ("PATCH", "/api/auth/me"),
        ("POST", "/api/auth/password"),
        # The user's own devices and settings, keyed by the session: tests/api/test_push_api.py.
        ("GET", "/api/push/key"),
        ("PUT", "/api/push/subscriptions/<uuid:device_id>"),
        ("DELETE", "/api/push/subscriptions/<uuid:device_id>"),
        ("GET", "/api/notifications/settings"),
        ("PATCH", "/api/notifications/settings"),
        ("GET", "/api/openapi.json"),
        # Dashboard (#10)
        ("GET", "/api/dashboard"),
        ("GET", "/api/dashboard/students/<int:placement_id>"),
        # Conversations (#10).
        ("GET", "/api/conversations"),
        ("GET", "/api/conversations/poll"),
        ("GET", "/api/placements/<int:placement_id>/conversations/<any(stage, school):line>"),
        (
            "GET",
            "/api/placements/<int:placement_id>/conversations/<any(stage, school):line>/messages",
        ),
        (
            "POST",
            "/api/placements/<int:placement_id>/conversations/<any(stage, school):line>/messages",
        ),
        ("PUT", "/api/placements/<int:placement_id>/conversations/<any(stage, school):line>/read"),
        ("GET", "/api/messages/<uuid:message_id>"),
        ("GET", "/api/placements/<int:placement_id>/guidance-questions"),
        ("POST", "/api/placements/<int:placement_id>/guidance-questions"),
        ("GET", "/api/guidance-questions/<uuid:question_id>"),
        ("PATCH", "/api/guidance-questions/<uuid:question_id>"),
        # Evidence (#9): its own matrix, tests/evidence/test_evidence_authorization.py.
        *EVIDENCE_ROUTES,
    }
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            routes.add((method, _normalise(rule.rule)))
    assert routes - {(m, _normalise(r)) for m, r in covered} == set()


def _normalise(rule):
    """Ignore converter arguments (e.g. a bounded int) when comparing routes."""
    import re

    return re.sub(r"<(\w+)(\([^)]*\))?:(\w+)>", r"<\1:\3>", rule)


def test_idempotency_keys_are_per_user(world):
    """A key another user used must not replay their answer (SYNC.md: scope keys per user)."""
    key = "op-" + uuid.uuid4().hex
    url = f"/api/placements/{world.p.id}/weeks/{LAST_WEEK}/approve"
    trainer = world.client("trainer")
    assert trainer.post(url, headers={"Idempotency-Key": key}).status_code == 200
    for actor in ("other_company_trainer", "same_company_trainer", "student", "docent"):
        response = world.client(actor).post(url, headers={"Idempotency-Key": key})
        assert response.status_code in (403, 404), actor
        assert "Idempotent-Replayed" not in response.headers
        assert marker("P") not in response.get_data(as_text=True)


def test_someone_elses_entry_id_never_returns_their_entry(world):
    """Posting another placement's entry id (even with its exact body) must not hand it back."""
    entry = HourEntry.get_by_id(world.entries[("P", "open")])
    body = {
        "id": str(entry.id),
        "date": entry.date.isoformat(),
        "start_time": entry.start_time.strftime("%H:%M"),
        "end_time": entry.end_time.strftime("%H:%M"),
        "category": 1,
        "description": entry.description,
    }
    q = world.placements["Q"]
    response = world.client("other_student").post(f"/api/placements/{q.id}/entries", json=body)
    assert response.status_code == 409
    assert response.get_json()["error"] == "id_conflict"
    assert marker("P") not in response.get_data(as_text=True)
    assert HourEntry.select().where(HourEntry.placement == q.id).count() == 2


# --- role and assignment changes take effect at once (ASVS 8.3.2) ---------------------------


def test_reassigning_the_trainer_takes_effect_on_the_next_request(world):
    old, new = world.client("trainer"), world.client("same_company_trainer")
    pid = world.p.id
    assert old.get(f"/api/placements/{pid}").status_code == 200
    assert new.get(f"/api/placements/{pid}").status_code == 404

    Placement.update(praktijkopleider=world.users["same_company_trainer"]).where(
        Placement.id == pid
    ).execute()

    assert old.get(f"/api/placements/{pid}").status_code == 404
    assert pid not in {p["id"] for p in old.get("/api/placements").get_json()}
    assert pid not in {w["placement_id"] for w in old.get("/api/inbox/weeks").get_json()}
    assert old.post(f"/api/placements/{pid}/weeks/{LAST_WEEK}/approve").status_code == 404
    feed = old.get("/api/sync/changes").get_json()["changes"]
    assert marker("P") not in str(feed)

    assert new.get(f"/api/placements/{pid}").status_code == 200
    assert pid in {w["placement_id"] for w in new.get("/api/inbox/weeks").get_json()}
    assert new.post(f"/api/placements/{pid}/weeks/{LAST_WEEK}/approve").status_code == 200


def test_trainer_who_moves_to_another_company_loses_its_placements(world):
    trainer = world.client("trainer")
    pid = world.p.id
    other = Company.get(Company.name == "Bedrijf Q")
    User.update(company=other).where(User.id == world.users["trainer"].id).execute()
    assert trainer.get(f"/api/placements/{pid}").status_code == 404
    assert trainer.get("/api/placements").get_json() == []
    assert trainer.get("/api/inbox/weeks").get_json() == []
    assert trainer.post(f"/api/placements/{pid}/weeks/{LAST_WEEK}/approve").status_code == 404


def test_reassigning_the_docent_takes_effect_at_once(world):
    old = world.client("docent")
    new = world.client("unassigned_docent")
    pid = world.p.id
    Placement.update(docent=world.users["unassigned_docent"]).where(Placement.id == pid).execute()
    assert old.get(f"/api/placements/{pid}").status_code == 404
    assert old.get(f"/api/entries/{world.entries[('P', 'open')]}").status_code == 404
    assert old.get("/api/placements").get_json() == []
    assert new.get(f"/api/placements/{pid}").status_code == 200


def test_a_role_change_takes_effect_at_once(world):
    coordinator = world.client("coordinator")
    assert len(coordinator.get("/api/placements").get_json()) == 3
    User.update(role=TEACHER).where(User.id == world.users["coordinator"].id).execute()
    assert coordinator.get("/api/placements").get_json() == []
    assert coordinator.get(f"/api/placements/{world.p.id}").status_code == 404


# --- sessions ------------------------------------------------------------------------------


def test_logout_ends_every_session_of_that_user(world):
    first, second = world.client("student"), world.client("student")
    bystander = world.client("trainer")
    assert second.get("/api/auth/me").status_code == 200

    assert first.post("/api/auth/logout").status_code == 204

    for client in (first, second):
        response = client.get("/api/auth/me")
        assert response.status_code == 401
        assert response.get_json()["error"] == "unauthorized"
        assert client.get(f"/api/placements/{world.p.id}/entries").status_code == 401
    assert bystander.get("/api/auth/me").status_code == 200


def test_password_change_ends_other_sessions_but_keeps_this_one(world):
    here, elsewhere = world.client("student"), world.client("student")
    new_password = "een-heel-nieuw-wachtwoord"
    response = here.post(
        "/api/auth/password",
        json={"current_password": PASSWORD, "new_password": new_password},
    )
    assert response.status_code == 204, response.get_json()

    assert here.get("/api/auth/me").status_code == 200
    assert elsewhere.get("/api/auth/me").status_code == 401
    email = world.users["student"].email
    fresh = world.app.test_client()
    assert (
        fresh.post("/api/auth/login", json={"email": email, "password": PASSWORD}).status_code
        == 401
    )
    assert (
        fresh.post("/api/auth/login", json={"email": email, "password": new_password}).status_code
        == 200
    )


def test_wrong_current_password_changes_nothing(world):
    here, elsewhere = world.client("student"), world.client("student")
    response = here.post(
        "/api/auth/password",
        json={"current_password": "fout-fout-fout", "new_password": "een-heel-nieuw-wachtwoord"},
    )
    assert response.status_code == 422
    assert "current_password" in response.get_json()["errors"]
    assert elsewhere.get("/api/auth/me").status_code == 200


def test_deactivated_user_is_logged_out_at_once_and_cannot_log_in(world):
    student = world.client("student")
    User.update(active=False).where(User.id == world.users["student"].id).execute()
    assert student.get("/api/auth/me").status_code == 401
    assert student.get(f"/api/placements/{world.p.id}").status_code == 401
    again = world.app.test_client().post(
        "/api/auth/login", json={"email": world.users["student"].email, "password": PASSWORD}
    )
    assert again.status_code == 401
    assert again.get_json()["error"] == "invalid_credentials"


def test_a_forged_or_stale_cookie_is_refused(world):
    client = world.client("student")
    with client.session_transaction() as session:
        session["_user_id"] = f"{world.users['trainer'].id}:999"
    assert client.get("/api/auth/me").status_code == 401
