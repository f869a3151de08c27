"""Conversations (#10) on real phones: a message typed offline waits, goes out once (also when
the answer is lost) and reaches the trainer without a reload; three people at once see one
order; HTML stays text; a reassigned docent's phone drops the messages; a fourth shared item is
refused by the phone; a message pointing to a STARRT opens in place for the trainer, a draft
is "niet zichtbaar voor jou"."""

import datetime as dt
import json
import re
import uuid

import pytest
from chat_steps import FAST_POLL, bodies, open_line, send
from e2e_steps import api_session, controlled, eventually, login, outbox, ready, today
from test_evidence_tags import software

from app.models import Message, User
from app.models.users import TEACHER
from app.services import entries, starrts
from app.services.placements import reassign

pytestmark = pytest.mark.e2e

MESSAGE_KEYS = """async () => {
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
  return all.filter((r) => r.kind === 'message').map((r) => r.key).sort();
}"""


def server_bodies(school, line="stage"):
    return [
        m.body
        for m in Message.select()
        .where((Message.placement == school["placement"].id) & (Message.line == line))
        .order_by(Message.seq)
    ]


def test_a_message_typed_offline_waits_goes_once_and_reaches_the_trainer(server, school, new_phone):
    student_phone, trainer_phone = new_phone(FAST_POLL), new_phone(FAST_POLL)
    student = student_phone.new_page()
    login(student, school["student"], "/home")
    controlled(student)
    open_line(student, school, "stage")
    trainer = trainer_phone.new_page()
    login(trainer, school["trainer"], "/trainer")
    open_line(trainer, school, "stage")

    student_phone.set_offline(True)
    send(student, "Mag ik morgen om negen uur beginnen?")
    mine = student.locator(".msg-mine").last
    mine.get_by_text("wacht").wait_for()
    assert server_bodies(school) == []

    # Online again; the server commits the message but its answer is lost.
    server.dropper.arm("POST", "/conversations/stage/messages")
    student_phone.set_offline(False)
    eventually(lambda: server.dropper.dropped, message="the answer was lost")
    mine.get_by_text("verzonden").wait_for(timeout=20_000)
    assert server_bodies(school) == ["Mag ik morgen om negen uur beginnen?"]

    # On the trainer's phone without a reload, and read: the student sees who read it.
    trainer.locator(".msg-theirs .msg-body").get_by_text("Mag ik morgen").wait_for(timeout=20_000)
    mine.get_by_text(f"gelezen door {school['trainer'].name}").wait_for(timeout=20_000)


def test_three_people_at_once_see_one_order(server, school, new_phone):
    pages = {}
    for who, home in (("student", "/home"), ("trainer", "/trainer"), ("teacher", "/docent")):
        page = new_phone(FAST_POLL).new_page()
        login(page, school[who], home)
        open_line(page, school, "stage")
        pages[who] = page
    for who, page in pages.items():
        page.get_by_label("Je bericht").fill(f"Bericht van {who}")
    for page in pages.values():  # as close together as three taps can be
        page.get_by_role("button", name="Versturen").click()
    eventually(lambda: len(server_bodies(school)) == 3, message="three messages stored")
    order = server_bodies(school)
    for page in pages.values():
        eventually(lambda page=page: bodies(page) == order, timeout=20_000, message="one order")


def test_html_is_shown_as_text_and_links_as_links(server, school, phone):
    page = phone.new_page()
    login(page, school["student"], "/home")
    open_line(page, school, "school")
    html = (
        '<b>vet</b><img src=x onerror="document.body.dataset.hacked=1"> zie https://example.org/x.'
    )
    send(page, html)
    body = page.locator(".msg-mine .msg-body").last
    eventually(lambda: body.inner_text() == html, message="the text as typed")
    assert body.locator("b, img").count() == 0
    link = body.locator("a")
    assert link.get_attribute("href") == "https://example.org/x"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert page.evaluate("() => document.body.dataset.hacked") is None


