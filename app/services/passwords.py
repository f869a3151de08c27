"""Password hashing with argon2id (argon2-cffi's defaults: RFC 9106 low-memory profile)."""

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


# A real hash of a throwaway password, verified when the account does not exist so that
# "no such user" costs the same time as "wrong password" and does not leak which emails exist.
@functools.cache
def _dummy_hash():
    return _hasher.hash("stagewijs-timing-equaliser")


def hash_password(password):
    return _hasher.hash(password)


def verify_password(password_hash, password):
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False


def burn_time(password):
    verify_password(_dummy_hash(), password)
    return False
