"""Models, split by domain. ALL_MODELS lists every table; app/migrations/ creates them.

ALL_MODELS is found, not written: every model class defined in a module of this package, in
the order their foreign keys need. A new model takes part by existing (and the migration tests
fail until a migration makes its table).
"""

import peewee

from app.models.base import BaseModel, Counter, SyncedModel
from app.models.client_records import ClientRecord
from app.models.conversations import Conversation, GuidanceQuestion, Message, ReadMarker
from app.models.evidence import EvidenceLink, WerkprocesTag  # Evidence (#9)
from app.models.institutions import Company, Institution, Programme
from app.models.learning import LearningGoal, LearningMoment  # Evidence (#9)
from app.models.logbook import ActivityCategory, HourEntry, Week
from app.models.notes import Note  # Evidence (#9)
from app.models.notifications import (
    ApprovalToken,
    Delivery,
    NotificationPreference,
    NotificationSettings,
    PushSubscription,
)
from app.models.photos import Photo
from app.models.placements import Placement
from app.models.privacy import ErasureRequest, ExportJob
from app.models.qualifications import Kerntaak, Werkproces  # Evidence (#9)
from app.models.starrts import Starrt  # Evidence (#9)
from app.models.sync import IdempotencyRecord, Revocation
from app.models.users import AuditEvent, LoginFailure, User

# Bases that hold no table of their own.
ABSTRACT = {BaseModel, SyncedModel, ClientRecord}


def _all_models():
    found, todo = [], [BaseModel]
    while todo:
        model = todo.pop()
        todo += model.__subclasses__()
        if model not in ABSTRACT and model.__module__.startswith(__name__ + "."):
            found.append(model)
    return peewee.sort_models(found)


ALL_MODELS = _all_models()

__all__ = [
    "ALL_MODELS",
    "ActivityCategory",
    "ApprovalToken",
    "Delivery",
    "ErasureRequest",
    "ExportJob",
    "NotificationPreference",
    "NotificationSettings",
    "PushSubscription",
    "AuditEvent",
    "Company",
    "Conversation",
    "GuidanceQuestion",
    "Message",
    "ReadMarker",
    "Counter",
    "HourEntry",
    "IdempotencyRecord",
    "Institution",
    "LoginFailure",
    "Placement",
    "Programme",
    "Revocation",
    "User",
    "Week",
    # Photos (#9)
    "Photo",
    # Evidence (#9)
    "EvidenceLink",
    "Kerntaak",
    "Werkproces",
    "WerkprocesTag",
    "LearningGoal",
    "LearningMoment",
    "Note",
    "Starrt",
]
