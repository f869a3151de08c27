"""What a user does in a conversation, for the conversation tests (#10)."""

from e2e_steps import ready

FAST_POLL = "localStorage.setItem('stagewijs.pollEvery', '1000');"


def open_line(page, school, line):
    page.goto(f"/berichten?p={school['placement'].id}&l={line}")
    ready(page)


def bodies(page):
    return page.locator(".msgs .msg-body").all_inner_texts()


def send(page, text):
    page.get_by_label("Je bericht").fill(text)
    page.get_by_role("button", name="Versturen").click()
