"""axe-core finds nothing on any page, with real data on them; text at 200% still fits."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from e2e_steps import (
    all_sent,
    controlled,
    log_hours,
    login,
    ready,
    start_student,
    today,
    wait_outbox,
)

pytestmark = pytest.mark.e2e

axe = Axe()


def audit(page, path, problems):
    if path is not None:
        page.goto(path)
        ready(page)
        page.wait_for_timeout(300)  # let the first sync round re-render
    results = axe.run(page)
    if results.violations_count:
        problems.append(f"{page.url}\n{results.generate_report()}")


def fits_at_double_text_size(page):
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    overflow = page.evaluate(
        """() => Math.max(document.documentElement.scrollWidth - window.innerWidth,
            ...[...document.querySelectorAll('#nav a, main button, main a')]
              .map((el) => el.getBoundingClientRect().right - window.innerWidth))"""
    )
    page.evaluate("() => { document.documentElement.style.fontSize = ''; }")
    return overflow <= 1


def test_every_page_passes_axe(server, school, new_phone):
    problems = []
    student_phone = new_phone()
    page = student_phone.new_page()
    audit(page, "/login", problems)
    start_student(page, school)
    yesterday = today() - dt.timedelta(days=1)
    log_hours(page, yesterday, "08:00", "12:00", "Deeg gekneed")
    log_hours(page, today(), "08:30", "12:00", "Brood gebakken")
    all_sent(page)
    # One refused entry, so the "needs attention" views are audited too.
    # Online, the refusal shows on the form at once, next to the field.
    page.goto(f"/entry?date={(today() + dt.timedelta(days=1)).isoformat()}")
    ready(page)
    page.get_by_role("button", name="08:00–17:00").click()
    page.get_by_role("button", name="Opslaan").click()
    page.locator("#entry-error").get_by_text("nog moet komen").wait_for()
    audit(page, None, problems)
    ops = wait_outbox(page, lambda ops: ops and ops[0]["state"] == "attention")
    entry_id = ops[0]["body"]["id"]

    for path in [
        "/home",
        "/entry",
        f"/entry?id={entry_id}",
        "/week",
        "/logbook?view=month",
        "/logbook?view=week",
        f"/logbook?view=day&d={today().isoformat()}",
        "/outbox",
        "/account",
    ]:
        audit(page, path, problems)
        assert fits_at_double_text_size(page), f"horizontal scrolling at 200% text on {path}"

    page.goto("/week")
    ready(page)
    page.get_by_role("button", name="Week inleveren").click()
    page.get_by_role("dialog").wait_for()
    audit(page, None, problems)  # the open dialog
    page.get_by_role("dialog").get_by_role("button", name="Week inleveren").click()
    wait_outbox(page, lambda ops: len(ops) == 1)

    trainer = new_phone().new_page()
    login(trainer, school["trainer"], "/trainer")
    controlled(trainer)
    # The inbox's link (the students' list below it also links to her conversation).
    week_link = trainer.locator("#inbox").get_by_role("link", name="Sanne de Vries")
    week_link.wait_for()
    audit(trainer, None, problems)
    week_link.click()
    ready(trainer)
    trainer.get_by_text("Brood gebakken").wait_for()
    audit(trainer, None, problems)
    audit(trainer, "/account", problems)

    teacher = new_phone().new_page()
    login(teacher, school["teacher"], "/docent")
    teacher.get_by_text("Sanne de Vries").wait_for()
    audit(teacher, None, problems)
    # Dashboard (#10): one student's page, a week opened.
    teacher.locator("a.need-link", has_text="Sanne de Vries").click()
    ready(teacher)
    teacher.locator("#ds-weeks summary").first.click()
    audit(teacher, None, problems)

    assert not problems, "\n\n".join(problems)


def test_english_pages_pass_axe(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    page.goto("/account")
    ready(page)
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    ready(page)
    page.get_by_role("heading", name="More").wait_for()
    assert page.evaluate("document.documentElement.lang") == "en"
    problems = []
    for path in ["/home", "/entry", "/week", "/logbook?view=month"]:
        audit(page, path, problems)
    assert not problems, "\n\n".join(problems)
    all_sent(page)
    assert school["student"].__class__.get_by_id(school["student"].id).locale == "en"
