"""The scheduler's jobs: each runs in an app context and calls services, nothing else."""

from app.services import housekeeping, notifications, reminders


def no_entry_reminders():
    return reminders.no_entry_reminders()


def submit_week_reminders():
    return reminders.submit_week_reminders()


def trainer_digests():
    return reminders.trainer_digests()


def escalations():
    return reminders.escalations()


def deliver_due():
    return notifications.deliver_due()


def purge_expired():
    return housekeeping.purge_expired()
