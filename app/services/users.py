"""Accounts: made by one function that the CLI, the demo and (later) the coordinator's desk
call, so every way in applies the same rules."""

from app.errors import Conflict, RuleViolation
from app.extensions import db
from app.models import Company, Placement, User
from app.models.users import ROLES, TRAINER
from app.services import chat_notify, sync
from app.services.passwords import hash_password

MIN_PASSWORD_LENGTH = 10


def normalise_email(email):
    return email.strip().lower()


def check_password_rules(password, field="password"):
    if len(password) < MIN_PASSWORD_LENGTH:
        raise RuleViolation("password_too_short", field=field, min=MIN_PASSWORD_LENGTH)


def create_user(institution, email, name, role, password, company=None, locale="nl"):
    """A new account; the password is hashed with argon2id. DomainError names the field."""
    email = normalise_email(email)
    local, _, domain = email.partition("@")
    if not local or "." not in domain:
        raise RuleViolation("invalid_email", field="email")
    if not name.strip():
        raise RuleViolation("name_required", field="name")
    if role not in ROLES:
        raise RuleViolation("invalid_role", field="role")
    if role == TRAINER and company is None:
        raise RuleViolation("company_required", field="company")
    if company is not None and company.institution_id != institution.id:
        raise RuleViolation("company_elsewhere", field="company")
    check_password_rules(password)
    with db.atomic():
        if User.select().where(User.email == email).exists():
            raise Conflict("email_taken", field="email")
        return User.create(
            institution=institution,
            email=email,
            name=name.strip(),
            role=role,
            company=company,
            locale=locale,
            password_hash=hash_password(password),
        )


def move_to_company(user, company):
    """A praktijkopleider changes employer: they lose the old company's students at once, and
    their phone drops those copies (changes feed)."""
    if company is not None and not isinstance(company, Company):
        raise TypeError("company must be a Company or None")
    if (company.id if company else None) == user.company_id:
        return user
    with db.atomic():
        lost = [
            pid
            for (pid,) in Placement.select(Placement.id)
            .where((Placement.praktijkopleider == user.id) & (Placement.company == user.company_id))
            .tuples()
        ]
        User.update(company=company).where(User.id == user.id).execute()
        user.company = company
        for placement_id in lost:
            sync.revoke([user.id], sync.PLACEMENT_SCOPE, placement_id)
            chat_notify.skip_pending([user.id], placement_id)
        if company is not None:  # placements at the new company this trainer already had
            gained = Placement.select(Placement.id).where(
                (Placement.praktijkopleider == user.id) & (Placement.company == company.id)
            )
            for (placement_id,) in gained.tuples():
                sync.grant([user.id], placement_id)
    return user
