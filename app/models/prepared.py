"""Hot queries built once and run many times with new values.

Measured on this project (bench/profile_create.py): about half the time of an hour-entry
create went to peewee turning query objects into SQL text (recursive __sql__ calls), a few
percent to SQLite running it. A Prepared query is a normal peewee query, built by a function
once per database with named placeholders (`P.name`), compiled once, then executed with fresh
values; rows come back through peewee's own cursor wrappers, so callers still get model
instances, tuples or dicts with the fields' Python conversions.

Only values may vary, never the shape: anything that changes the SQL (a role, an engine) is
passed as the first argument (`shape`, a tuple handed to the builder) or decided inside the
builder, which runs once per database.
"""

import datetime as dt
import functools
import weakref

import peewee

from app.extensions import db


class Param(peewee.Node):
    """A named placeholder. Its value is converted as peewee converts a literal in the same
    place (`Model.field == P.x` converts by that field), or by the field given."""

    def __init__(self, name, field=None):
        super().__init__()
        self.name = name
        self.field = field

    def __sql__(self, ctx):
        converter = self.field.db_value if self.field is not None else ctx.state.converter
        ctx._values.append(_Slot(self.name, converter))
        return ctx.literal(ctx.state.param or "?")


class _Slot:
    __slots__ = ("name", "converter")

    def __init__(self, name, converter):
        self.name = name
        self.converter = converter

    def value(self, values):
        value = values.get(self.name)  # an insert's null field may be absent from __data__
        return self.converter(value) if self.converter is not None else value


class _Placeholders:
    def __getattr__(self, name):
        return Param(name)


P = _Placeholders()


class Prepared:
    """`Prepared(lambda: Model.select().where(Model.id == P.id))`, then `.rows(id=3)`."""

    def __init__(self, build):
        self._build = build
        self._compiled = weakref.WeakKeyDictionary()  # database -> {key: (query, sql, params)}
        self._last = (lambda: None, None)  # (weak ref to the last database, its dict)

    def _get(self, shape):
        # The weak dictionary's lookup was a tenth of a one-row query's time (bench/polling.py):
        # the database of the last call is remembered, weakly.
        database = db.obj
        ref, per_db = self._last
        if ref() is not database:
            per_db = self._compiled.setdefault(database, {})
            self._last = (weakref.ref(database), per_db)
        hit = per_db.get(shape)
        if hit is None:
            query = self._build(*shape)
            sql, params = query.sql()
            hit = per_db[shape] = (query, sql, params, {}, {})
        return hit

    def _cursor(self, shape, values):
        query, sql, params, columns, plan = self._get(shape)
        bound = [p.value(values) if isinstance(p, _Slot) else p for p in params]
        return query, db.execute_sql(sql, bound), columns, plan

    def rows(self, shape=(), /, **values):
        """All rows, shaped as the query says (models, tuples, dicts)."""
        query, cursor, columns, plan = self._cursor(shape, values)
        if plan:
            return _instances(plan, cursor)
        wrapper = query._get_cursor_wrapper(cursor)
        # peewee's wrapper works out how to turn the cursor's columns into fields on every
        # execution (a third of a one-row query's time); the answer is the same for the same
        # SQL, so it is kept from the first run and handed to later wrappers.
        if columns:
            wrapper.initialize = functools.partial(wrapper.__dict__.update, columns)
            return list(wrapper)
        before = set(vars(wrapper))
        rows = list(wrapper)
        if rows:
            columns.update({k: v for k, v in vars(wrapper).items() if k not in before})
            plan.update(_instance_plan(wrapper, rows))
        return rows

    def first(self, shape=(), /, **values):
        rows = self.rows(shape, **values)
        return rows[0] if rows else None

    def raw_first(self, shape=(), /, **values):
        """The first row as the driver gives it (no model, no field conversions), straight
        from a cursor: for the hottest reads of plain values (the conversations' poll)."""
        _, sql, params, _, _ = self._get(shape)
        bound = [p.value(values) if isinstance(p, _Slot) else p for p in params]
        cursor = db.obj.cursor()
        try:
            cursor.execute(sql, bound)
            return cursor.fetchone()
        finally:
            cursor.close()

    def run(self, shape=(), /, **values):
        """An UPDATE, INSERT or DELETE: the number of rows it touched."""
        _, cursor, _, _ = self._cursor(shape, values)
        return db.obj.rows_affected(cursor)


