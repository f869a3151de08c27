"""A phone's outbox against the real API, as a Hypothesis state machine (shared/SYNC.md).

The phone makes entries with its own UUIDs, changes and deletes them with If-Match and an
Idempotency-Key, and sends its outbox in any order. Sometimes an answer is lost on the way back:
the server did the work, the phone does not know, so the item stays in the outbox and is sent
again later. Duplicates of delivered creates, same id with another body, reused keys and stale
versions are thrown in too.

After every step: the server holds exactly what the requests it applied say it must (none lost,
none doubled, final values), everything the phone believes is true, and every row on the server
is either known to the phone or still waiting in its outbox. At the end the outbox is flushed
and the phone and the server (its list and its changes feed) agree exactly.
"""

import dataclasses
import datetime as dt
import os
import shutil
import tempfile
import uuid

from argon2 import PasswordHasher
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from app import create_app, schema
from app.extensions import db
from app.models import (
    Company,
    HourEntry,
    IdempotencyRecord,
    Institution,
    Placement,
    Programme,
    User,
)
from app.models.placements import POK_DEFINITIEF
from app.services.reference import ensure_categories
from tests.conftest import PASSWORD, TODAY

# Hundreds of short-lived databases: in memory-backed /dev/shm where there is one.
SCRATCH = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
DAYS_BACK = 27  # four weeks and a bit, all inside the POK period, none in the future
SLOTS = 6  # one-hour slots from 08:00: at most 6 h of category 1 a day, under the 9 h cap
COMPARED = ("date", "start_time", "end_time", "category", "description", "version", "deleted")
TEXT = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), max_size=20)


def week_label(day):
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


WEEKS = sorted({week_label(TODAY - dt.timedelta(days=n)) for n in range(DAYS_BACK + 1)})


@dataclasses.dataclass
class Op:
    """One outbox item."""

    kind: str  # create | patch | delete
    entry_id: str
    body: dict | None
    key: str | None
    base_version: int | None = None
    applied: bool = False  # the server did it (the answer may have been lost)
    first: tuple | None = None  # (status, body) of the answer to the first delivery


def view(entry):
    return {field: entry[field] for field in COMPARED}


