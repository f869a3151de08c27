"""Schools, their programmes (opleidingen) and the companies (leerbedrijven) they work with."""

import peewee

from app.models.base import BaseModel


class Institution(BaseModel):
    name = peewee.CharField(max_length=200)


class Programme(BaseModel):
    """An opleiding; the crebo is the national qualification code."""

    institution = peewee.ForeignKeyField(Institution, backref="programmes", on_delete="CASCADE")
    name = peewee.CharField(max_length=200)
    crebo = peewee.CharField(max_length=10)
    # Evidence (#9): how many STARRT reflections the programme asks for (BPV guide: five).
    min_starrts = peewee.IntegerField(default=5)


class Company(BaseModel):
    institution = peewee.ForeignKeyField(Institution, backref="companies", on_delete="CASCADE")
    name = peewee.CharField(max_length=200)
    city = peewee.CharField(max_length=100, default="")
    # SBB accreditation applies per crebo; the full check comes with the placement issue.
    accredited = peewee.BooleanField(default=True)
