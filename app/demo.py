"""The demo school behind `flask --app wsgi seed-demo`: invented people, realistic Dutch logbooks.

Everything is derived from one random seed and today's date, so two runs on the same day load the
same data. Rows are planned in Python first and then inserted in bulk inside one transaction
(a few thousand rows: well under a second).

The four logins (password `stagewijs-demo`):
- student@example.nl: Lotte Visser, software developer at Bitwerf; every week state is visible
  (approved, rejected with a comment, submitted, and the open current week without today).
- praktijkopleider@example.nl: Martijn Bosman at Bitwerf, trainer of four students with weeks
  awaiting a decision.
- docent@example.nl: Ingrid Hoekstra, bpv-docent of the software developers.
- coordinator@example.nl: Karim El Idrissi, bpv-coördinator of the whole school.
"""

import datetime as dt
import random
import unicodedata

from app import calendar_nl, clock, demo_class
from app import demo_rows as rows
from app.demo_evidence import seed_evidence  # Evidence (#9)
from app.demo_words import (
    APPROVE_COMMENTS,
    DAY_NAMES,
    FIRST_NAMES,
    LAST_NAMES,
    OVERTIME,
    REJECT_MISSING_FRIDAY,
    REJECT_VAGUE,
    SD,
    SD_DAYS,
    SD_TASKS,
    VAGUE,
    VIG,
    VIG_SHIFTS,
    VIG_TASKS,
)
from app.extensions import db
from app.models import (
    ActivityCategory,
    Company,
    Institution,
    Programme,
)
from app.models.logbook import WEEK_APPROVED, WEEK_OPEN, WEEK_REJECTED, WEEK_SUBMITTED
from app.models.users import COORDINATOR, STUDENT, TEACHER, TRAINER

DEMO_PASSWORD = "stagewijs-demo"
STUDENT_EMAIL = "student@example.nl"
TRAINER_EMAIL = "praktijkopleider@example.nl"
TEACHER_EMAIL = "docent@example.nl"
COORDINATOR_EMAIL = "coordinator@example.nl"
LOGIN_EMAILS = (STUDENT_EMAIL, TRAINER_EMAIL, TEACHER_EMAIL, COORDINATOR_EMAIL)

INSTITUTION_NAME = "ROC Lindeveld"
PROGRAMMES = [("Software developer", "25998"), ("Verzorgende-IG", "25655")]
REQUIRED_HOURS = {SD: 800, VIG: 720}
# (name, town, programme, number of students)
COMPANIES = [
    ("Bitwerf B.V.", "Utrecht", SD, 6),
    ("Codekade Software", "Amersfoort", SD, 5),
    ("Pixelpolder", "Zwolle", SD, 4),
    ("Zorgcentrum De Lindehof", "Apeldoorn", VIG, 5),
    ("Woonzorg Het Anker", "Deventer", VIG, 5),
    ("Thuiszorg Vechtdal", "Hardenberg", VIG, 5),
]
# Visiting addresses (made up, in the companies' towns), shown to the students placed there.
COMPANY_ADDRESSES = {
    "Bitwerf B.V.": ("Vredenburgkade 12", "3511 WR"),
    "Codekade Software": ("Stationsplein 45", "3818 LE"),
    "Pixelpolder": ("Oude Vismarkt 7", "8011 TA"),
    "Zorgcentrum De Lindehof": ("Lindelaan 88", "7311 AB"),
    "Woonzorg Het Anker": ("Ankerstraat 3", "7411 KL"),
    "Thuiszorg Vechtdal": ("Vechtstraat 21", "7772 BC"),
}
# One trainer per company; Bitwerf has the demo trainer as well, who has its first four students.
TRAINERS = [
    "Eline Kuipers",
    "Ruud Schouten",
    "Ayşe Demir",
    "Marloes Wessels",
    "Henk Zwart",
    "Gerda Pool",
]
DEMO_TRAINER = ("Martijn Bosman", TRAINER_EMAIL)
DEMO_TRAINER_STUDENTS = 4
TEACHERS = [("Ingrid Hoekstra", TEACHER_EMAIL), ("Peter van Houten", None), ("Naima Bouzid", None)]
COORDINATOR_PERSON = ("Karim El Idrissi", COORDINATOR_EMAIL)
DEMO_STUDENT = "Lotte Visser"


# Week patterns, for the weeks before the current one (oldest first; the last item is last week).
# The tail says what happens at the end; every earlier week is approved.
PATTERNS = {
    "up_to_date": [WEEK_SUBMITTED],
    "trainer_behind": [WEEK_SUBMITTED, WEEK_SUBMITTED],
    "rejected": [WEEK_REJECTED, WEEK_SUBMITTED],
    "student_late": [WEEK_SUBMITTED, WEEK_OPEN],
    "all_approved": [],
}
DEMO_TRAINER_PATTERNS = ["rejected", "trainer_behind", "rejected", "up_to_date"]