def test_a_reassigned_docents_phone_drops_the_messages(
    server, school, new_phone, password_hash_e2e, playwright_instance
):
    pid = school["placement"].id
    student = api_session(playwright_instance, server.url, school["student"])
    for line in ("stage", "school"):
        answer = student.post(
            f"/api/placements/{pid}/conversations/{line}/messages",
            data={"id": str(uuid.uuid4()), "body": f"Hallo op {line}"},
        )
        assert answer.status == 201, answer.text()
    page = new_phone(FAST_POLL).new_page()
    login(page, school["teacher"], "/docent")
    open_line(page, school, "school")
    page.get_by_text("Hallo op school").wait_for()
    assert len(page.evaluate(MESSAGE_KEYS)) == 2

    other = User.create(
        institution=school["teacher"].institution,
        email=f"docent-{uuid.uuid4().hex[:6]}@e2e.nl",
        name="Andere Docent",
        role=TEACHER,
        password_hash=password_hash_e2e,
    )
    reassign(pid, docent=other.id)
    eventually(lambda: page.evaluate(MESSAGE_KEYS) == [], timeout=20_000, message="dropped")
    page.reload()
    ready(page)
    assert page.get_by_text("Hallo op school").count() == 0


def _registration_id(cdp, page):
    found = []
    cdp.on("ServiceWorker.workerRegistrationUpdated", lambda ev: found.extend(ev["registrations"]))
    cdp.send("ServiceWorker.enable")
    for _ in range(50):
        if found:
            break
        page.wait_for_timeout(100)
    return found[0]["registrationId"]


def test_a_push_makes_the_open_app_poll_at_once(server, school, phone, playwright_instance):
    """The poll's own timer is 20 s here; the push brings the message within seconds."""
    phone.grant_permissions(["notifications"], origin=server.url)
    page = phone.new_page()
    login(page, school["trainer"], "/trainer")
    controlled(page)
    open_line(page, school, "stage")
    page.wait_for_timeout(1500)  # the page's first poll is done; the next is 20 s away
    student = api_session(playwright_instance, server.url, school["student"])
    sent = student.post(
        f"/api/placements/{school['placement'].id}/conversations/stage/messages",
        data={"id": str(uuid.uuid4()), "body": "Ik ben ziek vandaag"},
    )
    assert sent.status == 201, sent.text()
    cdp = phone.new_cdp_session(page)
    payload = {"web_push": 8030, "notification": {"title": "Sanne de Vries (Stage)",
               "body": "Je hebt een nieuw bericht.", "navigate": "/berichten"}}  # fmt: skip
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": server.url,
            "registrationId": _registration_id(cdp, page),
            "data": json.dumps(payload),
        },  # fmt: skip
    )
    page.locator(".msg-theirs").get_by_text("Ik ben ziek vandaag").wait_for(timeout=6_000)


def test_a_send_that_failed_but_arrives_through_the_feed_clears_its_error(
    server, school, new_phone, playwright_instance
):
    phone = new_phone(FAST_POLL)
    page = phone.new_page()
    login(page, school["student"], "/home")
    controlled(page)
    open_line(page, school, "stage")
    phone.set_offline(True)
    send(page, "Vanaf dit toestel")
    page.locator(".msg-mine").get_by_text("wacht").wait_for()
    (op,) = [o for o in outbox(page) if o["kind"] == "message.create"]
    # The same id reaches the server first from the student's other device, with other text:
    # this phone's send is refused (409), and then the server's copy comes through the feed.
    other = api_session(playwright_instance, server.url, school["student"])
    url = f"/api/placements/{school['placement'].id}/conversations/stage/messages"
    first = other.post(url, data={"id": op["body"]["id"], "body": "Vanaf de laptop"})
    assert first.status == 201, first.text()
    server.dropper.arm("GET", "/api/sync/changes")  # the refusal is seen before the copy
    phone.set_offline(False)
    eventually(lambda: outbox(page) == [], timeout=20_000, message="the error cleared")
    mine = page.locator(".msg-mine")
    mine.get_by_text("Vanaf de laptop").wait_for()
    assert mine.get_by_text("niet verzonden").count() == 0


