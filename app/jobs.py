"""The scheduler's jobs: each runs in an app context and calls services, nothing else."""

from app.privacy import export, retention
from app.services import delivery, reminders


def no_entry_reminders():
    return reminders.no_entry_reminders()


def submit_week_reminders():
    return reminders.submit_week_reminders()


def trainer_digests():
    return reminders.trainer_digests()


def escalations():
    return reminders.escalations()


def deliver_due():
    return delivery.deliver_due()


def apply_retention():
    """Every retention rule of the privacy registry (docs/PRIVACY.md)."""
    return retention.run()


def run_exports():
    """The large copies of people's data that wait in the queue."""
    return export.process_queued()
