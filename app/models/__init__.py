"""Models, split by domain. ALL_MODELS is the creation order for create_tables()."""

from app.models.base import Counter
from app.models.institutions import Company, Institution, Programme
from app.models.logbook import ActivityCategory, HourEntry, Week
from app.models.placements import Placement
from app.models.sync import IdempotencyRecord
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
]

__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS"]
