"""A language chosen on the login page follows the user onto their account."""

import pytest
from e2e_steps import PASSWORD, controlled, idle_sync, ready

from app.models import User

pytestmark = pytest.mark.e2e


def test_english_chosen_at_login_stays_and_goes_to_the_account(server, school, phone):
    student = school["student"]
    assert User.get_by_id(student.id).locale != "en"
    page = phone.new_page()
    page.goto("/login")
    ready(page)
    page.get_by_role("button", name="English").click()
    page.get_by_label("Email address").wait_for()
    ready(page)
    page.get_by_label("Email address").fill(student.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/home")
    ready(page)
    controlled(page)
    idle_sync(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    page.goto("/account")
    ready(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    page.get_by_role("heading", name="Change password").wait_for()
    assert User.get_by_id(student.id).locale == "en"
