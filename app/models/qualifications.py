"""The kwalificatiedossiers: per crebo its kerntaken and their werkprocessen (reference data).

A KD is national and revised every few years, so the tree is keyed by crebo and the KD's year,
not by a school's Programme row: every programme with that crebo uses the newest year loaded.
"""

import peewee

from app.models.base import BaseModel


class Kerntaak(BaseModel):
    crebo = peewee.CharField(max_length=10)
    kd_year = peewee.IntegerField()
    code = peewee.CharField(max_length=20)  # "B1-K1", "P1-K1"
    title = peewee.CharField(max_length=300)
    position = peewee.IntegerField(default=0)

    class Meta:
        indexes = ((("crebo", "kd_year", "code"), True),)


class Werkproces(BaseModel):
    kerntaak = peewee.ForeignKeyField(Kerntaak, backref="werkprocessen", on_delete="CASCADE")
    crebo = peewee.CharField(max_length=10)  # the kerntaak's, so a lookup by code needs no join
    kd_year = peewee.IntegerField()
    code = peewee.CharField(max_length=20)  # "B1-K1-W2"
    title = peewee.CharField(max_length=300)
    position = peewee.IntegerField(default=0)

    class Meta:
        indexes = ((("crebo", "kd_year", "code"), True),)
