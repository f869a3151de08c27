"""The demo school's evidence (issue 9): werkproces tags on the logbook lines, STARRTs in every
state, learning goals and moments, and notes of every visibility, for the demo student above
all (app/demo.py calls `seed_evidence` after the logbooks are in).

Tags follow what a line says: each demo task (app/demo.py SD_TASKS / VIG_TASKS) belongs to the
werkprocessen of its KD (app/services/kd_data.py); a student tags about two in three of them.
"""

import datetime as dt
import hashlib
import json
import uuid

import peewee

from app.demo_words import SD_TASKS, VIG_TASKS
from app.models import (
    EvidenceLink,
    HourEntry,
    LearningGoal,
    LearningMoment,
    Note,
    Placement,
    Programme,
    Starrt,
    Werkproces,
    WerkprocesTag,
)
from app.models.starrts import PARTS

# Task index in app/demo.py's lists -> werkproces codes.
SD_CODES = [
    ["B1-K2-W1", "B1-K1-W3"], ["B1-K1-W4"], ["B1-K1-W3"], ["B1-K1-W5", "B1-K2-W3"],
    ["B1-K1-W1", "B1-K2-W1"], ["B1-K1-W3"], ["B1-K1-W2", "B1-K1-W4"], ["B1-K1-W3"],
    ["B1-K1-W4"], ["B1-K1-W3"], ["B1-K2-W2"], ["B1-K1-W5"], ["B1-K2-W3", "B1-K1-W3"],
    ["B1-K1-W3"], ["B1-K1-W4", "B1-K1-W5"], ["B1-K1-W3"],
]  # fmt: skip
VIG_CODES = [
    ["B1-K1-W3"], ["B1-K1-W4"], ["B1-K1-W4", "B1-K1-W8"], ["B1-K1-W3"], ["B1-K1-W6"],
    ["B1-K1-W4", "B1-K1-W1"], ["B1-K1-W2"], ["B1-K1-W3"], ["B1-K2-W1"],
    ["B1-K1-W3", "B1-K1-W1"], ["B1-K1-W3"], ["B1-K1-W5"], ["B1-K1-W3"], ["B1-K1-W4"],
]  # fmt: skip
TAG_SHARE = 0.65

