"""ClockTime reads "HH:MM" itself and leaves everything else to marshmallow's Time (strptime):
the same values accepted, the same error for the rest."""

import datetime as dt

import marshmallow as ma
import pytest

from app.api.common import ClockTime

STRPTIME = ma.fields.Time(format="%H:%M")
FAST = ClockTime(format="%H:%M")


@pytest.mark.parametrize("value", ["00:00", "08:30", "12:05", "19:59", "23:59", "8:30", "7:5"])
def test_accepts_what_strptime_accepts_with_the_same_time(value):
    assert FAST.deserialize(value) == STRPTIME.deserialize(value)


def test_reads_the_two_digit_form_itself():
    assert FAST.deserialize("23:59") == dt.time(23, 59)


@pytest.mark.parametrize(
    "value", ["24:00", "08:60", "0830", " 08:30", "08:30\n", "08:30:00", "ab", "", 830, [], {}]
)
def test_refuses_what_strptime_refuses_with_its_message(value):
    with pytest.raises(ma.ValidationError) as fast:
        FAST.deserialize(value)
    with pytest.raises(ma.ValidationError) as slow:
        STRPTIME.deserialize(value)
    assert fast.value.messages == slow.value.messages


def test_another_format_is_strptime_s():
    field = ClockTime(format="%H.%M")
    assert field.deserialize("08.30") == dt.time(8, 30)
    with pytest.raises(ma.ValidationError):
        field.deserialize("08:30")
