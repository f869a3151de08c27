"""The one-tap approval page a trainer opens from the digest, without logging in.

Server-rendered and script-free: a mail client's browser or a phone's may run no module
scripts at all. GET shows the week and changes nothing (mail scanners follow links); the form's
POST decides. The token sits in the URL, so the page sends no Referer and is never cached.
"""

from flask import render_template, request

from app import clock
from app.errors import DomainError
from app.messages import translate
from app.pwa import bp
from app.services import approval_links, weeks
from app.services.reference import categories_by_code

WORDS = {
    "nl": {
        "title": "Week beoordelen",
        "week": "Week {n}",
        "of": "van {name}",
        "total": "Totaal",
        "counted": "Telt mee voor je stage-uren",
        "approve": "Goedkeuren",
        "reject": "Afkeuren",
        "comment": "Waarom keur je af? (de student ziet dit)",
        "approved": "Goedgekeurd",
        "rejected": "Afgekeurd",
        "done_body": "Dank je. {name} ziet het meteen in de app.",
        "no_entries": "Geen uren",
        "final": "Goedgekeurde uren zijn definitief.",
        "app": "Open de app",
    },
    "en": {
        "title": "Review a week",
        "week": "Week {n}",
        "of": "of {name}",
        "total": "Total",
        "counted": "Counts toward the placement hours",
        "approve": "Approve",
        "reject": "Reject",
        "comment": "Why do you reject it? (the student sees this)",
        "approved": "Approved",
        "rejected": "Rejected",
        "done_body": "Thank you. {name} sees it in the app right away.",
        "no_entries": "No hours",
        "final": "Approved hours are final.",
        "app": "Open the app",
    },
}
HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def _hours(minutes):
    hours, rest = divmod(int(minutes), 60)
    return f"{hours}:{rest:02d}"


def _address():
    return (request.remote_addr or "")[:64]


def _error(error, locale="nl"):
    message = translate(error.code, locale, **error.params)
    html = render_template(
        "decide.html", state="error", message=message, w=WORDS[locale], locale=locale
    )
    headers = dict(HEADERS)
    if "retry_after" in error.details:
        headers["Retry-After"] = str(error.details["retry_after"])
    return html, error.status_code, headers


def _view(week, placement, trainer, token, message=None):
    locale = trainer.locale if trainer.locale in WORDS else "nl"
    names = {
        c.id: (c.name_en if locale == "en" else c.name_nl) for c in categories_by_code().values()
    }
    entries = [
        {
            "date": e.date,
            "start": e.start_time.strftime("%H:%M"),
            "end": e.end_time.strftime("%H:%M"),
            "hours": _hours(e.minutes),
            "category": names.get(e.category_id, ""),
            "description": e.description,
        }
        for e in weeks.week_entries(week)
    ]
    totals = weeks.week_totals(week)
    html = render_template(
        "decide.html",
        state="open",
        w=WORDS[locale],
        locale=locale,
        token=token,
        week_number=week.monday.isocalendar()[1],
        student=placement.student.name,
        entries=entries,
        total=_hours(totals["total_minutes"]),
        counted=_hours(totals["counted_minutes"]),
        message=message,
        label=clock.iso_week_label(week.monday),
    )
    return html, 200, HEADERS


@bp.get("/beslis/<string:token>")
def decide_page(token):
    try:
        row, week, placement = approval_links.open_link(token, _address())
    except DomainError as error:
        return _error(error)
    return _view(week, placement, row.trainer, token)


@bp.post("/beslis/<string:token>")
def decide_post(token):
    action = request.form.get("action", "")
    comment = request.form.get("comment", "")[:4000]
    try:
        week = approval_links.decide(token, action, comment, _address())
    except DomainError as error:
        if error.code == "comment_required":  # show the form again, with the message
            row, week, placement = approval_links.open_link(token, _address())
            locale = row.trainer.locale if row.trainer.locale in WORDS else "nl"
            return _view(week, placement, row.trainer, token, translate(error.code, locale))
        return _error(error)
    trainer = week.decided_by
    locale = trainer.locale if trainer.locale in WORDS else "nl"
    html = render_template(
        "decide.html",
        state=week.status,
        w=WORDS[locale],
        locale=locale,
        student=week.placement.student.name,
        week_number=week.monday.isocalendar()[1],
    )
    return html, 200, HEADERS
