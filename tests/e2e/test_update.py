"""A new shell version waits until the user agrees; then old caches are gone."""

import pytest
from e2e_steps import eventually, ready, start_student

pytestmark = pytest.mark.e2e

CACHES = "async () => (await caches.keys()).sort()"


def test_update_only_on_the_users_word(server, school, phone, release):
    page = phone.new_page()
    start_student(page, school)
    next_version = release()
    old_caches = page.evaluate(CACHES)
    assert len(old_caches) == 1 and old_caches[0] != next_version

    page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
    banner = page.locator("#update")
    banner.get_by_text("Er is een nieuwe versie van Stagewijs.").wait_for()
    # The new worker waits: the old one still serves this page.
    assert page.evaluate(
        "async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting)"
    )

    with page.expect_navigation():
        banner.get_by_role("button", name="Nu bijwerken").click()
    ready(page)
    eventually(lambda: page.evaluate(CACHES) == [next_version], message="old caches deleted")
