"""What the dashboard's API tests share: a frozen Wednesday, and a class's logbooks, weeks,
STARRTs and conversations made through the services, as phones would."""

import datetime as dt
import uuid

from app.models import Week
from app.services import entries as entry_service
from app.services import weeks as week_service

NOW = "2026-11-18T10:00:00+01:00"  # Wednesday
TODAY = dt.date(2026, 11, 18)


def ago(days):
    moment = dt.datetime.fromisoformat(NOW) - dt.timedelta(days=days)
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def log(placement, *days, hours=3.5):
    end = dt.time(8 + int(hours), int(hours % 1 * 60))
    for day in days:
        data = {
            "id": uuid.uuid4(),
            "date": day,
            "start_time": dt.time(8, 0),
            "end_time": end,
            "category": 1,
            "description": "Werk",
        }
        entry_service.create_entry(placement.student, placement.id, data)


def submit(placement, label, submitted_at=None):
    week_service.transition(placement.student, placement.id, label, "submit")
    if submitted_at is not None:
        monday = week_service.parse_week(label)
        Week.update(submitted_at=submitted_at).where(
            (Week.placement == placement.id) & (Week.monday == monday)
        ).execute()


def hand_in_starrt(placement):
    from app.services import starrts

    parts = ("situatie", "taak", "actie", "resultaat", "reflectie", "transfer")
    data = {"id": uuid.uuid4(), "title": "Deeg maken", **{p: f"Over {p}" for p in parts}}
    data["werkprocessen"] = ["B1-K1-W1"]
    starrt, _ = starrts.create_starrt(placement.student, placement.id, data)
    starrts.submit_starrt(placement.student, starrt.id, starrt.version)


D = dt.date
EIGHT_WEEKS = {"start_date": TODAY - dt.timedelta(weeks=8), "required_hours": 10}
THREE_WEEKS = {"start_date": TODAY - dt.timedelta(weeks=3), "required_hours": 10}
# 30 working days from 2 November to 11 December; 12 passed by yesterday: 96 of 240 hours.
PACE = {"start_date": D(2026, 11, 2), "end_date": D(2026, 12, 11), "required_hours": 240}


def say(author, placement, line, text, days_ago, question=None):
    from app.models import Message
    from app.services import messages

    data = {"id": uuid.uuid4(), "body": text, "item": None, "question_id": question}
    message, _ = messages.send(author, placement.id, line, data)
    Message.update(created_at=ago(days_ago)).where(Message.id == message.id).execute()
    return message


def ask(placement, days_ago):
    from app.models import GuidanceQuestion, HourEntry
    from app.services import guidance

    entry = HourEntry.get(HourEntry.placement == placement.id)
    data = {
        "id": uuid.uuid4(),
        "question": "Hoe pak ik mijn STARRT aan?",
        "answer_mode": "written",
        "items": [{"kind": "entry", "id": str(entry.id)}],
    }
    question, _ = guidance.ask(placement.student, placement.id, data)
    GuidanceQuestion.update(created_at=ago(days_ago)).where(
        GuidanceQuestion.id == question.id
    ).execute()
    return question