def seed_demo(today=None, seed=2026):
    """Load the demo school into the current database; returns counts of what was made."""
    today = today or clock.today()
    rng = random.Random(f"{seed}:{today.isoformat()}")
    password_hash = _password_hash()
    plan = _Plan(rng, today)
    demo_class.shape(plan)  # the docent's dashboard: every colour, each for its own reason
    with db.atomic():
        categories = {c.code: c.id for c in ActivityCategory.select()}
        institution = Institution.create(name=INSTITUTION_NAME)
        programmes = [
            Programme.create(institution=institution, name=name, crebo=crebo)
            for name, crebo in PROGRAMMES
        ]
        companies = [
            Company.create(
                institution=institution,
                name=name,
                city=city,
                address=COMPANY_ADDRESSES[name][0],
                postcode=COMPANY_ADDRESSES[name][1],
            )
            for name, city, _, _ in COMPANIES
        ]
        users = rows.insert_users(plan, institution, companies, password_hash)
        seqs = rows.reserve_change_seqs(len(plan.placements) + len(plan.weeks) + len(plan.entries))
        placements = rows.insert_placements(plan, users, companies, programmes, seqs)
        weeks = rows.insert_weeks(plan, users, placements, seqs)
        rows.insert_entries(plan, users, placements, weeks, categories, seqs)
        # Evidence (#9): tags, STARRTs, goals, moments and notes (app/demo_evidence.py).
        trainers = {placements[p["student"]]: users[p["trainer"]] for p in plan.placements}
        evidence = seed_evidence(
            rng, plan.now, STUDENT_EMAIL, users, placements, trainers, rows.reserve_change_seqs
        )
        demo_class.converse(plan, users, placements)
    return {
        "users": len(plan.users),
        "placements": len(plan.placements),
        "weeks": len(plan.weeks),
        "entries": len(plan.entries),
        **evidence,
    }


def _password_hash():
    # argon2 costs ~0.1 s per hash: one hash, shared by every demo account.
    from app.services.passwords import hash_password

    return hash_password(DEMO_PASSWORD)


