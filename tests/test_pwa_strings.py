"""The server reads the phone app's Dutch strings too: counted ones are {"one", "other"}."""

from app.pwa import translate


def test_the_server_picks_the_plural_form():
    assert translate("logout.unsent.title", n=1) == "1 item is nog niet verzonden"
    assert translate("logout.unsent.title", n=2) == "2 items zijn nog niet verzonden"
    assert translate("trainer.approve.title", n=1) == "1 week goedkeuren?"
    assert translate("app.name") == "Stagewijs"
