"""The one source of time: now, today, and the school's calendar. Tests freeze it.

One time-zone rule for the whole app: instants are stored in UTC (naive datetimes in the
database mean UTC), calendar dates (a logbook day, an ISO week, "today") are dates in the
school's zone, Europe/Amsterdam by default. Nothing else in the app calls datetime.now().

Freezing: `FROZEN_NOW` (an ISO instant, e.g. "2026-11-18T16:00:00+01:00") fixes the clock;
`FROZEN_TODAY` fixes only the calendar date (older tests use it); FROZEN_NOW wins over it.
Both are config values, so they hold for every thread of a live test server, and a test may
change them between requests.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_ZONE = "Europe/Amsterdam"


def zone():
    name = current_app.config.get("TIMEZONE", DEFAULT_ZONE) if has_app_context() else DEFAULT_ZONE
    return ZoneInfo(name)


def _setting(name):
    return current_app.config.get(name) if has_app_context() else None


def now():
    """The current instant, timezone-aware, in UTC."""
    frozen = _setting("FROZEN_NOW")
    if frozen:
        moment = frozen if isinstance(frozen, dt.datetime) else dt.datetime.fromisoformat(frozen)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone())
        return moment.astimezone(dt.UTC)
    return dt.datetime.now(dt.UTC)


def utcnow():
    """The current instant as the database stores it: naive UTC."""
    return now().replace(tzinfo=None)


def local_now():
    """The current instant on the school's wall clock."""
    return now().astimezone(zone())


def today():
    """Today's date in the school's zone. A frozen instant wins over a frozen date."""
    frozen = _setting("FROZEN_TODAY")
    if frozen and not _setting("FROZEN_NOW"):
        return dt.date.fromisoformat(str(frozen))
    return local_now().date()


def to_local(stored):
    """A stored (naive UTC) datetime on the school's wall clock."""
    return stored.replace(tzinfo=dt.UTC).astimezone(zone())


def monday_of(day):
    return day - dt.timedelta(days=day.weekday())


def iso_week_label(monday):
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def parse_iso_week(label):
    """'2026-W47' -> the Monday of that ISO week; ValueError if it is not a real week."""
    return dt.datetime.strptime(label + "-1", "%G-W%V-%u").date()
