"""A STARRT written on the phone: the draft typed offline survives a reload and reaches the
server as a draft; handed in, the praktijkopleider rates it on their phone; rated it is final.
A note "only me" never shows on the docent's phone."""

import pytest
from e2e_steps import (
    all_sent,
    controlled,
    eventually,
    login,
    meta,
    ready,
    start_student,
)
from test_a11y import audit
from test_evidence_tags import software

from app.models import Note, Starrt

pytestmark = pytest.mark.e2e

# Every record a phone holds, as text.
STORED = """async () => new Promise((ok) => {
  const r = indexedDB.open('stagewijs');
  r.onsuccess = () => {
    const q = r.result.transaction('records').objectStore('records').getAll();
    q.onsuccess = () => { ok(JSON.stringify(q.result)); r.result.close(); };
  };
})"""

PARTS = {
    "S – Situatie": "Serverruimte op de tweede verdieping",
    "T – Taak": "Twee werkplekken aansluiten",
    "A – Actie": "Kabels gelegd en gepatcht",
    "R – Resultaat": "Beide werkplekken hebben netwerk",
    "R – Reflectie": "Eerst tekenen scheelt tijd",
    "T – Transfer": "Dit kan bij elk bedrijf",
}


def _write(page):
    page.get_by_label("Titel van de opdracht").fill("Netwerkkast gepatcht")
    for label, text in PARTS.items():
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_label("B1-K1-W3 Realiseert (onderdelen van) software").check()


def test_a_draft_typed_offline_survives_a_reload_then_is_handed_in_and_rated(
    server, school, new_phone
):
    school = software(school)
    phone = new_phone()
    page = phone.new_page()
    start_student(page, school)
    eventually(lambda: meta(page, "werkprocessen"), message="werkprocessen stored")
    page.goto("/starrt")
    ready(page)
    phone.set_offline(True)
    _write(page)
    eventually(
        lambda: "id=" in page.evaluate("location.search"), message="the draft saved under its id"
    )
    page.wait_for_timeout(700)  # the last keystrokes' autosave
    page.reload()
    ready(page)
    assert page.get_by_label("Titel van de opdracht").input_value() == "Netwerkkast gepatcht"
    assert page.get_by_label("T – Transfer", exact=True).input_value() == "Dit kan bij elk bedrijf"
    assert page.get_by_label("B1-K1-W3 Realiseert (onderdelen van) software").is_checked()
    mine = Starrt.placement == school["placement"].id  # the live server's database is shared
    assert not Starrt.select().where(mine).exists()

    phone.set_offline(False)
    all_sent(page)
    (draft,) = Starrt.select().where(mine)
    assert (draft.status, draft.transfer) == ("draft", "Dit kan bij elk bedrijf")

    page.get_by_role("button", name="Inleveren").click()
    page.get_by_role("dialog").get_by_role("button", name="Inleveren").click()
    page.wait_for_url("**/starrts")
    ready(page)
    all_sent(page)
    assert Starrt.get_by_id(draft.id).status == "submitted"
    page.get_by_text("0 van minimaal 5").wait_for()

    trainer_phone = new_phone()
    trainer = trainer_phone.new_page()
    login(trainer, school["trainer"], "/trainer")
    controlled(trainer)
    trainer.get_by_role("link", name="Bewijs bekijken").click()
    ready(trainer)
    trainer.get_by_role("link", name="Netwerkkast gepatcht").click()
    ready(trainer)
    trainer.get_by_text("Eerst tekenen scheelt tijd").wait_for()
    problems = []
    audit(trainer, None, problems)  # the STARRT read with its rating form
    assert problems == [], "\n".join(problems)
    trainer.get_by_label("G – goed").check()
    trainer.get_by_label("Opmerking (mag leeg)").fill("Keurig gedaan")
    assert trainer.get_by_label("Paraaf (je initialen)").input_value() == "MB"
    trainer.get_by_role("button", name="Beoordeling opslaan").click()
    trainer.wait_for_url("**/starrts**")
    all_sent(trainer)
    rated = Starrt.get_by_id(draft.id)
    assert (rated.status, rated.rating, rated.rating_initials) == ("rated", "G", "MB")

    page.goto(f"/starrt?id={draft.id}")
    ready(page)
    eventually(lambda: page.get_by_text("Beoordeling: G – goed").is_visible(), message="rating")
    assert not page.get_by_label("S – Situatie", exact=True).is_visible()  # final: no editor
    assert page.get_by_role("link", name="Nieuwe STARRT over deze opdracht").is_visible()


def _visibilities(school):
    notes = Note.select().where(Note.placement == school["placement"].id)
    return sorted(n.visibility for n in notes)


def test_a_note_only_for_me_never_reaches_the_docent_s_phone(server, school, new_phone):
    phone = new_phone()
    page = phone.new_page()
    start_student(page, school)
    page.goto("/notes")
    ready(page)
    page.get_by_label("Nieuwe notitie").fill("Geheim: ik twijfel")
    page.get_by_role("button", name="Notitie opslaan").click()
    page.locator(".note", has_text="Geheim: ik twijfel").wait_for()
    page.get_by_label("Nieuwe notitie").fill("Voor mijn docent")
    page.get_by_label("Ik en mijn docent").check()
    page.get_by_role("button", name="Notitie opslaan").click()
    page.locator(".note", has_text="Voor mijn docent").wait_for()
    all_sent(page)
    assert _visibilities(school) == ["docent", "self"]

    docent_phone = new_phone()
    docent = docent_phone.new_page()
    login(docent, school["teacher"], "/docent")
    docent.get_by_role("link", name="Bewijs bekijken").click()
    ready(docent)
    eventually(lambda: docent.get_by_text("Voor mijn docent").is_visible(), message="shared note")
    assert docent.get_by_text("Geheim: ik twijfel").count() == 0
    stored = docent.evaluate(STORED)
    assert "Geheim" not in stored and "Voor mijn docent" in stored

    # The student takes it back: the docent's phone drops its copy at the next sync.
    page.locator(".note", has_text="Voor mijn docent").get_by_label(
        "Wie mag dit lezen?"
    ).select_option("self")
    # The change is queued after select_option returns: an empty outbox can come before it.
    eventually(lambda: _visibilities(school) == ["self", "self"], message="taken back")
    all_sent(page)
    docent.reload()
    ready(docent)
    eventually(lambda: "Voor mijn docent" not in docent.evaluate(STORED), message="copy dropped")
    eventually(lambda: docent.get_by_text("Voor mijn docent").count() == 0, message="gone")
