"""What makes sync safe: the change counter, replay records, "no longer visible" notices."""

from app.models import Counter, IdempotencyRecord, Revocation
from app.privacy.registry import (
    AFTER_CREATION,
    NoPersonalData,
    PersonalData,
    Retention,
    declare,
    older_than,
)

declare(NoPersonalData(Counter, "A named sequence number (the changes feed's order)."))


declare(
    PersonalData(
        IdempotencyRecord,
        kind="sync_replays",
        whose="the user whose phone sent the operation",
        fields=("key", "status_code", "body", "created_at"),
        withheld={
            "id": "A row number: technical.",
            "user": "Always the person the export is about.",
            "fingerprint": "A digest of the request, only for telling repeats apart.",
        },
        seen_by=(),
        rows=lambda subject: (
            IdempotencyRecord.select()
            .where(IdempotencyRecord.user == subject.id)
            .order_by(IdempotencyRecord.created_at)
        ),
        erase=lambda ctx: (
            IdempotencyRecord.delete().where(IdempotencyRecord.user == ctx.subject.id).execute()
        ),
        retention=(
            Retention(
                "idempotency_records",
                days=30,
                after=AFTER_CREATION,
                reason="A copy of the answer to each operation a phone sent, so a repeat after "
                "a lost answer is applied once: a phone's outbox retries for days at most, a "
                "month covers a phone left in a locker.",
                apply=older_than(IdempotencyRecord, IdempotencyRecord.created_at),
            ),
        ),
    )
)


declare(
    PersonalData(
        Revocation,
        kind="sync_revocations",
        whose="the user who lost sight of a record",
        fields=("kind", "record_id", "granted", "created_at"),
        withheld={
            "id": "A row number: technical.",
            "user": "Always the person the export is about.",
            "change_seq": "The changes feed's order: technical.",
        },
        seen_by=(),
        rows=lambda subject: (
            Revocation.select().where(Revocation.user == subject.id).order_by(Revocation.id)
        ),
        erase=lambda ctx: Revocation.delete().where(Revocation.user == ctx.subject.id).execute(),
        retention=(
            Retention(
                "revocations",
                days=400,
                after=AFTER_CREATION,
                reason="A phone offline longer than a placement lasts (placements run up to "
                "about a year) still learns what it may no longer see; past that, its next "
                "login starts afresh anyway.",
                apply=older_than(Revocation, Revocation.created_at),
            ),
        ),
    )
)
