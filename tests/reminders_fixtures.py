"""Shared by the reminder tests: a VAPID key, a local push service, a real SMTP server."""

import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from py_vapid import Vapid02

from app import clock
from app.push import vapid
from tests.push_service import PushService


@pytest.fixture(scope="session")
def vapid_pem():
    key = Vapid02()
    key.generate_keys()
    return key.private_pem().decode()


class Mailbox:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        with self.lock:
            self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    mailbox.host, mailbox.port = controller.hostname, controller.port
    yield mailbox
    controller.stop()


def reminder_settings(vapid_pem, mailbox=None):
    settings = {
        "VAPID_PRIVATE_KEY": vapid_pem,
        "PUSH_ALLOW_LOOPBACK": True,
        "PUBLIC_URL": "https://stagewijs.test",
    }
    if mailbox is not None:
        settings.update(MAIL_SERVER=mailbox.host, MAIL_PORT=mailbox.port, MAIL_USE_TLS=False)
    return settings


@pytest.fixture
def push_service(app):
    with app.app_context():
        public = vapid.public_key()

    def now():
        with app.app_context():
            return clock.now().timestamp()

    with PushService(public, now=now) as service:
        yield service
