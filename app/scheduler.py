"""The scheduler process: APScheduler, started by its own command, never inside web workers.

`flask --app wsgi scheduler` runs it (`make run` starts it beside gunicorn). Times are local
(Europe/Amsterdam); a job that could not run at its time (the process was down) still runs
within the misfire grace, and missed runs are coalesced into one. Two scheduler processes at
once are safe: every reminder is a unique Delivery row and every send claims its row first.
"""

import functools
import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from app import jobs
from app.db import ensure_connection

log = logging.getLogger(__name__)
MISFIRE_GRACE_SECONDS = 10 * 60
DELIVERY_EVERY_SECONDS = 30
EXPORTS_EVERY_SECONDS = 60


def _hour_minute(text):
    hour, minute = text.split(":")
    return int(hour), int(minute)


def job_table(config):
    """(name, function, trigger) for every job, from the app's settings."""
    zone = config["TIMEZONE"]

    def at(setting, day_of_week="*"):
        hour, minute = _hour_minute(config[setting])
        return CronTrigger(day_of_week=day_of_week, hour=hour, minute=minute, timezone=zone)

    return [
        ("no_entry_reminders", jobs.no_entry_reminders, at("REMINDER_NO_ENTRY_AT", "mon-fri")),
        (
            "submit_week_reminders",
            jobs.submit_week_reminders,
            at("REMINDER_SUBMIT_WEEK_AT", "mon-fri"),
        ),
        ("trainer_digests", jobs.trainer_digests, at("TRAINER_DIGEST_AT", "mon")),
        ("escalations", jobs.escalations, at("ESCALATION_AT", "mon-fri")),
        ("deliver_due", jobs.deliver_due, IntervalTrigger(seconds=DELIVERY_EVERY_SECONDS)),
        ("apply_retention", jobs.apply_retention, CronTrigger(hour=3, minute=30, timezone=zone)),
        ("run_exports", jobs.run_exports, IntervalTrigger(seconds=EXPORTS_EVERY_SECONDS)),
    ]


def _in_app(app, name, function):
    @functools.wraps(function)
    def run():
        with app.app_context():
            ensure_connection()
            try:
                result = function()
            except Exception:
                log.exception("Job %s failed", name)
                raise
            if result:
                log.info("Job %s: %s", name, result)
            return result

    return run


def build(app, scheduler_class=BlockingScheduler):
    scheduler = scheduler_class(
        timezone=app.config["TIMEZONE"],
        job_defaults={
            "misfire_grace_time": MISFIRE_GRACE_SECONDS,
            "coalesce": True,
            "max_instances": 1,
        },
    )
    for name, function, trigger in job_table(app.config):
        scheduler.add_job(_in_app(app, name, function), trigger, id=name, name=name)
    return scheduler
