"""The kerntaken and werkprocessen of the demo school's two qualifications, as reference data.

Codes and titles follow the public kwalificatiedossiers (SBB, kwalificatiestructuur mbo) as far
as they are published: Software development (crebo 25998, Software developer) and Verzorgende-IG
(crebo 25655). A KD is revised every few years: a revision is loaded under its own year and the
newest year of a crebo is the one programmes use (app/services/werkprocessen.py).
"""

from app.models import Kerntaak, Werkproces

# crebo -> (kd_year, [(kerntaak code, title, [(werkproces code, title)])])
KWALIFICATIES = {
    "25998": (
        2023,
        [
            (
                "B1-K1",
                "Realiseert software",
                [
                    ("B1-K1-W1", "Plant werkzaamheden en bewaakt de voortgang"),
                    ("B1-K1-W2", "Ontwerpt software"),
                    ("B1-K1-W3", "Realiseert (onderdelen van) software"),
                    ("B1-K1-W4", "Test software"),
                    ("B1-K1-W5", "Doet verbetervoorstellen voor de software"),
                ],
            ),
            (
                "B1-K2",
                "Werkt in een ontwikkelteam",
                [
                    ("B1-K2-W1", "Voert overleg"),
                    ("B1-K2-W2", "Presenteert het opgeleverde werk"),
                    ("B1-K2-W3", "Reflecteert op het werk"),
                ],
            ),
        ],
    ),
    "25655": (
        2020,
        [
            (
                "B1-K1",
                "Biedt zorg, ondersteuning en begeleiding",
                [
                    ("B1-K1-W1", "Onderkent de behoefte aan zorg en ondersteuning"),
                    ("B1-K1-W2", "Stelt het zorgplan op en/of bij"),
                    ("B1-K1-W3", "Voert zorginterventies en/of begeleidingsactiviteiten uit"),
                    ("B1-K1-W4", "Voert verpleegtechnische handelingen uit"),
                    ("B1-K1-W5", "Communiceert met de zorgvrager en diens naasten"),
                    ("B1-K1-W6", "Stemt de zorgverlening af met betrokkenen"),
                    ("B1-K1-W7", "Handelt in onvoorziene en/of crisissituaties"),
                    ("B1-K1-W8", "Evalueert en rapporteert de zorgverlening"),
                ],
            ),
            (
                "B1-K2",
                "Werkt aan de eigen professionalisering en de kwaliteit van zorg",
                [
                    ("B1-K2-W1", "Werkt samen met andere zorgverleners"),
                    ("B1-K2-W2", "Reflecteert op de eigen werkzaamheden"),
                    ("B1-K2-W3", "Werkt aan de eigen deskundigheid"),
                    ("B1-K2-W4", "Draagt bij aan de kwaliteit van zorg"),
                ],
            ),
        ],
    ),
}


def ensure_kwalificaties():
    """Insert the KD trees that are missing (by crebo and year); never change a loaded one."""
    loaded = set(Kerntaak.select(Kerntaak.crebo, Kerntaak.kd_year).distinct().tuples())
    for crebo, (year, kerntaken) in KWALIFICATIES.items():
        if (crebo, year) in loaded:
            continue
        for k_pos, (k_code, k_title, werkprocessen) in enumerate(kerntaken):
            kerntaak = Kerntaak.create(
                crebo=crebo, kd_year=year, code=k_code, title=k_title, position=k_pos
            )
            Werkproces.insert_many(
                [
                    {
                        "kerntaak": kerntaak.id,
                        "crebo": crebo,
                        "kd_year": year,
                        "code": code,
                        "title": title,
                        "position": pos,
                    }
                    for pos, (code, title) in enumerate(werkprocessen)
                ]
            ).execute()