class _Plan:
    """Everything to insert, as plain dicts keyed by email / (email, monday)."""

    def __init__(self, rng, today):
        self.rng = rng
        self.today = today
        self.zone = clock.zone()
        self.now = clock.utcnow()
        self.holidays = calendar_nl.holidays_of(today.year - 1) | calendar_nl.holidays_of(
            today.year
        )
        self.users, self.placements, self.weeks, self.entries = [], [], [], []
        self._names = set()
        self._plan_people()

    # -- people -------------------------------------------------------------------------------
    def _user(self, name, role, email=None, company=None):
        email = email or _email_for(name)
        self.users.append({"name": name, "email": email, "role": role, "company": company})
        self._names.add(name)
        return email

    def _new_name(self):
        while True:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            if name not in self._names and name != DEMO_STUDENT:
                return name

    def _plan_people(self):
        name, email = COORDINATOR_PERSON
        self._user(name, COORDINATOR, email)
        teachers = [self._user(name, TEACHER, email) for name, email in TEACHERS]
        demo_trainer = self._user(DEMO_TRAINER[0], TRAINER, DEMO_TRAINER[1], company=0)
        trainers = [self._user(name, TRAINER, company=i) for i, name in enumerate(TRAINERS)]
        vig_seen = 0
        for company, (_, _, programme, count) in enumerate(COMPANIES):
            for k in range(count):
                first_of_demo = company == 0 and k == 0
                name = DEMO_STUDENT if first_of_demo else self._new_name()
                email = self._user(name, STUDENT, STUDENT_EMAIL if first_of_demo else None)
                if company == 0 and k < DEMO_TRAINER_STUDENTS:
                    trainer, pattern = demo_trainer, DEMO_TRAINER_PATTERNS[k]
                else:
                    trainer = trainers[company]
                    pattern = self.rng.choice(list(PATTERNS))
                if programme == SD:
                    teacher = teachers[0]
                else:
                    teacher = teachers[1] if vig_seen < 8 else teachers[2]
                    vig_seen += 1
                self._plan_placement(
                    email, company, programme, trainer, teacher, pattern, demo=first_of_demo
                )

    # -- placements, weeks and entries ---------------------------------------------------------
    def _plan_placement(self, email, company, programme, trainer, teacher, pattern, demo):
        this_monday = clock.monday_of(self.today)
        weeks_ago = 10 if demo else self.rng.choice([10, 10, 9, 8])
        start = this_monday - dt.timedelta(weeks=weeks_ago)
        end = start + dt.timedelta(weeks=20, days=-3)  # a Friday, about ten weeks ahead
        self.placements.append(
            {
                "student": email,
                "company": company,
                "programme": programme,
                "trainer": trainer,
                "teacher": teacher,
                "start_date": start,
                "end_date": end,
                "required_hours": REQUIRED_HOURS[programme],
            }
        )
        tail = PATTERNS[pattern]
        mondays = [start + dt.timedelta(weeks=i) for i in range(weeks_ago)]
        statuses = [WEEK_APPROVED] * (len(mondays) - len(tail)) + tail
        reject_kind = "vague" if demo else self.rng.choice(["vague", "missing_friday"])
        for monday, status in zip(mondays, statuses, strict=True):
            self._plan_week(email, trainer, programme, monday, status, reject_kind)
        self._plan_week(email, trainer, programme, this_monday, WEEK_OPEN, None)

    def _plan_week(self, email, trainer, programme, monday, status, reject_kind):
        days = [monday + dt.timedelta(days=i) for i in range(5)]
        days = [d for d in days if d < self.today]
        week = {
            "student": email,
            "monday": monday,
            "status": status,
            "trainer": trainer,
            "version": 1,
            "submitted_at": None,
            "decided_at": None,
            "decided_by": None,
            "comment": "",
        }
        entries = []
        for day in days:
            entries.extend(self._day_entries(email, programme, monday, day))
        if status == WEEK_REJECTED:
            if reject_kind == "missing_friday" and len(days) == 5:
                entries = [e for e in entries if e["date"] != days[4]]
                week["comment"] = REJECT_MISSING_FRIDAY
            else:
                weekday = self.rng.randrange(len(days))
                day_entries = [e for e in entries if e["date"] == days[weekday]]
                day_entries[0]["description"] = VAGUE
                week["comment"] = REJECT_VAGUE.format(day=DAY_NAMES[weekday], vague=VAGUE)
        if not entries:
            return
        self.entries.extend(entries)
        if status != WEEK_OPEN:
            friday = monday + dt.timedelta(days=4)
            submitted = self._utc(friday, dt.time(16, 30)) + self._minutes(0, 90)
            week["submitted_at"] = min(submitted, self.now - dt.timedelta(minutes=30))
            week["version"] = 2
        if status in (WEEK_APPROVED, WEEK_REJECTED):
            decided = week["submitted_at"] + dt.timedelta(days=self.rng.choice([3, 3, 4, 5]))
            decided = decided.replace(hour=self.rng.randrange(7, 15), minute=self.rng.randrange(60))
            decided = min(max(decided, week["submitted_at"]), self.now - dt.timedelta(minutes=5))
            week["decided_at"] = decided
            week["decided_by"] = trainer
            week["version"] = 3
            if status == WEEK_APPROVED:
                week["comment"] = self.rng.choice(APPROVE_COMMENTS)
        self.weeks.append(week)

    def _day_entries(self, email, programme, monday, day):
        rng = self.rng
        tasks = SD_TASKS if programme == SD else VIG_TASKS
        start, end = rng.choice(SD_DAYS if programme == SD else VIG_SHIFTS)

        def entry(code, begin, finish, description):
            return {
                "student": email,
                "monday": monday,
                "date": day,
                "start": begin,
                "end": finish,
                "code": code,
                "description": description,
            }

        if day in self.holidays and programme == SD:
            return [entry(9, start, end, f"Nationale feestdag: {self.holidays[day]}")]
        if day.weekday() == 4 and day.isocalendar()[1] % 5 == 2:
            return [
                entry(8, "09:00", "15:00", "Terugkomdag op school: intervisie en BPV-opdrachten")
            ]
        roll = rng.random()
        if roll < 0.03:
            return [entry(7, start, end, "Ziek gemeld bij mijn werkbegeleider")]
        if roll < 0.05:
            visit = rng.choice(["Tandarts", "Huisarts"])
            if start >= "12:00":  # a late shift: the visit is in the morning, before it
                return [entry(5, "10:00", "11:00", visit), entry(1, start, end, rng.choice(tasks))]
            return [
                entry(5, start, _add_minutes(start, 90), visit),
                entry(1, _add_minutes(start, 105), end, rng.choice(tasks)),
            ]
        if roll < 0.06:
            return [entry(6, start, end, "Vrije dag, afgesproken met mijn praktijkopleider")]
        if roll < 0.10 and start < "12:00":
            full_end = _add_minutes(start, 540)
            return [
                entry(1, start, full_end, rng.choice(tasks)),
                entry(
                    2,
                    full_end,
                    _add_minutes(full_end, rng.choice([30, 60, 90])),
                    rng.choice(OVERTIME[programme]),
                ),
            ]
        return [entry(1, start, end, rng.choice(tasks))]

    def _utc(self, day, time):
        local = dt.datetime.combine(day, time, tzinfo=self.zone)
        return local.astimezone(dt.UTC).replace(tzinfo=None)

    def _minutes(self, low, high):
        return dt.timedelta(minutes=self.rng.randrange(low, high))


def _email_for(name):
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    first, _, last = plain.partition(" ")
    return f"{first}.{last.replace(' ', '')}@example.nl"


def _add_minutes(text, minutes):
    total = int(text[:2]) * 60 + int(text[3:]) + minutes
    return f"{total // 60:02d}:{total % 60:02d}"
