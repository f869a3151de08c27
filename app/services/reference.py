"""Reference data every install needs: the nine activity categories of the OnStage manual."""

import time

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
            _cache["by_code"] = {}
            ActivityCategory.create(
                code=code,
                name_nl=nl,
                name_en=en,
                counts_toward_hours=counts,
                daily_cap_minutes=cap,
                overflow_code=overflow,
            )
    # Evidence (#9): the kwalificatiedossiers' werkprocessen are reference data as well.
    from app.services.kd_data import ensure_kwalificaties

    ensure_kwalificaties()


_cache = {"key": None, "at": 0.0, "by_code": {}}
CACHE_SECONDS = 60


def categories_by_code():
    """{code: ActivityCategory}, cached per worker for a minute.

    Every hour-entry write needs them; they change perhaps once a year, and a minute's delay
    after a school changes which categories count is harmless.
    """
    from app.extensions import db

    now = time.monotonic()
    key = id(db.obj)
    if _cache["key"] != key or now - _cache["at"] > CACHE_SECONDS or not _cache["by_code"]:
        _cache["by_code"] = {c.code: c for c in ActivityCategory.select()}
        _cache.update(key=key, at=now)
    return _cache["by_code"]


def category_code(category_id):
    """The code of a category id, from the cache (no query per entry when dumping lists)."""
    for code, category in categories_by_code().items():
        if category.id == category_id:
            return code
    return None
