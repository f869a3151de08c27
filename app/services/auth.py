"""Logging in and out, and changing passwords.

Throttling is counted in the database (it must hold across workers and restarts) and checked
*before* the password is hashed: argon2id costs ~130 ms, so hashing first would let anyone
burn both cores with wrong passwords. The limits are in app/config.py (LOGIN_*).

Every attempt the limits admit is recorded as a failure *before* its hash is checked, in the
same serialised write transaction as the count, and removed again when the password was right:
so of forty parallel attempts no more than the limit reach a hash. Refused attempts leave no
row, so hammering a refused account does not make its owner wait longer.
"""

import datetime as dt
import math

from flask import current_app

from app.errors import DomainError, RuleViolation, TooManyRequests
from app.extensions import db
from app.models import AuditEvent, Counter, LoginFailure, PushSubscription, User
from app.models.base import utcnow
from app.services import users
from app.services.passwords import burn_time, hash_password, verify_password

ADDRESS_LENGTH = 64  # LoginFailure.address
# The Counter row whose lock queues concurrent attempts on PostgreSQL (see _serialise_attempts).
ATTEMPTS_LOCK = "login_attempts"


class InvalidCredentials(DomainError):
    status_code = 401
    default_code = "invalid_credentials"


def login(email, password, address):
    email = users.normalise_email(email)
    _admit_attempt(email, address)
    user = User.get_or_none(User.email == email)
    if user is None or not user.active:
        burn_time(password)  # same cost as a wrong password: no hint which emails exist
        raise InvalidCredentials()
    if not verify_password(user.password_hash, password):
        raise InvalidCredentials()
    with db.atomic():
        _forget_failures(email, address)
        AuditEvent.create(user=user.id, action="login")
    return user


def logout(user):
    """End every session of this user, on every device."""
    with db.atomic():
        _bump_session_version(user)
        AuditEvent.create(user=user.id, action="logout")


def change_password(user, current_password, new_password, address):
    """The current password is checked like a login (a stolen session must not guess it)."""
    users.check_password_rules(new_password, field="new_password")
    _admit_attempt(user.email, address)
    if not verify_password(user.password_hash, current_password):
        raise RuleViolation("wrong_password", field="current_password", status_code=422)
    new_hash = hash_password(new_password)  # outside the transaction: it holds the write lock
    with db.atomic():
        _forget_failures(user.email, address)
        user.password_hash = new_hash
        User.update(password_hash=new_hash).where(User.id == user.id).execute()
        _bump_session_version(user)
        AuditEvent.create(user=user.id, action="password_change")


def set_locale(user, locale):
    User.update(locale=locale).where(User.id == user.id).execute()
    user.locale = locale
    return user


def _bump_session_version(user):
    # Every session ends, and so do the notifications to every device of it: a lost phone
    # stops getting them. The app sends its subscription again at the next login.
    PushSubscription.delete().where(PushSubscription.user == user.id).execute()
    User.update(session_version=User.session_version + 1).where(User.id == user.id).execute()
    user.session_version = User.get_by_id(user.id).session_version


def _admit_attempt(email, address):
    """Refuse (429) or record this attempt as a failure, atomically; before any hash."""
    address = _address(address)
    with db.atomic():
        _serialise_attempts()
        now = utcnow()  # after the wait for the lock
        refusal = _refusal(email, address, now)
        if refusal is not None:
            raise refusal
        LoginFailure.create(email=email, address=address, at=now)


def _serialise_attempts():
    """One attempt at a time between count and record. On SQLite the transaction's BEGIN
    IMMEDIATE already holds the write lock; on PostgreSQL this UPDATE's row lock, held until
    commit, makes a concurrent attempt wait and then count with this one's row committed."""
    bump = Counter.update(value=Counter.value + 1).where(Counter.name == ATTEMPTS_LOCK)
    if not bump.execute():
        Counter.insert(name=ATTEMPTS_LOCK, value=0).on_conflict_ignore().execute()
        bump.execute()


def _refusal(email, address, now):
    config = current_app.config
    window = config["LOGIN_WINDOW"]
    from_address = LoginFailure.select().where(
        (LoginFailure.address == address) & (LoginFailure.at > now - window)
    )
    retry_after = _lockout(from_address, config["LOGIN_MAX_FAILURES_PER_ADDRESS"], window, now)
    if retry_after is None:
        pair = from_address.where(LoginFailure.email == email)
        limit = config["LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS"]
        retry_after = _lockout(pair, limit, window, now)
    if retry_after:
        return TooManyRequests(
            minutes=math.ceil(retry_after / 60), details={"retry_after": retry_after}
        )
    wait = _account_delay(email, now)
    if wait:
        return TooManyRequests("login_delayed", seconds=wait, details={"retry_after": wait})
    return None


def _lockout(failures, limit, window, now):
    """Seconds until enough of these failures have left the window, or None if under the limit."""
    count = failures.count()
    if count < limit:
        return None
    freeing = failures.order_by(LoginFailure.at).offset(count - limit).limit(1).get()
    return _seconds_until(freeing.at + window, now)


def _account_delay(email, now):
    """The account from every address: after many failures a wait that doubles with each one,
    never a lockout: its owner can always log in after the wait."""
    config = current_app.config
    failures = LoginFailure.select().where(
        (LoginFailure.email == email) & (LoginFailure.at > now - config["LOGIN_ACCOUNT_WINDOW"])
    )
    excess = failures.count() - config["LOGIN_ACCOUNT_DELAY_AFTER"]
    if excess < 0:
        return 0
    delay = min(2 ** min(excess, 30), config["LOGIN_ACCOUNT_MAX_DELAY"].total_seconds())
    latest = failures.order_by(LoginFailure.at.desc()).limit(1).get()
    return _seconds_until(latest.at + dt.timedelta(seconds=delay), now) or 0


def _seconds_until(moment, now):
    seconds = math.ceil((moment - now).total_seconds())
    return seconds if seconds > 0 else None


def _forget_failures(email, address):
    """A right password: this account's failures from this address (this attempt's row among
    them) no longer count. Failures from elsewhere still do, so an attacker gains nothing from
    the owner logging in."""
    LoginFailure.delete().where(
        (LoginFailure.email == email) & (LoginFailure.address == _address(address))
    ).execute()


def _address(address):
    return (address or "")[:ADDRESS_LENGTH]
