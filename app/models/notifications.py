"""Reminders and notifications: where to reach someone, what they want, and what was sent."""

import peewee

from app.models.base import BaseModel, utcnow
from app.models.logbook import Week
from app.models.users import User

# Kinds of notification, each with its own choice of immediately / digest / off.
KIND_NO_ENTRY = "no_entry"  # a working day ends with nothing logged (student)
KIND_SUBMIT_WEEK = "submit_week"  # Friday: hand in the week (student)
KIND_DIGEST = "trainer_digest"  # Monday: the weeks waiting (praktijkopleider)
KIND_ESCALATION = "escalation"  # a week left undecided too long (docent)
KIND_WEEK_REJECTED = "week_rejected"  # at once (student)
KIND_MESSAGE = "message"  # conversations (#10): at once, a new message (its participants)
KIND_GUIDANCE = "guidance_question"  # conversations (#10): at once, a new question (docent)
KINDS = (
    KIND_NO_ENTRY,
    KIND_SUBMIT_WEEK,
    KIND_DIGEST,
    KIND_ESCALATION,
    KIND_WEEK_REJECTED,
    KIND_MESSAGE,
    KIND_GUIDANCE,
)
MODES = ("immediate", "digest", "off")

# Delivery states: written before anything is sent, so a reminder goes out at most once.
PENDING, SENDING, SENT, FAILED, SKIPPED = "pending", "sending", "sent", "failed", "skipped"


class PushSubscription(BaseModel):
    """One browser push subscription per device of a user (the phone makes the device id)."""

    user = peewee.ForeignKeyField(User, on_delete="CASCADE", backref="+")
    device_id = peewee.UUIDField()
    endpoint = peewee.CharField(max_length=1000)
    p256dh = peewee.CharField(max_length=200)
    auth = peewee.CharField(max_length=100)
    created_at = peewee.DateTimeField(default=utcnow)
    updated_at = peewee.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("user", "device_id"), True), (("endpoint",), False))


class NotificationSettings(BaseModel):
    """A user's quiet hours (local time) and whether email may stand in for push."""

    user = peewee.ForeignKeyField(User, on_delete="CASCADE", unique=True, backref="+")
    quiet_start = peewee.TimeField(null=True)  # null: the app's default (21:00)
    quiet_end = peewee.TimeField(null=True)  # null: the app's default (07:30)
    email_fallback = peewee.BooleanField(default=True)
    digest_by_email = peewee.BooleanField(default=False)
    # Conversations (#10): whether a message's notification shows its first words.
    message_preview = peewee.BooleanField(default=False)


class NotificationPreference(BaseModel):
    """Per kind: immediately, in a daily digest, or off. No row: the kind's default."""

    user = peewee.ForeignKeyField(User, on_delete="CASCADE", backref="+")
    kind = peewee.CharField(max_length=40)
    mode = peewee.CharField(max_length=10)

    class Meta:
        indexes = ((("user", "kind"), True),)


class Delivery(BaseModel):
    """One reminder to one user for one period (a day, a week, a decision), written before
    it is sent. The unique (user, kind, period) is what makes "at most once" hold across
    scheduler processes and restarts."""

    user = peewee.ForeignKeyField(User, on_delete="CASCADE", backref="+")
    kind = peewee.CharField(max_length=40)
    period = peewee.CharField(max_length=60)
    title = peewee.CharField(max_length=200)
    body = peewee.TextField()
    navigate = peewee.CharField(max_length=300)
    ttl_seconds = peewee.IntegerField()
    urgency = peewee.CharField(max_length=10, default="normal")
    state = peewee.CharField(max_length=10, default=PENDING)
    channel = peewee.CharField(max_length=10, default="")
    attempts = peewee.IntegerField(default=0)
    not_before = peewee.DateTimeField(default=utcnow)  # deferred past quiet hours, or backoff
    expires_at = peewee.DateTimeField()  # no longer useful after this: skipped
    created_at = peewee.DateTimeField(default=utcnow)
    sent_at = peewee.DateTimeField(null=True)
    claimed_at = peewee.DateTimeField(null=True)
    claimed_by = peewee.CharField(max_length=32, null=True)  # the delivery pass that has it

    class Meta:
        indexes = ((("user", "kind", "period"), True), (("state", "not_before"), False))


class ApprovalToken(BaseModel):
    """A one-tap approval link: exactly one decision on one week version by one trainer.

    Only the token's SHA-256 is stored; the link dies when used, when it expires, when the week
    changes (version) or when the trainer loses the placement.
    """

    token_hash = peewee.CharField(max_length=64, unique=True)
    week = peewee.ForeignKeyField(Week, on_delete="CASCADE", backref="+")
    week_version = peewee.IntegerField()
    trainer = peewee.ForeignKeyField(User, on_delete="CASCADE", backref="+")
    expires_at = peewee.DateTimeField()
    used_at = peewee.DateTimeField(null=True)
    created_at = peewee.DateTimeField(default=utcnow, index=True)
