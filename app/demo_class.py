"""The demo docent's class, shaped so the dashboard shows every colour for a different reason.

app/demo.py plans the whole school at random (from one seed); this module then re-plans four
of docent@example.nl's students (none of the demo trainer's, whose inbox stays as it is), in
the plan, before anything is inserted:

- the first at Codekade began 3 weeks ago and logged nothing: red, "nog niets geschreven";
- the second began 3 weeks ago, logs every day but never handed a week in: red, "nog niets
  gedeeld", and orange for the weeks not handed in;
- the first at Pixelpolder works Wednesday to Friday only: orange, "uren lopen 40% achter";
- the second at Pixelpolder is up to date: green, and talks with the trainer on the Stage line;
- the third at Codekade wrote on the School line 6 days ago, unanswered: red;
- the fourth at Codekade asked a guidance question yesterday: orange, waiting for an answer;
- the fifth at Codekade has no STARRT after more than 4 weeks: orange (the others who are that
  far handed one in, rated by their trainer, where app/demo_evidence.py gave them none).

The rest of the class keeps its random weeks: the demo trainer's students wait for him (red),
late weeks are orange, the others green. tests/api/test_dashboard.py checks the result.
"""

import datetime as dt
import hashlib
import json
import uuid

from app import clock
from app.models import Conversation, GuidanceQuestion, HourEntry, Message
from app.models.base import next_change_seq
from app.models.conversations import LINE_SCHOOL, LINE_STAGE, QUESTION_OPEN
from app.models.logbook import WEEK_OPEN

TEACHER_EMAIL = "docent@example.nl"
CODEKADE, PIXELPOLDER = 1, 2  # indexes in app.demo.COMPANIES
NEW_STARTER_WEEKS = 3
PART_TIME_DAYS_OFF = (0, 1)  # Monday and Tuesday


def shape(plan):
    """Re-plan four students of the demo docent in `plan` (app.demo._Plan)."""
    mine = [p for p in plan.placements if p["teacher"] == TEACHER_EMAIL]
    codekade = [p for p in mine if p["company"] == CODEKADE]
    pixelpolder = [p for p in mine if p["company"] == PIXELPOLDER]
    silent, hidden = codekade[0], codekade[1]
    part_time, on_time = pixelpolder[0], pixelpolder[1]

    this_monday = clock.monday_of(plan.today)
    start = this_monday - dt.timedelta(weeks=NEW_STARTER_WEEKS)

    _forget(plan, silent)
    _restart(silent, start)

    _forget(plan, hidden)
    _restart(hidden, start)
    for i in range(NEW_STARTER_WEEKS + 1):
        monday = start + dt.timedelta(weeks=i)
        plan._plan_week(
            hidden["student"], hidden["trainer"], hidden["programme"], monday, WEEK_OPEN, None
        )

    for placement in (part_time, on_time):
        _forget(plan, placement, keep_placement=False)
        plan._plan_placement(
            placement["student"],
            placement["company"],
            placement["programme"],
            placement["trainer"],
            placement["teacher"],
            "up_to_date",
            demo=False,
        )
    plan.entries = [
        e
        for e in plan.entries
        if not (e["student"] == part_time["student"] and e["date"].weekday() in PART_TIME_DAYS_OFF)
    ]
    plan.dashboard_talk = {
        "school_waiting": codekade[2]["student"],
        "question_waiting": codekade[3]["student"],
        "stage_talk": (on_time["student"], on_time["trainer"]),
        "no_starrt": codekade[4]["student"],
        "class": [p["student"] for p in mine],
    }
    return {"new_starters": 2, "part_time": 1, "on_time": 1}


def converse(plan, users, placements):
    """After the inserts: the conversations the shaped class needs (rows made directly, as the
    demo makes every row: the services would also queue notifications of old news)."""
    talk = plan.dashboard_talk
    now = clock.utcnow()
    email = talk["school_waiting"]
    _line(
        users[email],
        placements[email],
        LINE_SCHOOL,
        [
            (
                users[email],
                "Ik heb een probleem met een collega. Kunnen we praten?",
                now - dt.timedelta(days=6),
            ),
        ],
    )
    student, trainer = talk["stage_talk"]
    _line(
        users[student],
        placements[student],
        LINE_STAGE,
        [
            (
                users[student],
                "Ik ben morgen een uur later, ik moet naar de tandarts.",
                now - dt.timedelta(days=2, hours=3),
            ),
            (
                users[trainer],
                "Prima, schrijf het als dokter/tandarts.",
                now - dt.timedelta(days=2, hours=2),
            ),
        ],
    )
    email = talk["question_waiting"]
    _question(users[email], placements[email], now - dt.timedelta(days=1))
    _starrts(plan, users, placements, now)


# One STARRT of a software developer's work, as the BPV guide's form asks it (bijlage 5).
STARRT = {
    "title": "Een bug in de inlogpagina oplossen",
    "situatie": "Klanten konden soms niet inloggen op het klantportaal. Mijn werkbegeleider vroeg "
    "mij het uit te zoeken.",
    "taak": "Ik moest de fout vinden, oplossen en een test schrijven zodat hij niet terugkomt.",
    "actie": "Ik heb de fout nagespeeld, de logs gelezen en gezien dat de sessie te vroeg "
    "verliep. Ik heb de code aangepast en een unit test geschreven.",
    "resultaat": "De fout is weg. Mijn pull request is na een review goedgekeurd.",
    "reflectie": "Ik zocht eerst te lang zelf. Volgende keer vraag ik eerder om hulp.",
    "transfer": "Bij een nieuwe fout schrijf ik eerst een test die de fout laat zien.",
}