def test_unread_counts_in_the_navigation_and_on_start(server, school, phone, playwright_instance):
    trainer = api_session(playwright_instance, server.url, school["trainer"])
    for text in ("Kom je morgen?", "Om acht uur graag."):
        sent = trainer.post(
            f"/api/placements/{school['placement'].id}/conversations/stage/messages",
            data={"id": str(uuid.uuid4()), "body": text},
        )
        assert sent.status == 201, sent.text()
    page = phone.new_page()
    login(page, school["student"], "/home")
    link = page.locator("#nav").get_by_role("link", name=re.compile(r"^Berichten\W+2 nieuw$"))
    link.wait_for()
    # Start's card is drawn from the same poll, a moment after the navigation.
    page.locator("#messages").get_by_text("2 nieuw").wait_for()
    open_line(page, school, "stage")
    page.get_by_text("Om acht uur graag.").wait_for()
    # Read: the counts go (the marker reached the server, and the poll says so).
    page.locator("#nav").get_by_role("link", name="Berichten", exact=True).wait_for()


def test_a_message_points_to_a_starrt_the_trainer_opens_in_place(server, school, new_phone):
    """The student points one message to a handed-in STARRT and one to a draft: the trainer
    opens the first in place (its parts) and is told the draft is not for them."""
    school = software(school)
    student, pid = school["student"], school["placement"].id
    entry, _ = entries.create_entry(
        student,
        pid,
        {"id": uuid.uuid4(), "date": today() - dt.timedelta(days=1), "start_time": dt.time(9),
         "end_time": dt.time(12), "category": 1, "description": "Kassa",
         "werkprocessen": ["B1-K1-W4"]},
    )  # fmt: skip
    parts = dict.fromkeys(("situatie", "taak", "actie", "resultaat", "reflectie", "transfer"), "Ja")
    shared, _ = starrts.create_starrt(
        student,
        pid,
        {"id": uuid.uuid4(), "title": "Testen van de kassa", **parts, "situatie": "Drukke zaterdag",
         "werkprocessen": ["B1-K1-W4"], "evidence": [{"kind": "entry", "id": entry.id}]},
    )  # fmt: skip
    starrts.submit_starrt(student, shared.id, shared.version)
    starrts.create_starrt(student, pid, {"id": uuid.uuid4(), "title": "Nog bezig"})

    page = new_phone(FAST_POLL).new_page()
    login(page, student, "/home")
    controlled(page)
    pick = page.get_by_label("Verwijs naar (mag leeg blijven)")

    def offered():  # the picker is filled from the records on the phone: once they are there
        open_line(page, school, "stage")
        page.wait_for_timeout(300)
        labels = pick.locator("option").all_inner_texts()
        return all(any(title in label for label in labels) for title in ("Testen", "Nog bezig"))

    eventually(offered, message="both STARRTs in the picker")
    label = next(x for x in pick.locator("option").all_inner_texts() if "Testen van de kassa" in x)
    assert label.startswith("STARRT ") and "· Testen van de kassa" in label
    pick.select_option(label=label)
    send(page, "Wil je mijn STARRT lezen?")
    pick.select_option(
        label=next(x for x in pick.locator("option").all_inner_texts() if "Nog bezig" in x)
    )
    send(page, "En deze is nog niet af.")
    eventually(lambda: Message.select().where(Message.item_kind == "starrt").count() == 2,
               message="both messages with their STARRT on the server")  # fmt: skip

    trainer = new_phone(FAST_POLL).new_page()
    login(trainer, school["trainer"], "/trainer")
    open_line(trainer, school, "stage")
    first = trainer.locator(".msg", has_text="Wil je mijn STARRT lezen?")
    first.locator("summary", has_text="Testen van de kassa").click()
    opened = first.locator(".msg-item[data-kind=starrt]")
    assert opened.get_by_text("S – Situatie").is_visible()
    assert opened.get_by_text("Drukke zaterdag").is_visible()
    draft = trainer.locator(".msg", has_text="En deze is nog niet af.")
    assert "niet zichtbaar voor jou" in draft.locator(".msg-item").inner_text()
    assert "Nog bezig" not in draft.inner_text()
