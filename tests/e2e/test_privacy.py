"""The "Mijn gegevens" page on a phone: the student downloads everything kept about them; the
coordinator's desk erases a student on their request. Both pages pass axe."""

import json
import zipfile

import pytest
from axe_playwright_python.sync_playwright import Axe
from e2e_steps import all_sent, log_hours, login, ready, start_student, today

from app.models import User
from app.models.users import COORDINATOR
from app.services import privacy

pytestmark = pytest.mark.e2e


def no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_student_downloads_their_data_from_mijn_gegevens(server, school, phone, tmp_path):
    page = phone.new_page()
    start_student(page, school)
    log_hours(page, today(), "08:00", "12:00", "Brood gebakken")
    all_sent(page)

    page.goto("/account")
    ready(page)
    page.get_by_role("link", name="Mijn gegevens").click()
    page.wait_for_url("**/privacy")
    ready(page)
    hours = page.locator(".privacy-kind", has=page.get_by_role("heading", name="Je uren"))
    hours.get_by_text("Nu: 1").wait_for()
    hours.get_by_text("tot 2 jaar na het einde van je laatste stage").wait_for()
    no_axe_violations(page)

    page.get_by_role("button", name="Maak mijn download").click()
    link = page.get_by_role("link", name="Download mijn gegevens")
    with page.expect_download() as download:
        link.click()
    path = tmp_path / "mijn-gegevens.zip"
    download.value.save_as(path)

    archive = zipfile.ZipFile(path)
    entries = json.loads(archive.read("hour_entries.json"))
    assert [(e["date"], e["description"]) for e in entries] == [
        (today().isoformat(), "Brood gebakken")
    ]
    account = json.loads(archive.read("account.json"))
    assert [(a["name"], a["email"]) for a in account] == [
        (school["student"].name, school["student"].email)
    ]
    assert json.loads(archive.read("manifest.json"))["subject"]["id"] == school["student"].id


def test_the_coordinator_erases_a_student_who_asked(server, school, phone, password_hash_e2e):
    student = school["student"]
    coordinator = User.create(
        institution=student.institution_id,
        email=f"coordinator-{student.id}@e2e.example.nl",
        name="Carla Coördinator",
        role=COORDINATOR,
        password_hash=password_hash_e2e,
    )
    privacy.request_erasure(student)

    page = phone.new_page()
    login(page, coordinator, "/docent")
    page.goto("/privacy/desk")
    ready(page)
    request = page.locator("#desk-requests li", has_text=student.name)
    request.wait_for()
    page.locator("#desk-log").get_by_text("verwijdering gevraagd").wait_for()
    no_axe_violations(page)

    request.get_by_role("button", name="Verwijderen").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Goedgekeurde uren blijven bewaard").wait_for()
    dialog.get_by_role("button", name="Verwijderen").click()
    page.get_by_text("De gegevens zijn verwijderd.").wait_for()
    page.locator("#desk-requests").get_by_text("Verwijderde student · verwijderd op").wait_for()
    assert not User.select().where(User.id == student.id).exists()
