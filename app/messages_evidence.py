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
