"""Schools, programmes and companies: organisations, not people."""

from app.models import Company, Institution, Programme
from app.privacy.registry import NoPersonalData, declare

declare(NoPersonalData(Institution, "An organisation: the school's name."))
declare(NoPersonalData(Programme, "A programme (opleiding): its name and crebo code."))
declare(
    NoPersonalData(
        Company,
        "An organisation (leerbedrijf): name, city, accreditation. The people who work there "
        "are users, declared with User.",
    )
)