# The demo student's STARRTs: (task index, status, rating, title, werkproces, parts).
DEMO_STARRTS = [
    (
        1,
        "rated",
        "G",
        "Unit tests voor de facturatiemodule",
        "B1-K1-W4",
        (
            "Het team van Bitwerf werkt aan het klantportaal; ik zat bij het facturatieteam.",
            "Unit tests schrijven voor de kortingsberekening. Nodig: pytest en de testdatabase.",
            "Eerst de code gelezen, met mijn werkbegeleider de gevallen bedacht en de tests "
            "geschreven. Twee keer om hulp gevraagd bij fixtures.",
            "Alle tests slagen en er kwam een afrondingsfout boven water. Martijn was tevreden.",
            "Ik begon te snel met typen. Volgende keer schrijf ik eerst de gevallen op papier.",
            "Testen schrijven kan ik bij elk softwarebedrijf gebruiken, ook in een andere taal.",
        ),
    ),
    (
        2,
        "rated",
        "V",
        "REST-endpoint voor afspraken",
        "B1-K1-W3",
        (
            "Klanten moeten in het portaal een afspraak kunnen maken.",
            "Een endpoint bouwen dat afspraken opslaat en controleert op dubbele tijden.",
            "Samen met mijn werkbegeleider het ontwerp besproken en daarna zelf gebouwd.",
            "Het endpoint werkt; de foutmeldingen moesten nog duidelijker volgens Martijn.",
            "Ik vergat eerst de foutgevallen. Die zet ik voortaan als eerste in mijn lijstje.",
            "Een API bouwen komt in bijna elk project terug.",
        ),
    ),
    (
        10,
        "submitted",
        None,
        "Demo aan de klant",
        "B1-K2-W2",
        (
            "Aan het eind van de sprint laten we de klant zien wat er nieuw is.",
            "De nieuwe exportfunctie laten zien en vragen beantwoorden.",
            "Een korte demo voorbereid, geoefend met een collega en gegeven.",
            "De klant was blij en had twee nieuwe wensen; die staan nu in Jira.",
            "Ik was zenuwachtig en praatte snel. Volgende keer neem ik meer pauzes.",
            "Presenteren moet ik ook op school en later bij elke baan.",
        ),
    ),
    (
        3,
        "draft",
        None,
        "Code review van een collega",
        "B1-K1-W5",
        (
            "Een collega vroeg mij zijn pull request te bekijken.",
            "",
            "",
            "",
            "",
            "",
        ),
    ),
]
DEMO_GOALS = [
    (
        "Zelfstandig een user story van begin tot eind bouwen",
        "Ik bouw een story zonder hulp, met tests, en hij komt in één keer door de review.",
        False,
    ),
    (
        "Duidelijk vertellen wat ik gedaan heb in de stand-up",
        "Binnen een minuut, en collega's hoeven niets na te vragen.",
        True,
    ),
]
DEMO_MOMENTS = [
    (
        1,
        "Een bug vind je sneller met een test die hem laat zien.",
        0,
        "feedback",
        {
            "feedback": "Ik zocht eerst lang in de code zelf.",
            "feedforward": "Eerst een test schrijven die faalt, dan pas zoeken.",
        },
        ["B1-K1-W4"],
    ),
    (
        3,
        "Stand-up: eerst zeggen wat af is, dan wat ik ga doen.",
        1,
        "starr",
        {
            "situatie": "Stand-up op maandag",
            "actie": "Kort en in volgorde verteld",
            "reflectie": "Dat ging beter dan vorige week",
        },
        ["B1-K2-W1"],
    ),
    (
        6,
        "Vragen stellen in de review is niet dom.",
        None,
        "korthagen",
        {
            "handelen": "Ik durfde niets te zeggen bij de review.",
            "bewustwording": "Ik was bang dat mijn vraag dom was.",
            "uitproberen": "Volgende review stel ik één vraag.",
        },
        ["B1-K2-W3"],
    ),
]
DEMO_NOTES = [
    (
        "self",
        "Vragen voor het gesprek met mijn docent: mag mijn eindpresentatie over de "
        "facturatiemodule gaan?",
    ),
    (
        "docent",
        "Ik vind het lastig om hulp te vragen als iedereen druk is. Kunnen we het daar "
        "in het gesprek over hebben?",
    ),
    (
        "all",
        "Vrijdag over twee weken ben ik 's ochtends naar de tandarts; afgesproken met Martijn.",
    ),
]


def seed_evidence(rng, now, demo_email, users, placements, trainers, seqs_for):
    """Insert the evidence. `users`: email -> id; `placements`: email -> placement id;
    `trainers`: placement id -> trainer id; `seqs_for(n)`: n change sequence numbers."""
    entries = list(
        HourEntry.select(HourEntry.id, HourEntry.placement, HourEntry.description)
        .where(HourEntry.placement.in_(list(placements.values())))
        .order_by(HourEntry.date, HourEntry.start_time)
    )
    crebo_of = dict(Placement.select(Placement.id, Programme.crebo).join(Programme).tuples())
    demo_pid = placements[demo_email]
    rows = _demo_records(rng, now, demo_pid, users[demo_email], trainers[demo_pid], entries)
    # Two more students of the demo trainer hand in a STARRT each: something to rate.
    others = [e for e, pid in placements.items() if trainers[pid] == trainers[demo_pid]]
    for email in [e for e in others if e != demo_email][:2]:
        pid = placements[email]
        row = _starrt(rng, now, pid, users[email], None, DEMO_STARRTS[2], "submitted", None)
        rows["starrt"].append(row)
        rows["tags"].append((pid, "starrt", row["id"], "B1-K2-W2"))
    tags = _tags(rng, entries, crebo_of) + rows.pop("tags")
    links = rows.pop("links")
    seqs = seqs_for(sum(len(v) for v in rows.values()))
    models = {"starrt": Starrt, "goal": LearningGoal, "moment": LearningMoment, "note": Note}
    for key, model in models.items():
        for row in rows[key]:
            row["change_seq"] = next(seqs)
        for batch in peewee.chunked(rows[key], 100):
            model.insert_many(batch).execute()
    wp_ids = {(wp.crebo, wp.code): wp.id for wp in Werkproces.select()}
    tag_rows = [
        {
            "placement": pid,
            "kind": kind,
            "record_id": rid,
            "werkproces": wp_ids[(crebo_of[pid], code)],
            "created_at": now,
        }
        for pid, kind, rid, code in tags
    ]
    for batch in peewee.chunked(tag_rows, 200):
        WerkprocesTag.insert_many(batch).execute()
    if links:
        EvidenceLink.insert_many(links).execute()
    return {"tags": len(tag_rows), "starrts": len(rows["starrt"])}


