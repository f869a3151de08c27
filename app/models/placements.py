"""A student's placement at a company, under a POK (the three-party contract)."""

import peewee

from app.models.base import SyncedModel
from app.models.institutions import Company, Programme
from app.models.users import User

# POK statuses in order (ROC Leiden roll-out slides): prepared, sent for signing, signed, done.
POK_VOLLEDIG = "volledig"
POK_AFGEDRUKT = "afgedrukt"
POK_DEFINITIEF = "definitief"
POK_AFGEROND = "afgerond"
POK_STATUSES = (POK_VOLLEDIG, POK_AFGEDRUKT, POK_DEFINITIEF, POK_AFGEROND)


class Placement(SyncedModel):
    student = peewee.ForeignKeyField(User, backref="placements", on_delete="CASCADE")
    company = peewee.ForeignKeyField(Company, backref="placements", on_delete="RESTRICT")
    praktijkopleider = peewee.ForeignKeyField(
        User, backref="trainee_placements", null=True, on_delete="SET NULL"
    )
    docent = peewee.ForeignKeyField(
        User, backref="supervised_placements", null=True, on_delete="SET NULL"
    )
    programme = peewee.ForeignKeyField(Programme, backref="placements", on_delete="RESTRICT")
    start_date = peewee.DateField()
    end_date = peewee.DateField()
    required_hours = peewee.IntegerField()
    pok_status = peewee.CharField(max_length=20, default=POK_VOLLEDIG)
    # BBL students go to school one day a week (0 = Monday): no "nothing logged" reminder then.
    school_weekday = peewee.IntegerField(null=True)

    @property
    def free_days(self):
        """The public holidays on weekdays within the placement's period, as {date, name}: not
        working days, so the phone does not count them as empty when a week is handed in."""
        from app.calendar_nl import holidays_of  # the holidays package loads on first use

        days = []
        for year in range(self.start_date.year, self.end_date.year + 1):
            days += [
                (d, n)
                for d, n in holidays_of(year).items()
                if self.start_date <= d <= self.end_date and d.weekday() < 5
            ]
        return [{"date": d, "name": n} for d, n in sorted(days)]
