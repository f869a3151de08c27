"""Models, split by domain. ALL_MODELS lists every table; app/migrations/ creates them."""

from app.models.base import Counter
from app.models.institutions import Company, Institution, Programme
from app.models.logbook import ActivityCategory, HourEntry, Week
from app.models.placements import Placement
from app.models.sync import IdempotencyRecord, Revocation
from app.models.users import AuditEvent, LoginFailure, User

ALL_MODELS = [
    Counter,
    Institution,
    Programme,
    Company,
    User,
    LoginFailure,
    AuditEvent,
    Placement,
    ActivityCategory,
    Week,
    HourEntry,
    IdempotencyRecord,
    Revocation,
]

__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS"]