def _task_codes(crebo, description):
    tasks, codes = (SD_TASKS, SD_CODES) if crebo == "25998" else (VIG_TASKS, VIG_CODES)
    return codes[tasks.index(description)] if description in tasks else []


def _tags(rng, entries, crebo_of):
    tags = []
    for e in entries:
        found = _task_codes(crebo_of[e.placement_id], e.description)
        if found and rng.random() < TAG_SHARE:
            tags += [(e.placement_id, "entry", e.id, c) for c in found]
    return tags


def _record(rng, student, created):
    record_id = uuid.UUID(int=rng.getrandbits(128), version=4)
    return {
        "id": record_id,
        "created_by": student,
        "create_fingerprint": hashlib.sha256(f"demo:{record_id}".encode()).hexdigest(),
        "created_at": created,
        "updated_at": created,
        "version": 1,
    }


def _starrt(rng, now, pid, student, trainer, spec, status, rating):
    _, _, _, title, _, parts = spec
    created = now - dt.timedelta(days=rng.randrange(10, 30), hours=rng.randrange(1, 8))
    row = {
        **_record(rng, student, created),
        "placement": pid,
        "title": title,
        "status": status,
        **dict(zip(PARTS, parts, strict=True)),
        "submitted_at": None,
        "rating": None,
        "rating_remark": "",
        "rating_initials": "",
        "rated_by": None,
        "rated_at": None,
    }
    if status != "draft":
        row["submitted_at"] = created + dt.timedelta(days=1)
        row["version"] = 2
    if status == "rated":
        row.update(
            rating=rating,
            rating_initials="MB",
            rated_by=trainer,
            version=3,
            rating_remark="Goed beschreven." if rating == "G" else "Prima, let op details.",
            rated_at=created + dt.timedelta(days=3),
        )
    row["updated_at"] = row.get("rated_at") or row.get("submitted_at") or created
    return row


def _demo_records(rng, now, pid, student, trainer, entries):
    mine = [e for e in entries if e.placement_id == pid]
    rows = {"starrt": [], "goal": [], "moment": [], "note": [], "tags": [], "links": []}
    for spec in DEMO_STARRTS:
        task, status, rating, _, code, _ = spec
        row = _starrt(rng, now, pid, student, trainer, spec, status, rating)
        rows["starrt"].append(row)
        rows["tags"].append((pid, "starrt", row["id"], code))
        shown = [e for e in mine if e.description == SD_TASKS[task]][:2]
        rows["links"] += [
            {
                "placement": pid,
                "from_kind": "starrt",
                "from_id": row["id"],
                "to_kind": "entry",
                "to_id": e.id,
                "position": n,
                "created_at": row["created_at"],
            }
            for n, e in enumerate(shown)
        ]
    for title, criteria, reached in DEMO_GOALS:
        created = now - dt.timedelta(days=rng.randrange(40, 60))
        rows["goal"].append(
            {
                **_record(rng, student, created),
                "placement": pid,
                "title": title,
                "criteria": criteria,
                "reached_at": now - dt.timedelta(days=5) if reached else None,
            }
        )
    for days_ago, text, goal, model, reflection, wps in DEMO_MOMENTS:
        created = now - dt.timedelta(days=days_ago)
        row = {
            **_record(rng, student, created),
            "placement": pid,
            "date": created.date(),
            "text": text,
            "goal": rows["goal"][goal]["id"] if goal is not None else None,
            "reflection_model": model,
            "reflection": json.dumps(reflection, sort_keys=True, ensure_ascii=False),
        }
        rows["moment"].append(row)
        rows["tags"] += [(pid, "learning_moment", row["id"], c) for c in wps]
    for n, (visibility, text) in enumerate(DEMO_NOTES):
        created = now - dt.timedelta(days=3 * n + 1)
        rows["note"].append(
            {
                **_record(rng, student, created),
                "placement": pid,
                "text": text,
                "visibility": visibility,
            }
        )
    return rows
