"""The phone app's UI strings: split into areas (i18n.js), complete, and loaded where shown.

A string missing from what a screen loaded shows its key ("chat.title") instead of words, and
only the one screen in the one language would show it; these checks read every module and
template instead. A key is "used" by a file when it appears there as a quoted literal, or
when the file builds it from a quoted or template-literal prefix ("week.status." + s).
"""

import json
import re

import pytest

from app.pwa import PAGES, STATIC, TEMPLATES, page_modules, string_areas, translate

JS = STATIC / "js"
I18N = JS / "i18n"
LANGUAGES = ["nl", "en"]
KEY = re.compile(r"""['"]([a-z][\w-]*(?:\.[\w-]+)+)['"]""")
PREFIXES = [
    re.compile(r"`([a-z][\w-]*(?:\.[\w-]+)*\.)\$\{"),  # `week.status.${s}`
    re.compile(r"""['"]([a-z][\w-]*(?:\.[\w-]+)*\.)['"]\s*[+~]"""),  # 'a.' + x, Jinja 'a.' ~ x
]


def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    doubled = sorted({k for k in keys if keys.count(k) > 1})
    assert not doubled, f"keys given twice: {doubled}"
    return dict(pairs)


def area_strings(code, area):
    text = (I18N / code / f"{area}.js").read_text(encoding="utf-8")
    body = text[text.index("{") : text.rindex("}") + 1]
    return json.loads(body, object_pairs_hook=_no_duplicates)


def areas(code):
    return sorted(p.stem for p in (I18N / code).glob("*.js"))


AREA_OF = {key: area for area in areas("nl") for key in area_strings("nl", area)}


def keys_in(text):
    found = {k for k in KEY.findall(text) if k in AREA_OF}
    for pattern in PREFIXES:
        for prefix in pattern.findall(text):
            found |= {k for k in AREA_OF if k.startswith(prefix)}
    return found


def modules():
    return sorted(p.relative_to(JS).as_posix() for p in JS.rglob("*.js") if I18N not in p.parents)


def missing(keys, loaded):
    return sorted(k for k in keys if AREA_OF[k] != "core" and AREA_OF[k] not in loaded)


def test_both_languages_have_the_same_areas_and_keys():
    assert areas("nl") == areas("en")
    assert "core" in areas("nl") and len(areas("nl")) > 1
    for area in areas("nl"):
        nl, en = area_strings("nl", area), area_strings("en", area)
        assert sorted(nl) == sorted(en), area
        for key, value in nl.items():
            assert type(value) is type(en[key]), key
            assert value and en[key], key


@pytest.mark.parametrize("name", modules())
def test_a_module_asks_for_the_areas_of_the_strings_it_shows(name):
    source = (JS / name).read_text(encoding="utf-8")
    assert missing(keys_in(source), set(string_areas(name))) == []
    assert set(string_areas(name)) <= set(areas("nl")), "an area that has no file"


@pytest.mark.parametrize("url", sorted(PAGES))
def test_a_page_loads_the_strings_its_template_shows(url):
    """For a language other than Dutch the page's own markup is translated on load."""
    _endpoint, page, title_key = PAGES[url]
    loaded = {m.split("/")[-1][:-3] for m in page_modules(page) if m.startswith("i18n/nl/")}
    template = (TEMPLATES / f"{page}.html").read_text(encoding="utf-8")
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    assert missing(keys_in(template) | keys_in(base) | {title_key}, loaded) == []


def test_every_string_is_used_somewhere():
    used = set()
    for name in modules():
        used |= keys_in((JS / name).read_text(encoding="utf-8"))
    for path in TEMPLATES.glob("*.html"):
        used |= keys_in(path.read_text(encoding="utf-8"))
    for path in (STATIC.parent.parent).rglob("*.py"):
        used |= keys_in(path.read_text(encoding="utf-8"))
    assert sorted(set(AREA_OF) - used) == []


def test_the_service_workers_modules_ask_for_no_strings():
    """A module service worker may not use top-level await, which `await useStrings` is."""
    for root in ("outbox.js", "push-renew.js"):
        seen, todo = set(), [root]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            assert string_areas(name) == [], name
            source = (JS / name).read_text(encoding="utf-8")
            base = name.rsplit("/", 1)[0] if "/" in name else ""
            for rel in re.findall(r"""^import\s[^'"]*?from\s+['"](\.[^'"]+)['"]""", source, re.M):
                todo.append(str((JS / base / rel).resolve().relative_to(JS)))
        assert "kinds/registry.js" in seen or root == "push-renew.js"


def test_the_home_screen_loads_only_the_core_strings():
    assert [m for m in page_modules("home") if m.startswith("i18n/")] == ["i18n/nl/core.js"]
    assert "i18n/nl/trainer.js" in page_modules("trainer")


def test_the_server_picks_the_plural_form():
    assert translate("logout.unsent.title", n=1) == "1 item is nog niet verzonden"
    assert translate("logout.unsent.title", n=2) == "2 items zijn nog niet verzonden"
    assert translate("trainer.approve.title", n=1) == "1 week goedkeuren?"
    assert translate("app.name") == "Stagewijs"
