"""What the dashboard's reasons say, in Dutch (plain, B1) and English, with their numbers.

Per reason code: (Dutch, English); each a text, or {form: text} chosen by a count in the
reason's params (`COUNTED_BY`): "zero" where the count is 0, "one" where it is 1, else "other".
"""

TEXTS = {
    "question_overdue": (
        {
            "one": "vraag om begeleiding wacht {days} dagen op antwoord",
            "other": "{n} vragen om begeleiding wachten op antwoord, de oudste {days} dagen",
        },
        {
            "one": "guidance question waiting {days} days for an answer",
            "other": "{n} guidance questions waiting for an answer, the oldest {days} days",
        },
    ),
    "message_overdue": (
        {
            "one": "bericht op de lijn School wacht {days} dagen op antwoord",
            "other": "{n} berichten op de lijn School wachten op antwoord, de oudste {days} dagen",
        },
        {
            "one": "message on the School line waiting {days} days for an answer",
            "other": "{n} messages on the School line waiting for an answer, "
            "the oldest {days} days",
        },
    ),
    "nothing_logged": (
        "{weeks} weken stage, nog niets geschreven",
        "{weeks} weeks in placement, nothing logged yet",
    ),
    "nothing_shared": (
        "{weeks} weken stage, nog niets gedeeld",
        "{weeks} weeks in placement, nothing shared yet",
    ),
    "trainer_overdue": (
        {
            "one": "1 week wacht {days} dagen op de praktijkopleider",
            "other": "{n} weken wachten op de praktijkopleider, de oudste {days} dagen",
        },
        {
            "one": "1 week waiting {days} days for the praktijkopleider",
            "other": "{n} weeks waiting for the praktijkopleider, the oldest {days} days",
        },
    ),
    "answer_waiting": (
        {
            "zero": "wacht sinds vandaag op antwoord",
            "one": "wacht 1 dag op antwoord",
            "other": "wacht {days} dagen op antwoord",
        },
        {
            "zero": "waiting for an answer since today",
            "one": "waiting 1 day for an answer",
            "other": "waiting {days} days for an answer",
        },
    ),
    "pok_unsigned": (
        {
            "zero": "stage is vandaag begonnen, POK nog niet getekend",
            "one": "stage is 1 dag bezig, POK nog niet getekend",
            "other": "stage is {days} dagen bezig, POK nog niet getekend",
        },
        {
            "zero": "placement began today, POK not signed yet",
            "one": "placement began 1 day ago, POK not signed yet",
            "other": "placement began {days} days ago, POK not signed yet",
        },
    ),
    "slow_start.logged": (
        "{weeks} weken stage, nog niets geschreven",
        "{weeks} weeks in placement, nothing logged yet",
    ),
    "slow_start.shared": (
        "{weeks} weken stage, nog niets gedeeld",
        "{weeks} weeks in placement, nothing shared yet",
    ),
    "hours_behind": (
        "uren lopen {percent}% achter ({logged} van {expected} uur)",
        "hours {percent}% behind ({logged} of {expected} hours)",
    ),
    "week_not_handed_in": (
        {
            "one": "week {week} nog niet ingeleverd ({days} dagen)",
            "other": "{n} weken nog niet ingeleverd, de oudste week {week} ({days} dagen)",
        },
        {
            "one": "week {week} not handed in yet ({days} days)",
            "other": "{n} weeks not handed in yet, the oldest week {week} ({days} days)",
        },
    ),
    "no_starrt": (
        "{weeks} weken stage, nog geen STARRT ingeleverd",
        "{weeks} weeks in placement, no STARRT handed in yet",
    ),
}

# Which param picks the form of a counted text.
COUNTED_BY = {
    "question_overdue": "n",
    "message_overdue": "n",
    "trainer_overdue": "n",
    "answer_waiting": "days",
    "pok_unsigned": "days",
    "week_not_handed_in": "n",
}


def _key(reason):
    if reason.code == "slow_start":
        return f"slow_start.{reason.params['what']}"
    return reason.code


def text(reason, locale="nl"):
    key = _key(reason)
    nl, en = TEXTS[key]
    template = en if locale == "en" else nl
    if isinstance(template, dict):
        count = reason.params[COUNTED_BY[key]]
        form = "zero" if count == 0 else "one" if count == 1 else "other"
        template = template.get(form, template["other"])
    return template.format(**reason.params)
