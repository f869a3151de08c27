"""The registry holds every model: a new model without a declaration fails here, and so does a
column a declaration does not account for (exported, or withheld with a reason)."""

import pytest
from peewee import AutoField

from app.models import ALL_MODELS
from app.models.users import ROLES
from app.privacy import registry
from app.privacy.registry import ACCOUNT, SELF, TECHNICAL_FIELDS


@pytest.fixture(scope="module")
def declarations():
    return registry.declarations()


def test_every_model_is_in_the_registry(declarations):
    missing = [m.__name__ for m in ALL_MODELS if registry.declaration_of(m) is None]
    assert missing == [], (
        f"{missing}: declare what each holds of whom (app/privacy/declarations/<domain>.py, "
        "PersonalData or NoPersonalData; docs/ADDING_A_RECORD_KIND.md)"
    )


def test_a_model_without_personal_data_says_why(declarations):
    for declaration in declarations:
        if not declaration.personal:
            assert len(declaration.reason) > 20, declaration.model.__name__


def test_every_column_is_exported_or_withheld_with_a_reason(declarations):
    for d in (d for d in declarations if d.personal):
        model = d.model.__name__
        columns = {f.name for f in d.model._meta.sorted_fields}
        accounted = set(d.fields) | set(d.withheld) | set(TECHNICAL_FIELDS)
        if isinstance(d.model._meta.primary_key, AutoField):
            accounted.add("id")
        assert columns - accounted == set(), f"{model}: say whether these are exported"
        assert set(d.fields) - columns == set(), f"{model}: no such fields"
        assert set(d.fields).isdisjoint(d.withheld), model
        assert all(len(why) > 5 for why in d.withheld.values()), model


def test_declarations_are_complete_and_consistent(declarations):
    personal = [d for d in declarations if d.personal]
    kinds = [d.kind for d in personal]
    assert len(kinds) == len(set(kinds)), "each kind has its own file in the export"
    rules = [r.name for r in registry.retention_rules()]
    assert len(rules) == len(set(rules))
    for d in personal:
        name = d.model.__name__
        assert d.whose and callable(d.rows) and callable(d.erase), name
        assert set(d.seen_by) <= {SELF, *ROLES}, name
        # How long: rules of its own, or the rule (or the account) it follows.
        assert d.retention or d.follows, f"{name} must say how long it is kept"
        assert not d.follows or d.follows in set(rules) | {ACCOUNT}, name
        for rule in d.retention:
            assert rule.days >= 0 and rule.batch > 0 and len(rule.reason) > 40, rule.name
            assert rule.after in {
                registry.AFTER_CREATION,
                registry.AFTER_EVENT,
                registry.AFTER_PLACEMENT_END,
                registry.AFTER_DELETION,
                registry.AFTER_DECISION,
                registry.AFTER_EXPIRY,
            }, rule.name


def test_the_old_purge_is_now_three_rules_of_the_registry():
    rules = {r.name: r.days for r in registry.retention_rules()}
    assert (rules["idempotency_records"], rules["login_failures"], rules["revocations"]) == (
        30,
        1,
        400,
    )


def test_docs_list_every_rule_with_its_default():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "PRIVACY.md").read_text()
    for rule in registry.retention_rules():
        days = "1 day" if rule.days == 1 else f"{rule.days} days"
        assert f"| `{rule.name}` | {days}" in text, f"docs/PRIVACY.md: {rule.name}"


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_mijn_gegevens_has_words_for_every_kind_and_rule(locale):
    from app.pwa import _strings

    strings = _strings(locale)
    for d in registry.personal():
        assert f"privacy.kind.{d.kind}" in strings and f"privacy.kind.{d.kind}.what" in strings
    for rule in registry.retention_rules():
        assert f"privacy.rule.{rule.name}" in strings, rule.name
    for who in {w for d in registry.personal() for w in d.seen_by}:
        assert f"privacy.who.{who}" in strings
