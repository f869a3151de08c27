"""Today and now, in the school's time zone; a test can freeze them (FROZEN_TODAY)."""

import datetime as dt
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context


def _zone():
    name = current_app.config["TIMEZONE"] if has_app_context() else "Europe/Amsterdam"
    return ZoneInfo(name)


def today():
    frozen = current_app.config.get("FROZEN_TODAY") if has_app_context() else None
    if frozen:
        return dt.date.fromisoformat(str(frozen))
    return dt.datetime.now(_zone()).date()


def monday_of(day):
    return day - dt.timedelta(days=day.weekday())


def iso_week_label(monday):
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def parse_iso_week(label):
    """'2026-W47' -> the Monday of that ISO week; ValueError if it is not a real week."""
    return dt.datetime.strptime(label + "-1", "%G-W%V-%u").date()
