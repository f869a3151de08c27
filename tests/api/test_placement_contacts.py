"""A placement tells its people how to reach each other and which days are no working days
(#12 item 4 and the hand-in question): the trainer's and docent's work e-mail and phone, the
company's address, the public holidays in the period and the BBL school day."""

import datetime as dt

from app.models import Company


def test_student_reads_how_to_reach_trainer_and_docent(make_placement, make_user, login_as):
    placement = make_placement(
        start_date=dt.date(2026, 4, 20), end_date=dt.date(2026, 6, 30), school_weekday=2
    )
    Company.update(address="Korenmarkt 4", postcode="6811 GV", city="Arnhem").where(
        Company.id == placement.company_id
    ).execute()
    trainer, docent = placement.praktijkopleider, placement.docent
    docent.phone = "026 123 4567"
    docent.save()

    body = login_as(placement.student).get(f"/api/placements/{placement.id}").get_json()

    assert body["praktijkopleider"] == {
        "id": trainer.id,
        "name": trainer.name,
        "email": trainer.email,
        "phone": "",
    }
    assert body["docent"]["email"] == docent.email
    assert body["docent"]["phone"] == "026 123 4567"
    assert body["company"]["address"] == "Korenmarkt 4"
    assert body["company"]["postcode"] == "6811 GV"
    assert body["company"]["city"] == "Arnhem"
    # The student's own address is not repeated to the others on the placement.
    assert body["student"] == {"id": placement.student.id, "name": placement.student.name}
    assert body["school_weekday"] == 2
    # King's Day, Ascension Day and Whit Monday 2026 fall in the period; Liberation Day (5 May)
    # is a public holiday once every five years only (next in 2030).
    free = {d["date"]: d["name"] for d in body["free_days"]}
    assert set(free) == {"2026-04-27", "2026-05-14", "2026-05-25"}, free
    assert free["2026-04-27"] == "Koningsdag"


def test_the_changes_feed_carries_the_same_shape(make_placement, login_as):
    placement = make_placement()
    feed = login_as(placement.praktijkopleider).get("/api/sync/changes?since=0").get_json()
    copy = next(c for c in feed["changes"] if c["kind"] == "placement")
    assert {"email", "phone"} <= set(copy["data"]["docent"])
    assert "free_days" in copy["data"]