def _starrts(plan, users, placements, now):
    """A handed-in STARRT for every student of the class 4 weeks or more in who has none yet
    (app/demo_evidence.py runs first), but one."""
    from app.models import Placement, Starrt, Werkproces, WerkprocesTag
    from app.models.starrts import STARRT_RATED, STARRT_SUBMITTED

    talk = plan.dashboard_talk
    werkproces = (
        Werkproces.select()
        .where(Werkproces.crebo == "25998")
        .order_by(Werkproces.kd_year.desc(), Werkproces.position)
        .first()
    )
    four_weeks_ago = plan.today - dt.timedelta(weeks=4)
    for n, email in enumerate(talk["class"]):
        placement = Placement.get_by_id(placements[email])
        if email == talk["no_starrt"] or placement.start_date > four_weeks_ago:
            continue
        handed_in = Starrt.select().where(
            (Starrt.placement == placement.id) & Starrt.status.in_((STARRT_SUBMITTED, STARRT_RATED))
        )
        if handed_in.exists():  # app/demo_evidence.py gave them theirs
            continue
        starrt_id = uuid.uuid4()
        at = now - dt.timedelta(days=10 + n % 7)
        # Rated by their trainer already: the demo trainer's STARRTs to rate are
        # app/demo_evidence.py's, and a docent's class has long handed its first one in.
        Starrt.insert(
            id=starrt_id,
            placement=placement.id,
            **STARRT,
            status=STARRT_RATED,
            submitted_at=at,
            rating="V",
            rating_initials="PO",
            rating_remark="Goed uitgezocht. Vraag inderdaad eerder hulp.",
            rated_by=placement.praktijkopleider_id,
            rated_at=at + dt.timedelta(days=2),
            created_by=users[email],
            create_fingerprint=hashlib.sha256(f"demo:{starrt_id}".encode()).hexdigest(),
            version=3,
            change_seq=next_change_seq(),
            created_at=at - dt.timedelta(days=1),
            updated_at=at + dt.timedelta(days=2),
        ).execute()
        if werkproces is not None:
            WerkprocesTag.create(
                placement=placement.id, kind="starrt", record_id=starrt_id, werkproces=werkproces.id
            )


def _line(student_id, placement_id, line, said):
    conversation = Conversation.create(
        placement=placement_id, line=line, last_seq=len(said), change_seq=next_change_seq()
    )
    for seq, (author, body, at) in enumerate(said, start=1):
        _message(placement_id, conversation.id, line, seq, author, body, at)
    return conversation


def _message(placement_id, conversation_id, line, seq, author, body, at, question=None, id=None):
    message_id = id or uuid.uuid4()
    Message.insert(
        id=message_id,
        placement=placement_id,
        conversation=conversation_id,
        line=line,
        seq=seq,
        body=body,
        question=question,
        created_by=author,
        create_fingerprint=hashlib.sha256(f"demo:{message_id}".encode()).hexdigest(),
        change_seq=next_change_seq(),
        created_at=at,
        updated_at=at,
    ).execute()


def _question(student_id, placement_id, at):
    from app.api.entries.schemas import EntrySchema
    from app.services.guidance import OPENING_NAMESPACE

    entry = (
        HourEntry.select()
        .where(HourEntry.placement == placement_id)
        .order_by(HourEntry.date.desc())
        .first()
    )
    text = "Ik weet niet goed welke werkzaamheden ik voor mijn STARRT kan kiezen. Wilt u meekijken?"
    snapshot = [{"kind": "entry", "id": str(entry.id), "data": EntrySchema().dump(entry)}]
    conversation = Conversation.create(
        placement=placement_id, line=LINE_SCHOOL, last_seq=1, change_seq=next_change_seq()
    )
    question_id = uuid.uuid4()
    GuidanceQuestion.insert(
        id=question_id,
        placement=placement_id,
        conversation=conversation.id,
        question=text,
        answer_mode="call",
        snapshot=json.dumps(snapshot, default=str),
        status=QUESTION_OPEN,
        created_by=student_id,
        create_fingerprint=hashlib.sha256(f"demo:{question_id}".encode()).hexdigest(),
        change_seq=next_change_seq(),
        created_at=at,
        updated_at=at,
    ).execute()
    _message(
        placement_id,
        conversation.id,
        LINE_SCHOOL,
        1,
        student_id,
        text,
        at,
        question=question_id,
        id=uuid.uuid5(OPENING_NAMESPACE, str(question_id)),
    )


def _forget(plan, placement, keep_placement=True):
    email = placement["student"]
    plan.weeks = [w for w in plan.weeks if w["student"] != email]
    plan.entries = [e for e in plan.entries if e["student"] != email]
    if not keep_placement:
        plan.placements.remove(placement)


def _restart(placement, start):
    placement["start_date"] = start
    placement["end_date"] = start + dt.timedelta(weeks=20, days=-3)  # a Friday
