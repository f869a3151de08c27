"""Accounts are made by one service, with the same rules for the CLI and the API."""

import pytest

from app.errors import DomainError
from app.models.users import STUDENT, TRAINER
from app.services.users import create_user
from tests.conftest import module_app

shared_app, app = module_app("users")
GOOD = "lang-genoeg-wachtwoord"


@pytest.mark.parametrize(
    "email, role, password, with_company, field, code",
    [
        ("geen-at", STUDENT, GOOD, False, "email", "invalid_email"),
        ("a@localhost", STUDENT, GOOD, False, "email", "invalid_email"),
        ("a@school.nl", "rector", GOOD, False, "role", "invalid_role"),
        ("a@school.nl", TRAINER, GOOD, False, "company", "company_required"),
        ("a@school.nl", STUDENT, "123456789", False, "password", "password_too_short"),
    ],
)
def test_create_user_refuses(app, institution, email, role, password, with_company, field, code):
    with pytest.raises(DomainError) as refused:
        create_user(institution, email, "A. Jansen", role, password)
    assert (refused.value.field, refused.value.code) == (field, code)


def test_create_user_stores_a_lower_case_email_and_refuses_a_second(app, institution):
    user = create_user(institution, " A.Jansen@School.NL ", "A. Jansen", STUDENT, GOOD)
    assert user.email == "a.jansen@school.nl" and user.password_hash.startswith("$argon2id$")
    with pytest.raises(DomainError) as refused:
        create_user(institution, "a.jansen@school.nl", "Ander", STUDENT, GOOD)
    assert refused.value.code == "email_taken"


def test_a_company_of_another_school_is_refused(app, institution, make_institution, make_company):
    elsewhere = make_company(inst=make_institution())
    with pytest.raises(DomainError) as refused:
        create_user(institution, "p@bedrijf.nl", "P", TRAINER, GOOD, company=elsewhere)
    assert refused.value.code == "company_elsewhere"
