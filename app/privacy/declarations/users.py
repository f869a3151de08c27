"""Accounts, failed logins and the audit log."""

from peewee import fn

from app.models import AuditEvent, LoginFailure, Placement, User
from app.models.users import COORDINATOR, STUDENT, TEACHER, TRAINER
from app.privacy.registry import (
    AFTER_CREATION,
    AFTER_EVENT,
    AFTER_PLACEMENT_END,
    SELF,
    PersonalData,
    Retention,
    declare,
    older_than,
)


def _students_due(batch, ended):
    return User.select(User.id).where(
        (User.role == STUDENT) & (User.anonymous == False) & ended  # noqa: E712
    )


def _placements_ended(batch):
    last_ended = (
        Placement.select(Placement.student)
        .group_by(Placement.student)
        .having(fn.MAX(Placement.end_date) < batch.cutoff_date)
    )
    return User.id.in_(last_ended)


def _never_placed(batch):
    return (User.created_at < batch.cutoff) & User.id.not_in(Placement.select(Placement.student))


def _erase_due(condition):
    def apply(batch):
        due = _students_due(batch, condition(batch))
        erased = 0
        for (user_id,) in due.order_by(User.id).limit(batch.size).tuples():
            erased += batch.erase_user(user_id, still_due=lambda: due)
        return erased

    return apply


def _erase_account(ctx):
    User.delete().where(User.id == ctx.subject.id).execute()


declare(
    PersonalData(
        User,
        kind="account",
        whose="the user",
        fields=(
            "id",
            "name",
            "email",
            "role",
            "institution",
            "company",
            "locale",
            "phone",
            "active",
            "created_at",
        ),
        withheld={
            "password_hash": "A one-way hash of the password: a security secret, of no use to "
            "anyone as data.",
            "session_version": "A counter that ends old sessions: technical.",
            "anonymous": "Always false for a real person (true only for the stand-in).",
        },
        # The name is seen by the people of the user's placements. A student's e-mail address
        # only by the student (and the school's administrators, outside the app); a trainer's or
        # docent's work e-mail and phone by the people of their placements, so that a student
        # can reach them (the BPV guide asks for exactly that).
        seen_by=(SELF, TRAINER, TEACHER, COORDINATOR),
        rows=lambda subject: User.select().where(User.id == subject.id),
        erase=_erase_account,
        retention=(
            Retention(
                "student_dossier",
                days=730,
                after=AFTER_PLACEMENT_END,
                reason="A student's dossier (account, hours, weeks, requests) stays two years "
                "after the end of their last placement: long enough for an appeal, a redone "
                "placement or the examination board's check during the rest of the programme, "
                "and the usual term for MBO student files after leaving. Approved hours are "
                "then kept anonymised (anonymised_placements).",
                apply=_erase_due(_placements_ended),
                batch=10,
            ),
            Retention(
                "unplaced_students",
                days=365,
                after=AFTER_CREATION,
                reason="A student account that never got a placement is erased a year after it "
                "was made: a school year is enough to place someone.",
                apply=_erase_due(_never_placed),
                batch=10,
            ),
        ),
    )
)


declare(
    PersonalData(
        LoginFailure,
        kind="login_failures",
        whose="whoever owns the e-mail address tried, and the address the attempt came from",
        fields=("email", "address", "at"),
        seen_by=(),
        rows=lambda subject: LoginFailure.select().where(LoginFailure.email == subject.email),
        erase=lambda ctx: (
            LoginFailure.delete().where(LoginFailure.email == ctx.subject.email).execute()
        ),
        retention=(
            Retention(
                "login_failures",
                days=1,
                after=AFTER_EVENT,
                reason="Failed logins only count within the throttling windows (the longest, "
                "for one account from anywhere, is a day: LOGIN_ACCOUNT_WINDOW).",
                apply=older_than(LoginFailure, LoginFailure.at),
            ),
        ),
    )
)


def _erase_audit(ctx):
    # The events stay (they record that something happened), no longer saying by whom.
    AuditEvent.update(user=None).where(AuditEvent.user == ctx.subject.id).execute()


declare(
    PersonalData(
        AuditEvent,
        kind="audit_events",
        whose="the user who acted, or whose data was acted on",
        # Who acted: the person themself, or someone who acted on their data (made a copy of it).
        fields=("at", "user", "action", "subject"),
        withheld={
            "id": "A row number: technical.",
            "institution": "Always the person's school.",
        },
        seen_by=(COORDINATOR,),
        rows=lambda subject: (
            AuditEvent.select()
            .where((AuditEvent.user == subject.id) | (AuditEvent.subject == f"user:{subject.id}"))
            .order_by(AuditEvent.at, AuditEvent.id)
        ),
        erase=_erase_audit,
        retention=(
            Retention(
                "audit_events",
                days=365,
                after=AFTER_EVENT,
                reason="A year of logins, decisions, exports and erasures: long enough to look "
                "into an incident or a complaint about the past school year, no longer than "
                "that purpose needs.",
                apply=older_than(AuditEvent, AuditEvent.at),
            ),
        ),
    )
)
