"""Prepared queries make the same rows as peewee does (app/models/prepared.py's fast rows)."""

import datetime as dt
import uuid

from app.extensions import db
from app.models import HourEntry, Placement, User, Week
from app.models.prepared import P, Prepared
from app.services.reference import categories_by_code


def _entry(placement, day, start, end, description="Werk"):
    week = Week.create(placement=placement, monday=day - dt.timedelta(days=day.weekday()))
    return HourEntry.create(
        id=uuid.uuid4(),
        placement=placement,
        week=week,
        date=day,
        start_time=start,
        end_time=end,
        minutes=60,
        category=categories_by_code()[1],
        description=description,
        created_by=placement.student,
        create_fingerprint="test",
    )


def _same(fast, slow):
    """Equal values of equal types: a str where peewee gives a time would compare unequal
    only by luck."""
    assert [type(v) for v in fast] == [type(v) for v in slow]
    assert fast == slow


def _rows_twice(prepared, **values):
    """The first run goes through peewee (and learns the plan), the second through the plan."""
    first = prepared.rows(**values)
    again = prepared.rows(**values)
    return first, again


def test_model_rows_match_peewees_own(app, make_placement):
    with app.app_context():
        placement = make_placement()
        entry = _entry(placement, dt.date(2026, 11, 16), dt.time(8, 30), dt.time(12, 0))
        entry.deleted_at = dt.datetime(2026, 11, 17, 9, 15, 30, 123456)
        entry.save()
        for model, key in ((HourEntry, entry.id), (User, placement.student_id)):
            prepared = Prepared(lambda m=model: m.select().where(m.id == P.id))
            first, again = _rows_twice(prepared, id=key)
            slow = model.get_by_id(key)
            for row in (first[0], again[0]):
                assert type(row) is model
                assert row._dirty == set()
                _same(
                    [row.__data__[name] for name in model._meta.fields],
                    [slow.__data__[name] for name in model._meta.fields],
                )
        # The instance behaves as peewee's: its relations load, a save writes a change only.
        fast = Prepared(lambda: HourEntry.select().where(HourEntry.id == P.id)).rows(id=entry.id)
        row = Prepared(lambda: HourEntry.select().where(HourEntry.id == P.id)).rows(id=entry.id)
        assert row[0].placement.id == placement.id and fast[0].week.id == entry.week_id
        row[0].description = "Anders"
        row[0].save()
        assert HourEntry.get_by_id(entry.id).description == "Anders"
        assert HourEntry.get_by_id(entry.id).deleted_at == entry.deleted_at


def test_tuple_rows_convert_dates_times_and_booleans(app, make_placement):
    with app.app_context():
        placement = make_placement()
        _entry(placement, dt.date(2026, 11, 18), dt.time(8, 0), dt.time(9, 45, 30))
        prepared = Prepared(
            lambda: HourEntry.select(
                HourEntry.date, HourEntry.start_time, HourEntry.end_time, HourEntry.created_at,
                HourEntry.id, HourEntry.deleted_at, HourEntry.placement,
            )
            .where(HourEntry.placement == P.placement)
            .tuples()
        )  # fmt: skip
        first, again = _rows_twice(prepared, placement=placement.id)
        _same(list(again[0]), list(first[0]))
        assert again[0][:3] == (dt.date(2026, 11, 18), dt.time(8, 0), dt.time(9, 45, 30))
        users = Prepared(
            lambda: User.select(User.active, User.created_at).where(User.id == P.id).tuples()
        )
        first, again = _rows_twice(users, id=placement.student_id)
        _same(list(again[0]), list(first[0]))
        assert again[0][0] is True


def test_a_value_the_iso_parsers_do_not_know_goes_to_peewee(app, make_placement):
    with app.app_context():
        placement = make_placement()
        entry = _entry(placement, dt.date(2026, 11, 18), dt.time(8, 0), dt.time(9, 0))
        prepared = Prepared(
            lambda: HourEntry.select(HourEntry.start_time).where(HourEntry.id == P.id).tuples()
        )
        prepared.rows(id=entry.id)  # learns the plan
        # Text peewee's TimeField reads but fromisoformat would not take as it stands.
        db.execute_sql(
            'UPDATE "hour_entry" SET "start_time" = ? WHERE "id" = ?',
            ("2026-11-18 08:00:00", entry.id.hex),
        )
        assert prepared.rows(id=entry.id) == [(dt.time(8, 0),)]


def test_joined_rows_keep_peewees_wrapper(app, make_placement):
    with app.app_context():
        placement = make_placement()
        prepared = Prepared(
            lambda: (
                Placement.select(Placement, User)
                .join(User, on=(Placement.student == User.id))
                .where(Placement.id == P.id)
            )
        )
        first, again = _rows_twice(prepared, id=placement.id)
        assert again[0].student.name == placement.student.name
        assert again[0].student.id == placement.student_id
