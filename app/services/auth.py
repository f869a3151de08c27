"""Logging in and out, and changing passwords.

Throttling is counted in the database (it must hold across workers and restarts) and checked
*before* the password is hashed: argon2id costs ~130 ms, so hashing first would let anyone
burn both cores with wrong passwords.
"""

import math

from flask import current_app

from app.errors import DomainError, RuleViolation, TooManyRequests
from app.extensions import db
from app.models import AuditEvent, LoginFailure, User
from app.models.base import utcnow
from app.services import users
from app.services.passwords import burn_time, hash_password, verify_password


class InvalidCredentials(DomainError):
    status_code = 401
    default_code = "invalid_credentials"


def normalise_email(email):
    return email.strip().lower()


def login(email, password, address):
    email = normalise_email(email)
    _check_throttle(email, address)
    user = User.get_or_none(User.email == email)
    if user is None or not user.active:
        burn_time(password)  # same cost as a wrong password: no hint which emails exist
        _record_failure(email, address)
        raise InvalidCredentials()
    if not verify_password(user.password_hash, password):
        _record_failure(email, address)
        raise InvalidCredentials()
    with db.atomic():
        LoginFailure.delete().where(LoginFailure.email == email).execute()
        AuditEvent.create(user=user.id, action="login")
    return user


def logout(user):
    """End every session of this user, on every device."""
    with db.atomic():
        _bump_session_version(user)
        AuditEvent.create(user=user.id, action="logout")


def change_password(user, current_password, new_password):
    if not verify_password(user.password_hash, current_password):
        raise RuleViolation("wrong_password", field="current_password", status_code=422)
    users.check_password_rules(new_password, field="new_password")
    with db.atomic():
        user.password_hash = hash_password(new_password)
        User.update(password_hash=user.password_hash).where(User.id == user.id).execute()
        _bump_session_version(user)
        AuditEvent.create(user=user.id, action="password_change")


def set_locale(user, locale):
    User.update(locale=locale).where(User.id == user.id).execute()
    user.locale = locale
    return user


def _bump_session_version(user):
    User.update(session_version=User.session_version + 1).where(User.id == user.id).execute()
    user.session_version = User.get_by_id(user.id).session_version


def _check_throttle(email, address):
    window = current_app.config["LOGIN_WINDOW"]
    since = utcnow() - window
    recent = LoginFailure.select().where(LoginFailure.at > since)
    by_account = recent.where(LoginFailure.email == email).count()
    by_address = recent.where(LoginFailure.address == address).count()
    if (
        by_account >= current_app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
        or by_address >= current_app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
    ):
        minutes = math.ceil(window.total_seconds() / 60)
        raise TooManyRequests(minutes=minutes, details={"retry_after": int(window.total_seconds())})


def _record_failure(email, address):
    with db.atomic():
        LoginFailure.create(email=email, address=address)
