"""Meer: a student reads their placement, and anyone can change their password there."""

import pytest
from e2e_steps import PASSWORD, ready, start_student

pytestmark = pytest.mark.e2e


def test_student_sees_company_trainer_docent_how_to_reach_them_and_pok_period(
    server, school, phone
):
    page = phone.new_page()
    start_student(page, school)
    page.goto("/account")
    ready(page)
    facts = page.locator("#account-placement")
    placement = school["placement"]
    facts.get_by_text(school["placement"].company.name).wait_for()
    text = facts.inner_text()
    assert "Martijn Bosman" in text  # praktijkopleider
    assert "Ingrid Hoekstra" in text  # bpv-docent
    assert str(placement.start_date.year) in text and " t/m " in text
    assert "800 uur" in text
    assert "definitief" in text
    # Where the company is, and how to reach the trainer and the docent (links a phone opens).
    assert "Korenmarkt 4" in text and "6811 GV Arnhem" in text
    mail = facts.locator(f'a[href="mailto:{school["teacher"].email}"]')
    assert mail.inner_text() == school["teacher"].email
    assert facts.locator(f'a[href="mailto:{school["trainer"].email}"]').count() == 1
    call = facts.get_by_role("link", name="Bel Ingrid Hoekstra: 026 123 4567")
    assert call.get_attribute("href") == "tel:0261234567"
    # The student's own address is theirs: the placement does not repeat it.
    assert school["student"].email not in text


def test_password_change_wrong_then_right_and_the_new_one_logs_in(server, school, phone):
    page = phone.new_page()
    student = school["student"]
    start_student(page, school)
    page.goto("/account")
    ready(page)
    new = "een-heel-nieuw-wachtwoord"
    page.get_by_label("Huidig wachtwoord").fill("fout-wachtwoord")
    page.get_by_label("Nieuw wachtwoord", exact=True).fill(new)
    page.get_by_label("Nieuw wachtwoord nog een keer").fill(new)
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    error = page.locator("#current_password-error")
    error.wait_for()
    assert "klopt niet" in error.inner_text()
    assert page.get_by_label("Huidig wachtwoord").get_attribute("aria-invalid") == "true"

    page.get_by_label("Huidig wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    page.get_by_text("Je wachtwoord is gewijzigd").wait_for()
    assert page.locator("#current_password-error").is_hidden()

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/login")
    ready(page)
    page.get_by_label("E-mailadres").fill(student.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.locator("#login-error").wait_for()
    page.get_by_label("Wachtwoord").fill(new)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/home")
