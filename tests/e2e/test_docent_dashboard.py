"""The docent's dashboard on a phone: students by need, each with a word and an icon beside the
colour and the reasons; tapping one opens their page; both open offline from the last copy."""

import datetime as dt
import uuid

import pytest
from e2e_steps import api_session, controlled, login, ready, today

from app import clock
from app.clock import iso_week_label, monday_of
from app.extensions import db
from app.models import Placement, User, Week
from app.models.placements import POK_AFGEDRUKT, POK_DEFINITIEF
from app.models.users import STUDENT

pytestmark = pytest.mark.e2e


def post(session, url, data=None):
    answer = session.post(url, data=data, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert answer.ok, answer.text()
    return answer


def another_student(school, name, start, pok=POK_DEFINITIEF):
    first = school["student"]
    student = User.create(
        institution=first.institution_id,
        email=f"{uuid.uuid4().hex[:8]}@e2e.example.nl",
        name=name,
        role=STUDENT,
        password_hash=first.password_hash,
    )
    base = school["placement"]
    placement = Placement(
        student=student,
        company=base.company_id,
        praktijkopleider=base.praktijkopleider_id,
        docent=base.docent_id,
        programme=base.programme_id,
        start_date=start,
        end_date=start + dt.timedelta(weeks=20),
        required_hours=800,
        pok_status=pok,
    )
    with db.atomic():
        placement.stamp()
        placement.save()
    return placement


def share(school):
    """Sanne handed a STARRT in, wrote a note for her docent and one for herself, and wrote on
    the School line."""
    from app.models import Starrt
    from app.models.starrts import STARRT_SUBMITTED
    from app.services import messages, notes

    student, pid = school["student"], school["placement"].id
    parts = {p: f"{p.title()}: brood bakken" for p in ("situatie", "taak", "actie")}
    parts.update(resultaat="Het brood was op tijd klaar.", reflectie="Ik begon te laat.")
    starrt = Starrt(
        id=uuid.uuid4(),
        placement=pid,
        title="Zuurdesembrood",
        transfer="Volgende keer begin ik om zes uur.",
        status=STARRT_SUBMITTED,
        submitted_at=clock.utcnow() - dt.timedelta(days=3),
        created_by=student.id,
        create_fingerprint="e2e",
        **parts,
    )
    with db.atomic():
        starrt.stamp()
        starrt.save(force_insert=True)
    for text, visibility in (
        ("Voor mijn docent: ik wil meer oven-werk.", "docent"),
        ("Alleen voor mij: geheim.", "self"),
    ):
        notes.create_note(
            student, pid, {"id": uuid.uuid4(), "text": text, "visibility": visibility}
        )
    body = {"id": uuid.uuid4(), "body": "Mag ik u iets vragen?", "item": None, "question_id": None}
    messages.send(student, pid, "school", body)


@pytest.fixture
def a_class(server, school, playwright_instance):
    """Sanne's week waits 9 days for the trainer; Bram logged nothing in 3 weeks; Cas began
    2 days ago without a signed POK; Dirk begins next week."""
    pid = school["placement"].id
    monday = monday_of(today()) - dt.timedelta(weeks=2)
    student = api_session(playwright_instance, server.url, school["student"])
    for offset in (0, 1):
        day = monday + dt.timedelta(days=offset)
        body = {
            "id": str(uuid.uuid4()),
            "date": day.isoformat(),
            "start_time": "08:00",
            "end_time": "16:00",
            "category": 1,
            "description": "Brood gebakken",
        }
        post(student, f"/api/placements/{pid}/entries", body)
    label = iso_week_label(monday)
    post(student, f"/api/placements/{pid}/weeks/{label}/submit")
    student.dispose()
    Week.update(submitted_at=clock.utcnow() - dt.timedelta(days=9, hours=1)).where(
        (Week.placement == pid) & (Week.monday == monday)
    ).execute()
    share(school)
    return {
        "week": label,
        # The app's calendar (Europe/Amsterdam), not the machine's: the day differs near midnight.
        "bram": another_student(school, "Bram Bakker", clock.today() - dt.timedelta(weeks=3)),
        "cas": another_student(
            school, "Cas Claassen", clock.today() - dt.timedelta(days=2), POK_AFGEDRUKT
        ),
        "dirk": another_student(school, "Dirk Dekker", clock.today() + dt.timedelta(days=7)),
    }


def cards(page):
    return page.locator("#students > li.need")


def test_dashboard_orders_by_need_and_opens_a_student_also_offline(school, a_class, phone):
    page = phone.new_page()
    login(page, school["teacher"], "/docent")
    items = cards(page)
    items.first.wait_for()
    names = items.locator(".need-name").all_inner_texts()
    assert names == ["Bram Bakker", "Sanne de Vries", "Cas Claassen", "Dirk Dekker"]
    # Each card says its need in words and with an icon, not by colour alone.
    words = items.locator(".need-badge").all_inner_texts()
    assert [w.replace("\n", " ").strip() for w in words] == [
        "! Nu nodig",
        "! Nu nodig",
        "▲ Let op",
        "✓ Niets nodig",
    ]
    assert "3 weken stage, nog niets geschreven" in items.nth(0).inner_text()
    assert "1 week wacht 9 dagen op de praktijkopleider" in items.nth(1).inner_text()
    assert "stage is 2 dagen bezig, POK nog niet getekend" in items.nth(2).inner_text()
    assert "Stage begint op" in items.nth(3).inner_text()
    assert page.locator("#docent-summary").inner_text().count("Nu nodig") == 1
    # Her School message, not read yet, is counted on her card once the phone has polled.
    items.nth(1).get_by_text("1 nieuw").wait_for()

    # Tapping Sanne opens her page: what is needed, the placement, progress and her weeks.
    items.nth(1).locator("a.need-link").click()
    page.wait_for_url(f"**/docent/student?p={school['placement'].id}")
    ready(page)
    assert page.locator("#title").inner_text() == "Sanne de Vries"
    need = page.locator("#ds-need")
    need.get_by_text("1 week wacht 9 dagen op de praktijkopleider").wait_for()
    assert "Nu nodig" in need.inner_text()
    placement = page.locator("#ds-placement")
    placement.get_by_text(school["placement"].company.name).wait_for()
    assert "Martijn Bosman" in placement.inner_text()
    assert page.locator("#ds-placement progress").count() == 1
    week = page.locator("#ds-weeks li", has_text=f"Week {int(a_class['week'][-2:])}")
    week.wait_for()
    assert "Ingeleverd" in week.inner_text()
    week.locator("summary").click()
    week.get_by_text("Brood gebakken").first.wait_for()
    # What she shared: the handed-in STARRT (opened: its parts) and the note for her docent,
    # never the note she kept to herself; her two conversations, the School one with news.
    shared = page.locator("#ds-shared")
    shared.get_by_text("STARRT: Zuurdesembrood").click()
    shared.get_by_text("Het brood was op tijd klaar.").wait_for()
    assert "Voor mijn docent: ik wil meer oven-werk." in shared.inner_text()
    assert "geheim" not in page.content()
    chat = page.locator("#ds-chat")
    assert chat.get_by_role("link", name="Stage").get_attribute("href") == (
        f"/berichten?p={school['placement'].id}&l=stage"
    )
    assert chat.get_by_role("link", name="School").count() == 1

    # Offline, both open from the last copy and say so.
    controlled(page)
    page.context.set_offline(True)
    page.goto("/docent")
    ready(page)
    cards(page).first.wait_for()
    assert cards(page).locator(".need-name").all_inner_texts()[0] == "Bram Bakker"
    assert "Geen internet" in page.locator("#docent-summary").inner_text()
    cards(page).nth(1).locator("a.need-link").click()
    page.wait_for_url("**/docent/student?p=*")
    ready(page)
    page.locator("#ds-need").get_by_text("1 week wacht 9 dagen op de praktijkopleider").wait_for()
    assert "Geen internet" in page.locator("#ds-need").inner_text()
    page.locator("#ds-weeks summary").first.wait_for()
    page.locator("#ds-shared").get_by_text("STARRT: Zuurdesembrood").wait_for()
    page.context.set_offline(False)


def test_a_reminder_link_opens_the_student_page(school, a_class, phone):
    page = phone.new_page()
    login(page, school["teacher"], "/docent")
    page.goto(f"/docent?p={a_class['bram'].id}")
    page.wait_for_url(f"**/docent/student?p={a_class['bram'].id}")
    ready(page)
    page.locator("#ds-need").get_by_text("3 weken stage, nog niets geschreven").wait_for()
    assert page.locator("#title").inner_text() == "Bram Bakker"
