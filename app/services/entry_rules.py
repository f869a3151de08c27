"""The rules an hour entry must keep, as one pure function that tables of cases can test."""

import datetime as dt
from dataclasses import dataclass

from app.errors import RuleViolation
from app.models.placements import POK_DEFINITIEF


@dataclass(frozen=True)
class Span:
    """Another entry on the same day, as the rules need to see it."""

    start: dt.time
    end: dt.time
    category_code: int
    minutes: int


def minutes_between(start, end):
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def check_entry(placement, category, categories_by_code, day, start, end, today, same_day):
    """Raise RuleViolation naming the field at fault; return the entry's minutes when it is fine.

    `same_day` holds the placement's other live entries on `day` (the entry itself excluded).
    """
    if placement.pok_status != POK_DEFINITIEF:
        raise RuleViolation("pok_not_signed", field="placement")
    if minutes_between(start, end) <= 0:
        raise RuleViolation("end_before_start", field="end_time")
    if not placement.start_date <= day <= placement.end_date:
        raise RuleViolation(
            "outside_pok_period",
            field="date",
            start=placement.start_date.isoformat(),
            end=placement.end_date.isoformat(),
        )
    if day > today:
        raise RuleViolation("date_in_future", field="date")
    for other in same_day:
        if start < other.end and other.start < end:
            raise RuleViolation(
                "overlap",
                field="start_time",
                start=other.start.strftime("%H:%M"),
                end=other.end.strftime("%H:%M"),
            )
    minutes = minutes_between(start, end)
    cap = category.daily_cap_minutes
    if cap is not None:
        used = sum(o.minutes for o in same_day if o.category_code == category.code)
        if used + minutes > cap:
            overflow = categories_by_code.get(category.overflow_code)
            raise RuleViolation(
                "daily_cap_exceeded",
                field="end_time",
                cap=_hours_text(cap),
                category=category.name_nl,
                overflow=overflow.name_nl if overflow else "",
            )
    return minutes


def _hours_text(minutes):
    hours, rest = divmod(minutes, 60)
    return f"{hours}" if not rest else f"{hours}:{rest:02d}"
