"""Messages of the evidence features (#9), in Dutch (B1) and English; merged into MESSAGES."""

EVIDENCE_MESSAGES = {
    "unknown_werkproces": (
        "Deze werkprocessen horen niet bij jouw opleiding: {codes}.",
        "These work processes are not part of your programme: {codes}.",
    ),
    "too_many_werkprocessen": (
        "Kies hoogstens {limit} werkprocessen.",
        "Choose at most {limit} work processes.",
    ),
    "unknown_evidence_kind": (
        "Dit soort bewijs kun je niet koppelen: {kinds}.",
        "This kind of evidence cannot be linked: {kinds}.",
    ),
    "evidence_not_found": (
        "Dit bewijs bestaat niet (meer) of hoort niet bij jouw stage.",
        "This evidence does not exist (any more) or is not part of your placement.",
    ),
    "too_much_evidence": (
        "Koppel hoogstens {limit} stukken bewijs.",
        "Link at most {limit} pieces of evidence.",
    ),
}
EVIDENCE_MESSAGES.update(
    {
        "starrt_submitted": (
            "Deze STARRT is al ingeleverd en kan niet meer worden gewijzigd.",
            "This STARRT has been handed in and can no longer be changed.",
        ),
        "starrt_rated": (
            "Deze STARRT is al beoordeeld en staat vast. Schrijf een nieuwe als je wilt.",
            "This STARRT has been rated and is final. Write a new one if you like.",
        ),
        "starrt_incomplete": (
            "Vul eerst alle delen in: {parts}.",
            "Fill in every part first: {parts}.",
        ),
        "starrt_needs_werkproces": (
            "Kies bij welk werkproces deze opdracht hoort.",
            "Choose which work process this task belongs to.",
        ),
        "initials_required": (
            "Zet je paraaf (je initialen) eronder.",
            "Add your initials.",
        ),
    }
)
EVIDENCE_MESSAGES.update(
    {
        "unknown_goal": (
            "Dit leerdoel bestaat niet (meer) of hoort niet bij jouw stage.",
            "This learning goal does not exist (any more) or is not part of your placement.",
        ),
        "reflection_without_model": (
            "Kies eerst een reflectiemodel.",
            "Choose a reflection model first.",
        ),
        "reflection_parts": (
            "Deze delen horen niet bij het gekozen model: {parts}.",
            "These parts do not belong to the chosen model: {parts}.",
        ),
    }
)
