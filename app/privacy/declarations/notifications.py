"""Reminders: where to reach someone, what they want, what was sent, one-tap approval links."""

from app.models import (
    ApprovalToken,
    Delivery,
    NotificationPreference,
    NotificationSettings,
    PushSubscription,
    Week,
)
from app.privacy.registry import (
    ACCOUNT,
    AFTER_CREATION,
    AFTER_EXPIRY,
    SELF,
    PersonalData,
    Retention,
    declare,
    older_than,
)


def _of_user(model, order=None):
    """rows and erase for a model whose rows all belong to one user (its `user` field)."""

    def rows(subject):
        return model.select().where(model.user == subject.id).order_by(order or model.id)

    def erase(ctx):
        model.delete().where(model.user == ctx.subject.id).execute()

    return {"rows": rows, "erase": erase}


declare(
    PersonalData(
        PushSubscription,
        kind="push_subscriptions",
        whose="the user (one per device)",
        fields=("device_id", "endpoint", "created_at", "updated_at"),
        withheld={
            "id": "A row number: technical.",
            "user": "Always the person the export is about.",
            "p256dh": "The browser's encryption key for messages: a security secret.",
            "auth": "The browser's authentication secret: a security secret.",
        },
        seen_by=(),
        follows=ACCOUNT,
        **_of_user(PushSubscription),
    )
)

declare(
    PersonalData(
        NotificationSettings,
        kind="notification_settings",
        whose="the user",
        fields=(
            "quiet_start",
            "quiet_end",
            "email_fallback",
            "digest_by_email",
            "message_preview",
        ),
        withheld={"id": "A row number.", "user": "Always the person the export is about."},
        seen_by=(SELF,),
        follows=ACCOUNT,
        **_of_user(NotificationSettings),
    )
)

declare(
    PersonalData(
        NotificationPreference,
        kind="notification_preferences",
        whose="the user",
        fields=("kind", "mode"),
        withheld={"id": "A row number.", "user": "Always the person the export is about."},
        seen_by=(SELF,),
        follows=ACCOUNT,
        **_of_user(NotificationPreference),
    )
)

declare(
    PersonalData(
        Delivery,
        kind="deliveries",
        whose="the user it was sent to",
        fields=(
            "kind",
            "period",
            "title",
            "body",
            "navigate",
            "state",
            "channel",
            "created_at",
            "sent_at",
            "expires_at",
        ),
        withheld={
            "id": "A row number.",
            "user": "Always the person the export is about.",
            "ttl_seconds": "How long the push service may hold it: technical.",
            "urgency": "A hint for the push service: technical.",
            "attempts": "How often sending was tried: technical.",
            "not_before": "When it may go out: technical.",
            "claimed_at": "When a sender took it: technical.",
            "claimed_by": "Which sender took it: technical.",
        },
        seen_by=(SELF,),
        retention=(
            Retention(
                "deliveries",
                days=90,
                after=AFTER_CREATION,
                reason="A reminder row makes 'at most once' hold for its day or week; three "
                "months leave room to answer 'why did I get this?'.",
                apply=older_than(Delivery, Delivery.created_at),
            ),
        ),
        **_of_user(Delivery, order=Delivery.created_at),
    )
)


def _token_rows(subject):
    return (
        ApprovalToken.select()
        .where(ApprovalToken.trainer == subject.id)
        .order_by(ApprovalToken.created_at)
    )


def _erase_tokens(ctx):
    ApprovalToken.delete().where(ApprovalToken.trainer == ctx.subject.id).execute()
    if ctx.placements:
        weeks = Week.select(Week.id).where(Week.placement.in_(ctx.placements))
        ApprovalToken.delete().where(ApprovalToken.week.in_(weeks)).execute()


declare(
    PersonalData(
        ApprovalToken,
        kind="approval_links",
        whose="the praktijkopleider the link was made for",
        fields=("week", "week_version", "created_at", "expires_at", "used_at"),
        withheld={
            "id": "A row number.",
            "trainer": "Always the person the export is about.",
            "token_hash": "A digest of the link's secret: a security secret.",
        },
        seen_by=(SELF,),
        rows=_token_rows,
        erase=_erase_tokens,
        retention=(
            Retention(
                "approval_links",
                days=30,
                after=AFTER_EXPIRY,
                reason="A one-tap approval link is dead once it expires; a month after that "
                "it can no longer explain anything.",
                apply=older_than(ApprovalToken, ApprovalToken.expires_at),
            ),
        ),
    )
)
