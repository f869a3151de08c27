"""End-to-end fixtures: the real app on a real local server, driven by a real Chromium.

One server and one browser per session (start-up is the slow part); every test makes its own
school, people and placement, and its own browser context (a fresh phone: Pixel 7).
"""

import contextlib
import datetime as dt
import itertools
import os
import socket
import threading
import uuid

import pytest
from e2e_steps import PASSWORD
from e2e_steps import today as school_today
from werkzeug.serving import make_server

from app import create_app, schema
from app.extensions import db
from app.models import Company, Institution, Placement, Programme, User
from app.models.placements import POK_DEFINITIEF
from app.models.users import STUDENT, TEACHER, TRAINER
from app.pwa import shell
from app.pwa.tools.chromium import CHROMIUM_ARGS, PHONE, chromium_path
from app.services.passwords import hash_password
from app.services.reference import ensure_categories

TIMEZONE = "Europe/Amsterdam"
_numbers = itertools.count(1)


class ResponseDropper:
    """Test-only WSGI middleware: lets one matching request commit, then loses its response.

    The app runs to the end (the transaction is committed), then the connection is cut before a
    single byte of the answer is written, as a dying mobile network would.
    """

    def __init__(self, app):
        self.app = app
        self.predicate = None
        self.dropped = []
        self.seen = []  # (method, path) of every request that reached the server
        self.lock = threading.Lock()

    def arm(self, method, path_contains):
        with self.lock:
            self.predicate = (method, path_contains)

    def __call__(self, environ, start_response):
        with self.lock:
            self.seen.append((environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")))
            predicate = self.predicate
            hit = (
                predicate
                and environ["REQUEST_METHOD"] == predicate[0]
                and (predicate[1] in environ.get("PATH_INFO", ""))
            )
            if hit:
                self.predicate = None
        if not hit:
            return self.app(environ, start_response)
        seen = {}

        def swallow(status, headers, exc_info=None):
            seen["status"] = status
            return lambda data: None

        body = self.app(environ, swallow)
        try:
            b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
        self.dropped.append((environ["REQUEST_METHOD"], environ["PATH_INFO"], seen.get("status")))
        sock = environ.get("werkzeug.socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        raise ConnectionResetError("response dropped by the test")


class LiveServer:
    def __init__(self, app, database):
        self.app = app
        self.database = database
        self.dropper = ResponseDropper(app.wsgi_app)
        app.wsgi_app = self.dropper
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("e2e") / "e2e.sqlite3"
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{path}",
            "FILE_STORAGE": str(path.parent / "files"),
            "TESTING": True,
            "SECRET_KEY": "x",
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
            "MAIL_FOLDER": str(path.parent / "mail"),
        }
    )
    database = db.obj
    with app.app_context():
        db.connect(reuse_if_open=True)
        schema.upgrade()
        ensure_categories()
    server = LiveServer(app, database)
    server.start()
    yield server
    server.stop()
    database.close()


@pytest.fixture
def server(live_server):
    # Other test modules may have pointed the shared database proxy elsewhere: point it back.
    db.initialize(live_server.database)
    live_server.dropper.predicate = None
    live_server.dropper.dropped.clear()
    live_server.dropper.seen.clear()
    with live_server.app.app_context():
        yield live_server


@pytest.fixture(scope="session")
def password_hash_e2e():
    return hash_password(PASSWORD)


@pytest.fixture
def school(server, password_hash_e2e):
    """A school with one signed placement: its student, trainer and teacher."""
    n = next(_numbers)
    tag = uuid.uuid4().hex[:6]
    institution = Institution.create(name=f"ROC E2E {n}")
    company = Company.create(
        institution=institution,
        name=f"Bakkerij De Korst {n}",
        address="Korenmarkt 4",
        postcode="6811 GV",
        city="Arnhem",
    )
    programme = Programme.create(institution=institution, name="Bakker", crebo="25190")

    def person(role, name, **extra):
        return User.create(
            institution=institution,
            email=f"{role}-{tag}@e2e.example.nl",
            name=name,
            role=role,
            password_hash=password_hash_e2e,
            **extra,
        )

    student = person(STUDENT, "Sanne de Vries")
    trainer = person(TRAINER, "Martijn Bosman", company=company)
    teacher = person(TEACHER, "Ingrid Hoekstra", phone="026 123 4567")
    today = school_today()
    placement = Placement(
        student=student,
        company=company,
        praktijkopleider=trainer,
        docent=teacher,
        programme=programme,
        start_date=today - dt.timedelta(weeks=8),
        end_date=today + dt.timedelta(weeks=12),
        required_hours=800,
        pok_status=POK_DEFINITIEF,
    )
    with db.atomic():
        placement.stamp()
        placement.save()
    return {"student": student, "trainer": trainer, "teacher": teacher, "placement": placement}


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=chromium_path(), args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


def phone_options(playwright_instance):
    return {
        **playwright_instance.devices[PHONE],
        "locale": "nl-NL",
        "timezone_id": TIMEZONE,
    }


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_phone(request, browser, playwright_instance, server):
    """A callable making a fresh phone (browser context); closed after the test.

    When the test fails, each page's screenshot and console go to test-results/.
    """
    contexts = []
    console = []

    def make(init_script=None):
        context = browser.new_context(base_url=server.url, **phone_options(playwright_instance))
        context.set_default_timeout(15_000)
        if init_script:
            context.add_init_script(init_script)
        context.on(
            "page",
            lambda page: page.on("console", lambda msg: console.append(f"{page.url} {msg.text}")),
        )
        contexts.append(context)
        return context

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        out = os.path.join("test-results", request.node.name)
        os.makedirs(out, exist_ok=True)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                # The page may be gone; the console log still helps.
                with contextlib.suppress(Exception):
                    page.screenshot(path=os.path.join(out, f"phone{i}-page{j}.png"), full_page=True)
        with open(os.path.join(out, "console.txt"), "w") as fh:
            fh.write("\n".join(console))
    for context in contexts:
        context.close()


@pytest.fixture
def phone(new_phone):
    return new_phone()


@pytest.fixture
def release(server):
    """Call to publish a new shell version on the running server (undone afterwards)."""
    current = shell()

    def publish():
        server.app.extensions["pwa_shell"] = {**current, "version": "next-version"}
        return "stagewijs-shell-next-version"

    yield publish
    server.app.extensions["pwa_shell"] = current
