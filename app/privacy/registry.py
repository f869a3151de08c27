"""The registry of personal data, after Moodle's privacy API: every model declares itself.

A model that holds personal data declares a `PersonalData`: the fields it holds and whose data
they are, who can see them, the subject's rows (the export reads them), an erase handler
(delete, or anonymise what the school must keep), and either retention rules of its own or the
rule it follows. A model without personal data declares `NoPersonalData` with the reason.
tests/privacy/test_registry.py fails for a model of app.models that has neither, and for a
field a declaration does not account for.

Declarations live in app/privacy/declarations/<domain>.py, or right under the model (a model
module may import this one: it imports nothing of app.models at import time).
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

# Who a copy is for. The student's own copy holds everything; a copy for someone else (another
# school, an examination board) leaves out what the student marked company-confidential.
FOR_STUDENT = "student"
FOR_THIRD_PARTY = "third_party"
AUDIENCES = (FOR_STUDENT, FOR_THIRD_PARTY)

# Who sees a kind of data, for "Mijn gegevens": the person themself and the roles of
# app.models.users.
SELF = "self"

# What a kind's retention counts from (the page says it in words).
AFTER_CREATION = "creation"
AFTER_EVENT = "event"
AFTER_PLACEMENT_END = "placement_end"
AFTER_DELETION = "deletion"
AFTER_DECISION = "decision"
AFTER_EXPIRY = "expiry"
# Kept as long as the account (removed with it).
ACCOUNT = "account"

# Columns that are bookkeeping of the sync mechanism, not anything about a person.
TECHNICAL_FIELDS = ("version", "change_seq", "create_fingerprint")


@dataclass(frozen=True)
class Retention:
    """How long a kind of data is kept, and the batch that removes what is due.

    `apply(batch)` removes at most `batch.size` rows that are due at `batch.now` and returns
    how many it removed; it runs inside a transaction the retention job opens, again and again
    until less than a full batch was removed. It must be safe to run twice at once: select what
    is due inside the transaction and delete by that selection (a row another run removed first
    simply is not counted again).
    """

    name: str  # the setting's name: RETENTION_DAYS[name]
    days: int  # the default
    after: str  # AFTER_*: what the days count from
    reason: str  # why this default (docs/PRIVACY.md lists them)
    apply: Callable
    batch: int = 500
    # False for a rule that removes files only (no rows): it reads without a transaction, so
    # it holds no write lock while it looks through the file storage.
    transaction: bool = True


@dataclass(frozen=True)
class PersonalData:
    model: type
    kind: str  # the export's file name (<kind>.json) and the page's text key
    whose: str  # whose data, in words
    fields: tuple  # what the export holds, in this order
    seen_by: tuple  # SELF and/or roles: who can see it in the app
    rows: Callable  # subject (a User) -> query of the subject's rows
    erase: Callable  # ErasureContext -> None; delete or anonymise the subject's rows
    retention: tuple = ()  # rules of its own
    follows: str = ""  # or: kept as long as this rule's data (a rule name) or ACCOUNT
    withheld: dict = field(default_factory=dict)  # field -> why it is not in the export
    # Runs before any erase handler (parents first): e.g. phones told to drop copies, so that
    # what the erasure keeps reaches them again afterwards.
    prepare: Callable | None = None
    files: Callable | None = None  # row -> [(storage key, file name)]: the export's files/<kind>/
    confidential: Callable | None = None  # row -> True: company-confidential (not for others)
    dump: Callable | None = None  # (row, ExportContext) -> dict; default: `fields` by value

    @property
    def personal(self):
        return True


@dataclass(frozen=True)
class NoPersonalData:
    model: type
    reason: str

    @property
    def personal(self):
        return False


_declared = {}


def declare(declaration):
    """Register a model's declaration (once per model)."""
    model = declaration.model
    if model in _declared and _declared[model] is not declaration:
        raise ValueError(f"{model.__name__} is declared twice in the privacy registry")
    _declared[model] = declaration
    return declaration


def forget(model):
    """Take a declaration out again (tests that add a model of their own)."""
    _declared.pop(model, None)


_loaded = False


def _load():
    """Import every module of app/privacy/declarations/: a domain takes part by existing."""
    global _loaded
    if _loaded:
        return
    from app.privacy import declarations as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        importlib.import_module(f"{package.__name__}.{info.name}")
    _loaded = True


def declarations():
    """Every declaration: app.models' models in foreign-key order, then any others (tests)."""
    from app.models import ALL_MODELS

    _load()
    order = {model: n for n, model in enumerate(ALL_MODELS)}
    return sorted(_declared.values(), key=lambda d: order.get(d.model, len(order)))


def declaration_of(model):
    _load()
    return _declared.get(model)


def personal():
    """The declarations of models holding personal data, parents before children."""
    return [d for d in declarations() if d.personal]


def retention_rules():
    return [rule for d in personal() for rule in d.retention]


def rule_names():
    return {rule.name for rule in retention_rules()}


# --- helpers for declarations ----------------------------------------------------------------


def older_than(model, column, where=None):
    """A Retention.apply that deletes `model` rows whose `column` lies before the cutoff."""

    def apply(batch):
        key = model._meta.primary_key
        due = model.select(key).where(column < batch.cutoff)
        if where is not None:
            due = due.where(where())
        due = due.order_by(key).limit(batch.size)
        return model.delete().where(key.in_(due)).execute()

    return apply


def placement_record(
    model, kind, fields, seen_by, whose="the student", files=None, confidential=None, **extra
):
    """The declaration most record kinds need (photos, STARRTs, notes, messages): the rows of
    the subject's placements, erased with them (their files too), kept as long as the student's
    dossier. The Placement declaration already tells every phone that saw the placement to drop
    its copies when its student is erased."""

    def rows(subject):
        from app.models import Placement

        mine = Placement.select(Placement.id).where(Placement.student == subject.id)
        return model.select().where(model.placement.in_(mine)).order_by(model._meta.primary_key)

    def erase(ctx):
        doomed = rows(ctx.subject)
        if files is not None:
            for row in doomed:
                ctx.delete_files(key for key, _ in files(row))
        key = model._meta.primary_key
        model.delete().where(key.in_(doomed.select(key))).execute()

    extra.setdefault("follows", "student_dossier")
    return PersonalData(
        model=model,
        kind=kind,
        whose=whose,
        fields=tuple(fields),
        seen_by=tuple(seen_by),
        rows=rows,
        erase=erase,
        files=files,
        confidential=confidential,
        **extra,
    )
