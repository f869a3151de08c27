"""A trainer who loses a placement (handed to another trainer) loses its copies on the phone:
the changes feed says "no longer visible" and every local record of that placement goes."""

import uuid

import pytest
from e2e_steps import api_session, eventually, login, meta, ready, today

from app.clock import iso_week_label, monday_of
from app.models import User
from app.models.users import TRAINER
from app.services.placements import reassign

pytestmark = pytest.mark.e2e

RECORDS_OF = """async (pid) => {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('stagewijs');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const all = await new Promise((ok) => {
    const r = db.transaction('records').objectStore('records').getAll();
    r.onsuccess = () => ok(r.result);
  });
  db.close();
  return all.filter((r) => String(r.pid) === String(pid)).map((r) => r.key).sort();
}"""


def submitted_week(playwright, server, school):
    """The student logged a morning and submitted the week (from another device)."""
    student = api_session(playwright, server.url, school["student"])
    pid = school["placement"].id
    label = iso_week_label(monday_of(today()))
    created = student.post(
        f"/api/placements/{pid}/entries",
        data={
            "id": str(uuid.uuid4()),
            "date": today().isoformat(),
            "start_time": "08:00",
            "end_time": "12:00",
            "category": 1,
            "description": "Deeg gekneed",
        },
    )
    assert created.status == 201, created.text()
    assert student.post(f"/api/placements/{pid}/weeks/{label}/submit").ok
    student.dispose()
    return label


def test_reassigned_placement_leaves_the_old_trainers_phone(
    server, school, phone, playwright_instance, password_hash_e2e
):
    label = submitted_week(playwright_instance, server, school)
    pid = school["placement"].id
    page = phone.new_page()
    login(page, school["trainer"], "/trainer")
    page.get_by_role("link", name="Sanne de Vries").click()  # the week and its entries
    ready(page)
    page.get_by_text("Deeg gekneed").wait_for()
    held = page.evaluate(RECORDS_OF, pid)
    assert f"placement:{pid}" in held and f"week:{pid}:{label}" in held
    assert any(key.startswith("entry:") for key in held)
    assert f"week:{pid}:{label}" in meta(page, "inbox")

    other = User.create(
        institution=school["trainer"].institution,
        email=f"other-{uuid.uuid4().hex[:6]}@e2e.nl",
        name="Ander Persoon",
        role=TRAINER,
        company=school["trainer"].company,
        password_hash=password_hash_e2e,
    )
    reassign(pid, praktijkopleider=other.id)

    page.goto("/trainer")
    ready(page)
    eventually(lambda: page.evaluate(RECORDS_OF, pid) == [], message="copies dropped")
    page.get_by_text("Er wacht niets op jou").wait_for()
    assert page.get_by_role("link", name="Sanne de Vries").count() == 0
    assert meta(page, "inbox") == []