class PhoneOutbox(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.tmp = tempfile.mkdtemp(prefix="stagewijs-sm-", dir=SCRATCH)
        self.app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{self.tmp}/sm.sqlite3",
                "TESTING": True,
                "SECRET_KEY": "test",
                "SESSION_COOKIE_SECURE": False,
                "FROZEN_TODAY": TODAY.isoformat(),
            }
        )
        db.connect(reuse_if_open=True)
        schema.upgrade()
        ensure_categories()
        cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
        inst = Institution.create(name="ROC")
        company = Company.create(institution=inst, name="Bedrijf")

        def user(role, **kw):
            return User.create(
                institution=inst,
                email=f"{role}@example.nl",
                name=role,
                role=role,
                password_hash=cheap,
                **kw,
            )

        student = user("student")
        placement = Placement(
            student=student,
            company=company,
            praktijkopleider=user("praktijkopleider", company=company),
            docent=user("docent"),
            programme=Programme.create(institution=inst, name="SD", crebo="25998"),
            start_date=TODAY - dt.timedelta(weeks=8),
            end_date=TODAY + dt.timedelta(weeks=8),
            required_hours=800,
            pok_status=POK_DEFINITIEF,
        )
        placement.stamp()
        placement.save()
        self.pid = placement.id
        self.phone = self.app.test_client()
        login = self.phone.post(
            "/api/auth/login", json={"email": student.email, "password": PASSWORD}
        )
        assert login.status_code == 200, login.get_json()

        self.counter = 0
        self.server = {}  # id -> entry as the server must hold it (what was applied)
        self.known = {}  # id -> entry as the phone believes it (delivered answers only)
        self.gone = set()  # ids the phone knows it deleted
        self.outbox = []
        self.create_bodies = {}  # id -> the body its create was sent with
        self.used_slots = set()
        self.used_keys = []  # (op, key) of applied keyed requests
        self.applied_keys = set()  # every key whose request the server applied

    def _fresh(self, kind):
        """A new UUID, the same in every run of one example (Hypothesis replays examples, so
        nothing it draws may depend on chance outside it)."""
        self.counter += 1
        name = uuid.uuid5(uuid.NAMESPACE_URL, f"stagewijs:{kind}:{self.counter}")
        # Shaped as a version 4 UUID: the only kind (with v7) a client id may be.
        value = str(uuid.UUID(bytes=name.bytes, version=4))
        return value if kind == "entry" else f"op-{value}"

    def teardown(self):
        try:
            self.flush()
        finally:
            db.close()
            shutil.rmtree(self.tmp, ignore_errors=True)

    # --- the phone writes locally and queues --------------------------------------------

    @rule(
        day=st.integers(0, DAYS_BACK),
        slot=st.integers(0, SLOTS - 1),
        description=TEXT,
        category=st.sampled_from([1, 2, 8]),
        with_key=st.booleans(),
    )
    def create(self, day, slot, description, category, with_key):
        if (day, slot) in self.used_slots:
            return  # the phone's own form refuses an overlap before it is queued
        self.used_slots.add((day, slot))
        entry_id = self._fresh("entry")
        body = {
            "id": entry_id,
            "date": (TODAY - dt.timedelta(days=day)).isoformat(),
            "start_time": f"{8 + slot:02d}:00",
            "end_time": f"{9 + slot:02d}:00",
            "category": category,
            "description": description,
        }
        self.create_bodies[entry_id] = body
        key = self._fresh("op") if with_key else None
        self.outbox.append(Op("create", entry_id, body, key))

    def _editable(self):
        pending = {op.entry_id for op in self.outbox}
        return sorted(i for i in self.known if i not in pending)

    @precondition(lambda self: self._editable())
    @rule(
        data=st.data(),
        description=TEXT,
        category=st.sampled_from([1, 2]),
        half=st.booleans(),
    )
    def update(self, data, description, category, half):
        entry_id = data.draw(st.sampled_from(self._editable()))
        entry = self.known[entry_id]
        hour = int(entry["start_time"][:2])
        choices = {
            "description": description,
            "category": category,
            "end_time": f"{hour:02d}:30" if half else f"{hour + 1:02d}:00",
        }
        fields = data.draw(st.sets(st.sampled_from(sorted(choices)), min_size=1))
        body = {field: choices[field] for field in sorted(fields)}
        op = Op("patch", entry_id, body, self._fresh("op"), base_version=entry["version"])
        self.outbox.append(op)

    @precondition(lambda self: self._editable())
    @rule(data=st.data())
    def delete(self, data):
        entry_id = data.draw(st.sampled_from(self._editable()))
        version = self.known[entry_id]["version"]
        self.outbox.append(Op("delete", entry_id, None, self._fresh("op"), version))

    # --- the outbox is sent, in any order; answers get lost ------------------------------

    @precondition(lambda self: self.outbox)
    @rule(data=st.data())
    def send(self, data):
        """Any queued item (not only the oldest: items of different records go out of order)."""
        self._deliver(data.draw(st.sampled_from(self.outbox)))

    @precondition(lambda self: self.outbox)
    @rule(data=st.data())
    def send_and_lose_the_answer(self, data):
        self._deliver(data.draw(st.sampled_from(self.outbox)), lose=True)

    def _lost(self):
        return [op for op in self.outbox if op.applied]

    @precondition(lambda self: self._lost())
    @rule(data=st.data(), lose=st.booleans())
    def send_again_after_a_lost_answer(self, data, lose):
        self._deliver(data.draw(st.sampled_from(self._lost())), lose=lose)

    def _deliver(self, op, lose=False):
        response = self._request(op)
        status, body = response.status_code, response.get_json(silent=True)
        replayed = response.headers.get("Idempotent-Replayed") == "true"
        if not op.applied:
            self._expect_first(op, status, body, replayed)
            op.applied, op.first = True, (status, body)
            if op.key:
                self.used_keys.append((op, op.key))
                self.applied_keys.add(op.key)
        else:
            self._expect_replay(op, status, body, replayed)
        if lose:
            return  # the server did it; the phone never heard: the item stays queued
        self.outbox.remove(op)
        if op.kind == "delete":
            self.known.pop(op.entry_id)
            self.gone.add(op.entry_id)
        else:
            self.known[op.entry_id] = view(body)

    def _request(self, op):
        headers = {"Idempotency-Key": op.key} if op.key else {}
        if op.kind == "create":
            url = f"/api/placements/{self.pid}/entries"
            return self.phone.post(url, json=op.body, headers=headers)
        headers["If-Match"] = f'"{op.base_version}"'
        url = f"/api/entries/{op.entry_id}"
        if op.kind == "patch":
            return self.phone.patch(url, json=op.body, headers=headers)
        return self.phone.delete(url, headers=headers)

    def _expect_first(self, op, status, body, replayed):
        assert not replayed
        if op.kind == "create":
            assert op.entry_id not in self.server
            assert status == 201, body
            expected = {**op.body, "version": 1, "deleted": False}
            assert view(body) == view(expected)
            self.server[op.entry_id] = view(body)
        elif op.kind == "patch":
            assert self.server[op.entry_id]["version"] == op.base_version
            assert status == 200, body
            expected = {**self.server[op.entry_id], **op.body, "version": op.base_version + 1}
            assert view(body) == expected
            self.server[op.entry_id] = expected
        else:
            assert status == 204, body
            self.server[op.entry_id] = {
                **self.server[op.entry_id],
                "version": op.base_version + 1,
                "deleted": True,
            }

    def _expect_replay(self, op, status, body, replayed):
        first_status, first_body = op.first
        if op.kind == "create" and not op.key:
            # Same id, same body: the entry as it is, 200 (nothing can change it meanwhile:
            # the phone queues no update before its create is answered).
            assert (status, view(body)) == (200, self.server[op.entry_id]), body
            assert body["id"] == op.entry_id and not replayed
            return
        # A keyed replay answers exactly the first answer and says so.
        assert replayed, (op, status, body)
        assert (status, body) == (first_status, first_body)

    # --- duplicates, conflicts, reused keys, stale versions --------------------------------

    def _delivered_creates(self):
        pending = {op.entry_id for op in self.outbox if op.kind == "create"}
        return sorted(i for i in self.server if i not in pending)

    @precondition(lambda self: self._delivered_creates())
    @rule(data=st.data())
    def duplicate_of_a_delivered_create(self, data):
        """A late duplicate of a create the phone already has an answer for (e.g. two tabs)."""
        entry_id = data.draw(st.sampled_from(self._delivered_creates()))
        body = self.create_bodies[entry_id]
        response = self.phone.post(f"/api/placements/{self.pid}/entries", json=body)
        assert response.status_code == 200, response.get_json()
        assert view(response.get_json()) == self.server[entry_id]

    @precondition(lambda self: self.server)
    @rule(data=st.data(), field=st.sampled_from(["description", "category", "date"]))
    def same_id_other_body(self, data, field):
        entry_id = data.draw(st.sampled_from(sorted(self.server)))
        body = dict(self.create_bodies[entry_id])
        if field == "description":
            body["description"] += " (anders)"
        elif field == "category":
            body["category"] = 3 if body["category"] != 3 else 4
        else:
            body["date"] = (dt.date.fromisoformat(body["date"]) - dt.timedelta(days=1)).isoformat()
        response = self.phone.post(f"/api/placements/{self.pid}/entries", json=body)
        assert response.status_code == 409, response.get_json()
        assert response.get_json()["error"] == "id_conflict"
        assert "Idempotent-Replayed" not in response.headers

    @precondition(lambda self: self.used_keys)
    @rule(data=st.data())
    def same_key_other_request(self, data):
        op, key = data.draw(st.sampled_from(self.used_keys))
        headers = {"Idempotency-Key": key, "If-Match": f'"{op.base_version or 1}"'}
        if op.kind == "create":
            other = {**op.body, "id": self._fresh("entry")}
            response = self.phone.post(
                f"/api/placements/{self.pid}/entries", json=other, headers=headers
            )
        elif op.kind == "patch":
            other = {**op.body, "description": (op.body.get("description") or "") + "!"}
            response = self.phone.patch(f"/api/entries/{op.entry_id}", json=other, headers=headers)
        else:  # the same key on another kind of request
            response = self.phone.patch(
                f"/api/entries/{op.entry_id}", json={"description": "x"}, headers=headers
            )
        assert response.status_code == 422, response.get_json()
        assert response.get_json()["error"] == "idempotency_key_reused"

    def _stale_candidates(self):
        return sorted(i for i in self._editable() if self.known[i]["version"] > 1)

    @precondition(lambda self: self._stale_candidates())
    @rule(data=st.data())
    def stale_update(self, data):
        entry_id = data.draw(st.sampled_from(self._stale_candidates()))
        stale = self.known[entry_id]["version"] - 1
        response = self.phone.patch(
            f"/api/entries/{entry_id}",
            json={"description": "oud"},
            headers={"If-Match": f'"{stale}"'},
        )
        assert response.status_code == 412, response.get_json()
        body = response.get_json()
        assert body["error"] == "version_mismatch"
        assert view(body["current"]) == self.server[entry_id]

    @rule(week=st.sampled_from(WEEKS), lose_first=st.booleans(), now=st.integers(0, 3))
    def submit_and_withdraw(self, week, lose_first, now):
        """Submit and withdraw with keys; each replayed: one effect, the first answer again."""
        if now != 0:
            return  # six requests: keep it to one step in four
        base = f"/api/placements/{self.pid}/weeks/{week}"
        live = [
            e
            for e in self.server.values()
            if not e["deleted"] and week_label(dt.date.fromisoformat(e["date"])) == week
        ]
        submit_key, withdraw_key = self._fresh("op"), self._fresh("op")
        submitted = self.phone.post(f"{base}/submit", headers={"Idempotency-Key": submit_key})
        if not live:
            assert submitted.status_code == 422, submitted.get_json()
            assert submitted.get_json()["error"] == "week_empty"
            return
        assert submitted.status_code == 200, submitted.get_json()
        self.applied_keys.add(submit_key)
        first = submitted.get_json()
        assert first["status"] == "submitted"
        assert first["entry_count"] == len(live)
        if lose_first:
            replay = self.phone.post(f"{base}/submit", headers={"Idempotency-Key": submit_key})
            assert replay.status_code == 200
            assert replay.headers.get("Idempotent-Replayed") == "true"
            assert replay.get_json() == first
        # The same key on another request of the lifecycle is refused, not replayed.
        reused = self.phone.post(f"{base}/withdraw", headers={"Idempotency-Key": submit_key})
        assert reused.status_code == 422
        assert reused.get_json()["error"] == "idempotency_key_reused"
        withdrawn = self.phone.post(f"{base}/withdraw", headers={"Idempotency-Key": withdraw_key})
        assert withdrawn.status_code == 200, withdrawn.get_json()
        self.applied_keys.add(withdraw_key)
        assert withdrawn.get_json()["status"] == "open"
        assert withdrawn.get_json()["version"] == first["version"] + 1
        again = self.phone.post(f"{base}/withdraw", headers={"Idempotency-Key": withdraw_key})
        assert again.status_code == 200
        assert again.headers.get("Idempotent-Replayed") == "true"
        assert again.get_json() == withdrawn.get_json()
        now = self.phone.get(base).get_json()
        assert (now["status"], now["version"]) == ("open", first["version"] + 1)

    # --- what must hold after every step --------------------------------------------------

    @invariant()
    def server_holds_exactly_what_was_applied(self):
        response = self.phone.get(f"/api/placements/{self.pid}/entries?page_size=500")
        assert response.status_code == 200
        listed = response.get_json()
        live = {e["id"]: view(e) for e in listed}
        assert len(live) == len(listed), "an entry is listed twice"
        expected = {i: e for i, e in self.server.items() if not e["deleted"]}
        assert live == expected
        slots = [(e["date"], e["start_time"]) for e in listed]
        assert len(slots) == len(set(slots)), "an entry was doubled under another id"
        rows = {str(r.id): r.deleted_at is not None for r in HourEntry.select()}
        assert rows == {i: e["deleted"] for i, e in self.server.items()}

    @invariant()
    def what_the_phone_believes_is_true(self):
        pending = {op.entry_id for op in self.outbox}
        for entry_id, belief in self.known.items():
            if entry_id not in pending:  # a queued change may already be applied
                assert self.server[entry_id] == belief
        for entry_id in self.gone:
            assert self.server[entry_id]["deleted"]
        # Nothing on the server the phone does not know of, unless its create is still queued.
        queued_creates = {op.entry_id for op in self.outbox if op.kind == "create"}
        assert set(self.server) <= set(self.known) | self.gone | queued_creates

    @invariant()
    def one_stored_answer_per_applied_key(self):
        """Refused requests (reused keys, conflicts, stale versions) store nothing."""
        keys = [r.key for r in IdempotencyRecord.select()]
        assert len(keys) == len(set(keys))
        assert set(keys) == self.applied_keys

    # --- the end: flush, then the phone and the server agree --------------------------------

    @rule(now=st.integers(0, 7))
    def flush_outbox(self, now):
        """Now and then the phone gets a good connection and sends everything."""
        if now == 0:  # rarely: a flush empties the outbox, and replays need a full one
            self.flush()

    def flush(self):
        while self.outbox:
            self._deliver(self.outbox[0])
        response = self.phone.get(f"/api/placements/{self.pid}/entries?page_size=500")
        assert {e["id"]: view(e) for e in response.get_json()} == self.known
        feed = self.phone.get("/api/sync/changes?since=0&limit=1000").get_json()
        assert not feed["more"]
        fed = [c for c in feed["changes"] if c["kind"] == "entry"]
        assert len(fed) == len({c["id"] for c in fed}), "the feed repeats an entry"
        assert {c["id"]: view(c["data"]) for c in fed} == self.server
        assert {c["id"] for c in fed if c["deleted"]} == self.gone


PhoneOutbox.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestPhoneOutbox = PhoneOutbox.TestCase
