"""An entry the server refuses is never counted, and online it leaves nothing behind."""

import pytest
from e2e_steps import (
    all_sent,
    iso,
    log_hours,
    outbox,
    ready,
    server_entries,
    start_student,
    today,
    wait_outbox,
)

pytestmark = pytest.mark.e2e

ENTRY_RECORDS = """async () => {
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
  return all.filter((r) => r.kind === 'entry').map((r) => r.data.description);
}"""


def test_online_refused_entry_keeps_the_form_open_and_cancel_leaves_nothing(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    log_hours(page, today(), "08:00", "12:00", "Deeg gekneed")
    all_sent(page)
    page.get_by_text("Totaal vandaag: 4 uur").wait_for()

    page.goto(f"/entry?date={iso(today())}")
    ready(page)
    page.get_by_label("Begintijd").fill("10:00")
    page.get_by_label("Eindtijd").fill("14:00")
    page.get_by_label("Wat heb je gedaan?").select_option(label="Stage werkzaamheden")
    page.get_by_label("Korte uitleg (mag leeg)").fill("Overlapt")
    page.get_by_role("button", name="Opslaan").click()
    page.locator("#entry-error").wait_for(state="visible")
    assert "/entry" in page.url
    field_errors = page.locator(".field-error:not([hidden])")
    assert field_errors.count() >= 1

    page.get_by_role("link", name="Annuleren").click()
    page.wait_for_url("**/home")
    ready(page)
    assert outbox(page) == []
    assert page.evaluate(ENTRY_RECORDS) == ["Deeg gekneed"]
    page.get_by_text("Totaal vandaag: 4 uur").wait_for()
    assert not page.get_by_text("Overlapt").is_visible()
    assert [e.description for e in server_entries(school["placement"])] == ["Deeg gekneed"]


def test_offline_entry_refused_later_is_shown_apart_and_not_counted(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    phone.set_offline(True)
    log_hours(page, today(), "08:00", "12:00", "Deeg gekneed")
    log_hours(page, today(), "10:00", "14:00", "Overlapt")
    phone.set_offline(False)
    wait_outbox(page, lambda ops: len(ops) == 1 and ops[0]["state"] == "attention")
    message = outbox(page)[0]["error"]["message"]

    page.goto("/home")
    ready(page)
    refused = page.locator("#today .entry.is-refused", has_text="Overlapt")
    refused.get_by_text("Niet geaccepteerd").wait_for()
    assert refused.get_by_text(message).is_visible()
    assert refused.get_by_role("link", name="Aanpassen").is_visible()
    assert refused.get_by_role("button", name="Weggooien").is_visible()
    assert page.get_by_text("Totaal vandaag: 4 uur").is_visible()
    assert page.get_by_text("4 uur in 1 registratie", exact=True).is_visible()

    page.goto(f"/week?w={today().isocalendar()[0]}-W{today().isocalendar()[1]:02d}")
    ready(page)
    page.get_by_role("button", name="Week inleveren").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Je levert 1 registratie in, samen 4 uur.", exact=False).wait_for()
    dialog.get_by_role("button", name="Annuleren").click()

    page.goto("/home")
    ready(page)
    page.locator("#today .entry.is-refused").get_by_role("button", name="Weggooien").click()
    page.get_by_role("dialog").get_by_role("button", name="Weggooien").click()
    all_sent(page)
    page.locator("#today .entry.is-refused").wait_for(state="detached")
    assert page.evaluate(ENTRY_RECORDS) == ["Deeg gekneed"]
