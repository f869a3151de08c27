"""How a student reaches the people of their placement (BPV guide: "je kunt lezen wie je
bpv-docent is en hoe je hem/haar kunt bereiken"): the company's visiting address and a work
phone number for staff. Both default to empty, so existing rows need nothing."""

from peewee import CharField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("company", "address", CharField(max_length=200, default="")),
        migrator.add_column("company", "postcode", CharField(max_length=10, default="")),
        migrator.add_column("user", "phone", CharField(max_length=30, default="")),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("company", "address"),
        migrator.drop_column("company", "postcode"),
        migrator.drop_column("user", "phone"),
    )
