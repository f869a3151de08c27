"""Two weeks of reminders for a small class, walked through with a frozen clock.

21 December 2026 to 1 January 2027: Christmas (Friday 25th) and New Year's Day (Friday 1st)
are public holidays, so each week's last working day is a Thursday. The jobs run at the times
the scheduler gives them; the test asserts exactly who got what, and when it went out.
"""

import datetime as dt
import email
import re
import uuid

import pytest

from app.models import ActivityCategory, ApprovalToken, Delivery, HourEntry, Week
from app.models.logbook import WEEK_SUBMITTED
from app.models.notifications import SENT
from app.models.users import STUDENT
from app.services import delivery, entries, notifications, reminders
from app.services import weeks as week_service
from tests.conftest import module_app
from tests.reminders_fixtures import push_service, reminder_settings, smtp, vapid_pem  # noqa: F401

shared_app, app = module_app("reminders", PUSH_ALLOW_LOOPBACK=True)
START = dt.date(2026, 12, 21)
DAYS = [START + dt.timedelta(days=n) for n in range(12)]  # Mon 21 Dec .. Fri 1 Jan


def at(app, day, hhmm):
    app.config["FROZEN_NOW"] = f"{day.isoformat()}T{hhmm}:00+01:00"


@pytest.fixture
def klas(app, vapid_pem, make_user, make_placement, monkeypatch):  # noqa: F811
    monkeypatch.setitem(app.config, "FROZEN_NOW", "2026-12-18T10:00:00+01:00")
    for key, value in reminder_settings(vapid_pem).items():
        monkeypatch.setitem(app.config, key, value)
    period = {"start_date": dt.date(2026, 11, 2), "end_date": dt.date(2027, 3, 26)}
    anna = make_placement(student=make_user(STUDENT, name="Anna"), **period)
    trainer, docent = anna.praktijkopleider, anna.docent
    shared = {"company": anna.company, "trainer": trainer, "docent": docent}
    bram = make_placement(
        student=make_user(STUDENT, name="Bram"), school_weekday=2, **shared, **period
    )
    cas = make_placement(student=make_user(STUDENT, name="Cas"), **shared, **period)
    dirk = make_placement(
        student=make_user(STUDENT, name="Dirk"),
        **shared,
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2026, 12, 18),
    )
    with app.app_context():
        # Cas handed in week 51 on Friday 18 December: it waits for the trainer from then on.
        _log(app, cas, dt.date(2026, 12, 18), 1)
        at(app, dt.date(2026, 12, 18), "16:00")
        week_service.transition(cas.student, cas.id, "2026-W51", "submit")
        # Anna does not want to be disturbed after 17:00.
        notifications.update_settings(
            anna.student, {"quiet_start": dt.time(17, 0), "quiet_end": dt.time(8, 0)}
        )
    return {
        "anna": anna,
        "bram": bram,
        "cas": cas,
        "dirk": dirk,
        "trainer": trainer,
        "docent": docent,
    }


def _log(app, placement, day, category):
    at(app, day, "12:00")
    entries.create_entry(
        placement.student,
        placement.id,
        {
            "id": uuid.uuid4(),
            "date": day,
            "start_time": dt.time(8, 30),
            "end_time": dt.time(12, 0),
            "category": category,
            "description": "",
        },
    )


def _run_day(app, day, klas):
    """One day as the scheduler runs it, with Cas's own logging in between."""
    cas = klas["cas"]
    at(app, day, "08:00")
    if day.weekday() == 0:
        reminders.trainer_digests()
    at(app, day, "09:00")
    reminders.escalations()
    # Cas: sick on Tuesday 22nd (logged as sick: no reminder), works every other working day
    # but forgets Monday 28th.
    if day == dt.date(2026, 12, 22):
        _log(app, cas, day, 7)
    elif day.weekday() < 5 and day not in (
        dt.date(2026, 12, 28),
        dt.date(2026, 12, 25),
        dt.date(2027, 1, 1),
    ):
        _log(app, cas, day, 1)
    at(app, day, "15:00")
    if day.weekday() < 5:
        reminders.submit_week_reminders()
    at(app, day, "17:30")
    if day.weekday() < 5:
        reminders.no_entry_reminders()


def test_two_weeks_of_reminders(app, klas, push_service):  # noqa: F811
    with app.app_context():
        for day in DAYS:
            _run_day(app, day, klas)

        got = {}
        for d in Delivery.select():
            got.setdefault(d.user.name, []).append((d.kind, d.period))
    working = [
        d.isoformat()
        for d in DAYS
        if d.weekday() < 5 and d not in (dt.date(2026, 12, 25), dt.date(2027, 1, 1))
    ]
    not_wednesday = [d for d in working if dt.date.fromisoformat(d).weekday() != 2]
    assert sorted(got["Anna"]) == sorted(
        [("no_entry", d) for d in working]
        + [("submit_week", "2026-W52"), ("submit_week", "2026-W53")]
    )
    assert sorted(got["Bram"]) == sorted(
        [("no_entry", d) for d in not_wednesday]
        + [("submit_week", "2026-W52"), ("submit_week", "2026-W53")]
    )
    assert sorted(got["Cas"]) == sorted(
        [("no_entry", "2026-12-28"), ("submit_week", "2026-W52"), ("submit_week", "2026-W53")]
    )
    assert "Dirk" not in got  # placement over
    trainer, docent = klas["trainer"], klas["docent"]
    assert [k for k, _ in got[trainer.name]] == ["trainer_digest", "trainer_digest"]
    escalated = got[docent.name]
    assert len(escalated) == 1 and escalated[0][0] == "escalation"  # on Monday 28th, once
    with app.app_context():
        cas_week = Week.get((Week.placement == klas["cas"].id) & (Week.status == WEEK_SUBMITTED))
        assert escalated[0][1].startswith(f"week:{cas_week.id}:")
        row = Delivery.get(Delivery.kind == "escalation")
        assert row.created_at.date() == dt.date(2026, 12, 28)
        assert "Cas" in row.body and "9 dagen" in row.body
        # Category code 7 ("ziek"): ids differ from codes once a database has been refilled.
        sick = HourEntry.select().join(ActivityCategory).where(ActivityCategory.code == 7)
        assert sick.count() == 1


