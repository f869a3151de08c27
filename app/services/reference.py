"""Reference data every install needs: the nine activity categories of the OnStage manual."""

from app.models import ActivityCategory

# (code, Dutch, English, counts toward BPV hours, daily cap in minutes, where overflow goes)
CATEGORIES = [
    (1, "Stage werkzaamheden", "Internship work", True, 9 * 60, 2),
    (2, "Overuren stage werkzaamheden", "Internship overtime", True, None, None),
    (3, "Officieel schoolexamen", "Official school exam", False, None, None),
    (4, "Verlof (buitengewoon)", "Special leave", False, None, None),
    (5, "Dokter/tandarts", "Doctor/dentist", False, None, None),
    (6, "Verlofdag", "Day off", False, None, None),
    (7, "Ziek", "Sick", False, None, None),
    (8, "Terugkomdag school", "School return day", False, None, None),
    (9, "Nationale feestdagen", "Public holiday", False, None, None),
]


def ensure_categories():
    """Insert the categories that are missing; never overwrite a school's own choices."""
    existing = {c.code for c in ActivityCategory.select(ActivityCategory.code)}
    for code, nl, en, counts, cap, overflow in CATEGORIES:
        if code not in existing:
            ActivityCategory.create(
                code=code,
                name_nl=nl,
                name_en=en,
                counts_toward_hours=counts,
                daily_cap_minutes=cap,
                overflow_code=overflow,
            )
