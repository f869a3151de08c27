"""Messages people read in API answers, in Dutch (plain, B1) and English, by error code."""

MESSAGES = {
    "validation_error": (
        "Niet alles is goed ingevuld. Kijk naar: {fields}.",
        "Some fields are not filled in correctly: {fields}.",
    ),
    "internal_error": (
        "Er ging iets mis bij ons. Het wordt later vanzelf opnieuw geprobeerd.",
        "Something went wrong on our side. It will be tried again later by itself.",
    ),
    "push_endpoint_refused": (
        "Meldingen kunnen niet naar dit adres worden gestuurd ({reason}).",
        "Notifications cannot be sent to this address ({reason}).",
    ),
    "unknown_notification_kind": (
        "Deze soort melding bestaat niet: {kinds}.",
        "This kind of notification does not exist: {kinds}.",
    ),
    "unknown_notification_mode": (
        "Kies per melding: meteen, één keer per dag, of uit.",
        "Choose per notification: immediately, once a day, or off.",
    ),
    "approval_link_invalid": (
        "Deze link werkt niet (meer). Open de app om de week te bekijken.",
        "This link does not work (any more). Open the app to see the week.",
    ),
    # Conversations (#10).
    "unknown_item_kind": (
        "Naar dit soort onderdeel kun je niet verwijzen: {kind}.",
        "You cannot point to this kind of item: {kind}.",
    ),
    "item_not_found": (
        "Dit onderdeel bestaat niet, of hoort niet bij deze stage.",
        "This item does not exist, or is not part of this placement.",
    ),
    "too_many_items": (
        "Je kunt hoogstens {max} onderdelen delen.",
        "You can share at most {max} items.",
    ),
    "duplicate_item": (
        "Je hebt hetzelfde onderdeel twee keer gekozen.",
        "You chose the same item twice.",
    ),
    "question_not_found": (
        "Deze hulpvraag bestaat niet in dit gesprek.",
        "This question does not exist in this conversation.",
    ),
    "not_found": ("Dit bestaat niet, of je mag het niet zien.", "Not found."),
    "forbidden": ("Dat mag jij niet doen.", "You are not allowed to do that."),
    "unauthorized": ("Log eerst in.", "Please log in first."),
    "invalid_credentials": (
        "Het e-mailadres of wachtwoord klopt niet.",
        "The email address or password is wrong.",
    ),
    "too_many_attempts": (
        "Te vaak een verkeerd wachtwoord. Probeer het over {minutes} minuten opnieuw.",
        "Too many wrong passwords. Try again in {minutes} minutes.",
    ),
    "login_delayed": (
        "Voor dit account is vaak een verkeerd wachtwoord geprobeerd. "
        "Wacht even en probeer het over {seconds} seconden opnieuw.",
        "Many wrong passwords were tried for this account. "
        "Wait a moment and try again in {seconds} seconds.",
    ),
    "wrong_password": ("Je huidige wachtwoord klopt niet.", "Your current password is wrong."),
    "password_too_short": (
        "Kies een wachtwoord van minstens {min} tekens.",
        "Choose a password of at least {min} characters.",
    ),
    "invalid_email": ("Vul een geldig e-mailadres in.", "Enter a valid email address."),
    "name_required": ("Vul een naam in.", "Enter a name."),
    "invalid_role": ("Deze rol bestaat niet.", "This role does not exist."),
    "company_required": (
        "Een praktijkopleider hoort bij een leerbedrijf: kies het bedrijf.",
        "A praktijkopleider belongs to a company: choose the company.",
    ),
    "company_elsewhere": (
        "Dit bedrijf hoort niet bij deze school.",
        "This company does not belong to this school.",
    ),
    "email_taken": (
        "Er is al een account met dit e-mailadres.",
        "An account with this email address exists already.",
    ),
    "cross_site_request": (
        "Dit verzoek kwam van een andere website en is geweigerd.",
        "This request came from another website and was refused.",
    ),
    "invalid_json": (
        "De gegevens zijn geen geldige JSON.",
        "The data sent is not valid JSON.",
    ),
    "json_too_deep": (
        "De gegevens zijn te diep genest (meer dan {max} lagen).",
        "The data sent is nested too deeply (more than {max} levels).",
    ),
    "json_number_too_long": (
        "Een getal in de gegevens is te lang (meer dan {max} cijfers).",
        "A number in the data sent is too long (more than {max} digits).",
    ),
    "invalid_client_id": (
        "Dit id klopt niet. Gebruik een UUID van versie 4 of 7, met kleine letters, "
        "in de vorm 8-4-4-4-12, zoals 3f2b8c1e-5d4a-4b7e-9c0d-1a2b3c4d5e6f.",
        "This id is not valid. Use a UUID of version 4 or 7, in lower case, "
        "in the form 8-4-4-4-12, such as 3f2b8c1e-5d4a-4b7e-9c0d-1a2b3c4d5e6f.",
    ),
    "conflict": ("Dit botst met wat er al is.", "This conflicts with what is already there."),
    "integrity_error": (
        "Dit botst met wat er al is opgeslagen.",
        "This conflicts with what is already stored.",
    ),
    "if_match_required": (
        "Stuur de versie mee waarop je wijziging is gebaseerd (If-Match).",
        "Send the version your change is based on (If-Match).",
    ),
    "version_mismatch": (
        # Often the same student on a second device, so do not blame "someone else".
        "Dit is intussen gewijzigd (op een ander apparaat of door iemand anders). "
        "Kies welke versie je wilt houden.",
        "This was changed in the meantime. Choose which version to keep.",
    ),
    "idempotency_key_reused": (
        "Deze bewerking is al eens met andere gegevens verstuurd.",
        "This operation was already sent with different data.",
    ),
    "id_conflict": (
        "Er bestaat al een andere registratie met dit id.",
        "Another entry with this id already exists.",
    ),
    "pok_not_signed": (
        "Je kunt pas uren schrijven als je praktijkovereenkomst (POK) getekend is.",
        "You can log hours only once your placement contract (POK) is signed.",
    ),
    "end_before_start": (
        "De eindtijd moet na de begintijd liggen.",
        "The end time must be after the start time.",
    ),
    "outside_pok_period": (
        "Deze datum valt buiten je stageperiode ({start} t/m {end}).",
        "This date is outside your placement period ({start} to {end}).",
    ),
    "date_in_future": (
        "Je kunt geen uren schrijven voor een dag die nog moet komen.",
        "You cannot log hours for a day that has not happened yet.",
    ),
    "overlap": (
        "Deze tijd overlapt met een andere registratie op die dag ({start}-{end}).",
        "This time overlaps another entry on that day ({start}-{end}).",
    ),
    "daily_cap_exceeded": (
        "Je mag maximaal {cap} uur '{category}' per dag schrijven. Zet de rest onder '{overflow}'.",
        "At most {cap} hours of '{category}' per day. Put the rest under '{overflow}'.",
    ),
    "unknown_category": ("Deze activiteit bestaat niet.", "This activity category does not exist."),
    "week_locked": (
        "Deze week is {status_nl} en kan niet meer worden gewijzigd.",
        "This week is {status_en} and can no longer be changed.",
    ),
    "week_empty": (
        "Deze week heeft nog geen uren. Er is niets om in te leveren.",
        "This week has no hours yet. There is nothing to submit.",
    ),
    "invalid_transition": (
        "Dit kan niet: de week is {status_nl}.",
        "Not possible: the week is {status_en}.",
    ),
    "week_withdrawn": (
        "De student heeft deze week teruggehaald. Er valt nu niets te beoordelen.",
        "The student withdrew this week. There is nothing to decide now.",
    ),
    "comment_required": (
        "Schrijf erbij waarom je de week afkeurt.",
        "Say why you reject the week.",
    ),
    "invalid_week": (
        "Dit is geen geldige week. Gebruik de vorm 2026-W47.",
        "Not a valid week. Use the form 2026-W47.",
    ),
    # Privacy (app/services/privacy.py).
    "gone": ("Dit is er niet meer.", "This is no longer there."),
    "export_not_ready": (
        "Je download wordt nog gemaakt. Probeer het zo opnieuw.",
        "Your download is still being made. Try again in a moment.",
    ),
    "export_failed": (
        "Het maken van de download is niet gelukt. Vraag een nieuwe aan.",
        "Making the download failed. Ask for a new one.",
    ),
    "export_expired": (
        "Deze download is verlopen en verwijderd. Vraag een nieuwe aan.",
        "This download has expired and was deleted. Ask for a new one.",
    ),
    "link_invalid": (
        "Deze downloadlink klopt niet (meer). Vraag een nieuwe link aan.",
        "This download link is not valid (any more). Ask for a new link.",
    ),
    "link_expired": (
        "Deze downloadlink is verlopen. Vraag een nieuwe link aan.",
        "This download link has expired. Ask for a new link.",
    ),
    "too_many_copies": (
        "Je kunt {max} downloads per dag laten maken. Probeer het morgen opnieuw.",
        "You can have {max} downloads made a day. Try again tomorrow.",
    ),
    "third_party_copy_by_coordinator": (
        "Alleen de bpv-coördinator kan een kopie voor iemand anders maken.",
        "Only the placement coordinator can make a copy for someone else.",
    ),
    "erasure_students_only": (
        "Verwijderen kan hier alleen voor studenten. Vraag het de school.",
        "Erasure can be asked here for students only. Ask the school.",
    ),
    "erasure_request_decided": (
        "Over dit verzoek is al besloten.",
        "This request has been decided already.",
    ),
    "decline_reason_required": (
        "Schrijf erbij waarom je het verzoek afwijst.",
        "Say why you decline the request.",
    ),
    # Photos (#9)
    "photo_empty": (
        "Er zat geen foto in het verzoek.",
        "The request held no photo.",
    ),
    "photo_not_an_image": (
        "Dit bestand is geen foto die we aannemen. Kies een JPEG-, PNG-, WebP- of HEIC-foto.",
        "This file is not a photo we take. Choose a JPEG, PNG, WebP or HEIC photo.",
    ),
    "photo_damaged": (
        "Deze foto is beschadigd of niet helemaal aangekomen. Maak of kies hem opnieuw.",
        "This photo is damaged or did not arrive whole. Take or choose it again.",
    ),
    "photo_too_many_pixels": (
        "Deze foto is te groot: meer dan {max} megapixel. Kies een kleinere.",
        "This photo is too large: more than {max} megapixels. Choose a smaller one.",
    ),
    "photo_checksum_mismatch": (
        "De foto kwam niet goed aan: de controlecode klopt niet. Verstuur hem opnieuw.",
        "The photo did not arrive intact: its checksum does not match. Send it again.",
    ),
    "photo_quota_reached": (
        "Je ruimte voor foto's is vol ({max} MB). Verwijder foto's die je niet meer nodig hebt. "
        "Dan kun je weer nieuwe bewaren.",
        "Your space for photos is full ({max} MB). Delete photos you no longer need, "
        "then you can keep new ones.",
    ),
    "photo_unknown_entry": (
        "Deze urenregel hoort niet bij deze stage, of is verwijderd.",
        "This hour entry is not part of this placement, or was deleted.",
    ),
}

WEEK_STATUS_WORDS = {
    "open": ("open", "open"),
    "submitted": ("ingeleverd", "submitted"),
    "approved": ("goedgekeurd", "approved"),
    "rejected": ("afgekeurd", "rejected"),
}


def translate(code, locale="nl", default=None, **params):
    pair = MESSAGES.get(code)
    if pair is None:
        return default or code
    text = pair[1] if locale == "en" else pair[0]
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text


# Evidence (#9): werkprocessen, evidence links, STARRT, goals, moments, notes.
from app.messages_evidence import EVIDENCE_MESSAGES  # noqa: E402

MESSAGES.update(EVIDENCE_MESSAGES)