def test_quiet_hours_send_the_evening_reminder_the_next_morning(app, klas, push_service):  # noqa: F811
    anna, bram = klas["anna"].student, klas["bram"].student
    with app.app_context():
        for student, name in ((anna, "anna"), (bram, "bram")):
            notifications.subscribe(
                student,
                uuid.uuid4(),
                push_service.subscriber(name).endpoint,
                push_service.subscribers[f"/push/{name}"].keys["p256dh"],
                push_service.subscribers[f"/push/{name}"].keys["auth"],
            )
        monday = dt.date(2026, 12, 21)
        at(app, monday, "17:30")
        reminders.no_entry_reminders()
        at(app, monday, "17:30")
        delivery.deliver_due()
        assert [p for p, _, _ in push_service.received] == ["/push/bram"]  # Anna: quiet hours
        at(app, monday + dt.timedelta(days=1), "07:59")
        delivery.deliver_due()
        assert len(push_service.received) == 1
        at(app, monday + dt.timedelta(days=1), "08:00")
        assert delivery.deliver_due() == {SENT: 1}
    (_, _, data) = push_service.received[1]
    assert data["notification"]["body"].startswith("Je hebt voor maandag 21 december")


def test_running_a_rule_twice_records_each_reminder_once(app, klas):
    with app.app_context():
        at(app, dt.date(2026, 12, 21), "17:30")
        first = reminders.no_entry_reminders()
        second = reminders.no_entry_reminders()
    assert (first, second) == (3, 0)  # Anna, Bram and Cas (Dirk's placement is over)


def test_the_scheduler_runs_its_jobs_at_the_local_times(app):
    from app import scheduler

    table = {name: trigger for name, _, trigger in scheduler.job_table(app.config)}
    amsterdam_1730 = dt.datetime(2026, 12, 21, 17, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    fire = table["no_entry_reminders"].get_next_fire_time(
        None, amsterdam_1730 - dt.timedelta(minutes=1)
    )
    assert fire.utcoffset() == dt.timedelta(hours=1) and (fire.hour, fire.minute) == (17, 30)
    saturday = dt.datetime(2026, 12, 26, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert table["no_entry_reminders"].get_next_fire_time(None, saturday).weekday() == 0
    built = scheduler.build(
        app,
        scheduler_class=__import__(
            "apscheduler.schedulers.background", fromlist=["BackgroundScheduler"]
        ).BackgroundScheduler,
    )
    assert {job.id for job in built.get_jobs()} == set(table)
    assert str(built.timezone) == "Europe/Amsterdam"


def test_the_trainers_digest_by_email_carries_a_one_tap_link_per_week(app, klas, smtp):  # noqa: F811
    trainer = klas["trainer"]
    for key, value in reminder_settings(app.config["VAPID_PRIVATE_KEY"], smtp).items():
        app.config[key] = value
    with app.app_context():
        notifications.update_settings(trainer, {"digest_by_email": True})
        at(app, dt.date(2026, 12, 21), "08:00")
        assert reminders.trainer_digests() == 1
        assert reminders.trainer_digests() == 0  # once a week, and no second set of links
        # A push opens the app: the one-tap token goes by email only, never in a push payload.
        digest = Delivery.get(Delivery.kind == "trainer_digest")
        assert digest.navigate == f"/trainer/week?p={klas['cas'].id}&w=2026-W51"
        # Nothing stored or pushed holds a token: links are made as the email goes out.
        assert "/beslis/" not in digest.body and ApprovalToken.select().count() == 0
        assert delivery.deliver_due() == {SENT: 1}
    ((recipients, raw),) = smtp.messages
    message = email.message_from_string(raw)
    text = message.get_payload(decode=True).decode()
    assert recipients == [trainer.email]
    assert message["Subject"] == "1 week wacht op je" and "Cas, week 51" in text
    links = re.findall(r"https://stagewijs\.test/beslis/[\w-]+", text)
    assert len(links) == 1 and links[0].startswith("https://stagewijs.test/beslis/")
    page = app.test_client().get(links[0].removeprefix("https://stagewijs.test"))
    assert page.status_code == 200, page.get_data(as_text=True)[-600:]
    assert "Cas" in page.get_data(as_text=True)
