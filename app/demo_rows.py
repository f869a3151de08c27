"""The planned demo school (app/demo.py) written in bulk: a few thousand rows, a hundred per
INSERT, with the change sequence numbers taken in one step."""

import datetime as dt
import hashlib
import uuid

import peewee

from app.models import Counter, HourEntry, Placement, User, Week
from app.models.placements import POK_DEFINITIEF
from app.models.users import STUDENT


def insert_users(plan, institution, companies, password_hash):
    rows = [
        {
            "institution": institution.id,
            "email": u["email"],
            "name": u["name"],
            "role": u["role"],
            "company": companies[u["company"]].id if u["company"] is not None else None,
            "password_hash": password_hash,
            # Staff get a (made-up) work number their students can call; students none.
            "phone": "" if u["role"] == STUDENT else f"030 {240 + i:03d} {1000 + 37 * i:04d}",
        }
        for i, u in enumerate(plan.users)
    ]
    for batch in peewee.chunked(rows, 100):
        User.insert_many(batch).execute()
    emails = [u["email"] for u in plan.users]
    return {u.email: u.id for u in User.select(User.id, User.email).where(User.email.in_(emails))}


def insert_placements(plan, users, companies, programmes, seqs):
    rows = [
        {
            "student": users[p["student"]],
            "company": companies[p["company"]].id,
            "praktijkopleider": users[p["trainer"]],
            "docent": users[p["teacher"]],
            "programme": programmes[p["programme"]].id,
            "start_date": p["start_date"],
            "end_date": p["end_date"],
            "required_hours": p["required_hours"],
            "pok_status": POK_DEFINITIEF,
            "change_seq": next(seqs),
        }
        for p in plan.placements
    ]
    for batch in peewee.chunked(rows, 100):
        Placement.insert_many(batch).execute()
    query = Placement.select(Placement.id, Placement.student).where(
        Placement.student.in_(list(users.values()))
    )
    by_student = {p.student_id: p.id for p in query}
    return {email: by_student[users[email]] for email in (p["student"] for p in plan.placements)}


def insert_weeks(plan, users, placements, seqs):
    rows = []
    for w in plan.weeks:
        stamp = w["decided_at"] or w["submitted_at"] or plan.now
        rows.append(
            {
                "placement": placements[w["student"]],
                "monday": w["monday"],
                "status": w["status"],
                "submitted_at": w["submitted_at"],
                "decided_at": w["decided_at"],
                "decided_by": users[w["decided_by"]] if w["decided_by"] else None,
                "comment": w["comment"],
                "version": w["version"],
                "change_seq": next(seqs),
                "created_at": plan._utc(w["monday"], dt.time(9)),
                "updated_at": stamp,
            }
        )
    for batch in peewee.chunked(rows, 100):
        Week.insert_many(batch).execute()
    ids = list(placements.values())
    query = Week.select(Week.id, Week.placement, Week.monday).where(Week.placement.in_(ids))
    return {(w.placement_id, w.monday): w.id for w in query}


def insert_entries(plan, users, placements, weeks, categories, seqs):
    rng = plan.rng
    rows = []
    for e in plan.entries:
        placement = placements[e["student"]]
        start, end = _time(e["start"]), _time(e["end"])
        entry_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        created = plan._utc(e["date"], end) + plan._minutes(1, 180)
        created = min(created, plan.now)
        rows.append(
            {
                "id": entry_id,
                "placement": placement,
                "week": weeks[(placement, e["monday"])],
                "date": e["date"],
                "start_time": start,
                "end_time": end,
                "minutes": _minutes_between(start, end),
                "category": categories[e["code"]],
                "description": e["description"],
                "created_by": users[e["student"]],
                "create_fingerprint": hashlib.sha256(f"demo:{entry_id}".encode()).hexdigest(),
                "change_seq": next(seqs),
                "created_at": created,
                "updated_at": created,
            }
        )
    for batch in peewee.chunked(rows, 100):
        HourEntry.insert_many(batch).execute()


def reserve_change_seqs(count):
    """Take `count` numbers of the change sequence at once (one UPDATE instead of one per row)."""
    Counter.insert(name="changes", value=0).on_conflict_ignore().execute()
    query = (
        Counter.update(value=Counter.value + count)
        .where(Counter.name == "changes")
        .returning(Counter.value)
    )
    top = list(query.execute())[0].value
    return iter(range(top - count + 1, top + 1))


def _time(text):
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def _minutes_between(start, end):
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
