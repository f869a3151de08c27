"""Working days in the Netherlands: weekends and the public holidays (the maintained `holidays`
package keeps the list, Easter and King's Day rules included)."""

import functools


@functools.cache
def _year(year):
    import holidays  # on first use: ~4 MB that most web requests never need

    return holidays.NL(years=year, language="nl")


def holiday_name(day):
    """The public holiday on `day` (Dutch name), or None."""
    return _year(day.year).get(day)


def holidays_of(year):
    """{date: Dutch name} for one year."""
    return dict(_year(year))


def is_working_day(day, school_weekday=None):
    """Monday to Friday, not a public holiday, and not the student's school day (BBL)."""
    return day.weekday() < 5 and holiday_name(day) is None and day.weekday() != school_weekday