def _instance_plan(wrapper, rows):
    """How to make a query's rows without peewee's generic row machinery, when that is exactly
    what peewee made: model instances of one model (no joins, each column one of its fields,
    stored as its __data__), or tuples. Measured: peewee's wrappers spent ten times as long
    making a user from its row as SQLite spent finding it. Anything else keeps peewee's."""
    kind = type(wrapper)
    if kind is peewee.ModelTupleCursorWrapper:
        fields = wrapper.fields
        return {
            "tuples": [_converter(f, c) for f, c in zip(fields, wrapper.converters, strict=True)]
        }
    model = getattr(wrapper, "constructor", None)
    names = getattr(wrapper, "unique_columns", None)
    if not (
        kind is peewee.ModelObjectCursorWrapper
        and wrapper.is_model
        and names
        and all(name in model._meta.fields for name in names)
        and all(row.__data__.keys() == set(names) and not vars(row).keys() - _PLAIN for row in rows)
    ):
        return {}
    converters = [
        _converter(
            model._meta.fields[name], wrapper.converters[i] if i in wrapper.convert else None
        )
        for i, name in enumerate(names)
    ]
    return {"model": model, "fields": list(zip(names, converters, strict=True))}


# Fields whose Python value is what the driver returns (SQLite and psycopg give int and str):
# their python_value converts nothing.
# Exactly these types: a subclass may read its value differently (TimestampField is an
# IntegerField that gives datetimes, FixedCharField strips, JSONField parses).
_STORED_AS_IS = {
    peewee.AutoField, peewee.BigAutoField, peewee.IntegerField, peewee.BigIntegerField,
    peewee.SmallIntegerField, peewee.CharField, peewee.TextField,
}  # fmt: skip


def _converter(field, peewee_converter):
    """The conversion for one column: none where peewee's changes nothing, the standard
    library's ISO parsers (C code) for the text SQLite keeps dates and times as, and peewee's
    own for the rest and for any text those parsers are not sure of."""
    if peewee_converter is None or field is None:
        return peewee_converter
    if isinstance(field, peewee.ForeignKeyField):
        field = field.rel_field
    if type(field) in _STORED_AS_IS:
        return None
    for kind, parse in _ISO:
        if type(field) is kind:
            return functools.partial(_iso, parse, peewee_converter)
    return peewee_converter


def _iso(parse, fallback, value):
    if type(value) is str and len(value) in _ISO_LENGTHS[parse]:
        try:
            return parse(value)
        except ValueError:
            pass
    return fallback(value)


_ISO = (
    (peewee.DateTimeField, dt.datetime.fromisoformat),
    (peewee.DateField, dt.date.fromisoformat),
    (peewee.TimeField, dt.time.fromisoformat),
)
# The lengths of what peewee stores (2026-11-18 16:30:00[.123456], 2026-11-18, 08:30[:00]):
# other text (an offset, a "T") goes to peewee, which may read it differently.
_ISO_LENGTHS = {
    dt.datetime.fromisoformat: (19, 26),
    dt.date.fromisoformat: (10,),
    dt.time.fromisoformat: (5, 8, 15),
}
_PLAIN = {"__data__", "_dirty", "__rel__"}


def _instances(plan, cursor):
    rows = cursor.fetchall()
    tuples = plan.get("tuples")
    if tuples is not None:
        return [
            tuple(v if c is None else c(v) for c, v in zip(tuples, row, strict=True))
            for row in rows
        ]
    model, fields = plan["model"], plan["fields"]
    made = []
    for row in rows:
        obj = model.__new__(model)
        obj.__data__ = {
            name: value if convert is None else convert(value)
            for (name, convert), value in zip(fields, row, strict=True)
        }
        obj._dirty = set()
        obj.__rel__ = {}
        made.append(obj)
    return made


def insert_all_fields(model):
    """A prepared INSERT of every field of `model`: run it with `record.__data__`.

    Every column is a placeholder, so no default is ever computed once and baked into the
    cached SQL; the model's constructor has already filled the defaults in.
    """
    # An auto-increment key is left to the database.
    fields = [f for f in model._meta.sorted_fields if not isinstance(f, peewee.AutoField)]
    return Prepared(lambda: model.insert({f: Param(f.name, f) for f in fields}))


def insert_record(prepared_insert, record):
    """Run a prepared insert_all_fields() with the values of an unsaved model instance."""
    prepared_insert.run(**record.__data__)
    record._dirty.clear()
    return record
