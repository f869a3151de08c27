"""What the reminders say, in Dutch (plain, B1) and English, by the user's language."""

# (Dutch, English) per text; {placeholders} filled in per user.
TEXTS = {
    "no_entry.title": ("Uren schrijven", "Log your hours"),
    "no_entry.body": (
        "Je hebt voor {day} nog niets geschreven. Doe het nu, dan vergeet je het niet.",
        "You have not logged anything for {day}. Do it now, so you do not forget.",
    ),
    "submit_week.title": ("Lever je week in", "Hand in your week"),
    "submit_week.body": (
        "Week {week} is nog niet ingeleverd. Kijk je uren na en lever ze in.",
        "Week {week} is not handed in yet. Check your hours and hand them in.",
    ),
    "digest.title.one": ("1 week wacht op je", "1 week is waiting for you"),
    "digest.title.other": ("{n} weken wachten op je", "{n} weeks are waiting for you"),
    "digest.body": ("Van: {names}. Tik om ze te bekijken.", "From: {names}. Tap to see them."),
    "escalation.title": ("Week wacht al {days} dagen", "Week waiting for {days} days"),
    "escalation.body": (
        "Week {week} van {student} wacht al {days} dagen op de praktijkopleider.",
        "Week {week} of {student} has been waiting {days} days for the praktijkopleider.",
    ),
    "rejected.title": ("Week {week} is afgekeurd", "Week {week} was not approved"),
    "rejected.body": (
        "Lees de opmerking van je praktijkopleider en pas je uren aan.",
        "Read your praktijkopleider's comment and change your hours.",
    ),
    # Conversations (#10).
    "chat.line.stage": ("Stage", "Internship"),
    "chat.line.school": ("School", "School"),
    "chat.message.title": ("{name} ({line})", "{name} ({line})"),
    "chat.message.body": (
        "Je hebt een nieuw bericht. Tik om het te lezen.",
        "You have a new message. Tap to read it.",
    ),
    "chat.question.title": ("Hulpvraag van {name}", "Question from {name}"),
    "chat.question.body": (
        "Er is een hulpvraag voor je. Tik om hem te lezen.",
        "A student asks for your guidance. Tap to read the question.",
    ),
    "chat.proposed.title": ("{name} stelt een tijd voor", "{name} proposes a time"),
    "chat.proposed.body": (
        "Je docent wil met je praten over je hulpvraag. Tik om te kijken wanneer.",
        "Your teacher wants to talk about your question. Tap to see when.",
    ),
}


def text(user, key, **params):
    nl, en = TEXTS[key]
    template = en if user.locale == "en" else nl
    return template.format(**params)


WEEKDAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def day_words(user, day):
    locale = "en" if user.locale == "en" else "nl"
    return f"{WEEKDAYS[locale][day.weekday()]} {day.day} {MONTHS[locale][day.month - 1]}"
